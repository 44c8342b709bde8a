"""The library API: load a rule pack once, check text or paths, get results.

    from contentcheck import RulePack, check_text, check_paths
    pack = RulePack.load()
    result = check_text("As an AI language model, ...", pack, fmt="text")
    for doc in check_paths(["articles/"], pack, jobs=2):
        print(doc.path, doc.score, len(doc.findings))
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from .discover import Input, iter_inputs
from .engine import check_document
from .loaders import DEFAULT_MAX_FILE_SIZE, LoadError, load_document, parse_text, sniff_format
from .results import DocumentResult
from .rulepack import RulePack

__all__ = ["RulePack", "check_text", "check_paths", "check_input", "iter_inputs"]


def check_text(text: str, pack: RulePack, *, fmt: str | None = None, name: str = "<text>") -> DocumentResult:
    doc = parse_text(name, text, fmt or sniff_format(text))
    return check_document(doc, pack)


def check_input(item: Input, pack: RulePack, max_size: int = DEFAULT_MAX_FILE_SIZE) -> DocumentResult:
    """Check one input; every failure becomes a DocumentResult with an error."""
    if item.error:
        return DocumentResult(item.display, item.format, None, error=item.error)
    try:
        doc = load_document(item.path, item.format, display_path=item.display, max_size=max_size)
        return check_document(doc, pack)
    except LoadError as exc:
        return DocumentResult(item.display, item.format, None, error=str(exc))
    except RecursionError:
        return DocumentResult(item.display, item.format, None, error="document nested too deeply to check")
    except MemoryError:
        return DocumentResult(item.display, item.format, None, error="out of memory while checking")
    except Exception as exc:  # one broken file must never lose the others' report
        return DocumentResult(item.display, item.format, None,
                              error=f"internal error while checking ({type(exc).__name__}: {exc}); "
                                    "please report it with this file")


# Set in the parent before the pool forks, so workers share the compiled pack
# instead of compiling or unpickling it again.
_WORKER_PACK: RulePack | None = None
_WORKER_MAX = DEFAULT_MAX_FILE_SIZE


def _work(item: Input) -> DocumentResult:
    return check_input(item, _WORKER_PACK, _WORKER_MAX)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def check_paths(paths: list[str] | Iterable[Input], pack: RulePack, *, jobs: int | None = None,
                max_size: int = DEFAULT_MAX_FILE_SIZE, exclude: tuple[str, ...] = (),
                follow_symlinks: bool = False) -> Iterator[DocumentResult]:
    """Check files and folders; results come in input order whatever ``jobs``."""
    if isinstance(paths, list) and all(isinstance(p, str) for p in paths):
        items: Iterable[Input] = iter_inputs(paths, exclude=exclude, follow_symlinks=follow_symlinks)
    else:
        items = paths
    jobs = jobs or default_jobs()
    items = list(items)
    if jobs <= 1 or len(items) < 4:
        for item in items:
            yield check_input(item, pack, max_size)
        return
    import multiprocessing as mp

    global _WORKER_PACK, _WORKER_MAX
    _WORKER_PACK, _WORKER_MAX = pack, max_size
    try:
        ctx = mp.get_context("fork")
    except ValueError:  # no fork on this platform: workers get the pack by pickling
        ctx = mp.get_context()
    chunk = max(1, min(16, len(items) // (jobs * 8) or 1))
    with ctx.Pool(min(jobs, len(items))) as pool:
        yield from pool.imap(_work, items, chunksize=chunk)
