"""The label set of ../shared/spec/annotation.md and its BIO encoding."""

LABELS = ("METRIC", "VALUE", "ZERO")
BIO_TAGS = ("O",) + tuple(f"{p}-{label}" for label in LABELS for p in ("B", "I"))
TAG2ID = {tag: i for i, tag in enumerate(BIO_TAGS)}
ID2TAG = dict(enumerate(BIO_TAGS))
ZERO_WORDS = ("未", "尚未", "没有", "未有", "无", "从未")  # the negations a ZERO span may cover
