"""The overview's charts: bars of findings by category and severity, and the score histogram as SVG."""

from __future__ import annotations

from .markup import esc, plural, sev_class


def bars(items, total: int, kind: str) -> str:
    if not items or not total:
        return '<p class="muted">No findings.</p>\n'
    out = ['<table class="bars">']
    for name, n in items:
        pct = 100.0 * n / total if total else 0
        cls = f"sev-{sev_class(name)}" if kind == "severity" else "cat"
        fill = f'<span class="fill {cls}" style="width:{pct:.1f}%"></span>' if n else ""
        out.append(f'<tr><th scope="row">{esc(name)}</th><td class="bar">{fill}</td>'
                   f'<td class="num">{n:,}</td></tr>')
    out.append("</table>\n")
    return "".join(out)


def histogram(bins: list[int]) -> str:
    width, height, left, right, top, bottom = 520, 200, 34, 8, 18, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    bar_w = plot_w / len(bins)
    peak = max(bins) or 1
    total = sum(bins)
    labels = [f"{i * 10}–{i * 10 + 9}" if i < 9 else "90–100" for i in range(len(bins))]
    desc = (f"Scores of {plural(total, 'document')}: "
            + ", ".join(f"{lab}: {n}" for lab, n in zip(labels, bins, strict=True)) + ".")
    out = [f'<svg class="hist" viewBox="0 0 {width} {height}" role="img" '
           'aria-labelledby="hist-title hist-desc" xmlns="http://www.w3.org/2000/svg">'
           '<title id="hist-title">Score distribution</title>'
           f'<desc id="hist-desc">{esc(desc)}</desc>']
    for tick in sorted({0, (peak + 1) // 2, peak}):
        y = top + plot_h - plot_h * tick / peak
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, n in enumerate(bins):
        h = plot_h * n / peak
        x = left + i * bar_w + 4
        y = top + plot_h - h
        cls = "s-bad" if i < 5 else ("s-mid" if i < 8 else "s-good")
        out.append(f'<g><title>{plural(n, "document")} scored {labels[i]}</title>'
                   f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 8:.1f}" height="{max(h, 0):.1f}" '
                   'rx="3"/>')
        if n:
            out.append(f'<text class="count" x="{x + (bar_w - 8) / 2:.1f}" y="{y - 4:.1f}" '
                       f'text-anchor="middle">{n:,}</text>')
        out.append(f'<text class="axis" x="{x + (bar_w - 8) / 2:.1f}" y="{height - bottom + 16}" '
                   f'text-anchor="middle">{labels[i]}</text></g>')
    out.append("</svg>\n")
    return "".join(out)
