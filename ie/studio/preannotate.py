"""Pre-annotate corpus documents: one Label Studio task per document, with the tagger's spans as
``predictions`` (kept apart from any human ``annotations``, which are never touched).

    python -m ie.studio.preannotate [--tagger rules|model] [--model DIR] [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.progress import track

from ie.gold import ANNOTATIONS
from ie.pipeline import Pipeline
from ie.reading import read_document
from ie.studio.tasks import CORPUS_DIR, load_task, make_task, save_task


def load_tagger(kind: str, model: str | None = None):
    if kind == "rules":
        from ie.rules import RuleTagger

        return RuleTagger()
    from ie.tagger import Tagger

    return Tagger.load(model)


def preannotate(paths: list[Path], out_dir: Path, tagger) -> int:
    """Write or refresh the prediction of ``tagger.name`` in each document's task; return the count.

    The prediction is the spans the whole pipeline keeps (the tagger's, after the contract checks
    of ``ie.prune``), so an annotator corrects what a user would get.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline(tagger)
    for path in track(paths, description=f"Pre-annotating with {tagger.name}"):
        doc = pipeline(read_document(path))
        target = out_dir / f"{path.stem}.json"
        fresh = make_task(path.stem, doc.text, predictions=doc.spans, model_version=tagger.name)
        if target.exists():
            task = load_task(target)
            others = [p for p in task.get("predictions", []) if p.get("model_version") != tagger.name]
            task["predictions"] = others + fresh["predictions"]
        else:
            task = fresh
        save_task(task, target)
    return len(paths)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tagger", choices=["rules", "model"], default="rules")
    parser.add_argument("--model", default=None, help="tagger folder (default: the shipped model)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--out", type=Path, default=ANNOTATIONS)
    parser.add_argument("docs", nargs="*", help="document ids (default: the whole corpus)")
    args = parser.parse_args(argv)
    paths = sorted(args.corpus.glob("*.txt"))
    if args.docs:
        paths = [p for p in paths if p.stem in set(args.docs)]
    preannotate(paths, args.out, load_tagger(args.tagger, args.model))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
