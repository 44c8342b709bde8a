"""Reliability against a careless user and an attacker: outputs, signals, pipes, file names, git,
workers, quadratic inputs. Each test runs the command line as a user would (a subprocess, or
``main(argv)`` where the test needs to look inside)."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from contentcheck.cli import main

from .test_hostile import ENV, PY, cli, no_traceback, write

LEFTOVER = "# Title\n\nBy Jane Doe\n\nAs an AI language model, I cannot browse the web.\n"
CLEAN = "# Title\n\nBy Jane Doe\n\nThe council met on Monday and agreed the budget.\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".contentcheck-*")]


# ---------------------------------------------------------------- 1. special files as outputs

def test_a_fifo_output_is_written_through_not_replaced(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    proc = cli("check", "a.md", "-o", str(fifo), cwd=tmp_path, timeout=60)
    reader.join(10)
    no_traceback(proc)
    assert proc.returncode == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and "chat-ai-self-reference" in got[0]


def test_a_symlink_output_writes_its_target_and_stays_a_link(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "report.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    proc = cli("check", "a.md", "-f", "json", "-o", "report.json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["documents"][0]["path"] == "a.md"
    assert not _temp_files(tmp_path)


def test_dev_fd_output_like_process_substitution(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([PY, "-m", "contentcheck", "check", "a.md", "-o", f"/dev/fd/{write_end}"],
                            cwd=tmp_path, env=ENV, pass_fds=(write_end,), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        report = fh.read().decode("utf-8")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert "chat-ai-self-reference" in report


@pytest.mark.skipif(not IS_ROOT, reason="creating a device node needs root")
def test_a_device_output_is_written_not_replaced(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    proc = cli("check", "a.md", "-o", str(null), "--output-json", str(null), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert not _temp_files(tmp_path)


# ---------------------------------------------------------------- 2. quadratic time on one article

def test_many_matches_in_one_block_are_not_quadratic(tmp_path):
    # 200 KB, one paragraph, 8,000 matches: 82 s before (each match re-split the block).
    write(tmp_path / "p.md", "As an AI language model. " * 8000)
    started = time.monotonic()
    proc = cli("check", "p.md", "-f", "json", cwd=tmp_path, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert time.monotonic() - started < 60
    assert len(json.loads(proc.stdout)["documents"][0]["findings"]) >= 1


def test_de_duplication_is_not_pairwise():
    from contentcheck.engine.check import _dedupe
    from contentcheck.results import Finding

    findings = [Finding("r", "c", "warning", line, 1, line, 10, "m", "t") for line in range(1, 30001)]
    findings += [Finding("r2", "c", "error", 5, 3, 5, 6, "m", "t")]  # overlaps line 5: wins, more severe
    started = time.process_time()
    kept = _dedupe(findings)
    assert time.process_time() - started < 5  # about 60 s when every pair was compared
    assert len(kept) == 30000
    assert not any(f.rule == "r" and f.line == 5 for f in kept)


# ---------------------------------------------------------------- 3. file names that are not UTF-8

@pytest.fixture
def latin1_tree(tmp_path):
    (tmp_path / "docs").mkdir()
    Path(os.fsdecode(bytes(tmp_path / "docs") + b"/caf\xe9.md")).write_text(LEFTOVER, encoding="utf-8")
    write(tmp_path / "docs" / "ok.md", CLEAN)
    return tmp_path


def test_a_name_that_is_not_utf8_is_reported_not_fatal(latin1_tree):
    proc = subprocess.run([PY, "-m", "contentcheck", "check", "docs", "-f", "json"], cwd=latin1_tree,
                          env=ENV, capture_output=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout.decode("utf-8"))  # strict UTF-8
    paths = {d["path"] for d in report["documents"]}
    assert paths == {"docs/caf\\xe9.md", "docs/ok.md"}
    text = subprocess.run([PY, "-m", "contentcheck", "check", "docs"], cwd=latin1_tree, env=ENV,
                          capture_output=True, timeout=60)
    assert text.returncode == 1 and b"Traceback" not in text.stderr
    assert b"docs/caf\\xe9.md:5:1" in text.stdout


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=cwd,
                   check=True, capture_output=True)


def test_changed_since_with_a_name_that_is_not_utf8(latin1_tree):
    _git(latin1_tree, "init", "-q")
    _git(latin1_tree, "add", ".")
    _git(latin1_tree, "commit", "-qm", "first")
    name = os.fsdecode(bytes(latin1_tree / "docs") + b"/caf\xe9.md")
    with open(name, "a", encoding="utf-8") as fh:
        fh.write("\nMore.\n")
    proc = cli("check", "docs", "--changed-since", "HEAD", "-f", "json", cwd=latin1_tree)
    no_traceback(proc)
    assert proc.returncode == 1
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["docs/caf\\xe9.md"]


# ---------------------------------------------------------------- 5. a closed pipe keeps the exit code

def test_a_reader_that_goes_away_does_not_turn_a_failure_into_success(tmp_path):
    for i in range(300):
        write(tmp_path / "docs" / f"d{i:03d}.md", LEFTOVER)
    script = f"set -o pipefail; {PY} -m contentcheck check docs --no-progress | head -1"
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=ENV, capture_output=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr and b"Exception ignored" not in proc.stderr
    assert proc.stdout.count(b"\n") == 1



def test_a_reader_that_goes_away_from_a_listing_is_no_failure(tmp_path):
    # "rules list" has no gate: a reader that took what it wanted is a success, quietly
    script = f"set -o pipefail; {PY} -m contentcheck rules list | head -1"
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=ENV, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b"" and proc.stdout.count(b"\n") == 1

# ---------------------------------------------------------------- 6. options injected into git

def test_changed_since_cannot_pass_options_to_git(tmp_path):
    write(tmp_path / "a.md", CLEAN)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    for rev in (f"--output={victim}", f"--output={tmp_path / 'new.txt'}"):
        proc = cli("check", ".", f"--changed-since={rev}", cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2
        assert "bad revision" in proc.stderr and proc.stderr.count("\n") == 1
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "new.txt").exists()


# ---------------------------------------------------------------- 7. SIGTERM and SIGHUP

def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc to see the workers")
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_terminating_signals_stop_workers_and_leave_no_temporary_report(tmp_path, signum, code):
    body = LEFTOVER + "\n".join(f"Paragraph {i} says the budget rose by {i}% this year." for i in range(200))
    for i in range(1500):
        write(tmp_path / "docs" / f"d{i:04d}.md", body)
    (tmp_path / "out").mkdir()
    # The signal at its default, as a shell gives it: under nohup SIGHUP is ignored, and contentcheck keeps
    # the handlers its caller chose.
    proc = subprocess.Popen([PY, "-m", "contentcheck", "check", "docs", "-j", "2", "--no-progress",
                             "-o", "out/report.json", "-f", "json"], cwd=tmp_path, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signum, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(_children(proc.pid)) >= 2 and _temp_files(tmp_path / "out"):
            break
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert proc.poll() is None and len(workers) >= 2, "the run ended before it could be signalled"
    os.kill(proc.pid, signum)
    out, err = proc.communicate(timeout=15)  # returns only once no worker holds the pipes
    assert proc.returncode == code, err
    assert b"Traceback" not in err
    assert not _temp_files(tmp_path / "out")
    assert not (tmp_path / "out" / "report.json").exists()
    time.sleep(0.2)
    assert not [w for w in workers if _alive(w)]


# ---------------------------------------------------------------- 8. --jobs has a ceiling

def test_jobs_is_capped_by_inputs_and_cores(tmp_path, monkeypatch, capsys):
    from contentcheck.scale import local, workers

    for i in range(7):
        write(tmp_path / f"d{i}.md", LEFTOVER)
    started: list[int] = []
    real = workers.start_pool

    def recording(jobs, *args):
        started.append(jobs)
        return real(jobs, *args)

    monkeypatch.setattr(workers, "start_pool", recording)
    monkeypatch.chdir(tmp_path)
    assert main(["check", ".", "-j", "300", "--no-progress", "--no-config"]) == 1
    assert started and max(started) <= min(7, local.JOBS_PER_CORE * local.default_jobs())
    capsys.readouterr()
    main(["check", "--help"])
    assert "at most twice the cores" in " ".join(capsys.readouterr().out.split())


# ---------------------------------------------------------------- 9. disk full

def _limit_file_size(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, as a full disk gives ENOSPC
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _run_limited(args, cwd, limit):
    proc = subprocess.run([PY, "-m", "contentcheck", *args], cwd=cwd, env=ENV, capture_output=True,
                          timeout=120, preexec_fn=_limit_file_size(limit))
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def test_a_full_disk_names_the_file_and_leaves_no_temporary_file(tmp_path):
    for i in range(40):
        write(tmp_path / "docs" / f"d{i:02d}.md", LEFTOVER)
    code, err = _run_limited(["check", "docs", "-o", "report.txt", "--no-progress"], tmp_path, 2000)
    assert code == 2 and "Traceback" not in err
    assert "cannot write the report report.txt: File too large" in err
    assert not _temp_files(tmp_path) and not (tmp_path / "report.txt").exists()
    code, err = _run_limited(["check", "docs", "--statistics", "-o", "counts.txt", "--write-baseline",
                              "base.json", "--no-progress"], tmp_path, 2000)
    assert code == 2 and "cannot write the baseline base.json" in err, err
    assert not _temp_files(tmp_path) and not (tmp_path / "base.json").exists()


def test_dev_full_is_a_located_error(tmp_path):
    write(tmp_path / "a.md", LEFTOVER)
    proc = cli("check", "a.md", "-o", "/dev/full", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "cannot write the report /dev/full: No space left on device" in proc.stderr


# ---------------------------------------------------------------- 12. two outputs, one file

@pytest.mark.parametrize("second", [["--output-sarif", "r"], ["--write-baseline", "r"], ["--output-json", "./r"]])
def test_two_outputs_to_one_file_are_refused(tmp_path, second):
    write(tmp_path / "a.md", LEFTOVER)
    proc = cli("check", "a.md", "-o", "r", *second, cwd=tmp_path)
    assert proc.returncode == 2
    assert "both write" in proc.stderr and proc.stderr.count("\n") == 1
    assert not (tmp_path / "r").exists()


# ---------------------------------------------------------------- 13. directives in inline code

def test_a_directive_shown_in_inline_code_does_not_disable_the_file(tmp_path):
    write(tmp_path / "a.md", "# Title\n\nBy Jane Doe\n\nWrite `<!-- contentcheck-disable-file -->` "
                             "to turn checks off.\n\nAs an AI language model, I cannot.\n")
    proc = cli("check", "a.md", "-f", "json", cwd=tmp_path)
    assert proc.returncode == 1
    assert [f["rule"] for f in json.loads(proc.stdout)["documents"][0]["findings"]] == ["chat-ai-self-reference"]
    write(tmp_path / "b.md", "# Title\n\n<!-- contentcheck-disable-file -->\n\nAs an AI language model.\n")
    assert cli("check", "b.md", cwd=tmp_path).returncode == 0


# ---------------------------------------------------------------- 14. control characters

def test_a_file_name_cannot_forge_report_lines(tmp_path):
    name = "a.md\n  forged.md:1:1  error    fake-rule  forged\n::error file=x.md::forged\n\x1b[2J.md"
    write(tmp_path / "docs" / name, LEFTOVER)
    rules = write(tmp_path / "rules.yaml", "rules:\n  - id: esc\n    category: house\n    severity: error\n"
                                            "    kind: phrase\n    phrases: [budget]\n"
                                            "    message: \"bad \\e[31m news\\nline\"\n")
    write(tmp_path / "docs" / "b.md", CLEAN)
    for fmt in ("text", "github"):
        proc = cli("check", "docs", "-r", str(rules), "-f", fmt, cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 1
        assert "\x1b" not in proc.stdout, fmt
        lines = proc.stdout.splitlines()
        assert not any(line.startswith("::error file=x.md") for line in lines), fmt
        forged = [line for line in lines if "forged.md:1:1" in line]
        assert all("docs/a.md\\x0a  forged.md:1:1" in line or "%0A" in line for line in forged), fmt
        if fmt == "text":
            assert any(line.startswith("docs/a.md\\x0a  forged.md") for line in lines)
            assert "bad \\x1b[31m news\\x0aline" in proc.stdout
