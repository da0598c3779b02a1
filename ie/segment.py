"""Split a document into sentences, mark table rows and find the section heading of each sentence.

A sentence ends after 。！？ (with any closing quotes or brackets right after it) and at every
line break, as ../shared/spec/annotation.md requires: no span may cross either.
"""

from __future__ import annotations

import re

from ie.document import Document, Sentence

LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
SENTENCE_END = re.compile(r"[。！？]+[”’」』）)】》]*")

MAX_HEADING_CHARS = 40
_NUMERAL = "一二三四五六七八九十"
# 一、 (but not 一、二季度), （三） or (三), 第三部分 / 第二章 / 第一节.
HEADING_MARKER = re.compile(
    rf"(?:[{_NUMERAL}]+、(?![{_NUMERAL}])|[（(][{_NUMERAL}]+[）)]|第[{_NUMERAL}百零〇]+(?:部分|章|节))\s*"
)
# Where a heading that runs into its paragraph on the same line stops: a space or clause
# punctuation, an opening bracket, a number (a year or list number like 1. 1、) unless the
# title starts with it, 一是, or a template table label like 第二十条.
HEADING_END = re.compile(rf"[\s，,。；;：:！？!?（(]|(?<!\d)\d|一是|第[{_NUMERAL}]+条")
# Words that end most section titles: a heading that runs into its paragraph with no separator
# (一、概述政务信息公开是……) stops after the last of them.
HEADING_LAST_WORD = re.compile(r".*(?:情况|概述|方面|措施|事项|附表|统计表)")

_PROSE_PUNCTUATION = re.compile(r"[。，；;！？]|,(?!\d)")
_NUMBER_CELL = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?%?|/|-")
# A unit column followed by number cells, as in the old 附表: 主动公开信息数 条 425 1516.
_UNIT_THEN_NUMBER = re.compile(r"(?:^|\s)(?:条|件|个|次|项|篇|期|人|人次|元|万元)\s+[\d/]")
_MAX_CELL_CHARS = 20
WINDOW_CUT = "，、；：,;:"


def segment(doc: Document) -> Document:
    """Fill ``doc.sentences`` in text order and return ``doc``.

    A sentence that is a heading by itself gets the previous heading; a sentence whose heading
    runs into its paragraph on the same line (``一、概述 推进……``) gets that heading, since its
    text belongs to the new section. Headings are never taken from table rows with explicit
    cell separators: there ``一、本年新收政府信息公开申请数量`` is a row label.
    """
    sentences = []
    heading = None
    for line_start, line_end in _lines(doc.text):
        line = doc.text[line_start:line_end]
        table_row = is_table_row(line)
        headings_allowed = not (table_row and _has_cell_separators(line))
        for start, end in _split_sentences(doc.text, line_start, line_end):
            found = heading_of(doc.text[start:end]) if headings_allowed else None
            if found is not None and _is_only_heading(doc.text[start:end], found):
                sentences.append(Sentence(start, end, heading, table_row))
                heading = found
                continue
            heading = found or heading
            sentences.append(Sentence(start, end, heading, table_row))
    doc.sentences = sentences
    return doc


def heading_of(sentence: str) -> str | None:
    """The section heading a sentence starts with, at most ``MAX_HEADING_CHARS`` long, or None.

    Numbered list items (1、 一是 （1）) are not headings.
    """
    marker = HEADING_MARKER.match(sentence)
    if marker is None:
        return None
    cut = HEADING_END.search(sentence, marker.end() + 1)
    title = sentence[: cut.start() if cut else len(sentence)].rstrip()
    last_word = HEADING_LAST_WORD.match(title, marker.end())
    if last_word:
        title = title[: last_word.end()]
    return title[:MAX_HEADING_CHARS]


def is_table_row(line: str) -> bool:
    """Whether a line is a row of a table rather than prose.

    A row has cells separated by tabs or ``|``; or several short cells separated by runs of two
    or more spaces; or no prose punctuation and either mostly bare numbers (``21 0 0 21``) or a
    unit cell followed by numbers (``网站公开 条 418 1509``). A prose line that merely contains a
    double space has long cells or clause punctuation and is not a row.
    """
    stripped = line.strip()
    if not stripped:
        return False
    if sum(1 for cell in re.split(r"[\t|]", stripped) if cell.strip()) >= 2:
        return True
    if _PROSE_PUNCTUATION.search(stripped):
        return False
    spaced_cells = re.split(r"\s{2,}", stripped)
    if len(spaced_cells) >= 2 and all(len(cell) <= _MAX_CELL_CHARS for cell in spaced_cells):
        if len(spaced_cells) >= 3 or any(_NUMBER_CELL.fullmatch(cell) for cell in spaced_cells):
            return True
    tokens = stripped.split()
    numbers = sum(1 for token in tokens if _NUMBER_CELL.fullmatch(token))
    if numbers >= 2 and numbers * 2 > len(tokens):
        return True
    return bool(_UNIT_THEN_NUMBER.search(stripped))


def windows(
    text: str, start: int, end: int, max_chars: int = 120, overlap: int = 24
) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into windows of at most ``max_chars`` that cover it entirely.

    Consecutive windows share exactly ``overlap`` characters. A window is cut after the last
    ，、；： or comma in its final third when there is one, so that clauses stay whole.
    """
    if start > end or max_chars < 1 or not 0 <= overlap < max_chars:
        raise ValueError("need start <= end, max_chars >= 1 and 0 <= overlap < max_chars")
    spans = []
    window_start = start
    while True:
        window_end = min(window_start + max_chars, end)
        if window_end == end:
            spans.append((window_start, end))
            return spans
        floor = max(window_start + max_chars * 2 // 3, window_start + overlap)
        for i in range(window_end - 1, floor, -1):
            if text[i] in WINDOW_CUT:
                window_end = i + 1
                break
        spans.append((window_start, window_end))
        window_start = window_end - overlap


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, line breaks excluded."""
    bounds = []
    start = 0
    for match in LINE_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one line, whitespace trimmed and empty pieces dropped."""
    pieces = []
    piece_start = start
    for match in SENTENCE_END.finditer(text, start, end):
        pieces.append((piece_start, match.end()))
        piece_start = match.end()
    pieces.append((piece_start, end))
    sentences = []
    for piece_start, piece_end in pieces:
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_start < piece_end:
            sentences.append((piece_start, piece_end))
    return sentences


def _has_cell_separators(line: str) -> bool:
    return bool(re.search(r"\t|\||\S\s{2,}\S", line))


def _is_only_heading(sentence: str, heading: str) -> bool:
    return sentence.rstrip("。！？：:").strip() == heading
