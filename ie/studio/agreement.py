"""Inter-annotator agreement: span F1 per label between two independent annotation passes.

    python -m ie.studio.agreement [--a annotator-a] [--b annotator-b] [DIR]

Exact spans (same start, end and label) count as agreement; F1 is symmetric in the two passes.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ie.gold import ANNOTATIONS
from ie.labels import LABELS
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Span F1 between two annotation passes.")
    parser.add_argument("directory", nargs="?", type=Path, default=ANNOTATIONS)
    parser.add_argument("--a", default="annotator-a")
    parser.add_argument("--b", default="annotator-b")
    args = parser.parse_args(argv)
    scores, docs = agreement(load_dir(args.directory), args.a, args.b)
    print(f"{len(docs)} documents annotated by both: {', '.join(docs)}")
    print(f"{'label':8} {'agree':>6} {args.a:>12} {args.b:>12} {'F1':>6}")
    for label, s in scores.items():
        print(f"{label:8} {s['agree']:6d} {s['a']:12d} {s['b']:12d} {s['f1']:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
