#!/usr/bin/env python3
"""Fuzz the loaders and the engine by hand, for as long as you like.

    python scripts/fuzz.py                      # 10 minutes, hypothesis (or atheris when installed)
    python scripts/fuzz.py --minutes 60 --seed 7
    python scripts/fuzz.py --engine hypothesis --target html
    python scripts/fuzz.py --target cli-config  # the command line's options and configuration files
    pip install atheris && python scripts/fuzz.py --engine atheris --minutes 30 -- -jobs=2

Every input goes through ``contentcheck.loaders.parse_bytes`` (html, markdown,
text and sniffed) and then the engine with the default pack plus the
property rules of tests/loaders/test_properties.py. A failure is any exception other
than ``LoadError`` from a loader, any exception from the engine, a finding
whose line/column lies outside the decoded source or does not point at its
text, or an input that takes longer than ``--example-timeout`` seconds.

The files of tests/hostile/ are checked first, as a smoke test and (with
atheris) as the seed corpus. With hypothesis, failing examples are shrunk,
printed, and written to ``--out`` (default .hypothesis/fuzz-failures/) so they can be
replayed with ``python scripts/fuzz.py --replay FILE``. The default pytest run
uses the same properties with ~150 examples each
(CONTENTCHECK_PROPERTY_EXAMPLES=N raises that).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "src")]

FORMATS = ("html", "markdown", "text", None)
TARGETS = ("bytes", "html", "markdown", "text", "unicode")


class SlowInput(Exception):
    """An input that took longer than --example-timeout seconds."""


def _alarm(seconds: float):
    def handler(signum, frame):
        raise SlowInput(f"took longer than {seconds:g}s")

    if seconds and hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, handler)
        signal.setitimer(signal.ITIMER_REAL, seconds)


def _disarm():
    if hasattr(signal, "SIGALRM"):
        signal.setitimer(signal.ITIMER_REAL, 0)


def _save(out: Path, name: str, data: bytes, fmt: str | None, error: BaseException) -> Path:
    """Keep the failing input (hypothesis runs the shrunk example last, so it wins)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}-failure.{fmt or 'auto'}.bin"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    return path


def smoke_hostile_files(check_bytes, timeout: float) -> int:
    """Every file of tests/hostile/ in every format; returns the number of failures."""
    failures = 0
    files = sorted(p for p in (REPO / "tests" / "hostile").rglob("*") if p.is_file())
    for path in files:
        data = path.read_bytes()
        for fmt in FORMATS:
            _alarm(timeout)
            try:
                check_bytes(data, fmt, name=path.name)
            except BaseException as exc:  # noqa: BLE001 - report everything, go on
                if isinstance(exc, KeyboardInterrupt):
                    raise
                failures += 1
                print(f"FAIL {path.relative_to(REPO)} as {fmt}: {type(exc).__name__}: {exc}"[:500])
            finally:
                _disarm()
    print(f"smoke: {len(files)} files of tests/hostile/ x {len(FORMATS)} formats, {failures} failure(s)")
    return failures


def run_hypothesis(args) -> int:
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st
    from hypothesis.database import DirectoryBasedExampleDatabase

    from tests.loaders.test_properties import (
        any_format,
        arbitrary_bytes,
        check_bytes,
        check_string,
        html_documents,
        markdown_documents,
        text_documents,
    )

    if not args.skip_smoke and smoke_hostile_files(check_bytes, args.example_timeout):
        return 1
    out = Path(args.out)
    db = DirectoryBasedExampleDatabase(str(REPO / ".hypothesis" / "fuzz"))
    base = settings(
        max_examples=args.batch, deadline=None, database=db, print_blob=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    )

    def guarded(name, _fmt):
        """A hypothesis test of one (text or bytes, format) pair, saving what fails."""
        def body(value, fmt_value):
            data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
            _alarm(args.example_timeout)
            try:
                if isinstance(value, bytes):
                    check_bytes(value, fmt_value)
                else:
                    check_string(value, fmt_value)
            except BaseException as exc:
                if not isinstance(exc, KeyboardInterrupt):
                    _save(out, name, data, fmt_value, exc)
                raise
            finally:
                _disarm()
        return body

    strategies = {
        "bytes": (arbitrary_bytes, any_format),
        "html": (html_documents, st.just("html")),
        "markdown": (markdown_documents, st.just("markdown")),
        "text": (text_documents, st.just("text")),
        "unicode": (st.text(max_size=4000), st.sampled_from(["html", "markdown", "text"])),
    }

    def make(name: str, round_no: int):
        test = settings(base)(given(*strategies[name])(guarded(name, None)))
        if args.seed is not None:  # reproducible, yet a new stream of examples every round
            test = seed(args.seed * 1_000_003 + round_no)(test)
        return test
    chosen = list(TARGETS) if args.target == "all" else [args.target]
    deadline = time.monotonic() + args.minutes * 60
    rounds = 0
    examples = 0
    while time.monotonic() < deadline:
        for name in chosen:
            if time.monotonic() >= deadline:
                break
            test = make(name, rounds)
            try:
                test()
            except KeyboardInterrupt:
                print("interrupted")
                return 0
            except BaseException:
                print(f"\nFAILURE in target {name!r} after {examples} examples; the input is saved in {out}/")
                traceback.print_exc()
                return 1
            examples += args.batch
        rounds += 1
        left = max(0, deadline - time.monotonic())
        print(f"round {rounds}: {examples} examples so far, no failure ({left / 60:.1f} min left)", flush=True)
    print(f"done: {examples} examples over {len(chosen)} target(s), no failure")
    return 0


def run_atheris(args) -> int:
    import atheris

    with atheris.instrument_imports(include=["contentcheck"]):
        from tests.loaders.test_properties import check_bytes, property_pack

    property_pack()
    if not args.skip_smoke and smoke_hostile_files(check_bytes, args.example_timeout):
        return 1

    def one_input(data: bytes) -> None:
        if not data:
            return
        fmt = FORMATS[data[0] % len(FORMATS)]
        check_bytes(data[1:], fmt)

    corpus = Path(args.out) / "atheris-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(sorted((REPO / "tests" / "hostile").rglob("*"))):
        if path.is_file():
            (corpus / f"hostile-{i}").write_bytes(bytes([i % len(FORMATS)]) + path.read_bytes()[:65536])
    argv = [sys.argv[0], str(corpus), f"-max_total_time={int(args.minutes * 60)}",
            f"-timeout={int(args.example_timeout) or 10}", f"-artifact_prefix={args.out}/", *args.libfuzzer]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


def replay(args) -> int:
    from tests.loaders.test_properties import check_bytes

    path = Path(args.replay)
    fmt = path.suffixes[-2].lstrip(".") if len(path.suffixes) >= 2 else "auto"
    fmt = None if fmt == "auto" else fmt
    data = path.read_bytes()
    print(f"replaying {path} ({len(data)} bytes) as {fmt or 'sniffed format'}")
    started = time.monotonic()
    check_bytes(data, fmt, name=path.name)
    print(f"no failure ({time.monotonic() - started:.2f}s)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10, help="how long to fuzz (default 10)")
    parser.add_argument("--engine", choices=("auto", "hypothesis", "atheris"), default="auto",
                        help="atheris when installed (auto), else a long hypothesis run")
    parser.add_argument("--target", choices=("all", *TARGETS, "cli", "config", "cli-config"), default="all",
                        help="hypothesis only: which generator to run (default: all loader targets, in turn); "
                             "cli, config or cli-config fuzz the command line and configuration files "
                             "(scripts/fuzz_cli.py)")
    parser.add_argument("--batch", type=int, default=2000, help="hypothesis examples per target per round")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    parser.add_argument("--example-timeout", type=float, default=10,
                        help="seconds one input may take before it counts as a failure (default 10)")
    parser.add_argument("--out", default=str(REPO / ".hypothesis" / "fuzz-failures"),
                        help="where failing inputs are written (default .hypothesis/fuzz-failures/)")
    parser.add_argument("--skip-smoke", action="store_true", help="do not check tests/hostile/ first")
    parser.add_argument("--replay", metavar="FILE", help="run one saved input (NAME.FORMAT.bin) and exit")
    parser.add_argument("libfuzzer", nargs="*", help="after --: extra libFuzzer flags for atheris")
    args = parser.parse_args()

    if args.replay:
        return replay(args)
    if args.target in ("cli", "config", "cli-config"):
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import fuzz_cli

        print(f"fuzzing the command line ({args.target}) for {args.minutes:g} minute(s)", flush=True)
        return fuzz_cli.run(args.minutes, args.target, Path(args.out), min(args.batch, 200), args.seed)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    print(f"fuzzing with {engine} for {args.minutes:g} minute(s)", flush=True)
    if engine == "atheris":
        return run_atheris(args)
    return run_hypothesis(args)

if __name__ == "__main__":
    sys.exit(main())
