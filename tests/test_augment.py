"""Mention replacement: new METRIC texts in place, every other character and span kept."""

from ie.augment import mention_replacements


def _window(text, *pieces, cut=()):
    spans, cursor = [], 0
    for piece, label in pieces:
        start = text.index(piece, cursor)
        spans.append({"start": start, "end": start + len(piece), "label": label})
        cursor = start + len(piece)
    return {"doc": "d", "start": 0, "text": text, "spans": spans, "cut": list(cut)}


WINDOWS = [
    _window("全年共受理申请25件，办结率98%。", ("受理申请", "METRIC"), ("25件", "VALUE"), ("办结率", "METRIC"), ("98%", "VALUE")),
    _window("主动公开政府信息1200条。", ("主动公开政府信息", "METRIC"), ("1200条", "VALUE")),
    _window("未收到行政复议。", ("未", "ZERO"), ("收到行政复议", "METRIC")),
    _window("发布政策解读30篇（不含转载）", ("发布政策解读", "METRIC"), ("30篇", "VALUE"), cut=[(0, 2)]),
    _window("本报告由六个部分组成。"),
]


def _pieces(example):
    return [(example["text"][s["start"] : s["end"]], s["label"]) for s in example["spans"]]


def test_replaced_windows_keep_the_context_and_every_other_span():
    pool = {"受理申请", "办结率", "主动公开政府信息", "收到行政复议", "发布政策解读"}
    made = mention_replacements(WINDOWS, 200, seed=3)
    assert len(made) == 200
    changed = 0
    for example in made:
        # only whole windows holding a METRIC are copied: never the cut one, never the one without spans
        source = next(w for w in WINDOWS if w["spans"] and example["text"].endswith(w["text"][w["spans"][-1]["end"] :])
                      and [l for _, l in _pieces(w)] == [l for _, l in _pieces(example)])
        assert source in WINDOWS[:3]
        for (old, label), (new, _), span in zip(_pieces(source), _pieces(example), example["spans"]):
            assert example["text"][span["start"] : span["end"]] == new
            if label == "METRIC":
                assert new in pool
            else:
                assert new == old
        # the text between spans is the source's
        gaps = lambda e: [e["text"][a["end"] : b["start"]] for a, b in zip(e["spans"], e["spans"][1:])]
        assert gaps(example) == gaps(source)
        changed += _pieces(example) != _pieces(source)
    assert changed > 150  # a METRIC may be swapped for itself


def test_seeded_and_empty_without_sources():
    assert mention_replacements(WINDOWS, 20, seed=1) == mention_replacements(WINDOWS, 20, seed=1)
    assert mention_replacements(WINDOWS, 20, seed=1) != mention_replacements(WINDOWS, 20, seed=2)
    assert mention_replacements(WINDOWS[3:], 20, seed=1) == []
    assert mention_replacements(WINDOWS, 0, seed=1) == []
