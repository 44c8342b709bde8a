"""The crawl generator of benchmarks/crawlgen.py, for tests."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from ..conftest import REPO


def crawlgen():
    spec = importlib.util.spec_from_file_location("crawlgen", REPO / "benchmarks" / "crawlgen.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("crawlgen", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def make_crawl(out: Path, *, sites: int = 4, pages: int = 20, seed: int = 11, folder: bool = True) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    return crawlgen().build(str(out), sites, pages, seed, warc=True, folder=folder)


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def injected_by_url(labels: dict) -> dict[str, set[str]]:
    return {p["url"]: {norm(t) for t in p["injected"]} for p in labels["pages"]}


def boilerplate(report: dict, rule: str = "site-boilerplate") -> dict[str, list[dict]]:
    """The rule's findings by page URL (WARC records) or path."""
    out = {}
    for doc in report["documents"]:
        key = doc["path"].split("#", 1)[1] if "#" in doc["path"] else doc["path"]
        out[key] = [f for f in doc["findings"] if f["rule"] == rule]
    return out


def load(text: str) -> dict:
    return json.loads(text)
