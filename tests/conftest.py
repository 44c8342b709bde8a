"""Shared helpers for the contentcheck test suite.

Every test writes its own small documents and rule files into ``tmp_path``;
nothing here reads ../shared or tests/eval.
"""

from __future__ import annotations

import atexit
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from contentcheck.api import check_text
from contentcheck.rulepack import RulePack

# The rule pack cache of a test run is its own: cold when the run starts, the user's left alone
# (the CLI runs the tests start inherit it).
os.environ["CONTENTCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="contentcheck-test-cache-")
atexit.register(shutil.rmtree, os.environ["CONTENTCHECK_CACHE_DIR"], ignore_errors=True)

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SCHEMA_PATH = REPO / "src" / "contentcheck" / "schemas" / "report.schema.json"

_TAG = re.compile(r"<[^>]*>")


# ---------------------------------------------------------------- rule files

def write_rules(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    """Write a rule file (dedented) and return its path."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_pack(tmp_path: Path, text: str, name: str = "rules.yaml") -> RulePack:
    """A RulePack holding only the rules of ``text`` (no default pack)."""
    return RulePack.load([str(write_rules(tmp_path, text, name))], use_default=False)


def check(text: str, pack: RulePack, fmt: str, name: str = "doc"):
    return check_text(text, pack, fmt=fmt, name=name)


# ---------------------------------------------------------------- positions

def source_lines(source: str) -> list[str]:
    """Lines as a user's editor numbers them (``\\n`` ends a line; ``\\r`` stays)."""
    return source.split("\n")


def source_at(source: str, line: int, column: int) -> str:
    """The source text from 1-based (line, column) to the end of that line."""
    lines = source_lines(source)
    assert 1 <= line <= len(lines), f"line {line} outside the document ({len(lines)} lines)"
    text = lines[line - 1]
    assert 1 <= column <= len(text) + 1, f"column {column} outside line {line} ({len(text)} characters)"
    return text[column - 1:]


def source_span(source: str, finding) -> str:
    """The source text between a finding's start and its (exclusive) end."""
    lines = source_lines(source)
    start = sum(len(x) + 1 for x in lines[:finding.line - 1]) + finding.column - 1
    end = sum(len(x) + 1 for x in lines[:finding.end_line - 1]) + finding.end_column - 1
    assert start <= end, f"finding ends before it starts: {finding}"
    return source[start:end]


def squash(text: str) -> str:
    return " ".join(text.split())


def visible(html_source: str) -> str:
    """What a browser shows for a slice of HTML source: tags dropped, entities decoded."""
    return squash(html.unescape(_TAG.sub(" ", html_source)).replace("\xa0", " "))


def assert_maps_back(source: str, result, fmt: str) -> None:
    """Every finding with matched text points at that text in the source.

    Markdown and plain text: the text between (line, column) and
    (end_line, end_column) is the finding's text (whitespace squashed).
    HTML: the same slice, decoded as a browser would, is the finding's text.
    """
    assert result.error is None, result.error
    for f in result.findings:
        if not f.text:
            continue
        span = source_span(source, f)
        if fmt == "html":
            assert visible(span) == f.text, (f, span)
            assert source_at(source, f.line, f.column)[:1] == span[:1]
        else:
            assert squash(span) == f.text, (f, span)
            first_word = f.text.split()[0]
            assert source_at(source, f.line, f.column).startswith(first_word), (f, span)


def found(result, rule: str | None = None) -> list[tuple[int, int, str]]:
    """(line, column, text) of the findings, optionally of one rule."""
    return [(f.line, f.column, f.text) for f in result.findings if rule is None or f.rule == rule]


def rule_ids(result) -> list[str]:
    return [f.rule for f in result.findings]


# ---------------------------------------------------------------- the CLI

def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path | str = REPO, input: str | bytes | None = None,
            env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``python -m contentcheck ARGS`` and capture its output as text."""
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run([sys.executable, "-m", "contentcheck", *args], cwd=str(cwd), input=data,
                          capture_output=True, env=env or cli_env(), timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def run_json(*args: str, **kwargs) -> tuple[int, dict]:
    proc = run_cli(*args, "--format", "json", **kwargs)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture(scope="session")
def report_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate_report(report_schema):
    jsonschema = pytest.importorskip("jsonschema")
    validator_cls = jsonschema.validators.validator_for(report_schema)
    validator_cls.check_schema(report_schema)
    validator = validator_cls(report_schema)

    def validate(report: dict) -> None:
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)

    return validate
