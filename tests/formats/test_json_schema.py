"""The JSON report against its published JSON Schema, including documents that
could not be read."""

from __future__ import annotations

import copy
import io
import json

import pytest

from contentcheck import __version__
from contentcheck.api import check_paths
from contentcheck.formats import ReportContext, get_formatter
from contentcheck.results import RunNotes, Summary
from contentcheck.rulepack import RulePack

from ..conftest import run_json

DOCS = {
    "news.html": ('<!DOCTYPE html>\n<html><head><title>Harbour news</title>\n'
                  '<meta name="author" content="{{author}}"></head>\n<body><article>\n'
                  "<h1>Harbour news</h1>\n<p>Experts say the harbour will reopen. It cost $4 million.</p>\n"
                  "<p>Don&rsquo;t miss it.</p>\n</article>\n"
                  '<aside class="related"><h3>You May Also Like</h3></aside></body></html>\n'),
    "post.md": ("---\ntitle: Post\nauthor: Jane Doe\ncategories: [news]\n---\n\n# Post\n\n"
                "Lorem ipsum dolor sit amet.\n\n## Related Posts\n"),
    "note.txt": "Harbour reopens\n\nBy Jane Doe\n\nThe harbour reopened on Monday.\n",
}


@pytest.fixture()
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "nul.txt").write_bytes(b"text\x00with a NUL byte\n")
    return folder


def test_multi_document_report_with_unreadable_documents(site, tmp_path, validate_report):
    code, report = run_json("check", "site", "missing.md", cwd=tmp_path)
    assert code == 2
    validate_report(report)
    docs = {d["path"]: d for d in report["documents"]}
    assert list(docs) == ["site/image.html", "site/news.html", "site/note.txt", "site/nul.txt",
                          "site/post.md", "missing.md"]
    for path in ("site/image.html", "site/nul.txt", "missing.md"):
        doc = docs[path]
        assert isinstance(doc["error"], str) and doc["error"]
        assert doc["score"] is None
        assert doc["findings"] == []
    for path in ("site/news.html", "site/note.txt", "site/post.md"):
        assert docs[path]["error"] is None
        assert 0 <= docs[path]["score"] <= 100
    assert docs["site/note.txt"]["findings"] == []
    assert docs["site/news.html"]["findings"] and docs["site/post.md"]["findings"]
    summary = report["summary"]
    assert (summary["documents"], summary["checked"], summary["unreadable"]) == (6, 3, 3)
    assert summary["findings"] == sum(len(d["findings"]) for d in report["documents"])


def test_unreadable_stdin_document(validate_report):
    code, report = run_json("check", "-", input=b"\x89PNG\r\n\x1a\n\x00\x00")
    assert code == 2
    validate_report(report)
    (doc,) = report["documents"]
    assert doc["path"] == "<stdin>" and doc["score"] is None and "binary" in doc["error"]


def test_too_large_document(tmp_path, validate_report):
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 250_000, encoding="utf-8")
    code, report = run_json("check", str(big), "--max-file-size", "1")
    assert code == 2
    validate_report(report)
    assert report["documents"][0]["error"]


def test_empty_run_validates(tmp_path, validate_report):
    (tmp_path / "empty").mkdir()
    _, report = run_json("check", "empty", cwd=tmp_path)
    validate_report(report)
    assert report["documents"] == []
    assert report["summary"]["mean_score"] is None


def test_library_json_formatter_validates(site, validate_report):
    pack = RulePack.load()
    out = io.StringIO()
    formatter = get_formatter("json")(out, ReportContext(__version__, pack))
    summary = Summary()
    for result in check_paths([str(site), str(site / "absent.txt")], pack, jobs=1):
        summary.add(result)
        formatter.document(result)
    formatter.finish(summary, RunNotes())
    report = json.loads(out.getvalue())
    validate_report(report)
    assert len(report["documents"]) == 6
    assert sum(1 for d in report["documents"] if d["error"]) == 3


def test_schema_is_not_vacuous(site, tmp_path, validate_report):
    _, report = run_json("check", "site", cwd=tmp_path)
    finding_doc = next(i for i, d in enumerate(report["documents"]) if d["findings"])
    broken = []
    r = copy.deepcopy(report)
    del r["summary"]
    broken.append(r)
    r = copy.deepcopy(report)
    r["documents"][finding_doc]["findings"][0]["line"] = 0
    broken.append(r)
    r = copy.deepcopy(report)
    r["documents"][finding_doc]["findings"][0]["severity"] = "fatal"
    broken.append(r)
    r = copy.deepcopy(report)
    r["documents"][0]["score"] = 101
    broken.append(r)
    r = copy.deepcopy(report)
    r["documents"][0]["surprise"] = True
    broken.append(r)
    for bad in broken:
        with pytest.raises(AssertionError):
            validate_report(bad)
