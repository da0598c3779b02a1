"""The Label Studio task format, its validator and the ⟦M:…⟧ markup (ie.studio)."""

import json
import random
import shutil

import pytest

from ie.document import Span
from ie.studio import markup, tasks, validate
from ie.studio.markup import parse, render
from ie.studio.tasks import load_dir, load_task, make_task, save_task, set_annotation, task_spans
from ie.studio.validate import validate_task

# A CJK Extension B character and an emoji: one code point each, two UTF-16 units.
TEXT = "本年度受理有效诉求25914件，办结率达98%。\n𠀋本年度未收到申请。😀全年主动公开政府信息2994条。\n"
GOLD = [
    Span(3, 9, "METRIC"), Span(9, 15, "VALUE"), Span(16, 19, "METRIC"), Span(20, 23, "VALUE"),
    Span(29, 30, "ZERO"), Span(30, 34, "METRIC"),
]


@pytest.fixture
def corpus(tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    (directory / "r001.txt").write_bytes(TEXT.encode("utf-8"))
    return directory


@pytest.fixture
def task():
    t = make_task("r001", TEXT, predictions=GOLD[:3], model_version="rules-0.1")
    return set_annotation(t, GOLD, "annotator-a")


def test_gold_fixture_matches_text():
    assert [TEXT[s.start : s.end] for s in GOLD] == ["受理有效诉求", "25914件", "办结率", "98%", "未", "收到申请"]


# --- markup ---------------------------------------------------------------------------------

def test_render_and_parse_round_trip():
    marked = render(TEXT, GOLD)
    assert marked.startswith("本年度⟦M:受理有效诉求⟧⟦V:25914件⟧，⟦M:办结率⟧达⟦V:98%⟧。\n𠀋本年度⟦Z:未⟧⟦M:收到申请⟧。😀")
    assert parse(marked) == (TEXT, GOLD)


def test_round_trip_random_spans():
    rng = random.Random(0)
    text = TEXT * 3
    for _ in range(200):
        cuts = sorted(rng.sample(range(len(text) + 1), 8))
        spans = [Span(a, b, rng.choice(["METRIC", "VALUE", "ZERO"]))
                 for a, b in zip(cuts[::2], cuts[1::2]) if "\n" not in text[a:b]]
        assert parse(render(text, spans)) == (text, spans)


@pytest.mark.parametrize("bad, message", [
    ("a\nb⟦M:c", "line 2"),
    ("a\n\nb⟧", "line 3"),
    ("⟦X:abc⟧", "line 1"),
    ("⟦Mabc⟧", "line 1"),
    ("⟦M:a⟦V:1⟧⟧", "nest"),
    ("⟦M:ab\ncd⟧", "line 1"),
    ("x\n⟦M:⟧", "empty"),
])
def test_parse_rejects_malformed_markup(bad, message):
    with pytest.raises(ValueError, match=message):
        parse(bad)


@pytest.mark.parametrize("spans", [
    [Span(0, 5, "METRIC"), Span(4, 6, "VALUE")],
    [Span(20, 26, "METRIC")],  # crosses the line break
    [Span(0, 1, "OTHER")],
    [Span(3, 3, "VALUE")],
])
def test_render_rejects_spans_it_cannot_round_trip(spans):
    with pytest.raises(ValueError):
        render(TEXT, spans)


# --- tasks ----------------------------------------------------------------------------------

def test_make_task_shape(task):
    assert task["data"] == {"text": TEXT, "doc_id": "r001"}
    region = task["annotations"][0]["result"][0]
    assert region["from_name"] == "label" and region["to_name"] == "text" and region["type"] == "labels"
    assert region["value"] == {"start": 3, "end": 9, "text": "受理有效诉求", "labels": ["METRIC"]}
    assert task["predictions"][0]["model_version"] == "rules-0.1"
    assert task_spans(task, "predictions") == GOLD[:3]
    assert '<Labels name="label" toName="text">' in tasks.LABEL_CONFIG
    assert '<Text name="text" value="$text"/>' in tasks.LABEL_CONFIG


def test_save_load_round_trip_is_byte_stable(task, tmp_path):
    path = tmp_path / "r001.json"
    save_task(task, path)
    raw = path.read_bytes()
    assert "受理有效诉求".encode("utf-8") in raw  # ensure_ascii=False
    assert load_task(path) == task
    save_task(load_task(path), path)
    assert path.read_bytes() == raw
    assert task_spans(load_task(path), annotator="annotator-a") == GOLD


def test_set_annotation_keeps_predictions_and_other_annotators(task):
    second = set_annotation(task, GOLD[:2], "annotator-b")
    assert task_spans(second, annotator="annotator-b") == GOLD[:2]
    assert task_spans(second, annotator="annotator-a") == GOLD
    corrected = set_annotation(second, GOLD[1:], "annotator-a")
    assert task_spans(corrected, annotator="annotator-a") == GOLD[1:]
    assert corrected["annotations"][1] == second["annotations"][1]
    assert corrected["predictions"] == task["predictions"]
    assert [a["id"] for a in corrected["annotations"]] == [a["id"] for a in second["annotations"]]
    assert task_spans(task, annotator="annotator-a") == GOLD  # the input is not modified
    with pytest.raises(LookupError):
        task_spans(task, annotator="nobody")


def test_load_dir_skips_non_task_files(task, tmp_path):
    save_task(task, tmp_path / "r001.json")
    (tmp_path / "split.json").write_text(json.dumps({"train": ["r001"]}))
    assert list(load_dir(tmp_path)) == ["r001"]


# --- validator ------------------------------------------------------------------------------

def test_valid_task_has_no_problems(task, corpus):
    assert validate_task(task, corpus) == []


def region(task, i=0):
    return task["annotations"][0]["result"][i]


def _text_changed(t):
    t["data"]["text"] = t["data"]["text"].replace("25914", "25915")


def _label(name):
    def change(t):
        region(t)["value"]["labels"] = name
    return change


def _set(key, value, i=0):
    def change(t):
        region(t, i)[key] = value
    return change


def _offsets(start, end):
    def change(t):
        region(t)["value"].update(start=start, end=end, text=TEXT[max(start, 0) : end])
    return change


def _overlap(t):
    region(t, 1)["value"].update(start=8, text=TEXT[8:15])


def _second_region_id(t):
    region(t, 1)["id"] = region(t, 0)["id"]


@pytest.mark.parametrize("change, problem", [
    (lambda t: t["data"].pop("doc_id"), "doc_id missing"),
    (lambda t: t["data"].update(doc_id="r999"), "no corpus file"),
    (_text_changed, "differs"),
    (_set("from_name", "labels"), "from_name"),
    (_set("to_name", "txt"), "to_name"),
    (_set("type", "choices"), "type"),
    (_label(["PERSON"]), "unknown label"),
    (_label(["METRIC", "VALUE"]), "exactly one label"),
    (_label([]), "exactly one label"),
    (_offsets(-1, 3), "bad offsets"),
    (_offsets(5, 5), "bad offsets"),
    (_offsets(3, len(TEXT) + 1), "bad offsets"),
    (lambda t: region(t)["value"].update(text="受理有效"), "value.text"),
    (_overlap, "overlaps"),
    (_offsets(20, 26), "line break"),
    (_offsets(30, 37), "sentence end"),  # 收到申请。😀全
    (_second_region_id, "duplicate id"),
    (lambda t: t["annotations"][1].update(id=1), "annotation ids"),
    (lambda t: t["annotations"][1].update(completed_by="annotator-a"), "same completed_by"),
])
def test_validator_catches(task, corpus, change, problem):
    task = set_annotation(task, GOLD[:1], "annotator-b")
    assert validate_task(task, corpus) == []
    change(task)
    problems = validate_task(task, corpus)
    assert any(problem in p for p in problems), problems


def test_validator_checks_predictions_too(task, corpus):
    task["predictions"][0]["result"][0]["value"]["labels"] = ["VALUES"]
    assert any("predictions[0]" in p and "unknown label" in p for p in validate_task(task, corpus))


def test_a_span_may_end_with_a_sentence_end(task, corpus):
    task = set_annotation(task, [Span(20, 24, "VALUE")], "annotator-a")  # "98%。"
    assert validate_task(task, corpus) == []


def test_validate_cli(task, corpus, tmp_path, capsys):
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    save_task(task, annotations / "r001.json")
    (annotations / "split.json").write_text('{"train": ["r001"]}')
    args = [str(annotations), "--corpus", str(corpus)]
    assert validate.main(args) == 0
    assert capsys.readouterr().out.strip().endswith("1 documents, 6 spans, 0 problems")

    (annotations / "r002.json").write_text('{"data": ')
    bad = json.loads((annotations / "r001.json").read_text())
    bad["annotations"][0]["result"][0]["value"]["labels"] = ["X"]
    (annotations / "r001.json").write_text(json.dumps(bad))
    assert validate.main(args) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.endswith("unknown label 'X'") and "r001.json: " in line for line in out)
    assert any("r002.json: cannot read as UTF-8 JSON" in line for line in out)
    assert out[-1] == "1 documents, 6 spans, 2 problems"


# --- markup CLI -----------------------------------------------------------------------------

def test_markup_export_import_round_trip(task, tmp_path):
    path, out = tmp_path / "r001.json", tmp_path / "r001.txt"
    save_task(task, path)
    assert markup.main(["export", str(path), str(out), "--from", "predictions"]) == 0
    assert parse(out.read_text(encoding="utf-8")) == (TEXT, GOLD[:3])
    out.write_text(out.read_text(encoding="utf-8").replace("达98%", "达⟦V:98%⟧"), encoding="utf-8")
    assert markup.main(["import", str(out), str(path), "--annotator", "annotator-b"]) == 0
    saved = load_task(path)
    assert task_spans(saved, annotator="annotator-b") == GOLD[:4]
    assert task_spans(saved, annotator="annotator-a") == GOLD
    assert saved["predictions"] == task["predictions"]


@pytest.mark.parametrize("edit, message", [
    (lambda m: m.replace("25914", "25915"), "line 1, column"),
    (lambda m: m.replace("主动公开", "主动 公开"), "line 2, column"),
    (lambda m: m + "\n", "line 3"),
    (lambda m: m.replace("⟦V:98%⟧", "⟦V:98%"), "line 1: ⟦ is not closed"),
    (lambda m: m.replace("⟦M:收到申请⟧。😀全年", "⟦M:收到申请。😀全年⟧"), "sentence end"),
])
def test_markup_import_refuses_and_leaves_task_untouched(task, tmp_path, capsys, edit, message):
    path, out = tmp_path / "r001.json", tmp_path / "r001.txt"
    save_task(task, path)
    before = path.read_bytes()
    assert markup.main(["export", str(path), str(out), "--annotator", "annotator-a"]) == 0
    out.write_bytes(edit(out.read_bytes().decode("utf-8")).encode("utf-8"))
    assert markup.main(["import", str(out), str(path), "--annotator", "annotator-a"]) == 1
    error = capsys.readouterr().err
    assert message in error and len(error.strip().splitlines()) == 1, error
    assert path.read_bytes() == before


def test_preannotation_adds_its_prediction_and_never_touches_the_human_pass(tmp_path):
    from ie.gold import ANNOTATIONS
    from ie.rules import RuleTagger
    from ie.studio.preannotate import preannotate

    shutil.copy(ANNOTATIONS / "seed-001.json", tmp_path / "seed-001.json")
    before = tasks.load_task(tmp_path / "seed-001.json")
    tagger = RuleTagger()
    tagger.name = "rules-test"
    assert preannotate([tasks.CORPUS_DIR / "seed-001.txt"], tmp_path, tagger) == 1
    after = tasks.load_task(tmp_path / "seed-001.json")
    assert after["annotations"] == before["annotations"]
    assert after["predictions"][: len(before["predictions"])] == before["predictions"]
    added = after["predictions"][-1]
    assert added["model_version"] == "rules-test" and added["result"]
    preannotate([tasks.CORPUS_DIR / "seed-001.txt"], tmp_path, tagger)  # a refresh replaces, never piles up
    assert len(tasks.load_task(tmp_path / "seed-001.json")["predictions"]) == len(after["predictions"])
