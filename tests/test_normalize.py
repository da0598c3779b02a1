import pytest

from ie.normalize import kind_of, parse_value, period_of

VALUES = [
    # Arabic digits, decimals, thousands separators, full-width digits, spaces
    ("2994条", 2994, "条"),
    ("46条", 46, "条"),
    ("3", 3, None),
    ("0件", 0, "件"),
    ("25,914件", 25914, "件"),
    ("1,234,567条", 1234567, "条"),
    ("２９９４条", 2994, "条"),
    ("９８．５％", 98.5, "%"),
    ("1136 条", 1136, "条"),
    ("17.6 万人次", 176000, "人次"),
    ("3.5个百分点", 3.5, "百分点"),
    # Chinese numerals
    ("三次", 3, "次"),
    ("两", 2, None),
    ("两个", 2, "个"),
    ("二〇一", 201, None),
    ("一百零五件", 105, "件"),
    ("零", 0, None),
    ("十项", 10, "项"),
    ("二十一条", 21, "条"),
    ("一百二十三", 123, None),
    ("两千三百人", 2300, "人"),
    ("十五点八万", 158000, None),
    ("四十万人", 400000, "人"),
    ("十三万二", 132000, None),
    ("一万零五", 10005, None),
    ("近千次", 1000, "次"),
    # 万 and 亿
    ("17.6万人次", 176000, "人次"),
    ("16.4亿", 1.64e9, None),
    ("1,100万", 11000000, None),
    ("13万2", 132000, None),
    ("13万2000", 132000, None),
    ("1亿2", 120000000, None),
    ("1亿2000万", 120000000, None),
    ("2万3千", 23000, None),
    ("5.2亿条", 5.2e8, "条"),
    ("8232万条", 82320000, "条"),
    ("27.6万次", 276000, "次"),
    ("11万个", 110000, "个"),
    ("3千", 3000, None),
    # percentages
    ("98%", 98, "%"),
    ("98％", 98, "%"),
    ("92.06%", 92.06, "%"),
    ("100%", 100, "%"),
    ("百分之七十", 70, "%"),
    ("百分之九十八", 98, "%"),
    ("百分之七十五点五", 75.5, "%"),
    ("百分之百", 100, "%"),
    # money
    ("0.5万元", 5000, "元"),
    ("11.6万元", 116000, "元"),
    ("133.9554万元", 1339554, "元"),
    ("1.2亿元", 1.2e8, "元"),
    ("350元", 350, "元"),
    # measure words, 名 → 人
    ("3名", 3, "人"),
    ("十二名", 12, "人"),
    ("133大项", 133, "大项"),
    ("21子项", 21, "子项"),
    ("4批次", 4, "批次"),
    ("12期", 12, "期"),
    ("5宗", 5, "宗"),
    ("一户", 1, "户"),
    ("三家", 3, "家"),
    ("五起", 5, "起"),
    ("6场", 6, "场"),
    ("8套", 8, "套"),
    ("452149份", 452149, "份"),
    ("5千克", 5, "千克"),
    # 多 and 余: the value is the base number
    ("30多人次", 30, "人次"),
    ("24余条", 24, "条"),
    ("7700余条", 7700, "条"),
    ("1000余条", 1000, "条"),
    ("10多万份", 100000, "份"),
    ("10万多份", 100000, "份"),
    ("2000余万元", 20000000, "元"),
    ("二十余人", 20, "人"),
]


@pytest.mark.parametrize("text, value, unit", VALUES)
def test_parse_value(text, value, unit):
    assert parse_value(text) == (pytest.approx(value), unit)


def test_parse_value_gives_floats():
    value, _ = parse_value("三次")
    assert type(value) is float


def test_parse_value_scales_exactly():
    assert parse_value("133.9554万元")[0] == 1339554.0


@pytest.mark.parametrize("text", ["", "多次", "条", "若干", "大量"])
def test_parse_value_without_number(text):
    with pytest.raises(ValueError, match="no number"):
        parse_value(text)


def test_parse_value_unreadable_numeral():
    with pytest.raises(ValueError, match="cannot read"):
        parse_value("十十条")


KINDS = [
    ("全年主动公开政府信息", "level"),
    ("办结率达", "level"),
    ("满意率为", "level"),
    ("共受理申请", "level"),
    ("由去年的80%提高到", "level"),
    ("新增加信息公开栏目", "level"),
    ("占地面积", "level"),
    ("比去年同期增长", "change"),
    ("比上年增长", "change"),
    ("同比增长", "change"),
    ("较去年增长了", "change"),
    ("增加了", "change"),
    ("比上年减少", "change"),
    ("比上一年下降", "change"),
    ("与2017年相比，上升", "change"),
    ("较上年提高", "change"),
    ("占比同比提高", "change"),
    ("占", "share"),
    ("其中依申请公开占比", "share"),
    ("占总数的", "share"),
    ("较上年增长的部分占", "share"),
]


@pytest.mark.parametrize("prefix, kind", KINDS)
def test_kind_of(prefix, kind):
    assert kind_of(prefix) == kind


PERIODS = [
    ("历年累计711条", "cumulative"),
    ("2008年以来共公开信息500条", "cumulative"),
    ("2008年至今共公开", "cumulative"),
    ("累计受理申请40件", "cumulative"),
    ("历年主动公开1176条", "cumulative"),
    ("全年主动公开政府信息2994条", "year"),
    ("本年度受理政府信息公开申请12件", "year"),
    ("截至目前共公开", "year"),
]


@pytest.mark.parametrize("clause, period", PERIODS)
def test_period_of(clause, period):
    assert period_of(clause) == period
