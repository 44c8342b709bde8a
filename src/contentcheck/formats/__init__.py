"""Report formats: one module per format, each a ``Formatter`` (see base.py) that renders the same
result objects; the table below maps ``--format`` names to modules, imported only when chosen."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .base import ReportContext

if TYPE_CHECKING:
    from .base import FormatterClass

__all__ = ["FORMATS", "ReportContext", "get_formatter"]

FORMATS = {
    "text": "text",
    "concise": "concise",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "html": "html",
    "markdown": "markdown",
    "jsonl": "jsonl",
}


def get_formatter(name: str) -> FormatterClass:
    return importlib.import_module(f".{FORMATS[name]}", __name__).Formatter
