"""``contentcheck inspect``: what contentcheck read, block by block, exactly as the checks read it."""

from __future__ import annotations

import json
import re

from contentcheck.loaders import load_document

from ..conftest import REPO, run_cli, source_at

PAGE = (
    "<!DOCTYPE html>\r\n<html lang=\"en-GB\"><head><title>Harbour &amp; town</title>\r\n"
    "<meta name=\"author\" content=\"Jane Doe\">\r\n<meta property=\"og:locale\" content=\"en_GB\">\r\n"
    "<meta property=\"article:section\" content=\"Local\"></head>\r\n"
    "<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\r\n"
    "<article><h1>Harbour plan approved</h1>\r\n"
    "<p>The council approved the caf&eacute; &amp; harbour plan\r\n  on Tuesday, after a long debate.</p>\r\n"
    "<p class=\"x\"\">Residents said they would wait and see what the plan brings.</p></article>\r\n"
    "<footer><p>Copyright</p></footer></body></html>\r\n"
)


def inspect_json(tmp_path, *paths: str, name: str = "page.html", source: str = PAGE):
    (tmp_path / name).write_bytes(source.encode("utf-8"))
    proc = run_cli("inspect", *(paths or (name,)), "--format", "json", cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_json_has_the_documented_keys(tmp_path):
    code, report = inspect_json(tmp_path)
    assert code == 0
    assert set(report) == {"version", "documents"}
    (doc,) = report["documents"]
    assert {"path", "format", "language", "metadata", "blocks"} <= set(doc)
    assert doc["path"] == "page.html" and doc["format"] == "html"
    for block in doc["blocks"]:
        assert set(block) == {"scope", "tag", "text", "line", "column", "end_line", "end_column"}


def test_metadata_is_the_check_reports(tmp_path):
    _, report = inspect_json(tmp_path)
    meta = report["documents"][0]["metadata"]
    proc = run_cli("check", "page.html", "--format", "json", cwd=tmp_path)
    checked = json.loads(proc.stdout)["documents"][0]["metadata"]
    for key, value in checked.items():
        assert meta[key] == value, key
    assert meta["title"] == "Harbour & town"
    assert meta["authors"][0] == {"name": "Jane Doe", "source": "meta-author", "line": 3, "column": 1}
    assert meta["fields"]["html-lang"] == ["en-GB"]
    assert meta["fields"]["og-locale"] == ["en_GB"]
    assert meta["fields"]["section"] == ["Local"]


def test_blocks_have_their_scope_and_text(tmp_path):
    _, report = inspect_json(tmp_path)
    blocks = [(b["scope"], b["tag"], " ".join(b["text"].split())) for b in report["documents"][0]["blocks"]]
    assert blocks == [
        ("title", "title", "Harbour & town"),
        ("chrome", "nav", "Home News"),
        ("main", "h1", "Harbour plan approved"),
        ("main", "p", "The council approved the café & harbour plan on Tuesday, after a long debate."),
        ("main", "p", "Residents said they would wait and see what the plan brings."),
        ("chrome", "p", "Copyright"),
    ]


def test_block_spans_point_at_the_first_and_last_characters(tmp_path):
    _, report = inspect_json(tmp_path)
    source = PAGE.replace("\r\n", "\n")  # lines as an editor counts them; columns unchanged
    for block in report["documents"][0]["blocks"]:
        text = block["text"].strip()
        start = source_at(source, block["line"], block["column"])
        assert start.startswith(text[0]), (block, start[:20])
        end_line = source.split("\n")[block["end_line"] - 1]
        assert end_line[:block["end_column"] - 1].endswith(text[-1]), (block, end_line)
    (para,) = [b for b in report["documents"][0]["blocks"] if b["text"].startswith("The council")]
    assert (para["line"], para["end_line"]) == (8, 9)


def test_blocks_are_exactly_what_the_checks_read(tmp_path):
    _, report = inspect_json(tmp_path)
    doc = load_document(str(tmp_path / "page.html"))
    for scope, zone in (("main", "body"), ("chrome", "chrome"), ("title", "title")):
        shown = [b["text"] for b in report["documents"][0]["blocks"] if b["scope"] == scope]
        assert "\n\n".join(shown) == doc.scope(zone).text


def test_text_format_is_one_block_a_line(tmp_path):
    (tmp_path / "page.html").write_bytes(PAGE.encode("utf-8"))
    proc = run_cli("inspect", "page.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "page.html  (html)"
    assert "  author: Jane Doe (meta tags)" in lines
    block_lines = [line for line in lines if re.match(r"  (main|chrome|title) ", line)]
    assert len(block_lines) == 6
    assert re.match(r"  main +h1 +7:14-7:35 +Harbour plan approved$", block_lines[2]), block_lines[2]


def test_markdown_and_text_and_stdin(tmp_path):
    (tmp_path / "post.md").write_text("---\nauthor: Sam Lee\n---\n\n# Title\n\nA *short* post.\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("Headline\n\nBy Ana Ruiz\n\nThe text.\n", encoding="utf-8")
    proc = run_cli("inspect", "post.md", "note.txt", "--format", "json", cwd=tmp_path)
    docs = {d["path"]: d for d in json.loads(proc.stdout)["documents"]}
    assert docs["post.md"]["format"] == "markdown" and docs["post.md"]["metadata"]["author"] == "Sam Lee"
    assert docs["note.txt"]["metadata"]["author"] == "Ana Ruiz"
    post = docs["post.md"]["blocks"][-1]
    assert post["text"].split() == ["A", "short", "post."] and (post["line"], post["column"]) == (7, 1)
    proc = run_cli("inspect", "-", "--stdin-format", "html", "--stdin-name", "in.html", "--format", "json",
                   cwd=tmp_path, input="<p>From standard input, a paragraph.</p>")
    (doc,) = json.loads(proc.stdout)["documents"]
    assert doc["path"] == "in.html" and doc["blocks"][0]["text"] == "From standard input, a paragraph."


def test_unreadable_inputs_are_reported_and_the_others_read(tmp_path):
    (tmp_path / "page.html").write_bytes(PAGE.encode("utf-8"))
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    proc = run_cli("inspect", "missing.html", "image.html", "page.html", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    docs = {d["path"]: d for d in json.loads(proc.stdout)["documents"]}
    assert "no such file" in docs["missing.html"]["error"]
    assert "binary" in docs["image.html"]["error"]
    assert docs["page.html"]["blocks"]
    proc = run_cli("inspect", "missing.html", cwd=tmp_path)
    assert proc.returncode == 2 and "error: no such file" in proc.stdout
    proc = run_cli("inspect", "page.html", "--format", "xml", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown --format" in proc.stderr and "Traceback" not in proc.stderr


def test_readme_inspect_commands_run():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^(contentcheck inspect [^#\n]*?)\s*(?:#.*)?$", readme, re.MULTILINE)
    assert commands, "the README shows inspect"
    for command in commands:
        proc = run_cli(*command.split()[1:], cwd=REPO)
        assert proc.returncode == 0, (command, proc.stderr)
        assert proc.stdout.strip()
