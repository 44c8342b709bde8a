"""Whose words a match stands in: quoted speech, a character of a script or transcript, a letter
speaking to its addressee. The rules' `exclude: {quoted: true, letter: true}` ask these; a chat
leftover is the model talking to its requester, not someone the text quotes or stages."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from ..vocabulary import GREETINGS, HEADING_TAGS

_QUOTE_MARKS = "\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f\"'\u2018\u2019"
_OPENING_MARKS = "\u201e\u201c\u00ab\u300c\u300e\"\u2018"


@lru_cache(maxsize=64)
def _quote_marks(block: str) -> dict[str, list[int]]:
    """Where each quotation mark stands in the block: found once per block, so that a block of
    thousands of matches is answered by bisection, not by counting its text again per match."""
    return {mark: [i for i, ch in enumerate(block) if ch == mark] for mark in _QUOTE_MARKS if mark in block}


def in_quotes(block: str, start: int, end: int) -> bool:
    """Is text[start:end] inside quotation marks (curly or straight) of its block?"""
    marks = _quote_marks(block)
    if not marks:
        return False
    # A finding reported from its sentence's start may begin with the mark that opens the quotation
    # ("„Kann ich Ihnen sonst noch helfen?“" closing a story): the words are inside it.
    while start < end and block[start] in _OPENING_MARKS:
        start += 1

    if _glossed(block, start, end):
        return True

    def before(mark: str) -> int:
        return bisect_left(marks.get(mark, ()), start)

    # German quotes open with „ and close with “, which elsewhere opens one.
    if before("\u201c") - before("\u201e") > before("\u201d"):
        return True
    # «guillemets», „German“, 「Japanese and Chinese」 and 『nested』 quotes.
    for opening, closing in (("\u00ab", "\u00bb"), ("\u201e", "\u201c"), ("\u300c", "\u300d"), ("\u300e", "\u300f")):
        if before(opening) > before(closing):
            return True
    straight = marks.get('"', ())
    opened = before('"')
    if opened % 2 == 1:
        if bisect_left(straight, end) < len(straight):
            return True
        if _closed_curly(block, marks, straight[opened - 1], start, end):
            return True
    # 'single quotes' only when they open right before the match.
    i = start
    while i > 0 and block[i - 1].isspace():
        i -= 1
    if i > 0 and block[i - 1] in ("\u2018", "'") and block[end:end + 3].lstrip()[:1] in ("\u2019", "'"):
        return True
    return False


_CLOSING_MARKS = "\u201d\u00bb\u300d\u300f\"'\u2019"


def _glossed(block: str, start: int, end: int) -> bool:
    """Is text[start:end] in brackets right after a closing quotation mark: the quotation again, translated
    (「当然，这是……」(Certainly, here is a possible introduction for your topic))?"""
    opening = max(block.rfind("(", 0, start), block.rfind("\uff08", 0, start))
    if opening < 1 or any(c in block[opening:start] for c in ")\uff09"):
        return False
    closing = min((i for i in (block.find(")", end), block.find("\uff09", end)) if i != -1), default=-1)
    return closing != -1 and block[:opening].rstrip()[-1:] in _CLOSING_MARKS


def _closed_curly(block: str, marks: dict[str, list[int]], opening: int, start: int, end: int) -> bool:
    """A quote opened with a straight mark and closed with a curly one ("...”), as copied news often
    has it: no curly close between the opening and the match, and the first one after the match
    closes this quote: no “curly” quote opens between the two."""
    closers = marks.get("\u201d", ())
    if bisect_left(closers, opening) != bisect_left(closers, start):
        return False
    i = bisect_left(closers, end)
    if i == len(closers):
        return False
    close = closers[i]
    curly_open = marks.get("\u201c", ())
    return bisect_left(curly_open, opening) == bisect_left(curly_open, close) and '"' not in block[end:close]


# A line of a script or a chat transcript: a speaker's name and a colon ("Captor: Verily, I cannot...",
# "Иван: ...", "ลูกค้า: ...", "甲：..."). The name's words open with a capital, or are written in a
# script without capitals (then one word of at most 12 letters).
# (a space may stand before the colon, as French and Thai scripts set it: "MARIE : Bonjour", "เอ : สวัสดีครับ")
_SPEAKER = re.compile(r"^[ \t*_]*([^\W\d_][^\s:：*]*(?: [^\W\d_][^\s:：*]*){0,2})[*_]*[ \t\u00a0\u202f]?(?::[ \t]|：)",
                      re.MULTILINE)
# Labels that are not speakers, in the languages of the default pack (compared in lower case).
_LABELS = frozenset((
    "note", "notes", "title", "subject", "response", "answer", "output", "input", "step", "summary", "conclusion",
    "example", "disclaimer", "source", "sources", "date", "update", "question", "instruction", "instructions", "tip",
    "warning", "important", "q", "a", "human", "assistant", "user", "system", "prompt", "headline", "caption", "by",
    "回答", "答", "问", "問", "问题", "問題", "答案", "注意", "注", "提示", "说明", "說明", "总结", "總結", "结论", "結論",
    "例如", "背景", "步骤", "步驟", "用户", "助手", "系统", "输入", "输出", "题目", "解答", "解析", "要点", "备注",
    "回答例", "質問", "解説", "説明", "まとめ", "ポイント", "例", "答え", "ユーザー", "アシスタント",
    "답변", "답", "질문", "참고", "주의", "요약", "결론", "예시", "사용자", "설명",
    "คำตอบ", "คำถาม", "หมายเหตุ", "สรุป", "ตัวอย่าง", "ผู้ใช้",
    "الإجابة", "الجواب", "السؤال", "ملاحظة", "ملخص", "مثال", "المستخدم",
    "ответ", "вопрос", "примечание", "итог", "вывод", "пример", "пользователь", "ассистент", "внимание", "важно",
    "jawaban", "pertanyaan", "catatan", "respuesta", "pregunta", "nota", "réponse", "antwort", "frage", "hinweis",
    "risposta", "domanda", "resposta", "pergunta", "odpověď", "otázka", "poznámka", "sagot", "tanong"))


# Dialogue set with dashes, as Russian, Spanish, French or Czech fiction and news write it: a line opened
# by a dash ("— Извините, но я не могу...", "—Lo siento, no puedo..."), or a line where a dash brings in
# who spoke after the words ("Какой интересный вопрос! — воскликнул профессор.").
_DASH_LINE = re.compile(r"[ \t]*(?:[\u2014\u2015][ \t]*|\u2013[ \t]+)\S")
_DASH_TAG = re.compile(r"[!?,\u2026][ \t]*[\u2014\u2015\u2013][ \t]*([^\W\d_])")
_DASH_TAG_REACH = 400  # characters


# Unquoted speech with its tag in the same sentence, as fiction and news set it: "No puedo proporcionar la
# respuesta, respondió el ministro", "I am an AI assistant named Samantha, the voice said from the speaker".
# The tag is a comma, at most three words (not "as": "as I said" is the speaker's own aside) and a verb
# of saying in the third person or the past.
_SAY = ("said|replied|answered|shouted|whispered|insisted|cried|"
        "dijo|respondió|contestó|preguntó|gritó|afirmó|explicó|añadió|aseguró|señaló|declaró|"
        "disse|respondeu|perguntou|afirmou|explicou|gritou|acrescentou|declarou|garantiu|"
        "répondit|demanda|cria|expliqua|ajouta|déclara|affirma|a dit|a répondu|a demandé|a expliqué|a ajouté|"
        "sagte|antwortete|fragte|rief|erklärte|meinte|betonte|"
        "rispose|chiese|gridò|spiegò|aggiunse|dichiarò|ha detto|ha risposto|"
        "сказал|сказала|ответил|ответила|спросил|спросила|крикнул|крикнула|заявил|заявила|добавил|добавила|"
        "řekl|řekla|odpověděl|odpověděla")
_SPEECH_TAG = re.compile(r",[ \t]+(?:(?!(?:as|como|comme|wie|come|как|jak)\b)[^\W\d][\w'-]*[ \t]+){0,3}?"
                         rf"(?:{_SAY})(?![\w-])", re.IGNORECASE)
_TAG_REACH = 300  # characters after the finding


def by_speech_tag(block: str, start: int, end: int, sentence_end: int) -> bool:
    """Is block[start:end] unquoted speech whose sentence (ending at ``sentence_end``) names its speaker
    after a comma?"""
    return bool(_SPEECH_TAG.search(block, start, min(sentence_end, end + _TAG_REACH)))


# Unquoted speech after its lead-in on the same line, as an article about a chatbot reports it: "Asked about the
# war, ChatGPT wrote: As an AI language model, I cannot take sides", "it replied: I'm sorry, but...", "ChatGPT says
# things like *As an AI...*". The lead names a speaker and more before its verb: a pasted chat's own "ChatGPT said:"
# label opening the line is not one.
_LEAD_SAY = (_SAY + "|wrote|writes|says|replies|responded|responds|answers|typed|told us|told me|told him|told her|"
             "told them|escribió|escribe|responde|a écrit|écrit|répond|schrieb|schreibt|antwortet|escreveu|escreve|"
             "scrisse|ha scritto|scrive|risponde|написал|написала|отвечает|пишет|napsal|napsala|odpovídá|píše|"
             "menjawab|berkata|menulis|mengatakan|trả lời|viết|nói|sumagot|sinabi|isinulat|قال|قالت|أجاب|أجابت|كتب|"
             "كتبت|ردّ|رد|ردت|답했다|말했다|썼다")
# The verb ends right before the colon; "says things like" needs none. Each is tried only where a colon or "like"
# stands, so a sentence of thousands of matches is not read again for each.
_LEAD_VERB = re.compile(rf"(?<![\w-])(?:{_LEAD_SAY})[ \t]*$|(?:回答|回复|答道|说|写道|表示|答复|回覆|寫道)$", re.IGNORECASE)
_LIKE_LEAD = re.compile(r"(?<![\w-])(?:says|said|writes|wrote)[ \t]+(?:things[ \t]+like(?!\w)|like[ \t]*[\"\u201c'*_])",
                        re.IGNORECASE)
_COLON = re.compile("[:\uff1a]")
_LEAD_REACH = 300  # characters before the finding
_VERB_REACH = 40  # characters before a colon
_REPORT_END = re.compile(r"[.!?\u3002\uff01\uff1f](?=\s|$)|[\u3002\uff01\uff1f]")


def after_speech_lead(block: str, start: int) -> bool:
    """Does block[start:] follow, on its line, a lead-in to someone's words ("..., ChatGPT wrote: ")?"""
    head_start = max(block.rfind("\n", max(0, start - _LEAD_REACH), start) + 1, start - _LEAD_REACH, 0)
    head = block[head_start:start]
    ends = []  # (where the verb starts, where the lead ends)
    for colon in _COLON.finditer(head):
        window = max(0, colon.start() - _VERB_REACH)
        verb = _LEAD_VERB.search(head, window, colon.start())
        if verb:
            ends.append((verb.start(), colon.end()))
    if "like" in head.lower():
        ends += [(m.start(), m.end()) for m in _LIKE_LEAD.finditer(head)]
    # the lead names a speaker and more; the words reported run to the end of their sentence: "The mayor said: it
    # opens Monday. I hope this helps!" leaves the second sentence to the writer
    return any(len(head[:at].split()) >= 2 and not _REPORT_END.search(head, end) for at, end in ends)


def in_dialogue(text: str, index: int) -> bool:
    """Is text[index] on a line of dialogue: a script with two speakers or more, each line opened by a
    name, or a line of dashed dialogue?"""
    line_start = text.rfind("\n", 0, index) + 1
    if _DASH_LINE.match(text, line_start):
        return True
    # Within the next few hundred characters of the line: a speech tag follows its words closely, and a
    # text of one endless line must not be rescanned for every match.
    reach = min(len(text), index + _DASH_TAG_REACH)
    line_end = text.find("\n", index, reach)
    tag = _DASH_TAG.search(text, index, line_end if line_end >= 0 else reach)
    if tag and tag.group(1).islower():
        return True
    m = _SPEAKER.match(text, line_start)
    if not m:
        return False
    kind = _speaker_kind(m.group(0), m.group(1))
    return kind is not None and _speakers(text)[kind] >= 2


def _speaker_kind(line_head: str, name: str) -> str | None:
    """"latin" for a name of capitalised Latin words ("Captor"), "other" for one word of another
    script ("Иван", "ลูกค้า", "乙"), None for a label ("Note", "回答", "**背景：**") or no name."""
    if name.lower() in _LABELS:
        return None
    words = name.split(" ")
    if all(w[0].isascii() and w[0].isupper() and w.replace("'", "").replace(".", "").replace("-", "").isalnum()
           for w in words):
        return "latin"
    # Elsewhere a script of its own: one word of letters only, and no bold label.
    if len(words) > 1 or len(name) > 12 or "*" in line_head:
        return None
    if not all(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in name):
        return None
    if any(ch.lower() != ch.upper() for ch in name) and not name[0].isupper():
        return None
    return "other"


@lru_cache(maxsize=8)
def _speakers(text: str) -> dict[str, int]:
    """How many speakers the text's script lines have: any capitalised Latin names; of other names only
    those that open two lines or more (a script goes back and forth; a label such as "注意：" does not).
    Once per text, not per match."""
    latin: set[str] = set()
    other: dict[str, int] = {}
    for m in _SPEAKER.finditer(text):
        kind = _speaker_kind(m.group(0), m.group(1))
        if kind == "latin":
            latin.add(m.group(1))
        elif kind == "other":
            other[m.group(1)] = other.get(m.group(1), 0) + 1
    return {"latin": len(latin), "other": sum(1 for n in other.values() if n >= 2)}


# A letter's closing: a few words and a comma on a line of their own ("Sincerely,", "Best regards,",
# "Cordialement,"), whatever the language.
_LETTER_CLOSING = re.compile(r"[ \t*_]*[^\W\d][^\n,.!?:;]{0,30},[ \t*_]*(?:\n|$)")
_CLOSING_WITHIN = 2  # paragraphs (non-empty lines) after the match's


def before_letter_closing(text: str, index: int) -> bool:
    """Is text[index] in the last paragraphs of a letter's body, right above its closing
    ("Sincerely,")? "Please do not hesitate to reach out" there is the letter's own words."""
    pos = text.find("\n", index)
    seen = 0
    while pos >= 0 and seen < _CLOSING_WITHIN:
        pos += 1
        end = text.find("\n", pos)
        line = text[pos:end if end >= 0 else len(text)]
        if line.strip():
            if _LETTER_CLOSING.match(line + "\n") and len(line.split()) <= 4 and _signature_after(text, end):
                return True
            seen += 1
        pos = end
    return False


# A letter's salutation: a short line ending with a comma ("Dear customer,", "尊敬的客户，"), or with a
# colon after a salutation word ("尊敬的客户：").
_SALUTATION = re.compile(r"[ \t*_]*(?:[^\W\d][^\n!?:：]{0,40}[,，、]|(?:dear|尊敬的|亲爱的|敬爱的|拝啓)[^\n!?]{0,30}[:：]"
                         r"|[^\n]{1,20}(?:様|さま|殿|御中|님께))[ \t*_]*$", re.IGNORECASE)
_SALUTATION_REACH = 3  # paragraphs (non-empty lines) after it that are the letter's opening

# A name or a title: capitalised where the script has capitals ("Bonjour, je suis Elon Musk, ..." names
# the speaker, not an addressee), any word in Arabic and Thai.
_NAME_WORD = (r"(?:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ][\w.'’-]*|(?i:mr|mrs|ms|dr|prof|sir|madam|madame|monsieur|herr|frau|señor|señora"
              r"|senhor|senhora|sr|sra|dottor|dottoressa|signor|signora|pane|paní|pani|ibu|bapak|pak|bu|anh|chị|em"
              r"|ông|bà|kak|ate|kuya)\.?|[\u0600-\u06FF]+|[\u0E00-\u0E7F]+)")
# A message that greets its addressee by name on its first line, the body following on the same
# line ("Hi Jordan, as you asked, I've marked...", "Lieber Jonas, wie gewünscht...", "박 대표님, ..."):
# a greeting word, at most four words of name or title, a comma. A chat answer greets with "!"
# ("Olá, Fred!", "Hello! How can I...") or no name ("Hello, I am an AI assistant").
_INLINE_SALUTATION = re.compile(
    GREETINGS + r"[ \t,]+(?:" + _NAME_WORD + r"[ \t]+){0,3}" + _NAME_WORD + r"[ \t]*[,，،]"
    r"|[^\W\d][^\s,，、]{0,12}(?:様|さま|さん|先生)[、,，]|[^\W\d][^\n,，]{0,12}님[,，]")


def _signature_after(text: str, pos: int) -> bool:
    """Is all that follows a closing line a signature: a few short lines to the end of the text? ("For
    example," is followed by the rest of an article.) Only the text's last few hundred characters can be."""
    if pos < 0:
        return True
    if len(text) - pos > _SIGNATURE_CHARS:
        return False
    rest = [line for line in text[pos:].split("\n") if line.strip()]
    return len(rest) <= 8 and all(len(line) <= 60 for line in rest)


_SIGNATURE_CHARS = 600


# A signature: a dash and a name on the text's last lines ("— Clawd", "-- Ana Souza"), or a closing line and a name.
_DASH_SIGNATURE = re.compile(r"[ \t*_]*(?:—|–|--?)[ \t]*[^\W\d][^\n]{0,40}$")
_SIGNED_CHARS = 20000  # a letter longer than that is a document that holds one


def in_signed_letter(st, index: int) -> bool:
    """Is text[index] in a letter that opens the text with its salutation ("Sandman,") and ends with its
    signature ("— Clawd")? All of it is the letter's words to its addressee: "About your question in your
    letter: yes" answers a correspondent, not a prompt."""
    first = _salutation_block(st)
    return 0 <= first <= index and _signed_letter(st.text, first)


_HEAD_LINES = 3  # short lines (a date, a place) that may stand above a salutation


def _salutation_block(st) -> int:
    """Where the salutation that opens a letter starts, after its title and a few short lines; -1 if none."""
    seen = 0
    for b, block in enumerate(st.blocks):
        text = block.text.strip()
        if not text or (block.tag in HEADING_TAGS and block.tag != "headline"):
            continue
        if "\n" not in text and _SALUTATION.match(text):
            return st.starts[b]
        seen += 1
        if seen >= _HEAD_LINES or len(text) > 60:
            return -1
    return -1


@lru_cache(maxsize=8)
def _signed_letter(text: str, first: int) -> bool:
    if first < 0 or len(text) - first > _SIGNED_CHARS:
        return False
    last = [line for line in text[-_SIGNATURE_CHARS:].split("\n") if line.strip()][-3:]
    return any(_DASH_SIGNATURE.match(line) for line in last) or any(
        _LETTER_CLOSING.match(line + "\n") and len(line.split()) <= 4 for line in last[:-1])


def after_salutation(st, index: int) -> bool:
    """Is text[index] in the first paragraphs of a letter that opens its text (after the title) with its
    salutation? "We are sorry for the delay" there is the letter's own words, to its addressee."""
    # (A salutation alone on the first line of a plain text is read as its headline.)
    first = next((i for i, b in enumerate(st.blocks) if b.text.strip() and (
        b.tag not in HEADING_TAGS or (b.tag == "headline" and _SALUTATION.match(b.text.strip())))), None)
    if first is None or index < st.starts[first] or index - st.starts[first] > 3000:
        return False
    whole_lines = [line for line in st.text[st.starts[first]:index].split("\n")[:-1] if line.strip()]
    if 0 < len(whole_lines) <= _SALUTATION_REACH and _SALUTATION.match(whole_lines[0]):
        return True
    # The greeting inline: the match on its line or in the next paragraphs
    opening = st.text[st.starts[first]:st.starts[first] + 80].lstrip(" \t*_")
    return len(whole_lines) < _SALUTATION_REACH and bool(_INLINE_SALUTATION.match(opening))
