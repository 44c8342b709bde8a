"""Project configuration: ``contentcheck.yaml``, ``.contentcheck.yaml`` or
``[tool.contentcheck]`` in ``pyproject.toml``, found from the working
directory upwards to the repository's root. Keys mirror the command-line flags, which win.
Paths in a configuration are relative to its folder, the project's root.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from ..vocabulary import SEVERITIES
from .gate import FAIL_ON

# yaml and the validators are imported when a configuration file is read:
# a run without one (or with a warm cache) does not pay for them.

CONFIG_NAMES = ("contentcheck.yaml", ".contentcheck.yaml", "contentcheck.yml", ".contentcheck.yml")
WAIVER_NAME = "contentcheck-waivers.yaml"


class ConfigError(Exception):
    def __init__(self, path: str, line: int, column: int, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}")


def _rule_overrides(node):
    from ..rulepack.schema import Invalid, mapping_items, v_bool, v_choice, v_nonempty_str, v_number

    out = {}
    for knode, vnode in mapping_items(node):
        rid = v_nonempty_str(knode)
        change = {}
        for k2, v2 in mapping_items(vnode):
            key = v_nonempty_str(k2)
            if key == "severity":
                change[key] = v_choice(*SEVERITIES)(v2)
            elif key == "enabled":
                change[key] = v_bool(v2)
            elif key == "weight":
                change[key] = float(v_number(v2))
            elif key in ("min_documents", "min_share"):  # a kind: repeated rule's thresholds
                from ..rulepack.kinds.repeated import PARAMS

                change[key] = PARAMS[key](v2)
            else:
                raise Invalid(k2, f"unknown key {key!r} in rules-config.{rid}; use severity, enabled, weight "
                                  "(or min_documents, min_share for a kind: repeated rule)")
        out[rid] = change
    return out


def _per_path(node):
    import yaml

    from ..rulepack.schema import Invalid, mapping_items, v_nonempty_str, v_str_list

    if not isinstance(node, yaml.SequenceNode):
        raise Invalid(node, "expected a list of {paths: [...], ignore: [...]} entries")
    out = []
    for item in node.value:
        entry: dict[str, Any] = {}
        for knode, vnode in mapping_items(item):
            key = v_nonempty_str(knode)
            if key in ("paths", "ignore", "select"):
                entry[key] = list(v_str_list(vnode))
            else:
                raise Invalid(knode, f"unknown key {key!r} in per-path; use paths, ignore or select")
        if "paths" not in entry:
            raise Invalid(item, "a per-path entry needs 'paths'")
        out.append(entry)
    return out


def _keys() -> dict:
    from ..rulepack.schema import v_bool, v_choice, v_int_range, v_nonempty_str, v_str_list

    return {
        "fail-on": v_choice(*FAIL_ON),
        "fail-under": v_int_range(0, 100),
        "rules": lambda n: list(v_str_list(n)),
        "default-rules": v_bool,
        "select": lambda n: list(v_str_list(n)),
        "ignore": lambda n: list(v_str_list(n)),
        "exclude": lambda n: list(v_str_list(n)),
        "force-exclude": v_bool,
        "ignore-files": v_bool,
        "format": v_nonempty_str,
        "jobs": v_int_range(1, 1024),
        "max-file-size": v_int_range(1, 100_000),
        "baseline": v_nonempty_str,
        "waivers": v_nonempty_str,
        "follow-symlinks": v_bool,
        "cache": v_nonempty_str,
        "rules-config": _rule_overrides,
        "per-path": _per_path,
        "site-from": v_choice("auto", "url", "folder", "none"),
        "sites": v_bool,
    }


KEY_NAMES = ("fail-on", "fail-under", "rules", "default-rules", "select", "ignore", "exclude", "force-exclude",
             "ignore-files", "format",
             "jobs", "max-file-size", "baseline", "waivers", "follow-symlinks", "cache", "rules-config",
             "per-path", "site-from", "sites")
PATH_KEYS = ("rules", "baseline", "waivers", "cache")


@dataclass
class Config:
    path: str | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default=None):
        return self.values.get(key, default)


def find_config(start: str | None = None) -> str | None:
    """The configuration of the project ``start`` (default: the working directory) is in: looked for
    from there upwards, up to the repository's root (a folder with ``.git``), or up to the filesystem's
    root outside a repository. A file above the repository belongs to something else and never applies."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_section(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder or os.path.lexists(os.path.join(folder, ".git")):
            return None
        folder = parent


def _has_tool_section(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16 * 1024 * 1024)
    except OSError:
        return False
    # "[tool.contentcheck]", or a "contentcheck = ..." under "[tool]" or as "tool.contentcheck = ...", which
    # must be reported as not a table, not skipped.
    return _TOOL_SECTION.search(head) is not None


_TOOL_SECTION = re.compile(rb"(?m)^[ \t]*\[[ \t]*tool\.contentcheck[ \t]*\]|^[ \t]*tool\.contentcheck[ \t]*="
                           rb"|^[ \t]*\[[ \t]*tool[ \t]*\][^\[]*?^[ \t]*contentcheck[ \t]*=")


def load_config(path: str | None) -> Config:
    if path is None:
        return Config()
    if path.endswith(".toml"):
        return _load_pyproject(path)
    import yaml

    from .. import safe_yaml
    from ..rulepack.schema import Invalid, mapping_items, mark, suggest

    KEYS = _keys()
    text = _read(path)
    try:
        root = safe_yaml.compose(text)
    except safe_yaml.YamlError as exc:
        raise ConfigError(path, exc.line, exc.column, exc.message) from None
    values: dict[str, Any] = {}
    if root is None:
        return Config(path, values)
    try:
        items = mapping_items(root)
    except Invalid as exc:
        raise ConfigError(path, *mark(exc.node), "the configuration must be a mapping of keys") from None
    for knode, vnode in items:
        key = knode.value if isinstance(knode, yaml.ScalarNode) else str(knode)
        validator = KEYS.get(key)
        if validator is None:
            raise ConfigError(path, *mark(knode), f"unknown key {key!r}{suggest(key, KEY_NAMES)}; keys: {', '.join(KEY_NAMES)}")
        try:
            values[key] = validator(vnode)
        except Invalid as exc:
            raise ConfigError(path, *mark(exc.node), f"{key}: {exc.message}") from None
    return Config(path, _resolve_paths(path, values))


def _read(path: str) -> str:
    from ..atomic import read_text_file

    try:
        return read_text_file(path, "configuration")
    except OSError as exc:
        raise ConfigError(path, 1, 1, f"cannot read the configuration: {exc.strerror}") from None


def _load_pyproject(path: str) -> Config:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: the same parser, from PyPI
        import tomli as tomllib
    import yaml

    from ..rulepack.schema import Invalid, suggest

    KEYS = _keys()
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ConfigError(path, 1, 1, f"invalid TOML: {exc if isinstance(exc, ValueError) else 'nested too deeply'}"
                          ) from None
    tool = data.get("tool", {})
    section = tool.get("contentcheck", {}) if isinstance(tool, dict) else None
    if not isinstance(section, dict):
        raise ConfigError(path, _toml_line(text, "contentcheck"), 1,
                          "[tool.contentcheck] must be a table of keys (tool.contentcheck = ... is not one)")
    # Re-validate through YAML nodes so the same validators apply; TOML values
    # are plain data, so dumping them to YAML is exact.
    values: dict[str, Any] = {}
    for key, value in section.items():
        line = _toml_line(text, key)
        validator = KEYS.get(key)
        if validator is None:
            raise ConfigError(path, line, 1, f"unknown key {key!r} in [tool.contentcheck]{suggest(key, KEY_NAMES)}")
        try:
            node = yaml.compose(yaml.safe_dump(value))
            values[key] = validator(node)
        except RecursionError:
            raise ConfigError(path, line, 1, f"{key}: nested too deeply") from None
        except Invalid as exc:
            raise ConfigError(path, line, 1, f"{key}: {exc.message}") from None
    return Config(path, _resolve_paths(path, values))


def _toml_line(text: str, key: str) -> int:
    start = re.search(r"(?m)^\[tool\.contentcheck\]", text)
    offset = start.end() if start else 0
    m = re.compile(r"(?m)^\s*\"?" + re.escape(key) + r"\"?\s*=").search(text, offset)
    return text.count("\n", 0, m.start() if m else offset) + 1


def _resolve_paths(config_path: str, values: dict) -> dict:
    base = os.path.dirname(os.path.abspath(config_path))
    for key in PATH_KEYS:
        if key not in values:
            continue
        value = values[key]
        if isinstance(value, list):
            values[key] = [os.path.join(base, v) for v in value]
        else:
            values[key] = os.path.join(base, value)
    return values


STARTER = """\
# contentcheck configuration. Command-line flags win over these values.
# Docs: https://github.com/contentcheck/contentcheck/blob/main/docs/ci.md#configuration

# Lowest severity that fails the run: error, warning, info or never.
fail-on: error
# Also fail when a document scores below this (0-100).
# fail-under: 60

# Extra rule files or folders (paths relative to this file).
# rules: [rules/house.yaml]
# default-rules: true

# Only run, or skip, these rule ids or categories.
# select: [fiction-disclaimer, missing-author]
# ignore: [unattributed-claim]

# Paths to skip (gitignore patterns, relative to this file's folder). Files that .gitignore,
# .ignore or .contentcheckignore name are skipped too (ignore-files: false to check them).
exclude:
  - "drafts/"
# Skip excluded files even when they are named on the command line (as pre-commit names them).
# force-exclude: true

# Per-rule changes: severity, enabled, weight (and the thresholds of site-boilerplate).
rules-config:
  fiction-without-disclaimer: {enabled: false}
  # missing-author: {severity: error}
  # site-boilerplate: {min_documents: 5, min_share: 0.2}

# Auditing a crawl: always find each site's repeated boilerplate (check --sites), where a
# document's site comes from (auto, url, folder, none).
# sites: true
# site-from: auto

# Per-path changes: no author check on documentation pages, for example.
per-path:
  - paths: ["docs/**"]
    ignore: [missing-author]

# Accept today's findings and gate only new ones (write it with --write-baseline).
# baseline: .contentcheck-baseline.json
# Exceptions kept outside the content (path glob, rule, matched text, reason).
# waivers: contentcheck-waivers.yaml
"""
