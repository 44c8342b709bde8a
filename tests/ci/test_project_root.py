"""A project's configuration from anywhere in it: paths in the configuration are relative to its
file, the report names files the same way from any working directory, and discovery never goes
above the repository."""

from __future__ import annotations

import json
import subprocess

from .test_ci import ARTICLE, cli, findings, report


def _project(root):
    (root / "news").mkdir(parents=True)
    (root / "news" / "budget.md").write_text(ARTICLE)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# Guide\n\nInstall the package.\n")
    (root / "meta").mkdir()
    (root / "meta" / "waivers.yaml").write_text(
        "waivers:\n  - path: news/*.md\n    rule: chat-ai-self-reference\n    reason: quoted on purpose\n")
    (root / "contentcheck.yaml").write_text(
        "waivers: meta/waivers.yaml\n"
        "per-path:\n  - paths: ['docs/**']\n    ignore: [missing-author]\n")


def test_from_a_subfolder_the_gate_baseline_waivers_and_per_path_rules_behave_as_from_the_root(tmp_path):
    _project(tmp_path)
    # Without the baseline: per-path and the waiver apply, the weasel words fail the gate.
    root_run = cli("check", "news", "docs", "-f", "json", cwd=tmp_path)
    sub_run = cli("check", ".", "../docs", "-f", "json", cwd=tmp_path / "news")
    for proc in (root_run, sub_run):
        rules = findings(report(proc))
        assert ("docs/guide.md", "missing-author") not in [(p, r) for p, r, _ in rules], proc.stdout
        assert "chat-ai-self-reference" not in [r for _, r, _ in rules]
        assert "weasel-attribution" in [r for _, r, _ in rules]
        assert report(proc)["summary"].get("unused_waivers", []) == []
    # The report's paths are the same from both places.
    assert findings(report(root_run)) == findings(report(sub_run))
    assert [d["path"] for d in report(sub_run)["documents"]] == ["news/budget.md", "docs/guide.md"]

    # A baseline written from the root passes from a subfolder, and the other way round.
    with open(tmp_path / "contentcheck.yaml", "a") as fh:
        fh.write("baseline: meta/baseline.json\n")
    written = cli("check", "news", "docs", "--write-baseline", "meta/baseline.json", cwd=tmp_path)
    assert (tmp_path / "meta" / "baseline.json").exists(), written.stderr
    for cwd, args in ((tmp_path, ["news"]), (tmp_path / "news", ["."]), (tmp_path / "docs", ["../news"])):
        proc = cli("check", *args, cwd=cwd)
        assert proc.returncode == 0, (cwd, proc.stdout, proc.stderr)
        assert "matches nothing" not in proc.stdout
        assert "baseline: " in proc.stdout
    (tmp_path / "meta" / "baseline.json").unlink()
    cli("check", ".", "../docs", "--write-baseline", "../meta/baseline.json", cwd=tmp_path / "news")
    assert cli("check", "news", "docs", cwd=tmp_path).returncode == 0


def test_text_and_json_reports_name_the_configuration_in_use(tmp_path):
    _project(tmp_path)
    text = cli("check", "docs", cwd=tmp_path / "news")
    line = next(x for x in text.stdout.splitlines() if x.startswith("configuration: "))
    assert line == f"configuration: {tmp_path / 'contentcheck.yaml'}"
    proc = cli("check", "docs", "-f", "json", cwd=tmp_path)
    assert report(proc)["summary"]["config"] == "contentcheck.yaml"
    bare = cli("check", "docs", "-f", "json", "--no-config", cwd=tmp_path)
    assert report(bare)["summary"]["config"] is None
    assert "configuration: " not in cli("check", "docs", "--no-config", cwd=tmp_path).stdout


def test_a_configuration_above_the_repository_does_not_apply(tmp_path):
    (tmp_path / "contentcheck.yaml").write_text('exclude: ["**"]\nfail-on: never\n')
    repo = tmp_path / "repo"
    (repo / "news").mkdir(parents=True)
    (repo / "news" / "budget.md").write_text(ARTICLE)
    # Outside a repository, discovery goes up to the filesystem's root, and the footer says what applied.
    proc = cli("check", "news", cwd=repo)
    assert proc.returncode == 0 and f"configuration: {tmp_path / 'contentcheck.yaml'}" in proc.stdout
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    proc = cli("check", ".", "-f", "json", cwd=repo / "news")
    assert proc.returncode == 1, proc.stdout
    rep = json.loads(proc.stdout)
    assert rep["summary"]["config"] is None and rep["summary"]["documents"] == 1
    # A configuration at the repository's root still applies from below it.
    (repo / "contentcheck.yaml").write_text("fail-on: never\n")
    proc = cli("check", ".", cwd=repo / "news")
    assert proc.returncode == 0 and f"configuration: {repo / 'contentcheck.yaml'}" in proc.stdout
