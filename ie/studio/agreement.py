"""Inter-annotator agreement: span F1 per label between two independent annotation passes.

    python -m ie.studio.agreement [--a annotator-a] [--b annotator-b] [--show] [DIR]

Exact spans (same start, end and label) count as agreement; F1 is symmetric in the two passes.
``--show`` prints every disagreement with its context, in each pass's inline markup
(``ie.studio.markup``), to adjudicate from.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ie.document import Span
from ie.gold import ANNOTATIONS
from ie.labels import LABELS
from ie.studio.markup import render
from ie.studio.tasks import load_dir, task_spans


def agreement(tasks: dict[str, dict], a: str, b: str) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Per-label precision/recall/F1 of pass ``b`` against pass ``a``, over documents with both."""
    both, only_a, only_b = Counter(), Counter(), Counter()
    docs = []
    for doc_id, task in sorted(tasks.items()):
        try:
            first, second = task_spans(task, "annotation", a), task_spans(task, "annotation", b)
        except LookupError:
            continue
        docs.append(doc_id)
        first_set = {(s.start, s.end, s.label) for s in first}
        second_set = {(s.start, s.end, s.label) for s in second}
        for _, _, label in first_set & second_set:
            both[label] += 1
        for _, _, label in first_set - second_set:
            only_a[label] += 1
        for _, _, label in second_set - first_set:
            only_b[label] += 1
    scores = {}
    for label in (*LABELS, "ALL"):
        agree = sum(both.values()) if label == "ALL" else both[label]
        n_a = agree + (sum(only_a.values()) if label == "ALL" else only_a[label])
        n_b = agree + (sum(only_b.values()) if label == "ALL" else only_b[label])
        f1 = 2 * agree / (n_a + n_b) if n_a + n_b else 1.0
        scores[label] = {"agree": agree, "a": n_a, "b": n_b, "f1": f1}
    return scores, docs


def disagreements(text: str, first: list[Span], second: list[Span], context: int = 15) -> list[tuple[int, str, str]]:
    """One entry per disagreement, a run of spans the two passes do not share, each within
    ``2 * context`` characters of the next on the same line: (line number, the excerpt in
    ``first``'s inline markup, the same excerpt in ``second``'s), with ``context`` characters on
    each side, widened so that no span is cut."""
    spans = [{(s.start, s.end, s.label) for s in passed} for passed in (first, second)]
    runs: list[list[int]] = []
    for start, end, _ in sorted(spans[0] ^ spans[1]):
        if runs and start - runs[-1][1] <= 2 * context and "\n" not in text[runs[-1][1] : start]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    out = []
    for start, end in runs:
        line_end = text.find("\n", end)
        lo = max(start - context, text.rfind("\n", 0, start) + 1)
        hi = min(end + context, len(text) if line_end < 0 else line_end)
        for s_start, s_end, _ in spans[0] | spans[1]:
            if s_start < lo < s_end:
                lo = s_start
            if s_start < hi < s_end:
                hi = s_end
        excerpts = [render(text[lo:hi], [Span(s_start - lo, s_end - lo, label)
                                         for s_start, s_end, label in passed if lo <= s_start and s_end <= hi])
                    for passed in spans]
        out.append((text.count("\n", 0, start) + 1, *excerpts))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Span F1 between two annotation passes.")
    parser.add_argument("directory", nargs="?", type=Path, default=ANNOTATIONS)
    parser.add_argument("--a", default="annotator-a")
    parser.add_argument("--b", default="annotator-b")
    parser.add_argument("--show", action="store_true", help="print every disagreement in context")
    args = parser.parse_args(argv)
    tasks = load_dir(args.directory)
    scores, docs = agreement(tasks, args.a, args.b)
    if args.show:
        for doc_id in docs:
            task = tasks[doc_id]
            first, second = (task_spans(task, "annotation", name) for name in (args.a, args.b))
            for number, line_a, line_b in disagreements(task["data"]["text"], first, second):
                print(f"{doc_id}:{number}\n  {args.a}: {line_a}\n  {args.b}: {line_b}")
    print(f"{len(docs)} documents annotated by both: {', '.join(docs)}")
    print(f"{'label':8} {'agree':>6} {args.a:>12} {args.b:>12} {'F1':>6}")
    for label, s in scores.items():
        print(f"{label:8} {s['agree']:6d} {s['a']:12d} {s['b']:12d} {s['f1']:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
