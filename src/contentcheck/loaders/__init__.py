"""Loaders: bytes to text (``read_source``), and one loader per input format building a Document
from that text, every block knowing where in the source it came from."""

from __future__ import annotations

import os
import stat

from ..document import Document
from .encoding import DecodeError, decode_bytes

FORMAT_BY_SUFFIX = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".txt": "text", ".text": "text",
}
FORMATS = ("html", "markdown", "text")
DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024


class LoadError(Exception):
    """An input that could not be turned into a Document; the message says why."""


class FileTooLarge(LoadError):
    """A file over the size limit; ``size`` is how many bytes it has (at least)."""

    def __init__(self, message: str, size: int):
        super().__init__(message)
        self.size = size


def format_for_path(path: str) -> str | None:
    return FORMAT_BY_SUFFIX.get(os.path.splitext(path)[1].lower())


def sniff_format(text: str) -> str:
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<?xml")):
        return "html"
    if head.startswith(("---\n", "+++\n", "---\r\n", "+++\r\n", "# ")):
        return "markdown"
    return "text"


def parse_text(path: str, text: str, fmt: str) -> Document:
    """Build a Document from already decoded text."""
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark left in decoded text is not content
    if fmt == "html":
        from .html import load_html

        return load_html(path, text)
    if fmt == "markdown":
        from .markdown import load_markdown

        return load_markdown(path, text)
    from .text import load_text

    return load_text(path, text)


def decode_source(data: bytes, fmt: str | None = None) -> str:
    """Bytes to the text contentcheck checks: decoded (see encoding.py), binary content refused,
    a byte-order mark dropped. Raises LoadError."""
    try:
        text, _ = decode_bytes(data, fmt or "text")
    except DecodeError as exc:
        raise LoadError(str(exc)) from None
    if "\x00" in text:
        raise LoadError("binary content (NUL characters in the decoded text)")
    return text[1:] if text.startswith("\ufeff") else text


def read_file(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file of at most ``max_size`` bytes (0: no limit).

    Raises LoadError saying why not; when an OSError was the reason, it is the
    LoadError's ``__cause__``.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError("not a regular file (a pipe, socket or device); not read")
        size = info.st_size
        if max_size and size > max_size:
            raise FileTooLarge(f"file is {size:,} bytes, more than --max-file-size {max_size:,}", size)
        with open(path, "rb") as fh:
            data = fh.read(max_size + 1 if max_size else -1)
    except FileNotFoundError as exc:
        raise LoadError("no such file (it may have been removed during the run)") from exc
    except IsADirectoryError as exc:
        raise LoadError("is a directory") from exc
    except PermissionError as exc:
        raise LoadError("permission denied") from exc
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    if max_size and len(data) > max_size:
        raise FileTooLarge(f"file is larger than --max-file-size {max_size:,} bytes", len(data))
    return data


def read_source(path: str, fmt: str | None = None, *, max_size: int = DEFAULT_MAX_FILE_SIZE) -> str:
    """The text of a file exactly as the loaders check it, so that line and column numbers of
    findings point into it. Raises LoadError (FileTooLarge over ``max_size``)."""
    return decode_source(read_file(path, max_size), fmt or format_for_path(path))


def parse_bytes(path: str, data: bytes, fmt: str | None = None) -> Document:
    fmt = fmt or format_for_path(path)
    text = decode_source(data, fmt)
    return parse_text(path, text, fmt or sniff_format(text))


def load_document(path: str, fmt: str | None = None, *, display_path: str | None = None,
                  max_size: int = DEFAULT_MAX_FILE_SIZE) -> Document:
    """Read a file and build its Document. Raises LoadError with a reason."""
    return parse_bytes(display_path or path, read_file(path, max_size), fmt)
