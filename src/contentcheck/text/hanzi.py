"""Traditional Chinese folded onto Simplified, character for character, so that rules written once in
Simplified characters ("当然可以", "作为一个人工智能") also find Traditional text ("當然可以", "作為一個人工智慧"
from Taiwan or Hong Kong). The table is OpenCC's TSCharacters dictionary, shipped in the
opencc-python-reimplemented wheel; only one-to-one entries are kept, so a folded text keeps every offset,
and it is read on the first text that holds a Han character (the package itself is never imported)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from .scripts import HAN

_HAN = re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in HAN) + "]")
# The high bytes of those code points (high_bytes in scripts.py): a text whose high bytes are none of
# these holds no Han character, and is not searched.
_HAN_HIGHS = frozenset(high for a, b in HAN for high in range(a >> 8, (b >> 8) + 1))
_table: dict[int, str] | None = None


def has_han(text: str, highs: frozenset[int] | None = None) -> bool:
    """Does text hold a Han character? (``highs``: the text's high bytes, when known.)"""
    if highs is not None and highs.isdisjoint(_HAN_HIGHS):
        return False
    return _HAN.search(text) is not None


def fold(text: str, highs: frozenset[int] | None = None) -> str:
    """text with each Traditional Chinese character that has one Simplified form replaced by it; text
    without a Han character is returned as it is."""
    if not has_han(text, highs):
        return text
    return text.translate(_load())


def _load() -> dict[int, str]:
    global _table
    if _table is None:
        _table = {}
        spec = importlib.util.find_spec("opencc")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            path = Path(folder) / "dictionary" / "TSCharacters.txt"
            if path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines():
                    source, _, targets = line.partition("\t")
                    first = targets.split()[0] if targets.split() else ""
                    if len(source) == 1 and len(first) == 1 and first != source:
                        _table[ord(source)] = first
                break
    return _table
