"""Turn a tagged VALUE span and its clause into the fields of a record.

``parse_value`` reads the number and unit of a VALUE span as ../shared/spec/annotation.md tags it
(the number with the measure word that follows it), ``kind_of`` tells a level from a change or a
share, and ``period_of`` tells a yearly figure from a cumulative one.

    >>> parse_value("17.6万人次")
    (176000.0, '人次')
    >>> parse_value("百分之九十八")
    (98.0, '%')
    >>> kind_of("比去年同期增长")
    'change'
    >>> period_of("历年累计主动公开政府信息1176条")
    'cumulative'
"""

from __future__ import annotations

import re
from decimal import Decimal

import cn2an

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_DIGIT_VALUES = str.maketrans(_CN_DIGITS, "001223456789")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# One character of a number. 千 and 百 are left to the unit when they start one (千克, 百分点).
_NUMBER_CHAR = rf"(?:[0-9{_CN_DIGITS}十万亿]|千(?![克米瓦])|百(?!分点))"
# 多/余 inside a number only before a multiplier (10多万份); before the unit it is matched apart.
_NUMBER = (
    rf"{_NUMBER_CHAR}(?:{_NUMBER_CHAR}|\.(?=[0-9])|点(?=[{_CN_DIGITS}])|[多余](?=[万亿千百]))*"
)
_VALUE = re.compile(rf"(?P<percent>百分之)?(?P<number>{_NUMBER})[多余]?(?P<unit>.*)")
_THOUSANDS_COMMA = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_UNIT_EDGES = " ,，。.;；:：、()（）"

# Multipliers with the number of decimal places each one shifts. 千 and 百 are only taken apart
# here after Arabic digits (3千, 千); cn2an reads them in Chinese numerals (一千二百) directly.
_MULTIPLIERS = (("亿", 8), ("万", 4), ("千", 3), ("百", 2))

_UNIT_ALIASES = {"名": "人", "个百分点": "百分点"}


def parse_value(text: str) -> tuple[float, str | None]:
    """Read a VALUE span into ``(number, unit)``.

    The number may be written in Arabic digits (with decimals, thousands separators, full-width
    digits or spaces before the unit), in Chinese numerals, with 万/亿 multipliers, or as
    百分之…. The unit is the measure word after the number, normalised: 万/亿 are folded into the
    number (``"0.5万元"`` gives ``(5000.0, "元")``), 名 becomes 人, and 百分之… and ％ give ``"%"``.
    A number with no measure word has unit ``None``. 多/余 after the number are dropped, so
    ``"30多人次"`` gives ``(30.0, "人次")``. Text before the number (a 近 or 约 the tagger took
    in) is ignored.

    Raises ``ValueError`` when the text holds no number.
    """
    cleaned = re.sub(r"\s+", "", text.translate(_FULLWIDTH))
    cleaned = _THOUSANDS_COMMA.sub("", cleaned)
    match = _VALUE.search(cleaned)
    if match is None:
        raise ValueError(f"no number in VALUE text {text!r}")
    number = match["number"].replace("多", "").replace("余", "")
    value = float(_read_number(number, text))
    if match["percent"]:
        return value, "%"
    unit = match["unit"].strip(_UNIT_EDGES)
    return value, _UNIT_ALIASES.get(unit, unit) or None


def _read_number(number: str, text: str) -> Decimal:
    """The value of a number with its multipliers, exactly (``"1.5万"`` is 15000, not 14999.99…)."""
    for multiplier, places in _MULTIPLIERS:
        head, found, tail = number.partition(multiplier)
        if not found or (multiplier in "千百" and not re.fullmatch(r"[0-9.]*", head)):
            continue
        base = _read_number(head, text) if head else Decimal(1)
        return base.scaleb(places) + _read_rest(tail, places, text)
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", number):
        return Decimal(number)
    try:
        return Decimal(str(cn2an.cn2an(number, "normal")))
    except ValueError:
        raise ValueError(f"cannot read the number {number!r} in VALUE text {text!r}") from None


def _read_rest(tail: str, places: int, text: str) -> Decimal:
    """The part of a number after a multiplier that shifts ``places`` decimal places.

    Colloquially, bare digits after a multiplier are its leading places: 13万2 is 132000 and
    1亿2 is 120000000, while 13万2000 is written out in full. A 零 says the digits are the low
    places (一万零五 is 10005).
    """
    if not tail:
        return Decimal(0)
    if tail[0] in "零〇":
        return _read_number(tail.lstrip("零〇"), text) if tail.strip("零〇") else Decimal(0)
    digits = tail.translate(_CN_DIGIT_VALUES)
    if digits.isdigit() and len(digits) < places:
        return Decimal(digits).scaleb(places - len(digits))
    return _read_number(tail, text)


# A comparison with another period, or a verb of change not followed by 到/至 (提高到98% is the
# new level, not the change).
_CHANGE = re.compile(
    r"同比|环比|较同期|(?:比|较)(?:上一?|去|前一?|[0-9]{4})年"
    r"|与(?:上一?|去|[0-9]{4})年(?:度)?(?:同期)?相比"
    r"|(?:增长|(?<!新)增加|增多|增幅|下降|降幅|减少|降低|提高|提升|上升|回落)(?!了?[到至])"
)
_SHARE = re.compile(r"占(?![地用有据])|比重")


def kind_of(prefix: str) -> str:
    """Whether a value is a ``"level"``, a ``"change"`` or a ``"share"``.

    ``prefix`` is the clause text before the value. A comparison (比上年, 同比, 较去年…) or a verb
    of change (增长, 下降, 减少, 提高…) makes it a change; 占 (占比, 占总数的) makes it a share;
    where both occur the one nearer the value wins. Anything else, rates included (办结率达98%),
    is a level.
    """
    change = max((m.end() for m in _CHANGE.finditer(prefix)), default=-1)
    share = max((m.end() for m in _SHARE.finditer(prefix)), default=-1)
    if change == share == -1:
        return "level"
    return "change" if change > share else "share"


_CUMULATIVE = re.compile(r"累计|历年|至今|以来")


def period_of(clause: str) -> str:
    """``"cumulative"`` when the clause says 累计, 历年, 至今 or 以来, else ``"year"``."""
    return "cumulative" if _CUMULATIVE.search(clause) else "year"


_CLAUSE_BREAK = re.compile(r"[，,；;。！？]")


def normalise(doc):
    """Pipeline step: fill each record's value, unit, kind and period from its spans and clause.

    A record whose VALUE text holds no readable number (a tagging error) is dropped.
    """
    kept = []
    for record in doc.records:
        span = record.value_span
        sentence = doc.sentence_of(span.start)
        sentence_start = sentence.start if sentence else 0
        before = doc.text[sentence_start : span.start]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause_start = sentence_start + breaks[-1].end() if breaks else sentence_start
        if span.label == "ZERO":
            record.value, record.unit = 0.0, None
        else:
            try:
                record.value, record.unit = parse_value(doc.span_text(span))
            except ValueError:
                continue
        record.kind = kind_of(doc.text[clause_start : span.start])
        metric_start = record.metric_span.start if record.metric_span else span.start
        record.period = period_of(doc.text[min(clause_start, metric_start) : span.end])
        kept.append(record)
    doc.records = kept
    return doc
