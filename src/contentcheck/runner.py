"""One run of ``contentcheck check``: inputs in, reports out, an exit code back.

The CLI turns flags into ``Settings`` (ci/settings.py) and calls ``run``;
everything here is usable without the command line.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import replace

from ._version import __version__
from .atomic import AtomicWriter, WriteError
from .ci.gate import ExitCode, Gate
from .ci.settings import Settings
from .formats import ReportContext, get_formatter
from .inputs.discover import Input, display_path, iter_inputs
from .results import DocumentResult, RunNotes, Summary
from .scale.local import check_input, check_inputs


class _Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled = total, enabled and total >= 20
        self.n = 0
        self.last = 0.0

    def tick(self) -> None:
        self.n += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last > 0.1 or self.n == self.total:
            self.last = now
            width = 30
            done = int(width * self.n / self.total)
            sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {self.n}/{self.total}")
            if self.n == self.total:
                sys.stderr.write("\r" + " " * (width + 24) + "\r")
            sys.stderr.flush()


def _stdin_result(settings: Settings, pack) -> DocumentResult:
    limit = settings.max_file_size
    data = sys.stdin.buffer.read(limit + 1 if limit else -1)
    if limit and len(data) > limit:
        return DocumentResult(settings.stdin_name, settings.stdin_format, None,
                              error=f"standard input is larger than --max-file-size {limit:,} bytes")
    return check_input(Input(settings.stdin_name, settings.stdin_name, settings.stdin_format, data=data), pack, limit)


def _policy(settings: Settings, pack):
    from .ci.policy import Policy, load_baseline, load_waivers

    return Policy(
        per_path=settings.per_path,
        waivers=load_waivers(settings.waivers) if settings.waivers else None,
        baseline=load_baseline(settings.baseline) if settings.baseline else None,
        pack=pack,
        record_baseline=bool(settings.write_baseline),
    )


class UsageError(Exception):
    """A run that must not start (the message says why)."""


def _refuse_overwriting_inputs(settings: Settings, inputs: list[Input]) -> None:
    outputs = [settings.output, settings.write_baseline, *settings.extra_outputs.values()]
    targets = {os.path.realpath(p): p for p in outputs if p}
    if not targets:
        return
    names = {os.path.basename(t) for t in targets}
    for item in inputs:
        # realpath only for the few inputs that could be the same file
        if item.data is None and os.path.basename(item.path) in names:
            real = os.path.realpath(item.path)
            if real in targets:
                raise UsageError(f"{targets[real]} is one of the inputs; write the report somewhere else")


def _fix_session(settings: Settings, pack, inputs: list[Input], stdout):
    """The fix session of a run with --fix or --diff, and where each document's file is."""
    if not (settings.fix or settings.diff):
        return None, {}
    from .ci.policy import Policy, load_waivers
    from .fixes.session import FixSession
    from .inputs.warc import is_warc

    # Per-path settings and waivers say what may be fixed, as they say what is reported.
    eligible = Policy(per_path=settings.per_path,
                      waivers=load_waivers(settings.waivers) if settings.waivers else None, pack=pack)
    session = FixSession(pack, unsafe=settings.unsafe_fixes, write=settings.fix and not settings.diff,
                         keep=eligible.apply, diff_out=stdout if settings.diff else None)
    files = {item.display: item.path for item in inputs
             if item.data is None and item.error is None and not is_warc(item.path)}
    return session, files


class _Stdout:
    """Standard output that a reader may close (``| head``): the run goes on without it, so the
    exit code is still the gate's, and the other reports are still written."""

    def __init__(self, stream):
        self.stream = stream
        self.closed_by_reader = False

    def write(self, text: str) -> int:
        if self.closed_by_reader:
            return len(text)
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            self._reader_gone()
        except OSError as exc:
            raise WriteError("report", "<standard output>", exc) from None
        return len(text)

    def flush(self) -> None:
        if not self.closed_by_reader:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._reader_gone()

    def _reader_gone(self) -> None:
        self.closed_by_reader = True
        try:  # what is still buffered must not fail again when Python exits
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass

    def isatty(self) -> bool:
        try:
            return self.stream.isatty()
        except (OSError, ValueError, AttributeError):
            return False


class Terminated(SystemExit):
    """SIGTERM or SIGHUP: the run stops as it does on Ctrl-C (workers stopped, no temporary
    file left), with exit code 128 + the signal's number."""


@contextmanager
def _stop_on_signals():
    """SIGTERM and SIGHUP end the run through the same clean-up as Ctrl-C; a library caller that
    installed its own handlers keeps them."""
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in wanted}
    ours = [s for s in wanted if previous[s] == signal.SIG_DFL]

    def stop(signum, frame):
        for s in ours:  # one clean-up, however many signals follow
            signal.signal(s, signal.SIG_IGN)
        sys.stderr.write(f"contentcheck: {signal.Signals(signum).name}, stopping\n")
        raise Terminated(128 + signum)

    for s in ours:
        signal.signal(s, stop)
    try:
        yield
    finally:
        for s in ours:
            signal.signal(s, previous[s])


def run(settings: Settings, pack, stdout=None) -> int:
    """Check, write every report, and return the exit code."""
    with _stop_on_signals():
        return _run(settings, pack, stdout)


def _run(settings: Settings, pack, stdout=None) -> int:
    stdout = stdout or sys.stdout
    if stdout is None:  # started with standard output closed (>&-)
        if not settings.output and not settings.diff:
            raise UsageError("standard output is closed; write the report with -o FILE")
        stdout = open(os.devnull, "w", encoding="utf-8")
    stdout = _Stdout(stdout)
    file_paths = [p for p in settings.paths if p != "-"]
    inputs: list[Input] = list(iter_inputs(file_paths, exclude=settings.exclude,
                                           follow_symlinks=settings.follow_symlinks, base=settings.root,
                                           ignore_files=settings.ignore_files,
                                           force_exclude=settings.force_exclude))
    if settings.changed_since:
        from .inputs.changed import changed_files

        changed = changed_files(settings.changed_since)
        inputs = [i for i in inputs if os.path.realpath(i.path) in changed]
    if settings.site_from != "auto" or settings.sites:
        inputs = [replace(i, site_from=settings.site_from, collect_blocks=settings.sites) for i in inputs]
    _refuse_overwriting_inputs(settings, inputs)
    policy = _policy(settings, pack)
    fixing, files = _fix_session(settings, pack, inputs, stdout)
    color = settings.color
    if color is None:
        color = settings.output is None and stdout.isatty() and not os.environ.get("NO_COLOR")
    sinks = []
    writers = []
    try:
        if settings.output:
            main_out = AtomicWriter(settings.output, "report")
        elif settings.diff:
            import io

            main_out = io.StringIO()  # standard output is the diff's; the report goes to -o or nowhere
        else:
            main_out = stdout
        if settings.output:
            writers.append(main_out)
        gate = Gate(settings.fail_on, settings.fail_under)
        context = ReportContext(__version__, pack, statistics=settings.statistics, fails=gate.document_fails,
                                fail_under=settings.fail_under)
        sinks.append(get_formatter(settings.format)(main_out, replace(context, color=color)))
        for fmt, path in settings.extra_outputs.items():
            w = AtomicWriter(path, f"{fmt} report")
            writers.append(w)
            sinks.append(get_formatter(fmt)(w, context))
        summary = Summary(sites={} if settings.sites else None)
        progress = _Progress(len(inputs), settings.progress if settings.progress is not None
                             else sys.stderr.isatty())

        def emit(result) -> None:
            if fixing is not None:
                result = fixing.handle(result, files.get(result.path), result.format)
            result = policy.apply(result)
            summary.add(result)
            gate.add(result)
            for sink in sinks:
                sink.document(result)
            progress.tick()

        if "-" in settings.paths:
            emit(_stdin_result(settings, pack))
        cache = None
        if settings.cache:
            from .scale.cache import ResultCache

            cache = ResultCache(settings.cache, pack.hash)
        if settings.backend == "dask":
            from .scale.dask import SchedulerError
            from .scale.dask import check_inputs as check_on_dask  # Dask only when asked for

            try:
                results = check_on_dask(inputs, pack.spec, scheduler=settings.scheduler,
                                        max_size=settings.max_file_size)
            except SchedulerError as exc:
                raise UsageError(str(exc)) from None
        else:
            results = check_inputs(inputs, pack, jobs=settings.jobs, max_size=settings.max_file_size, cache=cache)
        if settings.sites:
            from .scale.sites import second_pass

            results = second_pass(results, pack)
        for result in results:
            emit(result)
        if cache is not None:
            cache.save()
            if cache.warning:
                sys.stderr.write(f"contentcheck: {cache.warning}\n")
        notes = policy.notes(settings.waivers, settings.config)
        if fixing is not None:
            notes = RunNotes({**notes.summary, **fixing.summary_extra()}, notes.lines + tuple(fixing.summary_lines()))
            if settings.diff and not settings.output:
                for line in fixing.summary_lines():
                    sys.stderr.write(f"contentcheck: {line}\n")
        for sink in sinks:
            sink.finish(summary, notes)
        stdout.flush()  # a reader gone by now is noticed here, not when Python exits
        for w in writers:
            w.commit()
        writers = []
        if settings.write_baseline:
            from .ci.policy import write_baseline

            write_baseline(settings.write_baseline, policy.recorded or [])
            sys.stderr.write(f"contentcheck: baseline of {len(policy.recorded or [])} finding(s) written to "
                             f"{display_path(settings.write_baseline)}\n")
    finally:
        for w in writers:
            w.abort()
    if settings.output:
        sys.stderr.write(f"contentcheck: report written to {display_path(settings.output)}\n")
    if fixing is not None and "-" in settings.paths:
        sys.stderr.write("contentcheck: standard input is checked, not fixed (fixes are written to files)\n")
    if not inputs and "-" not in settings.paths:
        sys.stderr.write("contentcheck: no files to check (looked for "
                         ".html .htm .xhtml .md .markdown .txt)\n")
    code = int(gate.exit_code())
    if settings.write_baseline and code == ExitCode.FAILED:
        return int(ExitCode.OK)  # recording today's findings is not gating on them
    for line in gate.explain():
        sys.stderr.write(f"contentcheck: {line}\n")
    if fixing is not None and settings.diff and fixing.fixes and code == ExitCode.OK:
        code = ExitCode.FAILED  # like a linter's --diff: there is something to fix
    return code
