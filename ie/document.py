"""The one object that flows through the pipeline: text in, sentences, spans and records out.

Offsets are Unicode code-point offsets into ``Document.text`` exactly as decoded from the file,
``start`` inclusive and ``end`` exclusive, so ``text[start:end]`` reproduces a span.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Sentence:
    start: int
    end: int
    heading: str | None = None  # the nearest section heading above the sentence
    is_table_row: bool = False


@dataclass
class Span:
    start: int
    end: int
    label: str  # METRIC, VALUE or ZERO
    score: float = 1.0


@dataclass
class Record:
    value_span: Span
    metric_span: Span | None = None
    key: str | None = None
    value: float | None = None
    unit: str | None = None
    kind: str = "level"  # level, change or share
    period: str = "year"  # year or cumulative
    score: float = 1.0
    source: str = "prose"  # prose or table


@dataclass
class Document:
    text: str
    path: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def sentence_of(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def record_dict(self, record: Record) -> dict:
        """A record as ../shared/spec/output.md defines it."""
        metric = record.metric_span
        return {
            "doc": self.path,
            "key": record.key,
            "metric": self.span_text(metric) if metric else None,
            "metric_start": metric.start if metric else None,
            "metric_end": metric.end if metric else None,
            "value": record.value,
            "unit": record.unit,
            "value_text": self.span_text(record.value_span),
            "value_start": record.value_span.start,
            "value_end": record.value_span.end,
            "kind": record.kind,
            "period": record.period,
            "score": round(record.score, 4),
            "source": record.source,
        }

    def span_dict(self, span: Span) -> dict:
        return {
            "doc": self.path,
            **{k: v for k, v in asdict(span).items() if k != "score"},
            "text": self.span_text(span),
            "score": round(span.score, 4),
        }
