"""A synthetic crawl for measuring site audits (``check --sites``, ``learn``).

    python benchmarks/crawlgen.py OUT [--sites 8] [--pages 30] [--seed 1] [--warc] [--folder]
                                      [--hard] [--markdown] [--text]

writes ``OUT/crawl.warc.gz`` (``--warc``) and/or ``OUT/docs/<host>/<n>.html`` (``--folder``),
and ``OUT/labels.json``: for every page its URL, its site and the template lines injected
into its article body. Each site has:

- page chrome on every page (header, navigation, a "most read" aside, a footer), outside the
  article, as real templates put it;
- a few template lines of its own, invented here from parts (a newsletter plug, a reader
  counter with a number that changes, a prompt to keep scrolling...), each injected as its own
  paragraph into a share of the site's pages drawn between 35 % and 100 %, at a random place
  in the article body;
- article paragraphs made by a small grammar (no corpus text), so no two pages share one;
- paragraphs syndicated across sites: the same paragraph on one page of each of several sites;
- correction notes on a few pages, each saying what was corrected;
- reporting credits ("Reporting by X; editing by Y") from a small newsroom, so the same
  credit line recurs across pages with different names.

``--hard`` makes the crawl look more like a real one: each site has its own page template
(``<main><article>``, ``<main>`` without ``<article>``, a plain ``<div class="content">``, a
WordPress-like ``entry-content`` with a footer of tags and share links inside the article);
template lines are also short (2-4 words), carry emoji, changing numbers and punctuation, are
wrapped in ``<strong>``, ``<em>`` or a link, and are placed at the start, in the middle or at
the very end of the article (after the last paragraph, the credit, the correction note, around
the author's bio, as the last item of a list, in a ``<div>``, ``<section>``, ``<aside>`` or
``<footer>`` inside the article); a third of the lines are on 35-50 % of the site's pages.
Pages get captions with photo credits, bylines, lists, a "Related stories" list inside the
content and an author bio. ``labels.json`` then says, for each injected line, its position
(start, middle, end) and where exactly it went. ``--markdown`` and ``--text`` write the same
pages as ``OUT/md/<host>/<n>.md`` (front matter with the canonical URL) and
``OUT/txt/<host>/<n>.txt``.

The labels are what a site-boilerplate detector must find (the injected lines) and nothing else.
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import os
import random
import uuid
from dataclasses import dataclass, field

FIRST = ("Amara Okafor Lena Fischer Tomas Reyes Priya Natarajan Jonas Berg Sofia Marquez Kenji Watanabe "
         "Hannah Lindqvist Mateo Rossi Ingrid Dahl Omar Haddad Chloe Martin Rafael Costa Yara Nasser "
         "Daniel Price Mira Kovac Felix Wagner Nadia Petrova Samuel Adeyemi Clara Jensen").split()
TOWNS = ("Ashford Millbrook Carrow Dunmore Eastleigh Fairhaven Glenwood Halcombe Ironbridge Kessick "
         "Larkspur Marlow Northgate Oakridge Pembury Quarry Ridgefield Saltmarsh Thornbury Upton "
         "Westcliff Yarrow").split()
ORGS = ("the county council", "the regional health board", "the port authority", "the water utility",
        "the transport ministry", "the teachers' union", "the chamber of commerce", "the planning committee",
        "the local hospital trust", "the housing association", "the fire service", "the university")
TOPICS = ("the new bus depot", "the flood defences", "the school merger", "the hospital car park",
          "the harbour dredging", "rising rents", "the library closure", "the wind farm proposal",
          "the budget shortfall", "the cycle lane scheme", "the water main repairs", "the market hall renovation")
VERBS_PAST = ("approved", "delayed", "rejected", "reviewed", "postponed", "questioned", "backed", "criticised",
              "funded", "paused", "expanded", "scaled back")
REASONS = ("after months of consultation", "following complaints from residents", "despite objections",
           "citing rising costs", "after a narrow vote", "pending a safety review",
           "amid questions over the contract", "after an independent audit")
SAY = ("said", "told reporters", "said in a statement", "wrote in a letter to members", "said on Tuesday",
       "said at the meeting")
ROLES = ("a spokesperson for", "the chair of", "a senior official at", "a member of", "the head of finance at")
QUOTES = ("We have listened carefully and this is the right decision for the town",
          "Nobody wants to see costs go up, but the work cannot wait any longer",
          "The figures simply do not add up at the moment",
          "We will keep residents informed at every stage",
          "This is a first step, not the end of the process",
          "People deserve clear answers and they will get them")
TIMES = ("on Monday", "on Tuesday", "last week", "earlier this month", "on Thursday evening", "this spring",
         "in March", "at the end of the year", "by the summer", "within two years")
DETAIL = ("The project is expected to cost {n} million pounds, according to documents seen by this newspaper.",
          "About {n} households are affected, officials estimate.",
          "A public meeting is planned at the town hall {t}.",
          "The scheme was first proposed {t} but stalled over funding.",
          "Work on the site is due to begin {t}, subject to approval.",
          "Campaigners have collected more than {n} hundred signatures against the plan.",
          "The decision can still be appealed {t}.",
          "Figures published {t} showed a rise of {n} per cent on the previous year.")

# Parts of the template lines a site's theme leaves in its articles.
TEMPLATE_PARTS = [
    ("{brand} {noun}: get it free", ("Daily Brief", "Morning Note", "Weekend Digest", "Evening Wrap")),
    ("Scroll on for more from our {noun}", ("newsroom", "reporters", "local desk", "editors")),
    ("{n} people are reading this {noun}", ("now", "story right now", "article today")),
    ("Tap the bell to follow {brand} {noun}", ("alerts", "updates", "breaking news")),
    ("Continue reading {noun}", ("below the advert", "after this message", "under the banner")),
    ("Enjoying {brand}? {noun}", ("Tell a friend about us", "Support local journalism today",
                                  "Become a member for a small monthly fee")),
    ("Story continues {noun}", ("below", "after the break", "beneath the photos")),
    ("{brand} is free to read thanks to {noun}", ("our readers", "our sponsors", "members like you")),
    ("Got a tip? Message the {brand} {noun}", ("news desk", "team", "editors")),
    ("Updated {n} minutes ago · {noun}", ("Share", "Save for later", "Listen")),
    ("This story is part of our {noun} series", ("Town Matters", "Open Council", "Local Lens", "Hidden Costs")),
    ("Sign up for {brand} {noun} in your inbox", ("headlines", "highlights", "stories")),
]
BRAND_A = ("Pinecrest", "Harbourline", "Northfield", "Riverside", "Oakvale", "Stonebridge", "Westmoor",
           "Lakeshore", "Elmstead", "Brightwater", "Cedarhill", "Greyfriars")
BRAND_B = ("Post", "Courier", "Gazette", "Echo", "Herald", "Chronicle", "Journal", "Ledger", "Times", "Voice")
CHROME_NAV = ("Home", "News", "Sport", "Business", "Opinion", "Culture", "Weather", "Contact")


@dataclass
class Site:
    host: str
    brand: str
    templates: list[tuple[str, float]] = field(default_factory=list)  # (template, share of pages)
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST[0::2])} {rng.choice(FIRST[1::2])}"


def sentence(rng: random.Random) -> str:
    town, org, topic = rng.choice(TOWNS), rng.choice(ORGS), rng.choice(TOPICS)
    form = rng.randrange(5)
    if form == 0:
        s = (f"{org.capitalize()} in {town} {rng.choice(VERBS_PAST)} {topic} {rng.choice(TIMES)} "
             f"{rng.choice(REASONS)}.")
    elif form == 1:
        s = f"\u201c{rng.choice(QUOTES)},\u201d {rng.choice(ROLES)} {org} {rng.choice(SAY)}."
    elif form == 2:
        s = rng.choice(DETAIL).format(n=rng.randint(2, 90), t=rng.choice(TIMES))
    elif form == 3:
        s = (f"{_name(rng)}, who lives near {topic} in {town}, said the plan had been "
             f"{rng.choice(VERBS_PAST)} {rng.choice(REASONS)}.")
    else:
        s = (f"Residents of {town} will be asked about {topic} {rng.choice(TIMES)}, "
             f"and {org} has promised to publish the results.")
    return s


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def make_sites(rng: random.Random, n: int) -> list[Site]:
    sites, used = [], set()
    for i in range(n):
        while True:
            brand = f"{rng.choice(BRAND_A)} {rng.choice(BRAND_B)}"
            if brand not in used:
                used.add(brand)
                break
        host = brand.lower().replace(" ", "") + rng.choice((".example", ".example.com", ".example.org"))
        if i % 3 == 0:
            host = "www." + host
        site = Site(host, brand)
        for template, nouns in rng.sample(TEMPLATE_PARTS, rng.randint(2, 4)):
            line = template.replace("{brand}", brand).replace("{noun}", rng.choice(nouns))
            site.templates.append((line, rng.uniform(0.35, 1.0)))
        site.reporters = [_name(rng) for _ in range(rng.randint(2, 4))]
        site.editors = [_name(rng) for _ in range(2)]
        sites.append(site)
    return sites


def _chrome_top(site: Site, rng: random.Random) -> str:
    nav = "".join(f'<li><a href="/{x.lower()}">{x}</a></li>' for x in CHROME_NAV)
    return (f'<header class="site-header"><a class="logo" href="/">{html.escape(site.brand)}</a>'
            f'<nav class="main-nav"><ul>{nav}</ul></nav>'
            f'<div class="top-banner">Subscribe to {html.escape(site.brand)} for unlimited access</div></header>\n')


def _chrome_bottom(site: Site, rng: random.Random, headlines: list[str]) -> str:
    most = "".join(f'<li><a href="/story/{i}">{html.escape(h)}</a></li>' for i, h in enumerate(headlines))
    return (f'<aside class="sidebar most-read"><h3>Most read</h3><ol>{most}</ol></aside>\n'
            f'<footer class="site-footer"><p>\u00a9 {html.escape(site.brand)}. All rights reserved.</p>'
            '<p><a href="/privacy">Privacy</a> \u00b7 <a href="/terms">Terms</a> \u00b7 '
            '<a href="/contact">Contact us</a></p></footer>\n')


def _headline(rng: random.Random) -> str:
    return f"{rng.choice(TOWNS)}: {rng.choice(ORGS)} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)}".capitalize()


def build(out: str, n_sites: int, pages: int, seed: int, warc: bool, folder: bool, syndicated: int = 6,
          hard: bool = False, markdown: bool = False, text: bool = False) -> dict:
    rng = random.Random(seed)
    sites = make_sites(rng, n_sites)
    # Syndicated paragraphs: each placed on one page of each of several sites.
    placements: dict[tuple[int, int], list[str]] = {}
    for _ in range(syndicated):
        text = paragraph(rng)
        for s in rng.sample(range(n_sites), min(n_sites, rng.randint(3, 6))):
            placements.setdefault((s, rng.randrange(pages)), []).append(text)
    labels = {"seed": seed, "sites": [s.host.removeprefix("www.") for s in sites], "pages": []}
    writer = _WarcWriter(os.path.join(out, "crawl.warc.gz")) if warc else None
    for s, site in enumerate(sites):
        headlines = [_headline(rng) for _ in range(5)]
        # (a generator of its own, so that the default crawl stays what it was)
        hard_site = make_hard_site(site, random.Random(f"{seed}/{s}")) if hard else None
        if hard_site is not None:
            labels.setdefault("layouts", {})[site.host.removeprefix("www.")] = hard_site.layout
        for p in range(pages):
            page_rng = random.Random(rng.random())
            url = f"https://{site.host}/news/{p:05d}-{page_rng.choice(TOWNS).lower()}"
            record = {"url": url, "file": None, "site": site.host.removeprefix("www.")}
            files = {}
            if hard_site is None:
                body, record["injected"] = _article(site, page_rng, placements.get((s, p), []))
                title = _headline(page_rng)
                doc = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | '
                       f'{html.escape(site.brand)}</title><link rel="canonical" href="{url}"></head>\n<body>\n'
                       f'{_chrome_top(site, page_rng)}<main><article><h1>{html.escape(title)}</h1>\n'
                       f'{body}</article></main>\n{_chrome_bottom(site, page_rng, headlines)}</body></html>\n')
            else:
                items, placed = hard_article(site, hard_site, page_rng, placements.get((s, p), []))
                title = _headline(page_rng)
                doc = hard_html(site, hard_site, items, title, url, headlines, page_rng)
                record["injected"] = [x["text"] for x in placed]
                record["placed"] = placed
                if markdown:
                    files["md"] = ("md", ".md", hard_markdown(site, items, title, url))
                if text:
                    files["txt"] = ("txt", ".txt", hard_text(items, title))
            if folder:
                files["file"] = ("docs", ".html", doc)
            for key, (top, ext, content) in files.items():
                name = os.path.join(top, site.host.removeprefix("www."), f"{p:05d}{ext}")
                os.makedirs(os.path.join(out, os.path.dirname(name)), exist_ok=True)
                with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
                    fh.write(content)
                record[key] = name
            if writer is not None:
                writer.response(url, doc.encode("utf-8"))
            labels["pages"].append(record)
    if writer is not None:
        writer.close()
    with open(os.path.join(out, "labels.json"), "w", encoding="utf-8") as fh:
        json.dump(labels, fh, indent=1)
    return labels


def _article(site: Site, rng: random.Random, syndicated: list[str]) -> tuple[str, list[str]]:
    blocks = [("p", paragraph(rng)) for _ in range(rng.randint(4, 9))]
    blocks.insert(0, ("p class=\"byline\"", f"By {rng.choice(site.reporters)}"))
    for text in syndicated:
        blocks.insert(rng.randint(1, len(blocks)), ("p", text))
    if rng.random() < 0.15:
        what = rng.choice(("the date of the vote", f"the name of {rng.choice(ORGS)}", "the cost of the scheme",
                           f"where {_name(rng)} lives", "the number of households affected"))
        blocks.append(("p class=\"correction\"", f"Correction: an earlier version of this article misstated {what}."))
    blocks.append(("p", f"Reporting by {rng.choice(site.reporters)}; editing by {rng.choice(site.editors)}"))
    injected = []
    for line, share in site.templates:
        if rng.random() < share:
            text = line.replace("{n}", f"{rng.randint(2, 4800):,}")
            injected.append(text)
            blocks.insert(rng.randint(1, len(blocks) - 1), ("p", text))
    body = "".join(f"<{tag}>{html.escape(text, quote=False)}</{tag.split()[0]}>\n" for tag, text in blocks)
    return body, injected



# ---------------------------------------------------------------- harder crawls (--hard)

# Short, punctuated, numbered and emoji lines a theme or a plugin leaves in articles.
HARD_TEMPLATES = (
    "{brand} exclusive", "Keep scrolling, neighbours", "Members read free", "Tap to listen",
    "Local news matters", "Read time: {n} min", "{n} comments \u00b7 {n} shares",
    "Updated {n} {hours} ago", "\U0001F4E3 {brand} Daily Brief: get it free!",
    "\u2192 Scroll on for more from our newsroom \u2190", "\u2605 Story continues below \u2605",
    "\U0001F449 Follow {brand} on the app", "{n} people are reading this now",
    "Got a tip? Message the {brand} news desk", "Enjoying {brand}? Tell a friend about us",
    "This story is part of our Town Matters series", "{brand} is free to read thanks to members like you",
)
LAYOUTS = ("article", "main", "content", "entry")
WRAPPERS = ("plain", "plain", "strong", "em", "link", "partial-link")
END_PLACES = ("after-last-paragraph", "last", "after-correction", "after-credit", "before-bio", "after-bio",
              "last-li", "div", "section", "aside", "footer")
PHOTO_AGENCY = ("Staff", "Handout", "Pool")


@dataclass
class HardSite:
    layout: str
    lines: list[tuple[str, float, str]]  # (template, share of pages, wrapper)
    photographers: list[str]
    bio: bool


def make_hard_site(site: Site, rng: random.Random) -> HardSite:
    lines = []
    for template in rng.sample(HARD_TEMPLATES, rng.randint(3, 5)):
        share = rng.uniform(0.35, 0.5) if rng.random() < 0.35 else rng.uniform(0.35, 1.0)
        lines.append((template.replace("{brand}", site.brand), share, rng.choice(WRAPPERS)))
    return HardSite(rng.choice(LAYOUTS), lines, [_name(rng) for _ in range(rng.randint(2, 3))],
                    rng.random() < 0.5)


def _fill(template: str, rng: random.Random) -> str:
    n = rng.choice((1, rng.randint(2, 60), rng.randint(2, 4800)))
    text = template.replace("{hours}", "hour" if n == 1 else "hours")
    while "{n}" in text:
        text = text.replace("{n}", f"{n:,}", 1)
        n = rng.randint(2, 900)
    return text


def hard_article(site: Site, hard: HardSite, rng: random.Random, syndicated: list[str]):
    """(items, placed): the article as items for the writers below, and where each line went."""
    items: list[tuple] = [("byline", f"By {rng.choice(site.reporters)}")]
    paras = [("p", paragraph(rng)) for _ in range(rng.randint(4, 9))]
    if rng.random() < 0.6:
        paras.insert(rng.randint(0, 2), ("figure", f"{_headline(rng)}.", f"Photo: {rng.choice(hard.photographers)}"
                                         f"/{rng.choice((site.brand,) + PHOTO_AGENCY)}"))
    for text in syndicated:
        paras.insert(rng.randint(0, len(paras)), ("p", text))
    if rng.random() < 0.3:
        label = f"What happens next for {rng.choice(TOPICS)} in {rng.choice(TOWNS)}:"
        # (points of the story's own, not the grammar's one-number sentences, which would recur)
        points = [f"{rng.choice(ORGS).capitalize()} to {rng.choice(('review', 'publish', 'vote on', 'debate'))} "
                  f"{rng.choice(TOPICS)} in {rng.choice(TOWNS)} {rng.choice(TIMES)}" for _ in range(rng.randint(2, 4))]
        paras.append(("list", label, points))
    items += paras
    if rng.random() < 0.15:
        what = rng.choice((f"the date of the vote on {rng.choice(TOPICS)}", f"the name of {rng.choice(ORGS)}",
                           f"the cost of {rng.choice(TOPICS)}", f"where {_name(rng)} lives"))
        items.append(("correction", f"Correction: an earlier version of this article misstated {what}."))
    items.append(("credit", f"Reporting by {rng.choice(site.reporters)}; editing by {rng.choice(site.editors)}"))
    if hard.bio:
        items.append(("bio", f"{rng.choice(site.reporters)} covers local government for {site.brand}."))
    placed = []
    for template, share, wrapper in hard.lines:
        if rng.random() >= share:
            continue
        text = _fill(template, rng)
        position = rng.choices(("start", "middle", "end"), (0.25, 0.3, 0.45))[0]
        kinds = [k[0] for k in items]
        last_p = max(i for i, k in enumerate(kinds) if k in ("p", "figure", "list"))
        where, container, at = position, "p", None
        if position == "start":
            at = 1
        elif position == "middle":
            at = rng.randint(2, max(2, last_p))
        else:
            where = rng.choice(END_PLACES)
            if where == "last-li" and kinds[last_p] == "list":
                items[last_p][2].append(text)
                placed.append({"text": text, "position": position, "where": where, "wrapper": "plain"})
                continue
            if where in ("div", "section", "aside", "footer"):
                container, at = where, len(items)
            at = {"after-last-paragraph": last_p + 1,
                  "after-correction": kinds.index("correction") + 1 if "correction" in kinds else None,
                  "after-credit": kinds.index("credit") + 1,
                  "before-bio": kinds.index("bio") if "bio" in kinds else None,
                  "after-bio": kinds.index("bio") + 1 if "bio" in kinds else None}.get(where, at)
            if at is None:
                where, at = "last", len(items)
        items.insert(at, ("template", text, wrapper, container))
        placed.append({"text": text, "position": position, "where": where, "wrapper": wrapper})
    return items, placed


def _wrap_html(text: str, wrapper: str, brand: str) -> str:
    e = html.escape(text, quote=False)
    if wrapper == "strong":
        return f"<strong>{e}</strong>"
    if wrapper == "em":
        return f"<em>{e}</em>"
    if wrapper == "link":
        return f'<a href="/newsletter">{e}</a>'
    if wrapper == "partial-link" and brand in text:
        a = html.escape(brand)
        return e.replace(a, f'<a href="/">{a}</a>', 1)
    return e


def hard_html(site: Site, hard: HardSite, items: list[tuple], title: str, url: str, headlines: list[str],
              rng: random.Random) -> str:
    out = []
    for item in items:
        kind = item[0]
        if kind == "byline":
            name = item[1].removeprefix("By ")
            slug = name.lower().replace(" ", "-")
            out.append(f'<p class="byline">By <a href="/author/{slug}">{html.escape(name)}</a></p>'
                       if hard.layout in ("article", "entry") else f'<div class="meta">{html.escape(item[1])}</div>')
        elif kind == "figure":
            out.append(f'<figure><img src="/img/{rng.randrange(10**6)}.jpg" alt=""><figcaption>'
                       f'{html.escape(item[1])}<br>{html.escape(item[2])}</figcaption></figure>')
        elif kind == "list":
            lis = "".join(f"<li>{_wrap_html(t, 'plain', site.brand)}</li>" for t in item[2])
            out.append(f"<p>{html.escape(item[1])}</p><ul>{lis}</ul>")
        elif kind == "bio":
            out.append(f'<div class="author-bio"><p>{html.escape(item[1])}</p></div>')
        elif kind == "template":
            inner, container = _wrap_html(item[1], item[2], site.brand), item[3]
            out.append(f"<p>{inner}</p>" if container == "p" else
                       f'<{container} class="note">{inner}</{container}>')
        else:
            css = f' class="{kind}"' if kind in ("correction", "credit") else ""
            out.append(f"<p{css}>{html.escape(item[1], quote=False)}</p>")
    body = "\n".join(out) + "\n"
    h1 = f"<h1>{html.escape(title)}</h1>\n"
    related = ("<h3>Related stories</h3><ul>" + "".join(
        f'<li><a href="/story/{i}">{html.escape(h)}</a></li>' for i, h in enumerate(rng.sample(headlines, 3)))
        + "</ul>\n")
    if hard.layout == "article":
        main = f"<main><article>{h1}{body}</article></main>\n"
    elif hard.layout == "main":
        main = f'<main class="site-main">{h1}<div class="story">{body}</div>{related}</main>\n'
    elif hard.layout == "content":
        main = f'<div class="page"><div class="content">{h1}{body}{related}</div>\n'
    else:
        tags = ", ".join(f'<a href="/tag/{t.lower()}">{t}</a>' for t in rng.sample(TOWNS, 2))
        main = (f'<div id="primary"><article class="post"><header class="entry-header">{h1}</header>'
                f'<div class="entry-content">{body}</div><footer class="entry-footer"><p>Tags: {tags}</p>'
                '<div class="share-tools"><span>Share this article</span> <a href="#fb">Facebook</a> '
                '<a href="#x">X</a> <a href="#mail">Email</a></div></footer></article></div>\n')
    bottom = _chrome_bottom(site, rng, headlines)
    if hard.layout == "content":
        bottom = bottom.replace("</aside>\n", "</aside></div>\n", 1)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | '
            f'{html.escape(site.brand)}</title><link rel="canonical" href="{url}"></head>\n<body>\n'
            f'{_chrome_top(site, rng)}{main}{bottom}</body></html>\n')


def hard_markdown(site: Site, items: list[tuple], title: str, url: str) -> str:
    out = [f'---\ntitle: "{title}"\ncanonical: {url}\n---\n', f"# {title}"]
    wrap = {"strong": "**{}**", "em": "*{}*", "link": "[{}](/newsletter)"}
    for item in items:
        kind = item[0]
        if kind == "bio":
            continue  # a theme's box, not in the article's file
        if kind == "figure":
            out.append(f"![]({url}.jpg)\n\n*{item[1]} {item[2]}*")
        elif kind == "list":
            out.append(item[1] + "\n\n" + "\n".join(f"- {t}" for t in item[2]))
        elif kind == "template":
            text, wrapper = item[1], item[2]
            if wrapper == "partial-link" and site.brand in text:
                out.append(text.replace(site.brand, f"[{site.brand}](/)", 1))
            else:
                out.append(wrap.get(wrapper, "{}").format(text))
        else:
            out.append(item[1])
    return "\n\n".join(out) + "\n"


def hard_text(items: list[tuple], title: str) -> str:
    out = [title]
    for item in items:
        if item[0] == "bio":
            continue
        if item[0] == "list":
            out.append(item[1] + "\n" + "\n".join(f"- {t}" for t in item[2]))
        elif item[0] == "figure":
            out.append(f"{item[1]} {item[2]}")
        else:
            out.append(item[1])
    return "\n\n".join(out) + "\n"


class _WarcWriter:
    """WARC/1.0 response records, each its own gzip member (as crawlers write them)."""

    def __init__(self, path: str):
        self.fh = open(path, "wb")

    def response(self, url: str, body: bytes) -> None:
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
                f"WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=1) as gz:
            gz.write(head.encode("utf-8") + http + b"\r\n\r\n")
        self.fh.write(buf.getvalue())

    def close(self) -> None:
        self.fh.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--sites", type=int, default=8)
    parser.add_argument("--pages", type=int, default=30, help="pages per site")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warc", action="store_true", help="write OUT/crawl.warc.gz")
    parser.add_argument("--folder", action="store_true", help="write OUT/docs/<host>/<n>.html")
    parser.add_argument("--hard", action="store_true",
                        help="varied page templates, short and numbered lines, lines at the very end")
    parser.add_argument("--markdown", action="store_true", help="with --hard: also write OUT/md/<host>/<n>.md")
    parser.add_argument("--text", action="store_true", help="with --hard: also write OUT/txt/<host>/<n>.txt")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    if (args.markdown or args.text) and not args.hard:
        parser.error("--markdown and --text need --hard")
    if not (args.warc or args.folder or args.markdown or args.text):
        args.warc = True
    labels = build(args.out, args.sites, args.pages, args.seed, args.warc, args.folder, hard=args.hard,
                   markdown=args.markdown, text=args.text)
    injected = sum(len(p["injected"]) for p in labels["pages"])
    print(f"{len(labels['pages'])} pages on {len(labels['sites'])} sites, {injected} injected template lines")


if __name__ == "__main__":
    main()
