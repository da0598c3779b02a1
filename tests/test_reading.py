"""Reading report files: encodings, offsets kept exact, and one-line errors for bad input."""

from pathlib import Path

import pytest

from ie.reading import InputError, read_document

REPORT = "一、总体情况\r\n2023年，全区主动公开政府信息1136条。\n  受理申请21件。\n"


def test_utf8_is_read_unchanged(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("utf-8"))
    doc = read_document(path)
    assert doc.text == REPORT  # no newline conversion, no stripping
    assert doc.path == str(path)


def test_path_is_kept_as_given(tmp_path, monkeypatch):
    (tmp_path / "report.txt").write_bytes(REPORT.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    assert read_document("report.txt").path == "report.txt"


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    doc = read_document(path)
    assert doc.text == REPORT
    assert doc.text.index("1136") == REPORT.index("1136")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
def test_gb_encodings(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(REPORT.encode(encoding))
    assert read_document(path).text == REPORT


def test_gb18030_only_characters(tmp_path):
    text = "本年度办理结果：㐀䶵𠀀等扩展字符，共3件。\n"  # outside GBK
    path = tmp_path / "ext.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path).text == text


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(REPORT.encode("utf-16"))
    assert read_document(path).text == REPORT


def test_text_without_digits_is_not_an_error(tmp_path):
    path = tmp_path / "nodigits.txt"
    path.write_bytes("本年度未收到政府信息公开申请。".encode("utf-8"))
    assert read_document(path).text == "本年度未收到政府信息公开申请。"


def _error(path, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "absent.txt")


def test_directory(tmp_path):
    assert "directory" in _error(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in _error(path)


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(" \r\n\t\u3000\n".encode("utf-8"))
    assert "whitespace" in _error(path)


def test_binary_with_nul_bytes(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary" * 20)
    assert "binary" in _error(path)


def test_mostly_control_characters(tmp_path):
    path = tmp_path / "controls.bin"
    path.write_bytes(bytes(range(1, 32)) * 20)
    assert "binary" in _error(path)


def test_file_above_max_bytes(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(REPORT.encode("utf-8") * 10)
    message = _error(path, max_bytes=100)
    size = len(REPORT.encode("utf-8")) * 10
    assert f"{size:,}" in message and "100" in message


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_bytes(REPORT.encode("utf-8"))

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    # chmod 000 does not stop root, so simulate the refusal where the file is opened.
    monkeypatch.setattr(Path, "open", denied)
    assert "permission denied" in _error(path)
