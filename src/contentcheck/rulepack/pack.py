"""The rule pack: rule files merged in order, overridden, selected, compiled.

A pack is validated and compiled once per run. Reading and validating one
file (every error with file:line:col) is rulefile's job; each check kind
declares the keys it accepts.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._version import __version__
from ..atomic import read_text_file
from .rule import REQUIRED, Rule, RuleError, RulePackError


@functools.cache  # asked once per rule when reports link rules to their pages
def default_rules_dir() -> Path:
    """The default pack: inside the installed package, or rules/ in a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "default_rules"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "rules"


def rule_files(path: str) -> list[str]:
    if os.path.isdir(path):
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(root, f) for f in sorted(files) if f.endswith((".yaml", ".yml"))]
        return found
    return [path]


class RulePack:
    """Validated rules, compiled once per kind; cheap to share across documents.

    A pack made from a PackSpec with ``validated=False`` parses its rule
    files only when something asks for its rules: a run whose every result
    comes from the cache never needs them.
    """

    def __init__(self, rules: list[Rule] | None = None, *, spec: PackSpec | None = None):
        self.spec = spec
        self._all = rules
        self._compiled: list[tuple[Any, Any]] | None = None
        self._hash: str | None = None
        self._enabled: list[Rule] | None = None
        self._weights: dict[str, float] | None = None
        self._by_id: dict[str, Rule] | None = None

    @property
    def all_rules(self) -> list[Rule]:
        if self._all is None:
            self._all = self.spec.parse()
        return self._all

    @property
    def rules(self) -> list[Rule]:
        """The enabled rules."""
        if self._enabled is None:
            self._enabled = [r for r in self.all_rules if r.enabled]
        return self._enabled

    @property
    def by_id(self) -> dict[str, Rule]:
        if self._by_id is None:
            self._by_id = {r.id: r for r in self.all_rules}
        return self._by_id

    @property
    def weights(self) -> dict[str, float]:
        if self._weights is None:
            self._weights = {r.id: r.weight for r in self.rules}
        return self._weights

    @property
    def compiled(self) -> list[tuple[Any, Any]]:
        if self._compiled is None:
            from .kinds.registry import KINDS  # the kinds (and their libraries) only when rules run

            groups: dict[str, list[Rule]] = {}
            for rule in self.rules:
                groups.setdefault(rule.kind, []).append(rule)
            self._compiled = [(KINDS[kind], KINDS[kind].compile(groups[kind])) for kind in sorted(groups)]
        return self._compiled

    @property
    def hash(self) -> str:
        """Identifies what the pack does: the digest of its sources when it
        has them (known without parsing), else of its rules."""
        if self._hash is None:
            if self.spec is not None:
                self._hash = self.spec.digest
            else:
                self._hash = hashlib.sha256(json.dumps([r.to_dict() for r in self.rules], sort_keys=True,
                                                       default=str).encode()).hexdigest()[:16]
        return self._hash

    def __getstate__(self):
        # Workers started without fork get the rules, not the automata
        # (they compile their own).
        return {"spec": self.spec, "_all": self.all_rules, "_compiled": None, "_hash": self.hash,
                "_enabled": None, "_weights": None}

    @classmethod
    def load(cls, paths: list[str] | None = None, *, use_default: bool = True,
             select: list[str] | None = None, ignore: list[str] | None = None,
             overrides: dict[str, dict] | None = None) -> RulePack:
        """Read, validate and compile the default pack and the given rule files."""
        return PackSpec.from_paths(paths, use_default=use_default, select=select, ignore=ignore,
                                   overrides=overrides).build()


@dataclass(frozen=True)
class PackSpec:
    """Everything a rule pack is made from, as plain data: the text of each
    rule file and the selections. It pickles small, so cluster workers can
    build the same pack without access to the files (see scale/dask.py)."""

    sources: tuple[tuple[str, str, bool], ...]  # (path, text, is_default)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    overrides: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    missing: tuple[str, ...] = ()

    @classmethod
    def from_paths(cls, paths=None, *, use_default=True, select=None, ignore=None, overrides=None) -> PackSpec:
        files: list[tuple[str, bool]] = []
        missing = []
        if use_default:
            files += [(f, True) for f in rule_files(str(default_rules_dir()))]
        for p in paths or []:
            if not os.path.exists(p):
                missing.append(p)
                continue
            files += [(f, False) for f in rule_files(p)]
        sources = []
        errors = []
        for path, is_default in files:
            try:
                sources.append((path, read_text_file(path, "rule file"), is_default))
            except OSError as exc:
                errors.append(RuleError(path, 1, 1, f"cannot read the rule file: {exc.strerror or exc}"))
        if errors:
            raise RulePackError(errors)
        return cls(tuple(sources), tuple(select or ()), tuple(ignore or ()),
                   tuple((k, tuple(sorted(v.items()))) for k, v in sorted((overrides or {}).items())),
                   tuple(missing))

    @property
    def digest(self) -> str:
        h = hashlib.sha256(__version__.encode())
        for _path, text, is_default in self.sources:
            h.update(b"\0%d\0" % is_default + text.encode("utf-8", "surrogatepass"))
        h.update(repr((self.select, self.ignore, self.overrides)).encode())
        return h.hexdigest()[:16]

    def build(self, validated: bool = True) -> RulePack:
        """The pack; parsed and validated now unless ``validated`` is False."""
        pack = RulePack(spec=self)
        if validated:
            _ = pack.all_rules  # raises RulePackError on a bad rule file
        return pack

    def parse(self) -> list[Rule]:
        """The rules, validated: from the rule pack cache when it holds them (see cache.py)."""
        from . import cache

        rules = cache.load(self)
        if rules is None:
            rules = self._parse()
            cache.store(self, rules)
        return rules

    def _parse(self) -> list[Rule]:
        from .rulefile import read_rule_file  # YAML only when rules are read: not on a run the cache answers

        errors: list[RuleError] = [RuleError(p, 1, 1, "rule file or folder not found") for p in self.missing]
        merged: dict[str, Rule] = {}
        user_ids: dict[str, str] = {}
        for path, text, is_default in self.sources:
            try:
                entries = read_rule_file(path, text, trusted=is_default)
            except RulePackError as exc:
                errors.extend(exc.errors)
                continue
            for raw, line, col in entries:
                rid = raw.get("id")
                if not is_default and rid in user_ids:
                    errors.append(RuleError(path, line, col, f"rule id {rid!r} is already defined in {user_ids[rid]}"))
                    continue
                if not is_default and rid:
                    user_ids[rid] = path
                base = merged.get(rid) if rid else None
                try:
                    merged[rid] = _build_rule(raw, base, path, line, trusted=is_default)
                except RuleError as exc:
                    errors.append(exc)
        if errors:
            raise RulePackError(errors)
        rules = list(merged.values())
        for rid, change in self.overrides:
            rules = [_override(r, dict(change)) if r.id == rid else r for r in rules]
        if self.select:
            wanted = set(self.select)
            # A rule named by its id runs even when it is off by default (as ruff's --select does);
            # naming its category does not turn it on.
            rules = [_override(r, {"enabled": True}) if r.id in wanted else r
                     for r in rules if r.id in wanted or r.category in wanted]
        if self.ignore:
            unwanted = set(self.ignore)
            rules = [r for r in rules if r.id not in unwanted and r.category not in unwanted]
        return rules


def _override(rule: Rule, change: dict) -> Rule:
    from dataclasses import replace

    params = {k: v for k, v in change.items() if k in ("min_documents", "min_share")}
    if params and rule.kind == "repeated":
        rule = replace(rule, params={**rule.params, **params})
    return replace(rule, **{k: v for k, v in change.items() if k in ("severity", "enabled", "weight")})


def _build_rule(raw: dict, base: Rule | None, path: str, line: int, trusted: bool = False) -> Rule:
    from .kinds.registry import KINDS

    if base is not None and "kind" not in raw:
        # A partial override of a rule defined earlier: keep what it does not say.
        merged = base.to_dict()
        # to_dict writes lists; the checks need the tuples the validators make.
        for key in ("examples", "when", "unless", "exclude"):
            if isinstance(merged.get(key), dict):
                merged[key] = {k: tuple(v) if isinstance(v, list) else v for k, v in merged[key].items()}
        merged.update(raw)
        raw = merged
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise RuleError(path, line, 1, f"rule {raw.get('id', '?')!r} is missing {', '.join(missing)}")
    module = KINDS[raw["kind"]]
    params = {k: raw[k] for k in module.PARAMS if k in raw}
    for key in getattr(module, "REQUIRED", ()):
        if key not in params:
            raise RuleError(path, line, 1, f"rule {raw['id']!r}: kind {raw['kind']!r} needs {key!r}")
    params["_trusted"] = trusted and (base is None or base.params.get("_trusted", False))
    try:
        params = module.prepare(params)
    except ValueError as exc:
        raise RuleError(path, line, 1, f"rule {raw['id']!r}: {exc}") from None
    fix = raw.get("fix")
    if isinstance(fix, dict):  # kept from the rule this one overrides (its to_dict form)
        from .fix import FixSpec

        fix = FixSpec.from_dict(fix)
    if fix is not None:
        from .fix import problem_for_rule

        problem = problem_for_rule(fix, raw["kind"], params)
        if problem:
            raise RuleError(path, line, 1, f"rule {raw['id']!r}: fix: {problem}")
    return Rule(
        id=raw["id"], category=raw["category"], severity=raw.get("severity", "warning"),
        message=raw["message"], kind=raw["kind"], params=params,
        scope=raw.get("scope", "body"), weight=float(raw.get("weight", 1.0)),
        description=raw.get("description", ""), examples=raw.get("examples", {}),
        when=raw.get("when", {}), unless=raw.get("unless", {}), exclude=raw.get("exclude", {}),
        followed_by=raw.get("followed_by", ""),
        enabled=raw.get("enabled", True), source=path, line=line, fix=fix,
    )
