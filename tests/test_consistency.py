from ie.document import Span
from ie.studio import consistency
from ie.studio.tasks import load_dir, make_task, set_annotation
from ie.gold import ANNOTATIONS

SENTENCE = "目前已汇集了60个单位的主动公开的政府信息。开设政务公开栏"


def _task(doc_id, text, spans):
    return set_annotation(make_task(doc_id, text), spans, "annotator-a")


def _unit(text, metric):
    start = text.index(metric)
    return [Span(text.index("60个"), text.index("60个") + 3, "VALUE"), Span(start, start + len(metric), "METRIC")]


def test_the_same_phrase_with_other_boundaries_is_reported_both_ways():
    a = _task("a", "一、" + SENTENCE, _unit("一、" + SENTENCE, "单位的主动公开的政府信息"))
    b = _task("b", "二、" + SENTENCE, _unit("二、" + SENTENCE, "单位"))
    found = consistency.variations({"a": a, "b": b})
    assert {(v.tagged_in, v.differs_in, v.found) for v in found} == {
        ("a", "b", "METRIC[单位]"),
        ("b", "a", "METRIC[单位的主动公开的政府信息]"),
    }
    assert {v.phrase for v in found} == {"60个[单位]的主动", "60个[单位的主动公开的政府信息]。开设"}


def test_agreeing_documents_and_unmarked_places():
    text = "一、" + SENTENCE
    tagged = _task("a", text, _unit(text, "单位"))
    assert consistency.variations({"a": tagged, "b": _task("b", text, _unit(text, "单位"))}) == []
    untagged = _task("c", text, [])
    assert consistency.variations({"a": tagged, "c": untagged}) == []  # a heading may repeat a phrase
    assert {v.differs_in for v in consistency.variations({"a": tagged, "c": untagged}, unmarked=True)} == {"c"}


def _spans(text, *tagged):
    return [Span(text.index(words, after), text.index(words, after) + len(words), label) for words, label, after in tagged]


def test_a_metric_tagged_on_the_heading_instead_of_its_sentence():
    text = "二、主动公开政府信息情况（一）主动公开政府信息的数量2018年主动公开政府信息5条。"
    on_heading = _task("a", text, _spans(text, ("主动公开政府信息", "METRIC", 0), ("5条", "VALUE", 0)))
    in_sentence = _task("b", text, _spans(text, ("主动公开政府信息", "METRIC", 30), ("5条", "VALUE", 0)))
    assert [(v.tagged_in, v.phrase) for v in consistency.misplaced({"a": on_heading, "b": in_sentence})] == [
        ("a", "[主动公开政府信息]…2018年主动公开政府信息5条")]
    objects = "发布10条信息。推进安全信息公开，发布5条"  # the object after its value is not checked
    assert consistency.misplaced({"c": _task("c", objects, _spans(
        objects, ("10条", "VALUE", 0), ("信息", "METRIC", 0), ("5条", "VALUE", 0)))}) == []


def test_the_gold_set_is_consistent(capsys):
    assert consistency.main([str(ANNOTATIONS)]) == 0, capsys.readouterr().out
