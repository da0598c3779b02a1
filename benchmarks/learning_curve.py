"""Learning curve: test-split F1 of the tagger trained on 25/50/75/100% of the training documents.

    python benchmarks/learning_curve.py [--config configs/tagger.yaml] [--fractions 0.25 0.5 0.75 1.0]

Each point trains with the shipped recipe (``--config``), as one run rather than a soup, on a
seeded sample of the training documents (``train_fraction``), then scores it on the test split
with the full pipeline. A
trained point is reused from ``runs/curve/<fraction>/export`` when present, so an interrupted run
resumes. Writes ``benchmarks/results/learning_curve.json`` and ``.png`` (matplotlib: the ``bench``
extra). On the 2-core CPU the four trainings take about 50 minutes.
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


def plot(points: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    x = [p["train_docs"] for p in points]
    for label in LABELS:
        ax.plot(x, [p["spans"][label]["f1"] for p in points], marker="o", label=f"{label} span F1")
    ax.plot(x, [p["records"]["f1"] for p in points], marker="s", linestyle="--", color="black", label="record F1")
    ax.set_xlabel("training documents")
    ax.set_ylabel("F1 on the test split")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    ax.set_title("Learning curve of the tagger")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(REPO / "configs" / "tagger.yaml"))
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 0.75, 1.0])
    args = parser.parse_args(argv)
    split = read_split()
    test_docs = load_gold(split["test"])
    points = []
    for fraction in args.fractions:
        export = REPO / "runs" / "curve" / str(fraction) / "export"
        cfg = TrainConfig.from_yaml(args.config, [f"train_fraction={fraction}", "soup=null"])
        if not export.exists():
            cfg.output_dir = str(export.parent)
            cfg.export_dir = str(export)
            train(cfg)
        scores = evaluate(Tagger.load(export, progress=False), test_docs)
        points.append({"fraction": fraction, "train_docs": len(training_documents(cfg, split)), **scores})
        print(f"{fraction:.0%} of training documents: "
              + ", ".join(f"{k} {v['f1']:.3f}" for k, v in scores["spans"].items())
              + f", records {scores['records']['f1']:.3f}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "learning_curve.json").write_text(json.dumps(points, indent=1))
    plot(points, RESULTS / "learning_curve.png")
    print(f"wrote {RESULTS / 'learning_curve.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
