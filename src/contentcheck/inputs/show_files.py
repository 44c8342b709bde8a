"""``check --show-files``: what a run would check, and why the rest is passed over."""

from __future__ import annotations

import os

from .discover import iter_inputs

# Passed over by design and in numbers (images, stylesheets, dot-files): counted, not listed.
_QUIET = ("hidden file", "not an article format")


def show_files(paths: list[str], *, exclude=(), follow_symlinks=False, base=None, ignore_files=True,
               force_exclude=False, changed=None) -> list[str]:
    """One line per file: ``check PATH (FORMAT)``, ``skip PATH  REASON`` or ``error PATH  MESSAGE``.
    ``changed`` is the set of real paths changed since --changed-since's revision, if given."""
    skipped: list[tuple[str, str]] = []
    quiet = 0

    def on_skip(shown: str, reason: str | None) -> None:
        nonlocal quiet
        if reason and reason.startswith(_QUIET):
            quiet += 1
        else:
            skipped.append((shown, reason or "skipped"))

    lines = []
    for item in iter_inputs([p for p in paths if p != "-"], exclude=tuple(exclude), follow_symlinks=follow_symlinks,
                            base=base, ignore_files=ignore_files, force_exclude=force_exclude, on_skip=on_skip):
        if item.error:
            lines.append(f"error  {item.display}  {item.error}")
        elif changed is not None and os.path.realpath(item.path) not in changed:
            lines.append(f"skip   {item.display}  not changed since the --changed-since revision")
        else:
            lines.append(f"check  {item.display}  ({item.format or 'text'})")
    if "-" in paths:
        lines.append("check  -  (standard input)")
    lines += [f"skip   {shown}  {reason}" for shown, reason in skipped]
    counts = {kind: sum(line.startswith(kind) for line in lines) for kind in ("check", "skip", "error")}
    lines.append(f"{counts['check']} file{'s' if counts['check'] != 1 else ''} to check, {counts['skip']} skipped"
                 + (f", {counts['error']} not found or unreadable" if counts["error"] else "")
                 + (f"; {quiet} other files are hidden or not articles" if quiet else ""))
    return lines
