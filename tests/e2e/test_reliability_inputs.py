"""Reliability of what contentcheck reads besides articles (configuration, rules, waivers,
baselines, the cache) and of damaged archives: located one-line errors with exit 2, bounded reads,
honest limits, a cache that never serves another file's result."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import textwrap
import tracemalloc

import pytest

from contentcheck.cli import main

from .test_hostile import ENV, PY, cli, no_traceback, write

LEFTOVER = "# Title\n\nBy Jane Doe\n\nAs an AI language model, I cannot browse the web.\n"
CLEAN = "# Title\n\nBy Jane Doe\n\nThe council met on Monday and agreed the budget.\n"


def one_line_error(proc, *needles: str) -> None:
    no_traceback(proc)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("contentcheck: "), proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


# ---------------------------------------------------------------- 10. tracebacks become errors

@pytest.mark.parametrize("toml, needle", [
    (None, "No such file"),
    ("folder", "a folder"),
    ("[tool]\ncontentcheck = 5\n", "must be a table"),
    ("[tool.contentcheck]\nexclude = " + "[" * 5000 + "]" * 5000 + "\n", "pyproject.toml:"),
])
def test_a_bad_pyproject_is_a_located_error(tmp_path, toml, needle):
    write(tmp_path / "a.md", CLEAN)
    config = tmp_path / "pyproject.toml"
    if toml == "folder":
        config.mkdir()
    elif toml is not None:
        config.write_text(toml, encoding="utf-8")
    one_line_error(cli("check", "a.md", "--config", "pyproject.toml", cwd=tmp_path), needle)



@pytest.mark.parametrize("toml", ["[tool]\ncontentcheck = 5\n", "tool.contentcheck = 5\n"])
def test_a_found_pyproject_that_is_not_a_table_is_a_located_error(tmp_path, toml):
    # found on its own, as with --config: a value that is not a table is reported, not skipped
    (tmp_path / ".git").mkdir()
    write(tmp_path / "a.md", CLEAN)
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    one_line_error(cli("check", "a.md", cwd=tmp_path), "pyproject.toml:", "must be a table")


def test_waivers_that_are_not_utf8(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    write(tmp_path / "w.yaml", b"waivers:\n  - path: a.md\n    rule: x\n    reason: caf\xe9\n")
    one_line_error(cli("check", "a.md", "--waivers", "w.yaml", cwd=tmp_path), "w.yaml", "not UTF-8", "line 4")


def test_a_deeply_nested_baseline(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    write(tmp_path / "b.json", "[" * 100_000 + "]" * 100_000)
    one_line_error(cli("check", "a.md", "--baseline", "b.json", cwd=tmp_path), "b.json", "baseline")


def test_init_where_it_cannot_write(tmp_path):
    write(tmp_path / "file", "not a folder")
    one_line_error(cli("init", "file/contentcheck.yaml", cwd=tmp_path), "file/contentcheck.yaml")


def test_a_scheduler_that_is_not_an_address(tmp_path):
    pytest.importorskip("distributed")
    write(tmp_path / "a.md", CLEAN)
    one_line_error(cli("check", "a.md", "--engine", "dask", "--scheduler", "not a url", cwd=tmp_path, timeout=120),
                   "--scheduler not a url")


def test_closed_standard_output(tmp_path):
    write(tmp_path / "a.md", CLEAN)
    proc = subprocess.run(["bash", "-c", f"{PY} -m contentcheck check a.md >&-"], cwd=tmp_path, env=ENV,
                          capture_output=True, text=True, timeout=60)
    one_line_error(proc, "standard output is closed")
    proc = subprocess.run(["bash", "-c", f"{PY} -m contentcheck check a.md -o r.txt >&-"], cwd=tmp_path, env=ENV,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and (tmp_path / "r.txt").exists(), proc.stderr


def test_a_damaged_cache_is_rebuilt_with_a_warning(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    write(tmp_path / "cache" / "contentcheck-cache.sqlite", b"garbage" * 1000)
    proc = cli("check", "a.md", "--cache", "cache", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 1 and "damaged" in proc.stderr
    again = cli("check", "a.md", "--cache", "cache", cwd=tmp_path)
    assert again.returncode == 1 and again.stderr == "" and again.stdout == proc.stdout


# ---------------------------------------------------------------- 11. bounded reads, regular files only

@pytest.mark.parametrize("flag", ["--baseline", "--waivers", "--config", "-r"])
def test_files_read_must_be_regular(tmp_path, flag):
    write(tmp_path / "a.md", CLEAN)
    os.mkfifo(tmp_path / "fifo")
    for special in ("/dev/zero", "fifo"):
        proc = cli("check", "a.md", flag, special, cwd=tmp_path, timeout=60)
        if flag == "-r":  # rule file problems: one located line each, then the count
            assert proc.returncode == 2 and proc.stderr.startswith(f"{special}:1:1: cannot read the rule file: "
                                                                   "not a regular file\n"), proc.stderr
        else:
            one_line_error(proc, special, "not a regular file")


def test_files_read_have_a_size_limit(tmp_path, monkeypatch, capsys):
    from contentcheck import atomic

    write(tmp_path / "a.md", CLEAN)
    write(tmp_path / "w.yaml", "waivers:\n" + "  - {path: a.md, rule: x, reason: why}\n" * 10)
    monkeypatch.setitem(atomic.READ_LIMITS, "waivers", 100)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.md", "--waivers", "w.yaml", "--no-config"]) == 2
    assert "larger than 0 MB, the limit for a waivers file" in capsys.readouterr().err


# ---------------------------------------------------------------- 15. damaged WARC files

def _record(uri: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{len(uri):012d}>\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


RECORDS = [_record(f"http://example.org/{i}", b"<html><body><p>Story %d by Jane Doe.</p></body></html>" % i)
           for i in range(5)]


def _warc_report(tmp_path, name: str, data: bytes):
    if not _has_reader():
        pytest.skip("needs FastWARC or warcio")
    write(tmp_path / name, data)
    proc = cli("check", name, "-f", "json", "--no-progress", cwd=tmp_path)
    no_traceback(proc)
    return proc, json.loads(proc.stdout)


def _has_reader() -> bool:
    import importlib.util

    return any(importlib.util.find_spec(m) for m in ("fastwarc", "warcio"))


def _errors(report) -> list[str]:
    return [d["error"] for d in report["documents"] if d["error"]]


def test_a_good_warc_has_no_error(tmp_path):
    proc, report = _warc_report(tmp_path, "good.warc.gz", b"".join(gzip.compress(r) for r in RECORDS))
    assert not _errors(report) and len(report["documents"]) == 5


@pytest.mark.parametrize("name, data, needle", [
    ("plain.warc", b"hello world, not an archive\n" * 500, "not a WARC file"),
    ("long.warc", b"".join(RECORDS[:4]) + RECORDS[4].replace(b"Content-Length: ", b"Content-Length: 1"),
     "runs past the end of the file"),
    ("truncated.warc.gz", b"".join(gzip.compress(r) for r in RECORDS)[:-150], "truncated"),
    ("swallowed.warc", b"".join(RECORDS[:2]) + RECORDS[2].replace(b"Content-Length: ", b"Content-Length: 1")
     + b"".join(RECORDS[3:]), "record"),
])
def test_a_damaged_warc_is_an_error_with_the_records_read(tmp_path, name, data, needle):
    proc, report = _warc_report(tmp_path, name, data)
    assert proc.returncode == 2
    errors = _errors(report)
    assert len(errors) == 1 and needle in errors[0] and "read before" in errors[0], errors
    assert not any(d["path"].endswith("#") for d in report["documents"])  # no record without a URI


# ---------------------------------------------------------------- 17. YAML limits say what they limit

def test_a_large_honest_rule_pack_loads(tmp_path):
    rules = ["rules:"] + [f"  - {{id: r{i}, category: c, severity: info, kind: phrase, message: m, "
                          f"phrases: [zzq{i} alpha, zzq{i} beta, zzq{i} gamma, zzq{i} delta]}}" for i in range(30_000)]
    write(tmp_path / "big.yaml", "\n".join(rules) + "\n")
    proc = cli("rules", "validate", "big.yaml", cwd=tmp_path, timeout=300)
    no_traceback(proc)
    assert proc.returncode == 0 and "30000 rules OK" in proc.stdout, proc.stderr[-500:]


def test_an_alias_bomb_is_refused_as_aliases_and_a_huge_file_as_values(monkeypatch):
    from contentcheck import safe_yaml

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    with pytest.raises(safe_yaml.YamlError, match="aliases expand"):
        safe_yaml.compose(bomb)
    monkeypatch.setattr(safe_yaml, "MAX_NODES", 1000)  # files that large are slow to build in a test
    for many in ("[" + ", ".join(["1"] * 2000) + "]", "a: &a 1\nb: [*a]\nc: [" + ", ".join(["1"] * 2000) + "]"):
        with pytest.raises(safe_yaml.YamlError) as err:
            safe_yaml.compose(many)
        assert "alias" not in err.value.message and "YAML values" in err.value.message


# ---------------------------------------------------------------- 18. small things

def test_fail_under_nan_and_a_huge_max_file_size_are_refused(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    proc = cli("inspect", "a.md", "--max-file-size", "99999999999999999999", cwd=tmp_path)  # found by fuzz_cli
    no_traceback(proc)
    assert proc.returncode == 2 and "--max-file-size" in proc.stderr
    one_line_error(cli("check", "a.md", "--fail-under", "nan", cwd=tmp_path), "--fail-under")
    one_line_error(cli("check", "a.md", "--max-file-size", "100000000000000", cwd=tmp_path), "--max-file-size")


def _rows(cache) -> list[tuple]:
    db = sqlite3.connect(str(cache / "contentcheck-cache.sqlite"))
    try:
        return db.execute("SELECT pack, key, size, mtime FROM results ORDER BY key").fetchall()
    finally:
        db.close()


def test_the_cache_never_serves_another_folders_file(tmp_path):
    # 4. Same name, same size, same modification time, another folder: another file.
    write(tmp_path / "A" / "index.txt", "Notes\n\nAs an AI language model, I can't.\n")
    write(tmp_path / "B" / "index.txt", "Notes\n\nThe council met today; it's done.\n")
    assert os.path.getsize(tmp_path / "A" / "index.txt") == os.path.getsize(tmp_path / "B" / "index.txt")
    for folder in ("A", "B"):
        os.utime(tmp_path / folder / "index.txt", ns=(10**18, 10**18))
    first = cli("check", "index.txt", "-f", "json", "--cache", str(tmp_path / "C"), cwd=tmp_path / "A")
    second = cli("check", "index.txt", "-f", "json", "--cache", str(tmp_path / "C"), cwd=tmp_path / "B")
    rules = [[f["rule"] for f in json.loads(p.stdout)["documents"][0]["findings"]] for p in (first, second)]
    assert "chat-ai-self-reference" in rules[0] and "chat-ai-self-reference" not in rules[1]


def test_a_rule_stopped_by_its_time_limit_is_not_cached(tmp_path):
    write(tmp_path / "slow.yaml", textwrap.dedent("""\
        rules:
          - id: slow
            category: c
            severity: warning
            message: m
            kind: pattern
            pattern: '(a|aa)+$'
            timeout: 0.05
        """))
    write(tmp_path / "a.txt", "Title\n\n" + "a" * 5000 + "b\n")
    proc = cli("check", "a.txt", "-r", "slow.yaml", "--no-default-rules", "--cache", "C", cwd=tmp_path)
    assert "took longer" in proc.stdout
    assert _rows(tmp_path / "C") == []


def test_the_cache_survives_a_one_file_run_and_refreshes_touched_files(tmp_path):
    for i in range(10):
        write(tmp_path / "docs" / f"d{i}.md", LEFTOVER)
    cli("check", "docs", "--cache", "C", cwd=tmp_path)
    rows = _rows(tmp_path / "C")
    assert len(rows) == 10
    cli("check", "docs/d3.md", "--cache", "C", cwd=tmp_path)  # issue 16, item 4
    assert _rows(tmp_path / "C") == rows
    os.utime(tmp_path / "docs" / "d5.md", ns=(10**18, 10**18))
    cli("check", "docs", "--cache", "C", cwd=tmp_path)
    assert [r[3] for r in _rows(tmp_path / "C") if r[1].endswith("d5.md")] == [10**18]


def test_option_changes_do_not_pile_up_index_files(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    for option in ([], ["--ignore", "missing-author"], ["--select", "chat-ai-self-reference"]):
        cli("check", "a.md", "--cache", "C", *option, cwd=tmp_path)
    assert sorted(os.listdir(tmp_path / "C")) == ["contentcheck-cache.sqlite"]
    assert len({r[0] for r in _rows(tmp_path / "C")}) == 3


def test_concurrent_runs_keep_each_others_entries(tmp_path):
    from contentcheck.engine.check import check_input
    from contentcheck.inputs.discover import Input
    from contentcheck.rulepack import RulePack
    from contentcheck.scale.cache import ResultCache

    pack = RulePack.load()
    items = [Input(str(write(tmp_path / f"{n}.md", LEFTOVER)), f"{n}.md", "markdown") for n in ("a", "b")]
    caches = [ResultCache(str(tmp_path / "C"), pack.hash) for _ in items]  # two runs at once
    for cache, item in zip(caches, items, strict=True):
        hit, token = cache.lookup(item, 0)
        cache.store(item.display, token, check_input(item, pack))
    for cache in caches:
        cache.save()
    third = ResultCache(str(tmp_path / "C"), pack.hash)
    assert all(third.lookup(item, 0)[0] is not None for item in items)


def test_a_warm_cache_is_not_held_in_memory(tmp_path):
    from contentcheck.results import DocumentResult, Finding
    from contentcheck.scale.cache import ResultCache

    cache = ResultCache(str(tmp_path / "C"), "p")
    finding = Finding("r", "c", "warning", 1, 1, 1, 5, "message " * 10, "text " * 10)
    for i in range(5000):
        cache.store(f"d{i}", (f"/x/d{i}\0d{i}", (100, 1), "digest"),
                    DocumentResult(f"d{i}", "markdown", 90.0, [finding] * 3))
    cache.save()
    tracemalloc.start()
    ResultCache(str(tmp_path / "C"), "p")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000  # the index held whole was about 10 MB here
