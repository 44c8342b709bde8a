"""The words every stage shares, each defined once: severities and their order, the zones a loader
sorts text into, the scopes a rule may read, and the ids of the findings contentcheck reports itself."""

from __future__ import annotations

# Most severe first. Rules, configuration, the gate, the engine and every
# report take their severities and their order from here.
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    """0 for the most severe; a name outside the table ranks after all of them."""
    return SEVERITY_RANK.get(severity, len(SEVERITIES))


# Zones: where a block of text sits in its page.
BODY = "body"  # the main content
CHROME = "chrome"  # navigation, sidebars, share bars, comment forms...
TITLE = "title"  # the <title>
ZONES = (BODY, CHROME, TITLE)
# The tag of a title block read from a page's og:title (a share card's headline): a heading,
# never the text's opening, and no text a browser shows.
OG_TITLE_TAG = "og:title"
# The tags of the blocks that head a text or a section, not its running text.
HEADING_TAGS = frozenset(("title", "headline", OG_TITLE_TAG, "h1", "h2", "h3", "h4", "h5", "h6"))
# Inline code in HTML, in a page or inside Markdown ("<code>&lt;/s&gt;</code>", "<kbd>"): shown
# syntax, blanked as Markdown's `code` is.
INLINE_CODE_TAGS = frozenset(("code", "kbd", "samp", "tt"))

# Scopes: which text a rule reads (a zone, all of them, or the metadata).
# "article" is what a reader takes for the article: the title and the main content.
ARTICLE = "article"
SCOPES = (BODY, TITLE, "metadata", CHROME, ARTICLE, "all")
# The zones a scope reads, when it is not one zone ("all": every block).
SCOPE_ZONES = {ARTICLE: (TITLE, BODY)}
# `inspect` calls the body zone "main" (the main content), and rules may too.
MAIN = "main"
SCOPE_ALIASES = {MAIN: BODY}

# Findings reported by contentcheck itself, outside any rule pack.
INPUT_CATEGORY = "input"
INVALID_FRONT_MATTER = "invalid-front-matter"
SUPPRESSION_CATEGORY = "suppression"
UNUSED_SUPPRESSION = "unused-suppression"

# How sure a rule's fix is: safe fixes are applied by --fix, unsafe ones only with --unsafe-fixes.
SAFE, UNSAFE = "safe", "unsafe"
FIX_SAFETIES = (SAFE, UNSAFE)
# Categories whose findings no fix touches: what to do about them is an editor's decision.
EDITORIAL_CATEGORIES = ("fiction-disclaimer", "missing-author", "unattributed-claim")
