"""``--format jsonl``: JSON Lines, one document per line, written as it is checked.

Each line is the document object of the JSON report; the last line is
``{"summary": {...}}``. A crawl's report can be streamed and never needs to
fit in memory.
"""

from __future__ import annotations

import json

from .base import rule_urls, with_rule_pages


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.urls = rule_urls(context.pack)

    def document(self, result) -> None:
        self.out.write(json.dumps(with_rule_pages(result.to_dict(), self.urls), ensure_ascii=False) + "\n")
        flush = getattr(self.out, "flush", None)
        if flush is not None:
            flush()

    def finish(self, summary, notes) -> None:
        data = summary.to_dict()
        data.update(notes.summary)
        last = {"version": self.context.version, "summary": data}
        sites = summary.sites_list()
        if sites is not None:
            last["sites"] = sites
        self.out.write(json.dumps(last, ensure_ascii=False) + "\n")
