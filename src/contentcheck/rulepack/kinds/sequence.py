"""``kind: sequence`` -- the shape of a sentence: word classes in order, within a window.

A rule names its own word ``classes`` (data, not code) and the ``sequences`` of classes that make the shape it looks for:

    classes:
      me: [i, "i'm", "i am"]
      cannot: [cannot, "can't", "am unable to", "am not able to", "won't"]
      produce: [fulfil*, provide, write, create, assist, help, comply]
      request: [request, prompt, task, that, this]
    sequences:
      - [me, cannot, produce, request]
      - [apology?, me, cannot, produce]

A class entry is a word or a phrase. Matching ignores case; a space in an entry matches one space, tab, no-break space
or line end, an apostrophe matches a straight or a curly one, and a final ``*`` accepts any ending (``fulfil*`` finds
"fulfill" and "fulfilling"), a first ``*`` any beginning (``*줄게`` finds "만들어줄게": Korean writes its endings onto
the word). Entries in scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese) match
inside a run of text; every other entry must stand as whole words. Letters with diacritics match
as written (``désolé``). ``particles`` lists words a language slips into a phrase after its first or second word
(Tagalog's ``[po]`` finds "wala akong kakayahan" in "wala po akong kakayahan"), ``proclitics`` the letters it
writes onto its first word (Arabic's ``[و, ف]`` finds "أنا هنا لمساعدتك" in "فأنا هنا لمساعدتك"), ``alike`` the words it
writes for one another (Thai's ``{ฉัน: [ดิฉัน]}`` finds "มีอะไรให้ฉันช่วย" in "มีอะไรให้ดิฉันช่วย"). An entry may list a
family as a phrase does: ``"(corrected|revised) (text|letter)(:| :)"`` is four words with a colon and four with a
spaced one, each an entry of its own; a class of common words ("in", "text", ":") costs a lookup at each of them in
every text, a family of whole phrases does not.

Class names are YAML keys: quote ``"yes"``, ``"no"``, ``"on"`` and ``"off"``. A class may be written once and shared
by the rules of one file with a YAML anchor (``me: &me [i, "i'm"]``, then ``me: *me``).

A slot is a class name; ``name?`` makes it optional. Between two slots stand at most ``gap`` words (default 3; in a
script without spaces each character counts as a word; an aside in brackets does not count) and never the end of a
sentence, so a match lies inside one sentence (unless ``>`` below says otherwise). Any word of a class in that window may carry the sequence on, not
only the nearest ("If you want more in-depth information on any area, let me know": "information" reaches "let me
know" where "more" does not), the nearest first and at most eight of them. A name of address after a slot that ends on a comma is skipped
with its mark: ``[affirm, here]`` reads "Claro, Danilo! Aqui estão..." as "Claro! Aqui estão...". ``+name`` must follow the slot before it with no word between
(``[as, det, ai, +made]`` finds "As an AI developed by..." but not "As an AI researcher, I have...").
``!name`` says that none of the next ``gap`` words of the sentence is a word of the class: ``[as, ai, ., "!other"]``
with ``other: [chatgpt, gpt-3]`` finds "As a language model, I have no opinions" but not "As a language model, GPT-3
can write essays", where the model is the subject the sentence speaks of, not its speaker.

The slot ``.`` stands for the end of a clause: what comes next is a punctuation mark, a dash between spaces or the
end of the line (``[me, ai, .]`` finds "I am an AI." and "I'm just an AI, ..." but not "I am an AI researcher").
The slot ``?`` ends a question: the sentence ends with a question mark on its line (``[want_you, "?"]``, quoted).
The slot ``$`` says the sentence is the last of its block: after its end marks stand only marks, spaces or a
pictograph (``[like_next, "?", "$"]`` finds "Would you like a short quiz? 🚀" closing a paragraph, not "Would you like
a printable version? Click below.").
For ``?`` and ``>``, and for how far a finding runs, a full stop inside a word ("hooks.zip"), after an abbreviation
or initials ("e.g. the", "p. ex.", "z. B.", "напр.") or before a question mark ("etc. ?") ends no sentence.
The slot ``^``, first, makes the next slot open its sentence, whatever the lead: ``["^", ack, .]`` finds "Understood."
but not "Nothing was understood.". The slot ``>`` ends the sentence and makes the class after it open the next one, in
the same block: ``["^", affirm, ">", voici]`` finds "Claro, varios blockchains ofrecen recompensas. Aquí tienes
algunos ejemplos:", a reply's assent and its handover, but not "Claro, el puente abrió. El alcalde habló."; a class
that ends with the mark itself ("great!") leaves only the space: ``["^", bang, ">", take_on]`` finds "Great! Let's
begin." The finding then runs to the end of the second sentence.

``anchor`` says where the first slot may stand: ``sentence`` (default: at the start of a sentence, a line or a block,
after at most ``lead`` words, default 0), ``clause`` (the same, or after a comma), ``line`` (at the start of a line, after at most ``lead`` words), ``opening``
(in the first sentence of the text, or its first ``sentences`` sentences: of its first block that is not a heading or
a byline, or of a heading before it), ``start`` (the same, in a text that nothing heads: no title, heading, byline or
declared author, as a chat answer pasted whole), ``closing`` (at the start of a sentence of one of the scope's last
three blocks: what closes the text) or ``none`` (anywhere). Markdown marks (``**``, ``#``, ``>``, list bullets) and Spanish ``¡`` ``¿`` before
the first word do not count. A first slot inside a quotation still open there is not anchored ("“I cannot confirm it,”
he said"); a quotation closed within the lead leaves the writer speaking ("...o výstavě „Avant: From“ nemohu potvrdit").

A finding runs from the first slot to the end of its sentence; for a question (with a lead) and with ``report:
sentence``, from its start: a verb-final clause ("...해결책을 제안해 드리겠습니다.") shows whole, not as its last word. The entries of
the rarer classes of the sequence rules of a pack are the keys of Aho-Corasick automata, one per script, built once
per pack: a document is scanned once for the entries of each script it holds a character of, and a sequence is followed
from the hits of one class to the next only in blocks that hold a hit of its rarest class and of its next rarest (unless
that one's words are as short as "the"). No regular expression is compiled for a rule, so many rules load fast.
"""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_right
from typing import Iterator

from ...text.forms import entry_forms
from ...text.hanzi import fold
from ...text.normalize import expand_alternatives
from ...text.scripts import CharProbe, count_words, script_of
from ...text.sentences import quotation_open
from ..entries import build_automaton, matchable, parse_entry, rarity, scan
from ..openings import opening_block, past_label, unquoted_tail, untitled
from ..schema import Invalid, expects, mapping_items, v_alike, v_choice, v_int_range, v_str, v_str_list
from ..slots import FAR, MARK_SLOTS, NEXT_SLOT, QUESTION_SLOT, START_SLOT, SentenceEnds, follow, slot_name
from . import Match

_QUOTE = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")
# A full stop of Chinese or Japanese ends a sentence with no space after it.
_SPACE = re.compile(r"\s*")
_SENTENCE_END = re.compile(r"[.!?\u061f](?=\s)|[\u3002\uff01\uff1f]|\n")
# A closing quotation mark ends the rest of a sentence a finding runs on to.
_QUOTE_END = re.compile(r"[\"\u201d\u00bb]")
_QUOTE_REACH = 400  # characters read back for an open quotation
_SLOT = re.compile(r"^[+!]?[a-z0-9_-]+\??$")
_ENDS = frozenset(".!?\u061f\u3002\uff01\uff1f")  # a match that ends with one of these ends its sentence
MAX_OPTIONAL = 4
SECOND_KEY = 4  # a second key class needs words of this many characters or more
CLOSING_BLOCKS = 3


@expects("a mapping of class names to lists of words or phrases")
def v_classes(node):
    out = {}
    for knode, vnode in mapping_items(node):
        name = v_str(knode)
        if not _SLOT.match(name) or name.endswith("?") or name.startswith(("+", "!")):
            raise Invalid(knode, f"class name {name!r}: use lower-case letters, digits, '-' and '_'")
        out[name] = v_str_list(vnode)
    return out


@expects("a list of sequences, each a list of slots: class names (`name?` optional, `+name` adjacent, `!name` absent), "
         "`.`, `?`, `$`, `^` and `>`")
def v_sequences(node):
    import yaml

    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise Invalid(node, "expected a list of sequences, such as [[me, cannot, produce]]")
    out = []
    for item in node.value:
        slots = v_str_list(item)
        for slot in slots:
            if slot not in MARK_SLOTS and not _SLOT.match(slot):
                raise Invalid(item, f"slot {slot!r} is not a class name (lower-case, optional '?' at the end)")
        out.append(slots)
    return tuple(out)


PARAMS = {"classes": v_classes, "sequences": v_sequences, "gap": v_int_range(0, 150),
          "anchor": v_choice("sentence", "clause", "line", "opening", "start", "closing", "none"), "lead": v_int_range(0, 60),
          "sentences": v_int_range(1, 5), "report": v_choice("match", "sentence"),
          "particles": v_str_list, "proclitics": v_str_list, "alike": v_alike}
REQUIRED = ("classes", "sequences")


def _variants(slots) -> list[tuple[str, ...]]:
    """The sequence with and without each optional slot."""
    out: list[tuple[str, ...]] = [()]
    for slot in slots:
        if slot.endswith("?") and slot != QUESTION_SLOT:
            out = [v + (slot,) for v in out] + out
        else:
            out = [v + (slot,) for v in out]
    return [v for v in out if any(s not in MARK_SLOTS for s in v)]


def prepare(params: dict) -> dict:
    # a family ("(corrected|revised) text:") is its phrases, each an entry
    classes = {name: [entry for listed in entries for entry in (expand_alternatives(listed) if "|" in listed else (listed,))]
               for name, entries in params["classes"].items()}
    keys: set[str] = set()
    keysets: list[frozenset[str]] = []
    used: set[str] = set()
    variants = []
    for slots in params["sequences"]:
        names = [slot_name(s) for s in slots if s not in MARK_SLOTS]
        unknown = [n for n in names if n not in classes]
        if unknown:
            raise ValueError(f"sequence {list(slots)} names a class that is not in classes: {', '.join(unknown)}")
        required = [s for s in slots if s not in MARK_SLOTS and not s.endswith("?") and not s.startswith("!")]
        if not required:
            raise ValueError(f"sequence {list(slots)} has no required slot")
        opening = list(slots[1:] if list(slots[:1]) == [START_SLOT] else slots)
        if START_SLOT in opening or not opening or opening[0] in MARK_SLOTS or opening[0].startswith("!") \
                or (opening[0].endswith("?") and opening[1:2] and opening[1] in MARK_SLOTS):
            raise ValueError(f"sequence {list(slots)} starts with '{slots[0]}': a sequence starts with a class "
                             f"(or with '^' and a class)")
        if any(s.startswith("!") and s.endswith("?") for s in slots):
            raise ValueError(f"sequence {list(slots)}: '!name' cannot be optional")
        nexts = [i for i, s in enumerate(slots) if s == NEXT_SLOT]
        if any(i + 1 >= len(slots) or slots[i + 1] in MARK_SLOTS or slots[i + 1].endswith("?")
               or slots[i + 1].startswith("!") for i in nexts):
            raise ValueError(f"sequence {list(slots)}: '>' must be followed by a class that is neither optional nor absent")
        if sum(s.endswith("?") and s != QUESTION_SLOT for s in slots) > MAX_OPTIONAL:
            raise ValueError(f"sequence {list(slots)} has more than {MAX_OPTIONAL} optional slots; "
                             "write it as two sequences")
        used.update(names)
        # The prefilter: the words of the required class whose shortest word is longest (the rarest in text: "cannot"
        # rather than "i"), without their '*'; and of the next rarest, unless its words are the short ones every block
        # holds ("the", "i"): a block is followed only when it holds a word of both ("according to" and "provided").
        ranked = sorted({slot_name(s) for s in required}, key=lambda n: rarity(classes[n]), reverse=True)
        chosen = [slot_name(max(required, key=lambda s: rarity(classes[slot_name(s)])))]
        chosen += [n for n in ranked if n != chosen[0] and rarity(classes[n])[0] >= SECOND_KEY][:1]
        keys.update(chosen)
        keysets.append(frozenset(chosen))
        variants.extend(_variants(slots))
    entries, particles, proclitics, alike = {}, params.get("particles", ()), params.get("proclitics", ()), params.get("alike")
    for name in sorted(used):
        for entry in classes[name]:
            for form in entry_forms(entry, particles, proclitics, alike):
                entries.setdefault(parse_entry(form), set()).add(name)
    params["_entries"] = tuple((entry, tuple(sorted(names))) for entry, names in entries.items())
    # The entries of the key classes, with their script (kept with the rules by the rule pack cache).
    params["_key_entries"] = tuple((i, *script_of(entry[0])) for i, (entry, names) in enumerate(params["_entries"])
                                   if any(n in keys for n in names))
    params["_variants"] = tuple(variants)
    params["_opens"] = any(v[0] == START_SLOT for v in variants)
    params["_keys"] = tuple(sorted(keys))  # the classes whose hits make a block worth following
    params["_keysets"] = tuple(keysets)  # per sequence, the key classes a block must all hold
    return params


class _Compiled:
    __slots__ = ("_automata", "keys", "rules", "scopes")

    def __init__(self, rules):
        self.rules = list(rules)
        self.scopes = [rule.scope for rule in self.rules]  # once per pack, not per document
        key_owners: dict[str, dict[str, list[tuple]]] = {}  # script -> entry -> owners
        probes: dict[str, set[str]] = {}
        for i, rule in enumerate(self.rules):
            entries = rule.params["_entries"]
            for k, script, first in rule.params["_key_entries"]:
                (core, before, prefix, after), names = entries[k]
                key_owners.setdefault(script, {}).setdefault(core, []).append((i, names, before, prefix, after))
                if first is not None:
                    probes.setdefault(script, set()).add(first)
        self._automata: list = [None] * len(self.rules)
        # The entries of the classes that make a block a candidate, one automaton per script, each with the characters
        # of which its every entry holds one: a text that has none of them is not scanned for that script's entries.
        # A text in Latin script is not scanned for the Chinese, Thai, Arabic... entries at all.
        self.keys = [_Keys(probes.get(script), owned)
                     for script, owned in sorted(key_owners.items(), key=lambda item: item[0] != "latin")]

    def automaton(self, rule: int):
        """Every entry of the classes of a rule: built when a block is first a candidate for the rule (in most runs
        most rules never are: their languages do not occur)."""
        automaton = self._automata[rule]
        if automaton is None:
            owners: dict[str, list[tuple]] = {}
            for (core, before, prefix, after), names in self.rules[rule].params["_entries"]:
                owners.setdefault(core, []).append((rule, names, before, prefix, after))
            automaton = self._automata[rule] = build_automaton(owners)
        return automaton


class _Keys:
    """The key entries of one script, with the characters of which each holds one (None: Latin, scanned in every
    text); the automaton is built when a text first needs it."""

    __slots__ = ("_automaton", "chars", "owners")

    def __init__(self, chars: set[str] | None, owners: dict[str, list[tuple]]):
        self.chars, self.owners = (None if chars is None else CharProbe(chars)), owners
        self._automaton = None

    @property
    def automaton(self):
        if self._automaton is None:
            self._automaton = build_automaton(self.owners)
        return self._automaton


def compile(rules) -> _Compiled:
    return _Compiled(rules)


def _key_hits(text: str, starts: list[int], automata, scopes: list[str], scope: str) -> Iterator[tuple]:
    """(block, rule, its classes the entry is in) of every key entry found whole in text, block by block: the
    streams of several scripts' automata are merged in the order of their blocks."""
    streams = [((bisect_right(starts, start) - 1, rule, names)
                for start, _end, (rule, names, _before, _prefix, _after) in scan(automaton, text, 0, len(text))
                if scopes[rule] == scope) for automaton in automata]
    return streams[0] if len(streams) == 1 else heapq.merge(*streams, key=lambda hit: hit[0])


def _candidates(st, text: str, highs, compiled: _Compiled, scopes: list[str],
                scope: str) -> Iterator[tuple[int, int]]:
    """(block, rule) of the blocks that hold words of each key class of one of the rule's sequences.
    Hits come block by block: only the current block's are held (a 30 MB page has 300,000 blocks)."""
    automata = [keys.automaton for keys in compiled.keys
                if keys.chars is None or keys.chars.search(text, highs)]  # scripts the text holds
    current, held = -1, {}
    for b, rule, names in itertools.chain(_key_hits(text, st.starts, automata, scopes, scope), ((-2, 0, ()),)):
        if b != current:
            for r, classes in held.items():
                if any(keyset <= classes for keyset in compiled.rules[r].params["_keysets"]):
                    yield current, r
            current, held = b, {}
        held.setdefault(rule, set()).update(names)


def _hits(doc, compiled: _Compiled) -> dict[tuple[int, str], dict[int, dict[str, list]]]:
    """(rule index, scope) -> block -> class -> the (start, end) of its entries there. The scope is
    scanned for the rarer classes' entries first; only the blocks that hold them are scanned for all."""
    found: dict[tuple[int, str], dict[int, dict[str, list]]] = {}
    if not compiled.keys:
        return found
    scopes = compiled.scopes
    for scope in set(scopes):
        st = doc.scope(scope)
        if not st.text:
            continue
        # Simplified Chinese characters for Traditional ones, as in the entries: the high bytes known for the scope's
        # text are not those of a folded text.
        folded = fold(st.lower, st.high_bytes)
        text = matchable(folded)
        highs = st.high_bytes if folded is st.lower else None
        for b, rule in _candidates(st, text, highs, compiled, scopes, scope):
            b_start = st.starts[b]
            # The block alone (a separator around it, no word): the automaton reads a copy of what it scans.
            block = text[b_start:b_start + len(st.blocks[b].text)]
            classes = found.setdefault((rule, scope), {}).setdefault(b, {})
            for start, end, (_rule, names, _before, _prefix, _after) in scan(compiled.automaton(rule), block, 0,
                                                                              len(block)):
                for name in names:
                    classes.setdefault(name, []).append((b_start + start, b_start + end))
    return found


def _past(text: str, start: int, end: int, sentences: int) -> bool:
    """Do ``sentences`` sentences end between start and end?"""
    return any(count >= sentences for count, _ in enumerate(_SENTENCE_END.finditer(text, start, end), 1))


_MARKUP = " \t*_#>-\u2022\u3000)]¡¿"  # Spanish opening marks open a sentence, no word


def _sentence_start(marks: list[int], block_start: int, pos: int) -> int:
    """Where the sentence holding text[pos] starts: after the last sentence mark before it."""
    return marks[i - 1] if (i := bisect_right(marks, pos)) else block_start


def _anchored(text: str, block_start: int, pos: int, anchor: str, lead: int, marks: list[int]) -> bool:
    """May a sequence start at text[pos]? (At the start of its sentence, clause or line, after at most lead words.)
    ``marks`` are the ends of the block's sentence marks, in order."""
    if anchor == "none":
        return True
    if anchor == "line":
        start = max(text.rfind("\n", block_start, pos) + 1, block_start)
    else:
        start = _sentence_start(marks, block_start, pos)
        if anchor == "clause":  # or its clause: "If you need help preparing the forms, let me know"
            start = max(start, *(text.rfind(mark, start, pos) + 1 for mark in ",\uff0c\u3001\u060c"))
    if pos - start > FAR:
        return False
    before = text[start:pos]
    # (read from further back only when the lead alone looks open: a colon inside a quoted title, "„Avant: From“
    # nemohu", starts no quotation)
    if (_QUOTE.search(before) and quotation_open(before)
            and quotation_open(text[max(block_start, pos - _QUOTE_REACH):pos])):
        return False  # inside a quotation still open there ("“I cannot confirm it,” he said" is the speaker's)
    before = before.lstrip(_MARKUP)
    return not before or (lead > 0 and count_words(before) <= lead)


def _find(text: str, block_start: int, hits: dict[str, list], params: dict,
          ends: SentenceEnds) -> Iterator[tuple[int, int]]:
    for spans in hits.values():
        spans.sort(key=lambda span: (span[0], -span[1]))  # in order, the longest first at one place
    gap = params.get("gap", 3)
    anchor = params.get("anchor", "sentence")
    lead = params.get("lead", 0)
    starts = {name: [span[0] for span in spans] for name, spans in hits.items()}
    marks: list[int] = []
    if (anchor not in ("none", "line") or params.get("report") or params.get("_opens")) and hits:
        marks = ends.starts()  # once per block, for every rule with hits in it
    found: list[tuple[int, int]] = []
    for variant in params["_variants"]:
        failed: set[tuple[int, int]] = set()  # (slot, position) from which the rest of this variant fails
        whole = (lead and QUESTION_SLOT in variant) or params.get("report") == "sentence"  # "...싶으신가요?" whole
        # "^": the first class opens its sentence, with no lead ("Understood.", not "Nothing was understood.")
        opens = variant[0] == START_SLOT
        if opens:
            variant = variant[1:]
        for start, end in hits.get(slot_name(variant[0]), ()):
            if not (_anchored(text, block_start, start, "sentence" if anchor == "none" else anchor, 0, marks)
                    if opens else _anchored(text, block_start, start, anchor, lead, marks)):
                continue
            position = follow(text, hits, starts, variant, 1, end, gap, ends, failed)
            if position is not None:
                if whole:
                    lead_in = unquoted_tail(text[_sentence_start(marks, block_start, start):start])
                    start -= len(lead_in.lstrip(_MARKUP))
                found.append((start, position))
    # One match per place: the earliest start, then the longest.
    last_end = -1
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if start >= last_end:
            last_end = end
            yield start, end


def run(doc, compiled: _Compiled) -> Iterator[Match]:
    found = _hits(doc, compiled)
    openings: dict[tuple[str, str], int] = {}
    firsts: dict[tuple[str, int], int] = {}  # where an opening block's first sentence begins, once per block
    block_ends: dict[tuple[str, int], SentenceEnds] = {}
    for i, rule in enumerate(compiled.rules):
        by_block = found.get((i, rule.scope))
        if not by_block:
            continue
        st = doc.scope(rule.scope)
        lower = st.lower
        anchor = rule.params.get("anchor", "sentence")
        last = len(st.blocks) - CLOSING_BLOCKS
        if anchor in ("opening", "start") and (anchor, rule.scope) not in openings:  # once per scope, not per rule
            openings[anchor, rule.scope] = opening_block(st) if anchor == "opening" else untitled(doc, st)
        opening = openings.get((anchor, rule.scope))
        sentences = rule.params.get("sentences", 1)
        for b in sorted(by_block):
            hits = by_block[b]
            if (opening is not None and b > opening) or (anchor == "closing" and b < last):
                continue
            start = st.starts[b]
            end = start + len(st.blocks[b].text)
            if opening is not None:
                first = firsts.get((rule.scope, b))
                if first is None:  # a blank line before the first sentence ends none; nor does a label
                    first = firsts[rule.scope, b] = past_label(lower, _SPACE.match(lower, start, end).end(), end)
            ends = block_ends.get((rule.scope, b))
            if ends is None:  # once per block, whatever the number of rules and candidates in it
                ends = block_ends[rule.scope, b] = SentenceEnds(st.text, start, end)
            for m_start, m_end in _find(lower, start, hits, rule.params, ends):
                if opening is not None and _past(lower, first, m_start, sentences):
                    break  # past the block's first sentences
                # The finding is the rest of the sentence too: what the reader sees as one remark (unless the match
                # already ends it: "질문해 주셔서 감사합니다." is not run on into the next sentence).
                tail = m_end
                if lower[m_end - 1:m_end] not in _ENDS:
                    quote = _QUOTE_END.search(st.text, m_end, min(end, m_end + FAR))
                    tail = ends.tail(m_end, quote.start() if quote else min(end, m_end + FAR))
                yield Match(rule, st, m_start, tail)
