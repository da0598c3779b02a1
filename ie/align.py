"""Character spans <-> BIO tags on tokens, through the tokenizer's offset mapping.

A token is tagged by the character it starts on. Tokens that start on the same character as the
token before them (a lone ``▁`` before a character, or a character that NFKC expands into several
tokens) are ignored in the loss and when decoding, so each character start is read once.
"""

from __future__ import annotations

import functools

from .document import Span
from .labels import ID2TAG, TAG2ID

IGNORE = -100


def token_starts(offsets: list[tuple[int, int]]) -> list[int | None]:
    """For each token the character it is read at, or None (special tokens, repeats)."""
    starts: list[int | None] = []
    seen = -1
    for a, b in offsets:
        if b <= a or a <= seen:
            starts.append(None)
            continue
        starts.append(a)
        seen = a
    return starts


def encode_tags(
    offsets: list[tuple[int, int]], spans: list[Span], base: int = 0, ignore: list[tuple[int, int]] = ()
) -> list[int]:
    """Tag ids for the tokens of a window whose offsets are relative to ``base`` in the document.

    Characters in ``ignore`` (relative ranges: spans cut by the window's edge) are left out of the
    loss rather than taught as outside any span.
    """
    label_at: dict[int, str] = {}
    for span in spans:
        for i in range(span.start - base, span.end - base):
            label_at[i] = ("B-" if i == span.start - base else "I-") + span.label
    for a, b in ignore:
        label_at.update(dict.fromkeys(range(a, b), ""))
    tags = []
    for start in token_starts(offsets):
        tag = None if start is None else label_at.get(start, "O")
        tags.append(TAG2ID[tag] if tag else IGNORE)
    return tags


@functools.cache
def transition_scores() -> tuple["np.ndarray", "np.ndarray"]:
    """Log-scores of IOB2 validity: ``(start, step)``, 0 where allowed and -inf where not; an I-X
    tag may not start a sequence and may follow only B-X or I-X."""
    import numpy as np

    tags = list(ID2TAG.values())
    start = np.array([-np.inf if t.startswith("I-") else 0.0 for t in tags])
    step = np.array(
        [[-np.inf if b.startswith("I-") and a[2:] != b[2:] else 0.0 for b in tags] for a in tags]
    )
    return start, step


def viterbi(probs: "np.ndarray") -> list[int]:
    """The most probable tag sequence (rows: tokens, columns: tag probabilities) that is valid IOB2."""
    import numpy as np

    start, step = transition_scores()
    log_probs = np.log(np.clip(probs, 1e-12, None))
    score = log_probs[0] + start
    back = []
    for row in log_probs[1:]:
        candidates = score[:, None] + step
        back.append(candidates.argmax(0))
        score = candidates.max(0) + row
    path = [int(score.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


def decode_tags(offsets: list[tuple[int, int]], probs: "np.ndarray", base: int = 0) -> list[Span]:
    """Spans from per-token tag probabilities, through the best valid IOB2 path over the tokens read.

    A span's score is the mean probability of its tokens' tags on that path.
    """
    read = [(a, b, row) for row, ((a, b), start) in enumerate(zip(offsets, token_starts(offsets))) if start is not None]
    if not read:
        return []
    path = viterbi(probs[[row for _, _, row in read]])
    spans: list[Span] = []
    scores: list[float] = []
    for (a, b, row), tag_id in zip(read, path):
        tag = ID2TAG[tag_id]
        if tag.startswith("B-"):
            spans.append(Span(base + a, base + b, tag[2:]))
            scores.append([])
        if tag != "O":
            spans[-1].end = base + b
            scores[-1].append(float(probs[row, tag_id]))
    for span, token_scores in zip(spans, scores):
        span.score = sum(token_scores) / len(token_scores)
    return spans


def boundary_loss(tokenizer, texts: list[str], spans_per_text: list[list[Span]]) -> tuple[int, int]:
    """(spans that tokens cannot represent exactly, all spans) over the given texts."""
    lost = total = 0
    for text, spans in zip(texts, spans_per_text):
        offsets = tokenizer(text, return_offsets_mapping=True, add_special_tokens=False)["offset_mapping"]
        starts = {s for s in token_starts(offsets) if s is not None}
        ends = {b for (a, b), s in zip(offsets, token_starts(offsets)) if s is not None}
        for span in spans:
            total += 1
            # A span is representable when a token starts at its start and one ends at its end.
            if span.start not in starts or span.end not in ends:
                lost += 1
    return lost, total
