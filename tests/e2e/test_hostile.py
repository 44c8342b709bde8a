"""Hostile inputs and untrusted rule files, one test per case of the hardening issue.

- Inputs: binary content, encodings, malformed and deeply nested HTML, huge
  files and --max-file-size, symbolic links, unreadable and vanishing files,
  inputs never modified, reports written atomically.
- Untrusted rule files: Python tags and alias bombs in YAML, catastrophic
  regular expressions in user rules, no network or outside file access.
- End to end: the CLI over tests/hostile/ (plus cases generated here).

Each test names the failure it guards against, so a regression says what
broke and how to see it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from contentcheck.api import check_input, check_inputs, check_text
from contentcheck.engine.check import check_document
from contentcheck.inputs.discover import Input, iter_inputs
from contentcheck.loaders import LoadError, load_document, parse_bytes, parse_text
from contentcheck.rulepack import RulePack, RulePackError

from ..loaders.test_properties import assert_points_at_text, offset_of

HERE = Path(__file__).resolve().parent.parent  # tests/
REPO = HERE.parent
HOSTILE = HERE / "hostile"
PY = sys.executable
MB = 1024 * 1024

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# ---------------------------------------------------------------- helpers

ENV = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
ENV["PYTHONIOENCODING"] = "utf-8"
ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))


def cli(*args: str, cwd: Path | str, timeout: float = 120, input: bytes | None = None,
        ) -> subprocess.CompletedProcess:
    """``python -m contentcheck ARGS`` (no configuration file), output as text."""
    proc = subprocess.run([PY, "-m", "contentcheck", *args], cwd=str(cwd), input=input,
                          capture_output=True, env=ENV, timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_peak_rss(*args: str, cwd: Path | str, timeout: float = 180) -> tuple[int, float, str, str]:
    """Run the CLI as the only child of a fresh interpreter: (exit code, peak RSS in MB, stdout, stderr)."""
    probe = textwrap.dedent("""
        import resource, subprocess, sys
        proc = subprocess.run([sys.executable, "-m", "contentcheck", *sys.argv[1:]], capture_output=True)
        sys.stdout.write(str(proc.returncode) + "\\n")
        sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + "\\n")
        sys.stdout.write(proc.stdout.decode("utf-8", "replace")[:200000])
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
    """)
    proc = subprocess.run([PY, "-c", probe, *args], cwd=str(cwd), capture_output=True, env=ENV,
                          timeout=timeout)
    out = proc.stdout.decode("utf-8", "replace").split("\n", 2)
    return int(out[0]), int(out[1]) / 1024, out[2] if len(out) > 2 else "", proc.stderr.decode("utf-8", "replace")


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "Traceback" not in proc.stdout, proc.stdout[-3000:]


def report_docs(report: dict) -> dict[str, dict]:
    return {d["path"]: d for d in report["documents"]}


def tree_digest(root: Path) -> dict[str, tuple[str, int]]:
    """Every entry under root (not following links): content hash or link target, and mode."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            if stat.S_ISLNK(st.st_mode):
                out[str(p.relative_to(root))] = ("-> " + os.readlink(p), st.st_mode)
            elif stat.S_ISREG(st.st_mode):
                out[str(p.relative_to(root))] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mode)
            else:
                out[str(p.relative_to(root))] = ("dir" if stat.S_ISDIR(st.st_mode) else "special", st.st_mode)
    return out


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


TEST_RULES = textwrap.dedent(r"""
    rules:
      - id: hostile-phrase
        category: test
        severity: warning
        message: phrase found
        kind: phrase
        phrases: ["café crème", "naïve", "don't panic", "the text"]
""")


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return RulePack.load()


@pytest.fixture(scope="module")
def test_pack(tmp_path_factory) -> RulePack:
    folder = tmp_path_factory.mktemp("rules")
    write(folder / "hostile-rules.yaml", TEST_RULES)
    return RulePack.load([str(folder / "hostile-rules.yaml")], use_default=True)


def user_pack(tmp_path: Path, rules: str, use_default: bool = False) -> RulePack:
    path = write(tmp_path / "user-rules.yaml", textwrap.dedent(rules).lstrip("\n"))
    return RulePack.load([str(path)], use_default=use_default)


# ================================================================ end to end over tests/hostile

# Files of tests/hostile/ that cannot be checked, and why (a word of the error).
UNREADABLE = {
    "binary/image-named.txt": "binary",
    "binary/jpeg-named.html": "binary",
    "binary/gzip-named.md": "binary",
    "binary/pdf-named.txt": "binary",
    "binary/nul-bytes.txt": "binary",
    "binary/nul-after-8k.md": "binary",
    "binary/utf16-without-bom.txt": "binary",
    "binary/elf-named.html": "binary",
}
CHECKED_EXTENSIONS = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt")


def hostile_files() -> list[str]:
    out = []
    for dirpath, _, filenames in os.walk(HOSTILE):
        for name in filenames:
            rel = (Path(dirpath) / name).relative_to(HOSTILE).as_posix()
            if name.lower().endswith(CHECKED_EXTENSIONS) and name.lower() != "readme.md":
                out.append(rel)
    return sorted(out)


def test_hostile_folder_is_small_and_complete():
    size = sum(p.stat().st_size for p in HOSTILE.rglob("*") if p.is_file())
    assert size < 2 * MB, f"tests/hostile is {size:,} bytes; generate big cases in tmp_path instead"
    files = hostile_files()
    assert len(files) >= 50
    assert set(UNREADABLE) <= set(files)


@pytest.fixture()
def hostile_tree(tmp_path):
    """A copy of tests/hostile plus generated cases too big, or too odd, to keep in git."""
    root = tmp_path / "hostile"
    shutil.copytree(HOSTILE, root)
    gen = root / "generated"
    write(gen / "deep-nesting-60000.html",
          "<html><body>" + "<div>" * 60000 + "<p>The text at the bottom.</p>" + "</div>" * 60000 + "</body></html>")
    write(gen / "deep-unclosed-60000.html", "<p>" + "<div><span><b>" * 60000 + "The text, never closed.")
    write(gen / "deep-quotes-60000.md", "# Deep\n\n" + "> " * 60000 + "the quote\n")
    write(gen / "too-big.txt", "Title\n\n" + ("The text of the article. " * 20 + "\n\n") * 5000)  # > 2 MB
    # Symbolic links: a loop, a link out of the folder, a link to a missing file inside it.
    outside = tmp_path / "outside"
    write(outside / "secret.txt", "Outside\n\nA file outside the folder being checked.\n")
    (gen / "loop").symlink_to("..", target_is_directory=True)
    (gen / "out-of-root").symlink_to(outside, target_is_directory=True)
    (gen / "link-out.txt").symlink_to(outside / "secret.txt")
    (gen / "dangling.txt").symlink_to(gen / "missing-target.txt")
    return root


def expected_unreadable(root: Path) -> dict[str, str]:
    out = {f"hostile/{k}": v for k, v in UNREADABLE.items()}
    out["hostile/generated/too-big.txt"] = "max-file-size"
    out["hostile/generated/dangling.txt"] = "no such file"
    return out


def expected_paths(root: Path) -> set[str]:
    paths = {f"hostile/{p}" for p in hostile_files()}
    paths |= {"hostile/generated/deep-nesting-60000.html", "hostile/generated/deep-unclosed-60000.html",
              "hostile/generated/deep-quotes-60000.md", "hostile/generated/too-big.txt",
              "hostile/generated/dangling.txt"}
    return paths


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_over_hostile_folder(hostile_tree, tmp_path, jobs):
    """Bounded time, no traceback, every input in the report, exit 2, inputs unchanged."""
    before = tree_digest(hostile_tree)
    (tmp_path / "report.json").write_text("{}")
    started = time.monotonic()
    proc = cli("check", "hostile", "--format", "json", "-o", "report.json", "--max-file-size", "2",
               "-j", jobs, "--no-progress", cwd=tmp_path, timeout=180)
    elapsed = time.monotonic() - started
    no_traceback(proc)
    assert elapsed < 90, f"the run took {elapsed:.0f}s"
    assert proc.returncode == 2, proc.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    docs = report_docs(report)
    assert set(docs) == expected_paths(hostile_tree), set(docs) ^ expected_paths(hostile_tree)
    unreadable = expected_unreadable(hostile_tree)
    for path, doc in docs.items():
        if path in unreadable:
            assert doc["error"] and unreadable[path] in doc["error"], (path, doc["error"])
            assert doc["score"] is None
        else:
            assert doc["error"] is None, (path, doc["error"])
            assert doc["score"] is not None
    assert report["summary"]["documents"] == len(docs)
    assert report["summary"]["unreadable"] == len(unreadable)
    # Links out of the folder are not followed; the loop is walked once.
    assert not any("secret" in p or "/loop/" in p for p in docs)
    # Inputs unchanged, nothing created among them, no Python tag executed.
    assert tree_digest(hostile_tree) == before
    assert not (tmp_path / "HOSTILE_PWNED").exists() and not (hostile_tree / "HOSTILE_PWNED").exists()
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".contentcheck-")]


def test_cli_over_hostile_folder_text_report(hostile_tree, tmp_path):
    """The text report names every input that could not be read and counts every input."""
    proc = cli("check", "hostile", "--max-file-size", "2", "--no-progress", cwd=tmp_path, timeout=180)
    no_traceback(proc)
    assert proc.returncode == 2
    unreadable = expected_unreadable(hostile_tree)
    for path in unreadable:
        assert path in proc.stdout, path
    total = len(expected_paths(hostile_tree))
    assert f"{total} documents checked ({len(unreadable)} could not be read)" in proc.stdout, proc.stdout[-500:]


def test_jobs_do_not_change_the_report(tmp_path):
    shutil.copytree(HOSTILE, tmp_path / "hostile")
    reports = []
    for jobs in ("1", "2"):
        proc = cli("check", "hostile", "--format", "json", "-j", jobs, "--no-progress", cwd=tmp_path)
        no_traceback(proc)
        reports.append(json.loads(proc.stdout)["documents"])
    assert reports[0] == reports[1]


# ================================================================ binary content

BINARY_FILES = sorted(UNREADABLE)


@pytest.mark.parametrize("name", BINARY_FILES)
@pytest.mark.parametrize("fmt", [None, "html", "markdown", "text"])
def test_binary_is_a_load_error_not_garbage(name, fmt):
    data = (HOSTILE / name).read_bytes()
    with pytest.raises(LoadError, match="binary"):
        parse_bytes(name, data, fmt)


@pytest.mark.parametrize("name", ["binary/image-named.txt", "binary/nul-bytes.txt"])
def test_binary_on_stdin_is_reported(tmp_path, name):
    proc = cli("check", "-", "--stdin-format", "text", "--format", "json", cwd=tmp_path,
               input=(HOSTILE / name).read_bytes())
    no_traceback(proc)
    assert proc.returncode == 2
    (doc,) = json.loads(proc.stdout)["documents"]
    assert "binary" in doc["error"] and doc["score"] is None


# ================================================================ encodings

ENCODED = [
    "encodings/utf8-bom.html", "encodings/utf8-bom-front-matter.md", "encodings/utf16le-bom.txt",
    "encodings/utf16be-bom.html", "encodings/utf32le-bom.md", "encodings/cp1252-meta-charset.html",
    "encodings/latin1-http-equiv.html", "encodings/cp1252-xml-declaration.xhtml",
    "encodings/utf8-declared-but-cp1252.html",
    "encodings/unknown-charset.html",
    "encodings/cp1252-undeclared.txt",
    "encodings/latin1-undeclared.txt",
]
ACCENTED = ("café", "crème", "naïve", "Renée", "résumé")
MOJIBAKE = ("Ã", "Â", "\ufffd", "č", "ď", "ķ", "Ķ")


@pytest.mark.parametrize("name", ENCODED)
def test_encodings_decode_without_mojibake_and_positions_are_exact(name, test_pack):
    doc = load_document(str(HOSTILE / name), display_path=name)
    assert not doc.source.startswith("\ufeff")
    for word in ACCENTED:
        assert word in doc.source, (name, word, doc.source[:300])
    assert not any(m in doc.source for m in MOJIBAKE), (name, doc.source[:300])
    result = check_document(doc, test_pack)
    # (adjacent matches of one rule are reported as one finding: "café crème and the naïve")
    hits = [f for f in result.findings if f.rule == "hostile-phrase" and f.text.startswith("café crème")]
    assert hits, (name, [(f.rule, f.text) for f in result.findings])
    for f in result.findings:
        assert_points_at_text(doc.source, doc.format, f)
    f = hits[0]
    start = offset_of(doc.source, f.line, f.column)
    assert doc.source[start:start + len("café crème")] == "café crème"


def test_short_undeclared_cp1252_text_is_not_mojibake(test_pack):
    data = "Menu\n\nOrder a “café crème” — a naïve résumé. It costs €3.\n".encode("cp1252")
    doc = parse_bytes("menu.txt", data)
    assert "café crème" in doc.source and "naïve" in doc.source, doc.source


def test_html_numeric_references_128_to_159_are_windows_1252(test_pack):
    source = "<html><body><article><p>Don&#146;t panic, &#147;now&#148; &#150; &#128;5.</p></article></body></html>"
    doc = parse_text("page.html", source, "html")
    body = doc.scope("body").text
    assert "Don\u2019t panic, \u201cnow\u201d \u2013 \u20ac5." in body, repr(body)
    result = check_document(doc, test_pack)
    assert any(f.text == "Don\u2019t panic" for f in result.findings), [f.text for f in result.findings]


def test_legacy_entity_prefix_maps_letters_exactly(test_pack):
    source = "<p>Rock&ampthe text of it</p>"
    result = check_text(source, test_pack, fmt="html")
    (f,) = [f for f in result.findings if f.rule == "hostile-phrase"]
    assert f.text == "the text"
    assert f.column == source.index("the text") + 1, f


@pytest.mark.parametrize("fmt,source", [
    ("text", "Title here\n\n   Views: 218\n"),
    ("markdown", "# Title here\n\n\u00a0You May Also Like\n"),
    ("text", "Title here\n\n\u3000No results found.\n"),
    ("html", "<html><body><article><h1>Title</h1><p>\u00a0 You May Also Like</p></article></body></html>"),
])
def test_finding_starts_at_its_text_not_at_indentation(fmt, source, pack):
    result = check_text(source, pack, fmt=fmt)
    hits = [f for f in result.findings if f.category == "template-leftover"]
    assert hits, [(f.rule, f.text) for f in result.findings]
    for f in hits:
        start = offset_of(source, f.line, f.column)
        assert source.startswith(f.text.split()[0], start), (f, source[start:start + 30])


def test_unused_suppression_span_covers_its_comment(pack):
    source = "Title\n\n<!-- contentcheck-disable -->\nThe text.\n"
    result = check_text(source, pack, fmt="text")
    (f,) = [f for f in result.findings if f.rule == "unused-suppression"]
    start = offset_of(source, f.line, f.column)
    end = offset_of(source, f.end_line, f.end_column)
    assert f.text in source[start:end], (f, source[start:end])


def test_html_pattern_match_across_blocks_has_matching_span(tmp_path):
    """A pattern never reports text that its span does not cover (blocks are matched one by one)."""
    p = user_pack(tmp_path, r"""
        rules:
          - id: purple-rain
            category: test
            message: m
            kind: pattern
            pattern: "purple\\s+rain"
    """)
    for fmt, source in [("html", "<p>Title</p><p>The purple</p>\n<p>rain fell.</p>"),
                        ("markdown", "# Title\n\nThe purple\n\nrain fell.\n"),
                        ("html", "<p>The purple\n rain fell.</p>")]:
        doc = parse_text("x", source, fmt)
        for f in check_document(doc, p).findings:
            assert_points_at_text(source, fmt, f)
            if f.rule == "purple-rain":
                start, end = offset_of(source, f.line, f.column), offset_of(source, f.end_line, f.end_column)
                assert source[start:end].split() == f.text.split(), (f, source[start:end])


# ================================================================ malformed HTML, nesting, size

NESTED = {
    "divs": "<html><body>" + "<div>" * 60000 + "<p>The text at the bottom.</p>" + "</div>" * 60000 + "</body></html>",
    "unclosed inline": "<p>" + "<div><span><b>" * 60000 + "The text, never closed.",
    "lists": "<ul><li>" * 60000 + "The text of the deepest item.",
    "tables": "<table><tr><td>" * 30000 + "The text of the deepest cell.",
    "stray closers": "<p>The text.</p>" + "</div></span></p>" * 60000,
    "quotes and sections": "<article>" + "<section><blockquote>" * 30000 + "<p>The text.</p>",
    "json-ld": '<script type="application/ld+json">' + "[" * 100000 + "]" * 100000 + "</script><p>The text.</p>",
}


@pytest.mark.parametrize("case", sorted(NESTED))
def test_60000_levels_of_nesting_no_recursion_error(case, test_pack):
    source = NESTED[case]
    started = time.process_time()
    doc = parse_text("deep.html", source, "html")
    result = check_document(doc, test_pack)
    assert time.process_time() - started < 30
    assert result.error is None
    assert any(f.text.startswith("The text") for f in result.findings), [f.text for f in result.findings]
    for f in result.findings:
        assert_points_at_text(source, "html", f)


@pytest.mark.parametrize("source", [
    "# Deep\n\n" + "> " * 60000 + "The text of the quote.\n",
    "# Deep\n\n" + "".join("  " * (i % 400) + "- The text of the item\n" for i in range(5000)),
    "---\nauthor: " + "[" * 60000 + "]" * 60000 + "\n---\n\n# Deep\n\nThe text of it.\n",
    "---\nauthor: " + "{a: " * 20000 + "1" + "}" * 20000 + "\n---\n\n# Deep\n\nThe text of it.\n",
])
def test_deep_markdown_and_front_matter(source, test_pack):
    # CPU time, not wall time: what grows with a quadratic walk, whatever else the machine runs.
    started = time.process_time()
    doc = parse_text("deep.md", source, "markdown")
    result = check_document(doc, test_pack)
    assert time.process_time() - started < 30
    assert result.error is None
    assert any(f.text == "The text" for f in result.findings)
    for f in result.findings:
        assert_points_at_text(source, "markdown", f)


def test_deep_front_matter_is_a_located_warning(test_pack):
    source = "---\nauthor: " + "[" * 5000 + "]" * 5000 + "\n---\n\n# Deep\n\nThe text of it.\n"
    result = check_document(parse_text("deep.md", source, "markdown"), test_pack)
    warnings = [f for f in result.findings if f.rule == "invalid-front-matter"]
    assert warnings and "YAML" in warnings[0].message


def _big_html(path: Path, size: int) -> Path:
    """A realistic page of about ``size`` bytes: paragraphs, inline markup, a few entities."""
    para = ("<p>The council said on <b>Tuesday</b> that the plan for the harbour &amp; the old town would "
            "cost more than expected, and residents of the <a href=\"/town\">town</a> were told to wait.</p>\n")
    head = "<!DOCTYPE html><html><head><title>Big page</title></head><body><article><h1>Big page</h1>\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(head)
        block = para * 1000
        for _ in range(size // len(block) + 1):
            fh.write(block)
        fh.write("</article></body></html>\n")
    return path


def test_30mb_html_is_checked_within_a_memory_bound(tmp_path):
    _big_html(tmp_path / "big.html", 30 * MB)
    # CPU time of the run (children are counted once waited for), not wall time: the machine may be busy.
    started = _children_cpu()
    code, rss, out, err = cli_peak_rss("check", "big.html", "--max-file-size", "64", "--format", "json",
                                       "-j", "1", "--no-progress", cwd=tmp_path)
    elapsed = _children_cpu() - started
    assert "Traceback" not in err, err[-2000:]
    assert code in (0, 1), err
    (doc,) = json.loads(out)["documents"]
    assert doc["error"] is None and doc["score"] is not None
    assert rss < 600, f"peak RSS {rss:.0f} MB for a 30 MB page"
    assert elapsed < 240  # about 30 s on an idle machine: the bound catches quadratic time, not load


def test_max_file_size_turns_a_huge_file_into_a_reported_error(tmp_path):
    _big_html(tmp_path / "big.html", 30 * MB)
    write(tmp_path / "small.html", "<html><body><p>The small page.</p></body></html>")
    before = tree_digest(tmp_path)
    for args, limit in ((["--max-file-size", "1"], "1,048,576"), ([], "20,971,520")):
        code, rss, out, err = cli_peak_rss("check", "big.html", "small.html", "--format", "json", "-j", "1",
                                           *args, cwd=tmp_path)
        assert "Traceback" not in err
        assert code == 2
        docs = report_docs(json.loads(out))
        assert "max-file-size" in docs["big.html"]["error"] and limit in docs["big.html"]["error"]
        assert docs["big.html"]["score"] is None
        assert docs["small.html"]["error"] is None and docs["small.html"]["score"] is not None
        assert rss < 200, f"peak RSS {rss:.0f} MB to refuse a file"
    assert tree_digest(tmp_path) == before


def test_max_file_size_in_the_library(tmp_path, pack):
    path = write(tmp_path / "a.txt", "Title\n\n" + "The text. " * 300)
    result = check_input(Input(str(path), "a.txt", "text"), pack, max_size=1000)
    assert result.error and "max-file-size" in result.error and result.score is None


def test_stdin_obeys_max_file_size(tmp_path):
    data = b"Title\n\n" + b"The text of the article goes on and on.\n" * 60000  # 2.4 MB
    proc = cli("check", "-", "--stdin-format", "text", "--max-file-size", "1", "--format", "json", cwd=tmp_path,
               input=data)
    no_traceback(proc)
    (doc,) = json.loads(proc.stdout)["documents"]
    assert doc["error"] and "max-file-size" in doc["error"]
    assert proc.returncode == 2


# -- inputs whose cost grows faster than their size (CPU-bounded children)

QUADRATIC = {
    "html-unclosed-tag-starts": ("html", "'<a ' * 20000", "html loader: _TOKEN searches to the end of the "
                                 "file for the '>' of every '<a' (60 KB of '<a ' takes ~30 s, 30 KB ~5 s)"),
    "markdown-comment-openers": ("markdown", "'<!--' * 30000", "markdown loader: the lazy '.*?' of "
                                 "_COMMENT_INLINE ('<!--.*?-->') and _SHORTCODE (r'\\{\\{[<%].*?[%>]\\}\\}', "
                                 "'{%.*?%}') rescans the rest of the line for every opener (40 KB of '<!--' "
                                 "takes ~3 s, 120 KB ~30 s; 30 KB of '{{<' ~2 s)"),
    "markdown-link-openers": ("markdown", "'![x](' * 50000", "markdown loader: _IMAGE and _LINK rescan the "
                              "rest of the line for every '[' or '![' ('[x](' x 70,000 takes ~20 s, "
                              "'![' x 50,000 ~25 s); the image kind's Markdown images, the same"),
    "html-image-openers": ("html", "'<p>x</p>' + '<img src=\"' * 100000", "image kind: each '<img' read to "
                           "its '>' and its address to the closing quote, searched to the end of the page when "
                           "none comes"),
    "text-digit-run": ("text", "'1' * 40000", "attribution (unsourced-statistic): _NUMBER "
                       r"'\d[\d,.]*(?:...)' backtracks from every digit of a long run (10 KB of digits takes "
                       "~1.8 s, 100 KB ~190 s)"),
    "text-weasel-run": ("text", "'experts say ' * 8000", "attribution (weasel-attribution): every weasel hit "
                        "rescans its whole sentence for cues, and a text with no sentence end is one sentence "
                        "(24 KB takes ~1.6 s, 240 KB ~170 s)"),
    "text-literal-blank-tail": ("text", "'Notes::\\n\\n    x = 1\\n' + '\\n' * 400000 + 'End.'",
                                "text loader: a reStructuredText literal block followed by blank lines, each of "
                                "them once trimmed off the block by re-reading the whole block (40,000 lines took "
                                "~0.4 s, 400,000 ~40 s)"),
    "text-question-candidates": ("text", "'Title\\n\\n' + 'how can i help you today etc. ' * 8000",
                                 "sequence slot '?': every candidate scanned on to the question mark it "
                                 "looks for, past each abbreviation, instead of bisecting the block's "
                                 "sentence ends found once"),
}
CPU_BUDGET = 2  # CPU seconds; importing, reading the cached pack and a linear-time check take ~0.3


@pytest.fixture(scope="module")
def quadratic_runs(tmp_path_factory):
    """Run every case in a child limited to CPU_BUDGET CPU seconds, as many at a time as there are
    processors: more would share a core, and a process's CPU time grows when its core is shared."""
    folder = tmp_path_factory.mktemp("quadratic")
    results = {}
    # Parse the pack once here, so that the children read it back from the cache: parsing its YAML
    # (over a second of CPU) is not what is measured.
    RulePack.load()

    def limit():
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_BUDGET, CPU_BUDGET + 1))

    def start(name, fmt, expr):
        code = textwrap.dedent(f"""
            import time
            from contentcheck.engine.check import check_document
            from contentcheck.loaders import parse_text
            from contentcheck.rulepack import RulePack
            pack = RulePack.load()
            source = {expr}
            started = time.process_time()
            check_document(parse_text("{name}", source, "{fmt}"), pack)
            print(time.process_time() - started)
        """)
        return subprocess.Popen([PY, "-c", code], cwd=folder, env=ENV, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, preexec_fn=limit)

    cases = list(QUADRATIC.items())
    at_once = max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
    for i in range(0, len(cases), at_once):
        procs = {name: start(name, fmt, expr) for name, (fmt, expr, _) in cases[i:i + at_once]}
        for name, proc in procs.items():
            try:
                out, err = proc.communicate(timeout=120)
                results[name] = (proc.returncode, out, err)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                results[name] = (None, b"", b"")
    return results


@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_pathological_inputs_are_checked_in_bounded_time(name, quadratic_runs):
    returncode, out, err = quadratic_runs[name]
    if returncode is None:
        pytest.fail(f"{name}: still running after 120 s")
    assert returncode not in (-signal.SIGXCPU, -signal.SIGKILL), f"{name}: over {CPU_BUDGET} CPU seconds"
    assert returncode == 0, err.decode()[-2000:]
    assert float(out) < CPU_BUDGET


# ================================================================ directory walks

def test_symlink_loop_is_walked_once(tmp_path, pack):
    root = tmp_path / "root"
    write(root / "a.txt", "Title\n\nThe text.\n")
    write(root / "sub" / "b.md", "# B\n\nThe text.\n")
    (root / "sub" / "loop").symlink_to("..", target_is_directory=True)
    (root / "sub" / "self").symlink_to(".", target_is_directory=True)
    for follow in (False, True):
        started = time.monotonic()
        items = list(iter_inputs([str(root)], follow_symlinks=follow))
        assert time.monotonic() - started < 5
        real = [os.path.realpath(i.path) for i in items]
        assert sorted(real) == sorted({os.path.realpath(root / "a.txt"), os.path.realpath(root / "sub" / "b.md")})
    proc = cli("check", "root", "--follow-symlinks", "--format", "json", cwd=tmp_path, timeout=60)
    no_traceback(proc)
    assert len(json.loads(proc.stdout)["documents"]) == 2


def test_symlink_given_on_the_command_line_that_loops(tmp_path):
    (tmp_path / "self.txt").symlink_to("self.txt")
    write(tmp_path / "ok.txt", "Title\n\nThe text.\n")
    proc = cli("check", "self.txt", "ok.txt", "--format", "json", cwd=tmp_path, timeout=60)
    no_traceback(proc)
    assert proc.returncode == 2
    docs = report_docs(json.loads(proc.stdout))
    assert docs["self.txt"]["error"] and docs["ok.txt"]["error"] is None


def test_links_out_of_the_root_are_not_followed_unless_asked(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    write(root / "a.txt", "Title\n\nThe text.\n")
    write(outside / "secret.txt", "Secret\n\nOutside text.\n")
    write(outside / "dir" / "deep.md", "# Deep\n\nOutside text.\n")
    (root / "link.txt").symlink_to(outside / "secret.txt")
    (root / "dir-link").symlink_to(outside / "dir", target_is_directory=True)
    (root / "inside-link.txt").symlink_to(root / "a.txt")
    plain = {os.path.basename(i.path) for i in iter_inputs([str(root)])}
    assert plain == {"a.txt"}, plain
    followed = {os.path.basename(i.path) for i in iter_inputs([str(root)], follow_symlinks=True)}
    assert {"secret.txt", "link.txt"} & followed and "deep.md" in followed, followed
    proc = cli("check", "root", "--format", "json", cwd=tmp_path)
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["root/a.txt"]


def test_dangling_symlink_inside_the_root_is_a_reported_error(tmp_path):
    root = tmp_path / "root"
    write(root / "a.txt", "Title\n\nThe text.\n")
    (root / "gone.txt").symlink_to(root / "never-there.txt")
    proc = cli("check", "root", "--format", "json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    docs = report_docs(json.loads(proc.stdout))
    assert docs["root/gone.txt"]["error"] and docs["root/a.txt"]["score"] is not None


def test_missing_input_is_reported_and_others_checked(tmp_path):
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    proc = cli("check", "a.txt", "nope.md", "no-folder/", "--format", "json", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    docs = report_docs(json.loads(proc.stdout))
    assert docs["a.txt"]["score"] is not None
    assert "no such" in docs["nope.md"]["error"] and "no such" in docs["no-folder"]["error"]


@pytest.mark.skipif(IS_ROOT, reason="permissions do not stop root from reading")
def test_unreadable_file_and_folder_are_reported(tmp_path):
    write(tmp_path / "root" / "a.txt", "Title\n\nThe text.\n")
    locked = write(tmp_path / "root" / "locked.txt", "Title\n\nSecret.\n")
    closed = tmp_path / "root" / "closed"
    write(closed / "inner.md", "# Inner\n")
    locked.chmod(0)
    closed.chmod(0)
    try:
        proc = cli("check", "root", "--format", "json", cwd=tmp_path)
    finally:
        locked.chmod(0o644)
        closed.chmod(0o755)
    no_traceback(proc)
    assert proc.returncode == 2
    docs = report_docs(json.loads(proc.stdout))
    assert "permission" in docs["root/locked.txt"]["error"]
    assert any(p.startswith("root/closed") and d["error"] for p, d in docs.items())
    assert docs["root/a.txt"]["score"] is not None


def _run_in_process(tmp_path, paths, pack, **settings):
    from contentcheck.runner import Settings, run

    out = io.StringIO()
    code = run(Settings(paths=[str(p) for p in paths], format="json", jobs=1, progress=False, **settings),
               pack, stdout=out)
    return code, (json.loads(out.getvalue()) if out.getvalue() else None)


def test_permission_denied_while_reading_is_reported(tmp_path, pack, monkeypatch):
    """Simulated (the suite runs as root, where chmod 000 does not stop reads)."""
    import contentcheck.loaders as loaders

    a = write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    locked = write(tmp_path / "locked.txt", "Title\n\nSecret.\n")
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if os.path.basename(str(path)) == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(loaders, "open", guarded_open, raising=False)
    code, report = _run_in_process(tmp_path, [a, locked], pack)
    assert code == 2
    docs = {os.path.basename(d["path"]): d for d in report["documents"]}
    assert "permission denied" in docs["locked.txt"]["error"]
    assert docs["a.txt"]["score"] is not None


def test_unreadable_folder_is_reported(tmp_path, pack, monkeypatch):
    """Simulated: listing one sub-folder fails as it would without permission."""
    write(tmp_path / "root" / "a.txt", "Title\n\nThe text.\n")
    write(tmp_path / "root" / "closed" / "b.txt", "Title\n\nThe text.\n")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "closed":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, report = _run_in_process(tmp_path, [tmp_path / "root"], pack)
    assert code == 2
    errors = [d for d in report["documents"] if d["error"]]
    assert len(errors) == 1 and "closed" in errors[0]["path"] and "Permission denied" in errors[0]["error"]
    assert any(d["path"].endswith("a.txt") and d["score"] is not None for d in report["documents"])


def test_file_removed_between_discovery_and_reading(tmp_path, pack):
    a = write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    gone = write(tmp_path / "gone.md", "# Gone\n\nSoon.\n")
    items = list(iter_inputs([str(tmp_path)]))
    gone.unlink()
    result = check_input(next(i for i in items if i.path == str(gone)), pack)
    assert result.error and "no such file" in result.error and result.score is None
    results = {os.path.basename(r.path): r for r in check_inputs(items, pack, jobs=1)}
    assert results["gone.md"].error and results["a.txt"].error is None
    assert a.exists()


def test_file_removed_during_a_run_is_reported(tmp_path, pack, monkeypatch):
    """The run discovers both files, then one vanishes before it is read."""
    import contentcheck.runner as runner

    write(tmp_path / "root" / "a.txt", "Title\n\nThe text.\n")
    write(tmp_path / "root" / "b.txt", "Title\n\nThe text.\n")
    real_iter = runner.iter_inputs

    def iter_then_remove(*args, **kwargs):
        items = list(real_iter(*args, **kwargs))
        os.unlink(tmp_path / "root" / "b.txt")
        return iter(items)

    monkeypatch.setattr(runner, "iter_inputs", iter_then_remove)
    code, report = _run_in_process(tmp_path, [tmp_path / "root"], pack)
    assert code == 2
    docs = {os.path.basename(d["path"]): d for d in report["documents"]}
    assert "no such file" in docs["b.txt"]["error"] and docs["a.txt"]["score"] is not None


FIFO_REASON = ("BUG: a named pipe (FIFO) with an article name blocks the run forever: discovery yields it like a "
               "regular file and load_document open()s it for reading, which waits for a writer; non-regular "
               "files should be reported (\"not a regular file\") without being opened")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_does_not_hang_the_run(tmp_path):
    write(tmp_path / "root" / "a.txt", "Title\n\nThe text.\n")
    os.mkfifo(tmp_path / "root" / "pipe.txt")
    os.mkfifo(tmp_path / "given.md")
    try:
        proc = cli("check", "given.md", "root", "--format", "json", "-j", "1", cwd=tmp_path, timeout=6)
    except subprocess.TimeoutExpired:
        pytest.fail("the run is still waiting on a FIFO after 6 s")
    no_traceback(proc)
    assert proc.returncode == 2
    docs = report_docs(json.loads(proc.stdout))
    assert docs["given.md"]["error"] and docs["root/pipe.txt"]["error"]
    assert docs["root/a.txt"]["score"] is not None


# ================================================================ inputs unchanged, atomic reports

def test_check_never_modifies_inputs(tmp_path):
    shutil.copytree(HOSTILE, tmp_path / "in")
    before = tree_digest(tmp_path / "in")
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "in").rglob("*")}
    proc = cli("check", "in", "--format", "sarif", "--output-json", "r.json", "--output-junit", "r.xml",
               "--write-baseline", "baseline.json", "--no-progress", cwd=tmp_path)
    no_traceback(proc)
    assert tree_digest(tmp_path / "in") == before
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "in").rglob("*")} == mtimes


def test_report_path_that_is_an_input_is_refused(tmp_path):
    article = write(tmp_path / "article.txt", "Title\n\nThe text of the article.\n")
    before = article.read_bytes()
    proc = cli("check", "article.txt", "-o", "article.txt", cwd=tmp_path)
    no_traceback(proc)
    assert article.read_bytes() == before
    assert proc.returncode == 2


class _Boom(Exception):
    pass


@pytest.mark.parametrize("exc", [_Boom, KeyboardInterrupt])
def test_reports_are_atomic_when_the_run_fails_midway(tmp_path, pack, monkeypatch, exc):
    import contentcheck.runner as runner

    for i in range(6):
        write(tmp_path / "in" / f"doc{i}.txt", f"Title {i}\n\nThe text of it.\n")
    good = {"report.json": '{"good": true}\n', "extra.sarif": "GOOD SARIF\n", "extra.xml": "<good/>\n",
            "baseline.json": '{"contentcheck_baseline": 1, "findings": []}\n'}
    for name, text in good.items():
        (tmp_path / name).write_text(text)
    real = runner.check_inputs

    def failing(*args, **kwargs):
        for n, result in enumerate(real(*args, **kwargs)):
            if n == 3:
                raise exc("stopped halfway")
            yield result

    monkeypatch.setattr(runner, "check_inputs", failing)
    with pytest.raises(exc):
        _run_in_process(tmp_path, [tmp_path / "in"], pack, output=str(tmp_path / "report.json"),
                        extra_outputs={"sarif": str(tmp_path / "extra.sarif"), "junit": str(tmp_path / "extra.xml")},
                        write_baseline=str(tmp_path / "baseline.json"))
    for name, text in good.items():
        assert (tmp_path / name).read_text() == text, name
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".contentcheck-") or p.endswith(".tmp")]


SLOW_RULE = """
rules:
  - id: slow-user-rule
    category: test
    message: slow
    kind: pattern
    pattern: "(a|aa)+$"
    timeout: 60
"""
_CLI_WITH_SIGINT = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                    "sys.argv = ['contentcheck'] + sys.argv[1:]; from contentcheck.cli import main; sys.exit(main())")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_cli_leaves_the_previous_report(tmp_path, sig):
    write(tmp_path / "rules.yaml", SLOW_RULE)
    write(tmp_path / "in" / "a.txt", "Title\n\nThe text.\n")
    write(tmp_path / "in" / "slow.txt", "Title\n\n" + "a" * 5000 + "b\n")
    (tmp_path / "report.json").write_text('{"good": true}\n')
    proc = subprocess.Popen([PY, "-c", _CLI_WITH_SIGINT, "check", "in", "-r", "rules.yaml", "--format", "json",
                             "-o", "report.json", "-j", "1", "--no-progress"], cwd=tmp_path, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2.5)
    assert proc.poll() is None, "the run should still be matching the slow pattern"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert (tmp_path / "report.json").read_text() == '{"good": true}\n'
    if sig == signal.SIGINT:
        assert proc.returncode == 130, err
        assert b"Traceback" not in err
        assert not [p for p in os.listdir(tmp_path) if p.startswith(".contentcheck-")]


def test_ctrl_c_with_workers_busy_stops_them_all_quietly(tmp_path):
    # Ctrl-C reaches the whole process group: the workers ignore it, the
    # parent stops them, and nothing but one line reaches the terminal.
    if not os.path.isdir("/proc"):
        pytest.skip("needs /proc to list the process group")
    write(tmp_path / "rules.yaml", SLOW_RULE)
    for i in range(6):
        write(tmp_path / "in" / f"slow{i}.txt", "Title\n\n" + "a" * 5000 + "b\n")
    proc = subprocess.Popen([PY, "-c", _CLI_WITH_SIGINT, "check", "in", "-r", "rules.yaml", "--format", "json",
                             "-j", "2", "--no-progress"], cwd=tmp_path, env=ENV, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2.5)
    assert proc.poll() is None, "the workers should still be matching the slow pattern"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err.decode().strip() == "contentcheck: interrupted"
    time.sleep(0.3)
    left = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.getpgid(int(entry)) == proc.pid:
                left.append(entry)
        except OSError:
            pass  # gone meanwhile
    assert left == []


# ================================================================ untrusted YAML

PYTHON_TAGS = [
    '    message: !!python/object/apply:os.system ["touch {marker}"]\n',
    "    message: !!python/object/apply:os.system\n      args: ['touch {marker}']\n",
    '    message: !!python/object/new:os.system ["touch {marker}"]\n',
    "    message: !!python/name:os.system ''\n",
    '    message: !!python/object:os.system {{}}\n',
    '    phrases: [!!python/object/apply:os.system ["touch {marker}"]]\n    message: m\n',
]


@pytest.mark.parametrize("tagged", PYTHON_TAGS)
def test_python_tags_in_rule_files_are_refused(tmp_path, tagged):
    marker = tmp_path / "PWNED"
    rules = ("rules:\n  - id: evil\n    category: test\n    kind: phrase\n"
             + tagged.format(marker=marker) + ("    phrases: [x]\n" if "phrases" not in tagged else ""))
    path = write(tmp_path / "evil.yaml", rules)
    with pytest.raises(RulePackError) as info:
        RulePack.load([str(path)], use_default=False)
    assert str(path) in str(info.value) and ":" in str(info.value)
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    proc = cli("check", "a.txt", "-r", "evil.yaml", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "evil.yaml:" in proc.stderr
    assert not marker.exists()


def test_python_tag_as_the_whole_rule_file_is_refused(tmp_path):
    marker = tmp_path / "PWNED"
    write(tmp_path / "evil.yaml", f'!!python/object/apply:os.system ["touch {marker}"]\n')
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    proc = cli("check", "a.txt", "-r", "evil.yaml", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "evil.yaml:" in proc.stderr
    assert not marker.exists()


def test_python_tags_in_front_matter_are_not_executed(tmp_path, pack):
    marker = tmp_path / "PWNED"
    source = (f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n'
              "author: Jane Doe\n---\n\n# The headline\n\nThe text of the article.\n")
    result = check_text(source, pack, fmt="markdown", name="evil.md")
    assert result.error is None and result.score is not None
    (warning,) = [f for f in result.findings if f.rule == "invalid-front-matter"]
    assert "python" in warning.message and warning.line == 2
    assert not marker.exists()
    write(tmp_path / "evil.md", source)
    proc = cli("check", "evil.md", "--format", "json", cwd=tmp_path)
    no_traceback(proc)
    assert not marker.exists()
    (doc,) = json.loads(proc.stdout)["documents"]
    assert doc["error"] is None


def test_python_tags_in_the_configuration_file_are_refused(tmp_path):
    marker = tmp_path / "PWNED"
    write(tmp_path / "contentcheck.yaml", f'format: !!python/object/apply:os.system ["touch {marker}"]\n')
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    proc = cli("check", "a.txt", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "contentcheck.yaml" in proc.stderr
    assert not marker.exists()


def test_python_tags_in_a_waivers_file_are_refused(tmp_path):
    marker = tmp_path / "PWNED"
    write(tmp_path / "waivers.yaml", f'waivers: !!python/object/apply:os.system ["touch {marker}"]\n')
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    proc = cli("check", "a.txt", "--waivers", "waivers.yaml", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "waivers.yaml" in proc.stderr
    assert not marker.exists()


def _billion_laughs(levels: int = 9, key: str = "rules") -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for i in range(1, levels):
        prev, cur = names[i - 1], names[i]
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    lines.append(f"{key}: *{names[levels - 1]}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("bomb", [
    _billion_laughs(),
    # the aliases hidden inside a valid-looking rule
    "rules:\n  - id: bomb\n    category: test\n    message: m\n    kind: phrase\n    phrases: [x]\n"
    "    examples:\n      match: &a [" + ", ".join(['"lol"'] * 9) + "]\n"
    + "".join(f"      no_match{i}: &{'bcdefghij'[i]} [{', '.join(['*' + 'abcdefghij'[i]] * 9)}]\n"
              for i in range(8)),
    # many aliases of a small anchor
    "x: &x [1]\nrules: [" + ", ".join(["*x"] * 5000) + "]\n",
])
def test_yaml_bomb_rule_file_is_refused_quickly_in_little_memory(tmp_path, bomb):
    write(tmp_path / "bomb.yaml", bomb)
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    started = time.monotonic()
    code, rss, out, err = cli_peak_rss("check", "a.txt", "-r", "bomb.yaml", cwd=tmp_path, timeout=60)
    elapsed = time.monotonic() - started
    assert "Traceback" not in err
    assert code == 2
    assert "bomb.yaml:" in err and "alias" in err.lower(), err
    assert elapsed < 10 and rss < 200, (elapsed, rss)


def test_yaml_bomb_in_front_matter_is_a_warning_and_the_document_is_checked(pack):
    source = "---\n" + _billion_laughs(key="author") + "---\n\n# The headline\n\nThe text of the article.\n"
    started = time.process_time()
    result = check_text(source, pack, fmt="markdown", name="bomb.md")
    assert time.process_time() - started < 5
    assert result.error is None and result.score is not None
    (warning,) = [f for f in result.findings if f.rule == "invalid-front-matter"]
    assert "alias" in warning.message.lower()


def test_deeply_nested_yaml_rule_file_is_refused_with_a_message(tmp_path):
    write(tmp_path / "deep.yaml", "rules:\n  - id: x\n    category: c\n    message: m\n    kind: phrase\n"
                                  "    phrases: " + "[" * 20000 + "]" * 20000 + "\n")
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    proc = cli("check", "a.txt", "-r", "deep.yaml", cwd=tmp_path, timeout=60)
    no_traceback(proc)
    assert proc.returncode == 2 and "deep.yaml:" in proc.stderr


def test_control_characters_in_yaml_are_refused_with_a_message(tmp_path, pack):
    write(tmp_path / "ctrl.yaml", "rules:\n  - id: x\x01\n")
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    proc = cli("check", "a.txt", "-r", "ctrl.yaml", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "ctrl.yaml:" in proc.stderr
    result = check_text("---\n*\x01\n---\n# Head\n\nThe text.\n", pack, fmt="markdown")
    assert any(f.rule == "invalid-front-matter" for f in result.findings)


# ================================================================ untrusted regular expressions

CATASTROPHIC = [
    (r"(a|aa)+$", "a" * 5000 + "b"),
    (r"(x+x+)+y", "x" * 5000),
    (r"(\w|\w\w)+$", "w" * 5000 + "!"),
    (r"(a|ab|b)+$", "ab" * 2500 + "!"),
]


@pytest.mark.parametrize("pattern,body", CATASTROPHIC)
def test_catastrophic_user_regex_is_stopped_and_reported(tmp_path, pattern, body):
    p = user_pack(tmp_path, f"""
        rules:
          - id: catastrophic-user-rule
            category: test
            severity: warning
            message: never fires
            kind: pattern
            pattern: '{pattern}'
    """)
    started = time.process_time()
    result = check_text("Title!\n\n" + body + "\n", p, fmt="text")
    elapsed = time.process_time() - started
    assert elapsed < 5, f"{elapsed:.1f}s"
    (f,) = [f for f in result.findings if f.rule == "catastrophic-user-rule"]
    assert f.severity == "error"
    assert "catastrophic-user-rule" in f.message and "took longer than" in f.message


def test_rule_timeout_setting_is_honoured(tmp_path):
    p = user_pack(tmp_path, """
        rules:
          - id: quick-timeout
            category: test
            message: m
            kind: pattern
            pattern: '(a|aa)+$'
            timeout: 0.2
    """)
    started = time.process_time()
    result = check_text("Title\n\n" + "a" * 5000 + "b\n", p, fmt="text")
    assert time.process_time() - started < 1.5
    assert any("took longer than 0.2s" in f.message for f in result.findings)


def test_user_override_of_a_default_pattern_rule_runs_with_a_time_limit(tmp_path):
    default = RulePack.load()
    rid = next(r.id for r in default.rules if r.kind == "pattern")
    p = user_pack(tmp_path, f"""
        rules:
          - id: {rid}
            category: test
            message: overridden
            kind: pattern
            pattern: '(a|aa)+$'
    """, use_default=True)
    started = time.process_time()
    result = check_text("Title\n\n" + "a" * 5000 + "b\n", p, fmt="text")
    assert time.process_time() - started < 5
    assert any(f.rule == rid and "took longer than" in f.message for f in result.findings)


def test_catastrophic_regex_through_the_cli(tmp_path):
    write(tmp_path / "rules.yaml", "rules:\n  - id: bad-regex\n    category: test\n    message: m\n"
                                   "    kind: pattern\n    pattern: '(x+x+)+y'\n")
    write(tmp_path / "a.txt", "Title\n\n" + "x" * 5000 + "\n")
    write(tmp_path / "b.md", "# B\n\nBy Jane Doe\n\nThe text.\n")
    started = time.monotonic()
    proc = cli("check", "a.txt", "b.md", "-r", "rules.yaml", "--format", "json", cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 15
    no_traceback(proc)
    docs = report_docs(json.loads(proc.stdout))
    (f,) = [f for f in docs["a.txt"]["findings"] if f["rule"] == "bad-regex"]
    assert "bad-regex" in f["message"] and "took longer than" in f["message"] and f["severity"] == "error"
    assert docs["b.md"]["error"] is None
    assert proc.returncode == 1


@pytest.mark.parametrize("prefilter", [False, True])
def test_user_regex_time_limit_is_per_document(tmp_path, prefilter):
    p = user_pack(tmp_path, """
        rules:
          - id: slow-per-block
            category: test
            message: m
            kind: pattern
            pattern: '(a|aa)+$'
            prefilter: [aaa]
    """ if prefilter else """
        rules:
          - id: slow-per-block
            category: test
            message: m
            kind: pattern
            pattern: '(a|aa)+$'
    """)
    body = "\n\n".join("a" * 28 + "!" for _ in range(8))  # about 0.27 s each
    started = time.process_time()  # the CPU this process spent: not inflated by a busy machine
    result = check_text("Title\n\n" + body + "\n", p, fmt="text")
    elapsed = time.process_time() - started
    assert any(f.rule == "slow-per-block" and "took longer" in f.message for f in result.findings)
    assert elapsed < 2.5, f"{elapsed:.1f}s for a 1 s limit"


@pytest.mark.parametrize("pattern", ["(unclosed", "[z-a]", "a{2,1}", "\\", "*a", "(?P<1x>a)"])
def test_invalid_regex_is_refused_at_load_time(tmp_path, pattern):
    rules = ("rules:\n  - id: broken\n    category: test\n    message: m\n    kind: pattern\n"
             f"    pattern: {json.dumps(pattern)}\n")
    write(tmp_path / "broken.yaml", rules)
    with pytest.raises(RulePackError) as info:
        RulePack.load([str(tmp_path / "broken.yaml")], use_default=False)
    assert "broken.yaml:" in str(info.value) and "regular expression" in str(info.value)
    write(tmp_path / "a.txt", "Title\n\nThe text.\n")
    proc = cli("check", "a.txt", "-r", "broken.yaml", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "broken.yaml:" in proc.stderr


# ================================================================ no network, no outside files

_AUDIT = textwrap.dedent("""
    import json, os, sys
    events = []
    watching = False

    def hook(event, args):
        if not watching:
            return
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            events.append(["open", os.fsdecode(args[0])])
        elif event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.")) or event in (
                "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
            events.append([event, repr(args)[:200]])

    sys.addaudithook(hook)
    from contentcheck.api import check_paths
    from contentcheck.rulepack import RulePack
    import contentcheck.rulepack.kinds.attribution, contentcheck.rulepack.kinds.metadata, contentcheck.loaders.html
    import contentcheck.loaders.markdown, contentcheck.loaders.text, contentcheck.loaders.encoding
    import bs4.dammit, charset_normalizer, tomllib
    watching = True
    pack = RulePack.load(["rules.yaml"])
    results = [r.to_dict() for r in check_paths(["in"], pack, jobs=1)]
    watching = False
    print(json.dumps({"events": events, "errors": [r["error"] for r in results]}))
""")


def test_rules_and_inputs_cause_no_network_or_outside_file_access(tmp_path):
    write(tmp_path / "rules.yaml", textwrap.dedent("""
        rules:
          - id: sneaky
            category: test
            message: m
            kind: pattern
            pattern: '(?i)http://example\\.com|file:///etc/passwd'
            description: "file:///etc/passwd http://example.com/x.yaml"
          - id: sneaky-phrase
            category: test
            message: m
            kind: phrase
            phrases: ["/etc/passwd"]
    """).lstrip())
    write(tmp_path / "in" / "page.html", """<html><head><meta charset="utf-8">
        <link rel="stylesheet" href="http://example.com/x.css"><base href="http://example.com/">
        <script src="file:///etc/passwd"></script>
        <script type="application/ld+json">{"@context": "http://schema.org", "@type": "NewsArticle",
          "author": {"@id": "http://example.com/people/jane"}, "url": "file:///etc/shadow"}</script>
        <meta http-equiv="refresh" content="0; url=http://example.com/"></head>
        <body><img src="/etc/passwd"><iframe src="http://example.com/"></iframe>
        <p>The text <a href="file:///etc/passwd">link</a> of the page.</p></body></html>""")
    write(tmp_path / "in" / "post.md", "---\ntitle: T\nauthor: Jane\ninclude: /etc/passwd\n"
                                       "template: http://example.com/t.yaml\n---\n\n# T\n\n"
                                       "![x](/etc/passwd) [y](http://example.com) {% include /etc/passwd %}\n"
                                       "{{< readfile file=\"/etc/passwd\" >}}\n")
    write(tmp_path / "in" / "note.txt", "Title\n\nSee file:///etc/passwd and http://example.com.\n")
    write(tmp_path / "in" / "cp1252.html", '<meta charset="windows-1252"><p>caf\xe9 the text</p>'.encode("latin-1"))
    proc = subprocess.run([PY, "-c", _AUDIT], cwd=tmp_path, env=ENV, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    data = json.loads(proc.stdout)
    assert data["errors"] == [None] * 4
    allowed_roots = [str(tmp_path)] + [os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)]
    allowed_roots += [sys.prefix, sys.base_prefix, sys.exec_prefix, str(REPO)]
    # The rule pack cache (rulepack/cache.py): its own folder, whatever the rules and inputs say.
    allowed_roots.append(os.path.realpath(ENV["CONTENTCHECK_CACHE_DIR"]))
    network = [e for e in data["events"] if e[0] != "open"]
    assert not network, network
    outside = []
    for _, path in (e for e in data["events"] if e[0] == "open"):
        full = os.path.realpath(path if os.path.isabs(path) else tmp_path / path)
        if not any(full == r or full.startswith(r.rstrip(os.sep) + os.sep) for r in allowed_roots):
            outside.append(full)
    assert not outside, outside
    assert not any("passwd" in e[1] or "shadow" in e[1] for e in data["events"])
