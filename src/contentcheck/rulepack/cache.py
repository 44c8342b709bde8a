"""The validated rules of a pack, kept between runs: parsing the default pack's YAML (some 250
rules in sixteen languages) costs about a second of CPU, reading them back 0.06 s.

An entry is keyed on everything the rules are made from: the text and path of each rule file,
the selections (``PackSpec.digest``), and the size and modification time of every module of
contentcheck (a changed validator or ``prepare`` makes new rules from the same files). Only a
pack that parsed without error is kept, so every rule-file problem is still reported, located,
on every run.

The folder is ``$CONTENTCHECK_CACHE_DIR`` when set (set it empty to keep nothing), else the
user's cache folder. A folder that cannot be made or written, or an entry that cannot be read,
is never an error: the run parses the rule files as it would without a cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from .._version import __version__
from .rule import Rule

ENV_VAR = "CONTENTCHECK_CACHE_DIR"
PREFIX = "rulepack-"
SUFFIX = ".pickle"
KEEP = 16  # entries kept, the most recently used: a few checkouts and option sets


def cache_dir() -> Path | None:
    """Where entries are kept, or None when caching is off."""
    chosen = os.environ.get(ENV_VAR)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "contentcheck" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "contentcheck"
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "contentcheck"


def _code_stamp() -> list[tuple[str, int, int]]:
    """(module, modification time, size) of every module of contentcheck: about 100 stat calls."""
    root = Path(__file__).resolve().parent.parent
    stamps = []
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                info = os.stat(path)
                stamps.append((os.path.relpath(path, root), info.st_mtime_ns, info.st_size))
    return stamps


def entry_key(spec) -> str:
    h = hashlib.sha256()
    h.update(repr((__version__, sys.version_info[:2], spec.digest,
                   [(path, is_default) for path, _text, is_default in spec.sources],
                   spec.missing, _code_stamp())).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def _entry_path(folder: Path, key: str) -> Path:
    return folder / f"{PREFIX}{key}{SUFFIX}"


def _trusted(path: Path) -> bool:
    """An entry is unpickled only when it is the user's own and nobody else could have written it."""
    try:
        info = path.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & 0o022


def load(spec) -> list[Rule] | None:
    """The rules cached for ``spec``, or None (no entry, caching off, or an entry that cannot be used)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        path = _entry_path(folder, entry_key(spec))
        if not _trusted(path) or not _trusted(folder):
            return None
        with open(path, "rb") as fh:
            rules = pickle.load(fh)
        if not isinstance(rules, list) or not all(isinstance(r, Rule) for r in rules):
            return None
        os.utime(path)  # most recently used: kept when older entries are dropped
        return rules
    except Exception:  # a damaged, truncated or foreign entry: parse the rule files instead
        return None


def store(spec, rules: list[Rule]) -> None:
    """Keep ``rules`` for ``spec`` if the cache folder can be written; never fails."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(folder):
            return  # its entries would never be read
        data = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, _entry_path(folder, entry_key(spec)))  # readers see the whole entry or none
        except BaseException:
            os.unlink(tmp)
            raise
        _drop_old(folder)
    except Exception:  # unwritable, full, or rules that cannot be pickled: run without a cache
        return


def _drop_old(folder: Path) -> None:
    entries = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _mtime, path in entries[KEEP:]:
        try:
            path.unlink()
        except OSError:
            pass
