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
CLAUSE_PUNCTUATION = "，,；;：:。！？"
_CLAUSE_END = re.compile(f"[{CLAUSE_PUNCTUATION}]")
_FORWARD_STOP = re.compile(f"[{CLAUSE_PUNCTUATION}（(]")  # nor into a parenthesis: 3050件（含结转申请34件）


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
            found = _metrics_for_value(text, span, metrics)
        elif span.label == "ZERO":
            found = _metrics_for_zero(text, span, metrics) or [None]
        else:
            continue
        records += [Record(value_span=span, metric_span=metric, score=_score(span, metric)) for metric in found]
    return records


def _metrics_for_value(text: str, value: Span, metrics: list[Span]) -> list[Span | None]:
    metric = _metric_for_value(text, value, metrics)
    if metric is None or metric.end > value.start:
        return [metric]
    # A value after coordinated metrics measures each (答复率、满意率均达100%).
    return _coordinated(text, metrics, metric, forward=False)


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


def _metrics_for_zero(text: str, zero: Span, metrics: list[Span]) -> list[Span]:
    after = next((m for m in metrics if m.start >= zero.end), None)
    if after and not _CLAUSE_END.search(text[zero.end : after.start]):
        return _coordinated(text, metrics, after, forward=True)
    return [m for m in metrics if m.end <= zero.start][-1:]


def _coordinated(text: str, metrics: list[Span], first: Span, forward: bool) -> list[Span]:
    """``first`` and the METRICs joined to it by coordinators (、 和 及 …), after it or before it."""
    i = metrics.index(first)
    run = [first]
    for other in metrics[i + 1 :] if forward else reversed(metrics[:i]):
        left, right = (run[-1], other) if forward else (other, run[0])
        if not _COORDINATION.match(text[left.end : right.start]):
            break
        run.insert(len(run) if forward else 0, other)
    return run


def _score(value: Span, metric: Span | None) -> float:
    return min(value.score, metric.score) if metric else value.score
