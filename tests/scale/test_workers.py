"""--jobs N: forked workers keep input order, survive a dying worker, and stop when abandoned."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys

import pytest

from contentcheck.api import check_inputs, check_paths
from contentcheck.inputs.discover import Input
from contentcheck.rulepack import RulePack
from contentcheck.scale import local

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")

LEFTOVER = "The council met on Tuesday.\n\nAs an AI language model, I cannot say more.\n"
CLEAN = "By Jane Doe\n\nThe council met on Tuesday and approved the budget.\n"


@pytest.fixture(scope="module")
def pack():
    return RulePack.load()


def _tree(tmp_path, n):
    for i in range(n):
        (tmp_path / f"doc{i:04d}.txt").write_text(LEFTOVER if i % 3 == 0 else CLEAN, encoding="utf-8")
    return [str(tmp_path)]


def _summary(results):
    return [(os.path.basename(r.path), r.error, sorted({f.category for f in r.findings})) for r in results]


def test_more_documents_than_a_batch_keep_input_order(tmp_path, pack):
    paths = _tree(tmp_path, local.BATCH + 60)
    one = _summary(check_paths(paths, pack, jobs=1))
    two = _summary(check_paths(paths, pack, jobs=2))
    assert two == one
    assert [name for name, _, _ in two] == sorted(name for name, _, _ in two)
    flagged = [int(name[3:7]) for name, _, categories in two if "template-leftover" in categories]
    assert flagged == [i for i in range(local.BATCH + 60) if i % 3 == 0]


def test_a_worker_that_dies_costs_only_the_document_that_killed_it(tmp_path, pack, monkeypatch):
    # Sizes fall with the names, so the killer is checked early, in a chunk
    # with others and with more work queued behind it on the same worker.
    for i in range(200):
        (tmp_path / f"doc{i:04d}.txt").write_text(CLEAN * (201 - i), encoding="utf-8")
    paths = [str(tmp_path)]
    real = local.check_input

    def fragile(item, pack, max_size):
        # Stands for a crash in a C extension or the out-of-memory killer.
        if item.path.endswith("doc0050.txt"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(item, pack, max_size)

    monkeypatch.setattr(local, "check_input", fragile)
    results = list(check_paths(paths, pack, jobs=2))
    assert len(results) == 200
    by_name = {os.path.basename(r.path): r for r in results}
    assert "died (signal 9)" in by_name["doc0050.txt"].error
    assert "--jobs 1" in by_name["doc0050.txt"].error
    others = [r for name, r in by_name.items() if name != "doc0050.txt"]
    assert all(r.error is None and r.score is not None for r in others)
    assert not multiprocessing.active_children()


def test_large_in_memory_records_do_not_stall_the_pipes(pack):
    # WARC records travel to the workers with their bytes.
    body = ("<p>" + "The council met and talked about the budget for a long time. " * 40 + "</p>\n") * 60
    items = [Input(f"crawl.warc#{i}", f"crawl.warc#{i}", "html", data=(body + LEFTOVER).encode())
             for i in range(24)]
    assert len(items[0].data) > 100_000
    one = _summary(check_inputs(items, pack, jobs=1))
    two = _summary(check_inputs(items, pack, jobs=2))
    assert two == one
    assert all("template-leftover" in categories for _, _, categories in two)


def test_abandoning_the_results_stops_the_workers(tmp_path, pack):
    paths = _tree(tmp_path, 200)
    results = check_paths(paths, pack, jobs=2)
    first = next(results)
    assert first.path.endswith("doc0000.txt")
    results.close()
    assert not multiprocessing.active_children()


def test_large_chunks_and_large_results_at_once_do_not_deadlock():
    # Every chunk is larger than a pipe's buffer and so is every result
    # (thousands of findings): a parent that blocked on sending work while
    # a worker blocked on handing in results would hang here.
    import subprocess

    script = """
import sys
from contentcheck.api import check_inputs
from contentcheck.inputs.discover import Input
from contentcheck.rulepack import RulePack
body = ("<p>" + "[Insert quote here] said the council on Monday. " * 40 + "</p>\\n") * 50
items = [Input(f"crawl.warc#{i}", f"crawl.warc#{i}", "html", data=body.encode()) for i in range(40)]
results = list(check_inputs(items, RulePack.load(), jobs=2))
assert [r.path for r in results] == [i.display for i in items]
print(min(len(r.findings) for r in results))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout) >= 1000


def test_without_fork_workers_are_spawned_and_get_the_pack_pickled(tmp_path, pack, monkeypatch):
    # As on Windows: no fork, so a spawned multiprocessing.Pool.
    import multiprocessing as mp

    real = mp.get_context

    def no_fork(method=None):
        if method == "fork":
            raise ValueError("cannot find context for 'fork'")
        return real("spawn")

    monkeypatch.setattr(mp, "get_context", no_fork)
    paths = _tree(tmp_path, 12)
    two = _summary(check_paths(paths, pack, jobs=2))
    monkeypatch.setattr(mp, "get_context", real)
    assert two == _summary(check_paths(paths, pack, jobs=1))
    assert not mp.active_children()


def test_a_finding_crosses_processes_whole():
    # Findings are pickled to and from workers and the --sites spill file by their fields.
    import copy
    import pickle
    from dataclasses import fields

    from contentcheck.results import Finding

    values = {f.name: f"v-{f.name}" if f.type == "str" else i + 1 for i, f in enumerate(fields(Finding))}
    finding = Finding(**values)
    for copied in (pickle.loads(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL)), copy.deepcopy(finding)):
        assert copied == finding and {f.name: getattr(copied, f.name) for f in fields(Finding)} == values
