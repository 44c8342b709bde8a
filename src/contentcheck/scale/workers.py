"""Worker processes for ``--jobs N``: forked, fed in chunks over pipes.

multiprocessing.Pool would do, but one of its helper threads wakes on every
result the workers send (about 0.1 s of CPU per 1,000 documents, taken from
the workers on a two-core machine). Here the caller's thread alone writes
chunks and reads results. Tasks are written without blocking, so however
large a chunk (archive records travel with their content) and however small
the platform's pipe buffers, the parent never waits on a worker that is
itself waiting to hand in results. A worker that dies (killed, out of
memory, a crash in a C extension) costs only the document that killed it.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import weakref
from collections import deque
from typing import Iterator

from ..inputs.discover import Input
from ..results import DocumentResult

# Chunks queued per worker: one being checked and one waiting, so a worker
# never idles while the parent reads its results.
_AHEAD = 2

# Signals the parent turns into a clean stop; blocked across a fork so none reaches a worker
# that still has the parent's handlers.
_STOPPING = tuple(name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _blocked_at_fork() -> set:
    return {signal.SIGINT, *(getattr(signal, name) for name in _STOPPING)}


# Live pools: a worker forked for one closes the parent's ends of all.
_POOLS: weakref.WeakSet = weakref.WeakSet()


def _read_exact(fd: int, n: int) -> bytes | None:
    parts, left = [], n
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None  # the parent closed the pipe: no more work
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _worker_main(task_fd: int, results, parent_ends: list, check, pack, max_size: int) -> None:
    # The parent handles Ctrl-C and stops us. SIGINT was blocked across the
    # fork, so one that came meanwhile is dropped here, not raised.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM and SIGHUP end a worker at once (the parent's handlers would unwind its run).
    for name in _STOPPING:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _blocked_at_fork())
    # Copies of the parents' ends of every pool's pipes: kept open here, they
    # would hide the end of input from the workers they belong to.
    for end in parent_ends:
        try:
            if isinstance(end, int):
                os.close(end)
            else:
                end.close()
        except OSError:
            pass
    _ = pack.compiled  # built here, at the same time in every worker
    try:
        while True:
            header = _read_exact(task_fd, 8)
            data = _read_exact(task_fd, int.from_bytes(header, "big")) if header else None
            if data is None:
                return
            tasks = pickle.loads(data)
            out = [(i, check(item, pack, max_size)) for i, item in tasks]
            results.send_bytes(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return  # the parent went away (an abandoned run): nothing to report to


class _Worker:
    __slots__ = ("process", "task_fd", "results", "sent", "out")

    def __init__(self, process, task_fd: int, results):
        self.process, self.task_fd, self.results = process, task_fd, results
        self.sent: deque[list[int]] = deque()  # chunks handed over, oldest first
        self.out = bytearray()  # framed chunks not yet written to the pipe


class WorkerPool:
    """``jobs`` forked processes sharing the parent's rule pack."""

    def __init__(self, jobs: int, pack, max_size: int, check):
        import multiprocessing as mp

        self._ctx = mp.get_context("fork")  # ValueError where fork does not exist
        # Forked workers inherit these objects: the pack is never pickled.
        self._check, self._pack, self._max_size = check, pack, max_size
        self._workers: list[_Worker] = []
        _POOLS.add(self)
        try:
            for _ in range(jobs):
                self._workers.append(self._spawn())
        except BaseException:  # fork failed, Ctrl-C...: no worker left behind
            self.close(wait=False)
            raise

    def _spawn(self) -> _Worker:
        task_read, task_write = os.pipe()
        try:
            result_read, result_write = self._ctx.Pipe(duplex=False)
        except BaseException:
            os.close(task_read)
            os.close(task_write)
            raise
        parent_ends = [task_write, result_read]
        for pool in list(_POOLS):
            for w in pool._workers:
                parent_ends += [w.task_fd, w.results]
        process = self._ctx.Process(target=_worker_main,
                                    args=(task_read, result_write, parent_ends, self._check, self._pack,
                                          self._max_size),
                                    name="contentcheck-worker", daemon=True)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _blocked_at_fork())
        try:
            process.start()
        except BaseException:
            for fd in (task_read, task_write):
                os.close(fd)
            result_read.close()
            result_write.close()
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(task_read)
        result_write.close()
        os.set_blocking(task_write, False)
        return _Worker(process, task_write, result_read)

    def map_unordered(self, items: list[Input], order: list[int], chunk: int) -> Iterator[tuple[int, DocumentResult]]:
        """(index, result) for each index in ``order``, as workers finish them."""
        todo: deque[list[int]] = deque(order[i:i + chunk] for i in range(0, len(order), chunk))
        retried: set[int] = set()
        pending = len(order)
        selector = selectors.DefaultSelector()
        try:
            while pending:
                for worker in self._workers:
                    while todo and len(worker.sent) < _AHEAD:
                        indices = todo.popleft()
                        payload = pickle.dumps([(i, items[i]) for i in indices], protocol=pickle.HIGHEST_PROTOCOL)
                        worker.out += len(payload).to_bytes(8, "big") + payload
                        worker.sent.append(indices)
                    self._flush(worker)
                for worker in self._workers:
                    if worker.sent:
                        selector.register(worker.results, selectors.EVENT_READ, worker)
                    if worker.out:
                        selector.register(worker.task_fd, selectors.EVENT_WRITE, worker)
                ready = selector.select()
                for key in list(selector.get_map().values()):
                    selector.unregister(key.fileobj)
                for key, _ in ready:
                    worker = key.data
                    if key.fileobj is not worker.results:
                        continue  # room in a task pipe: written at the top of the loop
                    try:
                        results = pickle.loads(worker.results.recv_bytes())
                    except (EOFError, OSError):
                        for i, result in self._recover(worker, todo, retried, items):
                            pending -= 1
                            yield i, result
                        continue
                    worker.sent.popleft()
                    pending -= len(results)
                    yield from results
        finally:
            selector.close()

    @staticmethod
    def _flush(worker: _Worker) -> None:
        if not worker.out:
            return
        try:
            written = os.write(worker.task_fd, worker.out)
        except BlockingIOError:
            return
        except OSError:  # the worker is gone; reading its results will say so
            worker.out.clear()
            return
        del worker.out[:written]

    def _recover(self, worker: _Worker, todo: deque, retried: set[int], items: list[Input]):
        """A worker died. Only the chunk it was checking is suspect: its
        documents are checked again one by one, so a document that kills a
        worker twice is the only one reported. Chunks still waiting go back
        to the queue as they were."""
        suspect = worker.sent[0] if worker.sent else []
        waiting = list(worker.sent)[1:]
        self._replace(worker)
        for indices in reversed(waiting):
            todo.appendleft(indices)
        if len(suspect) == 1 and suspect[0] in retried:
            yield suspect[0], _died(items[suspect[0]], worker.process.exitcode)
            return
        for i in reversed(suspect):
            retried.add(i)
            todo.appendleft([i])

    def _replace(self, worker: _Worker) -> None:
        self._close_ends(worker)
        self._stop(worker.process, timeout=1)
        # Out of the list before the fork: its closed descriptors' numbers
        # may already belong to the new worker's pipes.
        position = self._workers.index(worker)
        del self._workers[position]
        self._workers.insert(position, self._spawn())

    @staticmethod
    def _close_ends(worker: _Worker) -> None:
        try:
            os.close(worker.task_fd)  # a worker waiting for work sees the end and exits
        except OSError:
            pass
        worker.results.close()

    @staticmethod
    def _stop(process, timeout: float) -> None:
        process.join(timeout=timeout)
        if process.is_alive():
            process.terminate()
            process.join(timeout=1)
        if process.is_alive():  # stopped (SIGSTOP) or ignoring SIGTERM
            process.kill()
            process.join()

    def close(self, wait: bool = True) -> None:
        """Stop the workers: idle ones exit on their own; busy ones, or all
        of them when ``wait`` is False (the run was abandoned), are killed."""
        workers, self._workers = self._workers, []
        _POOLS.discard(self)
        if not wait:
            for worker in workers:
                if worker.process.is_alive():
                    worker.process.terminate()  # before the pipes close under a busy worker
        for worker in workers:
            self._close_ends(worker)
        for worker in workers:
            self._stop(worker.process, timeout=0.5 if wait else 0)


class SpawnedPool:
    """Where fork does not exist (Windows): multiprocessing.Pool, whose
    workers get the pack pickled, behind the same two methods."""

    def __init__(self, jobs: int, pack, max_size: int, check):
        import multiprocessing as mp

        self._pool = mp.get_context().Pool(jobs, initializer=_spawned_init, initargs=(pack, max_size, check))

    def map_unordered(self, items: list[Input], order: list[int], chunk: int) -> Iterator[tuple[int, DocumentResult]]:
        return self._pool.imap_unordered(_spawned_work, [(i, items[i]) for i in order], chunksize=chunk)

    def close(self, wait: bool = True) -> None:
        self._pool.terminate()
        self._pool.join()


_SPAWNED: tuple = ()


def _spawned_init(pack, max_size: int, check) -> None:
    global _SPAWNED
    _SPAWNED = (pack, max_size, check)
    _ = pack.compiled


def _spawned_work(task: tuple[int, Input]) -> tuple[int, DocumentResult]:
    pack, max_size, check = _SPAWNED
    return task[0], check(task[1], pack, max_size)


def start_pool(jobs: int, pack, max_size: int, check):
    """Forked workers where the platform can fork, a spawned Pool elsewhere."""
    try:
        return WorkerPool(jobs, pack, max_size, check)
    except ValueError:  # no fork on this platform
        return SpawnedPool(jobs, pack, max_size, check)


def _died(item: Input, exitcode: int | None) -> DocumentResult:
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    return DocumentResult(item.display, item.format, None,
                          error=f"the worker process checking this document died ({how}); "
                                "check it alone with --jobs 1 to see why")
