"""``check --sites``: the second pass over a run's results, wherever they were checked.

Results arrive from this process, forked workers, the cache or Dask, each with its site and the
keys of its blocks. While they arrive, their keys are counted per site (engine/repeated.py) and
the results themselves go to a temporary file, so memory holds counts, not documents; then they
are read back in input order, the repeated blocks become findings, and they leave for the
reports. Every backend feeds the same counts the same results: the report is the same.
"""

from __future__ import annotations

import pickle
import tempfile
from typing import Iterable, Iterator

from ..engine.repeated import BlockCounts, decide
from ..results import DocumentResult


def second_pass(results: Iterable[DocumentResult], pack) -> Iterator[DocumentResult]:
    counts = BlockCounts()
    with tempfile.TemporaryFile(prefix="contentcheck-sites-") as spill:
        n = 0
        for result in results:
            counts.add(result)
            pickle.dump(result, spill, protocol=pickle.HIGHEST_PROTOCOL)
            n += 1
        spill.seek(0)
        for _ in range(n):
            yield decide(pickle.load(spill), counts, pack)
