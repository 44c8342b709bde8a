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

from .inputs.discover import Input, iter_inputs
from .loaders import DEFAULT_MAX_FILE_SIZE, LoadError, load_document, parse_bytes, parse_text, sniff_format
from .results import DocumentResult
from .rulepack import RulePack

__all__ = ["RulePack", "check_text", "check_paths", "check_input", "iter_inputs"]


def check_text(text: str, pack: RulePack, *, fmt: str | None = None, name: str = "<text>") -> DocumentResult:
    from .engine.check import check_document

    doc = parse_text(name, text, fmt or sniff_format(text))
    return check_document(doc, pack)


def check_input(item: Input, pack: RulePack, max_size: int = DEFAULT_MAX_FILE_SIZE) -> DocumentResult:
    """Check one input; every failure becomes a DocumentResult with an error."""
    from .engine.check import check_document  # not imported by a run the cache answers

    if item.error:
        return DocumentResult(item.display, item.format, None, error=item.error)
    try:
        if item.data is not None:
            doc = parse_bytes(item.display, item.data, item.format)
        else:
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


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def expand_archives(items: Iterable[Input], max_size: int = DEFAULT_MAX_FILE_SIZE) -> Iterator[Input]:
    """WARC files become one Input per HTML response record, read lazily."""
    from .inputs.warc import is_warc, iter_records

    for item in items:
        if item.error is None and item.data is None and is_warc(item.path):
            yield from iter_records(item, max_size)
        else:
            yield item


# Inputs are handed to the workers in batches: memory stays bounded on a
# crawl of millions of records, and results still come back in input order.
BATCH = 1024


def _batches(items: Iterable[Input]) -> Iterator[list[Input]]:
    batch: list[Input] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def check_paths(paths: list[str] | Iterable[Input], pack: RulePack, *, jobs: int | None = None,
                max_size: int = DEFAULT_MAX_FILE_SIZE, exclude: tuple[str, ...] = (),
                follow_symlinks: bool = False, cache=None) -> Iterator[DocumentResult]:
    """Check files, folders and WARC archives; results come in input order whatever ``jobs``.

    ``cache`` is an optional contentcheck.cache.ResultCache.
    """
    if isinstance(paths, list) and all(isinstance(p, str) for p in paths):
        items: Iterable[Input] = iter_inputs(paths, exclude=exclude, follow_symlinks=follow_symlinks)
    else:
        items = paths
    items = expand_archives(items, max_size)
    jobs = jobs or default_jobs()
    pool = None
    finished = False

    def early_start(items: Iterable[Input]) -> Iterator[Input]:
        # Without a cache every input is checked: the workers start at the
        # fourth input and build their automata while the walk goes on.
        nonlocal pool
        for n, item in enumerate(items):
            if n == 3 and pool is None:
                pool = _start_pool(pack, max_size, jobs)
            yield item

    if jobs > 1 and cache is None:
        items = early_start(items)
    try:
        for batch in _batches(items):
            tokens: list = [None] * len(batch)
            done: dict[int, DocumentResult] = {}
            if cache is not None:
                for i, item in enumerate(batch):
                    hit, tokens[i] = cache.lookup(item, max_size)
                    if hit is not None:
                        done[i] = hit
            todo = [i for i in range(len(batch)) if i not in done]
            if jobs > 1 and len(todo) >= 4 and pool is None:
                pool = _start_pool(pack, max_size, jobs)
            if pool is not None and len(todo) >= 4:
                computed = _parallel(pool, batch, todo, jobs)
            else:
                computed = ((i, check_input(batch[i], pack, max_size)) for i in todo)
            # Results may arrive out of order; they leave in input order.
            following = 0
            for index, result in computed:
                if cache is not None:
                    cache.store(batch[index].display, tokens[index], result)
                done[index] = result
                while following in done:
                    yield done.pop(following)
                    following += 1
            while following in done:
                yield done.pop(following)
                following += 1
        finished = True
    finally:
        if pool is not None:
            pool.close(wait=finished)


def _size(item: Input) -> int:
    if item.data is not None:
        return len(item.data)
    try:
        return os.path.getsize(item.path)
    except OSError:
        return 0


def _parallel(pool, batch: list[Input], todo: list[int], jobs: int):
    """(index, result) pairs, largest documents first, so that no worker is
    left with a big one while the other has finished."""
    order = sorted(todo, key=lambda i: _size(batch[i]), reverse=True)
    chunk = max(1, min(16, len(todo) // (jobs * 8)))
    return pool.map_unordered(batch, order, chunk)


def _start_pool(pack: RulePack, max_size: int, jobs: int):
    from .scale.workers import start_pool

    return start_pool(jobs, pack, max_size, check_input)
