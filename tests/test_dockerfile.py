"""The Dockerfile: a slim image, a non-root user, contentcheck as the entrypoint; built and run where a
Docker daemon answers (skipped elsewhere)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_the_dockerfile_is_slim_non_root_and_runs_contentcheck():
    bases = re.findall(r"(?m)^FROM\s+(\S+)", DOCKERFILE)
    assert bases and all(base.endswith("-slim") for base in bases)
    final = DOCKERFILE.rsplit("\nFROM ", 1)[1]
    user = re.search(r"(?m)^USER\s+(\S+)", final)
    assert user and user.group(1) not in ("root", "0")
    assert re.search(r'(?m)^ENTRYPOINT \["contentcheck"\]$', final)
    for source in re.findall(r"(?m)^COPY\s+(?!--from)(.+)\s+\S+$", DOCKERFILE):
        for path in source.split():
            assert (ROOT / path).exists(), f"the Dockerfile copies {path}, which is not in the repository"


@pytest.fixture(scope="module")
def image():
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True, timeout=60).returncode != 0:
        pytest.skip("no Docker daemon here")
    tag = "contentcheck-test:latest"
    build = subprocess.run([docker, "build", "-t", tag, str(ROOT)], capture_output=True, text=True, timeout=1200)
    if build.returncode != 0 and re.search(r"pull access denied|failed to resolve|dial tcp|no such host|TLS handshake",
                                           build.stderr):
        pytest.skip("the base image cannot be pulled here: " + build.stderr.strip().splitlines()[-1])
    assert build.returncode == 0, build.stderr[-3000:]
    yield docker, tag
    subprocess.run([docker, "rmi", "-f", tag], capture_output=True)


def test_the_image_checks_mounted_files_as_a_non_root_user(image):
    docker, tag = image
    uid = subprocess.run([docker, "run", "--rm", "--entrypoint", "id", tag, "-u"], capture_output=True, text=True)
    assert uid.stdout.strip() not in ("", "0")
    proc = subprocess.run([docker, "run", "--rm", "-v", f"{ROOT / 'samples'}:/work:ro", tag, "check", ".",
                           "--format", "json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # some samples are flawed on purpose
    assert '"documents"' in proc.stdout
