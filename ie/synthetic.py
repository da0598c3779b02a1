"""Synthetic report-style sentences with known spans, for hard cases the real corpus has few of.

Training-only: the examples are generated from a seed when training starts, never written into
``annotations/`` and never put in dev or test. They cover what the gold set is thin on: ZERO
negations (未, 没有, 无, 尚未, 未有, 从未) and the coordinated metrics after them, Chinese numerals,
万/亿, full-width digits and 百分之…, a value between the verb and its object, lists sharing one
verb, share and change values, numbers that are not VALUEs (dates, deadlines, document
numbers, phone numbers, thresholds, names), and the METRIC boundaries the guidelines decide: a
channel kept (core rule 2) unless an adverb follows it (D18), a manner adverb left out (D12), a
list counted as a whole from its verb (D16), an object after its value up to its predicate (D17).

    python -m ie.synthetic -n 10      # print a few, spans in brackets
"""

from __future__ import annotations

import argparse
import random

from .labels import ZERO_WORDS

TIMES = ["2016年", "2018年度", "本年度", "全年", "年内", "去年", "2021年", "报告期内", "2013年"]
SCOPES = ["我局", "我区", "全区", "本机关", "我乡", "区政府办", "市发展改革委", "县人社局", "我街道", "本单位"]
ADVERBS = ["", "共", "共计", "累计", "全年共", "总计"]
LINKS = ["", "达", "达到", "为"]

# (metric phrase, measure words it is counted in)
COUNTED = [
    ("主动公开政府信息", "条"), ("通过门户网站公开各类信息", "条"), ("受理政府信息公开申请", "件"),
    ("受理有效诉求", "件"), ("举办培训班", "期次"), ("发布政策解读", "篇"), ("召开新闻发布会", "场次"),
    ("接听市民咨询电话", "个次"), ("办理人大代表建议", "件"), ("公开财政预决算信息", "条"),
    ("网站专栏页面访问量", "人次"), ("更新政务微博", "条"), ("培训工作人员", "人次"),
    ("答复网民留言", "条"), ("收到依申请公开", "件"), ("当面申请", "件"), ("网上申请", "件"),
    ("信函申请", "件"), ("发放宣传资料", "份"), ("公开行政处罚决定", "项"), ("处理投诉举报", "件"),
]
RATES = ["办结率", "满意率", "按时答复率", "回复率", "全文电子化率", "公开率"]
OBJECT_VERBS = [("编辑", "期", ["网络舆情动态", "政务公开简报", "工作信息"]),
                ("制作", "个", ["图解材料", "政策解读视频", "专题页面"]),
                ("开设", "个", ["政务新媒体账号", "公开专栏"]),
                ("公开", "条", ["办理情况", "人事任免信息", "招投标信息"])]
# a linking or light verb before "|" stays out of the METRIC (core rule 7): [未]进行[收费]
ZERO_PLAIN = ["收到政府信息公开申请", "收到有关政府信息公开的申请", "受理依申请公开的信息", "收取信息处理费",
              "接到群众投诉", "收到信息公开申请", "进行|收费", "发生|泄密事件"]
ZERO_LISTED = ["行政复议案", "行政诉讼案", "申诉案", "行政复议", "行政诉讼", "举报", "投诉"]
ZERO_NOUNS = ["收费及减免", "政府信息公开收费及减免", "收取信息处理费", "投诉", "不予公开政府信息"]
DISTRACTORS = [
    "根据国办发〔2018〕23号文件要求，{scope}认真做好信息公开工作。",
    "{scope}在受理申请后15个工作日内予以答复。",
    "咨询电话0591-87654321，受理时间为工作日9:00至17:00。",
    "本报告统计期限为2019年1月1日至12月31日。",
    "要求各单位主动公开比例不少于40%。",
    "{scope}持续推进12345热线与“三公”经费公开工作。",
    "一是加强组织领导；二是完善工作机制。",
    "本报告由六个部分组成。",
    "按照《条例》第二十条的规定，{scope}多次召开专题会议。",
]
CHANNELS = ["通过政府门户网站", "在“中国平潭”网", "通过政务微博", "依托微信公众号", "在区政府网站信息公开专栏",
            "通过报纸新闻媒体", "在政务服务大厅", "通过政务服务网"]
CHANNEL_VERBS = [("公开政府信息", "条"), ("发布政策解读", "篇"), ("进行公示相关投标信息", "条"), ("进行政策解读", "次"),
                 ("发布工作动态", "条"), ("公开招聘信息", "条"), ("受理咨询", "件")]
MANNER = ["及时", "积极", "按规定", "集中", "动态"]
LIST_ITEMS = ["财政预决算", "“三公”经费", "重大建设项目", "公共资源配置", "社会公益事业", "环境保护",
              "食品药品安全", "安全生产", "征地拆迁"]
LIST_HEADS = [("公开", "等领域信息", "条"), ("发布", "等方面的政策文件", "件"), ("清理并集中发布", "等规范性文件", "件"),
              ("梳理", "等事项", "项")]
# (verb, measure word, object, what may follow the object: its predicate or nothing)
COUNTED_OWNERS = [("汇集了", "个", "单位的主动公开的政府信息", ["", "集中公开"]),
                  ("抽查", "个", "单位的信息公开专栏", ["", "更新情况"]),
                  ("对", "个", "单位部门", ["进行检查", "进行问政"]),
                  ("实现", "项", "高频登记业务", ["“秒批”", "网上办理"])]
CHINESE_DIGITS = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """A small number (< 100) in Chinese numerals, as reports write it (十五, 二十三, 三)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


def _number(rng: random.Random) -> str:
    style = rng.random()
    n = rng.choice([rng.randint(1, 99), rng.randint(100, 9999), rng.randint(10000, 99999)])
    if style < 0.45:
        return str(n)
    if style < 0.55:
        return f"{n:,}"
    if style < 0.65:
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if style < 0.8:
        return _chinese(rng.randint(1, 99))
    if style < 0.9:
        return f"{rng.randint(1, 99)}.{rng.randint(1, 9)}万"
    return str(rng.randint(10, 90)) + rng.choice(["多", "余"])


def _percent(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return "百分之" + _chinese(rng.randint(50, 99))
    value = rng.choice([str(rng.randint(50, 100)), f"{rng.randint(50, 99)}.{rng.randint(1, 99)}"])
    return value + rng.choice(["%", "%", "％"])


def _lead(rng: random.Random) -> str:
    return rng.choice(TIMES) + rng.choice(["，", ""]) + rng.choice(SCOPES)


def _counted(rng: random.Random) -> list[tuple[str, str | None]]:
    metric, units = rng.choice(COUNTED)
    unit = rng.choice([units[: len(units) // 2 or 1], units]) if len(units) > 1 else units
    parts = [(_lead(rng) + rng.choice(ADVERBS), None), (metric, "METRIC"), (rng.choice(LINKS), None),
             (_number(rng) + unit, "VALUE")]
    extra = rng.random()
    if extra < 0.25:
        parts += [("，占", None), (_percent(rng), "VALUE")]
    elif extra < 0.5:
        parts += [("，比上年增长", None), (_percent(rng), "VALUE")]
    return parts + [("。", None)]


def _rate(rng: random.Random) -> list[tuple[str, str | None]]:
    return [(_lead(rng) + "受理的申请", None), ("，", None), (rng.choice(RATES), "METRIC"),
            (rng.choice(["达", "达到", "为", ""]), None), (_percent(rng), "VALUE"), ("。", None)]


def _value_before_object(rng: random.Random) -> list[tuple[str, str | None]]:
    verb, unit, objects = rng.choice(OBJECT_VERBS)
    obj = rng.choice(objects)
    quoted = rng.random() < 0.4
    return [(_lead(rng) + rng.choice(["共", "", "累计"]) + verb, None), (_number(rng) + unit, "VALUE"),
            ("《" if quoted else "", None), (obj, "METRIC"), ("》" if quoted else "", None), ("。", None)]


def _shared_verb_list(rng: random.Random) -> list[tuple[str, str | None]]:
    parts: list[tuple[str, str | None]] = [
        (_lead(rng) + "共", None), ("收到政府信息公开申请", "METRIC"), (_number(rng) + "件", "VALUE"), ("，其中", None)]
    for i, channel in enumerate(rng.sample(["当面申请", "网上申请", "信函申请", "传真申请", "电子邮件申请"], 3)):
        parts += [("、" if i else "", None), (channel, "METRIC"), (str(rng.randint(1, 300)) + "件", "VALUE")]
    return parts + [("。", None)]


def _zero(rng: random.Random) -> list[tuple[str, str | None]]:
    word = rng.choice(ZERO_WORDS)
    pattern = rng.random()
    lead = (_lead(rng), None)
    if pattern < 0.4:
        verb, _, metric = rng.choice(ZERO_PLAIN).rpartition("|")
        return [lead, (word, "ZERO"), (verb, None), (metric, "METRIC"), ("。", None)]
    if pattern < 0.7:
        listed = rng.sample(ZERO_LISTED, rng.randint(2, 3))
        parts = [lead, (word, "ZERO"), (rng.choice(["发生", "出现", ""]) + "因政府信息公开申请引起的", None)]
        for i, metric in enumerate(listed):
            joint = "" if i == 0 else ("和" if i == len(listed) - 1 else "、")
            parts += [(joint, None), (metric, "METRIC")]
        return parts + [("。", None)]
    return [lead, ("，" if rng.random() < 0.5 else "", None), (word, "ZERO"), (rng.choice(ZERO_NOUNS), "METRIC"),
            ("情况。", None)]


def _manner(rng: random.Random) -> str:
    """A leading manner adverb, or none half the time: it stays out of the METRIC (D12)."""
    return rng.choice(["", rng.choice(MANNER)])


def _channel(rng: random.Random) -> list[tuple[str, str | None]]:
    phrase, unit = rng.choice(CHANNEL_VERBS)
    channel, adverb = rng.choice(CHANNELS), rng.choice(["", "", "共", "累计", "共计"])
    value = (_number(rng) + unit, "VALUE")
    if adverb:  # D18: the adverb cannot be left out of the middle of a span, so the channel goes
        return [(_lead(rng) + channel + adverb, None), (phrase, "METRIC"), value, ("。", None)]
    manner = _manner(rng)  # drawn before the lead, so that a seed gives tagger-0.7's sentences
    return [(_lead(rng) + manner, None), (channel + phrase, "METRIC"), value, ("。", None)]


def _counted_list(rng: random.Random) -> list[tuple[str, str | None]]:
    verb, head, unit = rng.choice(LIST_HEADS)
    items = rng.sample(LIST_ITEMS, rng.randint(2, 4))
    listed = "、".join(items[:-1]) + rng.choice(["、", "和", "及"]) + items[-1]
    return [(_lead(rng) + _manner(rng), None), (verb + listed + head, "METRIC"),
            (rng.choice(["共", "", "共计"]), None), (_number(rng) + unit, "VALUE"), ("。", None)]


def _owned_object(rng: random.Random) -> list[tuple[str, str | None]]:
    verb, unit, obj, after = rng.choice(COUNTED_OWNERS)
    return [(_lead(rng) + verb, None), (_number(rng) + unit, "VALUE"), (obj, "METRIC"), (rng.choice(after) + "。", None)]


def _distractor(rng: random.Random) -> list[tuple[str, str | None]]:
    return [(rng.choice(DISTRACTORS).format(scope=rng.choice(SCOPES)), None)]


PATTERNS = [(_counted, 3), (_rate, 1), (_value_before_object, 2), (_shared_verb_list, 1), (_zero, 3), (_distractor, 2),
            (_channel, 2), (_counted_list, 1), (_owned_object, 1)]


def sentence(rng: random.Random) -> dict:
    """One sentence as a training example: ``{"text", "spans": [{"start", "end", "label"}]}``."""
    make = rng.choices([p for p, _ in PATTERNS], weights=[w for _, w in PATTERNS])[0]
    text, spans = "", []
    for piece, label in make(rng):
        if label:
            spans.append({"start": len(text), "end": len(text) + len(piece), "label": label})
        text += piece
    return {"text": text, "spans": spans}


def examples(n: int, seed: int = 13) -> list[dict]:
    """``n`` synthetic window examples in the form ``ie.gold.window_examples`` gives."""
    rng = random.Random(seed)
    return [{"doc": "synthetic", "start": 0, "cut": [], **sentence(rng)} for _ in range(n)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Print synthetic training sentences, spans in brackets.")
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    for example in examples(args.n, args.seed):
        text, marked, cursor = example["text"], "", 0
        for span in example["spans"]:
            marked += text[cursor : span["start"]] + f"[{text[span['start']:span['end']]}]{span['label'][0]}"
            cursor = span["end"]
        print(marked + text[cursor:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
