"""Learning curve: test-split F1 of the tagger trained on 25/50/75/100% of the training documents.

    python benchmarks/learning_curve.py [--config configs/tagger.yaml] [--fractions 0.25 0.5 0.75 1.0]
                                        [--data-seeds 13 14 15]

Each point trains with the shipped recipe (``--config``), as single runs rather than a soup, on a
seeded, nested sample of the training documents (``train_fraction``), once per data seed (the
order of the training windows, which alone moves a run's METRIC F1 by a few points), then scores
each run on the test split with the full pipeline. The plot shows the mean over the data seeds and
their range. A trained run is reused from ``runs/curve/<version>/<fraction>/data-seed-<seed>/export``
when present (``version`` from the config, so a changed recipe never reuses the runs of an older one),
so an interrupted curve resumes. Writes ``benchmarks/results/learning_curve.json`` and
``.png`` (matplotlib: the ``bench`` extra). On the 2-core CPU the twelve trainings take about
three hours.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ie.evaluate import evaluate  # noqa: E402
from ie.gold import load_gold, read_split  # noqa: E402
from ie.labels import LABELS  # noqa: E402
from ie.tagger import Tagger  # noqa: E402
from ie.train import TrainConfig, train, training_documents  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"


def summarise(runs: list[dict]) -> list[dict]:
    """One point per fraction: mean, lowest and highest F1 of its runs, per label and for records."""
    points = []
    for fraction in sorted({r["fraction"] for r in runs}):
        group = [r for r in runs if r["fraction"] == fraction]
        scores = {label: [r["spans"][label]["f1"] for r in group] for label in group[0]["spans"]}
        scores["records"] = [r["records"]["f1"] for r in group]
        points.append({"fraction": fraction, "train_docs": group[0]["train_docs"], "runs": len(group),
                       **{k: {"mean": sum(v) / len(v), "min": min(v), "max": max(v)} for k, v in scores.items()}})
    return points


def plot(points: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    x = [p["train_docs"] for p in points]
    curves = [(label, f"{label} span F1", {"marker": "o"}) for label in LABELS]
    curves.append(("records", "record F1", {"marker": "s", "linestyle": "--", "color": "black"}))
    for name, legend, style in curves:
        line, = ax.plot(x, [p[name]["mean"] for p in points], label=legend, **style)
        ax.fill_between(x, [p[name]["min"] for p in points], [p[name]["max"] for p in points],
                        color=line.get_color(), alpha=0.15)
    ax.set_xlabel("training documents")
    ax.set_ylabel("F1 on the test split")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    ax.set_title(f"Learning curve of the tagger (mean and range of {points[0]['runs']} data orders)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(REPO / "configs" / "tagger.yaml"))
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 0.75, 1.0])
    parser.add_argument("--data-seeds", type=int, nargs="+", default=[13, 14, 15])
    args = parser.parse_args(argv)
    split = read_split()
    test_docs = load_gold(split["test"])
    recipe = TrainConfig.from_yaml(args.config)
    runs = []
    for fraction in args.fractions:
        for data_seed in args.data_seeds:
            export = REPO / "runs" / "curve" / recipe.version / str(fraction) / f"data-seed-{data_seed}" / "export"
            cfg = recipe.single_run(data_seed, train_fraction=fraction, output_dir=str(export.parent), export_dir=str(export))
            if not export.exists():
                train(cfg)
            scores = evaluate(Tagger.load(export, progress=False), test_docs)
            runs.append({"fraction": fraction, "data_seed": data_seed,
                         "train_docs": len(training_documents(cfg, split)), **scores})
            print(f"{fraction:.0%} of training documents, data seed {data_seed}: "
                  + ", ".join(f"{k} {v['f1']:.3f}" for k, v in scores["spans"].items())
                  + f", records {scores['records']['f1']:.3f}", flush=True)
    points = summarise(runs)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "learning_curve.json").write_text(json.dumps({"points": points, "runs": runs}, indent=1))
    plot(points, RESULTS / "learning_curve.png")
    print(f"wrote {RESULTS / 'learning_curve.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
