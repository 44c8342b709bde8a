"""The local backend: inputs checked on this machine, in this process or in forked workers, with
the result cache; results leave in input order."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Iterator

from ..inputs.discover import Input
from ..inputs.warc import expand_archives, is_warc
from ..loaders import DEFAULT_MAX_FILE_SIZE
from ..results import DocumentResult

if TYPE_CHECKING:
    from ..rulepack import RulePack
    from .cache import ResultCache


def check_input(item: Input, pack: RulePack, max_size: int = DEFAULT_MAX_FILE_SIZE) -> DocumentResult:
    """engine.check.check_input, imported on first use: a run the cache answers never loads the engine."""
    from ..engine.check import check_input as check

    return check(item, pack, max_size)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


# Checking is CPU-bound: more workers than this only cost memory and start-up time.
JOBS_PER_CORE = 2


def worker_count(jobs: int | None, items) -> int:
    """``--jobs`` within its ceiling: twice the cores, and no more than the inputs when they are
    known (an archive's records are not, so a run with one is capped by the cores alone)."""
    jobs = min(jobs or default_jobs(), JOBS_PER_CORE * default_jobs())
    if isinstance(items, (list, tuple)) and not any(item.data is None and is_warc(item.path) for item in items):
        jobs = min(jobs, max(1, len(items)))
    return jobs


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


def check_inputs(items: Iterable[Input], pack: RulePack, *, jobs: int | None = None,
                 max_size: int = DEFAULT_MAX_FILE_SIZE, cache: ResultCache | None = None) -> Iterator[DocumentResult]:
    """Check inputs (WARC files expand to their records); results come in input order whatever ``jobs``."""
    jobs = worker_count(jobs, items)
    items = expand_archives(items, max_size)
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
    from .workers import start_pool  # a run on one core never forks

    return start_pool(jobs, pack, max_size, check_input)
