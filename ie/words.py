"""Word boundaries (jieba's segmentation): a word-level cue that the tokenizer does not guarantee.

e5's word pieces do not always end where words do, and the tagger then sometimes cuts a word
(行政许|可, 财政预|算); ``tidy_metrics`` mends that from here.
"""

from __future__ import annotations

import functools
import logging

# Words a METRIC leaves out (guidelines, core rule 1), as regex alternatives (longest first) that
# the rule baseline, the contract checks and the key mapper each compose with words of their own.
TIME = (r"(?:19|20)\d\d年(?:度|底|全年)?|本年度|本年|今年|全年|年内|截至目前|截至年底|截止目前"
        r"|(?:按|每)(?:季度|月|周)")  # how often (按季度公开…)
SCOPE = (r"(?:全|本|我|各)(?:乡镇|街道|街|单位|部门|机关|区|县|市|省|州|镇|乡|局|委|办)"
         r"|各级|(?:市|县|区)?本级|(?:省|州|市|县|乡)级|行政机关")
ADVERB = r"共计|总共|一共|共|累计|合计|总计|均|已"
VALUE_LEAD = r"超过|超|突破|约|近"  # words that belong to the value after a METRIC (core rule 6)


@functools.cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def word_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each word of ``text``, whitespace left out."""
    return [(start, end) for word, start, end in _jieba().tokenize(text) if not word.isspace()]
