"""Reading content files: the right encoding, normal line ends, and nothing from outside content/."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import WARNING, ContentError, Problem

# Bytes that never occur in text; their presence means a binary file, not a text in some encoding.
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def decode_text(data: bytes, path: str) -> tuple[str, Problem | None]:
    """Decode a text file's bytes; return (text with \\n line ends, warning or None).

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; a file that is not
    UTF-8 but decodes as cp1252 is read as cp1252 with a warning, since legacy editors still write it.
    """
    warning = None
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", path)
    else:
        if b"\x00" in data or _BINARY_CONTROL.search(data, 0, 4096):
            raise ContentError(path, None, "this is a binary file, not text (is it the right file?)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                line = data[: exc.start].count(b"\n") + 1
                raise ContentError(
                    path, line, "cannot be decoded as UTF-8 or cp1252; save it as UTF-8"
                ) from None
            warning = Problem(path, None, "not UTF-8; read as cp1252 (Windows-1252): save it as UTF-8 to be sure",
                              severity=WARNING)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text, warning


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ContentError(path, None, f"cannot be decoded as {encoding} ({exc.reason})") from None


def read_content_file(path: Path, root: Path, shown_as: str) -> tuple[str, Problem | None]:
    """Read a file that must live inside `root` (content/), following no symlink out of it."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ContentError(
            shown_as, None, f"is a link to {resolved}, outside content/; copy the file into content/ instead"
        )
    try:
        data = resolved.read_bytes()
    except OSError as exc:
        raise ContentError(shown_as, None, f"cannot be read: {exc.strerror}") from None
    return decode_text(data, shown_as)


def file_stamp(path: Path) -> tuple[str, int, int, int] | None:
    """What `stat` says of a file, to tell whether it changed since it was last read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size, stat.st_ino)
