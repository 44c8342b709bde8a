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
UNCLOSED_CODE_FENCE = "unclosed-code-fence"
SUPPRESSION_CATEGORY = "suppression"
UNUSED_SUPPRESSION = "unused-suppression"

# How sure a rule's fix is: safe fixes are applied by --fix, unsafe ones only with --unsafe-fixes.
SAFE, UNSAFE = "safe", "unsafe"
FIX_SAFETIES = (SAFE, UNSAFE)
# Categories whose findings no fix touches: what to do about them is an editor's decision.
EDITORIAL_CATEGORIES = ("fiction-disclaimer", "missing-author", "unattributed-claim")

# Greetings that open a message, as a regular expression (case ignored): a letter's "Hi Jordan," and a
# chat answer's "Selamat siang!" alike.
GREETINGS = (r"(?i:hi|hello|hey|dear|good morning|good afternoon|good evening|bonjour|bonsoir|salut|coucou|cher|chère"
             r"|hola|querido|querida|estimado|estimada|buenos días|buenas tardes|olá|oi|prezado|prezada|caro|cara"
             r"|bom dia|boa tarde|hallo|liebe|lieber|sehr geehrte|sehr geehrter|guten tag|guten morgen|moin|servus"
             r"|ciao|gentile|gentilissima|gentilissimo|egregio|buongiorno|buonasera|salve|здравствуйте|привет"
             r"|добрый день|уважаемый|уважаемая|дорогой|дорогая|dobrý den|ahoj|milý|milá|vážený|vážená|halo|hai"
             r"|yth\.?|selamat pagi|selamat siang|selamat sore|selamat malam|assalamualaikum|chào|kính gửi|thân gửi"
             r"|xin chào|magandang umaga|magandang hapon|magandang araw|magandang gabi|kumusta|kamusta|mahal na"
             r"|عزيزي|عزيزتي|مرحبًا|مرحبا|أهلاً|أهلا|السلام عليكم|เรียน|สวัสดี|안녕하세요|こんにちは|你好|您好|大家好)")
