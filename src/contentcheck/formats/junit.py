"""``--format junit``: JUnit XML for Jenkins, GitLab and other CI test reports.

One test case per document. A document with error or warning findings fails
(one ``<failure>`` listing every finding); a document with only info findings
passes and lists them in ``<system-out>``; a document that could not be read
is an ``<error>``. The totals go on the root elements, so test cases are
spooled (to a temporary file once large) and written in ``finish``.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET

from .base import plural

FAILING = frozenset({"error", "warning"})
# Everything XML 1.0 does not allow in a document: most C0 controls, lone
# surrogates and U+FFFE/U+FFFF.
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text) -> str:
    return _ILLEGAL.sub("", str(text))


class Formatter:
    def __init__(self, out, context):
        self.out = out
        self.context = context
        self.cases = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+",
                                                 encoding="utf-8", newline="")
        self.tests = self.failures = self.errors = 0

    def document(self, result) -> None:
        self.tests += 1
        path = clean(result.path)
        case = ET.Element("testcase", {"classname": "contentcheck", "name": path, "file": path})
        if result.error is not None and result.score is None:
            self.errors += 1
            message = clean(f"could not check: {result.error}")
            ET.SubElement(case, "error", {"message": message, "type": "unreadable"}).text = \
                f"{path}: {clean(result.error)}"
        else:
            lines = [clean(f"{result.path}:{f.line}:{f.column} {f.severity} {f.rule} {f.message}")
                     for f in result.findings]
            if any(f.severity in FAILING for f in result.findings):
                self.failures += 1
                failure = ET.SubElement(case, "failure", {"message": plural(len(lines), "finding"),
                                                          "type": "contentcheck"})
                failure.text = "\n".join(lines)
            elif lines:
                ET.SubElement(case, "system-out").text = "\n".join(lines)
            if result.error is not None:
                ET.SubElement(case, "system-err").text = clean(result.error)
        ET.indent(case, space="  ", level=2)
        self.cases.write("    " + ET.tostring(case, encoding="unicode") + "\n")

    def finish(self, summary, notes) -> None:
        counts = f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}"'
        out = self.out
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(f'<testsuites name="contentcheck" {counts}>\n')
        out.write(f'  <testsuite name="contentcheck" {counts} skipped="0">\n')
        self.cases.seek(0)
        while chunk := self.cases.read(1 << 16):
            out.write(chunk)
        self.cases.close()
        out.write("  </testsuite>\n</testsuites>\n")
