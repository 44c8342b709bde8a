"""``--format html``: one self-contained report file for people.

The file needs nothing but itself: no scripts, styles or fonts from the
network (a Content-Security-Policy in the page forbids every request and every
script but the report's own). It reads without JavaScript; a little vanilla
JavaScript adds the filters (category, severity, rule, a search over paths)
and table sorting. The filter state lives in the URL hash
(``report.html#severity=error&q=news``), so a filtered view can be shared.

Layout: an overview (counts, findings by severity, category and rule, the
score distribution as an inline SVG chart, a sortable table of documents,
worst first), then one section per document: score, metadata, its findings
and its source, line-numbered, with every finding's span wrapped in
``<mark>``. Overlapping findings split the text into segments, each segment
marked once with every finding that covers it.

The formatter sees results, not documents, so it re-reads each source file
with ``loaders.read_source``, decoded exactly as it was checked. Everything
from an article, a rule or a path is escaped; article HTML is shown as text,
never rendered. Size stays bounded: a document's source is shown in full up
to ``SOURCE_CAP`` characters and while the report holds less than
``SOURCE_BUDGET`` characters of source; past either, only the lines around its
findings are shown, with a note.

page.py builds the page, source.py the sources, charts.py the charts,
markup.py the escaping; report.css and report.js are the page's style and
script, shipped as package data.
"""

from .page import Formatter

__all__ = ["Formatter"]
