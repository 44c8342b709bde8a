"""A document's project: its configuration and rule pack, found as the command line finds them.

The command line looks for ``contentcheck.yaml`` (or ``.contentcheck.yaml``,
or ``[tool.contentcheck]`` in ``pyproject.toml``) from the working directory
upwards; in the editor the search starts at the document's folder. Rule
files, ``select``/``ignore``, ``rules-config``, ``per-path`` and waivers
apply as they do in a run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..ci.config import WAIVER_NAME, ConfigError, find_config, load_config
from ..rulepack import PackSpec, RulePack, RulePackError


@dataclass
class Project:
    root: str  # per-path globs are relative to this folder
    pack: RulePack | None = None
    policy: object = None
    error: str | None = None  # a configuration or rule-file problem, located
    files: list[str] = field(default_factory=list)  # configuration and rule files it was made from

    def display_path(self, path: str) -> str:
        try:
            rel = os.path.relpath(path, self.root)
        except ValueError:
            return path
        return path if rel.startswith("..") else rel.replace(os.sep, "/")

    def eligible(self, result):
        """The result narrowed by per-path settings and waivers (the baseline is for CI gates)."""
        return self.policy.apply(result) if self.policy is not None else result


def load_project(folder: str, fallback_root: str | None = None) -> Project:
    config_path = find_config(folder)
    root = os.path.dirname(config_path) if config_path else (fallback_root or folder)
    project = Project(root)
    try:
        cfg = load_config(config_path)
    except ConfigError as exc:
        project.error = str(exc)
        return project
    if config_path:
        project.files.append(os.path.abspath(config_path))
    rules = list(cfg.get("rules", []))
    project.files += [os.path.abspath(p) for p in rules]
    try:
        spec = PackSpec.from_paths(rules, use_default=cfg.get("default-rules", True),
                                   select=cfg.get("select", []), ignore=cfg.get("ignore", []),
                                   overrides=cfg.get("rules-config", {}))
        project.pack = spec.build()
    except RulePackError as exc:
        project.error = "\n".join(str(e) for e in exc.errors)
        return project
    waivers_path = cfg.get("waivers") or os.path.join(root, WAIVER_NAME)
    per_path = cfg.get("per-path", [])
    if per_path or os.path.isfile(waivers_path):
        from ..ci.policy import Policy, PolicyError, load_waivers

        try:
            waivers = load_waivers(waivers_path) if os.path.isfile(waivers_path) else None
        except PolicyError as exc:
            project.error = str(exc)
            return project
        if waivers_path and os.path.isfile(waivers_path):
            project.files.append(os.path.abspath(waivers_path))
        project.policy = Policy(per_path=per_path, waivers=waivers, pack=project.pack)
    return project


class Projects:
    """Projects by folder, made once and dropped when one of their files is saved."""

    def __init__(self):
        self._by_folder: dict[str, Project] = {}

    def for_path(self, path: str, fallback_root: str | None = None) -> Project:
        folder = os.path.dirname(os.path.abspath(path))
        project = self._by_folder.get(folder)
        if project is None:
            project = self._by_folder[folder] = load_project(folder, fallback_root)
        return project

    def changed(self, path: str) -> bool:
        """Forget every project a saved file may belong to; True when one was forgotten."""
        path = os.path.abspath(path)
        name = os.path.basename(path)
        config_like = name.endswith((".yaml", ".yml", ".toml"))
        if not config_like:
            return False
        dropped = False
        for folder, project in list(self._by_folder.items()):
            if path in project.files or name in ("contentcheck.yaml", ".contentcheck.yaml", "contentcheck.yml",
                                                 ".contentcheck.yml", "pyproject.toml", WAIVER_NAME) \
                    or any(path.startswith(f.rstrip(os.sep) + os.sep) for f in project.files):
                del self._by_folder[folder]
                dropped = True
        return dropped
