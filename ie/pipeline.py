"""The data path from a report file to metric records, one step after another.

    read → segment → tag → join metric parts → drop false quantities → tidy metrics → pair
         → drop lone metrics → normalise → key → merge

Each step is a plain callable taking and returning the one ``Document``; each is testable alone.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from .document import Document
from .keys import KeyMapper, assign_keys
from .normalize import normalise
from .pairing import pair
from .prune import drop_false_quantities, drop_unpaired_metrics, join_metric_parts, tidy_metrics
from .reading import read_document
from .segment import segment


def merge(doc: Document) -> Document:
    """Records in document order, each (value span, metric span) pair once."""
    seen, records = set(), []
    for record in sorted(doc.records, key=lambda r: (r.value_span.start, r.metric_span.start if r.metric_span else -1)):
        ident = (record.value_span.start, record.metric_span.start if record.metric_span else None)
        if ident not in seen:
            seen.add(ident)
            records.append(record)
    doc.records = records
    return doc


# The rules between tagging and normalising that an ablation may leave out (``skip``).
RULES = {step.__name__: step for step in (join_metric_parts, drop_false_quantities, tidy_metrics, drop_unpaired_metrics)}


class Pipeline:
    def __init__(self, tagger, mapper: KeyMapper | None = None, skip: tuple[str, ...] = ()):
        unknown = set(skip) - set(RULES)
        if unknown:
            raise ValueError(f"cannot skip {', '.join(sorted(unknown))}: only {', '.join(RULES)}")
        mapper = mapper or KeyMapper.from_yaml()
        steps = [segment, tagger, join_metric_parts, drop_false_quantities, tidy_metrics, pair, drop_unpaired_metrics, normalise, partial(assign_keys, mapper=mapper), merge]
        self.steps = [step for step in steps if getattr(step, "__name__", None) not in skip]

    def __call__(self, doc: Document) -> Document:
        for step in self.steps:
            doc = step(doc)
        return doc

    def run_file(self, path: str | Path) -> Document:
        return self(read_document(path))
