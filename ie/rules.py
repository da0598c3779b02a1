"""The rule baseline: regular expressions and a lexicon that tag METRIC, VALUE and ZERO spans.

It pre-annotates documents for the annotators and is the baseline the model must beat. It tags
the same spans the model does, so the rest of the pipeline (pairing, normalising, keys) runs on
either: ``RuleTagger()(doc)`` fills ``doc.spans`` like ``ie.tagger.Tagger`` does.
"""

from __future__ import annotations

import re

from .document import Document, Span
from .words import ADVERB, SCOPE, TIME, VALUE_LEAD

_DIGITS = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
_CN = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
UNITS = (
    "人次|批次|大项|子项|万元|亿元|元|件次|件|条|次|个|项|人|名|篇|期|份|场|起|家|户|宗|套|天|本|册|张|台|类|页|条次|"
    "所|块|栏|幅|组|部|封|位|余人|万|亿"
)
_MULT = r"(?:多|余)?(?:万|亿)?"
_UNIT = rf"(?:{UNITS})"
VALUE_RE = re.compile(
    rf"百分之{_CN}"
    rf"|(?<![0-9０-９.．\-])(?:{_DIGITS}){_MULT}\s?(?:%|％|‰|{_UNIT})?"
    rf"|(?<![第初跑零〇一二两三四五六七八九十百千])(?:{_CN}){_MULT}{_UNIT}"
)
# What follows or precedes a number that is a date, an identifier, a deadline or a rule, not a value.
_NOT_VALUE_AFTER = re.compile(r"^\s?(?:年|月|日|号|时|分|届|楼|层|路|室|周岁|个工作日|个月|小时|点|版|号令|部分|是|、|\.|．)")
_NOT_VALUE_CN = re.compile(r"^(?:一|两|三|几|十)(?:次性|站式|体化|批|系列|条龙|件事|张网|个窗口|网通办|起|项重要|个部分)")
_NOT_VALUE_BEFORE = re.compile(r"(?:第|不少于|不低于|不超过|不高于|低于|不得超过|以上|国办发|〔|\[|编号|电话|邮编|传真|号码)\s?$")
_DEADLINE_AFTER = re.compile(r"^[^，。；,;]{0,4}(?:内|以内)")

ZERO_RE = re.compile(r"(?:尚未|从未|未有|没有|未|无)(?=(?:发生|收到|出现|产生|有|接到|受理)?[^，。；,;]{0,12}?(?:申请|复议|诉讼|申诉|投诉|举报|收费|费用|案件))")
_ZERO_OBJECT = re.compile(r"(行政复议案?件?|行政诉讼案?件?|申诉案?件?|举报投诉|投诉|举报|收费|政府信息公开申请|信息公开申请|依申请公开申请|申请)")

_BOUNDARY = "，,。；;：:、（）()！？!?\n"
_LEADING_NOISE = re.compile(
    rf"^(?:{TIME}|{SCOPE}|{ADVERB}|同时|其中|另外|此外|先后|全面|及时|主要|进一步|通过各种形式|在|对|向|给|为|有|，)+"
)
_TRAILING_NOISE = re.compile(rf"(?:{ADVERB}|{VALUE_LEAD}|为|达到|达|是|有|计|分别|同比|增加|的|了)+$")


def find_values(text: str) -> list[tuple[int, int]]:
    """Character ranges of the reported quantities in ``text``."""
    found = []
    for m in VALUE_RE.finditer(text):
        start, end = m.span()
        value = m.group()
        after, before = text[end : end + 6], text[max(0, start - 6) : start]
        bare = not re.search(rf"(?:%|％|‰|{_UNIT})$", value)
        if _NOT_VALUE_AFTER.match(after) or _NOT_VALUE_BEFORE.search(before) or _DEADLINE_AFTER.match(after):
            continue
        if _NOT_VALUE_CN.match(value) or (bare and not _bare_number_is_value(text, start, end)):
            continue
        found.append((start, end - (len(value) - len(value.rstrip()))))
    return found


def _bare_number_is_value(text: str, start: int, end: int) -> bool:
    """A number with no unit counts only right after a counted object, e.g. 其他信息3。"""
    digits = text[start:end]
    if len(re.sub(r"\D", "", digits)) >= 5 or not re.fullmatch(r"[0-9０-９]+", digits):
        return False  # long digit runs are identifiers, phone numbers or years
    prev_char = text[start - 1 : start]
    next_char = text[end : end + 1]
    return bool(re.match(r"[\u4e00-\u9fff]", prev_char)) and next_char in "，,。；;、"


def metric_before(text: str, start: int, floor: int) -> tuple[int, int] | None:
    """The phrase that names what the value at ``start`` counts: the clause text before it."""
    left = start
    while left > floor and text[left - 1] not in _BOUNDARY:
        left -= 1
    phrase = text[left:start]
    lead = _LEADING_NOISE.match(phrase)
    cut = lead.end() if lead else 0
    trail = _TRAILING_NOISE.search(phrase)
    stop = trail.start() if trail else len(phrase)
    if stop - cut < 2:
        return None
    if stop - cut > 18:  # a long clause: keep its end, where the counted object is
        cut = stop - 18
    return left + cut, left + stop


class RuleTagger:
    """Tags METRIC, VALUE and ZERO spans sentence by sentence with regular expressions."""

    name = "rules-0.1"

    def __call__(self, doc: Document) -> Document:
        doc.spans = [span for sentence in doc.sentences if not sentence.is_table_row
                     for span in self.tag_sentence(doc.text, sentence.start, sentence.end)]
        return doc

    def tag_sentence(self, text: str, start: int, end: int) -> list[Span]:
        sentence = text[start:end]
        spans: list[Span] = []
        floor = 0
        for v_start, v_end in find_values(sentence):
            metric = metric_before(sentence, v_start, floor)
            if metric:
                spans.append(Span(start + metric[0], start + metric[1], "METRIC"))
            spans.append(Span(start + v_start, start + v_end, "VALUE"))
            floor = v_end
        for m in ZERO_RE.finditer(sentence):
            if any(s.start <= start + m.start() < s.end for s in spans):
                continue
            spans.append(Span(start + m.start(), start + m.end(), "ZERO"))
            for obj in _ZERO_OBJECT.finditer(sentence, m.end(), min(len(sentence), m.end() + 20)):
                spans.append(Span(start + obj.start(), start + obj.end(), "METRIC"))
                break
        return _without_overlaps(spans)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
