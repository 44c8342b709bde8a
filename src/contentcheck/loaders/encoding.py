"""Bytes to text: BOM first, then a declared HTML charset, then UTF-8, then detection."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of formats that are never articles, whatever their file name says.
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF", b"PK\x03\x04",
    b"\x1f\x8b", b"BZh", b"\x7fELF", b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3",
    b"\xfd7zXZ", b"7z\xbc\xaf",
)


def declared_html_encoding(data: bytes) -> str | None:
    """The encoding a page declares (<meta charset>, http-equiv, <?xml encoding?>).

    BeautifulSoup's EncodingDetector knows the declaration forms browsers
    accept; it is imported only for the rare page that is not UTF-8.
    """
    from bs4.dammit import EncodingDetector

    name = EncodingDetector.find_declared_encoding(data[:8192], is_html=True, search_entire_document=False)
    return name.lower() if name else None


class DecodeError(Exception):
    """The bytes are not text contentcheck can check."""


def decode_bytes(data: bytes, fmt: str = "text") -> tuple[str, str]:
    """Return ``(text, encoding)``. Raises DecodeError for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise DecodeError("binary content (not a text file)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if fmt == "html":
        name = declared_html_encoding(data)
        if name:
            try:
                codec = codecs.lookup(name).name
            except LookupError:
                codec = None
            # A page that declares UTF-8 but is not valid UTF-8 was almost
            # always saved as windows-1252; browsers do the same.
            if codec in ("utf-8", "iso8859-1", "ascii"):
                codec = "cp1252"
            if codec:
                return data.decode(codec, errors="replace"), codec
    western = _plausible_cp1252(data)
    if western is not None:
        return western, "cp1252"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace"), best.encoding
    except Exception:  # detection is best effort; cp1252 below never fails
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _plausible_cp1252(data: bytes) -> str | None:
    """The text as windows-1252 when that reads like Western European prose.

    Undeclared non-UTF-8 articles are overwhelmingly windows-1252 or latin-1,
    and statistical detection guesses wrong on short texts (cp1250, cp775).
    Text whose letters are mostly outside ASCII is left to the detector
    (Cyrillic or Greek in a single-byte code page, say).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None  # a byte cp1252 leaves undefined
    high = sum(1 for c in text if ord(c) > 127 and c.isalpha())
    letters = sum(1 for c in text[:20000] if c.isalpha()) or 1
    return text if high / letters < 0.2 else None
