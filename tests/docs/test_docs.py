"""The README and docs/*.md say what the code does: every example they show is run or checked.

Fenced blocks, by language:

- ``sh``: each ``contentcheck`` command runs in a sandbox (a folder holding ``samples/``,
  ``content/``, ``crawl/``, ``article.html``, ``draft.md``, ``house-rules.yaml``, ``my-rules/``,
  ``crawl.warc.gz``, a git history with ``origin/main``) and must exit 0 or 1 without a traceback.
  ``pip``, ``python`` and ``ruff`` lines are checked, not run: the extras, scripts, paths and flags
  they name must exist.
- ``console``: ``$ command`` then an excerpt of its output; the shown lines must appear in that
  order (``...`` stands for lines left out).
- ``yaml``: rule files load and their examples pass; configuration, waiver, workflow and
  pre-commit files are validated against what contentcheck and this repository accept.
- ``python``: runs in the sandbox. ``json``: parses, and a check report validates against its schema.

A block that cannot run here is preceded by ``<!-- not run: reason -->``. Other languages
(``text``, ``html``) are illustrations.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from ..conftest import REPO, SAMPLES
from ..scale.test_scale import write_warc
from ..test_architecture import LAYERS

DOCS = REPO / "docs"
PAGES = [REPO / "README.md"] + sorted(DOCS.glob("*.md"))
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```(\S*)\s*$")
NOT_RUN = re.compile(r"^<!-- not run: (.+\S) -->$")


@dataclass
class Block:
    page: Path
    line: int
    lang: str
    text: str
    not_run: str | None

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    out, lines = [], page.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, lang = i, m.group(1)
        i += 1
        body = []
        while i < len(lines) and lines[i] != "```":
            body.append(lines[i])
            i += 1
        marker = NOT_RUN.match(lines[start - 1]) if start else None
        out.append(Block(page, start + 1, lang, "\n".join(body) + "\n", marker.group(1) if marker else None))
        i += 1
    return out


ALL_BLOCKS = [b for page in PAGES for b in blocks(page)]


def by_lang(*langs: str) -> list[Block]:
    return [b for b in ALL_BLOCKS if b.lang in langs and b.not_run is None]


def ids(block: Block) -> str:
    return block.where


# ---------------------------------------------------------------- the sandbox

# The sandbox's house-rules.yaml is the README's first rule file.
HOUSE_RULES = next(b.text for b in blocks(REPO / "README.md") if b.lang == "yaml")


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    for name in ("samples", "content", "crawl"):
        shutil.copytree(SAMPLES, tmp_path / name)
    shutil.copy(SAMPLES / "flawed-ai-rewrite.html", tmp_path / "article.html")
    shutil.copy(SAMPLES / "flawed-post.md", tmp_path / "draft.md")
    for rel in ("house-rules.yaml", "my-rules/house.yaml", "rules/house.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(HOUSE_RULES, encoding="utf-8")
    write_warc(tmp_path / "crawl.warc.gz", [(f"http://example.com/{name}", "text/html; charset=utf-8",
                                             (SAMPLES / name).read_text(encoding="utf-8"))
                                            for name in ("flawed-ai-rewrite.html", "clean-news.html")])
    if shutil.which("git"):
        git = ["git", "-c", "user.name=docs", "-c", "user.email=docs@example.com", "-c", "commit.gpgsign=false"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "docs sandbox"],
                     ["update-ref", "refs/remotes/origin/main", "HEAD"]):
            subprocess.run(git + args, cwd=tmp_path, check=True, capture_output=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "FORCE_COLOR")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=_env(), capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


# ---------------------------------------------------------------- sh

def _commands(text: str) -> list[str]:
    out, pending = [], ""
    for raw in text.split("\n"):
        line = pending + raw
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        pending = ""
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.strip())
    return out


def _words(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    while words and re.match(r"^[A-Z_]+=", words[0]):
        words = words[1:]  # VAR=value prefixes
    return words


def _check_pip(words: list[str], where: str) -> None:
    tomllib = pytest.importorskip("tomllib")
    extras = set(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"])
    for word in words[2:]:
        m = re.search(r"\[([\w,]+)\]", word)
        if m:
            assert set(m.group(1).split(",")) <= extras, f"{where}: unknown extra in {word}"


def _check_python(words: list[str], where: str) -> None:
    if words[1:3] == ["-m", "pytest"]:
        for arg in words[3:]:
            if not arg.startswith("-"):
                assert (REPO / arg.split("::")[0]).exists(), f"{where}: no {arg}"
        return
    script = REPO / words[1]
    assert script.is_file(), f"{where}: no {words[1]}"
    flags = [w.split("=")[0] for w in words[2:] if w.startswith("--")]
    if flags:
        helptext = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True,
                                  timeout=120).stdout
        for flag in flags:
            assert flag in helptext, f"{where}: {words[1]} has no {flag}"


def _audit(block: Block, sandbox: Path) -> None:
    """The crawl of the README's worked example, made by the crawl generator it names."""
    if "audit/" in block.text:
        from ..sites.crawl import make_crawl

        make_crawl(sandbox / "audit", sites=3, pages=30, seed=4, folder=False)


def _check_installer(words: list[str], command: str, where: str, sandbox) -> None:
    """pipx and uvx install from the repository's own address (as pyproject.toml gives it) or a
    local path, and what uvx runs must run; docker builds this repository's Dockerfile."""
    tomllib = pytest.importorskip("tomllib")
    repository = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    if words[0] == "docker":
        assert (REPO / "Dockerfile").is_file() and "-t contentcheck ." in command, f"{where}: {command}"
        return
    source = words[words.index("--from") + 1] if words[0] == "uvx" else words[2]
    assert source.split("@")[0] in (f"git+{repository}", ".") or (REPO / source).exists(), f"{where}: {source}"
    if words[0] == "uvx":
        rest = shlex.join(words[words.index("--from") + 2:])
        proc = _shell(rest, sandbox)
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, f"{where}: {rest}\n{proc.stderr}"


@pytest.mark.parametrize("block", by_lang("sh"), ids=ids)
def test_shell_commands(block, sandbox):
    _audit(block, sandbox)
    for command in _commands(block.text):
        words = _words(command)
        if words[0] in ("pipx", "uvx", "docker"):
            _check_installer(words, command, block.where, sandbox)
        elif "contentcheck" in words:
            proc = _shell(command, sandbox)
            assert "Traceback" not in proc.stderr, f"{block.where}: {command}\n{proc.stderr}"
            assert proc.returncode in (0, 1), f"{block.where}: {command} exited {proc.returncode}\n{proc.stderr}"
        elif words[0] == "pip":
            _check_pip(words, block.where)
        elif words[0] in ("python", "python3"):
            _check_python(words, block.where)
        elif words[0] == "ruff":
            for path in words[2:]:
                assert (REPO / path).exists(), f"{block.where}: no {path}"
        else:
            pytest.fail(f"{block.where}: no way to check {command!r}; mark the block <!-- not run: why -->")


# ---------------------------------------------------------------- console

@pytest.mark.parametrize("block", by_lang("console"), ids=ids)
def test_console_output(block, sandbox):
    _audit(block, sandbox)
    lines = block.text.rstrip("\n").split("\n")
    assert lines[0].startswith("$ "), f"{block.where}: a console block starts with '$ command'"
    proc = _shell(lines[0][2:], sandbox)
    assert "Traceback" not in proc.stderr, proc.stderr
    actual = proc.stdout.split("\n")
    at = 0
    for expected in lines[1:]:
        if expected == "...":
            continue
        assert expected in actual[at:], f"{block.where}: not in the output (in this order):\n{expected}"
        at = actual.index(expected, at) + 1


# ---------------------------------------------------------------- yaml

def _action_inputs() -> set[str]:
    return set(yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))["inputs"])


def _check_options() -> set[str]:
    import typer

    from contentcheck.cli import app

    command = typer.main.get_command(app).commands["check"]
    return {opt for param in command.params for opt in getattr(param, "opts", []) if opt.startswith("-")}


@pytest.mark.parametrize("block", by_lang("yaml"), ids=ids)
def test_yaml_examples(block, sandbox):
    from contentcheck.ci.config import load_config
    from contentcheck.ci.policy import load_waivers
    from contentcheck.engine.ruletest import run_examples
    from contentcheck.rulepack import RulePack

    data = yaml.safe_load(block.text)
    path = sandbox / "example.yaml"
    path.write_text(block.text, encoding="utf-8")
    if "rules" in data and all(isinstance(r, dict) for r in data["rules"]):
        pack = RulePack.load([str(path)])
        mine = {r["id"] for r in data["rules"]}
        failures, _ = run_examples(RulePack([r for r in pack.all_rules if r.id in mine]))
        assert not failures, f"{block.where}:\n" + "\n".join(failures)
    elif "waivers" in data:
        assert load_waivers(str(path))
    elif "jobs" in data:
        steps = [s for job in data["jobs"].values() for s in job["steps"]]
        ours = [s for s in steps if str(s.get("uses", "")).startswith("contentcheck/contentcheck")]
        assert ours, f"{block.where}: the workflow does not use the action"
        for step in ours:
            assert set(step.get("with", {})) <= _action_inputs(), f"{block.where}: unknown action input"
    elif "repos" in data:
        hooks = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
        used = {h["id"] for repo in data["repos"] for h in repo["hooks"]}
        assert used <= hooks, f"{block.where}: unknown hooks {used - hooks}"
    elif any(isinstance(v, dict) and "script" in v for v in data.values()):
        options = _check_options()
        for job in data.values():
            for line in job["script"]:
                words = shlex.split(line)
                if words[:2] == ["contentcheck", "check"]:
                    flags = [w for w in words if w.startswith("-")]
                    assert set(flags) <= options, f"{block.where}: unknown options {set(flags) - options}"
    else:
        load_config(str(path))  # raises ConfigError, located, on anything wrong


# ---------------------------------------------------------------- python and json

@pytest.mark.parametrize("block", by_lang("python"), ids=ids)
def test_python_examples(block, sandbox):
    # Run as a user runs it: a script of its own (Dask's worker processes import it again).
    script = sandbox / "example.py"
    script.write_text(block.text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, str(script)], cwd=sandbox, capture_output=True, text=True, timeout=300,
                          env=env)
    assert proc.returncode == 0, f"{block.where}: {proc.stderr[-2000:]}"


@pytest.mark.parametrize("block", by_lang("json"), ids=ids)
def test_json_examples(block, validate_report):
    import json

    data = json.loads(block.text)
    if "documents" in data and "summary" in data:  # a check report (inspect's JSON has no summary)
        validate_report(data)


# ---------------------------------------------------------------- the pages themselves

def test_blocks_marked_not_run_say_why():
    marked = [b for b in ALL_BLOCKS if b.not_run is not None]
    assert all(len(b.not_run) > 10 for b in marked)
    assert len(marked) <= 6, "most examples should run; mark only what cannot run here"


def test_readme_is_the_front_door():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    for page in DOCS.glob("*.md"):
        assert f"](docs/{page.name}" in readme, f"README links no docs/{page.name}"


def _slug(heading: str) -> str:
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_links_point_somewhere(page):
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        dest = (page.parent / file).resolve() if file else page
        assert dest.exists(), f"{page.name}: broken link {target}"
        if anchor and dest.suffix == ".md":
            headings = [_slug(h) for h in re.findall(r"^#+ (.+)$", dest.read_text(encoding="utf-8"), re.M)]
            assert anchor in headings, f"{page.name}: no heading #{anchor} in {dest.name}"


def test_every_check_option_is_documented():
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [opt for opt in _check_options() if opt.startswith("--") and opt not in cli
               and not (opt.startswith("--output-") and "--output-json/-sarif" in cli)]
    assert not missing, f"docs/cli.md does not mention {missing}"


def test_every_rule_key_is_documented():
    from contentcheck.rulepack.rulefile import COMMON_KEYS

    rules = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert [k for k in COMMON_KEYS if f"`{k}`" not in rules] == []


def test_kinds_page_is_generated_from_the_kinds():
    spec = importlib.util.spec_from_file_location("kinds_doc", REPO / "scripts" / "kinds_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "docs/kinds.md is out of date: run python scripts/kinds_doc.py"


def test_internals_draws_the_layers_the_architecture_test_enforces():
    text = (DOCS / "internals.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (.+) \|$", text, re.M)
    drawn = {int(n): tuple(re.findall(r"`([\w_]+)`", units)) for n, units in rows}
    assert [drawn[n] for n in sorted(drawn)] == [tuple(layer) for layer in LAYERS]
