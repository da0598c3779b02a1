"""Cross-validation by issuer group: every gold report scored by a model that never saw its issuer.

    python benchmarks/crossval.py [--config configs/tagger.yaml] [--folds 5] [--data-seed 13]
                                  [--docs ID,ID,...] [--set KEY=VALUE ...]

The test split has 13 reports, two of which hold half its METRICs, so its figures move a lot with
the documents drawn (``accuracy.py --bootstrap``). Here all gold reports are dealt into ``--folds``
folds, whole issuer groups at a time (``annotations/documents.tsv``), balanced by METRIC count; each
fold is tagged by one run of the shipped recipe (``--config``, as a single run at its tagging
window, last epoch) trained on the other folds. The pooled figures count every gold span once, with
and without ``join_metric_parts`` (the rule drawn from test errors), with a 95% interval over
resamplings of the documents. A fold's run is reused from ``runs/crossval/<version>/`` when its
saved config is this one (same documents, same recipe), so an interrupted run resumes. Writes
``benchmarks/results/crossval.json``. On the 2-core CPU five folds take about 45 minutes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path

import yaml

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ie.evaluate import bootstrap_f1, document_counts, run, score  # noqa: E402
from ie.gold import load_gold, read_split  # noqa: E402
from ie.keys import KeyMapper  # noqa: E402
from ie.studio.datacard import read_documents  # noqa: E402
from ie.tagger import Tagger  # noqa: E402
from ie.train import TrainConfig, train  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
ABLATIONS = {"all rules": (), "without join_metric_parts": ("join_metric_parts",)}


def issuer_folds(metrics: dict[str, int], groups: dict[str, str], folds: int) -> list[list[str]]:
    """Documents dealt into ``folds`` folds: an issuer group never straddles two, and each group,
    largest first (by METRIC count), goes to the fold with the fewest METRICs so far."""
    by_group: dict[str, list[str]] = {}
    for doc in sorted(metrics):
        by_group.setdefault(groups[doc], []).append(doc)
    if len(by_group) < folds:
        raise SystemExit(f"{len(by_group)} issuer groups cannot fill {folds} folds")
    dealt: list[list[str]] = [[] for _ in range(folds)]
    load = [0] * folds
    for group in sorted(by_group, key=lambda g: (-sum(metrics[d] for d in by_group[g]), g)):
        fold = min(range(folds), key=lambda i: (load[i], i))
        dealt[fold] += by_group[group]
        load[fold] += sum(metrics[d] for d in by_group[group])
    return [sorted(fold) for fold in dealt]


def fold_model(recipe: TrainConfig, held_out: list[str], others: list[str], data_seed: int, root: Path) -> Path:
    """The tagger trained on ``others`` (all of them, last epoch) for the fold ``held_out``."""
    export = root / f"{held_out[0]}-and-{len(held_out) - 1}-more" / f"data-seed-{data_seed}" / "export"
    # train_on_dev puts the dev document back into training: it only shows the fit in the log.
    cfg = recipe.single_run(data_seed, train_docs=others[1:], dev_docs=others[:1], train_on_dev=True,
                            output_dir=str(export.parent), export_dir=str(export))
    saved = export / "train_config.yaml"
    if saved.exists() and yaml.safe_load(saved.read_text(encoding="utf-8")) == dataclasses.asdict(cfg):
        return export
    return train(cfg)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(REPO / "configs" / "tagger.yaml"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--data-seed", type=int, default=13)
    parser.add_argument("--docs", default=None, help="cross-validate these gold documents (default: all)")
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE", help="override recipe fields")
    parser.add_argument("--runs", type=Path, default=REPO / "runs" / "crossval", help="where the fold models go")
    parser.add_argument("--json", type=Path, default=RESULTS / "crossval.json")
    args = parser.parse_args(argv)

    recipe = TrainConfig.from_yaml(args.config, args.set)
    docs = load_gold(args.docs.split(",") if args.docs else None)
    groups = {doc_id: row["issuer_group"] for doc_id, row in read_documents().items()}
    folds = issuer_folds({d.path: sum(s.label == "METRIC" for s in d.spans) for d in docs}, groups, args.folds)
    by_id = {d.path: d for d in docs}
    mapper = KeyMapper.from_yaml()
    outputs = {name: {} for name in ABLATIONS}
    per_fold = []
    for k, held_out in enumerate(folds, 1):
        others = sorted(set(by_id) - set(held_out))
        print(f"fold {k}/{len(folds)}: {len(held_out)} documents held out, training on {len(others)}", flush=True)
        tagger = Tagger.load(fold_model(recipe, held_out, others, args.data_seed, args.runs / recipe.version), progress=False)
        gold = [by_id[d] for d in held_out]
        for name, skip in ABLATIONS.items():
            outputs[name].update(zip(held_out, run(tagger, gold, mapper, skip)))
        fold_scores = score(gold, [outputs["all rules"][d] for d in held_out], mapper)
        per_fold.append({"documents": held_out, **fold_scores})
        print(f"  METRIC {fold_scores['spans']['METRIC']['f1']:.3f}, VALUE {fold_scores['spans']['VALUE']['f1']:.3f}, "
              f"records {fold_scores['records']['f1']:.3f}", flush=True)

    order = [d.path for d in docs]
    split = {doc_id: name for name, ids in read_split().items() for doc_id in ids}
    pooled = {}
    lines = ["| pipeline | documents | METRIC F1 (95% interval) | VALUE F1 | ZERO F1 | records F1 |", "|---|---|---|---|---|---|"]
    for name in ABLATIONS:
        predicted = [outputs[name][d] for d in order]
        pooled[name] = {"all": score(docs, predicted, mapper)}
        pooled[name]["all"]["f1_interval_95"] = bootstrap_f1(document_counts(docs, predicted, mapper))
        for part in ("train", "dev", "test"):
            chosen = [i for i, d in enumerate(order) if split.get(d) == part]
            if chosen:
                pooled[name][part] = score([docs[i] for i in chosen], [predicted[i] for i in chosen], mapper)
        for part, result in pooled[name].items():
            low, high = result.get("f1_interval_95", {}).get("METRIC", (None, None))
            interval = f" ({low:.3f}–{high:.3f})" if low is not None else ""
            s = result["spans"]
            lines.append(f"| {name} | {part} | {s['METRIC']['f1']:.3f}{interval} | {s['VALUE']['f1']:.3f} | "
                         f"{s['ZERO']['f1']:.3f} | {result['records']['f1']:.3f} |")
    print("\n".join(lines))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"recipe": recipe.version, "data_seed": args.data_seed, "folds": per_fold,
                                     "pooled": pooled}, indent=1, ensure_ascii=False))
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
