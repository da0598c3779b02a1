"""Cross-validation by issuer group (benchmarks/crossval.py)."""

import json

import pytest


def test_folds_keep_issuer_groups_whole_and_balance_metrics(load_benchmark):
    crossval = load_benchmark("crossval")
    metrics = {"a1": 40, "a2": 30, "b": 50, "c": 20, "d": 20, "e": 10}
    groups = {"a1": "A", "a2": "A", "b": "B", "c": "C", "d": "D", "e": "E"}
    folds = crossval.issuer_folds(metrics, groups, 3)
    assert sorted(d for fold in folds for d in fold) == sorted(metrics)
    assert folds[0] == ["a1", "a2"]  # group A (70) first, and never split
    assert [sum(metrics[d] for d in fold) for fold in folds] == [70, 50, 50]
    with pytest.raises(SystemExit, match="5 issuer groups cannot fill 6 folds"):
        crossval.issuer_folds(metrics, groups, 6)


def test_every_document_is_scored_once_by_a_model_that_did_not_train_on_it(tmp_path, load_benchmark):
    from ie.gold import load_gold

    crossval = load_benchmark("crossval")
    docs = ["seed-000", "seed-001", "r101", "r147"]
    out = tmp_path / "cv.json"
    argv = ["--docs", ",".join(docs), "--folds", "2", "--set", "max_steps=2", "batch_size=4", "synthetic=0",
            "--runs", str(tmp_path / "runs"), "--json", str(out)]
    assert crossval.main(argv) == 0
    result = json.loads(out.read_text())
    held_out = [d for fold in result["folds"] for d in fold["documents"]]
    assert sorted(held_out) == sorted(docs)
    for fold in result["folds"]:
        config = next((tmp_path / "runs").glob(f"*/{fold['documents'][0]}-and-*/data-seed-13/export/train_config.yaml"))
        trained = config.read_text()
        assert not any(f"- {d}\n" in trained for d in fold["documents"])
    gold_metrics = sum(s.label == "METRIC" for d in load_gold(docs) for s in d.spans)
    pooled = result["pooled"]["all rules"]["all"]
    assert pooled["spans"]["METRIC"]["support"] == gold_metrics
    low, high = pooled["f1_interval_95"]["METRIC"]
    assert low <= pooled["spans"]["METRIC"]["f1"] <= high
    assert "without join_metric_parts" in result["pooled"]

    weights = sorted((tmp_path / "runs").glob("*/*/data-seed-13/export/tuned.safetensors"))
    stamps = [w.stat().st_mtime_ns for w in weights]
    assert crossval.main(argv) == 0  # the fold models are reused, not trained again
    assert [w.stat().st_mtime_ns for w in weights] == stamps
    changed = [a if a != "max_steps=2" else "max_steps=3" for a in argv]
    assert crossval.main(changed) == 0  # another recipe on the same documents is trained afresh
    assert all(w.stat().st_mtime_ns != stamp for w, stamp in zip(weights, stamps))
