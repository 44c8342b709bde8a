"""``--cache DIR``: results keyed by file content, path and rule pack.

One index file per rule pack (its name holds the contentcheck version and
the digest of the rule files' text), mapping each path to the size,
modification time and content digest of the file it was checked as, and
the result. A file whose size and modification time are unchanged is not
even read (like git's index); otherwise its content digest decides. A run
over an unchanged tree neither parses the rule pack nor any document.

The index is rewritten atomically at the end of a run with the entries of
that run, so it never grows without bound and never holds half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat

from .._version import __version__
from ..atomic import AtomicWriter
from ..results import DocumentResult, Finding


class ResultCache:
    def __init__(self, folder: str, pack_digest: str):
        self.folder = folder
        self.path = os.path.join(folder, f"contentcheck-{__version__}-{pack_digest}.json")
        self.old: dict[str, list] = {}
        self.new: dict[str, list] = {}
        self.hits = self.misses = 0
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
            if isinstance(data, dict) and isinstance(data.get("entries"), dict):
                self.old = data["entries"]
        except (OSError, ValueError):
            pass  # no cache yet, or a damaged one: start afresh

    @staticmethod
    def exists(folder: str, pack_digest: str) -> bool:
        return os.path.isfile(os.path.join(folder, f"contentcheck-{__version__}-{pack_digest}.json"))

    def lookup(self, item, max_size: int):
        """(cached result or None, token for ``store``)."""
        if item.error:
            return None, None
        if item.data is not None:
            stamp, data = None, item.data
        else:
            try:
                info = os.stat(item.path)
            except OSError:
                return None, None
            if not stat.S_ISREG(info.st_mode) or (max_size and info.st_size > max_size):
                return None, None
            stamp = [info.st_size, info.st_mtime_ns]
            entry = self.old.get(item.display)
            if entry is not None and entry[0] == stamp:
                return self._hit(item.display, entry), None
            try:
                with open(item.path, "rb") as fh:
                    data = fh.read()
            except OSError:
                return None, None
        digest = hashlib.blake2b(data, digest_size=20).hexdigest()
        entry = self.old.get(item.display)
        if entry is not None and entry[1] == digest:
            entry = [stamp, digest, entry[2]]
            return self._hit(item.display, entry), None
        self.misses += 1
        return None, (stamp, digest)

    def _hit(self, display: str, entry: list) -> DocumentResult | None:
        try:
            result = from_dict(entry[2])
        except (KeyError, TypeError, ValueError):
            self.misses += 1
            return None
        self.new[display] = entry
        self.hits += 1
        return result

    def store(self, display: str, token, result: DocumentResult) -> None:
        if token is None or result.score is None:
            return  # errors (a file that vanished...) are not worth remembering
        stamp, digest = token
        self.new[display] = [stamp, digest, to_dict(result)]

    def save(self) -> None:
        if not self.misses and self.new.keys() == self.old.keys():
            return  # nothing changed: the index on disk is already this run's
        try:
            writer = AtomicWriter(self.path)
        except OSError:
            return  # a cache that cannot be written only makes the next run slower
        try:
            # dumps, not dump: the C encoder, several times faster
            writer.write(json.dumps({"entries": self.new}, ensure_ascii=False, separators=(",", ":")))
            writer.commit()
        except OSError:
            writer.abort()


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
        list(meta.get("authors_checked", [])), meta.get("language"), meta.get("language_source"),
    )
