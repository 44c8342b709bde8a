"""The oldest Python that pyproject.toml declares really runs contentcheck.

Installs the project into a fresh virtual environment made with that interpreter (when this machine
has one: on PATH, or from pyenv or uv) and runs the parts that lean on newer standard libraries:
TOML front matter and ``[tool.contentcheck]`` (tomllib is 3.11+; tomli stands in below it).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _floor() -> tuple[int, int]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'requires-python\s*=\s*">=\s*(\d+)\.(\d+)"', text)
    assert m, "requires-python must say >=X.Y"
    return int(m.group(1)), int(m.group(2))


def _interpreter(version: tuple[int, int]) -> str | None:
    name = "python%d.%d" % version
    candidates = [shutil.which(name)]
    candidates += sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version[0]}.{version[1]}.*/bin/{name}")))
    uv = shutil.which("uv")
    if uv:
        found = subprocess.run([uv, "python", "find", "%d.%d" % version], capture_output=True, text=True)
        candidates.append(found.stdout.strip() if found.returncode == 0 else None)
    for exe in filter(None, candidates):
        probe = subprocess.run([exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == "%d.%d" % version:
            return exe
    return None


@pytest.fixture(scope="module")
def floor_env(tmp_path_factory):
    version = _floor()
    exe = _interpreter(version)
    if exe is None:
        pytest.skip("no Python %d.%d interpreter on this machine" % version)
    venv = tmp_path_factory.mktemp("floor") / "venv"
    subprocess.run([exe, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(ROOT)],
                         capture_output=True, text=True, timeout=900)
    if pip.returncode != 0 and "Could not find a version" in pip.stderr + pip.stdout:
        pytest.skip("the package index cannot be reached: " + pip.stderr.strip().splitlines()[-1])
    assert pip.returncode == 0, pip.stderr
    return venv / "bin" / "contentcheck"


def test_toml_front_matter_and_pyproject_on_the_oldest_declared_python(floor_env, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.contentcheck]\nfail-on = "never"\nignore = ["missing-author"]\n')
    (tmp_path / "post.md").write_text('+++\ntitle = "Budget vote"\nauthor = "Jane Doe"\n+++\n\n'
                                      "As an AI language model, I cannot verify this.\n")
    (tmp_path / "broken.md").write_text('+++\ntitle = \n+++\n\nText.\n')
    proc = subprocess.run([str(floor_env), "check", ".", "--format", "json", "--no-progress"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr  # fail-on never, from [tool.contentcheck]
    assert "Traceback" not in proc.stderr
    import json

    docs = {d["path"]: d for d in json.loads(proc.stdout)["documents"]}
    assert docs["post.md"]["metadata"]["author"] == "Jane Doe"
    assert [f["rule"] for f in docs["post.md"]["findings"]] == ["chat-ai-self-reference"]
    assert all(f["rule"] != "missing-author" for d in docs.values() for f in d["findings"])
    assert any("invalid TOML" in f["message"] for f in docs["broken.md"]["findings"])
