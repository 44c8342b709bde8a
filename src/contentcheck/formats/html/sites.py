"""The HTML report's sites table (``check --sites``): one row per site, each opening onto its
lowest-scoring documents, which link to their sections."""

from __future__ import annotations

from ..base import Worst
from .markup import esc, fmt_score, plural, score_class

DOCUMENTS_PER_SITE = 10


class SitesView:
    def __init__(self) -> None:
        self.worst: dict[str | None, Worst] = {}

    def add(self, d: int, result) -> None:
        worst = self.worst.get(result.site)
        if worst is None:
            worst = self.worst[result.site] = Worst(DOCUMENTS_PER_SITE)
        score = -1.0 if result.score is None else float(result.score)
        worst.add((-score, len(result.findings), -d), (d, result.path, result.score))

    def render(self, summary) -> str:
        rows = summary.site_rows()
        if rows is None:
            return ""
        cats = sorted({c for _, row in rows for c in row.documents_with})
        out = ['<section id="sites" aria-labelledby="sites-heading">\n'
               f'<h2 id="sites-heading">Sites ({len(rows):,})</h2>\n'
               '<p class="hint">Open a site to see its lowest-scoring documents. Category columns count '
               'the documents with at least one finding of that category.</p>\n'
               '<div class="table-wrap"><table id="site-table" class="grid">\n<thead><tr>'
               '<th scope="col">site</th><th scope="col" class="num">documents</th>'
               '<th scope="col" class="num">mean score</th><th scope="col" class="num">lowest</th>'
               '<th scope="col" class="num">named authors</th>']
        for c in cats:
            out.append(f'<th scope="col" class="num">{esc(c)}</th>')
        out.append('<th scope="col">top rules</th></tr></thead>\n<tbody>\n')
        for site, row in rows:
            data = row.to_dict(site)
            mean, low, named = data["score"]["mean"], data["score"]["min"], data["named_author_share"]
            docs = "".join(
                f'<li><a href="#doc-{d}">{esc(path)}</a> '
                f'<span class="score small {score_class(score)}">{fmt_score(score) if score is not None else "unread"}'
                '</span></li>'
                for _, (d, path, score) in self.worst.get(site, Worst(0)).worst_first())
            name = esc(site) if site else '<span class="muted">(no site)</span>'
            out.append(f'<tr data-site="{esc(site or "")}"><td><details><summary>{name}</summary>'
                       f'<ul class="site-docs">{docs}</ul></details></td>'
                       f'<td class="num">{row.documents:,}</td>'
                       f'<td class="num">{"—" if mean is None else f"{mean:g}"}</td>'
                       f'<td class="num">{"—" if low is None else f"{low:g}"}</td>'
                       f'<td class="num">{"—" if named is None else f"{named:.0%}"}</td>')
            for c in cats:
                n = data["documents_with"].get(c, 0)
                out.append(f'<td class="num{" zero" if not n else ""}">{n if n else "·"}</td>')
            top = ", ".join(f'<code>{esc(t["rule"])}</code> {t["findings"]:,}' for t in data["top_rules"])
            out.append(f'<td>{top or "—"}</td></tr>\n')
        out.append(f'</tbody></table></div>\n<p class="note">{plural(summary.documents, "document")} '
                   f'on {plural(len(rows), "site")}.</p>\n</section>\n')
        return "".join(out)
