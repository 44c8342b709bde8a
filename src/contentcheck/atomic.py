"""Files written whole or not at all: reports, baselines, the cache index, a starter configuration."""

from __future__ import annotations

import os
import tempfile


class AtomicWriter:
    """Write a report next to its target, then rename: a run that stops
    halfway never leaves a truncated report over a good one."""

    def __init__(self, path: str):
        self.path = path
        folder = os.path.dirname(os.path.abspath(path)) or "."
        try:
            os.makedirs(folder, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(prefix=".contentcheck-", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, path) from None
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> int:
        return self.fh.write(text)

    def commit(self) -> None:
        self.fh.close()
        # mkstemp makes the file private; give it the mode a plain open() would,
        # or keep the mode of the report it replaces.
        try:
            mode = os.stat(self.path).st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
