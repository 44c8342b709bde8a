"""Which files a run checks: ignore files, exclude globs with gitignore's rules, --force-exclude
for files named on the command line (as pre-commit names them), --no-ignore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_ci import cli

ROOT = Path(__file__).resolve().parents[2]
TEXT = "# Title\n\nBy Jane Doe\n\nThe park reopened on Monday, officials said.\n"


def checked(proc) -> list[str]:
    assert proc.stdout, proc.stderr
    return sorted(d["path"] for d in json.loads(proc.stdout)["documents"])


@pytest.fixture()
def tree(tmp_path):
    for name in ("content/a.md", "content/sub/deep.md", "drafts/wip.md", "public/index.html", "generated/x.md",
                 "notes/keep.md", "notes/scratch.md", "content/drafts/old.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT)
    return tmp_path


def test_gitignore_ignore_and_contentcheckignore_are_honoured_in_folder_walks(tree):
    (tree / ".gitignore").write_text("public/\n/generated\n")
    (tree / "notes" / ".ignore").write_text("*.md\n!keep.md\n")
    (tree / ".contentcheckignore").write_text("content/sub/\n")
    proc = cli("check", ".", "-f", "json", cwd=tree)
    assert checked(proc) == ["content/a.md", "content/drafts/old.md", "drafts/wip.md", "notes/keep.md"]
    # From a subfolder, the ignore files above it still apply (no configuration: paths from here).
    assert checked(cli("check", "sub", ".", "-f", "json", cwd=tree / "content")) == ["a.md", "drafts/old.md"]
    everything = checked(cli("check", ".", "-f", "json", "--no-ignore", cwd=tree))
    assert len(everything) == 8 and "public/index.html" in everything


def test_exclude_globs_follow_gitignore_rules(tree):
    # '**/drafts/**' also skips a top-level drafts/.
    assert checked(cli("check", ".", "-f", "json", "--exclude", "**/drafts/**", cwd=tree)) == \
        ["content/a.md", "content/sub/deep.md", "generated/x.md", "notes/keep.md", "notes/scratch.md",
         "public/index.html"]
    # '*' stays within a folder: content/*.md does not reach content/sub/deep.md.
    kept = checked(cli("check", ".", "-f", "json", "--exclude", "content/*.md", cwd=tree))
    assert "content/sub/deep.md" in kept and "content/a.md" not in kept
    # A name without a slash matches at any depth.
    kept = checked(cli("check", ".", "-f", "json", "--exclude", "drafts", cwd=tree))
    assert not any("drafts" in p for p in kept)


def test_force_exclude_applies_exclude_and_ignore_files_to_files_named_on_the_command_line(tree):
    (tree / "contentcheck.yaml").write_text('exclude: ["drafts/"]\n')
    (tree / ".gitignore").write_text("public/\n")
    named = ["drafts/wip.md", "public/index.html", "content/a.md"]
    assert checked(cli("check", *named, "-f", "json", cwd=tree)) == sorted(named)
    assert checked(cli("check", *named, "-f", "json", "--force-exclude", cwd=tree)) == ["content/a.md"]
    # From a subfolder too: the configuration's globs are relative to its folder.
    assert checked(cli("check", "../drafts/wip.md", "a.md", "-f", "json", "--force-exclude",
                       cwd=tree / "content")) == ["content/a.md"]
    # The same files as a folder walk.
    assert checked(cli("check", ".", "-f", "json", cwd=tree)) == \
        checked(cli("check", *[str(p.relative_to(tree)) for p in sorted(tree.rglob("*.*"))
                               if not p.name.startswith(".") and p.name != "contentcheck.yaml"],
                    "-f", "json", "--force-exclude", cwd=tree))


def test_the_pre_commit_hook_uses_force_exclude():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "--force-exclude" in hooks.split("entry:", 1)[1].splitlines()[0]


def test_show_files_lists_what_a_run_checks_and_why_the_rest_is_skipped(tree):
    (tree / ".gitignore").write_text("public/\n")
    (tree / "notes" / ".ignore").write_text("scratch.md\n")
    (tree / "contentcheck.yaml").write_text("exclude: ['**/drafts/**']\n")
    (tree / "content" / "photo.png").write_bytes(b"\x89PNG")
    (tree / "node_modules" / "pkg").mkdir(parents=True)
    (tree / "node_modules" / "pkg" / "README.md").write_text(TEXT)
    proc = cli("check", ".", "--show-files", cwd=tree)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    to_check = sorted(line.split()[1] for line in lines if line.startswith("check "))
    # exactly what a real run reports on
    assert to_check == checked(cli("check", ".", "-f", "json", cwd=tree))
    assert to_check == ["content/a.md", "content/sub/deep.md", "generated/x.md", "notes/keep.md"]
    skipped = {line.split()[1]: line.split(None, 2)[2] for line in lines if line.startswith("skip ")}
    assert skipped["public/"].startswith("ignored by .gitignore in ")
    assert skipped["notes/scratch.md"].startswith("ignored by .ignore in ")
    assert skipped["drafts/"] == skipped["content/drafts/"] == "matches an exclude pattern"
    assert skipped["node_modules/"] == "vendored folder"
    assert "content/photo.png" not in proc.stdout  # not an article: counted, not listed
    assert lines[-1].startswith("4 files to check, ") and "hidden or not articles" in lines[-1]
    # A file named on the command line with --force-exclude, and one that does not exist.
    proc = cli("check", "drafts/wip.md", "missing.md", "--force-exclude", "--show-files", cwd=tree)
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[:2] == ["error  missing.md  no such file or folder",
                                            "skip   drafts/wip.md  matches an exclude pattern"]
