"""Word boundaries (jieba's segmentation): the word-level cue that the character tokenizer lacks.

The tokenizer isolates every Han character so that every span boundary is a token boundary, and
the tagger then sometimes cuts a word (行政许|可, 财政预|算); ``tidy_metrics`` mends that from here.
"""

from __future__ import annotations

import functools
import logging


@functools.cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def word_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each word of ``text``, whitespace left out."""
    return [(start, end) for word, start, end in _jieba().tokenize(text) if not word.isspace()]
