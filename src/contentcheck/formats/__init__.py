"""Report formats. Each module defines ``Formatter(out, context)`` with
``document(result)`` called as each document is checked (in input order) and
``finish(summary)`` once at the end; formats that can stream do.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

FORMATS = {
    "text": "text",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "html": "html",
    "markdown": "markdown",
    "jsonl": "jsonl",
}


@dataclass
class ReportContext:
    """What formatters may need besides the documents."""

    version: str
    pack: Any = None
    color: bool = False
    statistics: bool = False
    options: dict = field(default_factory=dict)


def get_formatter(name: str):
    return importlib.import_module(f".{FORMATS[name]}", __name__).Formatter
