"""Reading content files: the right encoding, normal line ends, and nothing from outside content/."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from ..errors import WARNING, ContentError, Problem

# Bytes that never occur in text; many of them mean a binary file, not a text in some encoding.
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# A stray one (a NUL pasted in by a tool) in what is otherwise text is named by its line instead:
# C0 controls but tab, line ends and form feed; DEL; C1 controls; the non-characters U+FFFE/U+FFFF.
_STRAY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


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
        sample = data[:4096]
        if len(_BINARY_CONTROL.findall(sample)) > max(2, len(sample) // 100):
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


def refuse_control_characters(text: str, path: str) -> None:
    """ContentError at the line of the first control character: invisible in an editor, not text,
    and fatal to the XML of the feed."""
    found = _STRAY_CONTROL.search(text)
    if found:
        code = ord(found.group())
        what = "a NUL byte" if code == 0 else f"control character U+{code:04X}"
        raise ContentError(path, text.count("\n", 0, found.start()) + 1,
                           f"{what} in the text: remove it (it is invisible, and not text)")


def read_content_file(path: Path, root: Path, shown_as: str) -> tuple[str, Problem | None]:
    """Read a text file that must live inside `root` (content/), following no symlink out of it."""
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        target = os.readlink(path) if path.is_symlink() else path
        raise ContentError(shown_as, None, f"is a link to {target}, which does not exist") from None
    except (OSError, RuntimeError):  # ELOOP; Python before 3.13 raises RuntimeError for it
        raise ContentError(shown_as, None, "is a link that leads round in a circle (a link loop)") from None
    if not resolved.is_relative_to(root.resolve()):
        raise ContentError(
            shown_as, None, f"is a link to {resolved}, outside content/; copy the file into content/ instead"
        )
    try:
        if not stat.S_ISREG(resolved.stat().st_mode):  # a pipe would wait for ever, a device never end
            raise ContentError(shown_as, None, "is not a file (a folder, pipe or device); remove it")
        data = resolved.read_bytes()
    except OSError as exc:
        raise ContentError(shown_as, None, f"cannot be read: {exc.strerror}") from None
    text, warning = decode_text(data, shown_as)
    refuse_control_characters(text, shown_as)
    return text, warning


def file_stamp(path: Path) -> tuple[int, int, int, int, bool] | None:
    """What `stat` says of a file, to tell whether it changed since it was last read.

    The file it is (device and inode, through any link) stands for where it is: a link made
    to point elsewhere stamps differently, and no path is resolved (a stat per component,
    for every article at every save of the dev server)."""
    try:
        found = path.stat()
        linked = path.is_symlink()
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size, linked)
