"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; the driver lists every enabled rule of the pack (plus any other rule
id a document produced, such as ``invalid-front-matter``). Documents that
could not be read become tool execution notifications. Results are collected
and the log is written in ``finish``.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from ..vocabulary import INVALID_FRONT_MATTER, UNCLOSED_CODE_FENCE
from .base import rule_url

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# The project has no published home page yet; change this when it does.
INFORMATION_URI = "https://pypi.org/project/contentcheck/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "contentcheck/v1"
SRCROOT = "%SRCROOT%"
# Characters kept as they are in a path turned into a URI reference: the
# unreserved ones, "/" and the sub-delimiters. ":" is encoded so that a first
# segment such as "notes:draft.md" is not read as a scheme.
_SAFE = "/-._~!$&'()*+,;=@"
# Rules contentcheck itself reports, outside any rule pack.
BUILTIN_RULES = {
    INVALID_FRONT_MATTER: ("The document's front matter could not be read",
                             "The YAML or TOML front matter at the top of the document is not valid, so its "
                             "metadata (author, title, suppressions) was ignored. Fix the front matter."),
    UNCLOSED_CODE_FENCE: ("A Markdown code fence is never closed",
                          "A fence (```) opens a code block that no later fence closes, so everything after it to the "
                          "end of the file is shown as code, and contentcheck does not check it. Close the block "
                          "with a line of the same fence."),
}


def artifact_location(path: str) -> dict:
    """A SARIF artifactLocation for a report path (relative, forward slashes)."""
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe=_SAFE)}
    if len(path) > 2 and path[1] == ":" and path[2] == "/" and path[0].isalpha():
        return {"uri": "file:///" + path[:2] + quote(path[2:], safe=_SAFE)}
    return {"uri": quote(path, safe=_SAFE), "uriBaseId": SRCROOT}


def _camel(rule_id: str) -> str:
    parts = [p for p in rule_id.replace("_", "-").replace(".", "-").split("-") if p]
    return "".join(p[:1].upper() + p[1:] for p in parts) or rule_id


def _level(severity: str) -> str:
    return LEVELS.get(severity, "warning")


def rule_descriptor(rule_id: str, category: str, severity: str, message: str,
                    description: str = "", help_uri: str | None = None) -> dict:
    full = " ".join(description.split()) or message
    markdown = f"**{message}**\n\n"
    if full != message:
        markdown += f"{full}\n\n"
    markdown += f"Category: `{category}`. Default severity: `{severity}`. Rule id: `{rule_id}`."
    descriptor = {
        "id": rule_id,
        "name": _camel(rule_id),
        "shortDescription": {"text": message},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": _level(severity)},
        "help": {"text": full if full == message else f"{message}\n\n{full}", "markdown": markdown},
        "properties": {"tags": [category], "category": category},
    }
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def _region(f) -> dict:
    start_line = max(1, f.line)
    start_col = max(1, f.column)
    end_line = max(start_line, f.end_line)
    end_col = max(1, f.end_column)
    if end_line == start_line and end_col < start_col:
        end_col = start_col
    region = {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col}
    if f.text:
        region["snippet"] = {"text": f.text}
    return region


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.rules: list[dict] = []
        self.index: dict[str, int] = {}
        pack = context.pack
        for rule in getattr(pack, "rules", None) or []:
            self._add_rule(rule.id, rule_descriptor(rule.id, rule.category, rule.severity, rule.message,
                                                    rule.description, rule_url(rule)))
        self.results: list[dict] = []
        self.notifications: list[dict] = []
        self.unreadable = 0

    def _add_rule(self, rule_id: str, descriptor: dict) -> int:
        if rule_id not in self.index:
            self.index[rule_id] = len(self.rules)
            self.rules.append(descriptor)
        return self.index[rule_id]

    def _rule_index(self, f) -> int:
        idx = self.index.get(f.rule)
        if idx is not None:
            return idx
        known = getattr(self.context.pack, "by_id", {}).get(f.rule)
        if known is not None:  # defined but not enabled in this run
            desc = rule_descriptor(known.id, known.category, known.severity, known.message, known.description,
                                   rule_url(known))
        else:  # produced by contentcheck itself (e.g. invalid-front-matter)
            message, description = BUILTIN_RULES.get(f.rule, (f.message, ""))
            desc = rule_descriptor(f.rule, f.category, f.severity, message, description)
        return self._add_rule(f.rule, desc)

    def document(self, result) -> None:
        location = {"physicalLocation": {"artifactLocation": artifact_location(result.path)}}
        if result.error is not None:
            unreadable = result.score is None
            self.unreadable += unreadable
            self.notifications.append({
                "level": "error" if unreadable else "warning",
                "message": {"text": f"{result.path}: {result.error}"},
                "locations": [location],
                "descriptor": {"id": "contentcheck-unreadable" if unreadable else "contentcheck-input"},
            })
            if unreadable:
                return
        for f in result.findings:
            self.results.append({
                "ruleId": f.rule,
                "ruleIndex": self._rule_index(f),
                "level": _level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact_location(result.path),
                    "region": _region(f),
                }}],
                "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
                "properties": {"category": f.category, "site": result.site},
            })

    def finish(self, summary, notes) -> None:
        invocation = {"executionSuccessful": self.unreadable == 0}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "contentcheck",
                    "version": self.context.version,
                    "informationUri": INFORMATION_URI,
                    "rules": self.rules,
                }},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        }
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
