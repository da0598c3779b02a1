"""Pairing VALUE/ZERO spans with their METRIC, and the pipeline steps after tagging.

The spans are made by hand over real report sentences, as ../shared/spec/annotation.md tags them,
so these tests check the post-processing alone, whatever the tagger does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ie.document import Document, Record, Span
from ie.keys import KeyMapper, assign_keys
from ie.labels import LABELS
from ie.normalize import normalise
from ie.pairing import pair, pair_sentence
from ie.prune import drop_false_quantities, drop_unpaired_metrics, join_metric_parts, tidy_metrics
from ie.pipeline import Pipeline, merge
from ie.segment import segment

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "seed-001.txt"


def tag(text: str, *items: tuple[str, str]) -> list[Span]:
    """Spans for ``(fragment, label)`` items, each found after the previous one, in order."""
    spans, cursor = [], 0
    for fragment, label in items:
        start = text.index(fragment, cursor)
        spans.append(Span(start, start + len(fragment), label))
        cursor = start + len(fragment)
    return spans


def tidied(text: str, *items: tuple[str, str], labels=("METRIC",)) -> list[str]:
    """The texts of the spans (of ``labels``) that ``tidy_metrics`` leaves of the tagged ``items``."""
    doc = segment(Document(text))
    doc.spans = tag(text, *items)
    return [text[s.start : s.end] for s in tidy_metrics(doc).spans if s.label in labels]


def pairs(text: str, records: list[Record]) -> list[tuple[str | None, str]]:
    """(metric text, value text) of each record."""
    return [
        (text[r.metric_span.start : r.metric_span.end] if r.metric_span else None,
         text[r.value_span.start : r.value_span.end])
        for r in records
    ]


@pytest.fixture(scope="module")
def mapper() -> KeyMapper:
    return KeyMapper.from_yaml()


def after_tagging(text: str, *items: tuple[str, str], mapper: KeyMapper | None = None) -> Document:
    """segment → (hand-made spans) → pair → normalise [→ assign_keys] → merge."""
    doc = segment(Document(text))
    doc.spans = tag(text, *items)
    doc = normalise(pair(doc))
    if mapper is not None:
        doc = assign_keys(doc, mapper)
    return merge(doc)


# ---------------------------------------------------------------------------------------------
# pair_sentence


def test_list_sharing_a_verb_gives_one_pair_per_item():
    text = "共办理依申请公开36件，其中当面申请3132件、网络申请40件、信函申请8件。"
    spans = tag(text, ("办理依申请公开", "METRIC"), ("36件", "VALUE"),
                ("当面申请", "METRIC"), ("3132件", "VALUE"),
                ("网络申请", "METRIC"), ("40件", "VALUE"),
                ("信函申请", "METRIC"), ("8件", "VALUE"))
    assert pairs(text, pair_sentence(text, spans)) == [
        ("办理依申请公开", "36件"),
        ("当面申请", "3132件"),
        ("网络申请", "40件"),
        ("信函申请", "8件"),
    ]


def test_a_value_after_coordinated_metrics_measures_each():
    text = "答复率、满意率均达100%，办结率和回访率3个100%，受理申请5件、答复4件。"
    spans = tag(text, ("答复率", "METRIC"), ("满意率", "METRIC"), ("100%", "VALUE"), ("办结率", "METRIC"),
                ("回访率", "METRIC"), ("3个100%", "VALUE"), ("受理申请", "METRIC"), ("5件", "VALUE"),
                ("答复", "METRIC"), ("4件", "VALUE"))
    assert pairs(text, pair_sentence(text, spans)) == [
        ("答复率", "100%"), ("满意率", "100%"), ("办结率", "3个100%"), ("回访率", "3个100%"),
        ("受理申请", "5件"), ("答复", "4件"),
    ]


def test_a_value_does_not_reach_into_the_parenthesis_after_it():
    text = "复3050件（含上年度结转申请34件）。"
    spans = tag(text, ("3050件", "VALUE"), ("上年度结转申请", "METRIC"), ("34件", "VALUE"))
    assert pairs(text, pair_sentence(text, spans)) == [(None, "3050件"), ("上年度结转申请", "34件")]


def test_value_before_its_object():
    text = "共编辑12期《网络舆情动态》。"
    spans = tag(text, ("12期", "VALUE"), ("网络舆情动态", "METRIC"))
    assert pairs(text, pair_sentence(text, spans)) == [("网络舆情动态", "12期")]


def test_value_before_its_object_beats_an_earlier_metric():
    text = "发布政策解读稿件107篇，共编辑12期《网络舆情动态》，49个政务新媒体。"
    spans = tag(text, ("政策解读稿件", "METRIC"), ("107篇", "VALUE"),
                ("12期", "VALUE"), ("网络舆情动态", "METRIC"),
                ("49个", "VALUE"), ("政务新媒体", "METRIC"))
    assert pairs(text, pair_sentence(text, spans)) == [
        ("政策解读稿件", "107篇"),
        ("网络舆情动态", "12期"),
        ("政务新媒体", "49个"),
    ]


def test_one_metric_with_several_values():
    text = "通过各种形式主动公开各类政府信息15036条，比去年同期增长11%，无论公开的数量和质量都有了大的提升。"
    spans = tag(text, ("主动公开各类政府信息", "METRIC"), ("15036条", "VALUE"), ("11%", "VALUE"))
    assert pairs(text, pair_sentence(text, spans)) == [
        ("主动公开各类政府信息", "15036条"),
        ("主动公开各类政府信息", "11%"),
    ]


def test_zero_over_a_coordinated_list():
    text = "本年度未发生行政复议案、行政诉讼案和申诉案。"
    spans = tag(text, ("未", "ZERO"), ("行政复议案", "METRIC"), ("行政诉讼案", "METRIC"), ("申诉案", "METRIC"))
    assert pairs(text, pair_sentence(text, spans)) == [
        ("行政复议案", "未"),
        ("行政诉讼案", "未"),
        ("申诉案", "未"),
    ]


def test_zero_list_stops_at_a_non_coordinating_gap():
    text = "本年度未收到政府信息公开申请，受理举报投诉4件。"
    spans = tag(text, ("未", "ZERO"), ("收到政府信息公开申请", "METRIC"),
                ("受理举报投诉", "METRIC"), ("4件", "VALUE"))
    assert pairs(text, pair_sentence(text, spans)) == [
        ("收到政府信息公开申请", "未"),
        ("受理举报投诉", "4件"),
    ]


def test_zero_with_one_object():
    text = "2019年全县依申请公开政府信息未收费。"
    spans = tag(text, ("未", "ZERO"), ("收费", "METRIC"))
    assert pairs(text, pair_sentence(text, spans)) == [("收费", "未")]


def test_zero_takes_the_metric_before_when_none_follows():
    text = "因政府信息公开申请行政复议的情况：无。"
    spans = tag(text, ("申请行政复议", "METRIC"), ("无", "ZERO"))
    assert pairs(text, pair_sentence(text, spans)) == [("申请行政复议", "无")]


def test_zero_with_no_metric_at_all_is_kept_unpaired():
    text = "本年度无。"
    spans = tag(text, ("无", "ZERO"))
    assert pairs(text, pair_sentence(text, spans)) == [(None, "无")]


def test_value_with_no_metric():
    text = "共3件。"
    records = pair_sentence(text, tag(text, ("3件", "VALUE")))
    assert pairs(text, records) == [(None, "3件")]
    assert records[0].score == 1.0


def test_value_does_not_take_a_metric_after_its_clause():
    text = "共有5件，均为当面申请。"
    spans = tag(text, ("5件", "VALUE"), ("当面申请", "METRIC"))
    assert pairs(text, pair_sentence(text, spans)) == [(None, "5件")]


def test_value_with_no_metric_before_takes_the_next_in_its_clause():
    text = "98%以上的申请按时办结。"
    spans = tag(text, ("98%", "VALUE"), ("申请按时办结", "METRIC"))
    assert pairs(text, pair_sentence(text, spans)) == [("申请按时办结", "98%")]


def test_record_score_is_the_lower_span_score():
    text = "受理有效诉求25914件。"
    metric, value = tag(text, ("受理有效诉求", "METRIC"), ("25914件", "VALUE"))
    metric.score, value.score = 0.7, 0.9
    (record,) = pair_sentence(text, [metric, value])
    assert record.score == pytest.approx(0.7)


# ---------------------------------------------------------------------------------------------
# pair over a document, then normalise, keys and merge


def test_pair_never_crosses_a_sentence():
    text = "全区主动公开政府信息1136条。其中3件。"
    doc = segment(Document(text))
    doc.spans = tag(text, ("主动公开政府信息", "METRIC"), ("1136条", "VALUE"), ("3件", "VALUE"))
    assert pairs(text, pair(doc).records) == [("主动公开政府信息", "1136条"), (None, "3件")]


def test_several_values_of_one_metric_level_then_change(mapper):
    text = "鹿邑县政府及各乡镇、县直各部门通过各种形式主动公开各类政府信息15036条，比去年同期增长11%，无论公开的数量和质量都有了大的提升。"
    doc = after_tagging(text, ("主动公开各类政府信息", "METRIC"), ("15036条", "VALUE"), ("11%", "VALUE"),
                        mapper=mapper)
    assert [(r.value, r.unit, r.kind, r.period) for r in doc.records] == [
        (15036.0, "条", "level", "year"),
        (11.0, "%", "change", "year"),
    ]
    assert {r.key for r in doc.records} == {"proactive.total"}


def test_share():
    text = "其中通过政府网站公开政府信息386条，占14.4%。"
    doc = after_tagging(text, ("通过政府网站公开政府信息", "METRIC"), ("386条", "VALUE"), ("14.4%", "VALUE"))
    assert [(r.value, r.unit, r.kind) for r in doc.records] == [(386.0, "条", "level"), (14.4, "%", "share")]
    assert doc.records[0].metric_span == doc.records[1].metric_span


def test_zero_over_a_list_gives_three_records_of_value_0(mapper):
    text = "本年度未发生行政复议案、行政诉讼案和申诉案。"
    doc = after_tagging(text, ("未", "ZERO"), ("行政复议案", "METRIC"), ("行政诉讼案", "METRIC"), ("申诉案", "METRIC"),
                        mapper=mapper)
    assert [doc.span_text(r.metric_span) for r in doc.records] == ["行政复议案", "行政诉讼案", "申诉案"]
    assert all(r.value == 0.0 and r.kind == "level" for r in doc.records)
    assert [r.key for r in doc.records] == ["reconsideration.total", "litigation.total", "complaints.total"]
    assert all(r.unit == "件" for r in doc.records)  # a ZERO takes its key's unit
    # One ZERO span, three records: merge keeps them apart by their metric.
    assert len({id(r.value_span) for r in doc.records}) == 1


def test_an_object_after_its_value_is_keyed_with_its_predicate(mapper):
    # D17 leaves the predicate out of the METRIC, but here it says which staff are counted.
    text = "局办公室安排2名人员兼职从事政府信息公开工作，严格规范信息发布程序；另有3名人员，负责网站。"
    doc = after_tagging(text, ("2名", "VALUE"), ("人员", "METRIC"), ("3名", "VALUE"), ("人员", "METRIC"),
                        mapper=mapper)
    assert [r.key for r in doc.records] == ["staff.part_time", None]  # the predicate ends at the comma


def test_zero_with_one_object_after_the_steps():
    text = "本年度未收到政府信息公开申请。"
    doc = after_tagging(text, ("未", "ZERO"), ("收到政府信息公开申请", "METRIC"))
    assert len(doc.records) == 1
    (record,) = doc.records
    assert doc.span_text(record.metric_span) == "收到政府信息公开申请"
    assert (record.value, record.kind, record.period) == (0.0, "level", "year")


def test_value_with_no_metric_after_the_steps(mapper):
    text = "共3件。"
    doc = after_tagging(text, ("3件", "VALUE"), mapper=mapper)
    (record,) = doc.records
    assert record.metric_span is None and record.key is None
    assert (record.value, record.unit) == (3.0, "件")
    row = doc.record_dict(record)
    assert row["metric"] is None and row["metric_start"] is None and row["value_text"] == "3件"


def test_cumulative_period():
    text = "截至2019年底，历年累计主动公开信息1176条。"
    doc = after_tagging(text, ("主动公开信息", "METRIC"), ("1176条", "VALUE"))
    (record,) = doc.records
    assert (record.value, record.unit, record.kind, record.period) == (1176.0, "条", "level", "cumulative")


def test_year_period_without_cumulative_words():
    text = "2019年，全县主动公开信息1176条。"
    doc = after_tagging(text, ("主动公开信息", "METRIC"), ("1176条", "VALUE"))
    assert [r.period for r in doc.records] == ["year"]


def test_normalise_drops_a_value_without_a_number():
    text = "办理依申请公开若干件。"
    doc = after_tagging(text, ("办理依申请公开", "METRIC"), ("若干件", "VALUE"))
    assert doc.records == []


def test_merge_orders_records_and_drops_duplicates():
    text = "受理有效诉求25914件，办结率98%。"
    doc = segment(Document(text))
    doc.spans = tag(text, ("受理有效诉求", "METRIC"), ("25914件", "VALUE"), ("办结率", "METRIC"), ("98%", "VALUE"))
    doc = pair(doc)
    doc.records = list(reversed(doc.records)) + [doc.records[0]]
    assert pairs(text, merge(doc).records) == [("受理有效诉求", "25914件"), ("办结率", "98%")]


# ---------------------------------------------------------------------------------------------
# The whole pipeline after tagging, on a real report with its gold spans


def test_pipeline_with_gold_spans_on_seed_001(mapper):
    from ie.gold import load_gold

    gold = load_gold(["seed-001"])
    if not gold:
        pytest.skip("annotations/seed-001.json has no annotator-a annotation")
    gold_doc = gold[0]

    def gold_tagger(doc: Document) -> Document:
        assert doc.text == gold_doc.text  # the gold offsets index this very text
        doc.spans = [Span(s.start, s.end, s.label, s.score) for s in gold_doc.spans]
        return doc

    pipeline = Pipeline(gold_tagger, mapper)
    doc = pipeline.run_file(SEED)
    rows = [doc.record_dict(r) for r in doc.records]
    by_metric = {row["metric"]: row for row in rows}

    requests = by_metric["受理有效诉求"]
    assert (requests["key"], requests["value"], requests["unit"]) == ("hotline.requests", 25914.0, "件")
    assert (requests["kind"], requests["value_text"]) == ("level", "25914件")

    completion = by_metric["办结率"]
    assert (completion["key"], completion["value"], completion["unit"]) == ("hotline.completion_rate", 98.0, "%")
    assert completion["kind"] == "level"

    for row in rows:
        assert doc.text[row["value_start"] : row["value_end"]] == row["value_text"]
        if row["metric"] is not None:
            assert doc.text[row["metric_start"] : row["metric_end"]] == row["metric"]
    starts = [(row["value_start"], row["metric_start"] or -1) for row in rows]
    assert starts == sorted(starts)
    assert len(starts) == len(set(starts))


def test_lone_metrics_are_dropped_and_paired_ones_kept():
    text = "我局在接到申请15个工作日内答复，全年受理申请25件。"
    doc = segment(Document(text))
    doc.spans = tag(text, ("接到申请", "METRIC"), ("受理申请", "METRIC"), ("25件", "VALUE"))
    doc = drop_unpaired_metrics(pair(doc))
    assert [text[s.start : s.end] for s in doc.spans] == ["受理申请", "25件"]


def test_gold_metrics_are_nearly_all_paired():
    """Dropping lone metrics is safe only while the gold set has almost none."""
    from ie.gold import load_gold

    total = lone = 0
    for doc in load_gold():
        kept = drop_unpaired_metrics(pair(doc)).spans
        total += sum(s.label == "METRIC" for s in doc.spans)
        lone += sum(s.label == "METRIC" for s in doc.spans) - sum(s.label == "METRIC" for s in kept)
    assert total > 1000
    assert lone / total < 0.02


def test_numbers_made_dates_ordinals_or_deadlines_are_dropped():
    text = "第1条申请在15个工作日内答复，30分钟内办结，24小时值守，不少于40%，12345市民服务热线受理申请25件，涉及20多项内容。"
    doc = segment(Document(text))
    doc.spans = tag(text, ("1条", "VALUE"), ("15个", "VALUE"), ("30分钟", "VALUE"), ("24", "VALUE"), ("40%", "VALUE"),
                    ("12345", "VALUE"), ("25件", "VALUE"), ("20多项", "VALUE"))
    assert [text[s.start : s.end] for s in drop_false_quantities(doc).spans] == ["25件", "20多项"]


def test_a_zero_is_a_negation_word_with_no_number_after_it_in_its_clause():
    text = "尚未审结7件，非警务警情下降，全年未收到申请。"
    doc = segment(Document(text))
    doc.spans = tag(text, ("尚未", "ZERO"), ("7件", "VALUE"), ("非", "ZERO"), ("未", "ZERO"))
    assert [(text[s.start : s.end], s.label) for s in drop_false_quantities(doc).spans] == [("7件", "VALUE"), ("未", "ZERO")]


def test_without_is_not_a_zero():
    text = "未经审核的信息一律不准发布，未经复议直接起诉  复议后起诉，全年未收到申请。"
    doc = segment(Document(text))
    doc.spans = tag(text, ("未", "ZERO"), ("未", "ZERO"), ("未", "ZERO"))
    assert [text[s.start : s.start + 3] for s in drop_false_quantities(doc).spans] == ["未收到"]


def joined(text: str, *items: tuple[str, str]) -> list[tuple[str, str]]:
    """(text, label) of the spans ``join_metric_parts`` leaves of the tagged ``items``."""
    doc = segment(Document(text))
    doc.spans = tag(text, *items)
    return [(text[s.start : s.end], s.label) for s in join_metric_parts(doc).spans]


def test_a_number_in_a_name_between_pieces_of_a_metric_joins_them():
    text = "受理12345电话热线有效工单18件，接听96128专线电话141次，12345市民服务热线受理申请25件，共受理来电12345个。"
    assert joined(text, ("受理", "METRIC"), ("12345", "VALUE"), ("电话热线有效工单", "METRIC"), ("18件", "VALUE"),
                  ("接听", "METRIC"), ("96128", "VALUE"), ("专线电话", "METRIC"), ("141次", "VALUE"),
                  ("12345市", "VALUE"), ("民服务热线受理申请", "METRIC"), ("25件", "VALUE"),
                  ("受理来电", "METRIC"), ("12345个", "VALUE")) == [
        ("受理12345电话热线有效工单", "METRIC"), ("18件", "VALUE"), ("接听96128专线电话", "METRIC"), ("141次", "VALUE"),
        # no METRIC piece before the number: the hotline is the subject, left to drop_false_quantities
        ("12345市", "VALUE"), ("民服务热线受理申请", "METRIC"), ("25件", "VALUE"),
        ("受理来电", "METRIC"), ("12345个", "VALUE")]


def test_a_negation_that_a_number_follows_joins_the_metric_after_it():
    text = "其他结果9件，尚未审结7件，非警务警情下降17.5%，未制定的单位有17个，全年未收到申请，未经审核的信息3条。"
    assert joined(text, ("其他结果", "METRIC"), ("9件", "VALUE"), ("尚未", "ZERO"), ("审结", "METRIC"), ("7件", "VALUE"),
                  ("非", "METRIC"), ("警务警情", "METRIC"), ("17.5%", "VALUE"), ("未", "ZERO"), ("制定的单位", "METRIC"),
                  ("17个", "VALUE"), ("未", "ZERO"), ("收到申请", "METRIC"), ("未", "ZERO"), ("经审核的信息", "METRIC"),
                  ("3条", "VALUE")) == [
        ("其他结果", "METRIC"), ("9件", "VALUE"), ("尚未审结", "METRIC"), ("7件", "VALUE"), ("非警务警情", "METRIC"),
        ("17.5%", "VALUE"), ("未制定的单位", "METRIC"), ("17个", "VALUE"),
        # a zero count (no number in its clause) and a condition (未经) stay apart
        ("未", "ZERO"), ("收到申请", "METRIC"), ("未", "ZERO"), ("经审核的信息", "METRIC"), ("3条", "VALUE")]


def test_joining_changes_no_gold_span():
    from ie.gold import load_gold

    for doc in load_gold():
        before = sorted((s.start, s.end, s.label) for s in doc.spans)
        assert sorted((s.start, s.end, s.label) for s in join_metric_parts(doc).spans) == before, doc.path


def test_no_gold_value_or_zero_is_dropped():
    from ie.gold import load_gold

    docs = load_gold()
    quantities = sum(s.label != "METRIC" for doc in docs for s in doc.spans)
    kept = sum(s.label != "METRIC" for doc in docs for s in drop_false_quantities(doc).spans)
    assert quantities > 1400
    assert kept == quantities


def test_metrics_are_trimmed_and_their_brackets_closed():
    text = "答复率、满意率均达100%，召开新闻发布会（媒体通气会）3次，设立（2个），州级已印发手册的单位4个。"
    assert tidied(text, ("答复率、满意率均", "METRIC"), ("100%", "VALUE"), ("召开新闻发布会（媒体通气会", "METRIC"),
                  ("3次", "VALUE"), ("（", "METRIC"), ("州级已印发手册的单位", "METRIC"), ("4个", "VALUE"),
                         labels=LABELS) == [
        "答复率", "满意率", "100%", "召开新闻发布会（媒体通气会）", "3次", "印发手册的单位", "4个"]


def test_a_leading_scope_is_trimmed():
    text = "全街公开的政务信息共计15条，全县受理申请8件。"
    assert tidied(text, ("全街公开的政务信息", "METRIC"), ("15条", "VALUE"), ("全县受理申请", "METRIC"),
                  ("8件", "VALUE")) == ["公开的政务信息", "受理申请"]


def test_the_base_of_a_share_is_not_a_metric():
    text = "公开信息38条，占总体比例的40%。"
    assert tidied(text, ("公开信息", "METRIC"), ("38条", "VALUE"), ("占总体比例", "METRIC"), ("40%", "VALUE"),
                  labels=LABELS) == ["公开信息", "38条", "40%"]


def test_a_number_alone_is_not_a_metric():
    text = "累计主动公开信息210条，其中2018年度55条。"
    assert tidied(text, ("主动公开信息", "METRIC"), ("210条", "VALUE"), ("2018", "METRIC"), ("55条", "VALUE"),
                  labels=LABELS) == ["主动公开信息", "210条", "55条"]


def test_metrics_never_cut_a_word():
    text = "保留行政许可399项，主动公开信息数为62条，及时发现整改网站漏洞54个。"
    # widened to the whole word, but not over a linking verb (数|为) or an adverb (及时) the contract leaves out
    assert tidied(text, ("行政许", "METRIC"), ("399项", "VALUE"), ("主动公开信息数", "METRIC"), ("62条", "VALUE"),
                  ("时发现整改网站漏洞", "METRIC"), ("54个", "VALUE")) == [
        "行政许可", "主动公开信息数", "发现整改网站漏洞"]


def test_a_metric_starts_after_the_part_of_a_word_a_line_wrap_cut():
    text = "主动公开各类政\n府信息5500余条，尚\n未审结7件。"
    # 政⏎府 loses 府 (D2); 尚⏎未 keeps 未, which changes what is counted
    assert tidied(text, ("府信息", "METRIC"), ("5500余条", "VALUE"), ("未审结", "METRIC"), ("7件", "VALUE")) == ["信息", "未审结"]


def test_metric_contract_words_quotes_and_the_predicate_after_a_counted_object():
    text = "“同意公开”的140件，对48个政府事业单位网站进行检查，及时发现整改网站漏洞54个，及时回复率100%。"
    assert tidied(text, ("“同意公开”", "METRIC"), ("140件", "VALUE"), ("48个", "VALUE"), ("政府事业单位网站进行检查", "METRIC"),
                  ("及时发现整改网站漏洞", "METRIC"), ("54个", "VALUE"), ("及时回复率", "METRIC"), ("100%", "VALUE")) == [
        "同意公开", "政府事业单位网站", "发现整改网站漏洞", "及时回复率"]


def test_linking_verbs_generic_manner_and_what_belongs_to_the_value_are_trimmed():
    text = "通过各种形式主动公开各类政府信息15036条，收集网络信息近1000条，公布网上信息、安全提示等1000余条，梳理权责清单事项各14项，未发生行政复议。"
    # core rules 1 and 6, D3
    assert tidied(text, ("通过各种形式主动公开各类政府信息", "METRIC"), ("15036条", "VALUE"), ("收集网络信息近", "METRIC"),
                  ("1000条", "VALUE"), ("公布网上信息、安全提示等", "METRIC"), ("1000余条", "VALUE"),
                  ("梳理权责清单事项各", "METRIC"), ("14项", "VALUE"), ("未", "ZERO"), ("发生行政复议", "METRIC")) == [
        "主动公开各类政府信息", "收集网络信息", "公布网上信息、安全提示", "梳理权责清单事项", "行政复议"]


def test_how_often_is_time_a_metric_leaves_out():
    text = "按季度公开市属企业主要经济效益指标等信息共59条，通过金农网每周发布市场价格监测分析信息848条。"
    # core rule 1 at the start of a METRIC; inside it (after a channel) the words stay
    assert tidied(text, ("按季度公开市属企业主要经济效益指标等信息", "METRIC"), ("59条", "VALUE"),
                  ("通过金农网每周发布市场价格监测分析信息", "METRIC"), ("848条", "VALUE")) == [
        "公开市属企业主要经济效益指标等信息", "通过金农网每周发布市场价格监测分析信息"]


def test_metrics_touching_inside_a_word_are_joined_and_quotes_closed():
    text = "属于实验区工程材料信息108条，4个片区权责清单事项各14项，92%高频便民服务事项实现“全程网办”，“一次办”事项723项。"
    assert tidied(text, ("属", "METRIC"), ("于实验区工程材料信息", "METRIC"), ("108条", "VALUE"), ("4个", "VALUE"),
                  ("片区", "METRIC"), ("权责清单事项", "METRIC"), ("14项", "VALUE"), ("92%", "VALUE"),
                  ("高频便民服务事项实现“全程网办", "METRIC"), ("办”事项", "METRIC"), ("723项", "VALUE")) == [
        "实验区工程材料信息", "片区", "权责清单事项", "高频便民服务事项实现“全程网办”", "“一次办”事项"]


def test_a_metric_whose_reopened_quote_reaches_the_metric_before_is_one_with_it():
    text = "通过“平潭”微信公众平台发表文章38篇，通过“政民互动—网络回应”平台回复群众意见4393件，行政复议“零”纠错1件。"
    # the model broke the channel's span at its quote; two METRICs around a closed quote stay two
    assert tidied(text, ("通过", "METRIC"), ("平潭”微信公众平台发表文章", "METRIC"), ("38篇", "VALUE"),
                  ("通过“政民互动—", "METRIC"), ("网络回应”平台回复群众意见", "METRIC"), ("4393件", "VALUE"),
                  ("行政复议", "METRIC"), ("“零”纠错", "METRIC"), ("1件", "VALUE")) == [
        "通过“平潭”微信公众平台发表文章", "通过“政民互动—网络回应”平台回复群众意见", "行政复议", "“零”纠错"]


def test_a_metric_opened_inside_a_list_of_what_was_counted_starts_at_its_clause():
    text = "公开清理规范涉企收费、降低物流成本的各项政策共31条。二、主动公开政府信息情况，已收到行政复议、行政诉讼各1件，办复率、见面率均为100%。"
    # one object for the list (D16); not a heading's ordinal, a list of metrics or a rate
    assert tidied(text, ("降低物流成本的各项政策", "METRIC"), ("31条", "VALUE"), ("主动公开政府信息", "METRIC"),
                  ("行政复议", "METRIC"), ("行政诉讼", "METRIC"), ("1件", "VALUE"), ("见面率", "METRIC"), ("100%", "VALUE")) == [
        "公开清理规范涉企收费、降低物流成本的各项政策", "主动公开政府信息", "行政复议", "行政诉讼", "见面率"]


def test_a_metric_opened_after_the_verb_of_publishing_that_leads_a_list_starts_at_its_clause():
    text = ("公开清理规范涉企收费、降低企业用电用地用矿等要素成本的各项政策共31条。集中发布依法应当公开的交易公告、成交信息913条。"
            "区直、县直各单位主动公开政府信息500条。主动公开政府信息的数量 2015年我局制作、获取政府信息80条。")
    # D16 from inside a later item, or from after the verb with the list inside the span; not a list before
    # the verb (the subject: 区直、县直各单位) nor a clause cut by a heading's space
    assert tidied(text, ("用地用矿等要素成本的各项政策", "METRIC"), ("31条", "VALUE"), ("公开的交易公告、成交信息", "METRIC"),
                  ("913条", "VALUE"), ("主动公开政府信息", "METRIC"), ("500条", "VALUE"), ("制作、获取政府信息", "METRIC"),
                  ("80条", "VALUE")) == [
        "公开清理规范涉企收费、降低企业用电用地用矿等要素成本的各项政策", "发布依法应当公开的交易公告、成交信息",
        "主动公开政府信息", "制作、获取政府信息"]


def test_tidying_changes_no_gold_metric():
    from ie.gold import load_gold

    for doc in load_gold():
        before = [(s.start, s.end) for s in doc.spans]
        assert [(s.start, s.end) for s in tidy_metrics(doc).spans] == before, doc.path


def test_an_ablation_leaves_a_named_rule_out(mapper):
    from ie.evaluate import GoldTagger

    text = "受理12345电话热线有效工单18件。"
    tagged = GoldTagger(tag(text, ("受理", "METRIC"), ("12345", "VALUE"), ("电话热线有效工单", "METRIC"), ("18件", "VALUE")))

    def metrics(pipeline: Pipeline) -> list[str]:
        doc = pipeline(Document(text))
        return [doc.span_text(s) for s in doc.spans if s.label == "METRIC"]

    assert metrics(Pipeline(tagged, mapper)) == ["受理12345电话热线有效工单"]
    assert metrics(Pipeline(tagged, mapper, skip=("join_metric_parts",))) == ["电话热线有效工单"]
    with pytest.raises(ValueError, match="cannot skip pair"):
        Pipeline(tagged, mapper, skip=("pair",))
