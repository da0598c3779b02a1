"""Character spans <-> BIO tags on tokens, through the tokenizer's offset mapping.

A token is tagged by the character it starts on, in IOB2 or in BIOES (``tags``: one of
``labels.SCHEMES``). Tokens that start on the same character as the
token before them (a lone ``▁`` before a character, or a character that NFKC expands into several
tokens) are ignored in the loss and when decoding, so each character start is read once.
"""

from __future__ import annotations

import functools

from .document import Span
from .labels import BIO_TAGS

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
    offsets: list[tuple[int, int]],
    spans: list[Span],
    base: int = 0,
    ignore: list[tuple[int, int]] = (),
    tags: tuple[str, ...] = BIO_TAGS,
) -> list[int]:
    """Tag ids (indices into ``tags``) for the tokens of a window whose offsets are relative to
    ``base`` in the document.

    Characters in ``ignore`` (relative ranges: spans cut by the window's edge) are left out of the
    loss rather than taught as outside any span.
    """
    label_at: dict[int, str] = {}
    for span in spans:
        for i in range(span.start - base, span.end - base):
            label_at[i] = ("B-" if i == span.start - base else "I-") + span.label
    for a, b in ignore:
        label_at.update(dict.fromkeys(range(a, b), ""))
    bio = [None if start is None else label_at.get(start, "O") or None for start in token_starts(offsets)]
    if _has_ends(tags):
        bio = _bioes(bio)
    return [IGNORE if tag is None else tags.index(tag) for tag in bio]


def _has_ends(tags: tuple[str, ...]) -> bool:
    return any(t.startswith("E-") for t in tags)


def _bioes(bio: list[str | None]) -> list[str | None]:
    """IOB2 token tags (None: not read) as BIOES: a span's last token E-, a one-token span S-."""
    read = [i for i, tag in enumerate(bio) if tag is not None]
    out = list(bio)
    for i, j in zip(read, read[1:] + [None]):
        tag = bio[i]
        if tag != "O" and (j is None or bio[j] != "I-" + tag[2:]):
            out[i] = ("S-" if tag.startswith("B-") else "E-") + tag[2:]
    return out


@functools.cache
def transition_scores(tags: tuple[str, ...] = BIO_TAGS) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """Log-scores of a valid tag path: ``(start, step, end)``, 0 where allowed and -inf where not.

    IOB2: an I-X tag may not start a sequence and may follow only B-X or I-X. BIOES: after B-X or
    I-X only I-X or E-X, and those only there; a sequence ends on O, E- or S-.
    """
    import numpy as np

    def opens(tag):  # inside a span that the next tag may continue
        return tag[:2] in ("B-", "I-")

    def continues(tag):
        return tag[:2] in ("I-", "E-")

    bioes = _has_ends(tags)

    def allowed(a, b):
        if bioes and opens(a):
            return continues(b) and a[2:] == b[2:]
        return not continues(b) or (opens(a) and a[2:] == b[2:])

    start = np.array([-np.inf if continues(t) else 0.0 for t in tags])
    step = np.array([[0.0 if allowed(a, b) else -np.inf for b in tags] for a in tags])
    end = np.array([-np.inf if bioes and opens(t) else 0.0 for t in tags])
    return start, step, end


def viterbi(probs: "np.ndarray", tags: tuple[str, ...] = BIO_TAGS) -> list[int]:
    """The most probable valid tag sequence (rows: tokens, columns: probabilities of ``tags``)."""
    import numpy as np

    start, step, end = transition_scores(tuple(tags))
    log_probs = np.log(np.clip(probs, 1e-12, None))
    score = log_probs[0] + start
    back = []
    for row in log_probs[1:]:
        candidates = score[:, None] + step
        back.append(candidates.argmax(0))
        score = candidates.max(0) + row
    path = [int((score + end).argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


def decode_tags(
    offsets: list[tuple[int, int]], probs: "np.ndarray", base: int = 0, tags: tuple[str, ...] = BIO_TAGS
) -> list[Span]:
    """Spans from per-token tag probabilities, through the best valid path over the tokens read.

    A span's score is the mean probability of its tokens' tags on that path.
    """
    read = [(a, b, row) for row, ((a, b), start) in enumerate(zip(offsets, token_starts(offsets))) if start is not None]
    if not read:
        return []
    path = viterbi(probs[[row for _, _, row in read]], tags)
    spans: list[Span] = []
    scores: list[float] = []
    for (a, b, row), tag_id in zip(read, path):
        tag = tags[tag_id]
        if tag[:2] in ("B-", "S-"):
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
