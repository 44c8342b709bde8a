#!/usr/bin/env python3
"""Fuzz the command line's option parsing and the configuration files.

    python scripts/fuzz.py --target cli --minutes 10     # or: python scripts/fuzz_cli.py --minutes 10
    python scripts/fuzz.py --target config --minutes 10

``cli`` builds command lines from every command and option of ``contentcheck`` with values
that are sometimes right and often not (empty, huge, negative, NaN, unknown names, control
characters, ``--`` look-alikes, missing or special files); ``config`` writes random
``contentcheck.yaml`` and ``pyproject.toml`` files (known keys with values of every type, unknown
keys, broken syntax, deep nesting, random bytes) and runs a check with them. Each run is
``contentcheck.cli.main(argv)`` in a scratch folder of its own. A failure is an exception that
escapes ``main``, a traceback or an "internal error" on standard error or in the report, or an exit
code other than 0, 1 or 2. Failing command lines and files are printed and written to ``--out``.

Paths given to options are chosen from names inside the scratch folder (and /dev/null), never
free text: a fuzzer running as root must not write over the machine's files.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src")]

ARTICLE = "# Title\n\nBy Jane Doe\n\nAs an AI language model, I cannot browse. Sales rose 40% last year.\n"
RULES = ("rules:\n  - id: house\n    category: house\n    severity: warning\n    message: m\n"
         "    kind: phrase\n    phrases: [budget]\n")
# Names a path option may get: files of the scratch folder, missing ones, folders, special files.
PATHS = ("a.md", "b.html", "docs", "docs/c.txt", "missing.md", "rules.yaml", "out.json", "out/report",
         "sub/../a.md", "/dev/null", "fifo", "", "-", "cache", "w.yaml", "base.json", "pyproject.toml")
OUTPUTS = ("out.json", "out/report", "/dev/null", "fifo.out", "docs", "a.md", "r", "sub/r", "")
WORDS = ("text", "json", "jsonl", "sarif", "github", "junit", "gitlab", "html", "markdown", "error",
         "warning", "info", "never", "local", "dask", "HEAD", "HEAD~1", "--output=x", "-x", "nan", "inf",
         "-1", "0", "1", "2", "1e14", "100000000000", "chat-assistant-leftover", "missing-author",
         "template-leftover", "**", "docs/**", "*.md", "\x1b[2J", "a\nb", "é", "\udcff", "%s", "{}", "[]")
COMMANDS = {
    "check": {
        "paths": True,
        "options": {"--format": "word", "-f": "word", "--output": "out", "-o": "out", "--output-json": "out",
                    "--output-sarif": "out", "--output-junit": "out", "--output-gitlab": "out",
                    "--output-html": "out", "--output-markdown": "out", "--rules": "path", "-r": "path",
                    "--select": "word", "--ignore": "word", "--jobs": "int", "-j": "int",
                    "--stdin-format": "word", "--stdin-name": "word", "--fail-on": "word",
                    "--fail-under": "number", "--max-file-size": "int", "--exclude": "word",
                    "--baseline": "path", "--write-baseline": "out", "--waivers": "path",
                    "--changed-since": "word", "--config": "path", "--cache": "out", "--engine": "engine"},
        "flags": ("--no-default-rules", "--statistics", "--no-config", "--follow-symlinks", "--no-progress",
                  "--fix", "--unsafe-fixes", "--diff", "--help"),
    },
    "inspect": {"paths": True, "options": {"--format": "word", "-f": "word", "--stdin-format": "word",
                                           "--stdin-name": "word", "--max-file-size": "int"},
                "flags": ("--help",)},
    "init": {"paths": False, "options": {}, "flags": ("--force", "--help"), "arg": "out"},
    "rules list": {"paths": False, "options": {"--rules": "path", "-r": "path"}, "flags": ("--no-default-rules",)},
    "rules show": {"paths": False, "options": {"--rules": "path"}, "flags": ("--no-default-rules",), "arg": "word"},
    "rules validate": {"paths": True, "options": {}, "flags": ()},
    "rules test": {"paths": True, "options": {}, "flags": ()},
}
CONFIG_KEYS = ("fail-on", "fail-under", "rules", "default-rules", "select", "ignore", "exclude", "format", "jobs",
               "max-file-size", "baseline", "waivers", "follow-symlinks", "cache", "rules-config", "per-path")


class Failure(AssertionError):
    pass


def scratch() -> Path:
    """A fresh folder three levels down a temporary one (so ``../`` stays inside it)."""
    top = Path(tempfile.mkdtemp(prefix="contentcheck-fuzz-"))
    work = top / "a" / "b" / "work"
    (work / "docs").mkdir(parents=True)
    (work / "sub").mkdir()
    (work / "a.md").write_text(ARTICLE, encoding="utf-8")
    (work / "b.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    (work / "docs" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "rules.yaml").write_text(RULES, encoding="utf-8")
    (work / "w.yaml").write_text("waivers:\n  - {path: a.md, rule: missing-author, reason: why}\n", encoding="utf-8")
    (work / "base.json").write_text('{"contentcheck_baseline": 1, "findings": []}', encoding="utf-8")
    os.mkfifo(work / "fifo")  # a path option pointing at it must not hang the run
    return work


def run_main(argv: list[str], work: Path, stdin: bytes = b"") -> tuple[int, str, str]:
    """``main(argv)`` in ``work`` with captured output; raises Failure on what counts as one."""
    from contentcheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_cwd, saved_stdin = os.getcwd(), sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException as exc:  # noqa: BLE001 - anything escaping main is a failure
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise Failure(f"{type(exc).__name__} escaped main({argv!r}):\n{traceback.format_exc()}") from None
    finally:
        os.chdir(saved_cwd)
        sys.stdin = saved_stdin
    text_out, text_err = out.getvalue(), err.getvalue()
    if code not in (0, 1, 2):
        raise Failure(f"exit code {code!r} for {argv!r}\n{text_err[-2000:]}")
    for name, text in (("stderr", text_err), ("stdout", text_out)):
        if "Traceback (most recent call last)" in text or "internal error" in text:
            raise Failure(f"{name} of {argv!r} has a traceback or an internal error:\n{text[-3000:]}")
    return code, text_out, text_err


# ---------------------------------------------------------------- strategies

def strategies():
    from hypothesis import strategies as st

    free = st.text(max_size=30)
    values = {
        "word": st.one_of(st.sampled_from(WORDS), free),
        "path": st.sampled_from(PATHS),
        "out": st.sampled_from(OUTPUTS),
        "int": st.one_of(st.integers(-5, 5000).map(str), st.sampled_from(["1e14", "x", "", "99999999999999999999"])),
        "number": st.one_of(st.floats(allow_nan=True).map(str), st.sampled_from(["nan", "-inf", "x", "50"])),
        "engine": st.sampled_from(["local", "LOCAL", "", "x"]),  # dask starts a cluster: not here
    }

    @st.composite
    def command_line(draw):
        name = draw(st.sampled_from(sorted(COMMANDS)))
        spec = COMMANDS[name]
        argv = name.split()
        if "arg" in spec:
            argv.append(draw(values[spec["arg"]]))
        parts = []
        if spec["paths"]:
            parts += draw(st.lists(st.sampled_from(PATHS), max_size=3))
        for _ in range(draw(st.integers(0, 6))):
            if spec["options"] and draw(st.booleans()):
                option = draw(st.sampled_from(sorted(spec["options"])))
                value = draw(values[spec["options"][option]])
                parts += [f"{option}={value}"] if draw(st.booleans()) else [option, value]
            elif spec["flags"]:
                parts.append(draw(st.sampled_from(spec["flags"])))
        if draw(st.integers(0, 9)) == 0:
            parts.append(draw(st.sampled_from(["--", "-", "--unknown", "-Z", "--format"])))
        parts = draw(st.permutations(parts)) if parts else parts
        parts = [p for p in parts if p != "--help"]  # typer's own: it exits 0 and says nothing of interest
        return argv + parts

    scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                       st.text(max_size=20), st.sampled_from(WORDS + PATHS))
    value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                         max_leaves=12)
    keys = st.one_of(st.sampled_from(CONFIG_KEYS), st.text(max_size=12))
    config = st.dictionaries(keys, value, max_size=6)
    return command_line(), config, st.binary(max_size=400), st.sampled_from(["yaml", "toml", "bytes", "deep"])


def toml_text(data: dict) -> str:
    """A ``[tool.contentcheck]`` table holding ``data`` (values TOML cannot hold become strings)."""
    import json

    def value(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(v), repr(v))
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v if x is not None) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items() if x is not None) + "}"
        return json.dumps(str(v))
    lines = ["[tool.contentcheck]"] + [f"{json.dumps(k)} = {value(v)}" for k, v in data.items() if v is not None]
    return "\n".join(lines) + "\n"


def config_file(kind: str, data: dict, raw: bytes) -> tuple[str, bytes]:
    import yaml

    if kind == "toml":
        return "pyproject.toml", toml_text(data).encode("utf-8", "surrogatepass")
    if kind == "bytes":
        return "contentcheck.yaml", raw
    if kind == "deep":
        return "contentcheck.yaml", (b"exclude: " + b"[" * (len(raw) * 20) + b"]" * (len(raw) * 20) + b"\n")
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        text = repr(data)
    return "contentcheck.yaml", text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------- runs

def run(minutes: float, target: str, out: Path, batch: int = 200, seed: int | None = None) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hypothesis_seed

    command_line, config, raw, kind = strategies()
    base = settings(max_examples=batch, deadline=None, database=None, suppress_health_check=list(HealthCheck),
                    print_blob=True)

    def one_cli(argv):
        work = scratch()
        try:
            run_main(argv, work, stdin=ARTICLE.encode())
        except Failure as exc:
            _keep(out, "cli", repr(argv), exc)
            raise
        finally:
            shutil.rmtree(work.parents[2], ignore_errors=True)

    def one_config(data, raw_bytes, file_kind):
        work = scratch()
        name, content = config_file(file_kind, data, raw_bytes)
        (work / name).write_bytes(content)
        try:
            run_main(["check", "a.md", "--config", name, "--no-progress"], work)
        except Failure as exc:
            _keep(out, "config", repr(content[:2000]), exc)
            raise
        finally:
            shutil.rmtree(work.parents[2], ignore_errors=True)

    tests = {"cli": lambda: given(command_line)(one_cli), "config": lambda: given(config, raw, kind)(one_config)}
    chosen = list(tests) if target == "cli-config" else [target]
    deadline = time.monotonic() + minutes * 60
    examples = rounds = 0
    while time.monotonic() < deadline:
        for name in chosen:
            test = settings(base)(tests[name]())  # a new test each round: hypothesis decorates once
            if seed is not None:
                test = hypothesis_seed(seed * 1_000_003 + rounds)(test)
            try:
                test()
            except Failure:
                print(f"\nFAILURE in target {name!r} after {examples} examples; written to {out}/")
                traceback.print_exc()
                return 1
            examples += batch
        rounds += 1
        print(f"round {rounds}: {examples} command lines and configurations, no failure "
              f"({max(0.0, deadline - time.monotonic()) / 60:.1f} min left)", flush=True)
    print(f"done: {examples} examples over {', '.join(chosen)}, no failure")
    return 0


def _keep(out: Path, name: str, case: str, exc: BaseException) -> None:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}-failure.txt"
    path.write_text(f"{case}\n\n{exc}\n", encoding="utf-8", errors="backslashreplace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--target", choices=("cli", "config", "cli-config"), default="cli-config")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", default=str(REPO / ".hypothesis" / "fuzz-failures"))
    args = parser.parse_args()
    return run(args.minutes, args.target, Path(args.out), args.batch, args.seed)


if __name__ == "__main__":
    sys.exit(main())
