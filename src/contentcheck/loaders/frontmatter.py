"""Front matter of Markdown files: YAML between ``---`` lines, TOML between ``+++``, or the
``Key: value`` lines MultiMarkdown, Python-Markdown's meta extension and Pelican read at the top."""

from __future__ import annotations

import re

from .. import safe_yaml
from ..document import AuthorClaim, Metadata

_YAML_FM = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_YAML_EMPTY = re.compile(r"\A---[ \t]*\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_TOML_FM = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)(?:\r?\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.DOTALL)

# A "Key: value" block at the top of a file is metadata only as a blog engine writes it: a Title line
# first and a Date line with a year. "Summary: ...\nStatus: ..." in a bug report is text, and so is a
# chat answer's "Title: Sure! Here is..." over "Description:" and "Keywords:" lines, or a block with a
# blank to fill in ("Date: [Insert date]"): the rules must still read those.
_KEY_VALUE_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_ -]{0,30}):[ \t]*(.*)")
_KEY_VALUE_DATE = re.compile(r"\b(?:19|20)\d\d\b")
_KEY_VALUE_SLOT = re.compile(r"\[(?![^\]\n]*\]\()|\{\{|\{%")  # a blank, not a Markdown link
_KEY_VALUE_LISTS = ("authors", "tags", "category", "categories", "keywords")  # Pelican: "Tags: fiction, robots"

_FIELD_KEYS = {
    "category": "category", "categories": "categories", "tags": "tags", "tag": "tags",
    "genre": "genre", "genres": "genre", "type": "type", "section": "section",
    "keywords": "keywords", "kind": "type", "layout": None, "url": "url", "canonical": "canonical",
    "permalink": None,
    "lang": "front-matter-language", "language": "front-matter-language", "languagecode": "front-matter-language",
    "locale": "front-matter-language", "inlanguage": "front-matter-language",
}


def read_front_matter(source: str, meta: Metadata) -> tuple[dict, int, tuple[int, str] | None]:
    """Return (front matter dict, offset where the body starts, problem)."""
    meta.author_sources_checked.append("front-matter")
    m = _YAML_FM.match(source) or _YAML_EMPTY.match(source)
    fmt = "yaml"
    if not m:
        m = _TOML_FM.match(source)
        fmt = "toml"
    if not m:
        return _key_value_front_matter(source, meta)
    raw = m.group(1) if m.lastindex else ""
    data: object
    try:
        if fmt == "yaml":
            data = safe_yaml.load(raw) if raw.strip() else {}
        else:
            try:
                import tomllib
            except ModuleNotFoundError:  # Python 3.10: the same parser, from PyPI
                import tomli as tomllib

            data = tomllib.loads(raw)
    except safe_yaml.YamlError as exc:
        return {}, m.end(), (_line_offset(source, exc.line + 1), f"front matter: {exc.message}")
    except ValueError as exc:  # tomllib.TOMLDecodeError: "... (at line 3, column 8)"
        where = re.search(r"line (\d+)", str(exc))
        line = int(where.group(1)) + 1 if where else 2  # +1: the opening +++ line
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return {}, m.end(), (_line_offset(source, line), f"front matter: invalid TOML: {message}")
    if not isinstance(data, dict):
        return {}, m.end(), (0, "front matter is not a mapping of keys to values")
    _apply(data, meta, source[:m.end()])
    return data, m.end(), None


def _key_value_front_matter(source: str, meta: Metadata) -> tuple[dict, int, None]:
    """MultiMarkdown / Pelican metadata: "Key: value" lines up to the first blank line, a value
    going on in indented lines; the author lines of a Pelican blog post ("Author: Jan Novák")."""
    data: dict[str, str] = {}
    key = None
    pos = 0
    for line in source.split("\n", 41)[:41]:
        text = line.rstrip("\r")
        if not text.strip():
            break
        m = _KEY_VALUE_LINE.fullmatch(text)
        if m:
            key = m.group(1).strip().lower()
            data[key] = m.group(2).strip()
        elif key and text[:1] in (" ", "\t"):
            data[key] = (data[key] + " " + text.strip()).strip()
        else:
            return {}, 0, None
        pos += len(line) + 1
    else:
        return {}, 0, None  # no blank line after it within 40 lines: not a metadata block
    if (not data or next(iter(data)) != "title" or not _KEY_VALUE_DATE.search(data.get("date", ""))
            or any(_KEY_VALUE_SLOT.search(value) for value in data.values())):
        return {}, 0, None
    out: dict = dict(data)
    for key in _KEY_VALUE_LISTS:
        if key in out:
            out[key] = [item.strip() for item in out[key].split(",") if item.strip()]
    _apply(out, meta, source[:pos])
    return out, pos, None


def _line_offset(source: str, line: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nxt = source.find("\n", pos)
        if nxt == -1:
            break
        pos = nxt + 1
    return pos


def _apply(data: dict, meta: Metadata, raw: str) -> None:
    for key, value in data.items():
        k = str(key).lower()
        if k == "title" and value is not None:
            meta.title = " ".join(str(value).split())
        elif k in ("author", "authors", "byline", "by", "creator", "creators", "writer", "writers"):
            offset = _key_offset(raw, str(key))
            for name in _names(value):
                meta.authors.append(AuthorClaim(name, "front-matter", offset))
            if not _names(value):
                meta.authors.append(AuthorClaim("", "front-matter", offset))
        elif _FIELD_KEYS.get(k):
            meta.add(_FIELD_KEYS[k], _flat(value))
        elif k in ("params", "extra", "taxonomies") and isinstance(value, dict):
            _apply(value, meta, raw)


def _key_offset(raw: str, key: str) -> int | None:
    m = re.search(r"(?m)^[ \t]*" + re.escape(key) + r"[ \t]*[:=]", raw)
    return m.start() if m else None


def _names(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [" ".join(value.split())] if value.strip() else []
    if isinstance(value, dict):
        name = value.get("name") or value.get("display_name") or value.get("title")
        return _names(name)
    if isinstance(value, (list, tuple)):
        out = []
        for v in value[:50]:
            out.extend(_names(v))
        return out
    return [str(value)]


def _flat(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            out.extend(_flat(v))
        return out
    if isinstance(value, dict):
        return [str(k) for k in value]
    if value is None:
        return []
    return [str(value)]
