"""Read a report file into a ``Document``, decoding it without any other normalisation.

The decoded text is exactly what the offsets of every later step index, so nothing is stripped
or converted here: the only change to the bytes is dropping a byte-order mark.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from ie.document import Document

# Share of control characters (other than tab, line breaks and form feed) above which a decoded
# file is taken to be binary rather than text.
MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c")


class InputError(Exception):
    """A report file that cannot be read as text; the message is one line naming the path."""


def read_document(path: str | Path, max_bytes: int = 20_000_000) -> Document:
    """Read the report at ``path`` into a ``Document`` whose ``path`` is ``str(path)``.

    Decoding tries UTF-8 (a BOM is dropped), UTF-16 with a BOM, then GB18030 (a superset of
    GBK and GB2312), and only then charset-normalizer's guess. Raises ``InputError`` for a
    missing path, a directory, an unreadable, empty, binary or undecodable file, or one larger
    than ``max_bytes``.
    """
    data = _read_bytes(Path(path), max_bytes)
    text = _decode(data, path)
    if not text.strip():
        raise InputError(f"{path}: file contains only whitespace")
    return Document(text=text, path=str(path))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: file is {size:,} bytes, above the limit of {max_bytes:,} bytes"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if len(data) > max_bytes:  # the file grew after stat()
        raise InputError(f"{path}: file is above the limit of {max_bytes:,} bytes")
    if not data:
        raise InputError(f"{path}: file is empty")
    return data


def _decode(data: bytes, path: str | Path) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data:  # NUL bytes never occur in UTF-8 or GB18030 text
        raise InputError(f"{path}: binary file (contains NUL bytes)")
    else:
        candidates = ["utf-8-sig", "gb18030"]
    text = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        best = from_bytes(data).best()
        text = str(best) if best is not None else None
    if text is None or _looks_binary(text):
        raise InputError(
            f"{path}: binary or undecodable file (not UTF-8, GB18030 or another text encoding)"
        )
    return text


def _looks_binary(text: str) -> bool:
    controls = sum(
        1 for char in text if char not in _TEXT_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls > MAX_CONTROL_SHARE * len(text)
