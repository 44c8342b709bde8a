"""Front matter of Markdown files: YAML between ``---`` lines, TOML between ``+++``."""

from __future__ import annotations

import re

from .. import safe_yaml
from ..document import AuthorClaim, Metadata

_YAML_FM = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_YAML_EMPTY = re.compile(r"\A---[ \t]*\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_TOML_FM = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)(?:\r?\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.DOTALL)

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
        return {}, 0, None
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
