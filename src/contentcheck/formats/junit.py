"""``--format junit``: JUnit XML for Jenkins, GitLab and other CI test reports.

One test case per document, named by its path (the schema Jenkins validates against,
junit-10.xsd, allows no ``file`` attribute). A document fails as the run's gate says
(``--fail-on``, ``--fail-under``): one ``<failure>`` listing every finding; a document that
passes lists its findings in ``<system-out>``; a document that could not be read is an
``<error>``. So a run that exits 0 has no failure. Each finding names its rule's page. The totals go on the root elements, so test
cases are spooled (to a temporary file once large) and written in ``finish``.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET

from .base import plural, rule_urls

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
        self.rule_pages = rule_urls(context.pack)

    def _line(self, path: str, f) -> str:
        page = self.rule_pages.get(f.rule)
        return clean(f"{path}:{f.line}:{f.column} {f.severity} {f.rule} {f.message}"
                     + (f" ({page})" if page else ""))

    def document(self, result) -> None:
        self.tests += 1
        path = clean(result.path)
        case = ET.Element("testcase", {"classname": "contentcheck", "name": path})
        if result.error is not None and result.score is None:
            self.errors += 1
            message = clean(f"could not check: {result.error}")
            ET.SubElement(case, "error", {"message": message, "type": "unreadable"}).text = \
                f"{path}: {clean(result.error)}"
        else:
            lines = [self._line(result.path, f) for f in result.findings]
            if self.context.document_fails(result):
                self.failures += 1
                message = plural(len(lines), "finding")
                if self.context.fail_under is not None and result.score < self.context.fail_under:
                    message += f"; score {result.score:g} below --fail-under {self.context.fail_under:g}"
                failure = ET.SubElement(case, "failure", {"message": message, "type": "contentcheck"})
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
