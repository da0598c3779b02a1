"""Contract checks over the tagger's spans, as pipeline steps.

The model tags from local evidence; two parts of ../shared/spec/annotation.md are cheaper to
enforce than to learn from a few dozen reports:

- ``drop_false_quantities`` (before pairing): a number that the words around it make a date, an
  ordinal, a deadline, a threshold or a hotline's number is not a VALUE (第1条, 15个工作日内,
  24小时, 不少于40%, 12345热线); a ZERO is one of the contract's negation words, with no number
  after it in its clause (尚未审结7件 is a metric with a value);
- ``tidy_metrics`` (before pairing): a METRIC never starts or ends with punctuation, linking
  adverbs or verbs (均, 共, 累计, 已, 达, 的), never starts with a scope (全市, 县级, 本局) and its
  brackets are balanced;
- ``drop_unpaired_metrics`` (after pairing): a METRIC is tagged only with its quantity, so one that
  no VALUE or ZERO measures is dropped.

Each is measured on the gold set (tests/test_pairing.py): the first drops none of the 1,387 gold
VALUEs and 90 ZEROs, the second changes none of the 1,376 gold METRICs, the third drops 11 of them.
"""

from __future__ import annotations

import re

from .document import Document, Span
from .labels import ZERO_WORDS

_NOT_VALUE_AFTER = re.compile(
    r"^\s?(?:年|月|日|号|时|分|届|楼|层|周岁|个?工作日|个?小时|个月内|天内|日内)"
    r"|^[^，。；,;、\d\s]{0,4}(?:热线|专线)"  # a hotline's number (12345市民服务热线)
)
_METRIC_LEAD = re.compile(
    r"^(?:[，,、（(：:；;\s]|均|共计|共|累计|已|全年|年内"
    r"|全市|全区|全县|全镇|全乡|全省|全州|各级|市本级|县本级|区本级|本级|省级|州级|市级|县级|乡级"  # scope
    r"|我局|本局|我区|我市|我县|我乡|我镇|我办|本机关|本单位|各乡镇|各部门)+"
)
_METRIC_TRAIL = re.compile(r"(?:[，,、（(“：:；;\s]|均|共计|共|累计|达到|达|已|的)+$")
_CLAUSE_END = re.compile(r"[，,；;。！？\n]")
_NOT_VALUE_BEFORE = re.compile(r"(?:第|不少于|不低于|不超过|不高于|低于|不得超过|〔|编号|号码)\s?$")


def is_value_by_context(text: str, start: int, end: int) -> bool:
    return not (_NOT_VALUE_AFTER.match(text[end : end + 6]) or _NOT_VALUE_BEFORE.search(text[max(0, start - 6) : start]))


def is_zero(text: str, start: int, end: int, values_after: list[int]) -> bool:
    clause_end = _CLAUSE_END.search(text, end)
    limit = clause_end.start() if clause_end else len(text)
    return text[start:end] in ZERO_WORDS and not any(end <= v < limit for v in values_after)


def drop_false_quantities(doc: Document) -> Document:
    """Drop VALUE spans that are dates, ordinals, deadlines or thresholds, and ZERO spans that are
    not a contract negation or that a number follows in their clause."""
    value_starts = [s.start for s in doc.spans if s.label == "VALUE"]
    kept = []
    for s in doc.spans:
        if s.label == "VALUE" and not is_value_by_context(doc.text, s.start, s.end):
            continue
        if s.label == "ZERO" and not is_zero(doc.text, s.start, s.end, value_starts):
            continue
        kept.append(s)
    doc.spans = kept
    return doc


def tidy_metrics(doc: Document) -> Document:
    """Trim what a METRIC never starts or ends with and close a bracket the span leaves open."""
    tidy = []
    for span in doc.spans:
        if span.label == "METRIC":
            text = doc.text[span.start : span.end]
            lead = _METRIC_LEAD.match(text)
            trail = _METRIC_TRAIL.search(text)
            start = span.start + (lead.end() if lead else 0)
            end = span.start + (trail.start() if trail else len(text))
            piece = doc.text[start:end]
            for opening, closing in ("（）", "()"):
                if piece.count(opening) > piece.count(closing) and doc.text[end : end + 1] == closing:
                    end += 1
            if end <= start:
                continue
            span = Span(start, end, span.label, span.score)
        tidy.append(span)
    doc.spans = tidy
    return doc


def drop_unpaired_metrics(doc: Document) -> Document:
    """Drop METRIC spans that no record pairs with a VALUE or ZERO."""
    paired = {id(r.metric_span) for r in doc.records if r.metric_span is not None}
    doc.spans = [s for s in doc.spans if s.label != "METRIC" or id(s) in paired]
    return doc
