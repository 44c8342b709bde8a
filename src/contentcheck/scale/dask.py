"""Run contentcheck on a Dask cluster (``contentcheck[dask]``).

    contentcheck check crawl/ --engine dask --scheduler tcp://scheduler:8786

or, from Python, map the checker over a ``dask.bag`` of inputs:

    import dask.bag as db
    from contentcheck.scale.dask import check_bag
    from contentcheck.rulepack import PackSpec

    spec = PackSpec.from_paths(["house-rules.yaml"])
    results = check_bag(db.from_sequence(inputs, npartitions=64), spec).compute()

The rule pack travels as a ``PackSpec`` (the text of its rule files) and is
compiled once per worker process. Workers read the input files themselves,
so the paths must be readable on the workers (shared storage), as for any
Dask job.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..engine.check import check_input
from ..inputs.discover import Input
from ..inputs.warc import expand_archives
from ..loaders import DEFAULT_MAX_FILE_SIZE
from ..results import DocumentResult
from ..rulepack import PackSpec, RulePack

_PACKS: dict[int, RulePack] = {}
CONNECT_TIMEOUT = 30  # seconds to reach a scheduler before the run gives up


class SchedulerError(Exception):
    """The scheduler address is not one, or nothing answers there."""


def _worker_pack(spec: PackSpec) -> RulePack:
    key = hash(spec)
    pack = _PACKS.get(key)
    if pack is None:
        pack = _PACKS[key] = spec.build()
    return pack


def _check_partition(items: Iterable[Input], spec: PackSpec, max_size: int) -> list[DocumentResult]:
    pack = _worker_pack(spec)
    return [check_input(item, pack, max_size) for item in expand_archives(items, max_size)]


def check_bag(bag, spec: PackSpec, max_size: int = DEFAULT_MAX_FILE_SIZE):
    """A dask.bag of DocumentResult, one per input (WARC files expand to their records)."""
    return bag.map_partitions(_check_partition, spec, max_size)


def check_inputs(items: list[Input], spec: PackSpec, *, scheduler: str | None = None,
                 max_size: int = DEFAULT_MAX_FILE_SIZE, partition_size: int = 64) -> Iterator[DocumentResult]:
    """Check inputs on a cluster; results come back in input order. The scheduler is reached
    before this returns: SchedulerError when it cannot be."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--engine dask needs Dask: pip install 'contentcheck[dask]'") from None
    if not items:
        return iter(())
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError, TypeError) as exc:
            raise SchedulerError(f"--scheduler {scheduler}: {exc}") from None
    else:
        cluster = LocalCluster(processes=True, dashboard_address=None)
        client = Client(cluster)
    return _results(db, client, cluster, items, spec, max_size, partition_size)


def _results(db, client, cluster, items, spec, max_size, partition_size) -> Iterator[DocumentResult]:
    try:
        npartitions = max(1, (len(items) + partition_size - 1) // partition_size)
        bag = db.from_sequence(items, npartitions=npartitions)
        futures = client.compute(check_bag(bag, spec, max_size).to_delayed())
        for future in futures:  # in partition order, each partition in input order
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
