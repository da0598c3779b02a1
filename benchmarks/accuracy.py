"""Accuracy of the model and of the rule baseline on one split of the gold annotations, in one run.

    python benchmarks/accuracy.py [--split test|dev] [--model DIR] [--json FILE] [--errors FILE] [--by-document]
    python benchmarks/accuracy.py --docs r001,r002,... --model DIR   (out-of-fold: any gold documents)
    python benchmarks/accuracy.py --skip join_metric_parts            (ablation: both taggers without a rule)
    python benchmarks/accuracy.py --bootstrap 2000                    (how far the model's F1 could move)

Prints seqeval precision/recall/F1 per label (exact spans) and record-level F1 (key and value both
right) for both taggers, as a Markdown table; ``--errors`` lists the model's span errors
(boundary, missed, spurious) in context, one per line; ``--by-document`` adds the model's F1 on
each document, to see where the errors are; ``--bootstrap N`` gives a 95% interval for each of the
model's F1 figures, drawing the documents again with replacement N times.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ie.document import Document  # noqa: E402
from ie.evaluate import bootstrap_f1, document_counts, evaluate, run, score, span_errors  # noqa: E402
from ie.keys import KeyMapper  # noqa: E402
from ie.gold import read_split, require_gold  # noqa: E402
from ie.pipeline import RULES  # noqa: E402
from ie.rules import RuleTagger  # noqa: E402
from ie.tagger import Tagger  # noqa: E402


def table(results: dict[str, dict]) -> str:
    lines = ["| tagger | label | precision | recall | F1 | support |", "|---|---|---|---|---|---|"]
    for name, result in results.items():
        for label, s in result["spans"].items():
            lines.append(f"| {name} | {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |")
        r = result["records"]
        lines.append(f"| {name} | records (key+value) | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['gold']} |")
    return "\n".join(lines)


def document_table(docs: list[Document], outputs: list[Document], mapper) -> str:
    """The model's F1 per document: METRIC (with its support), VALUE and records; "–" where there
    is nothing to score, neither in gold nor predicted."""
    lines = ["| document | METRIC F1 | METRIC support | VALUE F1 | records F1 |", "|---|---|---|---|---|"]
    for gold, output in zip(docs, outputs):
        labels = {s.label for s in gold.spans + output.spans}
        result = score([gold], [output], mapper) if labels else {"spans": {}, "records": {}}
        metric, value, records = result["spans"].get("METRIC"), result["spans"].get("VALUE"), result["records"]
        cells = [
            f"{metric['f1']:.3f}" if "METRIC" in labels else "–",
            str(metric["support"] if metric else 0),
            f"{value['f1']:.3f}" if "VALUE" in labels else "–",
            f"{records['f1']:.3f}" if records.get("gold") or records.get("predicted") else "–",
        ]
        lines.append(f"| {gold.path} | {' | '.join(cells)} |")
    return "\n".join(lines)


def error_lines(docs: list[Document], outputs: list[Document]) -> list[str]:
    lines = []
    for gold, output in zip(docs, outputs):
        for kind, span, predicted in span_errors(gold.spans, output.spans):
            anchor = span or predicted[0]
            context = gold.text[max(0, anchor.start - 15) : anchor.end + 15].replace("\n", "⏎")
            found = "|".join(gold.text[p.start : p.end] for p in predicted)
            wanted = gold.text[span.start : span.end] if span else ""
            lines.append(f"{gold.path}\t{anchor.label}\t{kind}\tgold[{wanted}]\tpred[{found}]\t{context}")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--split", choices=["train", "dev", "test"], default="test")
    chosen.add_argument("--docs", default=None, help="score these gold documents (comma-separated ids) instead of a split")
    parser.add_argument("--model", default=None, help="tagger folder (default: the shipped model)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--errors", type=Path, default=None, help="write the model's span errors here")
    parser.add_argument("--by-document", action="store_true", help="also print the model's F1 per document")
    parser.add_argument("--bootstrap", type=int, default=0, metavar="N", help="95%% interval of the model's F1s over N resamplings of the documents")
    parser.add_argument("--skip", action="append", default=[], choices=list(RULES), help="leave this rule out of the pipeline (repeatable)")
    args = parser.parse_args(argv)
    doc_ids = args.docs.split(",") if args.docs else read_split()[args.split]
    docs = require_gold(doc_ids)
    print(f"{'documents' if args.docs else args.split + ' split'}: {len(docs)} documents, {sum(len(d.text) for d in docs)} characters, "
          f"{sum(len(d.spans) for d in docs)} gold spans")
    mapper = KeyMapper.from_yaml()
    skip = tuple(args.skip)
    outputs = run(Tagger.load(args.model), docs, mapper, skip)
    results = {"model": score(docs, outputs, mapper), "rules": evaluate(RuleTagger(), docs, mapper, skip)}
    print(table(results))
    if args.bootstrap:
        intervals = bootstrap_f1(document_counts(docs, outputs, mapper), draws=args.bootstrap)
        results["model"]["f1_interval_95"] = intervals
        print(f"model F1, 95% interval over {args.bootstrap} resamplings of the {len(docs)} documents: "
              + ", ".join(f"{name} {low:.3f}–{high:.3f}" for name, (low, high) in intervals.items()))
    if args.by_document:
        print(document_table(docs, outputs, mapper))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if args.errors:
        args.errors.write_text("\n".join(error_lines(docs, outputs)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
