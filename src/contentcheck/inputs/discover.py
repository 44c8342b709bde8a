"""Which files a run checks: given files as they are, folders walked."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..loaders import FORMAT_BY_SUFFIX
from .ignore import Skipper

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
    language: str | None = None  # what the server said (HTTP Content-Language of a WARC record)
    site: str | None = None  # the host of a WARC record's target URI
    folder_site: str | None = None  # the first folder below the folder given on the command line
    site_from: str = "auto"  # --site-from (inputs/sites.py)
    collect_blocks: bool = False  # --sites: keep the keys of the main content's blocks (engine/repeated.py)


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


def display_path(path: str, base: str | None = None) -> str:
    """Relative to ``base`` (the project's root: the configuration's folder) when under it, else to
    the working directory when under it, else as given; with forward slashes.

    Relative to the project's root, a report names a file the same way from any working directory,
    so its fingerprints, per-path rules, waivers and baseline entries match from a subfolder too.
    """
    for start in ((base, None) if base else (None,)):
        try:
            rel = os.path.relpath(path, start)
        except ValueError:
            continue
        if not (rel.startswith(".." + os.sep) or rel == ".."):
            return readable_name(rel.replace(os.sep, "/"))
    return readable_name(path.replace(os.sep, "/"))


def iter_inputs(paths: list[str], *, extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
                exclude: tuple[str, ...] = (), follow_symlinks: bool = False, base: str | None = None,
                ignore_files: bool = True, force_exclude: bool = False, on_skip=None):
    """Yield an Input for every file to check, in a stable order.

    Paths that do not exist or cannot be walked are yielded with an error, so
    the report names every input it was given. Reports name files relative to ``base`` (see
    ``display_path``). Folder walks skip what ``exclude`` globs and ignore files (unless
    ``ignore_files`` is false) name; files and folders named in ``paths`` are skipped by them only
    with ``force_exclude``, so a pre-commit hook that names files checks what a walk would.
    ``on_skip(shown, reason)``, when given, hears of every file and folder passed over, and why.
    """
    skip = on_skip or (lambda shown, reason: None)
    seen: set[str] = set()
    skipper = Skipper(tuple(exclude), ignore_files)
    for given in paths:
        if not os.path.lexists(given):
            yield Input(given, display_path(given, base), None, "no such file or folder")
            continue
        is_dir = os.path.isdir(given)
        if force_exclude and skipper.skipped(given, display_path(given, base), is_dir):
            skip(display_path(given, base), skipper.why(given, display_path(given, base), is_dir))
            continue
        if not is_dir:
            real = os.path.realpath(given)
            if real not in seen:
                seen.add(real)
                fmt = FORMAT_BY_SUFFIX.get(os.path.splitext(given)[1].lower())
                yield Input(given, display_path(given, base), fmt)
            else:
                skip(display_path(given, base), "named twice")
            continue
        yield from _walk(given, extensions, skipper, follow_symlinks, seen, base, skip)


def _walk(root: str, extensions, skipper: Skipper, follow_symlinks, seen, base, skip):
    from .sites import folder_site

    shown_root = display_path(root, base)
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
            yield Input(exc.filename or dirpath, display_path(exc.filename or dirpath, base), None,
                        f"cannot read folder: {exc.strerror or exc}")
        errors.clear()
        shown_dir = display_path(dirpath, base)
        shown_prefix = "" if shown_dir == "." else shown_dir.rstrip("/") + "/"
        skipper.enter(dirpath, filenames)
        kept = []
        for d in sorted(dirnames):
            reason = ("hidden folder" if d.startswith(".") else "vendored folder" if d in VENDORED
                      else skipper.why(os.path.join(dirpath, d), shown_prefix + d, is_dir=True))
            if reason:
                skip(shown_prefix + readable_name(d) + "/", reason)
            else:
                kept.append(d)
        dirnames[:] = kept
        real_root = os.path.realpath(root)
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            shown = shown_prefix + readable_name(name)
            reason = ("hidden file" if name.startswith(".")
                      else "not an article format (.html, .md, .txt, .warc...)" if not name.lower().endswith(extensions)
                      else "a project file, not an article" if _project_file(name)
                      else skipper.why(full, shown))
            if reason:
                skip(shown, reason)
                continue
            if os.path.islink(full):
                real = os.path.realpath(full)
                if not follow_symlinks and not real.startswith(real_root + os.sep):
                    skip(shown, "a link out of the folder (--follow-symlinks follows it)")
                    continue
            else:
                real = os.path.join(real_dir, name)
            if real in seen:
                skip(shown, "already listed under another name")
                continue
            seen.add(real)
            yield Input(full, shown, FORMAT_BY_SUFFIX.get(os.path.splitext(name)[1].lower()),
                        folder_site=folder_site(shown_root, shown))
    for exc in errors:
        yield Input(exc.filename or root, display_path(exc.filename or root, base), None,
                    f"cannot read folder: {exc.strerror or exc}")
