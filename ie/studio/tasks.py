"""One Label Studio task per document: build, read, write and edit it.

A task holds the document text, the human annotations (one entry per annotator, told apart by
``completed_by``) and the model pre-annotations (``predictions``, one entry per
``model_version``), kept apart as Label Studio keeps them. Offsets are code points, as in
``ie.document``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import zlib
from datetime import datetime, timezone
from pathlib import Path

from ie.document import Span
from ie.labels import LABELS

LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="METRIC"/>
    <Label value="VALUE"/>
    <Label value="ZERO"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>
"""

# The corpus the tasks are made from: ../shared/corpus/reports beside the repository.
CORPUS_DIR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "reports"

FROM_NAME = "label"
TO_NAME = "text"
REGION_TYPE = "labels"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _region(text: str, span: Span, owner: str, origin: str, with_score: bool) -> dict:
    """A Label Studio ``labels`` region for ``span``; its id depends only on owner and span,
    so re-saving the same spans gives the same file."""
    if span.label not in LABELS:
        raise ValueError(f"unknown label {span.label!r}")
    if not 0 <= span.start < span.end <= len(text):
        raise ValueError(f"span [{span.start}:{span.end}] outside the text (length {len(text)})")
    key = f"{owner}|{span.start}|{span.end}|{span.label}".encode("utf-8")
    region = {
        "id": hashlib.sha1(key).hexdigest()[:10],
        "from_name": FROM_NAME,
        "to_name": TO_NAME,
        "type": REGION_TYPE,
        "origin": origin,
        "value": {
            "start": span.start,
            "end": span.end,
            "text": text[span.start : span.end],
            "labels": [span.label],
        },
    }
    if with_score:
        region["score"] = round(span.score, 4)
    return region


def _sorted(spans) -> list[Span]:
    return sorted(spans, key=lambda s: (s.start, s.end, s.label))


def make_task(
    doc_id: str,
    text: str,
    predictions: list[Span] | None = None,
    model_version: str | None = None,
) -> dict:
    """A new task for one document, with no annotation yet.

    ``predictions`` (with the ``model_version`` that made them) become the task's one
    prediction; the region scores are kept and the prediction's score is their mean.
    """
    task = {"id": zlib.crc32(doc_id.encode("utf-8")), "data": {"text": text, "doc_id": doc_id},
            "annotations": [], "predictions": []}
    if predictions is not None:
        if not model_version:
            raise ValueError("predictions need a model_version")
        spans = _sorted(predictions)
        score = sum(s.score for s in spans) / len(spans) if spans else 1.0
        task["predictions"].append({
            "model_version": model_version,
            "score": round(score, 4),
            "result": [_region(text, s, model_version, "prediction", True) for s in spans],
        })
    return task


def _spans(result: list[dict]) -> list[Span]:
    return _sorted(
        Span(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0], r.get("score", 1.0))
        for r in result
        if r.get("type") == REGION_TYPE
    )


def task_spans(task: dict, which: str = "annotation", annotator=None) -> list[Span]:
    """The spans of one annotation (``which="annotation"``) or prediction
    (``which="predictions"``), sorted by offset.

    ``annotator`` picks the annotation by ``completed_by`` (or the prediction by
    ``model_version``); without it the first one is taken, skipping cancelled annotations, and
    a task with none gives ``[]``. A named annotator the task lacks raises ``LookupError``.
    """
    if which == "annotation":
        entries = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        owner_key = "completed_by"
    elif which == "predictions":
        entries = task.get("predictions", [])
        owner_key = "model_version"
    else:
        raise ValueError(f"which must be 'annotation' or 'predictions', not {which!r}")
    if annotator is not None:
        entries = [e for e in entries if str(e.get(owner_key)) == str(annotator)]
        if not entries:
            raise LookupError(f"no {which} by {annotator!r} in task {task.get('id')}")
    return _spans(entries[0]["result"]) if entries else []


def set_annotation(task: dict, spans: list[Span], annotator) -> dict:
    """A copy of ``task`` whose annotation by ``annotator`` holds exactly ``spans``.

    The annotator's entry keeps its id and ``created_at`` (``updated_at`` moves only when the
    spans change); a new annotator gets a new entry. Other annotations and the predictions
    are left as they are. Raises ``ValueError`` for a span outside the text or with an unknown
    label.
    """
    task = copy.deepcopy(task)
    text = task["data"]["text"]
    result = [_region(text, s, str(annotator), "manual", False) for s in _sorted(spans)]
    annotations = task.setdefault("annotations", [])
    for entry in annotations:
        if str(entry.get("completed_by")) == str(annotator):
            if entry.get("result") != result:
                entry["result"] = result
                entry["updated_at"] = _now()
            return task
    now = _now()
    annotations.append({
        "id": max((a.get("id", 0) for a in annotations), default=0) + 1,
        "completed_by": annotator,
        "result": result,
        "lead_time": None,
        "created_at": now,
        "updated_at": now,
    })
    return task


def load_task(path) -> dict:
    """Read one task file (UTF-8 JSON)."""
    return json.loads(Path(path).read_bytes().decode("utf-8"))


def save_task(task: dict, path) -> None:
    """Write ``task`` as UTF-8 JSON with sorted keys, so the same task always gives the same
    bytes. The file is replaced in one step: a failed write leaves the old one whole."""
    path = Path(path)
    data = json.dumps(task, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data.encode("utf-8"))
    os.replace(tmp, path)


def load_dir(directory) -> dict[str, dict]:
    """Every task under ``directory`` (``*.json`` holding ``data.doc_id``), keyed by doc id.

    Other JSON files there (``split.json`` and the like) are skipped.
    """
    tasks = {}
    for path in sorted(Path(directory).glob("*.json")):
        task = load_task(path)
        if isinstance(task, dict) and isinstance(task.get("data"), dict) and "doc_id" in task["data"]:
            tasks[task["data"]["doc_id"]] = task
    return tasks
