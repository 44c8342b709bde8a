"""``--changed-since REV``: the files git reports as added, modified or renamed since REV."""

from __future__ import annotations

import os
import subprocess


class ChangedError(Exception):
    pass


def changed_files(rev: str) -> set[str]:
    """Real paths of files changed since ``rev`` (committed, staged or not), plus untracked files.

    ``rev`` goes after ``--end-of-options``: a value such as ``--output=FILE`` is a revision git
    cannot find, never an option. Names are read as bytes (``-z``), so a name that is not UTF-8
    is a name like any other.
    """
    def git(*args: str) -> bytes:
        try:
            out = subprocess.run(["git", *args], capture_output=True, check=False)
        except FileNotFoundError:
            raise ChangedError("--changed-since needs git, which is not installed") from None
        if out.returncode != 0:
            message = out.stderr.decode("utf-8", "replace").strip() or "failed"
            raise ChangedError(f"--changed-since {rev}: git {args[0]}: {message}")
        return out.stdout

    top = os.fsdecode(git("rev-parse", "--show-toplevel").strip())
    names = git("diff", "--name-only", "--diff-filter=AMR", "-z", "--end-of-options", rev, "--").split(b"\0")
    names += git("-C", top, "ls-files", "--others", "--exclude-standard", "-z").split(b"\0")
    return {os.path.realpath(os.path.join(top, os.fsdecode(n))) for n in names if n}
