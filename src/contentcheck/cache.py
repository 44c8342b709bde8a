"""``--cache DIR``: results keyed by file content, path and rule pack.

A second run over an unchanged tree reads each file, hashes it and loads its
result instead of parsing and checking it (like ruff's cache). Entries are
small JSON files written atomically, so a cache folder can be shared by CI
jobs and never holds a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile

from . import __version__
from .results import DocumentResult, Finding


class ResultCache:
    def __init__(self, folder: str, pack_hash: str):
        self.folder = os.path.join(folder, f"v{__version__}-{pack_hash}")
        os.makedirs(self.folder, exist_ok=True)
        self.hits = self.misses = 0

    def key(self, display: str, data: bytes) -> str:
        h = hashlib.blake2b(data, digest_size=20)
        h.update(b"\0" + display.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".json")

    def get(self, key: str) -> DocumentResult | None:
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                data = json.load(fh)
            result = from_dict(data)
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: DocumentResult) -> None:
        if result.score is None:
            return  # errors (a file that vanished, ...) are not worth remembering
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(to_dict(result), fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower


def to_dict(result: DocumentResult) -> dict:
    data = result.to_dict()
    for f, out in zip(result.findings, data["findings"], strict=True):
        out["offset"] = f.offset
    return data


def from_dict(data: dict) -> DocumentResult:
    meta = data["metadata"]
    return DocumentResult(
        data["path"], data["format"], data["score"],
        [Finding(**f) for f in data["findings"]], data["error"],
        meta.get("title"), meta.get("author"), meta.get("author_source"),
        list(meta.get("authors_checked", [])),
    )
