"""Validators for rule and configuration keys, over YAML nodes (so errors keep their line).

Each validator says what it expects in words (``expects``), for the keys
tables of docs/kinds.md.
"""

from __future__ import annotations

from typing import Any, Callable

import yaml

from .. import safe_yaml


class Invalid(Exception):
    def __init__(self, node: yaml.Node, message: str):
        self.node, self.message = node, message


def mark(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) where a node starts in its file."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def suggest(key: str, options) -> str:
    """`` (did you mean 'x'?)`` for a misspelt key, else nothing."""
    import difflib

    close = difflib.get_close_matches(key, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def expects(description: str) -> Callable[[Callable], Callable]:
    """Label a validator with what it accepts, in words."""
    def label(validator: Callable) -> Callable:
        validator.expects = description
        return validator
    return label


def describe(validator: Callable) -> str:
    return getattr(validator, "expects", "see the description")


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise Invalid(node, "expected a single value, not a " +
                       ("list" if isinstance(node, yaml.SequenceNode) else "mapping"))
    if node.tag == _STR_TAG:
        return node.value  # what constructing it gives, without a loader per value (rule files hold thousands)
    return safe_yaml.construct(node)


@expects("text")
def v_str(node):
    value = _scalar(node)
    if not isinstance(value, str):
        raise Invalid(node, f"expected text, got {type(value).__name__} {value!r} (quote it)")
    return value


@expects("text")
def v_nonempty_str(node):
    value = v_str(node)
    if not value.strip():
        raise Invalid(node, "must not be empty")
    return value


@expects("`true` or `false`")
def v_bool(node):
    value = _scalar(node)
    if not isinstance(value, bool):
        raise Invalid(node, f"expected true or false, got {value!r}")
    return value


@expects("a number")
def v_number(node):
    value = _scalar(node)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(node, f"expected a number, got {value!r}")
    return value


def v_int_range(lo: int, hi: int) -> Callable:
    @expects(f"a number from {lo} to {hi}")
    def check(node):
        value = v_number(node)
        if not lo <= value <= hi:
            raise Invalid(node, f"must be between {lo} and {hi}, got {value}")
        return value
    return check


def v_choice(*choices: str) -> Callable:
    @expects("one of " + ", ".join(f"`{c}`" for c in choices))
    def check(node):
        value = v_str(node)
        if value not in choices:
            raise Invalid(node, f"must be one of {', '.join(choices)}; got {value!r}")
        return value
    return check


@expects("a list of text (or one text)")
def v_str_list(node, allow_scalar: bool = True, nonempty: bool = True):
    if isinstance(node, yaml.ScalarNode) and allow_scalar:
        return (v_nonempty_str(node),)
    if not isinstance(node, yaml.SequenceNode):
        raise Invalid(node, "expected a list of text values")
    if nonempty and not node.value:
        raise Invalid(node, "the list is empty")
    return tuple(v_nonempty_str(item) for item in node.value)


@expects("a list of text (may be empty)")
def v_optional_str_list(node):
    return v_str_list(node, nonempty=False)


def mapping_items(node) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise Invalid(node, "expected a mapping (key: value)")
    return node.value


@expects("a mapping of words to lists of the words written in their place")
def v_alike(node):
    out = {}
    for knode, vnode in mapping_items(node):
        word = v_nonempty_str(knode).lower()
        if len(word.split()) != 1:
            raise Invalid(knode, f"{word!r}: a word, not a phrase")
        out[word] = tuple(v.lower() for v in v_str_list(vnode))
    return out


@expects("a mapping of metadata keys to lists of values")
def v_conditions(node):
    out = {}
    for knode, vnode in mapping_items(node):
        key = v_str(knode)
        out[key.lower()] = tuple(v.lower() for v in v_str_list(vnode))
    return out


@expects("`match:` and `no_match:` lists of text")
def v_examples(node):
    out = {}
    for knode, vnode in mapping_items(node):
        key = v_str(knode)
        if key not in ("match", "no_match"):
            raise Invalid(knode, f"unknown examples key {key!r}; use match and no_match")
        out[key] = v_str_list(vnode, nonempty=False)
    return out


@expects("`quoted: true`, `code: true`, `letter: true`, `path: true`, `link: true`, `heading: true`, `prose: true`, "
         "`sentence_contains: [words]`, "
         "`opening_contains: [words]`, `heading_contains: [words]` and/or `reading_list: [headings]`")
def v_exclude(node):
    out = {}
    for knode, vnode in mapping_items(node):
        key = v_str(knode)
        if key in ("quoted", "code", "letter", "path", "link", "heading", "prose"):
            out[key] = v_bool(vnode)
        elif key in ("sentence_contains", "opening_contains", "heading_contains"):
            out[key] = tuple(v.lower().strip() for v in v_str_list(vnode) if v.strip())
        elif key == "reading_list":
            out[key] = tuple(" ".join(v.lower().split()) for v in v_str_list(vnode) if v.strip())
        else:
            raise Invalid(knode, f"unknown exclude key {key!r}; use quoted, code, letter, path, link, heading, prose, "
                                 "sentence_contains, opening_contains, heading_contains or reading_list")
    return out


@expects("a regular expression")
def v_regex(node):
    """A regular expression that compiles (with ``re``, or failing that with
    the ``regex`` module, which user patterns run on)."""
    import re

    value = v_nonempty_str(node)
    try:
        # The flags pattern rules compile with by default, so that compiling
        # the rule afterwards is a hit in re's cache.
        re.compile(value, re.MULTILINE | re.IGNORECASE)
        return value
    except re.error:
        pass
    import regex

    try:
        regex.compile(value, regex.V0)
    except regex.error as exc:
        raise Invalid(node, f"the regular expression does not compile: {exc}") from None
    return value


@expects("a list of regular expressions")
def v_regex_list(node):
    """A list of regular expressions (trusted rule data, compiled with ``re``)."""
    import re

    values = v_str_list(node, nonempty=False)
    for value in values:
        try:
            re.compile(value)
        except re.error as exc:
            raise Invalid(node, f"the regular expression {value!r} does not compile: {exc}") from None
    return values
