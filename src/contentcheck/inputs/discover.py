"""Which files a run checks: given files as they are, folders walked."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass

from ..loaders import FORMAT_BY_SUFFIX

DEFAULT_EXTENSIONS = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt", ".warc", ".warc.gz")
# Folders of other people's files, never articles.
VENDORED = frozenset({"node_modules", "vendor", "bower_components", "__pycache__", "site-packages",
                      "venv", "third_party", "jspm_packages"})


# Project files that sit beside articles but are not articles; skipped in
# folder walks (a file named on the command line is always checked).
PROJECT_FILES = ("readme", "changelog", "license", "licence", "contributing", "code_of_conduct",
                 "security", "authors", "notice", "history")


def _project_file(name: str) -> bool:
    stem = name.lower().rsplit(".", 1)[0]
    return stem in PROJECT_FILES


@dataclass(frozen=True, slots=True)
class Input:
    path: str          # what to open
    display: str       # what the report calls it
    format: str | None  # None: decide from the suffix or the content
    error: str | None = None
    data: bytes | None = None  # the content, when it does not come from `path` (WARC records)


def readable_name(name: str) -> str:
    """A file name as reports show it: bytes that are not UTF-8 (kept by Python as lone
    surrogates, which no report could encode) written as ``\\xNN``."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def display_path(path: str) -> str:
    """Relative to the working directory when under it, with forward slashes."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = path
    if rel.startswith(".." + os.sep) or rel == "..":
        rel = path
    return readable_name(rel.replace(os.sep, "/"))


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(os.path.basename(rel), p)
               or rel.startswith(p.rstrip("/") + "/") for p in patterns)


def iter_inputs(paths: list[str], *, extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
                exclude: tuple[str, ...] = (), follow_symlinks: bool = False):
    """Yield an Input for every file to check, in a stable order.

    Paths that do not exist or cannot be walked are yielded with an error, so
    the report names every input it was given.
    """
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            yield Input(given, display_path(given), None, "no such file or folder")
            continue
        if not os.path.isdir(given):
            real = os.path.realpath(given)
            if real not in seen:
                seen.add(real)
                fmt = FORMAT_BY_SUFFIX.get(os.path.splitext(given)[1].lower())
                yield Input(given, display_path(given), fmt)
            continue
        yield from _walk(given, extensions, exclude, follow_symlinks, seen)


def _walk(root: str, extensions, exclude, follow_symlinks, seen):
    visited_dirs: set[str] = set()
    errors: list[OSError] = []

    def onerror(exc: OSError) -> None:
        errors.append(exc)

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=follow_symlinks):
        real_dir = os.path.realpath(dirpath)
        if real_dir in visited_dirs:  # a symlink loop
            dirnames[:] = []
            continue
        visited_dirs.add(real_dir)
        for exc in errors:
            yield Input(exc.filename or dirpath, display_path(exc.filename or dirpath), None,
                        f"cannot read folder: {exc.strerror or exc}")
        errors.clear()
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and d not in VENDORED
                             and not (exclude and _excluded(display_path(os.path.join(dirpath, d)), exclude)))
        # Paths are worked out once per folder, not once per file.
        shown_dir = display_path(dirpath)
        shown_prefix = "" if shown_dir == "." else shown_dir.rstrip("/") + "/"
        real_root = os.path.realpath(root)
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(extensions) or _project_file(name):
                continue
            full = os.path.join(dirpath, name)
            shown = shown_prefix + readable_name(name)
            if exclude and _excluded(shown, exclude):
                continue
            if os.path.islink(full):
                real = os.path.realpath(full)
                if not follow_symlinks and not real.startswith(real_root + os.sep):
                    continue  # a link out of the folder being checked
            else:
                real = os.path.join(real_dir, name)
            if real in seen:
                continue
            seen.add(real)
            yield Input(full, shown, FORMAT_BY_SUFFIX.get(os.path.splitext(name)[1].lower()))
    for exc in errors:
        yield Input(exc.filename or root, display_path(exc.filename or root), None,
                    f"cannot read folder: {exc.strerror or exc}")
