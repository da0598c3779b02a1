"""Mention replacement (Dai & Adel 2020): training windows whose METRIC texts are swapped for other
METRIC texts of the training documents, so that the tagger learns where a METRIC starts and ends
from the words around it (verbs, adverbs, the value) rather than from the phrases it has seen."""

from __future__ import annotations

import random


def mention_replacements(examples: list[dict], n: int, seed: int) -> list[dict]:
    """``n`` new window examples, each a copy of one of ``examples`` (a window holding a METRIC and
    no span cut by its edge) in which every METRIC is replaced, each with probability 0.5 and at
    least one, by a METRIC text drawn uniformly from the distinct METRIC texts of ``examples``."""
    pool = sorted({e["text"][s["start"] : s["end"]] for e in examples for s in e["spans"] if s["label"] == "METRIC"})
    sources = [e for e in examples if not e["cut"] and any(s["label"] == "METRIC" for s in e["spans"])]
    if n <= 0 or not sources:
        return []
    rng = random.Random(seed)
    return [_replace(rng.choice(sources), pool, rng) for _ in range(n)]


def _replace(example: dict, pool: list[str], rng: random.Random) -> dict:
    spans = sorted(example["spans"], key=lambda s: s["start"])
    metrics = [i for i, s in enumerate(spans) if s["label"] == "METRIC"]
    chosen = {i for i in metrics if rng.random() < 0.5} or {rng.choice(metrics)}
    text, new_spans, cursor = "", [], 0
    for i, span in enumerate(spans):
        text += example["text"][cursor : span["start"]]
        piece = rng.choice(pool) if i in chosen else example["text"][span["start"] : span["end"]]
        new_spans.append({"start": len(text), "end": len(text) + len(piece), "label": span["label"]})
        text += piece
        cursor = span["end"]
    text += example["text"][cursor:]
    return {**example, "doc": f"{example['doc']}#replaced", "text": text, "spans": new_spans}
