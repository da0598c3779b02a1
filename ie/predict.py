"""Extract metric records from report files.

    python -m ie.predict FILE... [--format table|jsonl|csv] [--spans] [--model DIR] [--device auto|cpu|cuda]

Prints one record per metric mention (../shared/spec/output.md), or the raw spans with --spans.
A file that cannot be read is reported on stderr in one line and the others are still processed;
the exit status is 0 when every file was read, 1 when some were not, 2 for a bad command line and
3 when the model cannot be loaded.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

RECORD_FIELDS = [
    "doc", "key", "metric", "metric_start", "metric_end", "value", "unit", "value_text",
    "value_start", "value_end", "kind", "period", "score", "source",
]
SPAN_FIELDS = ["doc", "label", "start", "end", "text", "score"]
TABLE_FIELDS = {"key", "metric", "value", "unit", "value_text", "value_start", "kind", "period", "score",
                "label", "start", "end", "text"}


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


class TaggerKind(str, Enum):
    model = "model"
    rules = "rules"


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True)


def _say(message: str) -> None:
    """One line on stderr: never wrapped at the console width, never read as rich markup."""
    err.print(message, markup=False, highlight=False, soft_wrap=True)


class Writer:
    """Writes rows as a rich table (collected, printed at the end), JSON lines or CSV."""

    def __init__(self, fmt: Format, fields: list[str]):
        self.fmt, self.fields, self.rows = fmt, fields, []
        if fmt == Format.csv:
            self.csv = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
            self.csv.writeheader()

    def write(self, row: dict) -> None:
        if self.fmt == Format.jsonl:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.fmt == Format.csv:
            self.csv.writerow(row)
        else:
            self.rows.append(row)

    def close(self) -> None:
        if self.fmt != Format.table or not self.rows:
            return
        shown = [f for f in self.fields if f in TABLE_FIELDS]
        if len({r["doc"] for r in self.rows}) > 1:
            shown.insert(0, "doc")
        table = Table(*shown)
        for row in self.rows:
            table.add_row(*(_cell(row[f]) for f in shown))
        Console().print(table)


def _cell(value) -> str:
    if value is None:
        return ""
    return f"{value:.15g}" if isinstance(value, float) else str(value)


@app.command()
def main(
    files: list[Path] = typer.Argument(..., help="report files (UTF-8 or GB18030/GBK)", show_default=False),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="default: table on a terminal, else jsonl"),
    spans: bool = typer.Option(False, "--spans", help="print the tagged spans instead of records"),
    model: Optional[Path] = typer.Option(None, "--model", help="tagger folder (default: the shipped model)"),
    device: Device = typer.Option(Device.auto, "--device"),
    tagger: TaggerKind = typer.Option(TaggerKind.model, "--tagger", help="the model, or the rule baseline"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    from .pipeline import Pipeline
    from .reading import InputError
    from .tagger import ModelError, Tagger, pick_device

    fmt = format or (Format.table if sys.stdout.isatty() else Format.jsonl)
    try:
        if tagger == TaggerKind.rules:
            from .rules import RuleTagger

            step = RuleTagger()
        else:
            pick_device(device.value)  # refuse an unusable device before the slow model load
            step = Tagger.load(model, device=device.value)
    except ModelError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(3)
    pipeline = Pipeline(step)
    writer = Writer(fmt, SPAN_FIELDS if spans else RECORD_FIELDS)
    failed = 0
    for path in _progress(files):
        try:
            doc = pipeline.run_file(path)
        except InputError as exc:
            _say(f"error: {exc}")
            failed += 1
            continue
        except Exception as exc:  # a bug must not stop a batch; --debug shows it
            if debug:
                raise
            _say(f"error: {path}: {type(exc).__name__}: {exc}")
            failed += 1
            continue
        rows = [doc.span_dict(s) for s in doc.spans] if spans else [doc.record_dict(r) for r in doc.records]
        if not rows:
            _say(f"note: {path}: no metric found")
        for row in rows:
            writer.write(row)
    writer.close()
    if failed:
        if len(files) > 1:  # with one file its error line says it all
            _say(f"{failed} of {len(files)} files could not be processed")
        raise typer.Exit(1)


def _progress(files: list[Path]):
    if len(files) < 2 or not sys.stderr.isatty():
        yield from files
        return
    from rich.progress import track

    yield from track(files, description="Extracting", console=err, transient=True)


if __name__ == "__main__":
    app()
