"""A document's language: the one it declares, else the one its text is written in.

Declared tags (``fr-FR``, ``pt_BR``, ``zh-Hans``, ``fil``) become ISO 639-1
codes (``fr``, ``pt``, ``zh``, ``tl``). Detection uses CLD2 (``pycld2``): its
model is compiled into its wheel, it imports in about 2 ms with nothing to
load, and it says "unknown" rather than guess on text too short to judge
(docs/languages.md has the measurements against fastText, langid and Lingua).
It is imported only when a document declares no language and something asks
for it.
"""

from __future__ import annotations

import re

# Text enough to judge a language; detection time grows with the text.
DETECT_CHARS = 2000

# Tags whose ISO 639-1 code is not their first subtag, or that CLD2 spells its own way.
_ALIASES = {
    "fil": "tl", "tgl": "tl", "in": "id", "ind": "id", "iw": "he", "ji": "yi", "jw": "jv",
    "zho": "zh", "chi": "zh", "cmn": "zh", "yue": "zh", "eng": "en", "fra": "fr", "fre": "fr",
    "deu": "de", "ger": "de", "spa": "es", "por": "pt", "ita": "it", "rus": "ru", "ara": "ar",
    "jpn": "ja", "kor": "ko", "vie": "vi", "ces": "cs", "cze": "cs", "tha": "th",
}
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:$|[-_])")


def language_code(tag: str | None) -> str | None:
    """``"fr-FR"`` -> ``"fr"``; None for what is no language tag (``"x-default"``, ``"*"``, ``"und"``)."""
    if not tag:
        return None
    first = tag.split(",")[0].split(";")[0].strip()
    m = _TAG.match(first)
    if m is None:
        return None
    code = m.group(1).lower()
    code = _ALIASES.get(code, code)
    if code in ("und", "mul", "zxx", "mis") or len(code) != 2:
        return None
    return code


def detect_language(text: str) -> str | None:
    """The language ``text`` is written in, or None when CLD2 cannot tell reliably."""
    text = text[:DETECT_CHARS]
    if not text.strip():
        return None
    try:
        import pycld2
    except ImportError:  # an install without the detector: declared languages still work
        return None
    try:
        reliable, _bytes, details = pycld2.detect(text)[:3]
    except pycld2.error:
        # Invalid UTF-8 for CLD2 (lone surrogates, some control characters): judge what is left.
        cleaned = "".join(c for c in text if c.isprintable() or c in "\n\t")
        try:
            reliable, _bytes, details = pycld2.detect(cleaned.encode("utf-8", "ignore").decode())[:3]
        except pycld2.error:
            return None
    if not reliable:
        return None
    code = details[0][1]
    if code in ("un", "xxx"):
        return None
    return language_code(code)
