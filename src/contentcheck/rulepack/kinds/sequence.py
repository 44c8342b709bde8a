"""``kind: sequence`` -- the shape of a sentence: word classes in order, within a window.

A rule names its own word ``classes`` (data, not code) and the
``sequences`` of classes that make the shape it looks for:

    classes:
      me: [i, "i'm", "i am"]
      cannot: [cannot, "can't", "am unable to", "am not able to", "won't"]
      produce: [fulfil*, provide, write, create, assist, help, comply]
      request: [request, prompt, task, that, this]
    sequences:
      - [me, cannot, produce, request]
      - [apology?, me, cannot, produce]

A class entry is a word or a phrase. Matching ignores case; a space in an
entry matches any run of spaces, an apostrophe matches a straight or a curly
one, and a final ``*`` accepts any ending (``fulfil*`` finds "fulfill" and
"fulfilling"). Entries in scripts written without spaces between words
(Chinese, Japanese, Thai, Lao, Khmer, Burmese) match inside a run of text;
every other entry must stand as whole words. Letters with diacritics match
as written (``désolé``).

Class names are YAML keys: quote ``"yes"``, ``"no"``, ``"on"`` and ``"off"``. A class may be
written once and shared by the rules of one file with a YAML anchor
(``me: &me [i, "i'm"]``, then ``me: *me``).

A slot is a class name; ``name?`` makes it optional. Between two slots
stand at most ``gap`` words (default 3; in a script without spaces each
character counts as a word) and never the end of a sentence, so every match
lies inside one sentence; ``+name`` must follow the slot before it with no
word between (``[as, det, ai, +made]`` finds "As an AI developed by..." but
not "As an AI researcher, I have...").

The slot ``.`` stands for the end of a clause: what comes next is a
punctuation mark or the end of the line (``[me, ai, .]`` finds "I am an AI."
and "I'm just an AI, ..." but not "I am an AI researcher").

``anchor`` says where the first slot may stand: ``sentence`` (default: at
the start of a sentence, a line or a block, after at most ``lead`` words,
default 0), ``line`` (at the start of a line, after at most ``lead``
words), ``opening`` (in the first sentence of the text, or its first
``sentences`` sentences: of its first block that is not a heading or a
byline, or of a heading before it), ``closing`` (at the start of a sentence of one of the scope's last
three blocks: what closes the text) or ``none`` (anywhere). Markdown marks
(``**``, ``#``, ``>``, list bullets) before the first word do not count.

The words of one required class of each sequence (the one whose shortest
word is longest) go into one Aho-Corasick
automaton for all sequence rules of a pack, so a document is scanned once to
learn which blocks each rule has to look at; each rule's expression, built
once per pack, then runs only on those blocks. A finding runs from the
first slot to the end of its sentence.
"""

from __future__ import annotations

import re
from typing import Iterator

import ahocorasick

from ..schema import Invalid, expects, mapping_items, v_choice, v_int_range, v_str, v_str_list
from . import Match

# Scripts written without spaces between words: an entry in one of them is
# matched inside a run of letters, and each of its characters counts as a word.
NO_SPACE = ("\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3100-\u312f"
            "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f")
_NO_SPACE_CHAR = re.compile(f"[{NO_SPACE}]")
# One word: a run of letters and digits of a spaced script, or one character of a script without spaces.
_WORD = rf"(?:[^\W{NO_SPACE}]+|[{NO_SPACE}])"
# What may stand between two words of one sentence (sentence ends, line ends and quotes are not part of it).
_SEP = r"[^\w\n.!?;:\u3002\uff01\uff1f\uff1b\"\u201c\u201d\u00ab\u00bb]*"
# Where a sentence may start: after a line end or a sentence end, with markup and spaces in between.
_SENTENCE_START = r"(?:^|(?<=[.!?:;\u3002\uff01\uff1f\uff1b\u2026]))[ \t*_#>\-\u2022\u3000)\]]*"
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f](?=\s)|\n")
# The rest of a sentence: up to its end mark (kept), the end of the line or a closing quotation mark.
_TAIL = re.compile(r"(?:[^\n.!?\u3002\uff01\uff1f\"\u201d\u00bb]|\.(?=\w))*[.!?\u3002\uff01\uff1f]*")
_HEADINGS = frozenset(("headline", "title", "h1", "h2", "h3", "h4", "h5", "h6"))
_LINE_START = r"^[ \t*_#>\-\u2022\u3000]*"
_SLOT = re.compile(r"^\+?[a-z0-9_-]+\??$")
END_SLOT = "."
MAX_OPTIONAL = 4
# The end of a clause: punctuation or the end of the line next.
_END = r"(?=[ \t]*(?:[,.;:!?)\]\u3001\u3002\uff0c\uff01\uff1f\uff1b\uff1a]|$))"
# How far into its block an opening may start (markup, a label): past it, it is not the opening.
OPENING_BLOCKS = 5  # how far a headline, a title and bylines may push the opening
CLOSING_BLOCKS = 3


@expects("a mapping of class names to lists of words or phrases")
def v_classes(node):
    out = {}
    for knode, vnode in mapping_items(node):
        name = v_str(knode)
        if not _SLOT.match(name) or name.endswith("?") or name.startswith("+"):
            raise Invalid(knode, f"class name {name!r}: use lower-case letters, digits, '-' and '_'")
        out[name] = v_str_list(vnode)
    return out


@expects("a list of sequences, each a list of slots: class names (`name?` optional, `+name` adjacent) and `.`")
def v_sequences(node):
    import yaml

    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise Invalid(node, "expected a list of sequences, such as [[me, cannot, produce]]")
    out = []
    for item in node.value:
        slots = v_str_list(item)
        for slot in slots:
            if slot != END_SLOT and not _SLOT.match(slot):
                raise Invalid(item, f"slot {slot!r} is not a class name (lower-case, optional '?' at the end)")
        out.append(slots)
    return tuple(out)


PARAMS = {"classes": v_classes, "sequences": v_sequences, "gap": v_int_range(0, 20),
          "anchor": v_choice("sentence", "line", "opening", "closing", "none"), "lead": v_int_range(0, 10),
          "sentences": v_int_range(1, 5)}
REQUIRED = ("classes", "sequences")


def _entry_regex(entry: str) -> str:
    """One class entry as a regular expression over lower-cased text."""
    entry = " ".join(entry.lower().split())
    prefix = entry.endswith("*")
    core = entry.rstrip("*").strip()
    if not core:
        raise ValueError(f"class entry {entry!r} has nothing to match")
    parts = []
    for ch in core:
        if ch == " ":
            parts.append(r"\s+")
        elif ch in "'\u2019":
            parts.append("['\u2019\u02bc]")
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    if core[0].isalnum() and not _NO_SPACE_CHAR.match(core[0]):
        body = r"(?<!\w)" + body
    if prefix:
        body += r"\w*"
    elif core[-1].isalnum() and not _NO_SPACE_CHAR.match(core[-1]):
        body += r"(?!\w)"
    return body


def _class_regex(entries) -> str:
    # Longest first, so that "i am" is tried before "i".
    return "(?:" + "|".join(_entry_regex(e) for e in sorted(set(entries), key=len, reverse=True)) + ")"


def _gap(n: int) -> str:
    return f"{_SEP}(?:{_WORD}{_SEP}){{0,{n}}}?" if n else _SEP


def _name(slot: str) -> str:
    return slot.strip("+?")


def _variants(slots) -> list[list[str]]:
    """The sequence with and without each optional slot (so no gap is left where one is absent)."""
    out: list[list[str]] = [[]]
    for slot in slots:
        if slot.endswith("?"):
            out = [v + [slot] for v in out] + out
        else:
            out = [v + [slot] for v in out]
    return out


def _expression(slots, class_re, gap) -> str:
    pieces = []
    for i, slot in enumerate(slots):
        if slot == END_SLOT:
            pieces.append(_END)
            continue
        piece = class_re[_name(slot)]
        if i:
            piece = _gap(0 if slot.startswith("+") else gap) + piece
        pieces.append(piece)
    return "".join(pieces)


def prepare(params: dict) -> dict:
    classes = params["classes"]
    gap = params.get("gap", 3)
    anchor = params.get("anchor", "sentence")
    lead = params.get("lead", 0)
    class_re = {name: _class_regex(entries) for name, entries in classes.items()}
    alternatives = []
    keys: set[str] = set()
    for slots in params["sequences"]:
        names = [_name(s) for s in slots if s != END_SLOT]
        unknown = [n for n in names if n not in classes]
        if unknown:
            raise ValueError(f"sequence {list(slots)} names a class that is not in classes: {', '.join(unknown)}")
        required = [s for s in slots if not s.endswith("?") and s != END_SLOT]
        if not required:
            raise ValueError(f"sequence {list(slots)} has no required slot")
        if sum(s.endswith("?") for s in slots) > MAX_OPTIONAL:
            raise ValueError(f"sequence {list(slots)} has more than {MAX_OPTIONAL} optional slots; "
                             "write it as two sequences")
        # The prefilter: the words of the required class whose shortest word is longest (the
        # rarest in text: "cannot" rather than "i"), without their '*'.
        key_class = _name(max(required, key=lambda s: min(len(e.rstrip("*").strip()) for e in classes[_name(s)])))
        for entry in classes[key_class]:
            word = " ".join(entry.lower().rstrip("*").split())
            keys.add(word.replace("\u2019", "'"))
            if "'" in word:
                keys.add(word.replace("'", "\u2019"))
        alternatives.extend(_expression(variant, class_re, gap) for variant in _variants(slots))
    body = "(?:" + "|".join(alternatives) + ")"
    if anchor == "none":
        expression = f"(?P<m>{body})"
    else:
        start = _LINE_START if anchor == "line" else _SENTENCE_START
        lead_re = f"(?:{_WORD}{_SEP}){{0,{lead}}}?" if lead else ""
        expression = f"{start}{lead_re}(?P<m>{body})"
    try:
        params["_compiled"] = re.compile(expression, re.MULTILINE)
    except re.error as exc:  # pragma: no cover - entries are escaped
        raise ValueError(f"the sequences do not compile: {exc}") from None
    params["_keys"] = tuple(sorted(k for k in keys if k))
    return params


class _Compiled:
    __slots__ = ("rules", "automaton")

    def __init__(self, rules):
        self.rules = list(rules)
        words: dict[str, set[int]] = {}
        for i, rule in enumerate(self.rules):
            for w in rule.params["_keys"]:
                words.setdefault(w, set()).add(i)
        self.automaton = ahocorasick.Automaton()
        for w, owners in words.items():
            self.automaton.add_word(w, tuple(sorted(owners)))
        if words:
            self.automaton.make_automaton()


def compile(rules) -> _Compiled:
    return _Compiled(rules)


def _candidates(doc, compiled: _Compiled) -> dict[tuple[int, str], set[int]]:
    """(rule index, scope) -> the blocks holding a word of one of the rule's first classes."""
    found: dict[tuple[int, str], set[int]] = {}
    if not len(compiled.automaton):
        return found
    for scope in {r.scope for r in compiled.rules}:
        st = doc.scope(scope)
        if not st.text:
            continue
        starts = st.starts
        bi, block_end = -1, -1
        for end, owners in compiled.automaton.iter(st.lower):
            if end >= block_end:
                bi = st.block_at(end)
                block_end = starts[bi + 1] if bi + 1 < len(starts) else len(st.text) + 1
            for i in owners:
                found.setdefault((i, scope), set()).add(bi)
    return found


def _opening_blocks(st) -> int:
    """The index of the block that opens the text: the first that is not a heading or a byline
    (the headings and bylines before it open the text too)."""
    from ...text.bylines import DESK_LINE, byline_from_line

    for i, block in enumerate(st.blocks[:OPENING_BLOCKS]):
        text = block.text.strip()
        if block.tag in _HEADINGS or "\n" not in text and (byline_from_line(text) or DESK_LINE.match(text)):
            continue
        return i
    return OPENING_BLOCKS - 1


def _past(text: str, start: int, end: int, sentences: int) -> bool:
    """Do ``sentences`` sentences end between start and end?"""
    for count, _ in enumerate(_SENTENCE_END.finditer(text, start, end), 1):
        if count >= sentences:
            return True
    return False


def run(doc, compiled: _Compiled) -> Iterator[Match]:
    candidates = _candidates(doc, compiled)
    for i, rule in enumerate(compiled.rules):
        blocks = candidates.get((i, rule.scope))
        if not blocks:
            continue
        st = doc.scope(rule.scope)
        lower = st.lower
        expression = rule.params["_compiled"]
        anchor = rule.params.get("anchor", "sentence")
        last = len(st.blocks) - CLOSING_BLOCKS
        opening = _opening_blocks(st) if anchor == "opening" else None
        sentences = rule.params.get("sentences", 1)
        for b in sorted(blocks):
            if (opening is not None and b > opening) or (anchor == "closing" and b < last):
                continue
            start = st.starts[b]
            end = start + len(st.blocks[b].text)
            for m in expression.finditer(lower, start, end):
                if opening is not None and _past(lower, start, m.start("m"), sentences):
                    break  # past the block's first sentences
                # The finding is the rest of the sentence too: what the reader sees as one remark.
                yield Match(rule, st, m.start("m"), _TAIL.match(lower, m.end("m"), end).end())
