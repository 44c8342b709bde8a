"""Every document gets a site: the WARC record's host, else the page's own URL, else its folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contentcheck.inputs.sites import folder_site, host_of

from ..conftest import run_cli, run_json
from ..scale.test_scale import write_warc

PAGE = ("<!DOCTYPE html><html><head><title>T</title>{head}</head><body><article><h1>T</h1>"
        "<p>The council met on Monday to discuss the harbour budget.</p></article></body></html>")


def _crawl(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    (root / "www.alpha.com").mkdir(parents=True)
    (root / "beta").mkdir()
    (root / "beta" / "canonical.html").write_text(
        PAGE.format(head='<link rel="canonical" href="https://www.Gamma.org/story">'))
    (root / "beta" / "og.html").write_text(
        PAGE.format(head='<meta property="og:url" content="https://news.epsilon.io/a">'))
    (root / "beta" / "front.md").write_text("---\nurl: https://delta.net/p\n---\n\nThe council met.\n")
    (root / "beta" / "plain.html").write_text(PAGE.format(head=""))
    (root / "www.alpha.com" / "note.txt").write_text("The council met on Monday.\n")
    (root / "loose.txt").write_text("A file right in the folder.\n")
    return root


def _sites(report: dict) -> dict[str, str | None]:
    return {Path(d["path"]).name: d["site"] for d in report["documents"]}


def test_host_of_drops_www_port_and_case():
    assert host_of("https://www.Example.COM:8443/a?b") == "example.com"
    assert host_of("//cdn.example.org/x") == "cdn.example.org"
    assert host_of("/relative/path") is None
    assert host_of("") is None
    assert host_of("https://www.co/") == "www.co"  # not a www. prefix: the whole name


def test_folder_site_is_the_first_level_below_the_given_folder():
    assert folder_site("crawl", "crawl/site-a/2024/post.html") == "site-a"
    assert folder_site(".", "site-a/post.html") == "site-a"
    assert folder_site("crawl", "crawl/post.html") is None
    assert folder_site("crawl", "crawl/www.example.com/p.html") == "example.com"
    assert folder_site("crawl", "crawl/www.Example.com/p.html") == "example.com"  # a host's folder, as its host
    assert folder_site("crawl", "crawl/Pinecrest/p.html") == "Pinecrest"  # any other name as written


def test_auto_prefers_the_pages_url_then_the_folder(tmp_path):
    root = _crawl(tmp_path)
    _, report = run_json("check", str(root), cwd=tmp_path)
    assert _sites(report) == {"canonical.html": "gamma.org", "og.html": "news.epsilon.io",
                              "front.md": "delta.net", "plain.html": "beta", "note.txt": "alpha.com",
                              "loose.txt": None}


@pytest.mark.parametrize("mode, expected", [
    ("url", {"canonical.html": "gamma.org", "og.html": "news.epsilon.io", "front.md": "delta.net",
             "plain.html": None, "note.txt": None, "loose.txt": None}),
    ("folder", {"canonical.html": "beta", "og.html": "beta", "front.md": "beta", "plain.html": "beta",
                "note.txt": "alpha.com", "loose.txt": None}),
    ("none", dict.fromkeys(["canonical.html", "og.html", "front.md", "plain.html", "note.txt", "loose.txt"])),
])
def test_site_from(tmp_path, mode, expected):
    root = _crawl(tmp_path)
    _, report = run_json("check", str(root), "--site-from", mode, cwd=tmp_path)
    assert _sites(report) == expected


def test_warc_target_uri_wins_over_the_canonical(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [("https://www.pinecrest.example/a", "text/html",
                       PAGE.format(head='<link rel="canonical" href="https://other.example/a">')),
                      ("http://Blog.Lakeside.example:8080/b", "text/html", PAGE.format(head=""))])
    _, report = run_json("check", str(warc), cwd=tmp_path)
    assert [d["site"] for d in report["documents"]] == ["pinecrest.example", "blog.lakeside.example"]


def test_site_in_sarif_jsonl_markdown_and_html(tmp_path):
    root = tmp_path / "crawl"
    (root / "harbour-times").mkdir(parents=True)
    (root / "harbour-times" / "p.txt").write_text("Views: 218\n\nYou May Also Like\n\nThe council met.\n")
    proc = run_cli("check", str(root), "--format", "sarif", cwd=tmp_path)
    results = json.loads(proc.stdout)["runs"][0]["results"]
    assert results and {r["properties"]["site"] for r in results} == {"harbour-times"}
    proc = run_cli("check", str(root), "--format", "jsonl", cwd=tmp_path)
    assert json.loads(proc.stdout.splitlines()[0])["site"] == "harbour-times"
    proc = run_cli("check", str(root), "--format", "markdown", cwd=tmp_path)
    assert "| document | site | score |" in proc.stdout and "| harbour-times |" in proc.stdout
    proc = run_cli("check", str(root), "--format", "html", cwd=tmp_path)
    assert "<dt>Site</dt><dd>harbour-times</dd>" in proc.stdout


def test_bad_site_from_is_a_usage_error(tmp_path):
    proc = run_cli("check", str(tmp_path), "--site-from", "host", cwd=tmp_path)
    assert proc.returncode == 2 and "--site-from" in proc.stderr and "Traceback" not in proc.stderr
