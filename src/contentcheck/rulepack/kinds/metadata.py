"""``kind: metadata`` -- a field such as ``author`` must be present and real.

``field`` is ``author``, ``title`` or any label a loader reads (``category``,
``tags``, ``genre``, ``section``, ``type``, ``keywords``). For ``author``,
every source the loader read counts: front matter, meta tags, JSON-LD,
rel=author links, byline elements and byline lines. Empty values,
placeholders (``{{author}}``, ``[Author Name]``, ``%author%``) and generic
labels (``admin``, ``Author``) do not count as an author; ``placeholders``
and ``generic`` add values of your own. A desk byline ("Staff Writer")
counts, and ``require: person`` reports one that names no person. The
finding names every source that was checked.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...text.bylines import AUTHOR_SOURCES, GENERIC_AUTHORS, author_name, best_author, is_placeholder, judge_author
from ..schema import v_choice, v_nonempty_str, v_optional_str_list
from . import Match

PARAMS = {"field": v_nonempty_str, "require": v_choice("present", "person"),
          "placeholders": v_optional_str_list, "generic": v_optional_str_list}
REQUIRED = ("field",)

_LABEL_LINE = re.compile(r"^[ \t]*(?:author|authors|written by|posted by|by|author name)[ \t]*:?[ \t]*$",
                         re.IGNORECASE | re.MULTILINE)

def prepare(params: dict) -> dict:
    params["_placeholders_re"] = [re.compile(re.escape(p), re.IGNORECASE) for p in params.get("placeholders", ())]
    params["_generic_set"] = GENERIC_AUTHORS | {g.lower() for g in params.get("generic", ())}
    return params


def compile(rules) -> list:
    return list(rules)


def run(doc, rules) -> Iterator[Match]:
    for rule in rules:
        field = rule.params["field"]
        if field == "author":
            yield from _author(doc, rule)
            continue
        placeholders = rule.params.get("_placeholders_re", ())
        values = [v for v in doc.metadata.get(field) if v.strip() and not is_placeholder(v, placeholders)]
        if not values:
            offset = doc.first_content_offset()
            yield Match(rule, None, offset, offset, detail=f"{rule.message} (no usable {field!r} found)")


def _author(doc, rule) -> Iterator[Match]:
    meta = doc.metadata
    placeholders = rule.params.get("_placeholders_re", ())
    generic = rule.params.get("_generic_set", GENERIC_AUTHORS)
    verdicts = [(claim, judge_author(author_name(claim.name), placeholders, generic)) for claim in meta.authors]
    best = best_author(meta.authors, placeholders, generic)
    checked = ", ".join(AUTHOR_SOURCES.get(s, s) for s in meta.author_sources_checked)
    require = rule.params.get("require", "present")
    if require == "present":
        if best is not None:
            return
        rejected = [f"{c.name!r} in {AUTHOR_SOURCES.get(c.source, c.source)} is {v if v != 'missing' else 'empty'}"
                    for c, v in verdicts[:3]]
        detail = f"{rule.message}: no author found (checked {checked})"
        if rejected:
            detail += "; " + "; ".join(rejected)
        label = _empty_label(doc)
        if label is not None:
            yield Match(rule, doc.scope("body"), label[0], label[1],
                        detail=detail + "; an 'Author' label here has no name after it")
            return
        offset = next((c.offset for c, _ in verdicts if c.offset is not None), None)
        if offset is None:
            offset = doc.first_content_offset()
        yield Match(rule, None, offset, offset, detail=detail)
    elif best is not None and best[2] == "desk":
        claim, name, _ = best
        offset = claim.offset if claim.offset is not None else doc.first_content_offset()
        yield Match(rule, None, offset, offset,
                    detail=f"{rule.message}: the byline {name!r} "
                           f"({AUTHOR_SOURCES.get(claim.source, claim.source)}) names a desk, not a person")


def _empty_label(doc) -> tuple[int, int] | None:
    """An 'Author' line with nothing after it in its block (scope offsets)."""
    st = doc.scope("body")
    text = st.text
    for m in _LABEL_LINE.finditer(text):
        rest = text[m.end():m.end() + 2]
        # The block goes on with a name on the next line: not empty.
        if rest.startswith("\n") and not rest.startswith("\n\n"):
            continue
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        return s, s + len(m.group(0).strip())
    return None
