"""End to end: `python -m contentcheck` run as a user would, from the repository root."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from contentcheck import __version__

from ..conftest import REPO, SAMPLES, cli_env, run_cli, run_json, write_rules

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SEED = "samples/seed-shaped-scrape.txt"

# What samples/README.md says each sample must produce: category -> lines
# (missing-author: True when the document has no accountable author).
EXPECTED = {
    "samples/seed-shaped-scrape.txt": {
        "fiction-disclaimer": {22}, "template-leftover": {4, 22, 24, 31, 33}, "missing-author": True,
        "unattributed-claim": set()},
    "samples/flawed-ai-rewrite.html": {
        "fiction-disclaimer": set(), "template-leftover": {23, 26, 31}, "missing-author": True,
        "unattributed-claim": {27, 28, 29}},
    "samples/flawed-post.md": {
        "fiction-disclaimer": set(), "template-leftover": {20, 32}, "missing-author": True,
        "unattributed-claim": {24}},
}
CLEAN = ["samples/clean-news.html", "samples/clean-post.md", "samples/clean-note.txt", "samples/satire.md"]


@pytest.fixture(scope="module")
def samples_text():
    return run_cli("check", "samples/")


@pytest.fixture(scope="module")
def samples_json():
    proc = run_cli("check", "samples/", "--format", "json")
    assert "Traceback" not in proc.stderr
    return proc


def _docs(report: dict) -> dict[str, dict]:
    return {d["path"]: d for d in report["documents"]}


# ---------------------------------------------------------------- samples

def test_check_samples_fails_the_gate(samples_text):
    assert samples_text.returncode == 1
    assert "Traceback" not in samples_text.stderr


@pytest.mark.parametrize("line,rule,text", [
    (4, "counter-or-share-bar", "Views: 431"),
    (22, "fiction-disclaimer", "this edited version"),
    (24, "related-content-widget", "You May Also Like"),
    (29, "missing-author", "Author"),
    (31, "related-content-widget", "Must Read"),
    (33, "empty-state-text", "No results found"),
])
def test_seed_sample_findings_in_text_report(samples_text, line, rule, text):
    rows = [r for r in samples_text.stdout.splitlines() if f"{SEED}:{line}:" in r]
    assert any(rule in r and text in r for r in rows), (line, rows)


def test_seed_missing_author_points_at_the_author_label(samples_json):
    docs = _docs(json.loads(samples_json.stdout))
    (f,) = [f for f in docs[SEED]["findings"] if f["rule"] == "missing-author"]
    assert (f["line"], f["column"], f["text"]) == (29, 1, "Author")
    assert f["severity"] == "warning"


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_flawed_samples_match_their_readme(samples_json, path):
    doc = _docs(json.loads(samples_json.stdout))[path]
    for category, expected in EXPECTED[path].items():
        lines = {f["line"] for f in doc["findings"] if f["category"] == category}
        if category == "missing-author":
            assert bool(lines) is expected, (category, lines)
        else:
            assert lines == expected, (category, sorted(lines))


@pytest.mark.parametrize("path", CLEAN)
def test_clean_samples_have_no_findings(samples_json, path):
    doc = _docs(json.loads(samples_json.stdout))[path]
    assert doc["findings"] == []
    assert doc["score"] == 100
    assert doc["error"] is None


@pytest.mark.parametrize("path", CLEAN)
def test_clean_sample_alone_exits_0(path):
    proc = run_cli("check", path)
    assert proc.returncode == 0, proc.stdout
    assert "No problems found." in proc.stdout


def test_samples_readme_is_not_checked_in_a_folder_walk(samples_json):
    paths = [d["path"] for d in json.loads(samples_json.stdout)["documents"]]
    assert "samples/README.md" not in paths
    assert sorted(paths) == sorted(list(EXPECTED) + CLEAN)
    assert paths == sorted(paths)


# ---------------------------------------------------------------- JSON contract

def test_json_report_validates_and_follows_the_contract(samples_json, validate_report):
    report = json.loads(samples_json.stdout)
    validate_report(report)
    assert report["version"] == __version__
    assert list(report) == ["version", "documents", "summary"]
    total = 0
    for doc in report["documents"]:
        assert {"path", "format", "score", "error", "metadata", "findings"} <= set(doc)
        assert doc["format"] in ("html", "markdown", "text")
        assert "\\" not in doc["path"]
        lines = (REPO / doc["path"]).read_text(encoding="utf-8").split("\n")
        expected_score = 1.0
        for f in doc["findings"]:
            assert 1 <= f["line"] <= f["end_line"] <= len(lines)
            assert f["column"] >= 1 and f["end_column"] >= 1
            if f["line"] == f["end_line"]:
                assert f["end_column"] >= f["column"]
            if f["text"] and doc["format"] != "html":
                assert lines[f["line"] - 1][f["column"] - 1:].startswith(f["text"].split()[0])
            expected_score *= 1 - {"error": 0.25, "warning": 0.10, "info": 0.02}[f["severity"]]
        assert doc["score"] == round(100 * expected_score, 1)
        keys = [(f["line"], f["column"]) for f in doc["findings"]]
        assert keys == sorted(keys)
        total += len(doc["findings"])
    summary = report["summary"]
    assert summary["documents"] == len(report["documents"]) == 7
    assert summary["checked"] == 7 and summary["unreadable"] == 0
    assert summary["findings"] == total == sum(summary["by_severity"].values())
    assert sum(summary["by_category"].values()) == total
    scores = [d["score"] for d in report["documents"]]
    assert summary["min_score"] == min(scores)
    assert summary["mean_score"] == pytest.approx(sum(scores) / len(scores), abs=0.051)


def test_json_metadata_of_a_clean_sample(samples_json):
    doc = _docs(json.loads(samples_json.stdout))["samples/clean-note.txt"]
    assert doc["metadata"]["author"] == "Alasdair Kinnear"
    assert doc["metadata"]["title"]


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    proc = run_cli("check", "samples/", "--format", "json", "-o", str(out))
    assert proc.returncode == 1
    assert proc.stdout == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["documents"]) == 7
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_output_file_text_format(tmp_path):
    out = tmp_path / "report.txt"
    proc = run_cli("check", SEED, "--output", str(out))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert f"{SEED}:4:1" in out.read_text(encoding="utf-8")


def test_jobs_do_not_change_the_report():
    one = run_cli("check", "samples/", "--format", "json", "--jobs", "1")
    two = run_cli("check", "samples/", "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stdout.encode() == two.stdout.encode()


# ---------------------------------------------------------------- exit codes

def test_exit_0_when_nothing_fails(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Harbour reopens\n\nBy Jane Doe\n\nThe harbour reopened on Monday.\n", encoding="utf-8")
    proc = run_cli("check", str(doc))
    assert proc.returncode == 0
    assert "No problems found." in proc.stdout


def test_fail_on_and_fail_under(tmp_path):
    doc = tmp_path / "note.txt"  # one warning (missing author), nothing else
    doc.write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n", encoding="utf-8")
    assert run_cli("check", str(doc)).returncode == 0
    assert run_cli("check", str(doc), "--fail-on", "warning").returncode == 1
    assert run_cli("check", str(doc), "--fail-on", "info").returncode == 1
    assert run_cli("check", SEED, "--fail-on", "never").returncode == 0
    assert run_cli("check", str(doc), "--fail-under", "85").returncode == 0
    assert run_cli("check", str(doc), "--fail-under", "95").returncode == 1


def test_broken_rule_file_exits_2_and_names_file_and_line(tmp_path):
    rules = write_rules(tmp_path, """
        rules:
          - id: house-rule
            category: test
            message: m
            kind: phrase
            phrases: ["x"]
            standalon: true
        """, "house.yaml")
    proc = run_cli("check", SEED, "--rules", str(rules))
    assert proc.returncode == 2
    assert f"{rules}:7:5:" in proc.stderr
    assert "standalon" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_missing_rule_file_exits_2(tmp_path):
    proc = run_cli("check", SEED, "--rules", str(tmp_path / "absent.yaml"))
    assert proc.returncode == 2
    assert "absent.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_nonexistent_input_exits_2_and_others_are_still_reported(validate_report):
    code, report = run_json("check", "samples/clean-note.txt", "no-such-file.md", SEED)
    assert code == 2
    validate_report(report)
    docs = _docs(report)
    assert list(docs) == ["samples/clean-note.txt", "no-such-file.md", SEED]
    missing = docs["no-such-file.md"]
    assert missing["error"] and missing["score"] is None and missing["findings"] == []
    assert docs["samples/clean-note.txt"]["error"] is None
    assert docs[SEED]["findings"]
    assert report["summary"]["unreadable"] == 1


def test_nonexistent_input_in_text_report():
    proc = run_cli("check", "no-such-file.md")
    assert proc.returncode == 2
    assert "no-such-file.md" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_binary_input_is_reported_not_decoded(tmp_path, validate_report):
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "ok.txt").write_text("Title\n\nBy Jane Doe\n\nText.\n", encoding="utf-8")
    code, report = run_json("check", str(tmp_path))
    assert code == 2
    validate_report(report)
    errors = {Path(d["path"]).name: d["error"] for d in report["documents"]}
    assert "binary" in errors["photo.html"]
    assert errors["ok.txt"] is None


@pytest.mark.parametrize("args", [["--format", "yaml"], ["--fail-on", "sometimes"], ["--stdin-format", "rtf"]])
def test_bad_options_exit_2(args):
    proc = run_cli("check", SEED, *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------- stdin

def test_stdin_with_format_and_name():
    draft = "---\ntitle: Draft\nauthor: Jane Doe\n---\n\nThe council met.\n\nI apologize for the confusion.\n"
    code, report = run_json("check", "-", "--stdin-format", "markdown", "--stdin-name", "drafts/draft.md",
                            input=draft)
    assert code == 1
    (doc,) = report["documents"]
    assert (doc["path"], doc["format"]) == ("drafts/draft.md", "markdown")
    assert doc["metadata"]["author"] == "Jane Doe"
    assert [(f["rule"], f["line"], f["column"]) for f in doc["findings"]] == [("chat-assistant-leftover", 8, 1)]


def test_stdin_text_report_uses_the_name():
    proc = run_cli("check", "-", "--stdin-format", "text", "--stdin-name", "piped.txt",
                   input="Headline\n\nBy Jane Doe\n\nI apologize for the confusion.\n")
    assert proc.returncode == 1
    assert "piped.txt:5:1" in proc.stdout


def test_stdin_html_chrome_is_separated():
    page = ("<html><body><article><p>By Jane Doe</p><p>The council met on Monday.</p></article>"
            "<aside class='related'><h3>You May Also Like</h3></aside></body></html>")
    code, report = run_json("check", "-", "--stdin-format", "html", input=page)
    assert code == 0
    assert report["documents"][0]["findings"] == []
    assert report["documents"][0]["path"] == "<stdin>"


def test_stdin_bytes_are_decoded_like_files():
    data = b"\xef\xbb\xbfHeadline\r\n\r\nBy Jane Doe\r\n\r\nI apologize for the confusion.\r\n"
    code, report = run_json("check", "-", "--stdin-format", "text", input=data)
    assert code == 1
    assert [(f["line"], f["column"]) for f in report["documents"][0]["findings"]] == [(5, 1)]


def test_stdin_and_files_together():
    code, report = run_json("check", "-", "samples/clean-note.txt", "--stdin-format", "text",
                            input="Title\n\nBy Jane Doe\n\nFine.\n")
    assert code == 0
    assert [d["path"] for d in report["documents"]] == ["<stdin>", "samples/clean-note.txt"]


# ---------------------------------------------------------------- colour

def test_piped_output_has_no_ansi(samples_text):
    assert not ANSI.search(samples_text.stdout)
    assert not ANSI.search(samples_text.stderr)


def _run_on_tty(*args: str, env: dict[str, str]) -> str:
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "contentcheck", *args], cwd=str(REPO), env=env,
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pseudo-terminal")
def test_terminal_colour_and_no_color():
    coloured = _run_on_tty("check", SEED, env=cli_env())
    assert ANSI.search(coloured), "expected colour on a terminal"
    plain = _run_on_tty("check", SEED, env=cli_env(NO_COLOR="1"))
    assert "seed-shaped-scrape.txt:4:1" in plain
    assert not ANSI.search(plain)


def test_no_color_env_when_piped():
    proc = run_cli("check", SEED, env=cli_env(NO_COLOR="1"))
    assert not ANSI.search(proc.stdout)


# ---------------------------------------------------------------- rules subcommands

def test_rules_list():
    proc = run_cli("rules", "list")
    assert proc.returncode == 0
    rows = {line.split()[0]: line.split() for line in proc.stdout.splitlines() if line.strip()}
    assert rows["missing-author"][1:4] == ["missing-author", "warning", "metadata"]
    assert rows["related-content-widget"][1:4] == ["template-leftover", "warning", "phrase"]
    assert "(disabled)" in " ".join(rows["fiction-without-disclaimer"])


def test_rules_list_with_user_rules(tmp_path):
    rules = write_rules(tmp_path, """
        rules:
          - id: house-plug
            category: template-leftover
            message: Plug
            kind: phrase
            phrases: ["Subscribe now"]
        """)
    proc = run_cli("rules", "list", "--rules", str(rules), "--no-default-rules")
    assert proc.returncode == 0
    assert [line.split()[0] for line in proc.stdout.splitlines() if line.strip()] == ["house-plug"]


def test_rules_show():
    proc = run_cli("rules", "show", "missing-author")
    assert proc.returncode == 0
    assert "missing-author.yaml" in proc.stdout
    assert "id: missing-author" in proc.stdout
    assert "kind: metadata" in proc.stdout
    assert "field: author" in proc.stdout


def test_rules_show_unknown_id_suggests():
    proc = run_cli("rules", "show", "missing-autor")
    assert proc.returncode == 2
    assert "missing-author" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_rules_validate_default_and_path(tmp_path):
    assert run_cli("rules", "validate").returncode == 0
    good = write_rules(tmp_path, """
        rules:
          - id: house-plug
            category: template-leftover
            message: Plug
            kind: phrase
            phrases: ["Subscribe now"]
        """, "good.yaml")
    proc = run_cli("rules", "validate", str(good))
    assert proc.returncode == 0
    assert "OK" in proc.stdout
    bad = write_rules(tmp_path, "rules:\n  - id: x\n    category: t\n    message: m\n    kind: nope\n", "bad.yaml")
    proc = run_cli("rules", "validate", str(bad))
    assert proc.returncode == 2
    assert f"{bad}:5:11:" in proc.stderr


def test_version():
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"contentcheck {__version__}"


def test_no_arguments_prints_help():
    proc = run_cli()
    assert "check" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------- user rules

def test_user_minimal_rule_fires(tmp_path):
    rules = write_rules(tmp_path, """
        rules:
          - id: house-newsletter-plug
            category: template-leftover
            severity: error
            message: Newsletter plug left in the body
            kind: phrase
            phrases: ["Subscribe to our weekly newsletter"]
        """, "house-rules.yaml")
    doc = tmp_path / "story.md"
    doc.write_text("---\nauthor: Jane Doe\n---\n\nThe harbour reopened.\n\nSubscribe to our weekly newsletter!\n",
                   encoding="utf-8")
    proc = run_cli("check", str(doc), "--rules", str(rules))
    assert proc.returncode == 1
    assert re.search(r"story\.md:7:1\s+error\s+house-newsletter-plug", proc.stdout), proc.stdout
    code, report = run_json("check", str(doc), "--rules", str(rules), "--no-default-rules")
    assert [f["rule"] for f in report["documents"][0]["findings"]] == ["house-newsletter-plug"]


def test_user_override_on_the_cli(tmp_path):
    rules = write_rules(tmp_path, "rules:\n  - id: missing-author\n    severity: error\n"
                                  "  - id: related-content-widget\n    enabled: false\n")
    code, report = run_json("check", SEED, "--rules", str(rules))
    findings = report["documents"][0]["findings"]
    assert ("missing-author", "error") in {(f["rule"], f["severity"]) for f in findings}
    assert "related-content-widget" not in {f["rule"] for f in findings}
    assert {f["line"] for f in findings} == {4, 22, 29, 33}


# ---------------------------------------------------------------- inputs

def _hashes(folder: Path) -> dict[str, tuple[str, float]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_inputs_are_not_modified(tmp_path):
    before = _hashes(SAMPLES)
    run_cli("check", "samples/", "--format", "json", "-o", str(tmp_path / "r.json"))
    run_cli("check", "samples/")
    assert _hashes(SAMPLES) == before


def test_folder_walk_skips_hidden_vendored_and_project_files(tmp_path):
    site = tmp_path / "site"
    files = {
        "a.md": "# A\n\nBy Jane Doe\n\nFine.\n",
        "sub/b.txt": "B\n\nBy Jane Doe\n\nFine.\n",
        "sub/deeper/c.html": "<html><body><article><p>By Jane Doe</p><p>Fine.</p></article></body></html>",
        ".hidden/d.md": "# D\n\nI apologize for the confusion.\n",
        "sub/.cache/e.md": "# E\n\nI apologize for the confusion.\n",
        "node_modules/pkg/f.md": "# F\n\nI apologize for the confusion.\n",
        "vendor/g.html": "<p>I apologize for the confusion.</p>",
        "README.md": "# Readme\n\nI apologize for the confusion.\n",
        "CHANGELOG.md": "# Changes\n\nI apologize for the confusion.\n",
        ".dotfile.md": "# H\n\nI apologize for the confusion.\n",
        "notes.rst": "I apologize for the confusion.\n",
    }
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    code, report = run_json("check", "site", cwd=tmp_path)
    assert code == 0, report
    assert [d["path"] for d in report["documents"]] == ["site/a.md", "site/sub/b.txt", "site/sub/deeper/c.html"]


def test_file_named_on_the_command_line_is_always_checked(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Readme\n\nI apologize for the confusion.\n", encoding="utf-8")
    code, report = run_json("check", "README.md", cwd=tmp_path)
    assert code == 1
    assert [d["path"] for d in report["documents"]] == ["README.md"]


def test_exclude_glob(tmp_path):
    for name in ("keep.md", "drafts/skip.md"):
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# T\n\nBy Jane Doe\n\nFine.\n", encoding="utf-8")
    code, report = run_json("check", "site", "--exclude", "site/drafts", cwd=tmp_path)
    assert [d["path"] for d in report["documents"]] == ["site/keep.md"]


def test_jobs_keep_input_order_with_unreadable_documents(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for i in range(6):
        (site / f"doc{i}.txt").write_text(f"Title {i}\n\nExperts say {i}.\n", encoding="utf-8")
    (site / "doc3.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    one = run_cli("check", "site", "missing.md", "--format", "json", "--jobs", "1", cwd=tmp_path)
    two = run_cli("check", "site", "missing.md", "--format", "json", "--jobs", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout
    paths = [d["path"] for d in json.loads(one.stdout)["documents"]]
    assert paths == ["site/doc0.txt", "site/doc1.txt", "site/doc2.txt", "site/doc3.html", "site/doc3.txt",
                     "site/doc4.txt", "site/doc5.txt", "missing.md"]


def test_output_file_has_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "report.json"
        existing = tmp_path / "existing.json"
        existing.write_text("{}", encoding="utf-8")
        existing.chmod(0o644)
        assert run_cli("check", "samples/clean-note.txt", "-o", str(out)).returncode == 0
        assert run_cli("check", "samples/clean-note.txt", "-o", str(existing)).returncode == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    assert existing.stat().st_mode & 0o777 == 0o644


def test_output_into_a_new_folder_and_onto_a_folder(tmp_path):
    out = tmp_path / "reports" / "r.json"
    assert run_cli("check", "samples/clean-note.txt", "-f", "json", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["documents"]
    proc = run_cli("check", "samples/clean-note.txt", "-o", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_the_quote_rule_that_is_off_finds_the_flawed_posts_bare_quotation_when_selected():
    doc = _docs(json.loads(run_cli("check", "samples/flawed-post.md", "--select", "unsourced-quote",
                                   "--format", "json").stdout))["samples/flawed-post.md"]
    assert [(f["rule"], f["line"]) for f in doc["findings"]] == [("unsourced-quote", 28)]
