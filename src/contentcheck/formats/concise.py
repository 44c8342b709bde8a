"""``--format concise``: one line per finding, ``path:line:col: severity rule message``, for
editors' problem matchers and grep. Nothing else is printed; a document that could not be read
is one ``error`` line at 1:1. Control characters are escaped so that a file name or a message can
never start a line of its own. On a colour terminal the rule id links to its page (OSC 8); the
line's text stays the same."""

from __future__ import annotations

import re

from .base import rule_urls, terminal_link

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _safe(text) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", str(text))


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.rule_pages = rule_urls(context.pack) if context.color else {}

    def document(self, result) -> None:
        path = _safe(result.path)
        if result.error is not None and result.score is None:
            self.out.write(f"{path}:1:1: error unreadable could not check: {_safe(result.error)}\n")
            return
        if self.context.statistics:
            return
        for f in result.findings:
            self.out.write(f"{path}:{f.line}:{f.column}: {f.severity} {terminal_link(f.rule, self.rule_pages.get(f.rule))} "
                           f"{_safe(f.message)}\n")

    def finish(self, summary, notes) -> None:
        pass
