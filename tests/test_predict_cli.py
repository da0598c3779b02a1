"""`python -m ie.predict` as a user runs it: bad input, output formats, encodings, exit statuses.

Every run uses ``--tagger rules`` (no model is loaded), except the ``--device cuda`` check, which
must fail before any model is loaded.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "seed-001.txt"
OUTPUT_SPEC = REPO.parent / "shared" / "spec" / "output.md"

# The record fields of ../shared/spec/output.md, in its order.
RECORD_FIELDS = [
    "doc", "key", "metric", "metric_start", "metric_end", "value", "unit", "value_text",
    "value_start", "value_end", "kind", "period", "score", "source",
]
SPAN_FIELDS = {"doc", "label", "start", "end", "text", "score"}
READER_LIMIT = 20_000_000  # ie.reading.read_document's default max_bytes


def run(*args: str | Path, timeout: int = 120) -> subprocess.CompletedProcess:
    # A narrow console: an error line must not be wrapped at the console width.
    env = {**os.environ, "COLUMNS": "60", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "ie.predict", *map(str, args)],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout,
    )


def rules(*args: str | Path) -> subprocess.CompletedProcess:
    return run("--tagger", "rules", *args)


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr


def jsonl(result: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_spec_lists_the_record_fields():
    if not OUTPUT_SPEC.exists():
        pytest.skip("../shared/spec is not checked out")
    first_table = OUTPUT_SPEC.read_text(encoding="utf-8").split("\n\n| field")[1].split("\n\n")[0]
    named = [name for row in first_table.splitlines()[2:] for name in re.findall(r"`(\w+)`", row.split("|")[1])]
    assert named == RECORD_FIELDS


# ---------------------------------------------------------------------------------------------
# Bad input: one line naming the file, no traceback, the right exit status.


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "missing.txt"


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "a_folder.txt"
    path.mkdir()
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "random.bin"
    data = bytearray(os.urandom(4096))
    data[10] = data[1000] = data[3000] = 0  # make sure there are NULs
    path.write_bytes(bytes(data))
    return path


def _too_large(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    line = "2023年，全区通过政府网站主动公开政府信息1136条，受理政府信息公开申请21件，办结率98%。\n".encode("utf-8")
    chunk = line * (1_000_000 // len(line) + 1)
    with path.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    assert path.stat().st_size > 2 * READER_LIMIT
    return path


BAD_INPUT = {
    "missing": (_missing, "no such file"),
    "directory": (_directory, "directory"),
    "empty": (_empty, "empty"),
    "binary": (_binary, "binary"),
    "too_large": (_too_large, "limit"),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_unreadable_input_gives_one_line_and_status_1(tmp_path, case):
    make, reason = BAD_INPUT[case]
    path = make(tmp_path)
    try:
        result = rules(path)
    finally:
        if path.is_file():
            path.unlink()  # pytest keeps old tmp_paths: do not leave 50 MB behind
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and lines[0].startswith("error:")
    assert reason in lines[0]
    assert result.stdout.strip() == ""


def test_file_without_numbers_gives_a_note_and_status_0(tmp_path):
    path = tmp_path / "no_numbers.txt"
    path.write_text("一、总体情况\n本机关认真贯彻落实政务公开各项工作要求，进一步完善公开制度。\n", encoding="utf-8")
    result = rules(path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    lines = stderr_lines(result)
    assert len(lines) == 1 and str(path) in lines[0] and "no metric found" in lines[0]
    assert result.stdout.strip() == ""


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("2023年，全区主动公开政府信息1136条。\n本年度受理政府信息公开申请21件。\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = rules(SEED, missing, second)  # stdout is a pipe: jsonl by default
    no_traceback(result)
    assert result.returncode == 1
    rows = jsonl(result)
    docs = {row["doc"] for row in rows}
    assert docs == {str(SEED), str(second)}
    assert any(row["value"] == 1136 and row["unit"] == "条" for row in rows if row["doc"] == str(second))
    errors = [line for line in stderr_lines(result) if str(missing) in line]
    assert len(errors) == 1 and errors[0].startswith("error:")
    assert not any(str(SEED) in line or str(second) in line for line in stderr_lines(result))


# ---------------------------------------------------------------------------------------------
# Output formats.


@pytest.fixture(scope="module")
def seed_records() -> list[dict]:
    result = rules("--format", "jsonl", SEED)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    return jsonl(result)


def test_jsonl_records_follow_the_contract(seed_records):
    text = SEED.read_bytes().decode("utf-8")
    assert seed_records
    for row in seed_records:
        assert list(row) == RECORD_FIELDS
        assert row["doc"] == str(SEED)
        assert text[row["value_start"] : row["value_end"]] == row["value_text"]
        if row["metric"] is None:
            assert row["metric_start"] is None and row["metric_end"] is None
        else:
            assert text[row["metric_start"] : row["metric_end"]] == row["metric"]
        assert isinstance(row["value"], float)
        assert row["kind"] in {"level", "change", "share"}
        assert row["period"] in {"year", "cumulative"}
        assert row["source"] in {"prose", "table"}
        assert 0 <= row["score"] <= 1
    starts = [row["value_start"] for row in seed_records]
    assert starts == sorted(starts)  # document order


def test_csv_has_the_contract_header_and_one_row_per_record(seed_records):
    result = rules("--format", "csv", SEED)
    no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == ",".join(RECORD_FIELDS)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(seed_records)
    for row, record in zip(rows, seed_records):
        assert row["value_text"] == record["value_text"]
        assert int(row["value_start"]) == record["value_start"]
        assert float(row["value"]) == record["value"]


def test_spans_output(seed_records):
    result = rules("--spans", "--format", "jsonl", SEED)
    no_traceback(result)
    assert result.returncode == 0
    text = SEED.read_text(encoding="utf-8")
    spans = jsonl(result)
    assert spans
    for span in spans:
        assert set(span) == SPAN_FIELDS
        assert span["label"] in {"METRIC", "VALUE", "ZERO"}
        assert text[span["start"] : span["end"]] == span["text"]
    values = {(s["start"], s["end"]) for s in spans if s["label"] != "METRIC"}
    assert {(r["value_start"], r["value_end"]) for r in seed_records} <= values


def test_gb18030_copy_gives_the_same_records(tmp_path, seed_records):
    text = SEED.read_text(encoding="utf-8")
    copy = tmp_path / "seed-gb18030.txt"
    copy.write_bytes(text.encode("gb18030"))
    result = rules("--format", "jsonl", copy)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    rows = jsonl(result)
    strip = lambda row: {k: v for k, v in row.items() if k != "doc"}  # noqa: E731
    assert [strip(r) for r in rows] == [strip(r) for r in seed_records]
    decoded = copy.read_bytes().decode("gb18030")
    for row in rows:
        assert decoded[row["value_start"] : row["value_end"]] == row["value_text"]


# ---------------------------------------------------------------------------------------------
# Command-line errors.


def test_unknown_format_exits_2():
    result = rules("--format", "x", SEED)
    no_traceback(result)
    assert result.returncode == 2
    assert result.stdout.strip() == ""


def test_cuda_without_cuda_exits_3_before_loading_a_model():
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    result = run("--device", "cuda", SEED)
    no_traceback(result)
    assert result.returncode == 3, result.stderr
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith("error:") and "cuda" in lines[0].lower()
    assert result.stdout.strip() == ""
