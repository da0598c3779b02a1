"""Sentence splitting, headings, table rows and windows, on made-up text and on the real corpus."""

from pathlib import Path

import pytest

from ie.document import Document
from ie.reading import read_document
from ie.segment import heading_of, is_table_row, segment, windows

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REPORTS = sorted((CORPUS / "reports").glob("*.txt"))
needs_corpus = pytest.mark.skipif(not REPORTS, reason="../shared/corpus is not checked out")


def _texts(doc: Document) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.sentences]


def _report(name: str) -> Document:
    return segment(read_document(CORPUS / "reports" / name))


def _sentence(doc: Document, fragment: str):
    return next(s for s in doc.sentences if fragment in doc.text[s.start : s.end])


def _assert_well_formed(doc: Document) -> None:
    previous_end = 0
    for sentence in doc.sentences:
        text = doc.text[sentence.start : sentence.end]
        assert text and text == text.strip()
        assert "\n" not in text and "\r" not in text
        body = text.rstrip("”’」』）)】》").rstrip("。！？")
        assert not any(mark in body for mark in "。！？"), text
        assert sentence.start >= previous_end
        previous_end = sentence.end
    covered = set()
    for sentence in doc.sentences:
        covered.update(range(sentence.start, sentence.end))
    assert all(doc.text[i].isspace() for i in range(len(doc.text)) if i not in covered)


# -- sentences -------------------------------------------------------------------------------


def test_split_after_sentence_ends_and_line_breaks():
    text = "  全年公开信息2994条。其中“政策解读”46条！\r\n\r\n是否收费？否。”\n最后一句没有句号  \n"
    doc = segment(Document(text=text))
    assert _texts(doc) == [
        "全年公开信息2994条。",
        "其中“政策解读”46条！",
        "是否收费？",
        "否。”",
        "最后一句没有句号",
    ]
    _assert_well_formed(doc)


def test_closing_brackets_stay_with_their_sentence():
    doc = segment(Document(text="（以上数据均为全年统计。）下一句。"))
    assert _texts(doc) == ["（以上数据均为全年统计。）", "下一句。"]


def test_repeated_end_marks_make_one_sentence():
    doc = segment(Document(text="真的吗？！是的。。"))
    assert _texts(doc) == ["真的吗？！", "是的。。"]


def test_empty_and_blank_documents():
    assert segment(Document(text="")).sentences == []
    assert segment(Document(text=" \n\u3000\n")).sentences == []


@needs_corpus
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_corpus_sentences_are_well_formed(path):
    _assert_well_formed(segment(read_document(path)))


# -- headings --------------------------------------------------------------------------------

MADE_UP = """某区2023年政府信息公开工作年度报告
一、总体情况
全年主动公开信息1136条。
（一）主动公开情况。主要通过门户网站公开。
1、加强培训，举办培训班3次。
一是规范流程。
(二) 加强组织领导,健全工作机制 围绕工作要点开展培训2次。
二、主动公开政府信息情况
信息内容  本年制发件数  本年废止件数
规章  0  0
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量  21  0  0  21
四、结转下年度继续办理  0  0  0  0
五、存在的主要问题及改进情况2023年，工作取得一定成效。
"""


def test_headings_on_a_made_up_report():
    doc = segment(Document(text=MADE_UP))
    heading = {text: s.heading for text, s in zip(_texts(doc), doc.sentences)}
    assert heading["某区2023年政府信息公开工作年度报告"] is None
    assert heading["一、总体情况"] is None  # a heading has the previous heading
    assert heading["全年主动公开信息1136条。"] == "一、总体情况"
    assert heading["（一）主动公开情况。"] == "一、总体情况"
    assert heading["主要通过门户网站公开。"] == "（一）主动公开情况"
    assert heading["1、加强培训，举办培训班3次。"] == "（一）主动公开情况"  # list items are
    assert heading["一是规范流程。"] == "（一）主动公开情况"  # not headings
    # A heading that runs into its paragraph heads its own sentence.
    run_in = "(二) 加强组织领导,健全工作机制 围绕工作要点开展培训2次。"
    assert heading[run_in] == "(二) 加强组织领导"
    assert heading["规章  0  0"] == "二、主动公开政府信息情况"
    # Template table row labels are not headings.
    assert heading["四、结转下年度继续办理  0  0  0  0"] == "三、收到和处理政府信息公开申请情况"
    assert heading["五、存在的主要问题及改进情况2023年，工作取得一定成效。"] == (
        "五、存在的主要问题及改进情况"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("一、概述", "一、概述"),
        ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "四、因政府信息公开申请行政复议、提起行政诉讼的情况"),
        ("（二）依申请公开情况。", "（二）依申请公开情况"),
        ("(三) 行政复议", "(三) 行政复议"),
        ("第三部分 政府信息公开工作存在的主要问题", "第三部分 政府信息公开工作存在的主要问题"),
        ("一、 概述 推进政府信息公开工作是重要举措。", "一、 概述"),
        ("一、总体情况2019年，在省政府办公厅的指导下", "一、总体情况"),
        ("一、概述政务信息公开是提高服务效率的重要举措", "一、概述"),
        ("（三）进一步规范政府信息公开行为1、加强培训", "（三）进一步规范政府信息公开行为"),
        ("二、主动公开政府信息情况第二十条第（一）项信息内容", "二、主动公开政府信息情况"),
        ("一、2014年政府信息公开工作情况", "一、2014年政府信息公开工作情况"),
        ("七、附表指标名称计量单位2015年度", "七、附表"),
        ("1、加强信息公开培训指导工作。", None),
        ("（1）推进扶贫信息公开。", None),
        ("一是加强组织领导。", None),
        ("一、二季度共公开信息12条。", None),
        ("第二十条第（一）项", None),
        ("全年公开信息1136条。", None),
    ],
)
def test_heading_of(sentence, expected):
    assert heading_of(sentence) == expected


def test_headings_stay_short():
    heading = heading_of("（一）统一思想认识政府信息公开是切实保障人民群众的知情权参与权表达权监督权满足自身需要的重要途径")
    assert heading.startswith("（一）统一思想认识") and len(heading) <= 40


@needs_corpus
def test_headings_on_a_pdf_report():
    doc = _report("r045.txt")
    assert _sentence(doc, "府网站平台主动公开政府信息 1136 条。").heading == "（一）主动公开情况"
    assert _sentence(doc, "均在法定期限答复。").heading == "（二）依申请公开情况"
    assert _sentence(doc, "规章  0  0  0").heading == "二、主动公开政府信息情况"
    assert _sentence(doc, "全年收取政府信息公开信息处理费 0 元。").heading == "六、其他需要报告的事项"
    # 一、本年新收政府信息公开申请数量 21 … is a table row label, not the start of a section.
    headings = {s.heading for s in doc.sentences}
    assert "一、本年新收政府信息公开申请数量" not in headings


@needs_corpus
def test_headings_on_flattened_web_reports():
    r101 = _report("r101.txt")
    zero = _sentence(r101, "我局没有收到信息公开申请。")
    assert zero.heading == "三、依申请公开政府信息情况"  # run into its paragraph after a space
    r037 = _report("r037.txt")
    assert _sentence(r037, "全年公布631条。").heading == "（二）主要做法"
    assert _sentence(r037, "我区政府信息公开单位共公布政府信息2599条").heading == "（一）基本情况"


# -- table rows ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        # r045: space-aligned rows of the 2019 template (pdftotext -layout)
        "信息内容  本年制发件数  本年废止件数  现行有效件数",
        "行政许可  550",
        "行政事业性收费  7730.28",
        "一、本年新收政府信息公开申请数量  21  0  0  0  0  0  21",
        "4  0  0  0  0  0  4",
        "10  1  0  0  0  0  0  0  0  0  5  0  0  0  0",
        # r001: the old 附表 flattened with single spaces
        "2.政府公报公开 条 7 7 受理依申请公开信息总数 条 0 0 其中：1.当面申请数 条 0 0",
        "3.电子邮件申请数 条 0 0",
        "二○一二年二月二十日 附件1：平潭综合实验区管委会2011年政府信息公开情况统计表 指标名称 计量 单位 "
        "2011 年度 历年累计 主动公开信息数 条 425 1516 其中：1.网站公开 条 418 1509",
        # seed-000 and seed-001
        "受理政府信息公开申请总数 2 3180",
        "21 0 0 21",
        "\t\t商业企业\t科研机构\t社会公益组织",
        "规章\t0\t0\t0",
        "| 行政许可 | 550 |",
    ],
)
def test_table_rows(line):
    assert is_table_row(line)


@pytest.mark.parametrize(
    "line",
    [
        # r045 prose wrapped at PDF line ends, numbers spaced out
        "府网站平台主动公开政府信息 1136 条。",
        "要求编制此报告。报告中所列数据统计期限自 2023 年 1 月 1 日",
        "号 ， 邮 编 ： 223100 ， 电 话 ： 0517-87222589 ， 电 子 邮 箱 ：",
        "依申请公开受理渠。2023 年全区受理政府信息公开申请 21 件，",
        "2023 年政府信息公开工作年度报告",
        # r047 prose with several spaced numbers
        "未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25",
        # r001 prose and headings
        "三、政府信息依申请公开工作情况 2011年全区未收到有关政府信息公开的申请，未收到有关政府信息公开行政复议申请。",
        "在互联网上，2011年区管委会、县政府公开办主动公开信息数为62条，其他主动公开信息量较大部门是教育局、公安局、工商局、药监局等。",
        "一、总体情况",
        # a prose line that merely contains a double space
        "按照管理标准定期检查及时关停整合  用户关注度低的新媒体账号",
        "2024 年 1 月 20 日",
        "第二十条第（一）项\t\t\t",  # one cell: a table title, nothing to keep out
        "",
        "   ",
    ],
)
def test_prose_lines_are_not_table_rows(line):
    assert not is_table_row(line)


@needs_corpus
@pytest.mark.parametrize("name", ["r045.txt", "r046.txt", "r047.txt", "r001.txt"])
def test_corpus_table_rows_are_not_prose_sentences(name):
    doc = _report(name)
    rows = [s for s in doc.sentences if s.is_table_row]
    prose = [s for s in doc.sentences if not s.is_table_row]
    assert rows and prose
    # Rows never end a sentence with 。; prose sentences with a figure stay prose.
    assert not any(doc.text[s.start : s.end].endswith("。") for s in rows)


@needs_corpus
def test_table_rows_found_in_r045():
    doc = _report("r045.txt")
    assert _sentence(doc, "一、本年新收政府信息公开申请数量  21").is_table_row
    assert _sentence(doc, "行政事业性收费  7730.28").is_table_row
    assert not _sentence(doc, "全年收取政府信息公开信息处理费 0 元。").is_table_row
    assert not _sentence(doc, "2023 年全区受理政府信息公开申请 21 件，").is_table_row


# -- windows ---------------------------------------------------------------------------------


def _check_windows(text, start, end, max_chars, overlap):
    spans = windows(text, start, end, max_chars, overlap)
    assert spans[0][0] == start and spans[-1][1] == end
    assert all(0 < b - a <= max_chars for a, b in spans)
    for (a1, b1), (a2, b2) in zip(spans, spans[1:]):
        assert b1 - a2 == overlap  # consecutive windows overlap exactly
        assert a2 > a1 and b2 > b1
    return spans


def test_short_sentence_is_one_window():
    text = "全年主动公开政府信息2994条。"
    assert windows(text, 0, len(text)) == [(0, len(text))]
    assert windows("ab" + text, 2, 2 + len(text), max_chars=len(text), overlap=0) == [
        (2, 2 + len(text))
    ]


@pytest.mark.parametrize(("max_chars", "overlap"), [(120, 24), (50, 10), (10, 0), (7, 6), (1, 0)])
def test_windows_cover_a_long_sentence(max_chars, overlap):
    text = "前言" + "全区受理申请21件，办结率达98%；" * 30 + "后记"
    _check_windows(text, 2, len(text) - 2, max_chars, overlap)


def test_windows_prefer_a_clause_break_in_the_last_third():
    text = "甲" * 90 + "，" + "乙" * 200
    spans = _check_windows(text, 0, len(text), 120, 24)
    assert spans[0] == (0, 91)  # cut right after the comma
    no_break = "丙" * 300
    assert _check_windows(no_break, 0, 300, 120, 24)[0] == (0, 120)
    early = "丁" * 30 + "，" + "戊" * 269  # a comma in the first third is ignored
    assert _check_windows(early, 0, 300, 120, 24)[0] == (0, 120)


@needs_corpus
def test_windows_over_corpus_sentences():
    doc = _report("r009.txt")
    long_sentences = [s for s in doc.sentences if s.end - s.start > 120]
    assert long_sentences
    for sentence in long_sentences:
        _check_windows(doc.text, sentence.start, sentence.end, 120, 24)


def test_windows_reject_bad_arguments():
    with pytest.raises(ValueError):
        windows("abc", 0, 3, max_chars=10, overlap=10)
    with pytest.raises(ValueError):
        windows("abc", 2, 1)
