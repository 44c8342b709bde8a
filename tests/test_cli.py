"""cli.main(argv) in-process: exit codes, standard output and standard error, without a subprocess.

tests/e2e/ runs ``python -m contentcheck`` as a user would; these tests call
the same entry point directly, so they are fast and can replace a piece of
the run (a Ctrl-C, say) to see what the command line does with it.
"""

from __future__ import annotations

import json

import pytest

import contentcheck.runner as runner
from contentcheck import __version__
from contentcheck.cli import main

from .conftest import REPO, write_rules


@pytest.fixture(autouse=True)
def in_repository(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"contentcheck {__version__}\n"


def test_check_samples_as_json(capsys):
    code = main(["check", "samples", "--format", "json", "--no-progress"])
    out = capsys.readouterr()
    assert code == 1  # some samples are flawed on purpose
    report = json.loads(out.out)
    assert report["summary"]["documents"] == 7
    assert report["summary"]["by_severity"]["error"] > 0
    assert out.err == ""


def test_clean_file_exits_0_and_says_so(capsys):
    assert main(["check", "samples/clean-news.html", "--no-progress"]) == 0
    assert "No problems found." in capsys.readouterr().out


def test_no_arguments_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    out = capsys.readouterr()
    assert "Usage:" in out.out + out.err and "check" in out.out + out.err


@pytest.mark.parametrize("args, message", [
    (["check", "samples", "--format", "xml"], "unknown --format 'xml'"),
    (["check", "samples", "--fail-on", "fatal"], "unknown --fail-on 'fatal'"),
    (["check", "samples", "--engine", "spark"], "unknown --engine 'spark'"),
    (["check", "-", "--stdin-format", "pdf"], "unknown --stdin-format 'pdf'"),
    (["check", "samples", "--config", "no/such/config.yaml"], "no/such/config.yaml:1:1: cannot read"),
])
def test_bad_settings_exit_2_with_one_line(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("contentcheck: ") and message in err and "Traceback" not in err


@pytest.mark.parametrize("args, message", [
    (["check", "samples", "--no-such-flag"], "contentcheck check: no such option: --no-such-flag"),
    (["check", "samples", "--jobs", "many"], "contentcheck check: invalid value for '--jobs'"),
    (["check"], "contentcheck check: missing argument 'PATH...'"),
    (["chekc", "samples"], "contentcheck: no such command 'chekc'. Did you mean 'check'?"),
    (["rules", "show"], "contentcheck rules show: missing argument 'ID'"),
    # click raises these before it knows the command: the words name it
    (["check", "samples", "-j"], "contentcheck check: option '-j' requires an argument"),
    (["init", "--force=1"], "contentcheck init: option '--force' does not take a value"),
])
def test_command_line_mistakes_exit_2_with_one_line(capsys, args, message):
    assert main(args) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith(message) and out.err.count("\n") == 1, out.err
    assert "--help'" in out.err


def test_bad_rule_file_lists_every_problem(tmp_path, capsys):
    rules = write_rules(tmp_path, """
        rules:
          - id: Bad_ID
            category: x
            message: m
            kind: phrasee
            phrases: [a]
    """)
    assert main(["check", "samples", "-r", str(rules)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{rules}:2:9: rule id 'Bad_ID'")
    assert err[1].startswith(f"{rules}:5:11: unknown kind 'phrasee'")
    assert err[-1] == "contentcheck: 2 problems in rule files; fix them and run again"


def test_ctrl_c_during_a_run_is_reported_once_with_130(monkeypatch, capsys):
    def interrupted(settings, pack, stdout=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run", interrupted)
    assert main(["check", "samples", "--no-progress"]) == 130
    assert capsys.readouterr().err == "contentcheck: interrupted\n"


def test_rules_commands(capsys):
    assert main(["rules", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("missing-author ") for line in listed)
    assert main(["rules", "show", "missing-author"]) == 0
    assert "kind: metadata" in capsys.readouterr().out
    assert main(["rules", "show", "missing-autor"]) == 2
    assert "did you mean 'missing-author'?" in capsys.readouterr().err
    assert main(["rules", "test"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(" passed, 0 failed")



def test_rules_validate_and_test_read_a_partial_override_over_the_default_pack(tmp_path, capsys):
    # the override docs/rules.md teaches: no kind, only what changes; check --rules accepts it, so must these
    override = tmp_path / "override.yaml"
    override.write_text("rules:\n  - id: missing-author\n    severity: error\n", encoding="utf-8")
    assert main(["rules", "validate", str(override)]) == 0
    assert capsys.readouterr().out.strip() == "1 rules OK"
    assert main(["rules", "test", str(override)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(" passed, 0 failed") and not out.startswith("0 passed")
    # a rule of its own still needs its keys
    override.write_text("rules:\n  - id: house-rule\n    severity: error\n", encoding="utf-8")
    assert main(["rules", "validate", str(override)]) == 2
    assert "missing category, message, kind" in capsys.readouterr().err


def test_init_writes_a_starter_then_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "contentcheck.yaml"
    assert main(["init", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# contentcheck configuration.")
    assert main(["init", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
