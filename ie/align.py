"""Character spans <-> BIO tags on tokens, through the tokenizer's offset mapping.

A token is tagged by the character it starts on. Tokens that start on the same character as the
token before them (a lone ``▁`` before a character, or a character that NFKC expands into several
tokens) are ignored in the loss and when decoding, so each character start is read once.
"""

from __future__ import annotations

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


def decode_tags(
    offsets: list[tuple[int, int]], tag_ids: list[int], scores: list[float], base: int = 0
) -> list[Span]:
    """Spans from predicted tags; an I- tag with no open span of its label opens one."""
    spans: list[Span] = []
    current: Span | None = None
    token_scores: list[float] = []

    def close():
        if current is not None:
            current.score = sum(token_scores) / len(token_scores)
            spans.append(current)

    for (a, b), start, tag_id, score in zip(offsets, token_starts(offsets), tag_ids, scores):
        if start is None:
            continue
        tag = ID2TAG[int(tag_id)]
        if tag == "O":
            close()
            current, token_scores = None, []
            continue
        prefix, label = tag.split("-", 1)
        if prefix == "B" or current is None or current.label != label or current.end < base + a:
            close()
            current, token_scores = Span(base + a, base + b, label), [score]
        else:
            current.end = base + b
            token_scores.append(score)
    close()
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
