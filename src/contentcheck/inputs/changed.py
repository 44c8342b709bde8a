"""``--changed-since REV``: the files git reports as added, modified or renamed since REV."""

from __future__ import annotations

import os
import subprocess


class ChangedError(Exception):
    pass


def changed_files(rev: str) -> set[str]:
    """Real paths of files changed since ``rev`` (committed, staged or not), plus untracked files."""
    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise ChangedError("--changed-since needs git, which is not installed") from None
        if out.returncode != 0:
            raise ChangedError(f"git {' '.join(args)}: {out.stderr.strip() or 'failed'}")
        return out.stdout

    top = git("rev-parse", "--show-toplevel").strip()
    names = git("diff", "--name-only", "--diff-filter=AMR", "-z", rev, "--").split("\0")
    names += git("-C", top, "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    return {os.path.realpath(os.path.join(top, n)) for n in names if n}
