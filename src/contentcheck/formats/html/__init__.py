"""``--format html``: one self-contained report file for people (see page.py)."""

from .page import Formatter

__all__ = ["Formatter"]
