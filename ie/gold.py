"""Gold documents from ``annotations/`` and the sentence windows the tagger trains on."""

from __future__ import annotations

import json
from pathlib import Path

from .document import Document, Span
from .segment import segment, windows
from .studio.tasks import load_dir, task_spans
from .tagger import model_reads

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO / "annotations"
GOLD_ANNOTATOR = "annotator-a"


def read_split(path: Path = ANNOTATIONS / "split.json") -> dict[str, list[str]]:
    split = json.loads(Path(path).read_text(encoding="utf-8"))
    return {name: split[name] for name in ("train", "dev", "test")}


def load_gold(
    doc_ids: list[str] | None = None, directory: Path = ANNOTATIONS, annotator: str = GOLD_ANNOTATOR
) -> list[Document]:
    """Segmented documents with their gold spans; documents not annotated yet are left out."""
    docs = []
    for doc_id, task in sorted(load_dir(directory).items()):
        if doc_ids is not None and doc_id not in doc_ids:
            continue
        try:
            spans = task_spans(task, "annotation", annotator)
        except LookupError:
            continue
        doc = segment(Document(task["data"]["text"], path=doc_id))
        doc.spans = spans
        docs.append(doc)
    return docs


def require_gold(doc_ids: list[str], directory: Path = ANNOTATIONS) -> list[Document]:
    """``load_gold`` for ids named on purpose: exits naming every id that has no gold annotation,
    instead of leaving it out."""
    docs = load_gold(doc_ids, directory)
    missing = sorted(set(doc_ids) - {d.path for d in docs})
    if missing:
        raise SystemExit(f"no gold annotation for: {', '.join(missing)}")
    return docs


def window_examples(docs: list[Document], max_chars: int, overlap: int) -> list[dict]:
    """One example per sentence window the tagger reads: its text, spans and cut-off ranges."""
    examples = []
    for doc in docs:
        for sentence in doc.sentences:
            if not model_reads(doc, sentence):
                continue
            for start, end in windows(doc.text, sentence.start, sentence.end, max_chars, overlap):
                inside, cut = [], []
                for span in doc.spans:
                    if span.end <= start or span.start >= end:
                        continue
                    if start <= span.start and span.end <= end:
                        inside.append({"start": span.start - start, "end": span.end - start, "label": span.label})
                    else:
                        cut.append([max(span.start, start) - start, min(span.end, end) - start])
                examples.append(
                    {"doc": doc.path, "start": start, "text": doc.text[start:end], "spans": inside, "cut": cut}
                )
    return examples


def example_spans(spans: list[dict]) -> list[Span]:
    return [Span(s["start"], s["end"], s["label"]) for s in spans]
