"""Worker processes for ``--jobs N``: forked, fed in chunks over pipes.

multiprocessing.Pool would do, but one of its helper threads wakes on every
result the workers send (about 0.1 s of CPU per 1,000 documents, taken from
the workers on a two-core machine).
Here the caller's thread alone sends chunks and reads results, and a worker
that dies (killed, out of memory, a crash in a C extension) costs only the
documents it was checking, not the run.
"""

from __future__ import annotations

import pickle
import signal
from collections import deque
from typing import Iterator

from .discover import Input
from .results import DocumentResult

# A second chunk is queued behind the one a worker is checking only when it
# is this small, so a send can never block while the worker sends results.
_SMALL_CHUNK = 16 * 1024

_PACK = None
_MAX_SIZE = 0


def _worker_main(conn, others, check) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    for other in others:
        other.close()
    _ = _PACK.compiled  # built here, at the same time in every worker
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        tasks = pickle.loads(data)
        out = [(i, check(item, _PACK, _MAX_SIZE)) for i, item in tasks]
        conn.send_bytes(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))


class _Worker:
    __slots__ = ("process", "conn", "sent")

    def __init__(self, process, conn):
        self.process, self.conn = process, conn
        self.sent: deque[list[int]] = deque()


class WorkerPool:
    """``jobs`` forked processes sharing the parent's rule pack."""

    def __init__(self, jobs: int, pack, max_size: int, check):
        import multiprocessing as mp

        global _PACK, _MAX_SIZE
        _PACK, _MAX_SIZE = pack, max_size  # inherited by the fork, never pickled
        self._ctx = mp.get_context("fork")  # ValueError where fork does not exist
        self._check = check
        self._workers: list[_Worker] = []
        for _ in range(jobs):
            self._workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        parent_end, child_end = self._ctx.Pipe()
        # The child closes its copies of the parents' ends, or it would
        # never see the end of input when the parent closes them.
        others = [parent_end] + [w.conn for w in self._workers]
        process = self._ctx.Process(target=_worker_main, args=(child_end, others, self._check),
                                    name="contentcheck-worker", daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def map_unordered(self, items: list[Input], order: list[int], chunk: int) -> Iterator[tuple[int, DocumentResult]]:
        """(index, result) for each index in ``order``, as workers finish them."""
        from multiprocessing.connection import wait

        todo: deque[list[int]] = deque(order[i:i + chunk] for i in range(0, len(order), chunk))
        retried: set[int] = set()
        pending = len(order)

        def feed(worker: _Worker) -> None:
            while todo and len(worker.sent) < 2:
                indices = todo[0]
                payload = pickle.dumps([(i, items[i]) for i in indices], protocol=pickle.HIGHEST_PROTOCOL)
                if worker.sent and len(payload) > _SMALL_CHUNK:
                    return
                todo.popleft()
                worker.conn.send_bytes(payload)
                worker.sent.append(indices)

        for worker in self._workers:
            feed(worker)
        while pending:
            busy = {w.conn: w for w in self._workers if w.sent}
            for conn in wait(list(busy)):
                worker = busy[conn]
                try:
                    results = pickle.loads(conn.recv_bytes())
                except (EOFError, OSError):
                    # The worker died. Its documents are checked again one
                    # by one, so a document that kills a worker twice is
                    # the only one reported.
                    lost = [i for indices in worker.sent for i in indices]
                    self._replace(worker)
                    for i in reversed(lost):
                        if i in retried:
                            pending -= 1
                            yield i, _died(items[i], worker.process.exitcode)
                        else:
                            retried.add(i)
                            todo.appendleft([i])
                    for w in self._workers:
                        feed(w)
                    continue
                worker.sent.popleft()
                feed(worker)
                pending -= len(results)
                yield from results

    def _replace(self, worker: _Worker) -> None:
        worker.conn.close()
        worker.process.join(timeout=1)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self._workers[self._workers.index(worker)] = self._spawn()

    def close(self, wait: bool = True) -> None:
        """Stop the workers: idle ones exit on their own; busy ones, or all
        of them when ``wait`` is False (the run was abandoned), are killed."""
        for worker in self._workers:
            worker.conn.close()  # a worker waiting for work sees EOF and exits
        for worker in self._workers:
            worker.process.join(timeout=0.5 if wait else 0)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
        self._workers = []


def _died(item: Input, exitcode: int | None) -> DocumentResult:
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    return DocumentResult(item.display, item.format, None,
                          error=f"the worker process checking this document died ({how}); "
                                "check it alone with --jobs 1 to see why")
