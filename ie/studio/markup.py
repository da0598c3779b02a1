"""An inline markup to read and correct annotations in a plain text editor.

Each span is written in place as ``⟦M:受理有效诉求⟧``, ``⟦V:25914件⟧`` or ``⟦Z:未⟧`` (M=METRIC,
V=VALUE, Z=ZERO); removing the marks gives back the document text, and ``parse`` inverts
``render`` exactly. A mark stays on one line, as spans never cross a line break.

Usage:
  python -m ie.studio.markup export TASK.json OUT.txt [--from predictions|annotation] [--annotator NAME]
  python -m ie.studio.markup import IN.txt TASK.json --annotator NAME

``import`` replaces that annotator's annotation in the task, and refuses (exit 1, task file
untouched) when the text with the marks removed is not exactly the task's text, or when a span
breaks the annotation contract.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ie.document import Span
from ie.studio.tasks import load_task, save_task, set_annotation, task_spans
from ie.studio.validate import LINE_BREAKS, describe_difference, region_problems

OPEN, CLOSE, SEP = "⟦", "⟧", ":"
LETTER = {"METRIC": "M", "VALUE": "V", "ZERO": "Z"}
LABEL = {letter: label for label, letter in LETTER.items()}


def render(text: str, spans: list[Span]) -> str:
    """``text`` with every span wrapped in a mark. Raises ``ValueError`` where the result could
    not be parsed back: overlapping spans, a span out of range, empty or across a line break,
    or a text that already holds ⟦ or ⟧."""
    if OPEN in text or CLOSE in text:
        raise ValueError(f"the text itself contains {OPEN} or {CLOSE}")
    parts, pos = [], 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.label not in LETTER:
            raise ValueError(f"unknown label {span.label!r}")
        if not pos <= span.start < span.end <= len(text):
            raise ValueError(f"span [{span.start}:{span.end}] is empty, out of range or overlaps the one before")
        covered = text[span.start : span.end]
        if any(c in LINE_BREAKS for c in covered):
            raise ValueError(f"span [{span.start}:{span.end}] crosses a line break")
        parts += [text[pos : span.start], OPEN, LETTER[span.label], SEP, covered, CLOSE]
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def parse(markup: str) -> tuple[str, list[Span]]:
    """The text with the marks removed and the marked spans (code-point offsets into that
    text). Raises ``ValueError`` naming the line of an unbalanced, nested, empty or unknown
    mark."""
    parts, spans = [], []
    pos = 0  # offset in the plain text
    line = 1
    opened = None  # (start offset, label) of the mark being read
    i = 0
    while i < len(markup):
        c = markup[i]
        if c == OPEN:
            if opened:
                raise ValueError(f"line {line}: {OPEN} while the previous mark is still open (marks cannot nest)")
            letter = markup[i + 1 : i + 2]
            if letter not in LABEL or markup[i + 2 : i + 3] != SEP:
                raise ValueError(f"line {line}: {OPEN} must be followed by one of M, V, Z and ':', "
                                 f"found {markup[i + 1 : i + 3]!r}")
            opened = (pos, LABEL[letter])
            i += 3
            continue
        if c == CLOSE:
            if not opened:
                raise ValueError(f"line {line}: {CLOSE} without {OPEN}")
            if opened[0] == pos:
                raise ValueError(f"line {line}: empty mark")
            spans.append(Span(opened[0], pos, opened[1]))
            opened = None
        else:
            if c in LINE_BREAKS and opened:
                raise ValueError(f"line {line}: {OPEN} is not closed before the end of the line")
            line += c == "\n"
            parts.append(c)
            pos += 1
        i += 1
    if opened:
        raise ValueError(f"line {line}: {OPEN} is not closed before the end of the text")
    return "".join(parts), spans


def _export(args) -> str | None:
    task = load_task(args.task)
    spans = task_spans(task, which=args.source, annotator=args.annotator)
    args.out.write_bytes(render(task["data"]["text"], spans).encode("utf-8"))
    print(f"wrote {len(spans)} spans to {args.out}")
    return None


def _import(args) -> str | None:
    try:
        text, spans = parse(args.markup.read_bytes().decode("utf-8"))
    except ValueError as e:
        return f"{args.markup}: {e}"
    task = load_task(args.task)
    if text != task["data"]["text"]:
        return (f"{args.markup}: the text with the marks removed differs from the task's text at "
                f"{describe_difference(task['data']['text'], text)}; nothing written")
    task = set_annotation(task, spans, args.annotator)
    entry = next(a for a in task["annotations"] if str(a["completed_by"]) == str(args.annotator))
    problems = region_problems(text, entry["result"])
    if problems:
        return f"{args.markup}: {problems[0]} ({len(problems)} problems); nothing written"
    save_task(task, args.task)
    print(f"wrote {len(spans)} spans as the annotation of {args.annotator!r} in {args.task}")
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ie.studio.markup",
                                     description="Export a task's spans to ⟦M:…⟧ markup, or import them back.")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write a task's text with its spans marked")
    export.add_argument("task", type=Path)
    export.add_argument("out", type=Path)
    export.add_argument("--from", dest="source", choices=("annotation", "predictions"), default="annotation")
    export.add_argument("--annotator", help="completed_by of the annotation (or model_version of the prediction)")
    export.set_defaults(run=_export)
    imp = commands.add_parser("import", help="write marked spans as one annotator's annotation")
    imp.add_argument("markup", type=Path)
    imp.add_argument("task", type=Path)
    imp.add_argument("--annotator", required=True)
    imp.set_defaults(run=_import)
    args = parser.parse_args(argv)
    try:
        error = args.run(args)
    except (OSError, ValueError, LookupError, KeyError, TypeError) as e:
        error = f"{e.__class__.__name__}: {e}"
    if error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
