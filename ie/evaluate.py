"""Accuracy against the gold annotations: entity-level span F1 (seqeval, exact spans) per label,
and record-level F1 (canonical key and value both right).

Spans are scored as character-level IOB2 sequences, one per sentence of the document, so a span
counts only with its exact start, end and label, and every sentence counts (also the ones the
tagger skips). Records are compared per document as multisets of (key, value) over the records
that have a key; the gold records are what the same post-processor makes of the gold spans.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .document import Document, Span
from .labels import LABELS


class GoldTagger:
    """A tagger step that sets the document's spans to given (gold) spans."""

    name = "gold"

    def __init__(self, spans: list[Span]):
        self.spans = spans

    def __call__(self, doc: Document) -> Document:
        doc.spans = [Span(s.start, s.end, s.label, s.score) for s in self.spans]
        return doc


def sentence_tags(doc: Document, spans: list[Span]) -> list[list[str]]:
    """Character IOB2 tags for each sentence of ``doc``."""
    tags = ["O"] * len(doc.text)
    for span in spans:
        tags[span.start] = f"B-{span.label}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{span.label}"
    return [tags[s.start : s.end] for s in doc.sentences if s.end > s.start]


def span_scores(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    report = classification_report(gold, pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    scores = {}
    for label in (*LABELS, "micro avg"):
        row = report.get(label, {"precision": 0.0, "recall": 0.0, "f1-score": 0.0, "support": 0})
        scores["ALL" if label == "micro avg" else label] = {
            "precision": float(row["precision"]), "recall": float(row["recall"]), "f1": float(row["f1-score"]),
            "support": int(row["support"]),
        }
    return scores


def record_keys(doc: Document) -> Counter:
    return Counter((r.key, round(r.value, 6)) for r in doc.records if r.key is not None and r.value is not None)


@dataclass
class Counts:
    """True positives, gold and predicted items: what precision, recall and F1 are made of."""

    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, gold: Counter, pred: Counter) -> None:
        self.tp += sum((gold & pred).values())
        self.gold += sum(gold.values())
        self.pred += sum(pred.values())

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.gold + other.gold, self.pred + other.pred)

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def run(tagger, gold_docs: list[Document], mapper=None, skip: tuple[str, ...] = ()) -> list[Document]:
    """What the pipeline with ``tagger`` (less the rules named in ``skip``) makes of the text of
    each gold document."""
    from .pipeline import Pipeline

    predicted = Pipeline(tagger, mapper, skip)
    return [predicted(Document(gold.text, path=gold.path)) for gold in gold_docs]


def compared(gold_docs: list[Document], outputs: list[Document], mapper=None):
    """For each document: its gold and predicted sentence tags, then its gold and predicted record
    keys. The gold records are what the post-processor makes of the gold spans."""
    from .keys import KeyMapper
    from .pipeline import Pipeline

    mapper = mapper or KeyMapper.from_yaml()
    for gold, output in zip(gold_docs, outputs, strict=True):
        reference = Pipeline(GoldTagger(gold.spans), mapper)(Document(gold.text, path=gold.path))
        yield (sentence_tags(reference, gold.spans), sentence_tags(reference, output.spans),
               record_keys(reference), record_keys(output))


def score(gold_docs: list[Document], outputs: list[Document], mapper=None) -> dict:
    """Span scores per label and record scores of pipeline ``outputs`` against the gold documents."""
    gold_tags, pred_tags, records = [], [], Counts()
    for gold, pred, gold_records, pred_records in compared(gold_docs, outputs, mapper):
        gold_tags += gold
        pred_tags += pred
        records.add(gold_records, pred_records)
    return {
        "spans": span_scores(gold_tags, pred_tags),
        "records": {"precision": records.precision, "recall": records.recall, "f1": records.f1,
                    "gold": records.gold, "predicted": records.pred},
    }


def span_counts(gold: list[list[str]], pred: list[list[str]]) -> dict[str, Counts]:
    """Exact spans per label as seqeval's strict IOB2 mode reads them: matched, gold, predicted."""
    from seqeval.scheme import IOB2, Entities

    gold_entities, pred_entities = Entities(gold, IOB2), Entities(pred, IOB2)
    counts = {}
    for label in LABELS:
        g, p = gold_entities.filter(label), pred_entities.filter(label)
        counts[label] = Counts(len(g & p), len(g), len(p))
    counts["ALL"] = sum(counts.values(), Counts())
    return counts


def document_counts(gold_docs: list[Document], outputs: list[Document], mapper=None) -> list[dict[str, Counts]]:
    """``score``'s counts for each document apart (labels, ``ALL`` and ``records``), to resample."""
    per_document = []
    for gold, pred, gold_records, pred_records in compared(gold_docs, outputs, mapper):
        counts = span_counts(gold, pred)
        counts["records"] = Counts()
        counts["records"].add(gold_records, pred_records)
        per_document.append(counts)
    return per_document


def bootstrap_f1(per_document: list[dict[str, Counts]], draws: int = 2000, level: float = 0.95,
                 seed: int = 0) -> dict[str, tuple[float, float]]:
    """A percentile interval for each F1 when the documents are drawn again with replacement: the
    document, not the span, is the unit, since a report's spans share its issuer's phrasing."""
    import numpy as np

    rng = np.random.default_rng(seed)
    names = list(per_document[0])
    table = np.array([[(c[n].tp, c[n].gold, c[n].pred) for n in names] for c in per_document], dtype=float)
    drawn = table[rng.integers(0, len(table), size=(draws, len(table)))].sum(axis=1)  # draws × names × 3
    tp, gold, pred = drawn[..., 0], drawn[..., 1], drawn[..., 2]
    f1 = np.divide(2 * tp, gold + pred, out=np.zeros_like(tp), where=gold + pred > 0)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(f1, [tail, 100 - tail], axis=0)
    return {name: (float(lo), float(hi)) for name, lo, hi in zip(names, low, high)}


def evaluate(tagger, gold_docs: list[Document], mapper=None, skip: tuple[str, ...] = ()) -> dict:
    """Span scores per label and record scores of ``tagger`` on the gold documents."""
    from .keys import KeyMapper

    mapper = mapper or KeyMapper.from_yaml()
    return score(gold_docs, run(tagger, gold_docs, mapper, skip), mapper)


def span_errors(gold: list[Span], pred: list[Span]) -> list[tuple[str, Span | None, list[Span]]]:
    """Each span error as (kind, gold span, predicted spans): ``boundary`` (a predicted span of the
    label overlaps the gold one but is not equal), ``missed`` (none overlaps) or ``spurious`` (a
    predicted span overlapping no gold span of its label)."""
    exact = {(s.start, s.end, s.label) for s in gold} & {(s.start, s.end, s.label) for s in pred}
    wrong_gold = [s for s in gold if (s.start, s.end, s.label) not in exact]
    wrong_pred = [s for s in pred if (s.start, s.end, s.label) not in exact]

    def overlapping(span: Span, others: list[Span]) -> list[Span]:
        return [o for o in others if o.label == span.label and o.start < span.end and span.start < o.end]

    errors = []
    for span in wrong_gold:
        hits = overlapping(span, wrong_pred)
        errors.append(("boundary" if hits else "missed", span, hits))
    errors += [("spurious", None, [span]) for span in wrong_pred if not overlapping(span, wrong_gold)]
    return errors
