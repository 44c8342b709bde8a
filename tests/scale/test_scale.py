"""Crawl-scale features: WARC input, JSON Lines, the result cache, job counts, the Dask engine."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def cli(*args, cwd=ROOT, timeout=180):
    return subprocess.run([sys.executable, "-m", "contentcheck", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def write_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    """pages: (uri, content type, body)."""
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    assert warcio
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for uri, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                               http_headers=headers)
            writer.write_record(record)


PAGE = ("<html><head><meta name='author' content='Jane Doe'><title>T</title></head><body><article>"
        "<p>The council met.</p>\n<p>As an AI language model, I cannot say more.</p></article></body></html>")
CLEAN = ("<html><head><meta name='author' content='Jane Doe'></head><body><article>"
         "<p>The council met on Tuesday, the clerk said.</p></article></body></html>")


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_records_are_documents_named_by_uri(tmp_path, name):
    warc = tmp_path / name
    write_warc(warc, [("http://example.com/a", "text/html; charset=utf-8", PAGE),
                      ("http://example.com/style.css", "text/css", "body{}"),
                      ("http://example.com/b", "text/html", CLEAN)])
    proc = cli("check", str(warc), "--format", "json", "--no-progress")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    paths = [d["path"] for d in report["documents"]]
    assert [p.split("#", 1)[1] for p in paths] == ["http://example.com/a", "http://example.com/b"]
    first = report["documents"][0]
    leftover = [f for f in first["findings"] if f["rule"] == "chat-ai-self-reference"]
    assert leftover and leftover[0]["line"] == 2 and leftover[0]["text"] == "As an AI language model, I cannot say more."
    assert report["documents"][1]["findings"] == []


def test_jsonl_one_document_per_line_then_summary(tmp_path):
    proc = cli("check", "samples", "--format", "jsonl", "--no-progress")
    lines = proc.stdout.splitlines()
    docs = [json.loads(x) for x in lines[:-1]]
    assert len(docs) == len([p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".html")
                             and p.name != "README.md"])
    assert all({"path", "score", "findings"} <= set(d) for d in docs)
    assert "summary" in json.loads(lines[-1])
    full = json.loads(cli("check", "samples", "--format", "json", "--no-progress").stdout)
    assert docs == full["documents"]


def test_output_identical_for_any_job_count():
    one = cli("check", "samples", "-f", "json", "-j", "1", "--no-progress").stdout
    two = cli("check", "samples", "-f", "json", "-j", "2", "--no-progress").stdout
    assert one == two and one


def test_cache_gives_the_same_report_and_notices_changes(tmp_path):
    work = tmp_path / "site"
    work.mkdir()
    for p in SAMPLES.iterdir():
        if p.suffix in (".md", ".txt", ".html"):
            (work / p.name).write_bytes(p.read_bytes())
    cache = tmp_path / "cache"
    fresh = cli("check", ".", "-f", "json", "--no-progress", cwd=work).stdout
    first = cli("check", ".", "-f", "json", "--no-progress", "--cache", str(cache), cwd=work).stdout
    second = cli("check", ".", "-f", "json", "--no-progress", "--cache", str(cache), cwd=work).stdout
    assert fresh == first == second
    assert any(cache.rglob("*.sqlite"))
    # An edited file is checked again, not served from the cache.
    clean = work / "clean-note.txt"
    clean.write_text(clean.read_text() + "\nAs an AI language model, I added this.\n")
    third = json.loads(cli("check", ".", "-f", "json", "--no-progress", "--cache", str(cache), cwd=work).stdout)
    doc = next(d for d in third["documents"] if d["path"] == "clean-note.txt")
    assert any(f["rule"] == "chat-ai-self-reference" for f in doc["findings"])
    # Another rule pack never reads the first pack's entries.
    fourth = json.loads(cli("check", ".", "-f", "json", "--no-progress", "--cache", str(cache),
                            "--ignore", "template-leftover", cwd=work).stdout)
    doc = next(d for d in fourth["documents"] if d["path"] == "clean-note.txt")
    assert not any(f["category"] == "template-leftover" for f in doc["findings"])


def test_dask_engine_matches_local_engine(tmp_path):
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    from contentcheck.api import check_inputs
    from contentcheck.inputs.discover import iter_inputs
    from contentcheck.rulepack import PackSpec
    from contentcheck.scale.dask import check_inputs as check_on_dask

    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [("http://example.com/a", "text/html", PAGE), ("http://example.com/b", "text/html", CLEAN)])
    spec = PackSpec.from_paths()
    pack = spec.build()
    inputs = list(iter_inputs([str(SAMPLES), str(warc)]))
    local = [r.to_dict() for r in check_inputs(inputs, pack, jobs=1)]
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        distributed = [r.to_dict() for r in check_on_dask(inputs, spec, scheduler=cluster.scheduler_address,
                                                          partition_size=3)]
    assert distributed == local
    assert any("#http://example.com/a" in d["path"] for d in distributed)


def test_dask_engine_from_the_command_line_matches_local():
    pytest.importorskip("distributed")
    local = cli("check", "samples", "-f", "json", "--no-progress")
    dask = cli("check", "samples", "-f", "json", "--no-progress", "--engine", "dask", timeout=300)
    assert dask.returncode == local.returncode == 1, dask.stderr[-2000:]
    assert dask.stdout == local.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dask_engine_on_a_scheduler_and_worker_started_by_hand(tmp_path):
    """As on a real cluster: `dask scheduler` and `dask worker` started from
    the command line, the worker in another folder, the report identical."""
    pytest.importorskip("distributed")
    import shutil

    dask_cli = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if dask_cli is None:
        pytest.skip("the dask command is not installed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    elsewhere = tmp_path / "worker-home"
    elsewhere.mkdir()
    logs = open(tmp_path / "dask.log", "wb")
    scheduler = subprocess.Popen([dask_cli, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], stdout=logs, stderr=logs, cwd=tmp_path)
    worker = None
    try:
        worker = subprocess.Popen([dask_cli, "worker", address, "--nworkers", "2", "--nthreads", "1",
                                   "--no-dashboard"], stdout=logs, stderr=logs, cwd=elsewhere)
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        site = str(SAMPLES.resolve())
        local = cli("check", site, "-f", "json", "--no-progress", cwd=tmp_path)
        dask = cli("check", site, "-f", "json", "--no-progress", "--engine", "dask", "--scheduler", address,
                   cwd=tmp_path, timeout=300)
        assert dask.returncode == local.returncode == 1, dask.stderr[-2000:]
        assert dask.stdout == local.stdout
        articles = [p for p in SAMPLES.iterdir() if p.name != "README.md"]
        assert json.loads(dask.stdout)["summary"]["checked"] == len(articles)
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
        for proc in (worker, scheduler):
            if proc is not None:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        logs.close()
