"""Gold consistency: the same words in the same context annotated differently across documents.

    python -m ie.studio.consistency [--context 3] [--annotator annotator-a] [DIR]

Reports, many of them reuse each other's sentences year after year, so a phrase tagged one way in
one document and another way in the same context elsewhere is almost always a slip of one of the
two passes (a variation n-gram, Dickinson & Meurers 2003). For every gold span, each other place
where its text appears between the same ``context`` characters on either side must hold the same
span; every place that does not is listed with how it is annotated there.

Within one document, a METRIC whose words come again, untagged, between it and the quantity after
it was tagged on the wrong copy (the heading instead of the sentence, D4:
二、[主动公开政府信息]情况（一）…2018年主动公开政府信息[5条]); ``misplaced`` lists those.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ie.gold import ANNOTATIONS
from ie.studio.tasks import load_dir, task_spans


@dataclass
class Variation:
    phrase: str  # the span's text with its context: 左[span]右
    label: str
    tagged_in: str  # a document where the phrase is a span
    differs_in: str  # a document where the same context holds no such span
    found: str  # the spans that overlap it there, or "nothing"


def variations(
    tasks: dict[str, dict], context: int = 3, annotator: str = "annotator-a", unmarked: bool = False
) -> list[Variation]:
    """Every place whose spans differ from a gold span with the same text and context; places with
    no span there at all only with ``unmarked`` (a heading or table of contents repeats a phrase
    that the prose tags, so they are mostly right)."""
    docs = {doc_id: (text, spans, {(s.start, s.end, s.label) for s in spans})
            for doc_id, text, spans in _annotated(tasks, annotator)}

    found, seen = [], set()
    for doc_id, (text, spans, _) in docs.items():
        for span in spans:
            left, right = text[max(0, span.start - context) : span.start], text[span.end : span.end + context]
            key = (left, text[span.start : span.end], right, span.label)
            if key in seen or len(left) < context or len(right) < context:
                continue
            seen.add(key)
            needle = left + key[1] + right
            for other_id, (other_text, other_spans, other_set) in docs.items():
                for at in _finds(needle, other_text):
                    start, end = at + len(left), at + len(left) + len(key[1])
                    if (start, end, span.label) in other_set:
                        continue
                    overlapping = [s for s in other_spans if s.start < end and s.end > start]
                    if overlapping or unmarked:
                        shown = " ".join(f"{s.label}[{other_text[s.start : s.end]}]" for s in overlapping)
                        found.append(Variation(f"{left}[{key[1]}]{right}", span.label, doc_id, other_id,
                                               shown or "nothing"))
    return found


def misplaced(tasks: dict[str, dict], annotator: str = "annotator-a") -> list[Variation]:
    """METRICs whose words recur untagged between them and the next VALUE or ZERO. An object after
    its value ([8个][栏目]) is measured by the value before it and is not checked."""
    found = []
    for doc_id, text, spans in _annotated(tasks, annotator):
        for i, span in enumerate(spans):
            if span.label != "METRIC" or (i and spans[i - 1].label == "VALUE" and spans[i - 1].end == span.start):
                continue
            quantity = next((s for s in spans[i + 1 :] if s.label in ("VALUE", "ZERO")), None)
            if quantity is None:
                continue
            words = text[span.start : span.end]
            at = text.rfind(words, span.end, quantity.start)
            if at >= 0 and not any(s.start < at + len(words) and s.end > at for s in spans):
                found.append(Variation(f"[{words}]…{text[max(0, at - 5) : quantity.end]}", "METRIC", doc_id, doc_id,
                                       "the copy nearer its quantity is untagged"))
    return found


def _annotated(tasks: dict[str, dict], annotator: str):
    """(id, text, spans) of each task that ``annotator`` annotated, in id order."""
    for doc_id, task in sorted(tasks.items()):
        try:
            yield doc_id, task["data"]["text"], task_spans(task, "annotation", annotator)
        except LookupError:
            continue


def _finds(needle: str, text: str):
    """Start offsets of every occurrence of ``needle`` in ``text``, overlapping ones included."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="List phrases annotated differently in the same context.")
    parser.add_argument("directory", nargs="?", type=Path, default=ANNOTATIONS)
    parser.add_argument("--context", type=int, default=3, help="characters of context on each side")
    parser.add_argument("--annotator", default="annotator-a")
    parser.add_argument("--unmarked", action="store_true", help="also list places with no span at all")
    args = parser.parse_args(argv)
    tasks = load_dir(args.directory)
    found = variations(tasks, args.context, args.annotator, args.unmarked)
    moved = misplaced(tasks, args.annotator)
    for v in found + moved:
        print("\t".join((v.label, v.phrase, v.tagged_in, v.differs_in, v.found)).replace("\n", "⏎"))
    print(f"{len(found)} places annotated differently from the same words in the same context")
    print(f"{len(moved)} METRICs tagged on a copy of their words farther from their quantity")
    return 1 if found or moved else 0


if __name__ == "__main__":
    raise SystemExit(main())
