"""The settings of one run: the project's configuration merged with the command line's flags.

Flags win over the configuration, which wins over the defaults. Lists add up
(``--rules``, ``--ignore`` and ``--exclude`` extend what the configuration
says); ``--select`` replaces it. Every value is checked here, so a run that
starts has settings that make sense.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from ..formats import FORMATS
from ..inputs.sites import SITE_FROM
from ..loaders import DEFAULT_MAX_FILE_SIZE
from ..loaders import FORMATS as INPUT_FORMATS
from .config import WAIVER_NAME, Config
from .gate import FAIL_ON

# Where documents are checked (``--engine``): this machine, or a Dask cluster.
BACKENDS = ("local", "dask")
MB = 1024 * 1024
MAX_FILE_SIZE_MB = 100_000  # as the configuration's max-file-size allows


class SettingsError(Exception):
    """Flags or configuration values a run cannot start with (the message says which)."""


@dataclass
class Settings:
    """Everything ``runner.run`` needs besides the rule pack."""

    paths: list[str]
    format: str = "text"
    output: str | None = None
    extra_outputs: dict[str, str] = field(default_factory=dict)  # format -> file
    jobs: int | None = None
    stdin_format: str | None = None
    stdin_name: str = "<stdin>"
    fail_on: str = "error"
    fail_under: float | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    exclude: tuple[str, ...] = ()
    ignore_files: bool = True  # honour .gitignore, .ignore and .contentcheckignore in folder walks
    force_exclude: bool = False  # exclude globs and ignore files apply to files named on the command line too
    follow_symlinks: bool = False
    statistics: bool = False
    color: bool | None = None  # None: when standard output is a terminal
    progress: bool | None = None  # None: when standard error is a terminal
    per_path: list[dict] = field(default_factory=list)
    waivers: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    changed_since: str | None = None
    cache: str | None = None
    backend: str = "local"  # --engine: local or dask (scale/local.py, scale/dask.py)
    scheduler: str | None = None
    fix: bool = False  # write the safe fixes to the inputs
    unsafe_fixes: bool = False  # and the unsafe ones
    diff: bool = False  # print the fixes as a unified diff, write nothing
    config: str | None = None  # the configuration file in use, named in the reports
    root: str | None = None  # the configuration's folder: reports name files relative to it
    site_from: str = "auto"  # where a document's site comes from (inputs/sites.py)
    sites: bool = False  # the second pass (repeated text per site) and the per-site roll-ups


@dataclass(frozen=True)
class RuleChoice:
    """Which rules the pack is made of."""

    paths: list[str] = field(default_factory=list)
    use_default: bool = True
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    overrides: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckFlags:
    """What ``contentcheck check`` was told on its command line; None where a flag was not given."""

    paths: list[str]
    format: str | None = None
    output: str | None = None
    extra_outputs: dict[str, str] = field(default_factory=dict)  # format -> file
    rules: list[str] = field(default_factory=list)
    no_default_rules: bool | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    jobs: int | None = None
    stdin_format: str | None = None
    stdin_name: str = "<stdin>"
    fail_on: str | None = None
    fail_under: float | None = None
    max_file_size: int | None = None  # MB
    exclude: list[str] = field(default_factory=list)
    no_ignore: bool = False
    force_exclude: bool = False
    statistics: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    waivers: str | None = None
    changed_since: str | None = None
    follow_symlinks: bool = False
    cache: str | None = None
    engine: str = "local"
    scheduler: str | None = None
    no_progress: bool = False
    color: str | None = None  # auto, always, never
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    site_from: str | None = None
    sites: bool | None = None


COLOR = {"auto": None, "always": True, "never": False}


def color_choice(flag: str | None, environ) -> bool | None:
    """--color, else NO_COLOR (https://no-color.org) turns it off and FORCE_COLOR
    (https://force-color.org) on; None: decide by whether the report goes to a terminal."""
    if flag is not None and flag != "auto":
        return COLOR[flag]
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return None


def split_ids(values: list[str] | None) -> list[str]:
    """``--select a,b --select c`` -> [a, b, c]."""
    out = []
    for v in values or []:
        out += [x.strip() for x in v.split(",") if x.strip()]
    return out


def resolve(flags: CheckFlags, cfg: Config) -> tuple[Settings, RuleChoice]:
    """The run's settings and rule choice; raises SettingsError on a value that makes no sense."""

    def pick(flag, key, default):
        return flag if flag is not None else cfg.get(key, default)

    fmt = pick(flags.format, "format", "text")
    fail_on = pick(flags.fail_on, "fail-on", "error")
    if fmt not in FORMATS:
        raise SettingsError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fail_on not in FAIL_ON:
        raise SettingsError(f"unknown --fail-on {fail_on!r}; use one of {', '.join(FAIL_ON)}")
    if flags.engine not in BACKENDS:
        raise SettingsError(f"unknown --engine {flags.engine!r}; use local or dask")
    if flags.engine == "dask":
        try:
            import dask.bag  # noqa: F401
            import distributed  # noqa: F401
        except ImportError:
            raise SettingsError("--engine dask needs Dask: pip install 'contentcheck[dask]'") from None
    site_from = pick(flags.site_from, "site-from", "auto")
    if site_from not in SITE_FROM:
        raise SettingsError(f"unknown --site-from {site_from!r}; use one of {', '.join(SITE_FROM)}")
    if flags.color is not None and flags.color not in COLOR:
        raise SettingsError(f"unknown --color {flags.color!r}; use auto, always or never")
    if flags.unsafe_fixes and not (flags.fix or flags.diff):
        raise SettingsError("--unsafe-fixes goes with --fix (apply them) or --diff (show them)")
    if flags.stdin_format is not None and flags.stdin_format not in INPUT_FORMATS:
        raise SettingsError(f"unknown --stdin-format {flags.stdin_format!r}; use one of {', '.join(INPUT_FORMATS)}")
    fail_under = pick(flags.fail_under, "fail-under", None)
    if fail_under is not None and not 0 <= fail_under <= 100:  # nan too: it would turn the gate off
        raise SettingsError(f"--fail-under {fail_under} is not a score; use a number from 0 to 100")
    max_mb = pick(flags.max_file_size, "max-file-size", 20)
    if not 1 <= max_mb <= MAX_FILE_SIZE_MB:
        raise SettingsError(f"--max-file-size {max_mb} is out of range; use 1 to {MAX_FILE_SIZE_MB:,} (MB)")
    _refuse_shared_outputs(flags)
    no_default = flags.no_default_rules if flags.no_default_rules is not None else not cfg.get("default-rules", True)
    rules = RuleChoice(
        paths=list(cfg.get("rules", [])) + list(flags.rules),
        use_default=not no_default,
        select=split_ids(flags.select) or cfg.get("select", []),
        ignore=split_ids(flags.ignore) + cfg.get("ignore", []),
        overrides=cfg.get("rules-config", {}),
    )
    settings = Settings(
        paths=list(flags.paths), format=fmt, output=flags.output, extra_outputs=dict(flags.extra_outputs),
        jobs=pick(flags.jobs, "jobs", None), stdin_format=flags.stdin_format, stdin_name=flags.stdin_name,
        fail_on=fail_on, fail_under=fail_under, max_file_size=max_mb * MB,
        exclude=tuple(cfg.get("exclude", [])) + tuple(flags.exclude), statistics=flags.statistics,
        ignore_files=not flags.no_ignore and cfg.get("ignore-files", True),
        force_exclude=flags.force_exclude or cfg.get("force-exclude", False),
        follow_symlinks=flags.follow_symlinks or cfg.get("follow-symlinks", False),
        progress=False if flags.no_progress else None, per_path=cfg.get("per-path", []),
        color=color_choice(flags.color, os.environ),
        waivers=_waivers(flags.waivers, cfg),
        baseline=flags.baseline if flags.baseline is not None else (
            None if flags.write_baseline else cfg.get("baseline")),
        write_baseline=flags.write_baseline, changed_since=flags.changed_since,
        cache=pick(flags.cache, "cache", None), backend=flags.engine, scheduler=flags.scheduler,
        fix=flags.fix, unsafe_fixes=flags.unsafe_fixes, diff=flags.diff,
        config=cfg.path, root=os.path.dirname(os.path.abspath(cfg.path)) if cfg.path else None,
        site_from=site_from, sites=bool(pick(flags.sites, "sites", False)),
    )
    return settings, rules


def _refuse_shared_outputs(flags: CheckFlags) -> None:
    """Two outputs named the same file: one would silently replace the other. Devices, FIFOs and
    /dev/fd/N are written through, so several reports may share /dev/null or /dev/stdout."""
    seen: dict[str, str] = {}
    named = [("-o", flags.output), ("--write-baseline", flags.write_baseline),
             *((f"--output-{fmt}", path) for fmt, path in flags.extra_outputs.items())]
    for flag, path in named:
        if not path:
            continue
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                continue
        except OSError:
            pass  # not there yet: it will be a regular file
        real = os.path.realpath(path)
        if real in seen:
            raise SettingsError(f"{seen[real]} and {flag} both write {path}; give each output its own file")
        seen[real] = flag


def _waivers(flag: str | None, cfg: Config) -> str | None:
    """--waivers, else the configuration's, else contentcheck-waivers.yaml next to the configuration
    file (or in the working directory when there is none)."""
    path = flag or cfg.get("waivers")
    if path is None and cfg.path:
        beside = os.path.join(os.path.dirname(cfg.path), WAIVER_NAME)
        path = beside if os.path.isfile(beside) else None
    elif path is None and os.path.isfile(WAIVER_NAME):
        path = WAIVER_NAME
    return path


# key, CheckFlags field, default: what --show-settings lists, in the configuration's words.
_SHOWN = (("format", "format", "text"), ("fail-on", "fail_on", "error"), ("fail-under", "fail_under", None),
          ("rules", "rules", []), ("default-rules", "no_default_rules", True), ("select", "select", []),
          ("ignore", "ignore", []), ("exclude", "exclude", []), ("force-exclude", "force_exclude", False),
          ("ignore-files", "no_ignore", True), ("jobs", "jobs", None), ("max-file-size", "max_file_size", 20),
          ("baseline", "baseline", None), ("waivers", "waivers", None), ("follow-symlinks", "follow_symlinks", False),
          ("cache", "cache", None), ("site-from", "site_from", "auto"), ("sites", "sites", False),
          ("rules-config", None, {}), ("per-path", None, []))
_ADDED_UP = ("rules", "ignore", "exclude")


def show_settings(flags: CheckFlags, cfg: Config) -> list[str]:
    """The merged settings, one ``key: value  # from where`` line each (--show-settings)."""
    import json

    settings, _ = resolve(flags, cfg)
    where = os.path.relpath(cfg.path) if cfg.path else None
    lines = [f"# configuration: {where or 'none'}"]
    for key, attr, default in _SHOWN:
        flag = getattr(flags, attr) if attr else None
        given = flag not in (None, [], False) and not (attr == "no_ignore" and not flag)
        if key == "default-rules" and flag is not None:
            flag = not flag
        if key == "ignore-files" and flag:
            flag = False
        in_cfg = key in cfg.values
        if key in _ADDED_UP and given and in_cfg:
            value, source = list(cfg.values[key]) + list(flag), f"{where} + command line"
        elif given:
            value, source = flag, "command line"
        elif in_cfg:
            value, source = cfg.values[key], where
        else:
            value, source = default, "default"
        if key == "waivers" and source == "default" and settings.waivers:
            value, source = settings.waivers, "found beside the configuration"
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}  # {source}")
    return lines
