"""Map the text of a METRIC span to a canonical metric key of ../shared/spec/metrics.tsv.

The aliases come from ``configs/metrics.yaml``. Text and aliases are normalised alike: NFKC
(full width to half width), punctuation and spaces dropped, 其它 → 其他, 政府信息 → 信息, filler
(各类, 的, and leading time, scope and adverbs such as 全年, 累计, 全区) removed. Then:

1. Lexical: an alias equal to the text scores 1. Aliases found inside the text, contiguous or
   with one short gap (网站…公开 in 网站主动公开), but not right after 不, cover some of its
   characters; the key scores ``0.5 + 0.5 * coverage``, where coverage weighs each character by
   how few keys use it, so that 依申请 counts for more than 公开 or 政府, and a longer alias
   covers more than a shorter one.
2. Similarity: the Dice coefficient of character bigram sets against each alias (the best one).

A key's score is the larger of the two, plus ``HEADING_BONUS`` when the section heading names its
family (行政复议 → ``reconsideration.*``, see ``FAMILY_CUES``), plus a little when the value's unit
is the key's, minus ``UNIT_CLASH_PENALTY`` when it is of another kind (% for a count). Among the
keys that reach ``THRESHOLD``, one that fits the unit beats one that does not, and a lexical match
beats a mere likeness; then the higher score wins, and a tie goes to the key listed first. None
reaching it gives None. A phrase naming a category of information (行政许可类信息, 机构职能类)
counts proactively disclosed items, so only ``proactive.*`` keys compete for it; one whose head is a
place or a channel (申请受理点, 公开栏目) only keys whose aliases name that head. Two context rules
then adjust the winner:

- a family's umbrella key (``*.total``, ``application.received``) gives way to a more specific key
  of the same family whose alias also occurs in the text (通过政府网站公开政府信息 is
  ``proactive.website``, 对依申请公开的答复 is ``application.completed``);
- a key whose family the text does not name moves to the same measure of the family the heading
  names (结果维持 under 行政诉讼 is ``litigation.upheld``, under 行政复议 ``reconsideration.upheld``).

    >>> mapper = KeyMapper.from_yaml()
    >>> mapper("通过政府门户网站公开信息")[0]
    'proactive.website'
    >>> mapper("维持", heading="（二）行政诉讼")[0]
    'litigation.upheld'
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .words import ADVERB, SCOPE, TIME

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "configs" / "metrics.yaml"

# Just above 0.6, the Dice of unrelated five-bigram phrases that share three (关停政府网站).
THRESHOLD = 0.62
HEADING_BONUS = 0.15
UNIT_MATCH_BONUS = 0.03
UNIT_CLASH_PENALTY = 0.2
MAX_GAP = 4  # characters an alias may skip between its two halves (网站[平台主动]公开)

# Words that name a family of keys, in a heading or in the span itself.
FAMILY_CUES = {
    "reconsideration": ("复议",),
    "litigation": ("诉讼", "起诉", "原告"),
    "application": ("申请",),
    "proactive": ("主动公开",),
    "hotline": ("热线", "12345", "诉求", "来电"),
    "complaints": ("举报", "投诉", "申诉"),
    "consultation": ("咨询", "接待", "访问量"),
    "response": ("回应", "解读", "发布会", "访谈"),
    "training": ("培训",),
    "staff": ("人员", "专职", "兼职"),
    "meetings": ("会议",),
}
UMBRELLA_SUFFIXES = ("total", "received")

# Leading words that never change what is counted: time, scope and adverbs (annotation.md leaves
# them out of METRIC spans, but tagger output may still carry them).
_LEADING_FILLER = re.compile(rf"^(?:{TIME}|{SCOPE}|{ADVERB}|年度|另|其中)+")
# Inner words that never change what is counted. 政府信息 and 信息 are the same thing here.
_INNER_FILLER = re.compile(r"各类|各种|各项|的")
_CATEGORY = re.compile(r"类(?:信息|文件)?$")
# The head noun of a place or channel: 政府信息公开申请受理点 counts reception points, not applications.
_FACILITY = re.compile(r"(?:受理点|查阅点|场所|窗口|栏目|专栏|平台|信箱|服务站|服务区|中心)$")
_NON_WORD = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")
_UNIT_SCALE = re.compile(r"^[万亿千百]+(?=.)")
# The predicate after an object that follows its value, up to the clause's end (兼职从事…工作).
_PREDICATE = re.compile(r"[^，。；、,;：:（(“”\s]{1,16}")


def normalize(text: str) -> str:
    """Fold width and variants, drop punctuation and filler words."""
    text = unicodedata.normalize("NFKC", text)
    text = _NON_WORD.sub("", text).replace("其它", "其他").replace("政府信息", "信息")
    text = _INNER_FILLER.sub("", text)
    return _LEADING_FILLER.sub("", text) or text


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _dice(x: set[str], y: set[str]) -> float:
    """Dice coefficient of two bigram sets (``_bigrams``)."""
    return 2 * len(x & y) / (len(x) + len(y))


def _occurrences(alias: str, text: str, names_a_key) -> list[range]:
    """Where ``alias`` occurs in ``text``: contiguous, or split once into halves of at least two
    characters with at most ``MAX_GAP`` characters between them, provided the skipped characters
    do not themselves name a key (收到…申请 must not skip 行政复议). Each hit lists the covered
    positions as one or two ranges."""
    hits: list[range] = []
    for start in _finds(alias, text):
        hits.append(range(start, start + len(alias)))
    if hits:
        return hits
    for cut in range(2, len(alias) - 1):
        head, tail = alias[:cut], alias[cut:]
        for start in _finds(head, text):
            after = start + len(head)
            resume = text.find(tail, after + 1, after + 1 + MAX_GAP + len(tail))
            if resume >= 0 and not names_a_key(text[after:resume]):
                hits += [range(start, after), range(resume, resume + len(tail))]
    return hits


def _finds(part: str, text: str):
    """Start offsets of ``part`` in ``text``, except right after 不, which negates it
    (予以公开 in 不予以公开, 同意公开 in 不同意公开)."""
    start = text.find(part)
    while start >= 0:
        if not text[start - 1 : start] == "不":
            yield start
        start = text.find(part, start + 1)


def _unit_class(unit: str) -> str:
    return {"%": "rate", "元": "money"}.get(unit, "count")


def families_named(text: str | None) -> set[str]:
    """The key families whose cue words ``text`` contains."""
    if not text:
        return set()
    text = unicodedata.normalize("NFKC", text)
    return {family for family, cues in FAMILY_CUES.items() if any(c in text for c in cues)}


@dataclass(frozen=True)
class Metric:
    key: str
    unit: str
    description: str
    aliases: tuple[str, ...]

    @property
    def family(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def measure(self) -> str:
        return self.key.split(".", 1)[1]


class KeyMapper:
    """Callable: METRIC span text (with its heading and unit) → (key or None, score in [0, 1])."""

    def __init__(self, metrics: list[Metric]):
        self.metrics = metrics
        self.by_key = {m.key: m for m in metrics}
        self._aliases = [(m, normalize(a)) for m in metrics for a in m.aliases]
        self._alias_bigrams = [_bigrams(alias) for _, alias in self._aliases]
        self._alias_set = {alias for _, alias in self._aliases}
        # Reports repeat their phrases; bounded, since a batch over an archive meets ever new ones.
        self._cached_scores = functools.lru_cache(maxsize=4096)(self._scores)
        keys_using: dict[str, set[str]] = {}
        for metric, alias in self._aliases:
            for char in alias:
                keys_using.setdefault(char, set()).add(metric.key)
        n = len(metrics)
        self._weight = {c: math.log(1 + n / len(k)) for c, k in keys_using.items()}
        # Characters no alias uses (place names, 实验区) weigh like the commonest ones.
        self._unknown_weight = math.log(2)

    @classmethod
    def from_yaml(cls, path: str | Path | None = None) -> KeyMapper:
        """Load the keys and aliases of ``path`` (default: the repo's configs/metrics.yaml)."""
        with open(path or DEFAULT_PATH, encoding="utf-8") as f:
            data = yaml.safe_load(f)
        return cls(
            [
                Metric(key, str(e["unit"]), e.get("description", ""), tuple(e["aliases"]))
                for key, e in data.items()
            ]
        )

    def __call__(
        self, metric_text: str, heading: str | None = None, unit: str | None = None
    ) -> tuple[str | None, float]:
        """The key of ``metric_text`` and its score. ``heading`` is the nearest section heading
        above the sentence, ``unit`` the normalised unit of the paired value. Below ``THRESHOLD``
        the key is None and the score is that of the best rejected key; the context rules change
        the key but keep the score of the phrase."""
        text = normalize(metric_text)
        if not text:
            return None, 0.0
        cached_scores, cached_matched = self._cached_scores(text)
        scores, matched = dict(cached_scores), set(cached_matched)
        # A category of information (行政许可类信息) counts proactively disclosed items; a place or
        # channel (申请受理点) only what a key naming that head counts.
        category, facility = _CATEGORY.search(text), _FACILITY.search(text)
        for metric in self.metrics:
            if (category and metric.family != "proactive") or (
                facility and not any(facility.group() in alias for alias in metric.aliases)
            ):
                scores[metric.key] = 0.0
                matched.discard(metric.key)
        heading_families = families_named(heading)
        unit = _UNIT_SCALE.sub("", unit).replace("名", "人") if unit else None
        for metric in self.metrics:
            if metric.family in heading_families:
                scores[metric.key] += HEADING_BONUS
            if unit and unit == metric.unit:
                scores[metric.key] += UNIT_MATCH_BONUS
            elif unit and _unit_class(unit) != _unit_class(metric.unit):
                scores[metric.key] -= UNIT_CLASH_PENALTY
        fits_unit = {
            m.key: not unit or _unit_class(unit) == _unit_class(m.unit) for m in self.metrics
        }
        best = max(
            self.metrics,
            key=lambda m: (
                scores[m.key] >= THRESHOLD,
                fits_unit[m.key],
                m.key in matched,
                scores[m.key],
            ),
        )
        score = min(1.0, max(0.0, scores[best.key]))
        if score < THRESHOLD:
            return None, score
        best = self._refine(best, matched, scores)
        best = self._follow_heading(best, metric_text, heading_families)
        return best.key, score

    def _scores(self, text: str) -> tuple[dict[str, float], set[str]]:
        """Per key, the larger of the lexical and the similarity score; and the keys with an alias
        inside the text."""
        weights = [self._weight.get(c, self._unknown_weight) for c in text]
        total = sum(weights)
        scores = dict.fromkeys(self.by_key, 0.0)
        covered: dict[str, set[int]] = {}
        bigrams = _bigrams(text)
        for (metric, alias), alias_bigrams in zip(self._aliases, self._alias_bigrams):
            if alias == text:
                scores[metric.key] = 1.0
            for hit in _occurrences(alias, text, self._names_a_key):
                covered.setdefault(metric.key, set()).update(hit)
            scores[metric.key] = max(scores[metric.key], _dice(bigrams, alias_bigrams))
        for key, positions in covered.items():
            coverage = sum(weights[i] for i in positions) / total
            scores[key] = max(scores[key], 0.5 + 0.5 * coverage)
        return scores, set(covered)

    def _names_a_key(self, text: str) -> bool:
        """Whether some alias occurs in ``text`` as it stands."""
        return any(alias in text for alias in self._alias_set)

    def _refine(self, best: Metric, matched: set[str], scores: dict[str, float]) -> Metric:
        """An umbrella key yields to a specific key of its family that also occurs in the text."""
        if best.measure not in UMBRELLA_SUFFIXES:
            return best
        specific = [
            m for m in self.metrics if m.key in matched and m.family == best.family and m != best
        ]
        return max(specific, key=lambda m: scores[m.key], default=best)

    def _follow_heading(self, best: Metric, metric_text: str, heading_families: set[str]) -> Metric:
        """Move to the same measure of the one family the heading names, when the text names no
        family of its own (结果维持 under 行政诉讼 → litigation.upheld)."""
        if best.family not in FAMILY_CUES or best.family in heading_families:
            return best
        if families_named(metric_text) & {best.family, *heading_families}:
            return best
        siblings = [
            self.by_key[key]
            for family in heading_families
            if (key := f"{family}.{best.measure}") in self.by_key
        ]
        return siblings[0] if len(siblings) == 1 else best


def assign_keys(doc, mapper: KeyMapper):
    """Pipeline step: the canonical key of each record's METRIC, read with its section heading.

    A METRIC that is the object right after its value and names no key on its own is read with
    the predicate after it, up to the clause's end or the next span: the annotation leaves the
    predicate out (D17), yet it may be what says which measure is counted (安排[2名][人员]兼职从事
    政府信息公开工作 is ``staff.part_time``). A ZERO record takes the unit of its key (未收到申请 → 0 件).
    """
    for record in doc.records:
        if record.metric_span is None:
            continue
        sentence = doc.sentence_of(record.metric_span.start)
        heading = sentence.heading if sentence else None
        metric_text = doc.span_text(record.metric_span)
        record.key, _ = mapper(metric_text, heading, record.unit)
        if record.key is None and record.value_span.end == record.metric_span.start:
            record.key, _ = mapper(metric_text + _predicate_after(doc, record.metric_span), heading, record.unit)
        if record.key and record.value_span.label == "ZERO":
            record.unit = mapper.by_key[record.key].unit
    return doc


def _predicate_after(doc, span) -> str:
    end = min((s.start for s in doc.spans if s.start >= span.end), default=len(doc.text))
    found = _PREDICATE.match(doc.text, span.end, end)
    return found.group() if found else ""
