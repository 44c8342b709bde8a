"""``--cache DIR``: results keyed by the file's absolute path, its content and the rule pack.

One SQLite database in DIR (``contentcheck-cache.sqlite``) holds a row per (rule pack, file):
the size, modification time and content digest the file was checked as, and its result. A file
whose size and modification time are unchanged is not even read (like git's index); otherwise
its content digest decides, and a file that was only touched gets its new stamp, so the next run
does not hash it again. A run over an unchanged tree neither parses the rule pack nor any
document.

Why a database and not one JSON index: a run writes only the rows it checked (a one-file run
keeps every other entry), concurrent runs take SQLite's lock instead of replacing each other's
index, a run holds only the rows it looks up (not the whole index) in memory, and rows of rule
packs and files not used for 30 days are dropped, so option changes do not pile up files.

A result that a rule could not finish (a pattern stopped by its time limit, perhaps only because
the machine was busy) and a file that could not be read are never stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import time

from .._version import __version__
from ..results import DocumentResult, Finding

DB_NAME = "contentcheck-cache.sqlite"
KEEP_SECONDS = 30 * 24 * 3600  # rows not used for this long are dropped
KEEP_PACKS = 8  # rule packs (option sets) kept at most, the most recently used
FLUSH_EVERY = 512  # results written per transaction: memory stays bounded on a crawl
_SCHEMA = """CREATE TABLE IF NOT EXISTS results (
    pack TEXT NOT NULL, key TEXT NOT NULL, size INTEGER, mtime INTEGER, digest TEXT NOT NULL,
    result TEXT NOT NULL, used INTEGER NOT NULL, PRIMARY KEY (pack, key)) WITHOUT ROWID"""


def _pack_key(pack_digest: str) -> str:
    return f"{__version__}-{pack_digest}"


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30, isolation_level=None)  # concurrent runs wait for the lock
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(_SCHEMA)
    return db


class ResultCache:
    def __init__(self, folder: str, pack_digest: str):
        self.folder = folder
        self.path = os.path.join(folder, DB_NAME)
        self.pack = _pack_key(pack_digest)
        self.pending: list[tuple] = []
        self.touched: list[tuple] = []  # (size, mtime, used, key): new stamps, or rows used again
        self.hits = self.misses = 0
        self.now = int(time.time())
        self.warning: str | None = None
        self.db: sqlite3.Connection | None = None
        try:
            os.makedirs(folder, exist_ok=True)
            self.db = _connect(self.path)
        except sqlite3.OperationalError as exc:  # locked for too long, read-only, disk full...
            self.warning = f"cache {folder} cannot be used ({exc}); checking without it"
        except sqlite3.DatabaseError:  # not a database (damaged, or another program's file)
            self._start_afresh()
        except OSError as exc:
            self.warning = f"cache {folder} cannot be used ({exc}); checking without it"
        _remove_old_indexes(folder)

    def _start_afresh(self) -> None:
        try:
            os.replace(self.path, self.path + ".damaged")
            self.db = _connect(self.path)
            self.warning = f"cache {self.path} was damaged; it was moved to {DB_NAME}.damaged and rebuilt"
        except (OSError, sqlite3.Error) as exc:
            self.warning = f"cache {self.path} is damaged and cannot be rebuilt ({exc}); checking without it"

    @staticmethod
    def exists(folder: str, pack_digest: str) -> bool:
        """Does the cache hold results made with this rule pack (so its rule files were valid)?"""
        path = os.path.join(folder, DB_NAME)
        if not os.path.isfile(path):
            return False
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            try:
                row = db.execute("SELECT 1 FROM results WHERE pack = ? LIMIT 1", (_pack_key(pack_digest),))
                return row.fetchone() is not None
            finally:
                db.close()
        except sqlite3.Error:
            return False

    def _row(self, key: str):
        try:
            return self.db.execute("SELECT size, mtime, digest, result, used FROM results "
                                   "WHERE pack = ? AND key = ?", (self.pack, key)).fetchone()
        except sqlite3.Error:
            return None

    def lookup(self, item, max_size: int):
        """(cached result or None, token for ``store``)."""
        if item.error or self.db is None:
            return None, None
        # The absolute path and the name in the report: the same file name in another folder, or
        # the same file named from another working directory, is another entry.
        # A result also depends on how its site was found and on whether it kept its blocks' keys.
        key = (f"{int(item.collect_blocks)}\0{item.site_from}\0{item.folder_site}\0{item.site}\0"
               f"{os.path.abspath(item.path)}\0{item.display}")
        row = self._row(key)
        if item.data is not None:
            stamp, data = (None, None), item.data
        else:
            try:
                info = os.stat(item.path)
            except OSError:
                return None, None
            if not stat.S_ISREG(info.st_mode) or (max_size and info.st_size > max_size):
                return None, None
            stamp = (info.st_size, info.st_mtime_ns)
            if row is not None and (row[0], row[1]) == stamp:
                return self._hit(key, row, stamp), None
            try:
                with open(item.path, "rb") as fh:
                    data = fh.read(max_size + 1) if max_size else fh.read()
            except OSError:
                return None, None
        digest = hashlib.blake2b(data, digest_size=20).hexdigest()
        if row is not None and row[2] == digest:
            return self._hit(key, row, stamp, restamp=True), None
        self.misses += 1
        return None, (key, stamp, digest)

    def _hit(self, key: str, row, stamp, restamp: bool = False) -> DocumentResult | None:
        try:
            result = from_dict(json.loads(row[3]))
        except (KeyError, TypeError, ValueError, RecursionError):
            self.misses += 1
            return None
        if restamp or self.now - row[4] > 86400:  # a touched file, or a row used again today
            self.touched.append((stamp[0], stamp[1], self.now, self.pack, key))
        self.hits += 1
        return result

    def store(self, display: str, token, result: DocumentResult) -> None:
        if token is None or result.score is None or result.incomplete or self.db is None:
            return  # errors and unfinished checks are worth checking again, not remembering
        key, stamp, digest = token
        text = json.dumps(to_dict(result, blocks=key.startswith("1\x00")), ensure_ascii=False, separators=(",", ":"))
        self.pending.append((self.pack, key, stamp[0], stamp[1], digest, text, self.now))
        if len(self.pending) >= FLUSH_EVERY:
            self._flush()

    def _flush(self) -> None:
        pending, touched = self.pending, self.touched
        self.pending, self.touched = [], []
        if self.db is None or not (pending or touched):
            return
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)", pending)
                self.db.executemany("UPDATE results SET size = ?, mtime = ?, used = ? WHERE pack = ? AND key = ?",
                                    touched)
        except sqlite3.Error as exc:  # a cache that cannot be written only makes the next run slower
            self.warning = f"cache {self.path} not updated ({exc})"

    def save(self) -> None:
        wrote = bool(self.pending or self.touched)
        self._flush()
        if self.db is None:
            return
        try:
            if wrote:
                with self.db:
                    self.db.execute("BEGIN IMMEDIATE")
                    self.db.execute("DELETE FROM results WHERE used < ?", (self.now - KEEP_SECONDS,))
                    self.db.execute("DELETE FROM results WHERE pack IN (SELECT pack FROM results GROUP BY pack "
                                    "ORDER BY MAX(used) DESC LIMIT -1 OFFSET ?)", (KEEP_PACKS,))
        except sqlite3.Error as exc:
            self.warning = f"cache {self.path} not updated ({exc})"
        finally:
            self.db.close()
            self.db = None


def _remove_old_indexes(folder: str) -> None:
    """JSON indexes of earlier versions (one per rule pack, never removed by them)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith("contentcheck-") and name.endswith(".json"):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def _finding_dict(f: Finding) -> dict:
    out = f.to_dict()
    out["offset"] = f.offset
    return out


def to_dict(result: DocumentResult, blocks: bool = False) -> dict:
    data = result.to_dict()
    data["findings"] = [_finding_dict(f) for f in result.findings]
    if blocks:  # the blocks' keys stay with a cached document (see engine/repeated.py)
        data["pending"] = [[key, shape, f and _finding_dict(f)] for key, shape, f in result.pending]
    return data


def from_dict(data: dict) -> DocumentResult:
    meta = data["metadata"]
    return DocumentResult(
        data["path"], data["format"], data["score"],
        [Finding(**f) for f in data["findings"]], data["error"],
        meta.get("title"), meta.get("author"), meta.get("author_source"),
        list(meta.get("authors_checked", [])), meta.get("language"), meta.get("language_source"),
        site=data.get("site"),
        pending=[(key, shape, f and Finding(**f)) for key, shape, f in data.get("pending", ())],
    )
