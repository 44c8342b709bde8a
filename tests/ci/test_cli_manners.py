"""What a user of the command line notices: the help's placeholders, why --fail-under failed,
colour on request, --write-baseline not gating."""

from __future__ import annotations

import os
import re

import pytest

from .test_ci import ARTICLE, cli


@pytest.mark.parametrize("command", [["check"], ["inspect"], ["init"], ["rules", "list"], ["rules", "show"],
                                     ["rules", "validate"], ["rules", "test"]])
def test_help_names_what_each_option_takes(command, tmp_path):
    text = cli(*command, "--help", cwd=tmp_path).stdout
    assert "<str>" not in text and "<int" not in text and "<float" not in text and " TEXT " not in text
    if command == ["check"]:
        for shown in ("--output FILE", "--output-format FORMAT", "--baseline FILE", "--write-baseline FILE",
                      "--fail-under SCORE", "--fail-on SEVERITY", "--config FILE", "--color WHEN", "--jobs N"):
            assert shown in text, shown


def test_write_baseline_exits_0_with_findings(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE)
    assert cli("check", "a.md", cwd=tmp_path).returncode == 1
    proc = cli("check", "a.md", "--write-baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 0 and (tmp_path / "b.json").exists(), proc.stderr


def test_fail_under_names_the_documents_below_it_and_their_scores(tmp_path):
    (tmp_path / "low.md").write_text(ARTICLE)
    (tmp_path / "ok.md").write_text("---\ntitle: Clean\nauthor: Sam Lee\n---\n\nThe park reopened on Monday, "
                                    "officials said.\n")
    proc = cli("check", ".", "--fail-under", "90", "--fail-on", "never", cwd=tmp_path)
    assert proc.returncode == 1
    line = next(x for x in proc.stderr.splitlines() if "--fail-under" in x)
    assert re.fullmatch(r"contentcheck: 1 document scored below --fail-under 90: low\.md \(\d+(\.\d+)?\)", line), line
    assert "ok.md" not in line
    assert "--fail-under" not in cli("check", ".", "--fail-under", "10", cwd=tmp_path).stderr


@pytest.mark.parametrize("env,flag,colored", [
    ({}, None, False),                               # not a terminal
    ({"FORCE_COLOR": "1"}, None, True),
    ({"FORCE_COLOR": "1"}, "never", False),
    ({"NO_COLOR": "1"}, "always", True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),
    ({}, "always", True),
    ({}, "auto", False),
])
def test_color_follows_the_flag_then_no_color_then_force_color(tmp_path, env, flag, colored):
    (tmp_path / "a.md").write_text(ARTICLE)
    full = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    proc = cli("check", "a.md", *(["--color", flag] if flag else []), cwd=tmp_path, env={**full, **env})
    assert ("\033[" in proc.stdout) == colored, proc.stdout


def test_an_unknown_color_is_a_usage_error(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE)
    proc = cli("check", "a.md", "--color", "sometimes", cwd=tmp_path)
    assert proc.returncode == 2 and "--color" in proc.stderr


def test_show_settings_says_where_each_value_came_from(tmp_path):
    (tmp_path / "contentcheck.yaml").write_text("fail-on: warning\nexclude: [drafts/]\n")
    (tmp_path / "sub").mkdir()
    proc = cli("check", ".", "--show-settings", "--exclude", "tmp/", "--jobs", "2", cwd=tmp_path / "sub")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"# configuration: {os.path.join('..', 'contentcheck.yaml')}"
    assert 'fail-on: "warning"  # ../contentcheck.yaml' in lines
    assert 'exclude: ["drafts/", "tmp/"]  # ../contentcheck.yaml + command line' in lines
    assert "jobs: 2  # command line" in lines
    assert 'format: "text"  # default' in lines
