"""Files written whole or not at all (reports, baselines, a starter configuration), and the
files contentcheck reads besides articles (configuration, rules, waivers, baselines) read within
a size limit and only when they are regular files: ``--baseline /dev/zero`` is an error, not a
read that never ends."""

from __future__ import annotations

import os
import stat
import tempfile


class WriteError(OSError):
    """An output that could not be written; the message names what and where."""

    def __init__(self, what: str, path: str, exc: BaseException):
        errno = getattr(exc, "errno", None)
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        super().__init__(errno, reason, path)
        self.what = what

    def __str__(self) -> str:
        return f"cannot write the {self.what} {self.filename}: {self.strerror}"


# Limits on what one such file may hold; far above any real one, far below the machine's memory.
MB = 1024 * 1024
READ_LIMITS = {"configuration": 16 * MB, "rule file": 64 * MB, "waivers": 64 * MB, "baseline": 512 * MB}


class ReadError(OSError):
    """A file contentcheck needs that it cannot read; the message says which and why."""

    def __str__(self) -> str:
        return f"cannot read {self.filename}: {self.strerror}"


def read_text_file(path: str, what: str) -> str:
    """The UTF-8 text of a regular file no larger than ``READ_LIMITS[what]``; ReadError otherwise."""
    limit = READ_LIMITS[what]
    try:
        # Non-blocking open: a FIFO must not stall the run before it is seen not to be a file.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
                raise ReadError(None, kind, path)
            os.set_blocking(fd, True)
            data = fh.read(limit + 1)
    except ReadError:
        raise
    except OSError as exc:
        if isinstance(exc, IsADirectoryError):
            raise ReadError(exc.errno, "a folder", path) from None
        raise ReadError(exc.errno, exc.strerror or str(exc), path) from None
    if len(data) > limit:
        raise ReadError(None, f"larger than {limit // MB} MB, the limit for a {what} file", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(None, f"not UTF-8 text (line {line}, byte {exc.start})", path) from None


def _special(path: str) -> bool:
    """A target that is not a regular file: a device (/dev/null, /dev/stdout), a FIFO, a
    socket or a pipe named by /dev/fd/N (bash's ``>(cmd)``). Those are written through."""
    try:
        mode = os.stat(path).st_mode  # follows symbolic links
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


class AtomicWriter:
    """Write a regular file next to its target, then rename: a run that stops halfway never
    leaves a truncated report over a good one, nor a temporary file behind.

    A symbolic link is written through (its target is replaced, the link stays); a device, a
    FIFO or ``/dev/fd/N`` is opened and written as it is, never replaced.
    """

    def __init__(self, path: str, what: str = "report"):
        self.path, self.what = path, what
        self.tmp: str | None = None
        self.target = path
        try:
            if _special(path):
                self.fh = open(path, "w", encoding="utf-8", newline="\n")
                return
            # Through a symbolic link: the file it names is the one to replace.
            self.target = os.path.realpath(path) if os.path.islink(path) else path
            folder = os.path.dirname(os.path.abspath(self.target)) or "."
            os.makedirs(folder, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(prefix=".contentcheck-", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise WriteError(what, path, exc) from None
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> int:
        try:
            return self.fh.write(text)
        except OSError as exc:
            raise WriteError(self.what, self.path, exc) from None

    def commit(self) -> None:
        try:
            self.fh.close()
            if self.tmp is None:
                return
            # mkstemp makes the file private; give it the mode a plain open() would,
            # or keep the mode of the file it replaces.
            try:
                mode = os.stat(self.target).st_mode & 0o7777
            except OSError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(self.tmp, mode)
            os.replace(self.tmp, self.target)
            self.tmp = None
        except OSError as exc:
            self.abort()
            raise WriteError(self.what, self.path, exc) from None

    def abort(self) -> None:
        try:
            self.fh.close()
        except (OSError, ValueError):
            pass  # the disk is still full: the buffered rest is lost with the file
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None
