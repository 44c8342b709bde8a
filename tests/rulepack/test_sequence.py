"""The sequence kind: word classes in order within a window, anchored, in any script."""

from __future__ import annotations

import pytest

from contentcheck.rulepack.rule import RulePackError

from ..conftest import assert_maps_back, check, make_pack, rule_ids

REFUSAL = """
rules:
  - id: refusal
    category: test-chat
    severity: error
    message: Refusal
    kind: sequence
    lead: 2
    classes:
      sorry: [sorry, "i'm sorry", unfortunately]
      me: [i, "i'm", "i am"]
      cannot: [cannot, "can't", "unable to", "not able to"]
      produce: [fulfil*, provide, write]
    sequences:
      - [sorry?, me, cannot, produce]
"""


def ids(text, pack, fmt="text"):
    return rule_ids(check(text, pack, fmt))


def test_sequence_finds_the_shape_with_words_between(tmp_path):
    pack = make_pack(tmp_path, REFUSAL)
    source = "City news\n\nBy Ana Ruiz\n\nI'm sorry, but I am really not able to fulfill this request.\n"
    result = check(source, pack, "text")
    assert_maps_back(source, result, "text")
    (f,) = result.findings
    assert f.rule == "refusal" and (f.line, f.column) == (5, 1)
    assert f.text == "I'm sorry, but I am really not able to fulfill this request."


@pytest.mark.parametrize("text", [
    "I can't write.",                          # curly or straight apostrophes alike
    "I can\u2019t write.",
    "Unfortunately, I CANNOT FULFILL this.",   # case
    "The vote passed. I cannot provide more.",  # after a sentence end
    "- I cannot provide more.",                # after a list bullet
])
def test_sequence_matches(tmp_path, text):
    assert ids(text, make_pack(tmp_path, REFUSAL)) == ["refusal"]


def test_an_aside_in_brackets_is_not_counted_in_the_gap(tmp_path):
    pack = make_pack(tmp_path, REFUSAL)
    assert ids("I cannot (as the rules of this site, its owners and the law say) provide it.", pack) == ["refusal"]
    assert ids("I cannot, as the rules of this site, its owners and the law say, provide it.", pack) == []


@pytest.mark.parametrize("text", [
    "I cannot, for many reasons that take a while to list, provide it.",  # more than `gap` words between
    "I cannot. Provide it yourself.",                   # a sentence end between two slots
    "Then she said I cannot provide it.",               # more than `lead` words before the first slot
    "I cannot providence.",                             # a whole word unless the entry ends with *
    "Icannot provide it.",
])
def test_sequence_does_not_match(tmp_path, text):
    assert ids(text, make_pack(tmp_path, REFUSAL)) == []


@pytest.mark.parametrize("text,found", [
    # a quotation still open at the first slot: someone's words
    ('He wrote: "Sadly, I cannot provide it."', False),
    ("„Leider, I cannot provide it“, he wrote.", False),
    # a quotation closed within the lead, a colon inside it too: the writer speaks
    ('For "Ode: Summer", I cannot provide it.', True),
    ("Zu „Ode: Sommer“ I cannot provide it.", True),
])
def test_a_quotation_open_at_the_first_slot_takes_its_words_not_one_closed_before(tmp_path, text, found):
    pack = make_pack(tmp_path, REFUSAL)
    assert ids(text, pack) == (["refusal"] if found else [])


def test_scripts_without_spaces_and_diacritics(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: refusal-zh
        category: test-chat
        message: Refusal
        kind: sequence
        gap: 4
        classes:
          sorry: [很抱歉, 抱歉, 对不起]
          me: [我]
          cannot: [无法, 不能]
          produce: [满足, 提供, 完成]
        sequences:
          - [sorry?, me, cannot, produce]
      - id: refusal-fr
        category: test-chat
        message: Refusal
        kind: sequence
        lead: 2
        gap: 4
        classes:
          sorry: [désolé, désolée]
          ai: ["modèle de langage"]
        sequences:
          - [sorry, ai]
    """)
    assert ids("很抱歉，我无法满足您的请求。", pack) == ["refusal-zh"]
    assert ids("这是新闻。我无法为您提供这些信息。", pack) == ["refusal-zh"]
    assert ids("Je suis désolé, mais en tant que modèle de langage IA, je ne peux pas.", pack) == ["refusal-fr"]
    assert ids("JE SUIS DÉSOLÉ, MAIS EN TANT QUE MODÈLE DE LANGAGE IA.", pack) == ["refusal-fr"]
    assert ids("Je suis desole, le modele de langage.", pack) == []   # diacritics are letters, not decoration
    assert ids("天气很好，我们去公园。", pack) == []


def test_adjacent_slot_and_clause_end(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: ai-self
        category: test-chat
        message: AI
        kind: sequence
        classes:
          as: [as]
          det: [a, an]
          ai: [ai, "language model"]
          made: [developed, trained]
        sequences:
          - [as, det, ai, .]
          - [as, det, ai, +made]
    """)
    assert ids("As an AI, I have no opinions.", pack) == ["ai-self"]
    assert ids("As an AI developed by a lab, I answer.", pack) == ["ai-self"]
    assert ids("As an AI researcher, I have trained models.", pack) == []


def one_rule_pack(tmp_path, classes: str, sequence: str):
    """A pack of one sequence rule, ``shape``, with the classes and the sequence given as YAML."""
    return make_pack(tmp_path, f"""
    rules:
      - id: shape
        category: test-chat
        message: Shape
        kind: sequence
        classes: {classes}
        sequences:
          - {sequence}
    """)


def test_an_arabic_comma_ends_a_clause(tmp_path):
    pack = one_rule_pack(tmp_path, '{right: ["أنت محق تمامًا"]}', "[right, .]")
    assert ids("أنت محق تمامًا، لقد أخطأت في الجدول.", pack) == ["shape"]
    assert ids("أنت محق تمامًا في قلقك من الإيجار.", pack) == []


def test_a_name_of_address_after_a_comma_is_skipped(tmp_path):
    pack = one_rule_pack(tmp_path, '{affirm: ["claro,", "claro!", "sure,"], here: ["aqui estão", "here\'s"]}',
                         "[affirm, here]")
    assert ids("Claro, Danilo! Aqui estão as informações:", pack) == ["shape"]
    assert ids("Sure, Dana Holt. Here's the outline:", pack) == ["shape"]
    # a lower-case word is no name, and a name with no comma before it is a sentence of its own
    assert ids("Claro, obviamente! Aqui estão as informações:", pack) == []
    assert ids("Claro! Danilo! Aqui estão as informações:", pack) == []


def test_a_caret_makes_the_first_class_open_its_sentence_whatever_the_lead(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: ack
        category: test-chat
        message: Ack
        kind: sequence
        anchor: opening
        lead: 3
        classes:
          ack: ["understood."]
        sequences:
          - ["^", ack]
    """)
    assert ids("Understood.\n\nThe report has three parts.", pack) == ["ack"]
    assert ids("Nothing was understood. The council met again.", pack) == []


def test_next_sentence_slot_reads_an_assent_then_a_handover(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: assent
        kind: sequence
        anchor: opening
        category: test-chat
        message: An assent, then a handover
        classes:
          affirm: ["claro,", "当然，", "genial!", "很好！"]
          here: ["aquí tienes", "以下是"]
        sequences:
          - ["^", affirm, ">", here]
    """)
    assert ids("Claro, varios países ofrecen becas. Aquí tienes algunos ejemplos:", pack) == ["assent"]
    assert ids("Claro, varios países ofrecen becas.\nAquí tienes algunos ejemplos:", pack) == ["assent"]
    assert ids("当然，有几种方法可以改善睡眠。以下是一些建议：", pack) == ["assent"]
    # a class that ends with its sentence's own mark leaves only the space before the next
    assert ids("Genial! Aquí tienes algunos ejemplos:", pack) == ["assent"]
    assert ids("很好！以下是一些建议：", pack) == ["assent"]
    # the handover must open the very next sentence, in the same paragraph
    assert ids("Claro, varios países ofrecen becas. El plazo vence pronto. Aquí tienes algunos ejemplos:", pack) == []
    assert ids("Claro, varios países ofrecen becas. Luego aquí tienes algunos ejemplos:", pack) == []
    assert ids("Claro, varios países ofrecen becas.\n\nAquí tienes algunos ejemplos:", pack) == []
    # the finding runs over both sentences
    found = check("Claro, varios países ofrecen becas. Aquí tienes algunos ejemplos: A y B.", pack, "text").findings
    assert [f.text for f in found] == ["Claro, varios países ofrecen becas. Aquí tienes algunos ejemplos: A y B."]
    # an abbreviation before a small letter ends no sentence; a French closing guillemet may follow a space
    assert ids("Claro, hay becas, p. ej. las del Estado. Aquí tienes algunos ejemplos:", pack) == ["assent"]
    assert ids("Claro, el lema es « Adelante. » Aquí tienes algunos ejemplos:", pack) == ["assent"]


def test_question_slot_reads_past_an_abbreviation(tmp_path):
    pack = offer_pack(tmp_path, ["souhaites-tu que je", "would you like me to", "хотите, чтобы я", "how can i help you"])
    found = check("Le texte.\n\nSouhaites-tu que je le transforme avec visuels, paliers, etc. ?", pack, "text").findings
    assert [f.text for f in found] == ["Souhaites-tu que je le transforme avec visuels, paliers, etc. ?"]
    found = check("The table.\n\nWould you like me to rewrite it for other formats, e.g. slides or a memo?", pack, "text")
    assert [f.text for f in found.findings] == ["Would you like me to rewrite it for other formats, e.g. slides or a memo?"]
    assert ids("Мост.\n\nХотите, чтобы я рассказал о других мостах, напр. о мостах Петербурга?", pack) == ["offer"]
    # any other full stop ends the sentence, before a capital or not: the question is another one
    assert ids("Le texte.\n\nSouhaites-tu que je le garde. Pourquoi pas ?", pack) == []
    assert ids("notes\n\nevery morning i say how can i help you today. they smile. who knew?", pack) == []


def test_an_absent_class_slot_refuses_a_third_party_named_next(tmp_path):
    pack = one_rule_pack(tmp_path, '{as_: [as], det: [a, an], ai: ["language model", ai], '
                                   'other: [chatgpt, "gpt-3", "the model"]}', '[as_, det, +ai, ".", "!other"]')
    assert ids("As a language model, I have no opinions.", pack) == ["shape"]
    assert ids("As an AI, however, I cannot browse the web.", pack) == ["shape"]
    assert ids("As a language model, ChatGPT can write essays.", pack) == []
    assert ids("As a language model, the model has no opinions.", pack) == []
    # only the window after the slot counts: a name later in the sentence does not
    assert ids("As an AI, I have read what people say about ChatGPT.", pack) == ["shape"]


def offer_pack(tmp_path, wishes, lead=0, sequence='[offer, "?"]'):
    """A closing question that opens (or, with a lead, closes) with one of ``wishes``."""
    return make_pack(tmp_path, f"""
    rules:
      - id: offer
        category: test-chat
        message: Offer
        kind: sequence
        anchor: closing
        lead: {lead}
        classes:
          offer: {wishes}
        sequences:
          - {sequence}
    """)


def test_question_slot_needs_the_sentence_to_end_as_a_question(tmp_path):
    pack = offer_pack(tmp_path, '["would you like", "¿te gustaría", "هل ترغب في", "是否想"]')
    assert ids("The bridge opened.\n\nWould you like to know more about its design?", pack) == ["offer"]
    assert ids("The bridge opened.\n\nWould you like to know more. Call us!", pack) == []
    assert ids("El puente abrió.\n\n¿Te gustaría saber más sobre su diseño?", pack) == ["offer"]
    assert ids("افتتح الجسر.\n\nهل ترغب في معرفة المزيد عن تصميمه؟", pack) == ["offer"]
    assert ids("桥开通了。\n\n是否想进一步了解它的设计？", pack) == ["offer"]
    # A question earlier in the text is no closing offer.
    assert ids("Would you like to know more? Read on.\n\nA.\n\nB.\n\nC.", pack) == []
    # Nor is a sentence that asks its question only after it has ended.
    assert ids("The bridge opened.\n\nWould you like tea. Or coffee?", pack) == []


def test_last_slot_needs_the_sentence_to_close_its_block(tmp_path):
    pack = offer_pack(tmp_path, '["would you like a", "是否需要"]', sequence='[offer, "?", "$"]')
    assert ids("The bridge opened.\n\nWould you like a short quiz on its history?", pack) == ["offer"]
    assert ids("The bridge opened.\n\nWould you like a short quiz on its history? 🚀", pack) == ["offer"]
    assert ids("The bridge opened.\n\n**Would you like a short quiz on its history?**\n\nThanks.", pack, "markdown") == ["offer"]
    assert ids("桥开通了。\n\n是否需要一份时间表？", pack) == ["offer"]
    # a page going on to its own offer, in the same block, is not an answer waiting for its requester
    assert ids("The soup keeps.\n\nWould you like a printable version? Click the button below.", pack) == []
    assert ids("桥开通了。\n\n是否需要一份时间表？请点击下方链接。", pack) == []


def test_a_question_is_reported_whole_when_its_wish_closes_it(tmp_path):
    pack = offer_pack(tmp_path, '["싶으신가요"]', lead=8)
    (f,) = check("다리는 1932년에 지어졌습니다.\n\n**이 중에서 어떤 부분부터 시작하고 싶으신가요?** 도와드릴게요.\n", pack, "text").findings
    assert (f.line, f.column, f.text) == (3, 3, "이 중에서 어떤 부분부터 시작하고 싶으신가요?")


@pytest.mark.parametrize("anchor", ["none", "line", "sentence"])
def test_report_sentence_shows_a_verb_final_clause_whole_whatever_the_anchor(tmp_path, anchor):
    pack = make_pack(tmp_path, f"""
    rules:
      - id: serve
        category: test-chat
        message: Serve
        kind: sequence
        anchor: {anchor}
        lead: 30
        report: sentence
        classes:
          serve: ["제안해 드리겠습니다"]
        sequences:
          - [serve]
    """)
    (f,) = check("다리는 오래되었습니다. 이 문제를 해결하기 위한 해결책을 제안해 드리겠습니다.\n", pack, "text").findings
    assert (f.column, f.text) == (14, "이 문제를 해결하기 위한 해결책을 제안해 드리겠습니다.")


def test_opening_anchor_after_headline_and_byline(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: preamble
        category: test-chat
        message: Preamble
        kind: sequence
        anchor: opening
        classes:
          sure: ["sure!", "sure,"]
          here: ["here's", "here is"]
        sequences:
          - [sure, here]
    """)
    assert ids("Sure! Here's the story.\n\nThe bridge opened.\n", pack) == ["preamble"]
    assert ids("Bridge Opens\n\nBy Ana Ruiz\n\nSure, here is the story.\n\nThe bridge opened.\n", pack) == \
        ["preamble"]
    later = "Bridge Opens\n\nBy Ana Ruiz\n\nThe bridge opened.\n\nIt is long.\n\nSure, here is a photo.\n"
    assert ids(later, pack) == []
    assert ids("The bridge opened today. Sure, here is a photo.\n", pack) == []


def test_a_greeting_before_the_first_sentence_does_not_count_as_it(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: answer
        category: test-chat
        message: Answer
        kind: sequence
        anchor: opening
        classes:
          yes_: ["yes", "ya"]
        sequences:
          - ["^", yes_, .]
    """)
    assert ids("Hello! Yes, the museum is open.\n", pack) == ["answer"]
    assert ids("Selamat siang!\n\nYa, memang ada batasan.\n", pack) == ["answer"]  # the greeting a block alone
    assert ids("Hi there, friends. Yes, it opens at nine.\n", pack) == ["answer"]
    # Only a greeting is passed over: any other first sentence is the opening.
    assert ids("The museum reopened. Yes, it opens at nine.\n", pack) == []
    assert ids("Hello world programs are short. Yes, they are.\n", pack) == []


ENTRY_FORMS = [
    # A particle after the first or the second word of an entry (Tagalog "po"), not two of them
    ("particles: [po, ho]", "wala akong kakayahang",
     ["Wala po akong kakayahang magbigay ng payo.\n", "Wala akong po kakayahang magbigay ng payo.\n",
      "Wala akong kakayahang magbigay ng payo.\n"],
     ["Wala po po akong kakayahang magbigay.\n"], "Wala po akong kakayahang magbigay ng payo.\n"),
    # A proclitic on the first word (Arabic "ف", "و"), only one the rule lists
    ('proclitics: ["و", "ف"]', "أنا هنا لمساعدتك",
     ["فأنا هنا لمساعدتك.\n", "وأنا هنا لمساعدتك.\n", "أنا هنا لمساعدتك.\n"],
     ["بأنا هنا لمساعدتك.\n"], "فأنا هنا لمساعدتك.\n"),
    # Another word for one of its words, inside a run of a script without spaces (Thai "ดิฉัน" for "ฉัน")
    ("alike: {ฉัน: [ดิฉัน]}", "มีอะไรให้ฉันช่วย",
     ["มีอะไรให้ดิฉันช่วยไหมคะ\n", "มีอะไรให้ฉันช่วยไหม\n"],
     ["มีอะไรให้เขาช่วยไหม\n"], "มีอะไรให้ดิฉันช่วยไหมคะ\n"),
    # ... and as a whole word of a spaced script, not inside another word
    ("alike: {saya: [aku, gue]}", "Saya tidak dapat membantu",
     ["Aku tidak dapat membantu.\n", "Gue tidak dapat membantu soal itu.\n", "Saya tidak dapat membantu.\n"],
     ["Sayaku tidak dapat membantu.\n"], "Aku tidak dapat membantu.\n"),
]


@pytest.mark.parametrize("setting, entry, found, not_found, form", ENTRY_FORMS)
def test_an_entry_is_found_in_the_forms_its_language_writes_it_in(tmp_path, setting, entry, found, not_found, form):
    rule = f"""
    rules:
      - id: phrase
        category: test-chat
        message: Phrase
        kind: sequence
        SETTING
        classes:
          phrase: ["{entry}"]
        sequences:
          - [phrase]
    """
    pack = make_pack(tmp_path, rule.replace("SETTING", setting))
    for text in found:
        assert ids(text, pack) == ["phrase"], text
    for text in not_found:
        assert ids(text, pack) == [], text
    plain = make_pack(tmp_path / "plain", rule.replace("SETTING", ""))
    assert ids(form, plain) == []  # without the setting, only the entry as written


def test_clause_anchor_also_starts_after_a_comma(tmp_path):
    rule = """
    rules:
      - id: tellme
        category: test-chat
        message: Tell me
        kind: sequence
        anchor: ANCHOR
        classes:
          tellme: ["fammelo sapere", "请告诉我"]
        sequences:
          - [tellme]
    """
    clause = make_pack(tmp_path, rule.replace("ANCHOR", "clause"))
    long_if = "Se hai altre domande o hai bisogno di aiuto per preparare i documenti, fammelo sapere!\n"
    assert ids(long_if, clause) == ["tellme"]
    assert ids("如果还有问题，请告诉我。\n", clause) == ["tellme"]
    assert ids("Fammelo sapere subito.\n", clause) == ["tellme"]
    assert ids("Mi ha detto fammelo sapere domani.\n", clause) == []  # mid-clause: no
    sentence = make_pack(tmp_path / "sentence", rule.replace("ANCHOR", "sentence"))
    assert ids(long_if, sentence) == []


def test_exclude_heading_skips_a_match_in_a_headline(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: answer
        category: test-chat
        message: Answer
        kind: sequence
        scope: article
        anchor: none
        classes:
          yes_: ["yes,"]
        sequences:
          - ["^", yes_]
        exclude: {heading: true}
    """)
    page = "<html><head><title>Yes, Dinosaurs Were Real</title></head><body><h1>Yes, Dinosaurs Were Real</h1>" \
           "<p>Yes, they did exist.</p></body></html>"
    assert [f.text for f in check(page, pack, "html").findings] == ["Yes, they did exist."]


def test_exclude_prose_reads_headings_only(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: level
        category: test-chat
        message: Level
        kind: sequence
        scope: article
        anchor: none
        classes:
          h2: ["h2:"]
        sequences:
          - [h2]
        exclude: {prose: true}
    """)
    page = "# Bread\n\n## H2: Ingredients\n\nThe outline has H2: the sections.\n\n- H2: Method\n"
    assert [(f.line, f.text) for f in check(page, pack, "markdown").findings] == [(3, "H2: Ingredients")]


def test_article_scope_reads_the_html_title_and_h1(tmp_path):
    pack = make_pack(tmp_path, REFUSAL.replace("kind: sequence", "kind: sequence\n    scope: article"))
    page = ("<html><head><title>Sorry, I cannot fulfill this prompt</title></head><body>"
            "<h1>Sorry, I cannot fulfill this prompt</h1><p>Text.</p>"
            "<nav><p>I cannot provide a menu here.</p></nav></body></html>")
    result = check(page, pack, "html")
    assert [(f.rule, f.line, f.column) for f in result.findings] == [("refusal", 1, 20), ("refusal", 1, 80)]


def test_start_anchor_needs_a_text_that_nothing_opens_before(tmp_path):
    """A chat answer pasted whole begins with its handover; a page begins with its title."""
    pack = make_pack(tmp_path, """
    rules:
      - id: handover
        category: test-chat
        message: Handover
        kind: sequence
        scope: article
        anchor: start
        lead: 2
        classes:
          here: ["here are", "here is"]
        sequences:
          - [here]
    """)
    answer = "Here are the two sentences:\n\n1. The bridge opened.\n2. The river rose.\n"
    assert ids(answer, pack) == ["handover"]
    assert ids(answer, pack, "markdown") == ["handover"]
    assert ids("Sure, " + answer[0].lower() + answer[1:], pack) == ["handover"]
    assert ids("Bridge Opens\n\n" + answer, pack) == []  # a headline comes first
    assert ids("# Bridge Opens\n\n" + answer, pack, "markdown") == []
    assert ids("---\ntitle: Bridge Opens\n---\n" + answer, pack, "markdown") == []
    assert ids(f"<html><head><title>Bridge</title></head><body><p>{answer}</p></body></html>", pack, "html") == []
    assert ids("The council met.\n\n" + answer, pack) == []  # not the text's first paragraph
    assert ids("The council met. Here are the two motions:\n\n1. Parks\n", pack) == []  # nor its first sentence
    assert ids("\n" + answer, pack) == ["handover"]  # a blank line first opens nothing
    assert ids(answer + "\n# Appendix\n\nMore.\n", pack, "markdown") == ["handover"]  # a heading after it
    assert ids("---\nauthor: Jane Doe\n---\n" + answer, pack, "markdown") == []  # a declared author heads it
    assert ids("---\ntitle: Update\n---\nUpdate: here are the hours:\n\nMon 9-5\n", pack, "markdown") == []
    # A label that introduces the answer titles nothing; a heading of more words does.
    assert ids("**Explanation:**\n\n" + answer, pack) == ["handover"]
    assert ids("### Answer:\n\n" + answer, pack, "markdown") == ["handover"]
    assert ids("Explanation:\n" + answer, pack) == ["handover"]  # on the first line of the same paragraph
    assert ids("# How the bridge was built, step by step:\n\n" + answer, pack, "markdown") == []
    assert ids("Bridge Opens\n\nExplanation:\n\n" + answer, pack) == []


@pytest.mark.parametrize("body, message", [
    ("classes: {me: [i]}\n    sequences: [[me, nobody]]", "not in classes"),
    ("classes: {me: [i]}\n    sequences: [[me?]]", "no required slot"),
    ("classes: {me: [i]}\n    sequences: [['?']]", "no required slot"),
    ("classes: {me: [i]}\n    sequences: [['?', me]]", "a sequence starts with a class"),
    ("classes: {me: [i]}\n    sequences: [[me, '^']]", "a sequence starts with a class"),
    ("classes: {me: [i]}\n    sequences: [['^', '.', me]]", "a sequence starts with a class"),
    ("classes: {me: [i]}\n    sequences: [[Me]]", "is not a class name"),
    ("classes: {me: [i]}\n    sequences: []", "expected a list of sequences"),
    ("classes: {me: [i]}\n    sequences: [[me]]\n    anchor: begin", "must be one of"),
    ("classes: {me: ['*']}\n    sequences: [[me]]", "nothing to match"),
    ("classes: {me: [i]}\n    sequences: [[me, '>']]", "'>' must be followed by a class"),
    ("classes: {me: [i], you: [you]}\n    sequences: [[me, '>', you?]]", "'>' must be followed by a class"),
    ("classes: {me: [i], you: [you]}\n    sequences: [[me, '>', '!you']]", "'>' must be followed by a class"),
    ("classes: {me: [i]}\n    sequences: [['>', me]]", "a sequence starts with a class"),
    ("classes: {me: [i], you: [you]}\n    sequences: [['!you', me]]", "a sequence starts with a class"),
    ("classes: {me: [i], you: [you]}\n    sequences: [[me, '!you?']]", "cannot be optional"),
    ("classes: {me: [i]}\n    sequences: [[me]]\n    alike: {'i am': [me]}", "a word, not a phrase"),
    ("classes: {me: [i]}\n    sequences: [[me]]\n    alike: [i, me]", "expected a mapping"),
])
def test_bad_sequence_rules_are_located_errors(tmp_path, body, message):
    text = f"""
rules:
  - id: bad
    category: test
    message: Bad
    kind: sequence
    {body}
"""
    with pytest.raises(RulePackError) as exc:
        make_pack(tmp_path, text)
    assert message in str(exc.value)
    assert "rules.yaml:" in str(exc.value)


MIXED_SCRIPTS = """
rules:
  - id: self-ref
    category: test-chat
    message: AI self-reference
    kind: sequence
    lead: 2
    classes:
      as_: [作为, として]
      ai: [ai, 人工知能, 语言模型]
    sequences:
      - [as_, +ai]
  - id: opening
    category: test-chat
    message: Opening
    kind: sequence
    anchor: opening
    classes:
      sorry: [很抱歉]
    sequences:
      - [sorry]
"""


def test_a_latin_word_inside_a_run_of_chinese_stands_as_a_word(tmp_path):
    pack = make_pack(tmp_path, MIXED_SCRIPTS)
    assert "self-ref" in ids("作为AI语言模型，我没有个人观点。\n", pack)
    assert "self-ref" not in ids("作为MAIL服务的用户，我很满意。\n", pack)  # "ai" inside a Latin word is not the word


def test_a_chinese_full_stop_ends_the_opening_sentence_without_a_space(tmp_path):
    pack = make_pack(tmp_path, MIXED_SCRIPTS)
    assert "opening" in ids("很抱歉，这本书并不存在。\n", pack)
    assert "opening" not in ids("市议会周二开会。很抱歉，会议推迟了。\n", pack)


OFFER = """
rules:
  - id: offer
    category: test-chat
    severity: warning
    message: Offer
    kind: sequence
    gap: 4
    classes:
      if_you: ["if you"]
      want: [want, need]
      noun: [more, information, details]
      tell_me: ["let me know"]
    sequences:
      - [if_you, want, noun, tell_me]
"""


@pytest.mark.parametrize("text, found", [
    # "more" is too far from "let me know"; "information", a later word of the same class, is near enough
    ("If you want more in-depth information on any area, just let me know.", True),
    ("If you want more information, let me know.", True),
    # no word of the class within the window of the next slot
    ("If you want more of the soup that the chef makes on Sundays, let me know.", False),
])
def test_a_later_word_of_a_class_can_carry_the_sequence(tmp_path, text, found):
    assert (ids(text, make_pack(tmp_path, OFFER)) == ["offer"]) is found


CLOSING_QUESTION = """
rules:
  - id: closing-question
    category: test-chat
    severity: warning
    message: Closing question
    kind: sequence
    anchor: closing
    followed_by: end
    classes:
      want: ["do you want"]
      narrow: [specific, particular]
    sequences:
      - [want, narrow, "?"]
"""


@pytest.mark.parametrize("text, found", [
    ("Three licences exist.\n\nDo you want specific details on one?", True),
    ("Three licences exist.\n\nDo you want specific details on one? 😊", True),  # an emoji may close it
    ("Three licences exist.\n\nDo you want specific details on one? Call the office.", False),
    ("Three licences exist.\n\nDo you want specific details on one?\n\nCall the office.", False),  # the next one
    ("Three licences exist.\n\nDo you want specific details on one? **", True),  # Markdown marks left in text
])
def test_followed_by_end_takes_only_the_sentence_that_ends_the_text(tmp_path, text, found):
    assert (ids(text, make_pack(tmp_path, CLOSING_QUESTION)) == ["closing-question"]) is found


def label_pack(tmp_path, entry):
    """A pack of one sequence rule, "label", whose one class holds one entry."""
    return make_pack(tmp_path, f"""
    rules:
      - id: label
        category: test-chat
        message: Label
        kind: sequence
        classes:
          label: [{entry}]
        sequences:
          - [label]
    """)


def test_a_class_entry_may_list_a_family_of_phrases(tmp_path):
    pack = label_pack(tmp_path, '"(corrected|revised) (text|letter)(:| :)"')
    assert ids("Corrected text: the bridge opened.", pack) == ["label"]
    assert ids("Revised letter : the bridge opened.", pack) == ["label"]
    assert ids("Corrected the text: the bridge opened.", pack) == []
    assert ids("Corrected letters: the bridge opened.", pack) == []


def test_a_first_star_takes_any_beginning_of_the_word(tmp_path):
    # Korean writes its endings onto the verb: "*줄게" is the ending of "만들어줄게" and the word "줄게" alike;
    # the finding holds the whole word it ends, and a whole-word entry of the same text elsewhere stays whole
    pack = make_pack(tmp_path, """
    rules:
      - id: offer
        category: test-chat
        message: Offer
        kind: sequence
        gap: 6
        classes:
          me: ["내가"]
          give: ["*줄게"]
        sequences:
          - [me, give]
      - id: alone
        category: test-other
        message: Alone
        kind: sequence
        anchor: none
        classes:
          give: ["줄게"]
        sequences:
          - [give]
    """)
    result = check("내가 두 번째 시제품을 만들어줄게.\n", pack, "text")
    assert [(f.rule, f.text) for f in result.findings] == [("offer", "내가 두 번째 시제품을 만들어줄게.")]
    assert sorted(ids("내가 코드를 짜 줄게.\n", pack)) == ["alone", "offer"]
    assert ids("그가 만들어줄게를 말했다.\n", pack) == []  # no "내가": the whole-word rule keeps out of the word


def test_markdown_stars_that_open_an_entry_are_text_to_find(tmp_path):
    # "**response:**" is Markdown's bold label, not "any beginning": the finding starts at its stars
    pack = label_pack(tmp_path, '"**response:**"')
    (f,) = check("**Response:** The council met.\n", pack, "text").findings
    assert f.text.startswith("**Response:**")
