"""The ``fix:`` key of a rule: what a finding's fix does, and whether it is safe.

    fix: {remove: line, safety: safe}          # match | sentence | block | line
    fix: {remove: match, through: "</think>"}   # and on to the end of the next closing mark
    fix: {replace: "{1} said", safety: unsafe}  # {match}, {1}, {name}; {{ and }} are braces

``safe`` fixes are applied by ``--fix``; ``unsafe`` ones only with
``--unsafe-fixes``. A rule without ``safety`` is unsafe: a fix is trusted only
when its author says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import FIX_SAFETIES, UNSAFE

REMOVE_UNITS = ("match", "sentence", "block", "line")
SAFETIES = FIX_SAFETIES
# Kinds whose findings are about something missing or unsourced: the remedy
# is an editor's decision (add an author, name a source), never an edit.
UNFIXABLE_KINDS = {
    "metadata": "its findings are about something missing (an author); adding it is an editor's decision",
    "attribution": "an unattributed claim needs a source, which only an editor can add",
    "image": "the picture an image with no picture stands for is an editor's to choose",
}

_TEMPLATE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@dataclass(frozen=True, slots=True)
class FixSpec:
    action: str  # "remove" or "replace"
    unit: str  # for remove: match, sentence, block or line; "match" for replace
    safety: str = UNSAFE
    template: str | None = None
    # remove: a regular expression for the mark that closes what the match opens ("</think>"): the
    # removal runs on through it, across paragraphs
    through: str | None = None

    def to_dict(self) -> dict:
        out = {"remove": self.unit} if self.action == "remove" else {"replace": self.template}
        if self.through is not None:
            out["through"] = self.through
        out["safety"] = self.safety
        return out

    @classmethod
    def from_dict(cls, data: dict) -> FixSpec:
        if "replace" in data:
            return cls("replace", "match", data.get("safety", UNSAFE), data["replace"])
        return cls("remove", data["remove"], data.get("safety", UNSAFE), through=data.get("through"))

    def describe(self) -> str:
        if self.action == "replace":
            return "replace the text"
        if self.through is not None:
            return "remove the text through its closing mark"
        return {"match": "remove the text", "sentence": "remove the sentence", "block": "remove the block",
                "line": "remove the line"}[self.unit]


def template_fields(template: str) -> list[str]:
    """The references of a replacement ({match}, {1}, {name}); raises ValueError on a stray brace."""
    fields = []
    for m in _TEMPLATE.finditer(template):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if m.group(1) is None:
            raise ValueError(f"stray {token!r} in the replacement; write {token * 2} for a literal brace")
        name = m.group(1).strip()
        if not name:
            raise ValueError("empty {} in the replacement; use {match}, a group number or a group name")
        fields.append(name)
    return fields


def render(template: str, match_text: str, groups=None) -> str:
    """The replacement for one match; ``groups`` is the re/regex match object (patterns only)."""
    def field(m: re.Match) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = m.group(1).strip()
        if name == "match":
            return match_text
        if groups is None:
            return ""
        value = groups.group(int(name) if name.isdigit() else name)
        return value or ""

    return _TEMPLATE.sub(field, template)


def v_fix(node):
    """Validate a rule's ``fix:`` mapping (YAML node in, FixSpec or None out)."""
    import yaml

    from .schema import Invalid, mapping_items, v_choice, v_str

    if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":null", ":bool")) and \
            node.value.lower() in ("null", "~", "", "false", "no", "off"):
        return None  # an override that takes a rule's fix away
    items = {}
    for knode, vnode in mapping_items(node):
        key = v_str(knode)
        if key in items:
            raise Invalid(knode, f"key {key!r} appears twice in fix")
        items[key] = (knode, vnode)
    for key, (knode, _) in items.items():
        if key not in ("remove", "replace", "safety", "through"):
            raise Invalid(knode, f"unknown fix key {key!r}; use remove or replace, and safety (or through)")
    if ("remove" in items) == ("replace" in items):
        raise Invalid(node, "a fix says either remove: (match, sentence, block or line) or replace: TEXT")
    safety = v_choice(*SAFETIES)(items["safety"][1]) if "safety" in items else UNSAFE
    through = None
    if "through" in items:
        knode, vnode = items["through"]
        if "remove" not in items:
            raise Invalid(knode, "through: says where a removal ends; it goes with remove:")
        through = v_str(vnode)
        try:
            re.compile(through)
        except re.error as exc:
            raise Invalid(vnode, f"through: not a regular expression: {exc}") from None
    if "remove" in items:
        return FixSpec("remove", v_choice(*REMOVE_UNITS)(items["remove"][1]), safety, through=through)
    vnode = items["replace"][1]
    template = v_str(vnode)
    try:
        template_fields(template)
    except ValueError as exc:
        raise Invalid(vnode, str(exc)) from None
    return FixSpec("replace", "match", safety, template)


def problem_for_rule(fix: FixSpec | None, kind: str | None, params: dict) -> str | None:
    """What makes this fix impossible for this rule, or None (checked once the kind is known)."""
    if fix is None or kind is None:
        return None
    if kind in UNFIXABLE_KINDS:
        return f"kind {kind!r} cannot have a fix: {UNFIXABLE_KINDS[kind]}"
    if params.get("must_match"):
        return "a must_match rule reports what is absent; there is no text to fix"
    if fix.action != "replace":
        return None
    names = [f for f in template_fields(fix.template or "") if f != "match"]
    if not names:
        return None
    if kind != "pattern" or "pattern" not in params:
        return f"{{{names[0]}}}: only pattern rules have groups; a phrase rule's replacement can use {{match}}"
    import regex

    try:
        compiled = regex.compile(params["pattern"], regex.V0)
    except regex.error:
        return None  # reported by the pattern's own validator
    for name in names:
        if name.isdigit():
            if int(name) > compiled.groups:
                return f"{{{name}}}: the pattern has {compiled.groups} group(s)"
        elif name not in compiled.groupindex:
            return f"{{{name}}}: the pattern has no group named {name!r}"
    return None
