"""``--format html``: the self-contained report, read back as HTML and in a real browser.

The first half parses the report with the standard library's HTML parser
(structure, marks, escaping, limits). The second half loads it from disk in
headless Chromium (Debian's ``chromium``; skipped when it is not installed)
and asserts on the DOM after the report's scripts ran: marks, filters driven
by the URL hash, and that an article's ``<script>`` did not run. Screenshots
go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from contentcheck.formats import ReportContext
from contentcheck.formats.html import markup
from contentcheck.formats.html import page as html_format
from contentcheck.formats.html import source as html_source
from contentcheck.results import DocumentResult, Finding, RunNotes, Summary

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

RULES_YAML = r"""rules:
  - id: house-plug
    category: house-style
    severity: warning
    message: "Plug <b>left</b> & \"quoted\" <script>alert(1)</script>"
    description: A newsletter plug in the body.
    kind: phrase
    phrases: ["Subscribe to our newsletter"]
  - id: experts
    category: unattributed-claim
    severity: error
    message: Experts with no name
    kind: phrase
    phrases: ["experts say"]
"""

EVIL_ARTICLE = """# Harbour news <script>document.title='PWNED'</script>

By Jane Smith

Experts say the harbour will reopen. <img src=x onerror="document.body.setAttribute('data-pwned','1')">

<script>document.title='PWNED'</script><svg onload="document.body.setAttribute('data-pwned','2')"></svg>

Subscribe to our newsletter today.
"""
EVIL_NAME = "evil<img src=x onerror=document.body.setAttribute('data-pwned','3')>.md"


# ---------------------------------------------------------------- helpers

class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def words(self) -> str:
        """The text with every element boundary read as a space, whitespace squashed."""
        parts: list[str] = []

        def walk(node):
            for c in node.children:
                if isinstance(c, str):
                    parts.append(c)
                else:
                    parts.append(" ")
                    walk(c)
                    parts.append(" ")
        walk(self)
        return " ".join("".join(parts).split())

    def has(self, name: str, value) -> bool:
        if value is True:
            return name in self.attrs
        if name == "class":
            return value in self.classes()
        return self.attrs.get(name) == value

    def find_all(self, tag=None, **attrs):
        wanted = [(k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items()]
        for n in self.iter():
            if (tag is None or n.tag == tag) and all(n.has(k, v) for k, v in wanted):
                yield n

    def ancestor(self, tag):
        p = self.parent
        while p is not None and p.tag != tag:
            p = p.parent
        return p

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class DomParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(text: str) -> Node:
    p = DomParser()
    p.feed(text)
    p.close()
    return p.root


def run_cli(*args, cwd=ROOT, check_rc=(0, 1, 2)):
    env = dict(os.environ)
    env.pop("GITHUB_STEP_SUMMARY", None)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, "-m", "contentcheck", "check", "--no-progress", *args],
                          cwd=str(cwd), env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in check_rc, (proc.returncode, proc.stderr)
    return proc


def source_span(source: str, f: dict) -> str:
    lines = source.split("\n")
    if f["line"] == f["end_line"]:
        return lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]
    parts = [lines[f["line"] - 1][f["column"] - 1:]]
    parts += lines[f["line"]:f["end_line"] - 1]
    parts.append(lines[f["end_line"] - 1][:f["end_column"] - 1])
    return "".join(p.rstrip("\r") for p in parts)


def marks_of(section: Node, k: int) -> list[Node]:
    return [m for m in section.find_all("mark") if str(k) in (m.attrs.get("data-f") or "").split()]


def assert_every_finding_marked(root: Node, report: dict, cwd: Path) -> None:
    """Each finding of the JSON report has its marks, whose text is the finding's source span."""
    sections = {s.attrs["data-path"]: s for s in root.find_all("section", class_="doc")}
    assert set(sections) == {d["path"] for d in report["documents"]}
    for doc in report["documents"]:
        section = sections[doc["path"]]
        assert section.attrs["id"] == f"doc-{section.attrs['data-doc']}"
        d = section.attrs["data-doc"]
        source = (cwd / doc["path"]).read_bytes().decode("utf-8")
        assert len(list(section.find_all("li", class_="finding"))) == len(doc["findings"])
        for k, f in enumerate(doc["findings"]):
            marks = marks_of(section, k)
            assert marks, (doc["path"], f)
            assert any(n.attrs.get("id") == f"m{d}-{k}" for n in section.find_all("span", class_="anchor"))
            for m in marks:
                assert f"f{d}-{k}" in m.attrs["aria-describedby"].split()
                assert f["rule"] in m.attrs["title"] and f["severity"] in m.attrs["title"]
                assert m.attrs.get("tabindex") == "0"
            if f["text"] and (f["end_line"], f["end_column"]) > (f["line"], f["column"]):
                assert "".join(m.text() for m in marks) == source_span(source, f), f
            li = next(section.find_all("li", id=f"f{d}-{k}"))
            assert li.attrs["data-rule"] == f["rule"] and li.attrs["data-sev"] == f["severity"]
            assert " ".join(f["message"].split()) in li.words()
            links = {a.attrs.get("href") for a in li.find_all("a")}
            assert f"#m{d}-{k}" in links and f"#d{d}-L{f['line']}" in links
            assert f"{doc['path']}:{f['line']}" in li.text()
            assert next(section.find_all(id=f"d{d}-L{f['line']}")) is not None


def check_self_contained(text: str) -> None:
    root = parse(text)
    scripts = list(root.find_all("script"))
    assert len(scripts) == 1 and "src" not in scripts[0].attrs
    assert not list(root.find_all("link")) and not list(root.find_all("img")) and not list(root.find_all("iframe"))
    for node in root.find_all():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            if name in ("href", "src", "action", "xlink:href"):
                # In-page anchors only, and the rules' documentation pages: links a reader may follow,
                # never a resource the page loads.
                help_link = node.tag == "a" and node.attrs.get("rel") == "help" and value.startswith("https://")
                assert value is None or value.startswith("#") or help_link, (node.tag, name, value)
    style = "".join(s.text() for s in root.find_all("style"))
    assert "url(" not in style and "@import" not in style
    # The page's CSP allows only the report's own script, by hash.
    csp = next(m for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(scripts[0].text().encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp.attrs["content"]
    assert "default-src 'none'" in csp.attrs["content"]


def render(results, summary_lines=()) -> str:
    out = io.StringIO()
    fmt = html_format.Formatter(out, ReportContext("0.0.test", None))
    summary = Summary()
    for r in results:
        summary.add(r)
        fmt.document(r)
    fmt.finish(summary, RunNotes(lines=tuple(summary_lines)))
    return out.getvalue()


def finding(rule, line, column, end_line, end_column, severity="warning", category="cat", text="", message=None):
    return Finding(rule, category, severity, line, column, end_line, end_column,
                   message or f"{rule} message", text)


# ---------------------------------------------------------------- the samples report

@pytest.fixture(scope="module")
def samples_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "report.html"
    run_cli("samples/", "--format", "html", "-o", str(out))
    report = json.loads(run_cli("samples/", "--format", "json").stdout)
    return out, report


def test_samples_report_marks_every_finding(samples_report):
    path, report = samples_report
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    root = parse(text)
    assert_every_finding_marked(root, report, ROOT)
    check_self_contained(text)


def test_samples_report_overview(samples_report):
    path, report = samples_report
    root = parse(path.read_text(encoding="utf-8"))
    summary = report["summary"]
    overview = next(root.find_all(id="overview"))
    words = overview.words()
    assert f"{summary['checked']} documents checked" in words
    assert f"{summary['findings']} findings" in words
    for sev, n in summary["by_severity"].items():
        assert f"{n} {sev}" in words
    for cat in summary["by_category"]:
        assert cat in words
    svg = next(overview.find_all("svg"))
    assert svg.attrs["role"] == "img" and len(list(svg.find_all("rect"))) == 10
    desc = next(svg.find_all("desc")).text()
    assert "90–100: 4" in desc  # the four clean samples
    # The documents table: worst first, per-category counts, links to the sections.
    rows = list(next(root.find_all("table", id="doc-table")).find_all("tr", data_doc=True))
    assert len(rows) == summary["documents"]
    by_path = {d["path"]: d for d in report["documents"]}
    scores = [by_path[r.attrs["data-path"]]["score"] for r in rows]
    assert scores == sorted(scores)
    assert rows[0].attrs["data-path"] == summary["min_score_path"]
    head = [th.words() for th in next(root.find_all("table", id="doc-table")).find_all("th")]
    assert head[:2] == ["document", "score"] and head[-1] == "findings"
    for cat in summary["by_category"]:
        assert cat in head
    for r in rows:
        doc = by_path[r.attrs["data-path"]]
        cells = list(r.find_all("td"))
        assert cells[-1].text() == str(len(doc["findings"]))
        for cat, cell in zip(head[2:-1], cells[2:-1], strict=True):
            assert int(cell.attrs["data-v"]) == sum(f["category"] == cat for f in doc["findings"])
        assert next(cells[0].find_all("a")).attrs["href"] == f"#doc-{r.attrs['data-doc']}"
    # Sections come in the table's order.
    assert [s.attrs["data-path"] for s in root.find_all("section", class_="doc")] == \
        [r.attrs["data-path"] for r in rows]
    # Metadata of each document.
    for s in root.find_all("section", class_="doc"):
        doc = by_path[s.attrs["data-path"]]
        meta = next(s.find_all("dl")).words()
        if doc["metadata"]["author"]:
            assert doc["metadata"]["author"] in meta and doc["metadata"]["author_source"] in meta
        else:
            assert "Author none found" in meta
        if doc["metadata"]["title"]:
            assert " ".join(doc["metadata"]["title"].split()) in meta
    # Without JavaScript everything is shown.
    assert not [n for n in root.find_all(hidden=True) if n.tag in ("tr", "section", "li", "mark")]
    # Filters: one option per category, severity and rule; hidden until the script shows them.
    form = next(root.find_all("form", id="filters"))
    assert "hidden" in form.attrs
    selects = {s.attrs["name"]: [o.attrs["value"] for o in s.find_all("option")] for s in form.find_all("select")}
    assert selects["category"] == [""] + sorted(summary["by_category"])
    assert selects["severity"] == ["", "error", "warning", "info"]
    assert selects["rule"] == [""] + sorted(summary["by_rule"])


def test_report_is_deterministic(samples_report, tmp_path):
    path, _ = samples_report
    again = tmp_path / "again.html"
    run_cli("samples/", "--format", "html", "-o", str(again), "-j", "1")
    assert again.read_bytes() == path.read_bytes()


def test_output_html_next_to_another_format(tmp_path):
    out = tmp_path / "r.html"
    proc = run_cli("samples/", "--format", "json", "--output-html", str(out))
    report = json.loads(proc.stdout)
    assert_every_finding_marked(parse(out.read_text(encoding="utf-8")), report, ROOT)


# ---------------------------------------------------------------- escaping

@pytest.fixture
def evil_dir(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "evil.md").write_text(EVIL_ARTICLE, encoding="utf-8")
    (tmp_path / "docs" / EVIL_NAME).write_text(EVIL_ARTICLE, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(RULES_YAML, encoding="utf-8")
    return tmp_path


def test_article_rule_and_path_content_is_escaped(evil_dir):
    run_cli("docs", "--rules", "rules.yaml", "--format", "html", "-o", "report.html", cwd=evil_dir)
    text = (evil_dir / "report.html").read_text(encoding="utf-8")
    check_self_contained(text)  # one script (ours), no img, no on* attribute anywhere
    root = parse(text)
    assert not list(root.find_all("svg", onload=True))
    body_text = next(root.find_all("body")).text()
    assert "<script>document.title='PWNED'</script>" in body_text  # shown as text
    assert "onerror=\"document.body.setAttribute('data-pwned','1')\"" in body_text
    assert "Plug <b>left</b> & \"quoted\" <script>alert(1)</script>" in body_text
    assert f"docs/{EVIL_NAME}" in body_text
    assert not list(root.find_all("b"))
    title = next(root.find_all("title")).text()
    assert "PWNED" not in title
    report = json.loads(run_cli("docs", "--rules", "rules.yaml", "--format", "json", cwd=evil_dir).stdout)
    assert sum(len(d["findings"]) for d in report["documents"]) >= 4
    assert_every_finding_marked(root, report, evil_dir)


def test_control_characters_and_odd_text_are_safe():
    assert markup.esc("a\x00b\x1bc\x7f\ud800<&>\"'") == "a\u2400b\u241bc\u2421\ufffd&lt;&amp;&gt;&quot;&#x27;"


# ---------------------------------------------------------------- marks

def test_overlapping_multiline_and_point_findings(tmp_path):
    source = "alpha beta gamma delta\r\nsecond line here\nthird\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(source.encode("utf-8"))
    findings = [
        finding("doc-level", 1, 1, 1, 1, "warning"),                          # a point: a pin
        finding("outer", 1, 7, 1, 23, "info", text="beta gamma delta"),       # overlaps the next
        finding("inner", 1, 12, 1, 17, "error", text="gamma"),
        finding("cross", 1, 18, 2, 7, "warning", text="delta second"),        # over a line end
        finding("beyond", 9, 1, 9, 4, "error", text="gone"),                  # not in the file
    ]
    text = render([DocumentResult(str(path), "text", 40.0, findings)])
    root = parse(text)
    section = next(root.find_all("section", class_="doc"))
    pin = marks_of(section, 0)
    assert len(pin) == 1 and "pin" in pin[0].classes() and "doc-level" in pin[0].text()
    assert "".join(m.text() for m in marks_of(section, 1)) == "beta gamma delta"
    assert "".join(m.text() for m in marks_of(section, 2)) == "gamma"
    assert [m.text() for m in marks_of(section, 3)] == ["delta", "second"]
    gamma = marks_of(section, 2)[0]
    assert "multi" in gamma.classes() and "sev-error" in gamma.classes()  # the most severe colours it
    assert gamma.attrs["data-f"].split() == ["2", "1"]
    assert "inner (error)" in gamma.attrs["title"] and "outer (info)" in gamma.attrs["title"]
    # Line 1's text is intact (no \r shown), marks nest nowhere.
    line1 = next(section.find_all(id="d1-L1"))
    assert next(line1.find_all("span", class_="t")).text() == "⚑ doc-levelalpha beta gamma delta"
    assert not any(m.ancestor("mark") for m in section.find_all("mark"))
    assert not marks_of(section, 4)
    item = next(section.find_all("li", id="f1-4"))
    assert "outside the shown text" in item.text()
    assert len(list(section.find_all("div", class_="l"))) == 3


def test_source_not_available(tmp_path):
    results = [
        DocumentResult("<stdin>", "markdown", 90.0, [finding("r", 1, 1, 1, 3, text="ab")]),
        DocumentResult("crawl.warc.gz#3", "html", 90.0, [finding("r", 1, 1, 1, 3, text="ab")]),
        DocumentResult(str(tmp_path / "gone.md"), "markdown", 90.0, [finding("r", 1, 1, 1, 3, text="ab")]),
        DocumentResult(str(tmp_path / "unread.md"), "markdown", None, [], error="binary content"),
    ]
    root = parse(render(results))
    sections = list(root.find_all("section", class_="doc"))
    assert sections[0].attrs["data-path"].endswith("unread.md")  # unreadable: worst first
    notes = [s.words() for s in sections]
    assert "could not be read: binary content" in notes[0]
    assert "standard input" in notes[1]
    assert "archive" in notes[2]
    assert "cannot be read now" in notes[3]
    assert not list(root.find_all("mark"))
    for s in sections[1:]:
        assert "r message" in s.text()


def test_changed_file_gets_a_note(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("Completely different text now.\n", encoding="utf-8")
    text = render([DocumentResult(str(path), "markdown", 50.0,
                                  [finding("r", 1, 1, 1, 12, text="Experts say"),
                                   finding("s", 1, 14, 1, 20, text="harbour")])])
    assert "seems to have changed" in text


def test_long_sources_are_cut_to_excerpts(tmp_path, monkeypatch):
    monkeypatch.setattr(html_source, "SOURCE_CAP", 500)
    lines = [f"line {i} of a long article" for i in range(1, 201)]
    lines[99] = "line 100 holds experts say here"
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    clean = tmp_path / "clean-long.txt"
    clean.write_text("\n".join(lines) + "\n", encoding="utf-8")
    root = parse(render([DocumentResult(str(path), "text", 80.0,
                                        [finding("experts", 100, 16, 100, 27, text="experts say")]),
                         DocumentResult(str(clean), "text", 100.0, [])]))
    first, second = root.find_all("section", class_="doc")
    shown = [int(div.attrs["id"].split("-L")[1]) for div in first.find_all("div", class_="l")]
    assert shown == list(range(98, 103))
    gaps = [g.text() for g in first.find_all("div", class_="gap")]
    assert gaps == ["⋯ 97 lines not shown", "⋯ 98 lines not shown"]
    assert "only the lines around each finding are shown" in first.text()
    assert marks_of(first, 0)[0].text() == "experts say"
    assert not list(second.find_all("div", class_="l")) and "the source is not shown" in second.text()


def test_long_lines_in_excerpts_show_the_text_around_findings(tmp_path, monkeypatch):
    monkeypatch.setattr(html_source, "SOURCE_CAP", 1000)
    line = "word " * 10_000 + "experts say" + " word" * 10_000
    path = tmp_path / "minified.html"
    path.write_text("<p>" + line + "</p>\n", encoding="utf-8")
    column = 4 + line.index("experts")
    root = parse(render([DocumentResult(str(path), "html", 70.0,
                                        [finding("experts", 1, column, 1, column + 11, text="experts say"),
                                         finding("doc", 1, 1, 1, 1)])]))
    section = next(root.find_all("section", class_="doc"))
    shown = next(section.find_all("span", class_="t")).text()
    assert len(shown) < 1500
    assert [m.text() for m in marks_of(section, 0)] == ["experts say"]
    assert "doc" in marks_of(section, 1)[0].text()
    assert shown.count("…") == 2 and shown.endswith("…")


def test_thousand_documents_stay_usable(tmp_path, monkeypatch):
    """1,000 documents: one section and one table row each, a bounded file, sources capped by budget."""
    monkeypatch.setattr(html_source, "SOURCE_BUDGET", 400_000)
    body = "\n".join(f"Paragraph {i}: experts say the harbour will reopen next spring." for i in range(80))
    results = []
    for i in range(1000):
        path = tmp_path / f"doc-{i:04d}.md"
        path.write_text(f"# Title {i}\n\n{body}\n", encoding="utf-8")
        findings = [finding("experts", 3 + j, 14, 3 + j, 25, "warning", "claims", "experts say")
                    for j in range(i % 4)]
        results.append(DocumentResult(str(path), "markdown", 100.0 - 7 * (i % 4), findings))
    text = render(results)
    size = len(text.encode("utf-8"))
    assert size < 12_000_000, size
    root = parse(text)
    assert len(list(root.find_all("section", class_="doc"))) == 1000
    assert len(list(next(root.find_all("table", id="doc-table")).find_all("tr", data_doc=True))) == 1000
    assert len(list(root.find_all("mark"))) == sum(i % 4 for i in range(1000))
    assert "limit" in text


def test_summary_lines_are_shown():
    text = render([], summary_lines=["baseline: 3 known finding(s) not shown <b>"])
    assert "baseline: 3 known finding(s) not shown &lt;b&gt;" in text
    assert "0 documents checked" in parse(text).words()


# ---------------------------------------------------------------- in a real browser

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                  "--disable-extensions", "--mute-audio"]


def chromium_binary() -> str:
    exe = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if not exe:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return exe


def chromium(*args: str) -> subprocess.CompletedProcess:
    exe = chromium_binary()
    with tempfile.TemporaryDirectory(prefix="cc-chromium-") as profile:
        proc = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, timeout=60)
    return proc


def dump_dom(path: Path, fragment: str = "") -> Node:
    proc = chromium("--dump-dom", path.resolve().as_uri() + fragment)
    dom = proc.stdout.decode("utf-8", "replace")
    assert proc.returncode == 0 and "<html" in dom, proc.stderr.decode("utf-8", "replace")[-2000:]
    root = parse(dom)
    html_el = next(root.find_all("html"))
    assert html_el.attrs.get("data-ready") == "1", "the report's script did not run"
    return root


def screenshot(path: Path, name: str, fragment: str = "", height: int = 1600) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    if shot.exists():
        shot.unlink()
    proc = chromium(f"--screenshot={shot}", f"--window-size=1280,{height}", path.resolve().as_uri() + fragment)
    assert proc.returncode == 0 and shot.exists(), proc.stderr.decode("utf-8", "replace")[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return shot


def visible_rows(root: Node) -> list[str]:
    table = next(root.find_all("table", id="doc-table"))
    return [r.attrs["data-path"] for r in table.find_all("tr", data_doc=True) if "hidden" not in r.attrs]


def test_browser_renders_marks_for_every_finding(samples_report):
    path, report = samples_report
    root = dump_dom(path)
    assert_every_finding_marked(root, report, ROOT)
    form = next(root.find_all("form", id="filters"))
    assert "hidden" not in form.attrs  # the script showed the filters
    status = next(root.find_all("output", id="filter-status")).text()
    assert status == f"{report['summary']['documents']} documents, {report['summary']['findings']} findings"
    # The sortable headers became buttons.
    assert len(list(next(root.find_all("table", id="doc-table")).find_all("button"))) >= 3
    screenshot(path, "html-report-samples.png", height=2700)


def test_browser_filters_from_the_url_hash(samples_report):
    path, report = samples_report
    docs = {d["path"]: d for d in report["documents"]}

    root = dump_dom(path, "#severity=error")
    with_errors = [p for p, d in docs.items() if any(f["severity"] == "error" for f in d["findings"])]
    assert sorted(visible_rows(root)) == sorted(with_errors)
    for s in root.find_all("section", class_="doc"):
        assert ("hidden" in s.attrs) == (s.attrs["data-path"] not in with_errors)
    items = list(root.find_all("li", class_="finding"))
    assert items and all(("hidden" in li.attrs) == (li.attrs["data-sev"] != "error") for li in items)
    for m in root.find_all("mark"):
        errors = [k for k in m.attrs["aria-describedby"].split()
                  if next(root.find_all("li", id=k)).attrs["data-sev"] == "error"]
        assert ("dim" in m.classes()) == (not errors)
    select = next(s for s in root.find_all("select") if s.attrs["name"] == "severity")
    assert [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs] in ([], ["error"])
    n_err = report["summary"]["by_severity"]["error"]
    assert next(root.find_all("output", id="filter-status")).text() == \
        f"Showing {len(with_errors)} of {len(docs)} documents, {n_err} of {report['summary']['findings']} findings"

    root = dump_dom(path, "#rule=missing-author&q=SEED")
    assert visible_rows(root) == ["samples/seed-shaped-scrape.txt"]
    sections = [s for s in root.find_all("section", class_="doc") if "hidden" not in s.attrs]
    assert [s.attrs["data-path"] for s in sections] == ["samples/seed-shaped-scrape.txt"]
    shown = [li.attrs["data-rule"] for li in sections[0].find_all("li", class_="finding") if "hidden" not in li.attrs]
    assert shown == ["missing-author"]
    screenshot(path, "html-report-filtered.png", "#severity=error", height=1000)


def test_browser_injected_script_does_not_run(evil_dir):
    run_cli("docs", "--rules", "rules.yaml", "--format", "html", "-o", "report.html", cwd=evil_dir)
    report = evil_dir / "report.html"
    root = dump_dom(report)
    assert "PWNED" not in next(root.find_all("title")).text()
    body = next(root.find_all("body"))
    assert "data-pwned" not in body.attrs
    assert not list(root.find_all("img")) and len(list(root.find_all("script"))) == 1
    text = body.text()
    assert "<script>document.title='PWNED'</script>" in text
    assert "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">" in text
    assert f"docs/{EVIL_NAME}" in text
    screenshot(report, "html-report-escaping.png", height=1200)


def test_browser_handles_a_thousand_documents(tmp_path):
    body = "\n".join(f"Paragraph {i}: experts say the harbour will reopen next spring." for i in range(40))
    results = []
    for i in range(1000):
        path = tmp_path / f"doc-{i:04d}.md"
        path.write_text(f"# Title {i}\n\n{body}\n", encoding="utf-8")
        findings = [finding("experts", 3, 14, 3, 25, "error" if i % 2 else "warning", "claims", "experts say")] \
            if i % 3 else []
        results.append(DocumentResult(str(path), "markdown", 90.0 if i % 3 else 100.0, findings))
    report = tmp_path / "big.html"
    report.write_text(render(results), encoding="utf-8")
    root = dump_dom(report, "#severity=error&q=doc-09")
    expected = sorted(str(tmp_path / f"doc-{i:04d}.md") for i in range(900, 1000) if i % 3 and i % 2)
    assert sorted(visible_rows(root)) == expected
