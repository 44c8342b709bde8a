"""What contentcheck read from each input: the ``inspect`` command.

For rule authors, and for debugging a missed or an unexpected finding: each
document's format, language, metadata (the check report's, plus every author
claim and label the loader found) and its blocks in reading order. A block's
``text`` is exactly what the checks read, its ``scope`` the rule scope that
sees it (``main``: the main content, scope ``body`` or ``main`` in a rule; ``chrome``: navigation, sidebars,
footers, hidden elements...; ``title``), and its span the place in the file of
its first and last character, whitespace at either end aside (``end_column``
is just after the last one).
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from ._version import __version__
from .document import Document
from .inputs.discover import Input
from .loaders import DEFAULT_MAX_FILE_SIZE, LoadError, load_document, parse_bytes
from .vocabulary import BODY, MAIN


def inspect_document(doc: Document) -> dict:
    from .engine.check import describe
    from .results import DocumentResult

    described = DocumentResult(doc.path, doc.format, None)
    describe(doc, described)
    meta = doc.metadata
    metadata = {
        "title": described.title, "author": described.author, "author_source": described.author_source,
        "authors_checked": list(described.authors_checked),
        "language": described.language, "language_source": described.language_source,
        "authors": [_claim(doc, claim) for claim in meta.authors],
        "fields": {key: list(values) for key, values in meta.fields.items() if values},
    }
    return {
        "path": doc.path, "format": doc.format, "language": described.language,
        "metadata": metadata, "blocks": [_block(doc, block) for block in doc.blocks],
    }


def _claim(doc: Document, claim) -> dict:
    out = {"name": claim.name, "source": claim.source, "line": None, "column": None}
    if claim.offset is not None:
        out["line"], out["column"] = doc.line_col(claim.offset)
    return out


def _block(doc: Document, block) -> dict:
    text = block.text
    # The span of the words: whitespace at either end has no place worth showing.
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    line, column = doc.line_col(block.source_offset(start))
    end_line, end_column = doc.line_col(block.source_offset(end, end=True))
    return {"scope": MAIN if block.zone == BODY else block.zone, "tag": block.tag, "text": text, "line": line, "column": column,
            "end_line": end_line, "end_column": end_column}


def inspect_error(path: str, fmt: str | None, error: str) -> dict:
    return {"path": path, "format": fmt, "language": None, "metadata": None, "blocks": [], "error": error}


def inspect_inputs(items: Iterable[Input], max_size: int = DEFAULT_MAX_FILE_SIZE) -> Iterator[dict]:
    """One inspection per input; an input that cannot be read gets an ``error``."""
    from .inputs.warc import expand_archives

    for item in expand_archives(items, max_size):
        if item.error:
            yield inspect_error(item.display, item.format, item.error)
            continue
        try:
            if item.data is not None:
                doc = parse_bytes(item.display, item.data, item.format)
            else:
                doc = load_document(item.path, item.format, display_path=item.display, max_size=max_size)
        except LoadError as exc:
            yield inspect_error(item.display, item.format, str(exc))
            continue
        yield inspect_document(doc)


def write_json(documents: Iterable[dict], out) -> None:
    out.write('{"version": %s, "documents": [' % json.dumps(__version__))
    first = True
    for doc in documents:
        out.write("\n  " if first else ",\n  ")
        first = False
        out.write(json.dumps(doc, ensure_ascii=False))
    out.write("\n]}\n")


def write_text(documents: Iterable[dict], out) -> None:
    """A header per document, then one block a line: scope, tag, span, text."""
    for doc in documents:
        out.write(f"{doc['path']}  ({doc['format'] or 'unknown format'})\n")
        if doc.get("error"):
            out.write(f"  error: {doc['error']}\n\n")
            continue
        meta = doc["metadata"]
        out.write(f"  title: {meta['title'] or '-'}\n")
        author = f"{meta['author']} ({meta['author_source']})" if meta["author"] else "-"
        out.write(f"  author: {author}\n")
        if doc["language"]:
            out.write(f"  language: {doc['language']}\n")
        for block in doc["blocks"]:
            text = " ".join(block["text"].split())  # one line; the JSON keeps the exact text
            span = f"{block['line']}:{block['column']}-{block['end_line']}:{block['end_column']}"
            out.write(f"  {block['scope']:<6} {block['tag']:<10} {span:<17} {text}\n")
        out.write("\n")
