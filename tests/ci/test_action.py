"""action.yml as GitHub runs it: inputs reach the scripts through the environment only, paths with
spaces survive, a plain version installs that version, and zizmor finds nothing high."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}


def test_no_expression_is_expanded_inside_a_script():
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


def test_python_is_set_up_with_a_pinned_action():
    setup = STEPS["Set up Python"]
    name, ref = setup["uses"].split("@")
    assert name == "actions/setup-python" and len(ref) == 40
    assert ACTION["inputs"]["python-version"]["default"]


def _run(step: str, env: dict, tmp_path: Path) -> list[list[str]]:
    """Run a step's script with stand-ins for python3 and contentcheck that record their arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "calls"
    for name in ("python3", "contentcheck"):
        stub = bin_dir / name
        stub.write_text(f'#!/bin/bash\n{{ printf "%s" "{name}"; printf "\\t%s" "$@"; printf "\\n"; }} >> "{log}"\n')
        stub.chmod(0o755)
    subprocess.run(["bash", "-e", "-c", STEPS[step]["run"]], check=True, cwd=tmp_path,
                   env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", **env})
    return [line.split("\t") for line in log.read_text().splitlines()]


@pytest.mark.parametrize("version,requirement", [
    ("", "/action/path"),
    ("0.1.0", "contentcheck==0.1.0"),
    (">=0.1,<0.2", "contentcheck>=0.1,<0.2"),
    ("git+https://example.org/contentcheck.git@v0.1.0", "git+https://example.org/contentcheck.git@v0.1.0"),
    ('0.1.0"; touch pwned; echo "', 'contentcheck==0.1.0"; touch pwned; echo "'),
])
def test_version_input(version, requirement, tmp_path):
    calls = _run("Install contentcheck", {"CC_VERSION": version, "CC_ACTION_PATH": "/action/path"}, tmp_path)
    assert calls == [["python3", "-m", "pip", "install", "--quiet", requirement]]
    assert not (tmp_path / "pwned").exists()


def test_paths_with_spaces_and_args(tmp_path):
    env = {"CC_PATHS": "content/my posts\n  docs/ \n\n*.md\n", "CC_ARGS": "--fail-on warning  --jobs 2",
           "CC_SARIF": "out dir/r.sarif"}
    (calls,) = _run("Run contentcheck", env, tmp_path)
    assert calls == ["contentcheck", "check", "content/my posts", "docs/", "*.md", "--format", "github",
                     "--output-sarif", "out dir/r.sarif", "--no-progress", "--fail-on", "warning", "--jobs", "2"]


def test_zizmor_reports_nothing_high():
    zizmor = shutil.which("zizmor") or shutil.which("zizmor", path=os.path.dirname(os.sys.executable))
    if zizmor is None:
        pytest.skip("zizmor is not installed (pip install zizmor)")
    proc = subprocess.run([zizmor, "--offline", "--min-severity", "high", "action.yml"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
