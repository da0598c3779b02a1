"""The gold set as shipped: valid, complete, split by issuer, its data card current."""

from ie.gold import ANNOTATIONS, read_split
from ie.studio import datacard, validate
from ie.studio.tasks import CORPUS_DIR, load_dir

def test_every_annotation_passes_the_validator(capsys):
    assert validate.main([str(ANNOTATIONS), "--corpus", str(CORPUS_DIR)]) == 0, capsys.readouterr().out


def test_every_corpus_report_is_annotated_and_in_one_split():
    reports = {p.stem for p in CORPUS_DIR.glob("*.txt")}
    tasks = load_dir(ANNOTATIONS)
    gold = {doc_id for doc_id, t in tasks.items() if any(a.get("completed_by") == "annotator-a" for a in t["annotations"])}
    assert reports and reports <= gold, sorted(reports - gold)
    split = read_split()
    placed = [doc_id for name in ("train", "dev", "test") for doc_id in split[name]]
    assert sorted(placed) == sorted(set(placed)) == sorted(reports)


def test_no_issuer_group_straddles_two_splits_and_test_has_unseen_issuers():
    documents = datacard.read_documents()
    split = read_split()
    groups = {name: {documents[d]["issuer_group"] for d in split[name]} for name in split}
    assert not groups["train"] & groups["dev"]
    assert not groups["train"] & groups["test"]
    assert not groups["dev"] & groups["test"]
    assert len(groups["test"]) >= 5


def test_the_data_card_is_up_to_date(capsys):
    assert datacard.main(["--check"]) == 0, capsys.readouterr().err
