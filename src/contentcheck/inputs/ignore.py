"""Which paths are skipped: ``--exclude`` globs and ignore files, both with gitignore's rules.

pathspec implements git's own matching (``*`` stays within a folder, ``**`` crosses folders, a
pattern without a slash matches at any depth, ``dir/`` matches folders only, ``!`` re-includes),
so ``drafts/`` or ``**/drafts/**`` skip a top-level ``drafts/`` too and ``content/*.md`` does not
reach ``content/sub/deep.md``. It is imported only when there is something to match.
"""

from __future__ import annotations

import os

# Read in every folder a walk enters and in the folders above it up to the repository's root,
# as git reads .gitignore; .ignore is ripgrep's and fd's, .contentcheckignore contentcheck's own.
IGNORE_FILES = (".gitignore", ".ignore", ".contentcheckignore")


def _spec(lines):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read(1_000_000).splitlines()
    except OSError:
        return []  # unreadable: as if absent, like git


class Skipper:
    """Decides, for a walk, which files and folders are excluded or ignored.

    ``exclude`` globs are matched against the path the report shows (relative to the project's
    root); each ignore file's patterns against the path relative to its own folder, the deepest
    file that has a say deciding.
    """

    def __init__(self, exclude: tuple[str, ...] = (), ignore_files: bool = True):
        self.exclude = _spec(exclude) if exclude else None
        self.ignore_files = ignore_files
        self._folders: dict[str, object] = {}  # absolute folder -> its ignore files' spec, or None
        self._chains: dict[str, list] = {}  # absolute folder -> [(folder + "/", spec)], deepest first

    def excluded(self, shown: str, is_dir: bool = False) -> bool:
        if self.exclude is None:
            return False
        shown = shown.lstrip("/")
        return self.exclude.match_file(shown + "/" if is_dir else shown)

    def enter(self, folder: str, names: list[str]) -> None:
        """A walk entered ``folder``, whose files are ``names``: no need to look for ignore files there."""
        if self.ignore_files:
            self._folder_spec(os.path.abspath(folder), names)

    def ignored(self, path: str, is_dir: bool = False) -> bool:
        """Whether an ignore file says to skip ``path``."""
        if not self.ignore_files:
            return False
        path = os.path.abspath(path)
        for prefix, spec in self._chain(os.path.dirname(path)):
            rel = path[len(prefix):].replace(os.sep, "/")
            decided = spec.check_file(rel + "/" if is_dir else rel).include
            if decided is not None:
                return decided
        return False

    def skipped(self, path: str, shown: str, is_dir: bool = False) -> bool:
        return self.excluded(shown, is_dir) or self.ignored(path, is_dir)

    def why(self, path: str, shown: str, is_dir: bool = False) -> str | None:
        """Why ``path`` is skipped, in a user's words (``--show-files``), or None."""
        if self.excluded(shown, is_dir):
            return "matches an exclude pattern"
        if not self.ignore_files:
            return None
        path = os.path.abspath(path)
        for prefix, spec in self._chain(os.path.dirname(path)):
            rel = path[len(prefix):].replace(os.sep, "/")
            decided = spec.check_file(rel + "/" if is_dir else rel).include
            if decided is not None:
                if not decided:
                    return None
                folder = prefix.rstrip(os.sep)
                files = [n for n in IGNORE_FILES if os.path.isfile(os.path.join(folder, n))]
                return f"ignored by {' or '.join(files) or 'an ignore file'} in {folder}"
        return None

    def _chain(self, folder: str):
        chain = self._chains.get(folder)
        if chain is None:
            spec = self._folder_spec(folder, None)
            parent = os.path.dirname(folder)
            above = [] if parent == folder or os.path.lexists(os.path.join(folder, ".git")) \
                else self._chain(parent)
            chain = ([(folder.rstrip(os.sep) + os.sep, spec)] if spec is not None else []) + above
            self._chains[folder] = chain
        return chain

    def _folder_spec(self, folder: str, names: list[str] | None):
        if folder in self._folders:
            return self._folders[folder]
        present = [n for n in IGNORE_FILES if (n in names if names is not None
                                                 else os.path.isfile(os.path.join(folder, n)))]
        lines: list[str] = []
        for name in present:  # later files win, as their patterns come last
            lines += _read_lines(os.path.join(folder, name))
        spec = _spec(lines) if lines else None
        self._folders[folder] = spec
        return spec
