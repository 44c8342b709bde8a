"""A synthetic crawl for measuring site audits (``check --sites``, ``learn``).

    python benchmarks/crawlgen.py OUT [--sites 8] [--pages 30] [--seed 1] [--warc] [--folder]

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


def build(out: str, n_sites: int, pages: int, seed: int, warc: bool, folder: bool, syndicated: int = 6) -> dict:
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
        for p in range(pages):
            page_rng = random.Random(rng.random())
            url = f"https://{site.host}/news/{p:05d}-{page_rng.choice(TOWNS).lower()}"
            body, injected = _article(site, page_rng, placements.get((s, p), []))
            title = _headline(page_rng)
            doc = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | '
                   f'{html.escape(site.brand)}</title><link rel="canonical" href="{url}"></head>\n<body>\n'
                   f'{_chrome_top(site, page_rng)}<main><article><h1>{html.escape(title)}</h1>\n'
                   f'{body}</article></main>\n{_chrome_bottom(site, page_rng, headlines)}</body></html>\n')
            name = None
            if folder:
                name = os.path.join("docs", site.host.removeprefix("www."), f"{p:05d}.html")
                os.makedirs(os.path.join(out, os.path.dirname(name)), exist_ok=True)
                with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
                    fh.write(doc)
            if writer is not None:
                writer.response(url, doc.encode("utf-8"))
            labels["pages"].append({"url": url, "file": name, "site": site.host.removeprefix("www."),
                                    "injected": injected})
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
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    if not (args.warc or args.folder):
        args.warc = True
    labels = build(args.out, args.sites, args.pages, args.seed, args.warc, args.folder)
    injected = sum(len(p["injected"]) for p in labels["pages"])
    print(f"{len(labels['pages'])} pages on {len(labels['sites'])} sites, {injected} injected template lines")


if __name__ == "__main__":
    main()
