"""Template variables a page fills in itself: not blanks left in the text.

A "{{ message }}" is an unfilled placeholder in an article, but not beside
``<input v-model="message">``: there the page's own script (Vue, Angular,
Alpine) binds the name and shows its value, and the braces are only the
source's. Nor when the front matter sets the name ("vue_version: 2.5.16" and
"{{vue_version}}"): the site generator fills it when the site is built. Both
loaders of markup (HTML, Markdown) blank such a variable, keeping every other
character at its column. The attributes are read from the whole page, not one
component: a name a footer's form binds is taken as bound in the article too.
Nor in a template's source (a Jinja, Django, Twig or Liquid page: "{% block
title %}"): there every statement and variable is the engine's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..document import Block
from ..text.lines import blanked

# Site-generator template syntax (Hugo shortcodes, Liquid/Jinja tags and comments, "{# XXX: ... #}", and
# expressions of a variable's field or through a filter: "{{ release.url.gz }}", "{{ date | date: '%Y' }}")
# is filled in when the site is built: markup of the source, not an unfilled placeholder. A bare "{{ city }}"
# stays text.
SHORTCODE = re.compile(
    r"\{\{[<%].{0,500}?[%>]\}\}|\{%.{0,500}?%\}|\{#.{0,500}?#\}"
    r"|\{\{-?\s*(?:site|page|post|layout|include|content|paginator|\.Site|\.Params|\.Page)\b[^}]*\}\}"
    r"|\{\{-?\s*[A-Za-z_]\w*(?:\.\w+)+\s*(?:\|[^}\n]{0,200})?-?\}\}"
    r"|\{\{-?\s*[A-Za-z_][\w.]*\s*\|[^}\n]{1,200}\}\}")
# A statement a line break splits ("{% post_url 2013-04-18-haskell-monaden\n%}" wrapped in a paragraph): the
# loaders blank markup line by line, so the two halves stand in the block's text until this reads it whole.
SPLIT_STATEMENT = re.compile(r"\{%[^%{}\n]{0,200}\n[^%{}\n]{0,200}%\}")
# In a source written in a template language (its text, not its code, uses a statement, "{% if %}",
# "{% block %}", calls a function, "{{ gnd('', 'ka') }}", or holds a comment, "{# ... #}"; a code block's tags
# do not count), a bare "{{ name }}" is the template's variable too, not a blank left in the text.
TEMPLATE_SOURCE = re.compile(r"(?<!\{)\{%-?\s*(?!(?:end)?(?:highlight|codeblock|raw)\b)[a-z_]+\b[^%\n]*%\}"
                             r"|\{\{-?\s*[A-Za-z_]\w*\(|\{#[^\n]{0,500}?#\}")
# "{{ name }}" or "{{ name.field }}", named by its first word (in Markdown "{{ page.version }}" and
# filters are the loader's shortcodes already); Liquid names may hold a hyphen ("{{ multi-tag }}").
BARE_VARIABLE = re.compile(r"\{\{-?\s*([A-Za-z_][\w-]*)(?:\.[\w-]+){0,8}\s*-?\}\}")
# The attributes through which a client-side framework binds names: Vue's v-model, v-for, :value,
# @click; Angular's ng-model, [value], (click), *ngFor; Alpine's x-data, x-model. Values are bounded,
# so a megabyte attribute costs one bounded scan.
_DIRECTIVE = re.compile(
    r"""\s(?:v-[\w:.\[\]-]{1,40}|[:@][A-Za-z][\w.:-]{0,40}|ng-[\w-]{1,40}|x-[\w-]{1,40}|\*ng[A-Z]\w{0,30}"""
    r"""|\[\(?[\w.-]{1,40}\)?\])\s*=\s*(?:"([^"]{0,500})"|'([^']{0,500})')""")
_NAME = re.compile(r"[A-Za-z_$][\w$]*")


def bound_names(source: str) -> set[str]:
    """The names the page's framework attributes bind or use (``v-for="item in items"``: item, items), and the
    variables of its "{{ name }}" that the page's own code sets (a tutorial on templates shows
    ``render_template("result.html", msg=msg)`` and then speaks of "{{msg}}": that code's variable, not a blank)."""
    names: set[str] = set()
    if "=" not in source and ":" not in source:
        return names
    for m in _DIRECTIVE.finditer(source):
        names.update(_NAME.findall(m.group(1) or m.group(2) or ""))
    if "{{" in source:
        names.update(name for name in set(BARE_VARIABLE.findall(source)) - names if _assigned(source, name))
    return names


def _assigned(source: str, name: str) -> bool:
    """Does the source set ``name``: an assignment or keyword argument ("msg = msg", "msg=msg") or a key
    ("'msg': ...")? Read at each place the name stands, not by a pattern over the source: a page's every
    attribute is "name=..." too."""
    at = source.find(name)
    while at != -1:
        end = at + len(name)
        before = source[at - 1] if at else " "
        if not (before.isalnum() or before in "_.$-"):
            after = source[end:end + 8].lstrip(" \t")
            if after[:1] == "=" and after[1:2] != "=":
                return True
        if before in "\"'" and source[end:end + 1] == before and source[end + 1:end + 8].lstrip(" \t")[:1] == ":":
            return True
        at = source.find(name, end)
    return False


def blank_filled_variables(blocks: Iterable[Block], names: set[str], every: bool = False) -> None:
    """Blank each ``{{ name }}`` whose name is in ``names`` (all of them when ``every``: a template source)."""
    if not names and not every:
        return
    for block in blocks:
        if "{{" in block.text:
            block.text = BARE_VARIABLE.sub(
                lambda m: " " * len(m.group(0)) if every or m.group(1) in names else m.group(0), block.text)


def blank_split_statements(blocks: Iterable[Block]) -> None:
    """Blank each template statement a line break splits (the per-line blanking read neither half whole)."""
    for block in blocks:
        if "{%" in block.text and "\n" in block.text:
            block.text = SPLIT_STATEMENT.sub(lambda m: blanked(m.group(0)), block.text)


def blank_template_syntax(blocks: Iterable[Block]) -> bool:
    """In a page written in a template language (a Jinja, Django, Twig or Liquid source: "{% block title %}",
    "{% extends 'base.html' %}"), blank its statements and variables: the engine fills them when the site is
    built, and an unrendered "{% block title %}" is no more a blank left in the text than the tags around it.
    Only the page's text tells: a script's, a comment's or a code sample's template does not make a rendered
    article's "{{ city }}" the engine's. True when the page is such a source (every variable is blanked)."""
    blocks = list(blocks)
    if not any("{" in b.text and TEMPLATE_SOURCE.search(b.text) for b in blocks):
        return False
    for block in blocks:
        if "{" in block.text:
            block.text = SHORTCODE.sub(lambda m: " " * len(m.group(0)), block.text)
    blank_filled_variables(blocks, set(), every=True)
    return True
