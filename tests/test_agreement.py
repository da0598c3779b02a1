"""Agreement between two annotation passes, and the disagreements to adjudicate."""

import pytest

from ie.document import Span
from ie.studio.agreement import agreement, disagreements, main
from ie.studio.tasks import make_task, save_task, set_annotation

TEXT = "全年主动公开政府信息2994条，受理申请5件。\n本年度未收到行政复议申请。"
#       0 2       10   15 16  20 22
A = [Span(2, 10, "METRIC"), Span(10, 15, "VALUE"), Span(16, 20, "METRIC"), Span(20, 22, "VALUE"),
     Span(27, 28, "ZERO"), Span(28, 36, "METRIC")]
B = [Span(4, 10, "METRIC"), Span(10, 15, "VALUE"), Span(16, 20, "METRIC"), Span(20, 22, "VALUE"),
     Span(27, 28, "ZERO"), Span(28, 34, "METRIC")]


def _task(doc_id, *passes):
    task = make_task(doc_id, TEXT)
    for name, spans in passes:
        task = set_annotation(task, spans, name)
    return task


def test_span_f1_per_label_over_the_documents_with_both_passes():
    tasks = {"d1": _task("d1", ("annotator-a", A), ("annotator-b", B)), "d2": _task("d2", ("annotator-a", A))}
    scores, docs = agreement(tasks, "annotator-a", "annotator-b")
    assert docs == ["d1"]
    assert scores["METRIC"] == {"agree": 1, "a": 3, "b": 3, "f1": pytest.approx(1 / 3)}
    assert scores["VALUE"]["f1"] == scores["ZERO"]["f1"] == 1.0
    assert scores["ALL"] == {"agree": 4, "a": 6, "b": 6, "f1": pytest.approx(4 / 6)}


def test_each_disagreement_is_shown_in_both_passes_markup_without_cutting_a_span():
    found = disagreements(TEXT, A, B, context=2)
    assert found == [
        (1, "全年⟦M:主动公开政府信息⟧⟦V:2994条⟧", "全年主动⟦M:公开政府信息⟧⟦V:2994条⟧"),
        (2, "度⟦Z:未⟧⟦M:收到行政复议申请⟧。", "度⟦Z:未⟧⟦M:收到行政复议⟧申请。"),
    ]
    assert disagreements(TEXT, A, A) == []


def test_the_command_prints_the_scores_and_with_show_the_disagreements(tmp_path, capsys):
    save_task(_task("d1", ("annotator-a", A), ("annotator-b", B)), tmp_path / "d1.json")
    assert main([str(tmp_path), "--show"]) == 0
    out = capsys.readouterr().out
    assert "1 documents annotated by both: d1" in out
    assert "d1:2\n  annotator-a: 本年度⟦Z:未⟧⟦M:收到行政复议申请⟧" in out
    assert "METRIC        1            3            3  0.333" in out
