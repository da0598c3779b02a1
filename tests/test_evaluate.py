"""Scoring: exact-span F1 and the error categories used for error analysis."""

import json

from ie.document import Document, Span
from ie.evaluate import GoldTagger, evaluate, span_errors


def test_span_errors_tell_boundary_missed_and_spurious_apart():
    gold = [Span(0, 4, "METRIC"), Span(4, 8, "VALUE"), Span(10, 12, "METRIC"), Span(20, 21, "ZERO")]
    pred = [Span(1, 4, "METRIC"), Span(4, 8, "VALUE"), Span(14, 16, "METRIC"), Span(20, 21, "METRIC")]
    kinds = sorted((kind, span.label if span else None, [(p.start, p.end) for p in found])
                   for kind, span, found in span_errors(gold, pred))
    assert kinds == [
        ("boundary", "METRIC", [(1, 4)]),
        ("missed", "METRIC", []),
        ("missed", "ZERO", []),
        ("spurious", None, [(14, 16)]),
        ("spurious", None, [(20, 21)]),
    ]


def test_gold_spans_score_one_and_a_shifted_span_scores_below():
    text = "全年受理有效诉求25914件，办结率98%。"
    gold = [Span(2, 8, "METRIC"), Span(8, 14, "VALUE"), Span(15, 18, "METRIC"), Span(18, 21, "VALUE")]
    doc = Document(text, path="x")
    doc.spans = gold
    perfect = evaluate(GoldTagger(gold), [doc])
    assert perfect["spans"]["ALL"]["f1"] == 1.0 and perfect["records"]["f1"] == 1.0
    assert json.loads(json.dumps(perfect)) == perfect  # benchmarks save the scores as JSON
    shifted = evaluate(GoldTagger([Span(4, 8, "METRIC")] + gold[1:]), [doc])  # 有效诉求: a whole-word miss
    assert shifted["spans"]["METRIC"]["f1"] == 0.5
    assert shifted["spans"]["VALUE"]["f1"] == 1.0


def test_the_accuracy_benchmark_scores_each_document_apart(load_benchmark):
    from ie.evaluate import run
    from ie.segment import segment

    accuracy = load_benchmark("accuracy")

    text = "全年受理有效诉求25914件，办结率98%。"
    gold = [Span(2, 8, "METRIC"), Span(8, 14, "VALUE"), Span(15, 18, "METRIC"), Span(18, 21, "VALUE")]
    docs = []
    for name in ("right", "missed"):
        doc = segment(Document(text, path=name))
        doc.spans = gold
        docs.append(doc)
    outputs = run(GoldTagger(gold), docs[:1]) + run(GoldTagger(gold[1:]), docs[1:])
    quiet = segment(Document("本年度工作平稳推进。", path="quiet"))  # no spans, no records
    quiet.spans = []
    docs.append(quiet)
    outputs += run(GoldTagger([]), [quiet])
    rows = accuracy.document_table(docs, outputs, None).splitlines()[2:]
    assert rows == ["| right | 1.000 | 2 | 1.000 | 1.000 |", "| missed | 0.667 | 2 | 1.000 | 0.667 |",
                    "| quiet | – | 0 | – | – |"]


def test_the_accuracy_benchmark_scores_named_documents(tmp_path, capsys, load_benchmark):
    """``--docs`` scores any gold documents (an out-of-fold issuer group) and refuses unknown ones."""
    import pytest

    from ie.gold import load_gold

    accuracy = load_benchmark("accuracy")
    with pytest.raises(SystemExit, match="no gold annotation for: r999"):
        accuracy.main(["--docs", "seed-001,r999"])
    out = tmp_path / "scores.json"
    assert accuracy.main(["--docs", "seed-001", "--json", str(out), "--bootstrap", "50"]) == 0
    assert capsys.readouterr().out.startswith("documents: 1 documents")
    scores = json.loads(out.read_text())
    gold_metrics = sum(s.label == "METRIC" for s in load_gold(["seed-001"])[0].spans)
    assert scores["model"]["spans"]["METRIC"]["support"] == gold_metrics
    assert scores["model"]["spans"]["METRIC"]["f1"] > scores["rules"]["spans"]["METRIC"]["f1"]
    low, high = scores["model"]["f1_interval_95"]["METRIC"]  # one document: every draw is the same
    assert low == high == pytest.approx(scores["model"]["spans"]["METRIC"]["f1"])


def test_document_counts_add_up_to_seqeval_figures():
    """The per-document counts the bootstrap resamples give, summed, the very F1s ``score`` reports."""
    from ie.evaluate import Counts, document_counts, run, score
    from ie.gold import load_gold
    from ie.rules import RuleTagger

    docs = load_gold(["seed-001", "r101", "r147"])
    outputs = run(RuleTagger(), docs)
    official = score(docs, outputs)
    per_document = document_counts(docs, outputs)
    assert len(per_document) == 3
    for name in ("METRIC", "VALUE", "ZERO", "ALL", "records"):
        total = sum((c[name] for c in per_document), Counts())
        expected = official["records"] if name == "records" else official["spans"][name]
        assert abs(total.f1 - expected["f1"]) < 1e-9, name
        assert total.gold == expected.get("support", expected.get("gold"))
    assert 0 < official["spans"]["METRIC"]["f1"] < 1  # the rules err, so the counts are not trivial


def test_bootstrap_interval_is_a_point_for_alike_documents_and_wide_for_unlike_ones():
    from ie.evaluate import Counts, bootstrap_f1

    alike = [{"METRIC": Counts(8, 10, 10)}] * 5
    assert bootstrap_f1(alike, draws=200) == {"METRIC": (0.8, 0.8)}
    unlike = [{"METRIC": Counts(10, 10, 10)}, {"METRIC": Counts(0, 10, 10)}] * 3
    low, high = bootstrap_f1(unlike, draws=500)["METRIC"]
    assert low < 0.3 and high > 0.7
    assert bootstrap_f1(unlike, draws=500, seed=1) == bootstrap_f1(unlike, draws=500, seed=1)
