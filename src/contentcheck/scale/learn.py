"""``contentcheck learn``: a crawl's site boilerplate written as phrase rules for single files.

The crawl is checked as ``check --sites`` checks it, with the pack's ``kind: repeated`` rules
only; every block they report is grouped by site and by key (the same line with other numbers is
one line), and each site gets one phrase rule (``when: {site: [...]}``) listing its lines, with
on how many of the site's pages each was found as a comment, for a person to review before it is
committed. A line is matched as a whole line (``standalone``); a line with a number inside it
("Updated 5 minutes ago · Share") cannot be one phrase, so its longest run of words without a
number goes to a second rule of the site that matches anywhere in a line, with the runs of the
line's other forms ("1 hour ago", "5 hours ago").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .._version import __version__
from ..engine.repeated import repeated_ids
from ..inputs.discover import iter_inputs
from ..rulepack import RulePack
from ..text.blockkeys import block_keys
from .local import check_inputs
from .sites import second_pass

# What a phrase cannot hold: numbers (they change from page to page) and the characters of the
# phrase syntax ("(a|b)" lists alternatives).
_CUT = re.compile(r"[\d()|]+")
_EDGE = " \t-–—•·*#>|:;.,!?…»›«‹()[]\"'“”"
MIN_PHRASE_LETTERS = 6


@dataclass
class SiteLines:
    pages: int = 0
    lines: dict[int, list] = field(default_factory=dict)  # key -> [Counter of texts, pages]


def _phrase(text: str) -> tuple[str, bool] | None:
    """(phrase, whole line?) for a line found on many pages; None when nothing is left to match."""
    parts = [p.strip(_EDGE + " ") for p in _CUT.split(text)]
    parts = [p for p in parts if sum(c.isalpha() for c in p) >= MIN_PHRASE_LETTERS]
    if not parts:
        return None
    best = max(parts, key=len)
    # Whole line when whatever surrounds the phrase is numbers and punctuation only.
    rest = text.replace(best, " ", 1)
    return best, not any(c.isalpha() for c in rest)


def collect(paths: list[str], pack: RulePack, *, site_from: str = "auto", jobs: int | None = None,
            max_size: int, exclude: tuple[str, ...] = (),
            errors: list[tuple[str, str]] | None = None) -> dict[str, SiteLines]:
    """Each site's repeated lines; the inputs that could not be read go to ``errors`` as (path, why)."""
    ids = repeated_ids(pack)
    only = RulePack([r for r in pack.rules if r.id in ids])
    inputs = [replace(i, site_from=site_from, collect_blocks=True) for i in iter_inputs(paths, exclude=exclude)]
    sites: dict[str, SiteLines] = {}
    for result in second_pass(check_inputs(inputs, only, jobs=jobs, max_size=max_size), only):
        if result.error is not None and errors is not None:
            errors.append((result.path, result.error))
        if result.site is None:
            continue
        site = sites.setdefault(result.site, SiteLines())
        site.pages += 1
        seen = set()
        for f in result.findings:
            if f.rule not in ids:
                continue
            keys = block_keys(f.text)
            if keys is None:
                continue
            entry = site.lines.setdefault(keys[0], [Counter(), 0])
            entry[0][f.text] += 1
            if keys[0] not in seen:
                seen.add(keys[0])
                entry[1] += 1
    return sites


def _slug(site: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", site.lower()).strip("-") or "site"


def render(sites: dict[str, SiteLines], paths: list[str]) -> tuple[str, int]:
    """(the rule file, how many lines it lists)."""
    out = [f"# Site boilerplate learned by contentcheck {__version__} from {', '.join(paths)}.",
           "# Each line below was found inside the article body of many pages of one site.",
           "# Review before committing: delete any line that is real content.", "rules:"]
    listed = 0
    for site in sorted(sites):
        info = sites[site]
        whole: list[tuple[str, int, str]] = []
        inline: list[tuple[str, int, str]] = []
        for counter, pages in sorted(info.lines.values(), key=lambda e: (-e[1], e[0].most_common(1)[0][0])):
            text = counter.most_common(1)[0][0]
            found = _phrase(text)
            if found is None:
                continue
            phrase, is_whole = found
            (whole if is_whole else inline).append((phrase, pages, text))
            if not is_whole:
                # What the number counts may change with it ("1 hour ago", "5 hours ago"): the
                # runs of the line's other forms too.
                for other, _ in counter.most_common()[1:]:
                    variant = _phrase(other)
                    if variant is not None and not variant[1] and variant[0] not in {e[0] for e in inline}:
                        inline.append((variant[0], pages, other))
        for suffix, entries, standalone in (("", whole, True), (".inline", inline, False)):
            phrases = list(dict.fromkeys(p for p, _, _ in entries))
            if not phrases:
                continue
            listed += len(entries)
            out += ["", f"  - id: site-boilerplate.{_slug(site)}{suffix}",
                    "    category: template-leftover", "    severity: warning",
                    f"    message: {json.dumps(f'Boilerplate of the {site} template left in the article body')}",
                    f"    description: Lines found on many of the {info.pages} pages of {site} by "
                    "contentcheck learn.",
                    "    kind: phrase", f"    standalone: {'true' if standalone else 'false'}",
                    f"    when: {{site: [{json.dumps(site)}]}}", "    phrases:"]
            for phrase, pages, text in entries:
                note = f"on {pages} of {info.pages} pages"
                if phrase != text:
                    note += f"; seen as {json.dumps(text, ensure_ascii=False)}"
                out.append(f"      - {json.dumps(phrase, ensure_ascii=False)}  # {note}")
    if not listed:
        out[-1] = "rules: []"
    return "\n".join(out) + "\n", listed
