"""What an element is for a reader: main content, page chrome, a byline, or no text at all.

Decided from the element's name and its class/id/role/itemprop/rel/href/style
attributes, the way the tree gives them (entities decoded, duplicates
dropped). The main content is then the container (``<article>``, ``<main>``,
``itemprop=articleBody``, ``entry-content``...) holding the most text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...document import BODY, CHROME, Block

BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu
    nav ol p pre section summary table tbody td tfoot th thead title tr ul legend option
    select textarea button label iframe""".split())
# <form> is left out: some sites wrap the whole page in one.
CHROME_TAGS = frozenset("nav aside footer button select textarea dialog menu label".split())
# Never text: code, styles, data, embedded documents, and (by design) preformatted
# code and graphics. noembed/noframes hold markup for browsers without those features.
SKIP_TAGS = frozenset(
    "script style noscript template svg math canvas object iframe pre noembed noframes".split())

# The page itself: its classes describe the whole page ("nav-below-header",
# "sticky-menu"), never one part of it.
_PAGE_TAGS = frozenset(("html", "body"))

# Elements with flags of their own, whatever their attributes.
FLAGGED_TAGS = CHROME_TAGS | frozenset(("header", "nav", "a", "article", "main"))

# Tokens of class/id/role values that mark page furniture.
_CHROME_TOKEN = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|navigation|menu|sidebar|widget|widgets|related|recommended|"
    r"recommendations|share|sharing|sharebar|social|comments?|respond|reply|search|searchform|"
    r"newsletter|subscribe|subscription|promo|advert|advertisement|ads?|adslot|sponsored|"
    r"breadcrumbs?|cookie|cookies|banner|popup|modal|footer|masthead|trending|popular|"
    r"more-stories|outbrain|taboola|signup|paywall|toolbar|pagination|teaser|teasers|"
    r"complementary|contentinfo|tags|tag-list|author-bio|yarpp|jp-relatedposts|sharedaddy|recirculation|"
    r"recirc|readmore|read-more|more-from|latest|most-popular|most-read|upnext|up-next|"
    r"related-articles|related-content|related-stories|player|videojs|"
    # What a widget shows while it waits ("Loading ...", "Please wait"): never the article's text.
    r"loading|loader|preloader|spinner)(?:$|[\s_\-])",
    re.IGNORECASE)
_CONTAINER_TOKEN = re.compile(
    r"(?:^|\s)(?:entry-content|post-content|article-body|article__body|article-content|"
    r"articlebody|story-body|story-content|post-body|content-body|main-content|post-entry|"
    r"article-text|story-text|body-text|td-post-content|single-content|blog-post)(?:$|\s)",
    re.IGNORECASE)
_BYLINE_TOKEN = re.compile(r"author|byline|by-line|writer|contributor|attribution", re.IGNORECASE)
_NOT_BYLINE_TOKEN = re.compile(r"author-?bio|about-?author|authors?-list|avatar|author-?img|photo|image|img|"
                               r"caption|credit|media|license|licence",
                               re.IGNORECASE)
# Links to an author's page: /author/jane-doe, /authors/jdoe, /by/jane-doe
_AUTHOR_HREF = re.compile(r"/(?:authors?|by|writers?|columnists?|contributors?|profiles?/authors?)/"
                          r"[\w.%-]*[a-z][\w.%-]*/?(?:$|[?#])",
                          re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NAV_TOKEN = re.compile(r"(?:^|[\s_\-])(?:nav|navbar|navigation|menu|menubar|menuitem|submenu)(?:$|[\s_\-])",
                        re.IGNORECASE)

# Element flags.
F_CHROME, F_CONTAINER, F_BYLINE, F_SKIP, F_TITLE, F_JSONLD, F_RELAUTHOR, F_NAV, F_LINK, F_MICRODATA, F_NOPRINT = (
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
# Inline code (``vocabulary.INLINE_CODE_TAGS``): shown syntax, blanked as Markdown's `code` is.
F_CODE = 2048
# <blockquote>: the blocks inside it, its list items too, are marked quoted.
F_QUOTE = 4096
# Marked for the screen only (MediaWiki's "noprint": edit links, "[citation needed]", hatnotes):
# not the article's text, even inside one of its paragraphs.
_NOPRINT_TOKEN = re.compile(r"(?:^|\s)noprint(?:$|\s)", re.IGNORECASE)
# Classes that hide an element from every reader (AOL's "is-hidden" slide captions, Bootstrap's
# "d-none", Tailwind's "hidden"), or show it to screen readers only ("sr-only": a share bar's
# heading): not text a reader of the page sees. MediaWiki's hatnotes ("See also: ...") are its
# navigation between articles. Whole class names only: "overflow-hidden" shows its content.
_HIDDEN_CLASSES = frozenset(
    "hidden is-hidden u-hidden hide d-none sr-only visually-hidden visuallyhidden screen-reader-text "
    "hatnote navigation-not-searchable".split())

# A block that is nothing but a short link ("Read more", a section name, a
# teaser headline) is navigation, whatever container it sits in.
LINK_ONLY_MAX_WORDS = 8


def element_flags(tag: str, attrs: dict[str, str | None], in_container: bool) -> int:
    """The flags of an element that is not skipped and not the title."""
    flags = 0
    if tag in CHROME_TAGS:
        flags |= F_CHROME
    elif tag == "header" and not in_container:
        flags |= F_CHROME
    if tag == "nav":
        flags |= F_NAV
    elif tag == "a":
        flags |= F_LINK
    if tag in ("article", "main"):
        flags |= F_CONTAINER
    if attrs and tag not in _PAGE_TAGS:
        flags |= attribute_flags(attrs)
        if flags & F_NOPRINT and tag not in BLOCK_TAGS:
            flags |= F_SKIP
    return flags


def attribute_flags(attrs: dict[str, str | None]) -> int:
    flags = 0
    marks = []
    for key, value in attrs.items():
        if value is None or key == "hidden":
            if key == "hidden":
                flags |= F_CHROME
            continue
        if key in ("class", "id", "role", "data-testid", "data-component"):
            marks.append(value)
            if key == "class" and _hidden_by_class(value):
                flags |= F_CHROME
        elif key == "itemprop":
            if value == "articleBody":
                flags |= F_CONTAINER
            elif "author" in value:
                flags |= F_BYLINE | F_MICRODATA
        elif key == "rel" and "author" in value.lower().split():
            flags |= F_BYLINE | F_RELAUTHOR
        elif key == "href" and _AUTHOR_HREF.search(value):
            flags |= F_BYLINE
        elif key == "style" and _HIDDEN_STYLE.search(value):
            flags |= F_CHROME
        elif key == "aria-hidden" and value == "true":
            flags |= F_CHROME
    if marks:
        flags |= _mark_flags(tuple(marks))
    return flags


@lru_cache(maxsize=4096)
def _hidden_by_class(value: str) -> bool:
    classes = value.lower().split()
    if not _HIDDEN_CLASSES.intersection(classes):
        return False
    # "hidden md:block", "d-none d-lg-flex": hidden on small screens only, shown on others.
    return not any(":" in c or (c.startswith("d-") and c != "d-none") for c in classes)


@lru_cache(maxsize=4096)
def _mark_flags(marks: tuple[str, ...]) -> int:
    """Flags of class/id/role values (cached: pages repeat their classes)."""
    flags = 0
    joined = " ".join(marks)
    if _NOPRINT_TOKEN.search(joined):
        flags |= F_NOPRINT | F_CHROME
    if _NAV_TOKEN.search(joined):
        flags |= F_NAV | F_CHROME
    if "main" in marks:
        flags |= F_CONTAINER
    if _CONTAINER_TOKEN.search(joined):
        flags |= F_CONTAINER
    elif _CHROME_TOKEN.search(joined):
        flags |= F_CHROME
    if _BYLINE_TOKEN.search(joined) and not _NOT_BYLINE_TOKEN.search(joined):
        flags |= F_BYLINE
    return flags


# A short heading over links and teasers is the label of that list ("Related Articles",
# "Popular Stories"): navigation, like what it heads. Its section is what follows it up to
# the next heading of its level (for a label that is no heading, up to the next body block),
# and never past the end of the main content: the last line or subheading of an article heads
# nothing of the sidebar and footer after it. An article's own subheading heads paragraphs.
LIST_LABEL_MAX_WORDS = 6
LIST_LABEL_SECTION = 12  # blocks looked at
LIST_LABEL_CHROME_SHARE = 0.4
_HEADING_LEVEL = {f"h{n}": n for n in range(1, 7)}


def label_link_lists(blocks: list[Block], in_main: list[bool] | None = None) -> None:
    """Make chrome of every short body block whose section is mostly chrome. ``in_main``: for
    each block, whether it is inside the page's main content container (None: no container)."""
    for i, block in enumerate(blocks):
        # (split(None, n) stops after n words: a long paragraph is not split into all of them)
        if block.zone != BODY or len(block.text.split(None, LIST_LABEL_MAX_WORDS)) > LIST_LABEL_MAX_WORDS:
            continue
        level = _HEADING_LEVEL.get(block.tag, 7)
        section = []
        closes_main = False
        for j in range(i + 1, min(i + 1 + LIST_LABEL_SECTION, len(blocks))):
            following = blocks[j]
            if following.zone == BODY and (level == 7 or _HEADING_LEVEL.get(following.tag, 8) <= level):
                break  # (a label that is no heading heads only the chrome right after it)
            if in_main is not None and not in_main[j]:
                closes_main = True
                break  # (a body block is in the main content: what follows it outside is not its list)
            section.append(following.zone == CHROME)
        chrome = sum(section)
        if chrome >= 2 and chrome >= LIST_LABEL_CHROME_SHARE * len(section):
            block.zone = CHROME
        elif closes_main and (all(section) and block.text.rstrip().endswith(":") if section else level < 7):
            # A label that closes an article over nothing but chrome ("Share this:" over the share
            # links), or a heading that heads no text at all ("Leave a Reply" over a comment form),
            # names a widget. A line of text that closes the article is the article's.
            block.zone = CHROME


def choose_main_content(raw_blocks: list[tuple[Block, tuple[int, ...]]],
                        container_depth: dict[int, int]) -> tuple[list[Block], list[bool] | None]:
    """Keep as body only the blocks inside the page's main content container: (the blocks, for
    each whether it is inside that container, or None for a page without one).

    Pages that mark their article (``<article>``, ``<main>``, ``articleBody``,
    ``entry-content``...) put everything else, teaser lists included, outside
    it. The container holding the most text wins; among containers holding
    most of that text, the innermost.
    """
    sizes: dict[int, int] = {}
    for block, path in raw_blocks:
        if block.zone == BODY:
            n = len(block.text)
            for cid in path:
                sizes[cid] = sizes.get(cid, 0) + n
    if not sizes:
        return [b for b, _ in raw_blocks], None
    best = max(sizes.values())
    main = max((cid for cid, n in sizes.items() if n >= 0.6 * best),
               key=lambda cid: (container_depth.get(cid, 0), sizes[cid]))
    blocks, in_main = [], []
    for block, path in raw_blocks:
        inside = main in path
        if block.zone == BODY and not inside:
            block.zone = CHROME
        blocks.append(block)
        in_main.append(inside)
    return blocks, in_main
