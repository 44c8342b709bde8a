"""``--format gitlab``: a GitLab Code Quality report (a JSON array of issues).

Written as documents arrive. GitLab matches issues between branches by
``fingerprint``, which must be unique in the report: the finding's stable
fingerprint is used, and a repeat is made unique deterministically. A rule with a page links it
in ``content.body`` (Markdown, the Code Climate field for a longer explanation).
"""

from __future__ import annotations

import hashlib
import json

from .base import rule_urls

# contentcheck severity -> Code Quality severity
SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
UNREADABLE_CHECK = "contentcheck-unreadable"


def _hash(*parts) -> str:
    key = "\0".join(str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.first = True
        self.seen: set[str] = set()
        self.rule_pages = rule_urls(context.pack)
        self.rule_texts = {r.id: r.description for r in getattr(context.pack, "rules", None) or ()}
        out.write("[")

    def _unique(self, fingerprint: str, *salt) -> str:
        candidate = fingerprint
        n = 0
        while candidate in self.seen:
            n += 1
            candidate = _hash(fingerprint, *salt, n)
        self.seen.add(candidate)
        return candidate

    def _issue(self, issue: dict) -> None:
        self.out.write("\n  " if self.first else ",\n  ")
        self.first = False
        self.out.write(json.dumps(issue, ensure_ascii=False))

    def document(self, result) -> None:
        if result.error is not None and result.score is None:
            self._issue({
                "type": "issue",
                "engine_name": "contentcheck",
                "check_name": UNREADABLE_CHECK,
                "description": f"could not check: {result.error}",
                "fingerprint": self._unique(_hash(UNREADABLE_CHECK, result.path)),
                "severity": "blocker",
                "categories": ["Bug Risk"],
                "location": {"path": result.path, "lines": {"begin": 1}},
            })
            return
        for f in result.findings:
            fingerprint = f.fingerprint or _hash(result.path, f.rule, f.line, f.column, f.message)
            issue = {
                "type": "issue",
                "engine_name": "contentcheck",
                "check_name": f.rule,
                "description": f.message,
                "fingerprint": self._unique(fingerprint, f.line, f.column, f.end_line, f.end_column),
                "severity": SEVERITIES.get(f.severity, "minor"),
                "categories": ["Style"],
                "location": {"path": result.path,
                             "lines": {"begin": max(1, f.line), "end": max(1, f.line, f.end_line)}},
            }
            page = self.rule_pages.get(f.rule)
            if page:
                text = self.rule_texts.get(f.rule, "")
                issue["content"] = {"body": (text.strip() + "\n\n" if text else "") + f"Rule page: [{f.rule}]({page})"}
            self._issue(issue)

    def finish(self, summary, notes) -> None:
        self.out.write("]\n" if self.first else "\n]\n")
