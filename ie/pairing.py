"""Pair each VALUE and ZERO span with the METRIC it measures, making one record per pair.

Within one sentence:
- a VALUE right before a METRIC, with nothing but 《 or 的 between, counts that object
  (共编辑[12期]《[网络舆情动态]》, [49个][政务新媒体]);
- otherwise a VALUE belongs to the nearest METRIC before it, which also covers lists sharing a
  verb (当面申请3132件、网络申请40件) and further values of one metric (386条，占14.4%);
- a VALUE with no METRIC before it takes the first one after it in its clause, not inside a
  parenthesis that follows it;
- a VALUE after coordinated METRICs measures each (答复率、满意率均达100%: two records);
- a ZERO covers the coordinated METRICs after it (未发生行政复议案、行政诉讼案和申诉案: three
  records), or the METRIC before it when none follows.
"""

from __future__ import annotations

import re

from .document import Document, Record, Span

OBJECT_GAP = re.compile(r"^[《“\"的]?$")
_COORDINATION = re.compile(r"^(?:、|和|及|以及|与|或|、及|或者)$")
_CLAUSE_END = re.compile(r"[，,；;：:。！？]")
_FORWARD_STOP = re.compile(r"[，,；;：:。！？（(]")  # nor into a parenthesis: 3050件（含结转申请34件）


def pair(doc: Document) -> Document:
    """Fill ``doc.records`` (unnormalised, unkeyed) from ``doc.spans``."""
    records = []
    for sentence in doc.sentences:
        spans = [s for s in doc.spans if sentence.start <= s.start < sentence.end]
        records.extend(pair_sentence(doc.text, spans))
    doc.records = records
    return doc


def pair_sentence(text: str, spans: list[Span]) -> list[Record]:
    metrics = [s for s in spans if s.label == "METRIC"]
    records = []
    for span in spans:
        if span.label == "VALUE":
            for metric in _coordinated_before(text, _metric_for_value(text, span, metrics), span, metrics):
                records.append(Record(value_span=span, metric_span=metric, score=_score(span, metric)))
        elif span.label == "ZERO":
            for metric in _metrics_for_zero(text, span, metrics) or [None]:
                records.append(Record(value_span=span, metric_span=metric, score=_score(span, metric)))
    return records


def _metric_for_value(text: str, value: Span, metrics: list[Span]) -> Span | None:
    after = next((m for m in metrics if m.start >= value.end), None)
    if after and OBJECT_GAP.match(text[value.end : after.start]):
        return after
    before = [m for m in metrics if m.end <= value.start]
    if before:
        return before[-1]
    if after and not _FORWARD_STOP.search(text[value.end : after.start]):
        return after
    return None


def _coordinated_before(text: str, metric: Span | None, value: Span, metrics: list[Span]) -> list[Span | None]:
    """``metric`` and the METRICs coordinated with it right before it, when it precedes ``value``
    (答复率、满意率均达100%: both rates are 100%)."""
    if metric is None or metric.end > value.start:
        return [metric]
    chain = [metric]
    for before in reversed([m for m in metrics if m.end <= metric.start]):
        if not _COORDINATION.match(text[before.end : chain[0].start]):
            break
        chain.insert(0, before)
    return chain


def _metrics_for_zero(text: str, zero: Span, metrics: list[Span]) -> list[Span]:
    following = [m for m in metrics if m.start >= zero.end]
    chain: list[Span] = []
    cursor = zero.end
    for metric in following:
        gap = text[cursor : metric.start]
        if chain and not _COORDINATION.match(gap):
            break
        if not chain and _CLAUSE_END.search(gap):
            break
        chain.append(metric)
        cursor = metric.end
    if chain:
        return chain
    before = [m for m in metrics if m.end <= zero.start]
    return before[-1:]


def _score(value: Span, metric: Span | None) -> float:
    return min(value.score, metric.score) if metric else value.score
