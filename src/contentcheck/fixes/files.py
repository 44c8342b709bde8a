"""Files a fix rewrites: read once, written back byte for byte but for the edits.

The encoding, the byte-order mark and the newlines are the file's own: edits
are made on the decoded text (newlines untouched) and encoded the way the
file was. A file whose bytes would not come back the same (not valid in the
encoding it was read as) is not rewritten. The new file is written next to
the old one and renamed over it, and only if the file on disk is still the
one that was read.
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile

from ..loaders.encoding import DecodeError, decode_bytes

_BOM = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


class FixRefused(Exception):
    """A file the fixes were not written to; the message says why."""


class SourceFile:
    def __init__(self, path: str, data: bytes, fmt: str):
        self.path = path
        self.data = data
        try:
            self.text, self.encoding = decode_bytes(data, fmt)
        except DecodeError as exc:
            raise FixRefused(str(exc)) from None
        bom = _BOM.get(self.encoding, b"")
        self.bom = bom if bom and data.startswith(bom) else b""
        self.exact = self.encode(self.text) == data

    @classmethod
    def read(cls, path: str, fmt: str) -> SourceFile:
        try:
            with open(path, "rb") as fh:
                return cls(path, fh.read(), fmt)
        except OSError as exc:
            raise FixRefused(f"cannot read: {exc.strerror or exc}") from None

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding, errors="strict")

    def write(self, text: str) -> None:
        """Write ``text`` in place of the file, atomically; refuse if the file changed since it was read."""
        if not self.exact:
            raise FixRefused(f"not rewritten: its bytes are not valid {self.encoding} throughout, so it "
                             "could not be written back unchanged outside the fixes")
        try:
            data = self.encode(text)
        except UnicodeEncodeError as exc:
            raise FixRefused(f"not rewritten: a fix's text cannot be written in {self.encoding} ({exc.reason})")
        target = os.path.realpath(self.path)  # a symbolic link stays a link
        folder = os.path.dirname(target) or "."
        try:
            info = os.stat(target)
            fd, tmp = tempfile.mkstemp(prefix=".contentcheck-", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise FixRefused(f"cannot write: {exc.strerror or exc}") from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, info.st_mode & 0o7777)
            with open(target, "rb") as fh:
                if fh.read() != self.data:
                    raise FixRefused("not rewritten: the file changed since it was read; run again")
            os.replace(tmp, target)
        except OSError as exc:
            raise FixRefused(f"cannot write: {exc.strerror or exc}") from None
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self.data = data
        self.text = text


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def unified_diff(name: str, old: str, new: str) -> str:
    """A unified diff of two versions of a file (git's a/ and b/ prefixes)."""
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{name}", f"b/{name}"):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
