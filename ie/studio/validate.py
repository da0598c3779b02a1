"""Check Label Studio tasks against the corpus and ../shared/spec/annotation.md.

Label Studio stores whatever it is given (offsets out of range, unknown labels, a wrong
``from_name``), so every task is checked here before it counts as gold.

Usage: ``python -m ie.studio.validate [DIR] [--corpus DIR]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ie.gold import ANNOTATIONS
from ie.labels import LABELS
from ie.studio.tasks import CORPUS_DIR, FROM_NAME, REGION_TYPE, TO_NAME, load_task

LINE_BREAKS = "\n\r"
SENTENCE_ENDS = "。！？"


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def region_problems(text: str, result) -> list[str]:
    """Problems of one annotation's (or one prediction's) list of regions within ``text``."""
    if not isinstance(result, list):
        return ["result is not a list"]
    problems = []
    seen_ids = set()
    placed = []  # (start, end, where) of the regions whose offsets are usable
    for i, region in enumerate(result):
        if not isinstance(region, dict):
            problems.append(f"region {i}: not an object")
            continue
        rid = region.get("id")
        where = f"region {rid!r}" if rid is not None else f"region {i}"
        if not isinstance(rid, str) or not rid:
            problems.append(f"{where}: id missing or not a string")
        elif rid in seen_ids:
            problems.append(f"{where}: duplicate id")
        else:
            seen_ids.add(rid)
        for key, expected in (("from_name", FROM_NAME), ("to_name", TO_NAME), ("type", REGION_TYPE)):
            if region.get(key) != expected:
                problems.append(f"{where}: {key} is {region.get(key)!r}, expected {expected!r}")
        value = region.get("value")
        if not isinstance(value, dict):
            problems.append(f"{where}: value missing")
            continue
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            problems.append(f"{where}: needs exactly one label, has {labels!r}")
        elif labels[0] not in LABELS:
            problems.append(f"{where}: unknown label {labels[0]!r}")
        start, end = value.get("start"), value.get("end")
        if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(text)):
            problems.append(f"{where}: bad offsets [{start}:{end}] for a text of length {len(text)}")
            continue
        where = f"{where} [{start}:{end}]"
        covered = text[start:end]
        if value.get("text") != covered:
            problems.append(f"{where}: value.text {value.get('text')!r} != text[start:end] {covered!r}")
        if any(c in LINE_BREAKS for c in covered):
            problems.append(f"{where}: crosses a line break")
        if any(c in SENTENCE_ENDS for c in covered[:-1]):
            problems.append(f"{where}: crosses a sentence end in {covered!r}")
        placed.append((start, end, where))
    placed.sort()
    for (_, prev_end, prev), (start, _, cur) in zip(placed, placed[1:]):
        if start < prev_end:
            problems.append(f"{cur}: overlaps {prev}")
    return problems


def _entries_problems(task: dict, key: str, owner_key: str, text: str | None) -> list[str]:
    entries = task.get(key, [])
    if not isinstance(entries, list):
        return [f"{key} is not a list"]
    problems = []
    owners = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(f"{key}[{i}]: not an object")
            continue
        owner = entry.get(owner_key)
        where = f"{key}[{i}] ({owner_key}={owner!r})"
        if owner is None or owner == "":
            problems.append(f"{where}: {owner_key} missing")
        elif str(owner) in owners:
            problems.append(f"{where}: a second entry by the same {owner_key}")
        owners.add(str(owner))
        if text is not None:
            problems += [f"{where}: {p}" for p in region_problems(text, entry.get("result"))]
    return problems


def validate_task(task, corpus_dir) -> list[str]:
    """Every problem of ``task`` against the corpus file ``corpus_dir/<doc_id>.txt``; empty
    when the task is fine."""
    if not isinstance(task, dict):
        return ["not a Label Studio task (a JSON object)"]
    problems = []
    if not _is_int(task.get("id")):
        problems.append(f"task id {task.get('id')!r} is not an integer")
    data = task.get("data")
    data = data if isinstance(data, dict) else {}
    doc_id, text = data.get("doc_id"), data.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        problems.append("data.doc_id missing")
    else:
        path = Path(corpus_dir) / f"{doc_id}.txt"
        if not path.is_file():
            problems.append(f"no corpus file {path}")
        elif isinstance(text, str):
            try:
                expected = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as e:
                problems.append(f"corpus file {path} is not UTF-8: {e}")
            else:
                if text != expected:
                    problems.append(f"data.text differs from {path} at {describe_difference(expected, text)}")
    if not isinstance(text, str):
        problems.append("data.text missing")
        text = None
    annotations = task.get("annotations", [])
    ids = [a.get("id") for a in annotations if isinstance(a, dict)] if isinstance(annotations, list) else []
    if any(not _is_int(i) for i in ids) or len(set(map(repr, ids))) != len(ids):  # repr: ids may be unhashable
        problems.append(f"annotation ids must be distinct integers, are {ids}")
    problems += _entries_problems(task, "annotations", "completed_by", text)
    problems += _entries_problems(task, "predictions", "model_version", text)
    return problems


def describe_difference(expected: str, actual: str, width: int = 60) -> str:
    """Where ``actual`` first departs from ``expected``: 'line L, column C: expected … found …',
    each side an excerpt of its own line from a little before that column."""
    i = next((k for k, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
    line_start = expected.rfind("\n", 0, i) + 1
    column = i - line_start
    excerpts = []
    for s in (expected, actual):
        line_end = s.find("\n", line_start)
        line = s[line_start : line_end + 1 if line_end >= 0 else len(s)]
        begin = max(0, column - width // 3)
        excerpt = line[begin : begin + width]
        excerpts.append(("…" if begin else "") + repr(excerpt) + ("…" if begin + width < len(line) else ""))
    line_number = expected.count("\n", 0, i) + 1
    return f"line {line_number}, column {column + 1}: expected {excerpts[0]} found {excerpts[1]}"


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ie.studio.validate", description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", type=Path, default=ANNOTATIONS,
                        help="directory of task files (default: annotations/)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR,
                        help="directory of <doc_id>.txt (default: ../shared/corpus/reports)")
    args = parser.parse_args(argv)
    for directory, what in ((args.dir, "task"), (args.corpus, "corpus")):
        if not directory.is_dir():
            print(f"{_display(directory)}: no such {what} directory")
            print("0 documents, 0 spans, 1 problems")
            return 1
    documents = spans = problems = 0
    for path in sorted(args.dir.glob("*.json")):
        try:
            task = load_task(path)
        except (OSError, ValueError) as e:  # ValueError covers bad JSON and bad UTF-8
            found = [f"cannot read as UTF-8 JSON: {e}"]
        else:
            is_task = isinstance(task, dict) and "data" in task
            if not is_task and not (args.corpus / f"{path.stem}.txt").is_file():
                continue  # split.json and other non-task files
            documents += 1
            found = validate_task(task, args.corpus)
            doc_id = (task.get("data") or {}).get("doc_id") if is_task else None
            if isinstance(doc_id, str) and doc_id and doc_id != path.stem:
                found.append(f"file name does not match data.doc_id {doc_id!r}")
            if is_task and isinstance(task.get("annotations"), list):
                spans += sum(len(a["result"]) for a in task["annotations"]
                             if isinstance(a, dict) and isinstance(a.get("result"), list))
        for problem in found:
            print(f"{_display(path)}: {problem}")
        problems += len(found)
    print(f"{documents} documents, {spans} spans, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
