"""One rule file: parsed as YAML and validated, every problem located.

Kept apart from the pack so that a run answered from the cache, which never
reads a rule, does not import the YAML machinery.
"""

from __future__ import annotations

from typing import Any, Callable

import yaml

from .. import safe_yaml
from ..atomic import read_text_file
from ..vocabulary import SCOPE_ALIASES, SCOPES, SEVERITIES
from .fix import problem_for_rule, v_fix
from .kinds.registry import KINDS
from .rule import REQUIRED, RULE_ID, RuleError, RulePackError
from .schema import Invalid as _Invalid
from .schema import mapping_items as _mapping_items
from .schema import (
    mark,
    suggest,
    v_bool,
    v_choice,
    v_conditions,
    v_examples,
    v_exclude,
    v_nonempty_str,
    v_number,
    v_str,
)

_v_scope_name = v_choice(*SCOPES, *SCOPE_ALIASES)


def v_scope(node) -> str:
    return SCOPE_ALIASES.get(_v_scope_name(node), _v_scope_name(node))


COMMON_KEYS: dict[str, Callable] = {
    "id": v_nonempty_str,
    "category": v_nonempty_str,
    "severity": v_choice(*SEVERITIES),
    "message": v_nonempty_str,
    "kind": v_str,
    "scope": v_scope,
    "weight": v_number,
    "description": v_str,
    "examples": v_examples,
    "when": v_conditions,
    "unless": v_conditions,
    "exclude": v_exclude,
    "followed_by": v_choice("code", "colon", "list", "end"),
    "enabled": v_bool,
    "help": v_str,
    "fix": v_fix,
}


def read_rule_file(path: str, text: str | None = None, trusted: bool = False) -> list[tuple[dict, int, int]]:
    """Validate a rule file; return raw rule dicts with their line and column.

    Raises RulePackError with every problem in the file. The default pack
    (``trusted``) does not compile its patterns here: its tests do, and a run
    compiles only the ones a document needs (see kinds/pattern.py).
    """
    if text is None:
        try:
            text = read_text_file(path, "rule file")
        except OSError as exc:
            raise RulePackError([RuleError(path, 1, 1, f"cannot read the rule file: {exc.strerror or exc}")]) from None
    try:
        root = safe_yaml.compose(text)
    except safe_yaml.YamlError as exc:
        raise RulePackError([RuleError(path, exc.line, exc.column, exc.message)]) from None
    if root is None:
        raise RulePackError([RuleError(path, 1, 1, "the file is empty; expected a top-level 'rules:' list")])
    errors: list[RuleError] = []
    rules_node = None
    if isinstance(root, yaml.MappingNode):
        for knode, vnode in root.value:
            key = knode.value if isinstance(knode, yaml.ScalarNode) else None
            if key == "rules":
                rules_node = vnode
            else:
                errors.append(RuleError(path, *mark(knode),
                                        f"unknown top-level key {key!r}; a rule file has one key, 'rules'"))
    if rules_node is None:
        errors.append(RuleError(path, *mark(root), "expected a top-level 'rules:' list"))
        raise RulePackError(errors)
    if not isinstance(rules_node, yaml.SequenceNode):
        errors.append(RuleError(path, *mark(rules_node), "'rules' must be a list of rules (items starting with '- ')"))
        raise RulePackError(errors)
    out = []
    seen: dict[str, int] = {}
    for rnode in rules_node.value:
        line, col = mark(rnode)
        try:
            items = _mapping_items(rnode)
        except _Invalid as exc:
            errors.append(RuleError(path, *mark(exc.node), "each rule must be a mapping of keys"))
            continue
        raw: dict[str, Any] = {}
        keys = {}
        for knode, vnode in items:
            key = knode.value if isinstance(knode, yaml.ScalarNode) else str(knode)
            if key in keys:
                errors.append(RuleError(path, *mark(knode), f"key {key!r} appears twice in this rule"))
            keys[key] = (knode, vnode)
        rid = None
        if "id" in keys:
            try:
                rid = v_nonempty_str(keys["id"][1])
                if not RULE_ID.match(rid):
                    raise _Invalid(keys["id"][1], f"rule id {rid!r} must be lower-case words joined by '-' "
                                                  "(for example 'house-newsletter-plug')")
                if rid in seen:
                    raise _Invalid(keys["id"][1], f"duplicate rule id {rid!r} (first defined on line {seen[rid]})")
                seen[rid] = line
            except _Invalid as exc:
                errors.append(RuleError(path, *mark(exc.node), exc.message))
        kind = None
        if "kind" in keys:
            try:
                kind = v_str(keys["kind"][1])
                if kind not in KINDS:
                    raise _Invalid(keys["kind"][1], f"unknown kind {kind!r}; use one of "
                                   f"{', '.join(sorted(KINDS))}{suggest(kind, KINDS)}")
            except _Invalid as exc:
                errors.append(RuleError(path, *mark(exc.node), exc.message))
                kind = None
        allowed = dict(COMMON_KEYS)
        if kind:
            allowed.update(KINDS[kind].PARAMS)
        for key, (knode, vnode) in keys.items():
            validator = allowed.get(key)
            if validator is None:
                if kind is None and "kind" in keys:
                    continue  # the kind is wrong; its keys cannot be judged
                where = f"kind {kind!r}" if kind else "a rule"
                options = list(allowed)
                errors.append(RuleError(path, *mark(knode),
                                        f"unknown key {key!r} for {where}{suggest(key, options)}"))
                continue
            if trusted and key == "pattern":
                validator = v_nonempty_str
            try:
                raw[key] = validator(vnode)
            except _Invalid as exc:
                errors.append(RuleError(path, *mark(exc.node), f"{key}: {exc.message}"))
            except safe_yaml.YamlError as exc:
                errors.append(RuleError(path, *mark(vnode), f"{key}: {exc.message}"))
        if raw.get("fix") is not None:
            problem = problem_for_rule(raw["fix"], kind, raw)
            if problem:
                errors.append(RuleError(path, *mark(keys["fix"][1]), f"fix: {problem}"))
        if "kind" in keys:
            # A full definition (a partial override has no kind): all required keys now,
            # so every problem of the file is reported in one pass.
            missing = [k for k in REQUIRED if k not in keys]
            if missing:
                errors.append(RuleError(path, line, col, f"rule {rid or '?'!r} is missing "
                                        f"{', '.join(missing)}"))
        out.append((raw, line, col))
    if errors:
        raise RulePackError(errors)
    return out
