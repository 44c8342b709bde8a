"""``--format json``: the report contract (schema: src/contentcheck/schemas/report.schema.json).

Written as documents arrive, so memory holds one document at a time.
"""

from __future__ import annotations

import json

from .base import rule_urls, with_rule_pages


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.urls = rule_urls(context.pack)
        self.first = True
        out.write('{"version": %s, "documents": [' % json.dumps(context.version))

    def document(self, result) -> None:
        self.out.write("\n  " if self.first else ",\n  ")
        self.first = False
        self.out.write(json.dumps(with_rule_pages(result.to_dict(), self.urls), ensure_ascii=False))

    def finish(self, summary, notes) -> None:
        data = summary.to_dict()
        data.update(notes.summary)
        sites = summary.sites_list()
        tail = "" if sites is None else ',\n "sites": %s' % json.dumps(sites, ensure_ascii=False)
        self.out.write("\n], \"summary\": %s%s}\n" % (json.dumps(data, ensure_ascii=False), tail))
