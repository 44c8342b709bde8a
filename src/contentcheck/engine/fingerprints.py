"""Stable finding fingerprints for baselines, SARIF and GitLab.

Built from the path, the rule id, the normalised matched text and the
occurrence index of that (rule, text) pair in the document, never from line
numbers: adding lines above a finding or fixing another one leaves it alone.
"""

from __future__ import annotations

import hashlib

from ..text.normalize import normalize


def fingerprint(path: str, rule: str, text: str, occurrence: int) -> str:
    key = f"{path}\0{rule}\0{normalize(text)}\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def assign(path: str, findings) -> list:
    """The findings with their ``fingerprint`` set, in the same order."""
    from dataclasses import replace

    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in findings:
        key = (f.rule, normalize(f.text))
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(replace(f, fingerprint=fingerprint(path, f.rule, f.text, n)))
    return out
