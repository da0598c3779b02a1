"""KeyMapper: aliases, held-out corpus phrasings, phrases with no key, and heading context."""

import csv
from pathlib import Path

import pytest
import yaml

from ie.keys import DEFAULT_PATH, KeyMapper

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "metrics.tsv"
CONFIG = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
ALIASES = [(key, alias) for key, entry in CONFIG.items() for alias in entry["aliases"]]

# METRIC phrases as they stand in the corpus reports, none of them an alias in metrics.yaml.
HELD_OUT = [
    ("通过政府门户网站公开信息", "proactive.website"),
    ("通过实验区政府门户网站累计主动公开政府信息", "proactive.website"),
    ("网站主动公开的政府信息", "proactive.website"),
    ("政府网站平台主动公开政府信息", "proactive.website"),
    ("依托平潭旅游网及中国平潭网两大网站共主动公开信息", "proactive.website"),
    ("通过政务微信公开信息", "proactive.wechat"),
    ("通过我局官方微信公众号发布", "proactive.wechat"),
    ("新浪官方微博共发布微博", "proactive.weibo"),
    ("通过政府公报公开政府信息", "proactive.gazette"),
    ("通过报刊、电视、政务公开栏等其他方式公开政府信息", "proactive.other_channels"),
    ("网站公开的全文电子化信息", "proactive.fulltext_electronic"),
    ("累计主动公开各类信息", "proactive.total"),
    ("通过各种方式主动公开信息", "proactive.total"),
    ("城关街道办事处主动公开政府信息", "proactive.total"),
    ("全年受理群众有效诉求", "hotline.requests"),
    ("受理各类群众诉求", "hotline.requests"),
    ("收到群众诉求", "hotline.requests"),
    ("政务热线全区共转办诉求件", "hotline.requests"),
    ("群众来电", "hotline.calls"),
    ("群众满意度", "hotline.satisfaction_rate"),
    ("回访满意度", "hotline.satisfaction_rate"),
    ("按时回复率", "hotline.reply_rate"),
    ("办结率达到", "hotline.completion_rate"),
    ("依申请公开政府信息", "application.received"),
    ("受理政府信息依申请公开", "application.received"),
    ("收到公民提出的公开政府信息申请", "application.received"),
    ("办结依申请公开", "application.completed"),
    ("对依申请公开的答复总数", "application.completed"),
    ("已答复中同意公开的件数", "application.disclosed"),
    ("部分公开答复", "application.partially_disclosed"),
    ("否决公开答复总数", "application.denied"),
    ("本机关不掌握相关政府信息", "application.unavailable"),
    ("上年结转申请", "application.carried_over_in"),
    ("结转下一年度办理", "application.carried_over_out"),
    ("政府网站申请", "application.online"),
    ("通过电子邮件提交申请", "application.online"),
    ("当面提交申请", "application.in_person"),
    ("以信函方式申请", "application.letter"),
    ("依申请公开收取费用", "application.fees"),
    ("因政府信息公开被申请行政复议", "reconsideration.total"),
    ("因政府信息公开引起的行政复议案件", "reconsideration.total"),
    ("全年办理因政府信息公开申请引发的行政复议", "reconsideration.total"),
    ("因信息公开被提起行政诉讼", "litigation.total"),
    ("行政诉讼案件", "litigation.total"),
    ("收到举报投诉", "complaints.total"),
    ("接受行政申诉、举报数", "complaints.total"),
    ("接听市民咨询电话", "consultation.phone"),
    ("现场接待群众", "consultation.onsite"),
    ("网上受理咨询", "consultation.online"),
    ("发布政策解读稿", "response.policy_interpretations"),
    ("多形式政策解读", "response.policy_interpretations"),
    ("开展政府网站在线访谈", "response.online_interviews"),
    ("回应公众关注热点和重大舆情", "response.hot_topics"),
    ("召开新闻发布会（媒体通气会）", "response.press_conferences"),
    ("召开政府信息公开工作会议和专题会议", "meetings.total"),
    ("组织业务培训", "training.sessions"),
    ("参训人员", "training.trainees"),
    ("设置政府信息公开查阅点", "organization.reading_points"),
    ("政务公开工作人员", "staff.total"),
    ("新增兼职", "staff.part_time"),
    ("信息公开专职人员", "staff.full_time"),
    ("专项工作经费", "funding.special"),
    ("处理政府门户网站留言", "website.messages"),
    ("行政处罚决定数量", "decisions.penalty"),
    ("现行有效行政规范性文件", "documents.normative_in_force"),
    ("废止行政规范性文件", "documents.normative_repealed"),
]

# Counted things the key set has no place for.
NO_KEY = [
    "开展专项检查",
    "更新网站栏目",
    "关停政府网站",
    "马上办事项",
    "取消行政审批项目",
    "发布征地信息",
    "政务新媒体",
    "网络舆情动态",
    "公开财政收支情况等信息",
    "入库电子证照",
    "其它形式申请数",
    "受理办件",
    # a place or a channel, not what it handles
    "政府信息公开申请受理点",
    "信息公开栏目",
    "公共资源交易公告",
    "其他方式回应",
    "行政许可类信息",
    "民政扶贫救灾社会保障就业类信息",
]


@pytest.fixture(scope="module")
def mapper():
    return KeyMapper.from_yaml()


def test_key_set_is_that_of_the_spec():
    with open(SPEC, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert list(CONFIG) == [row["key"] for row in rows]
    for row in rows:
        entry = CONFIG[row["key"]]
        assert entry["unit"] == row["unit"]
        assert entry["aliases"][: len(row["names"].split("|"))] == row["names"].split("|")


@pytest.mark.parametrize("key,alias", ALIASES)
def test_every_alias_maps_to_its_key(mapper, key, alias):
    assert mapper(alias) == (key, 1.0)
    assert mapper(alias, unit=CONFIG[key]["unit"])[0] == key


def test_held_out_phrasings_are_not_aliases():
    aliases = {alias for _, alias in ALIASES}
    assert len(HELD_OUT) >= 25
    assert [text for text, _ in HELD_OUT if text in aliases] == []


@pytest.mark.parametrize("text,key", HELD_OUT)
def test_held_out_phrasing(mapper, text, key):
    got, score = mapper(text)
    assert got == key
    assert 0.0 <= score <= 1.0


@pytest.mark.parametrize("text", NO_KEY)
def test_phrase_without_key(mapper, text):
    assert mapper(text)[0] is None


@pytest.mark.parametrize(
    "text,heading,key",
    [
        ("维持", "（三）行政复议", "reconsideration.upheld"),
        ("维持", "四、政府信息公开行政诉讼情况", "litigation.upheld"),
        ("结果维持", "（二）行政诉讼", "litigation.upheld"),
        ("结果维持", "（一）行政复议", "reconsideration.upheld"),
        ("纠正", "（一）行政复议", "reconsideration.corrected"),
        ("结果纠正", "（二）行政诉讼", "litigation.corrected"),
        ("维持", "四、因政府信息公开申请行政复议的情况", "reconsideration.upheld"),
        ("收到", "三、政府信息依申请公开办理情况", "application.received"),
        ("受理", "一、12345热线办理情况", "hotline.requests"),
        # The phrase names its own family: the heading does not move it.
        ("诉讼维持", "（一）行政复议", "litigation.upheld"),
        ("行政复议", "（二）行政诉讼", "reconsideration.total"),
        ("从事政府信息公开工作人员", "四、因政府信息公开申请行政复议的情况", "staff.total"),
    ],
)
def test_heading_disambiguates(mapper, text, heading, key):
    assert mapper(text, heading=heading)[0] == key


def test_bare_ambiguous_phrase_has_no_key(mapper):
    assert mapper("维持")[0] is None


def test_unit_breaks_near_ties(mapper):
    assert mapper("按时办结", unit="件")[0] == "application.completed"
    assert mapper("按时办结", unit="%")[0] == "hotline.completion_rate"
    key, score = mapper("受理有效诉求", unit="%")
    assert key == "hotline.requests" and score < 1.0  # a share of requests: same key, less sure


def test_normalisation(mapper):
    assert mapper("　主动公开 政府信息：")[0] == "proactive.total"
    assert mapper("２０１９年全县主动公开各类政府信息")[0] == "proactive.total"
