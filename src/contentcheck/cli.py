"""The command line: flags in, library calls, an exit code out.

No ``from __future__ import annotations`` here: typer would evaluate every
annotation string of every option at each start-up.
"""

import os
import sys
from typing import List, Optional, Sequence

import typer

from ._version import __version__
from .ci.gate import ExitCode

app = typer.Typer(
    name="contentcheck",
    help="Check articles (HTML, Markdown, plain text) for fiction disclaimers, missing authors, "
         "template leftovers and unattributed claims.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List, show, validate and test rules.", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(rules_app, name="rules")


def fail(message: str, code: int = ExitCode.ERROR) -> None:
    sys.stderr.write(f"contentcheck: {message}\n")
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"contentcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    pass


def load_pack(rules, no_default_rules, select=None, ignore=None, overrides=None, cache=None):
    """The rule pack, validated; or, when ``cache`` holds results made with
    exactly these rule files (so they were valid), parsed only if needed."""
    from .rulepack import PackSpec, RulePackError

    try:
        spec = PackSpec.from_paths(rules, use_default=not no_default_rules, select=select, ignore=ignore,
                                   overrides=overrides)
        if cache is not None and not spec.missing:
            from .scale.cache import ResultCache

            if ResultCache.exists(cache, spec.digest):
                return spec.build(validated=False)
        return spec.build()
    except RulePackError as exc:
        for err in exc.errors:
            sys.stderr.write(f"{err}\n")
        n = len(exc.errors)
        fail(f"{n} problem{'s' if n != 1 else ''} in rule files; fix them and run again")


@app.command()
def check(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Files or folders to check; '-' reads "
                                                                     "standard input."),
    format: Optional[str] = typer.Option(None, "--format", "--output-format", "-f", metavar="FORMAT",
                                         help="Report format: text (default), concise, json, jsonl, sarif, "
                                              "github, junit, gitlab, html, markdown."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE."),
    output_json: Optional[str] = typer.Option(None, "--output-json", metavar="FILE", help="Also write a JSON report to FILE."),
    output_sarif: Optional[str] = typer.Option(None, "--output-sarif", metavar="FILE", help="Also write a SARIF report to FILE."),
    output_junit: Optional[str] = typer.Option(None, "--output-junit", metavar="FILE", help="Also write a JUnit XML report to FILE."),
    output_gitlab: Optional[str] = typer.Option(None, "--output-gitlab", metavar="FILE",
                                                help="Also write a GitLab Code Quality report to FILE."),
    output_html: Optional[str] = typer.Option(None, "--output-html", metavar="FILE", help="Also write an HTML report to FILE."),
    output_markdown: Optional[str] = typer.Option(None, "--output-markdown", metavar="FILE",
                                                  help="Also write a Markdown summary to FILE."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", "-r", metavar="PATH",
                                              help="Rule file or folder to add (repeatable)."),
    no_default_rules: Optional[bool] = typer.Option(None, "--no-default-rules",
                                                    help="Do not load the default pack."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="IDS", help="Only these rule ids or categories."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="IDS", help="Skip these rule ids or categories."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", min=1, help="Parallel workers (default: cores; at most twice the cores, and "
                                                         "no more than the files to check)."),
    stdin_format: Optional[str] = typer.Option(None, "--stdin-format", metavar="FORMAT", help="Format of '-': html, markdown, text."),
    stdin_name: str = typer.Option("<stdin>", "--stdin-name", metavar="NAME", help="Name of '-' in the report."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", metavar="SEVERITY", help="Lowest severity that fails the run: "
                                                                  "error (default), warning, info, never."),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", metavar="SCORE", min=0, max=100,
                                               help="Also fail when a document scores below SCORE."),
    max_file_size: Optional[int] = typer.Option(None, "--max-file-size", metavar="MB", min=1,
                                                help="Largest file to check, in MB (default 20)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="PATTERN",
                                                help="Paths to skip, as in .gitignore (repeatable)."),
    force_exclude: bool = typer.Option(False, "--force-exclude", help="Skip excluded and ignored files even "
                                                                      "when named on the command line."),
    no_ignore: bool = typer.Option(False, "--no-ignore", help="Do not honour .gitignore, .ignore and "
                                                              ".contentcheckignore."),
    statistics: bool = typer.Option(False, "--statistics", help="Counts per rule and category, not findings."),
    baseline: Optional[str] = typer.Option(None, "--baseline", metavar="FILE", help="Report only findings not in this baseline."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", metavar="FILE",
                                                 help="Record today's findings in FILE."),
    waivers: Optional[str] = typer.Option(None, "--waivers", metavar="FILE", help="Waivers file (default: "
                                                                  "contentcheck-waivers.yaml next to the config)."),
    changed_since: Optional[str] = typer.Option(None, "--changed-since", metavar="REV",
                                                help="Only files git reports as changed since REV."),
    config: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Configuration file (default: found "
                                                                "upwards to the repository's root)."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks",
                                         help="Follow symbolic links out of the given folders."),
    cache: Optional[str] = typer.Option(None, "--cache", metavar="DIR",
                                        help="Keep results in DIR; unchanged files are not checked again."),
    engine: str = typer.Option("local", "--engine", metavar="ENGINE", help="local (processes on this machine) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                            help="Dask scheduler address (default: a local cluster)."),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar on standard error."),
    color: Optional[str] = typer.Option(None, "--color", metavar="WHEN",
                                        help="Colour the text report: auto (default: on a terminal, unless "
                                             "NO_COLOR; FORCE_COLOR forces it), always, never."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes of the rules to the files, then report "
                                                 "what remains."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff: unsafe fixes too "
                                                                   "(they may remove real text)."),
    diff: bool = typer.Option(False, "--diff", help="Print the fixes as a unified diff; write nothing."),
    sites: Optional[bool] = typer.Option(None, "--sites", help="Audit a crawl site by site: find each site's "
                                                              "repeated boilerplate and add per-site roll-ups."),
    site_from: Optional[str] = typer.Option(None, "--site-from", metavar="SOURCE",
                                            help="Where a document's site comes from: auto (default: its URL, "
                                                 "else its folder), url, folder or none."),
    show_settings: bool = typer.Option(False, "--show-settings", help="Print the settings this run would use, "
                                                                       "each with where it came from, and exit."),
    show_files: bool = typer.Option(False, "--show-files", help="List the files this run would check, and "
                                                                 "why others are skipped, and exit."),
) -> None:
    """Check articles and print a scored report."""
    from .ci.config import ConfigError, find_config, load_config
    from .ci.policy import PolicyError
    from .ci.settings import CheckFlags, SettingsError, resolve
    from .inputs.changed import ChangedError
    from .runner import UsageError, run

    try:
        cfg = load_config(None if no_config else (config or find_config()))
    except ConfigError as exc:
        fail(str(exc))
    extra = {fmt: path for fmt, path in (("json", output_json), ("sarif", output_sarif),
                                         ("junit", output_junit), ("gitlab", output_gitlab),
                                         ("html", output_html), ("markdown", output_markdown)) if path}
    flags = CheckFlags(
        paths=list(paths), format=format, output=output, extra_outputs=extra, rules=list(rules or []),
        no_default_rules=no_default_rules, select=list(select or []), ignore=list(ignore or []), jobs=jobs,
        stdin_format=stdin_format, stdin_name=stdin_name, fail_on=fail_on, fail_under=fail_under,
        max_file_size=max_file_size, exclude=list(exclude or []), force_exclude=force_exclude,
        no_ignore=no_ignore, statistics=statistics, baseline=baseline,
        write_baseline=write_baseline, waivers=waivers, changed_since=changed_since,
        follow_symlinks=follow_symlinks, cache=cache, engine=engine, scheduler=scheduler, no_progress=no_progress,
        color=color,
        fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, sites=sites, site_from=site_from,
    )
    try:
        settings, choice = resolve(flags, cfg)
        if show_settings:
            from .ci.settings import show_settings as lines

            typer.echo("\n".join(lines(flags, cfg)))
            raise typer.Exit(0)
    except SettingsError as exc:
        fail(str(exc))
    if show_files:
        _show_files(settings)
    pack = load_pack(choice.paths, not choice.use_default, choice.select, choice.ignore, choice.overrides,
                     settings.cache)
    try:
        code = run(settings, pack)
    except (PolicyError, ChangedError, UsageError) as exc:
        fail(str(exc))
    except BrokenPipeError:
        # The reader went away (| head): nothing left to say.
        sys.stderr.close()
        raise typer.Exit(0) from None
    except OSError as exc:  # atomic.WriteError says what and where
        fail(str(exc) if exc.filename else f"cannot write the report: {exc.strerror or exc}")
    raise typer.Exit(code)


@app.command()
def inspect(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Files or folders to read; '-' reads standard input."),
    format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text (one block a line) or json."),
    stdin_format: Optional[str] = typer.Option(None, "--stdin-format", metavar="FORMAT", help="Format of '-': html, markdown, text."),
    stdin_name: str = typer.Option("<stdin>", "--stdin-name", metavar="NAME", help="Name of '-' in the output."),
    max_file_size: int = typer.Option(20, "--max-file-size", metavar="MB", min=1, max=100_000, help="Largest file to read, in MB."),
) -> None:
    """Show what contentcheck read: metadata, and each block with its scope, tag, text and place."""
    from .inputs.discover import Input, iter_inputs
    from .inspection import inspect_inputs, write_json, write_text
    from .loaders import FORMATS as INPUT_FORMATS

    if format not in ("text", "json"):
        fail(f"unknown --format {format!r}; use text or json")
    if stdin_format is not None and stdin_format not in INPUT_FORMATS:
        fail(f"unknown --stdin-format {stdin_format!r}; use one of {', '.join(INPUT_FORMATS)}")
    limit = max_file_size * 1024 * 1024

    def inputs():
        for path in paths:
            if path == "-":
                data = sys.stdin.buffer.read(limit + 1)
                if len(data) > limit:
                    yield Input("-", stdin_name, stdin_format, f"larger than --max-file-size {limit:,} bytes")
                else:
                    yield Input("-", stdin_name, stdin_format, data=data)
            else:
                yield from iter_inputs([path])

    unreadable = 0

    def counted(documents):
        nonlocal unreadable
        for doc in documents:
            unreadable += bool(doc.get("error"))
            yield doc

    documents = counted(inspect_inputs(inputs(), limit))
    try:
        (write_json if format == "json" else write_text)(documents, sys.stdout)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0) from None
    raise typer.Exit(ExitCode.ERROR if unreadable else 0)


@app.command()
def learn(
    paths: List[str] = typer.Argument(..., help="Crawl: WARC files or folders of pages of many sites."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the rule file to FILE "
                                                                       "(default: standard output)."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", "-r", help="Rule file or folder to add "
                                                                         "(its kind: repeated rules are used)."),
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Do not load the default pack."),
    site_from: str = typer.Option("auto", "--site-from", help="auto, url or folder (see check --site-from)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Parallel workers (default: cores)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Glob of paths to skip (repeatable)."),
) -> None:
    """Write a rule file of each site's repeated boilerplate, for checking single files without a crawl."""
    from .atomic import AtomicWriter
    from .formats.base import printable
    from .inputs.sites import SITE_FROM
    from .loaders import DEFAULT_MAX_FILE_SIZE
    from .scale.learn import collect, render

    if site_from not in SITE_FROM or site_from == "none":
        fail(f"unknown --site-from {site_from!r}; use auto, url or folder")
    pack = load_pack(rules or [], no_default_rules)
    if not any(r.kind == "repeated" for r in pack.rules):
        fail("no enabled rule of kind 'repeated' to learn with (the default pack has site-boilerplate)")
    errors: list[tuple[str, str]] = []
    sites = collect(list(paths), pack, site_from=site_from, jobs=jobs, max_size=DEFAULT_MAX_FILE_SIZE,
                    exclude=tuple(exclude or ()), errors=errors)
    text, listed = render(sites, list(paths))
    if output:
        writer = AtomicWriter(output)
        writer.write(text)
        writer.commit()
    else:
        sys.stdout.write(text)
    sys.stderr.write(f"contentcheck: {listed} line(s) of boilerplate on {sum(1 for s in sites.values() if s.lines)} "
                     f"of {len(sites)} site(s)" + (f" written to {output}\n" if output else "\n"))
    if errors:  # what could be read is written; the run still fails, as check does
        for path, why in errors:
            sys.stderr.write(f"contentcheck: {printable(path)}: {printable(why)}\n")
        raise typer.Exit(2)


@app.command()
def init(
    path: str = typer.Argument("contentcheck.yaml", help="Where to write the starter configuration."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter contentcheck.yaml."""
    from .atomic import AtomicWriter
    from .ci.config import STARTER

    if os.path.exists(path) and not force:
        fail(f"{path} already exists; use --force to overwrite it")
    try:
        w = AtomicWriter(path, "configuration")
        w.write(STARTER)
        w.commit()
    except OSError as exc:
        fail(str(exc))
    typer.echo(f"wrote {path}")


@app.command()
def lsp(
    stdio: bool = typer.Option(True, "--stdio", help="Talk over standard input and output (the only transport; "
                                                     "accepted because many editors pass it)."),
) -> None:
    """Run the language server for editors (Language Server Protocol over standard input and output)."""
    from .lsp import main as lsp_main

    raise typer.Exit(lsp_main())


@rules_app.command("list")
def rules_list(
    rules: Optional[List[str]] = typer.Option(None, "--rules", "-r", metavar="PATH", help="Rule file or folder to add."),
    no_default_rules: bool = typer.Option(False, "--no-default-rules"),
) -> None:
    """One line per rule: id, category, severity, kind."""
    pack = load_pack(rules or [], no_default_rules)
    width = max((len(r.id) for r in pack.all_rules), default=10)
    lines = [f"{r.id.ljust(width)}  {r.category.ljust(20)}  {r.severity.ljust(7)}  {r.kind}" + ("" if r.enabled else "  (disabled)")
             for r in sorted(pack.all_rules, key=lambda r: (r.category, r.id))]
    try:
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # "| head": the reader has what it wanted; a listing has no gate to fail
        sys.stderr.close()
        raise typer.Exit(0) from None


@rules_app.command("show")
def rules_show(
    rule_id: str = typer.Argument(..., metavar="ID"),
    rules: Optional[List[str]] = typer.Option(None, "--rules", "-r", metavar="PATH"),
    no_default_rules: bool = typer.Option(False, "--no-default-rules"),
) -> None:
    """Print one rule as YAML, with where it was defined."""
    import yaml

    pack = load_pack(rules or [], no_default_rules)
    rule = pack.by_id.get(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, list(pack.by_id), n=1)
        fail(f"no rule {rule_id!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
    data = rule.to_dict()
    typer.echo(f"# defined in {rule.source}:{rule.line}")
    typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100).rstrip())


@rules_app.command("validate")
def rules_validate(paths: Optional[List[str]] = typer.Argument(None, help="Rule files or folders "
                                                               "(default: the default pack).")) -> None:
    """Check rule files against the schema; exit 2 on any problem."""
    # Loaded over the default pack, as check --rules loads them: a partial override ("id: missing-author,
    # severity: error") is whole only there.
    pack = load_pack(paths or [], no_default_rules=False)
    typer.echo(f"{len(_given(pack, paths)) if paths else len(pack.all_rules)} rules OK")


def _given(pack, paths: List[str]) -> list:
    """The rules a file or folder of ``paths`` defines or overrides."""
    roots = [os.path.realpath(p) for p in paths]
    return [r for r in pack.all_rules
            if r.source and any(os.path.realpath(r.source) == root or os.path.realpath(r.source).startswith(root + os.sep)
                                for root in roots)]


@rules_app.command("test")
def rules_test(paths: Optional[List[str]] = typer.Argument(None, help="Rule files or folders "
                                                           "(default: the default pack).")) -> None:
    """Run each rule's examples: 'match' must fire, 'no_match' must not; exit 1 on a failure."""
    from .engine.ruletest import run_examples

    pack = load_pack(paths or [], no_default_rules=False)  # over the default pack, as check --rules loads them
    failures, total = run_examples(pack, _given(pack, paths) if paths else None)
    for failure in failures:
        typer.echo(failure)
    typer.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(1 if failures else 0)


def _show_files(settings) -> None:
    from .inputs.changed import ChangedError, changed_files
    from .inputs.show_files import show_files

    try:
        changed = changed_files(settings.changed_since) if settings.changed_since else None
    except ChangedError as exc:
        fail(str(exc))
    typer.echo("\n".join(show_files(settings.paths, exclude=settings.exclude, base=settings.root,
                                    follow_symlinks=settings.follow_symlinks, ignore_files=settings.ignore_files,
                                    force_exclude=settings.force_exclude, changed=changed)))
    raise typer.Exit(0)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line on ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    usage_error, click_error, no_args_error, abort = _click_errors()
    try:
        # Not standalone: click's usage errors come back here to be said in one line.
        code = app(args=None if argv is None else list(argv), prog_name="contentcheck", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # before or after the command itself
        code = 130
    except no_args_error as exc:
        exc.show()  # a bare command asks what it can do: the help is the answer
        code = exc.exit_code
    except usage_error as exc:
        sys.stderr.write(f"{_usage_error(exc, sys.argv[1:] if argv is None else argv)}\n")
        code = exc.exit_code
    except click_error as exc:
        sys.stderr.write(f"contentcheck: {exc.format_message()}\n")
        code = exc.exit_code
    except abort:  # end of input at a prompt
        code = 1
    if code == 130:
        # typer turns a Ctrl-C during a command into a silent exit 130.
        sys.stderr.write("contentcheck: interrupted\n")
    if code is None or not isinstance(code, (int, str)):
        return 0
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
        return 1
    return int(code)


def _click_errors():
    """The exception classes of typer's click (typer 0.28 carries its own copy of click)."""
    chain = typer.BadParameter.__mro__
    usage_error = next(kind for kind in chain if kind.__name__ == "UsageError")
    click_error = next(kind for kind in chain if kind.__name__ == "ClickException")
    module = sys.modules[usage_error.__module__]
    # click before 8.2 prints the help of a bare command itself and raises nothing.
    no_args_error = getattr(module, "NoArgsIsHelpError", ())
    return usage_error, click_error, no_args_error, typer.Abort


def _usage_error(exc, argv: Sequence[str]) -> str:
    """One line: the command, what was wrong with its command line, where help is."""
    where = exc.ctx.command_path if exc.ctx is not None else _command_path(argv)
    message = exc.format_message().rstrip(".")
    joint = " See" if message.endswith("?") else "; see"  # after "Did you mean 'check'?"
    return f"{where}: {message[:1].lower()}{message[1:]}{joint} '{where} --help'"


def _command_path(argv: Sequence[str]) -> str:
    """The (sub)command the words name ("contentcheck rules test"): click says "option '-j' requires an
    argument" before it knows which command's option it was."""
    command = typer.main.get_command(app)
    words = ["contentcheck"]
    for word in argv:
        sub = getattr(command, "commands", {}).get(word)
        if sub is None:
            if not word.startswith("-"):
                break
            continue
        command = sub
        words.append(word)
    return " ".join(words)
