"""Fixes: exact edits on each format, idempotence, encodings, refusals, rule validation."""

from __future__ import annotations

import codecs
import os

import pytest

from contentcheck.fixes.apply import fix_text
from contentcheck.fixes.files import FixRefused, SourceFile, unified_diff
from contentcheck.rulepack import RulePack, RulePackError

PACK = RulePack.load()
EDITORIAL = ("fiction-disclaimer", "missing-author", "unattributed-claim")


def fixed(text: str, fmt: str, pack=PACK, **kw) -> str:
    out = fix_text(f"doc.{fmt}", text, fmt, pack, **kw)
    again = fix_text(f"doc.{fmt}", out.text, fmt, pack, **kw)
    assert again.text == out.text and not again.fixed, "a second --fix must change nothing"
    return out.text


MARKDOWN = (
    "---\ntitle: Council approves budget\nauthor: Jane Doe\n---\n\n"
    "# Council approves budget\n\n"
    "Certainly! Here is the article rewritten in a journalistic style:\n\n"
    "The council approved the budget on Tuesday, the mayor said. 😀 中文 text.\n\n"
    "Views: 1,204\n\n"
    "## You May Also Like\n\n"
    "- [Park opens on Sunday](/park)\n\n"
    "Please note that this edited version is based on the given information and is fictional.\n\n"
    "The mayor thanked the staff. I apologize for the confusion.\n")


# An article's head, a byline and a sentence, over the paragraph a test is about.
HEAD = "Budget passes\n\nBy Jane Doe\n\nThe council met.\n\n"


def article(paragraph: str) -> str:
    """The article with the paragraph last (a head alone when it is empty: gone with the fix)."""
    return f"{HEAD}{paragraph}\n" if paragraph else HEAD.rstrip("\n") + "\n"


def test_markdown_leftovers_go_and_nothing_else():
    # A chat preamble's removal is unsafe (judged: it may take what the list is, or a caveat): --unsafe-fixes.
    assert fixed(MARKDOWN, "markdown").count("Certainly! Here is the article rewritten") == 1
    assert fixed(MARKDOWN, "markdown", unsafe=True) == (
        "---\ntitle: Council approves budget\nauthor: Jane Doe\n---\n\n"
        "# Council approves budget\n\n"
        "The council approved the budget on Tuesday, the mayor said. 😀 中文 text.\n\n"
        "- [Park opens on Sunday](/park)\n\n"
        "Please note that this edited version is based on the given information and is fictional.\n\n"
        "The mayor thanked the staff.\n")



# The assistant's opening and closing in each language go as the English ones do (a whole sentence, unsafe).
@pytest.mark.parametrize(("lang", "preamble", "content", "postscript"), [
    ("fr", "Bien sûr ! Voici un article sur le nouveau pont :", "Le pont a ouvert lundi.",
     "N'hésitez pas à me faire savoir si vous avez besoin d'autre chose."),
    ("de", "Gerne! Hier ist ein Artikel über die neue Brücke:", "Die Brücke wurde am Montag eröffnet.",
     "Lass mich wissen, wenn du noch Fragen hast."),
    ("es", "¡Claro! Aquí tienes un artículo sobre el nuevo puente:", "El puente abrió el lunes.",
     "Si tienes más preguntas, no dudes en preguntarme."),
    ("zh", "当然！以下是一篇关于新大桥的文章：", "大桥于周一通车。", "如果你还有其他问题，请随时告诉我。"),
    ("ko", "물론입니다! 다음은 새 다리에 대한 기사입니다:", "다리는 월요일에 개통되었습니다.",
     "궁금한 점이 있으시면 언제든지 저에게 물어보세요."),
    ("vi", "Chắc chắn rồi! Dưới đây là bài viết về cây cầu mới:", "Cây cầu thông xe hôm thứ Hai.",
     "Nếu bạn có thắc mắc, đừng ngần ngại hỏi tôi nhé."),
])
def test_chat_leftovers_are_fixed_in_every_language(lang, preamble, content, postscript):
    head = f"---\nlang: {lang}\nauthor: Jane Doe\n---\n\n# Title\n\n"
    source = f"{head}{preamble}\n\n{content}\n\n{postscript}\n"
    assert fixed(source, "markdown") == source  # unsafe, as in English: only with --unsafe-fixes
    assert fixed(source, "markdown", unsafe=True) == f"{head}{content}\n"


def test_markdown_list_item_and_emphasis():
    text = ("# Budget\n\nBy Jane Doe\n\nThe council approved it.\n\n"
            "- Share this:\n- [Read the report](/report)\n\n"
            "The mayor spoke. *I apologize for the confusion.*\n")
    assert fixed(text, "markdown") == ("# Budget\n\nBy Jane Doe\n\nThe council approved it.\n\n"
                                       "- [Read the report](/report)\n\nThe mayor spoke.\n")


HTML = (
    "<!DOCTYPE html>\n<html><head><title>Budget</title><meta name=\"author\" content=\"Jane Doe\"></head>\n"
    "<body>\n<article>\n"
    "<h1>Council approves budget</h1>\n"
    "<p>Certainly! Here is the article rewritten:</p>\n"
    "<p>The council approved the budget on Tuesday, the mayor said.</p>\n"
    "  <div class=\"meta\"><p><strong>Views: 218</strong></p></div>\n"
    "<p>The mayor thanked the staff. I apologize for the confusion.</p>\n"
    "<h3>You May Also Like</h3>\n<ul><li><a href=\"/x\">Park opens</a></li></ul>\n"
    "<p>This story is fictional and does not represent actual events.</p>\n"
    "</article>\n</body></html>\n")


def test_html_removes_the_smallest_element_left_empty_and_the_line():
    assert fixed(HTML, "html", unsafe=True) == (
        "<!DOCTYPE html>\n<html><head><title>Budget</title><meta name=\"author\" content=\"Jane Doe\"></head>\n"
        "<body>\n<article>\n"
        "<h1>Council approves budget</h1>\n"
        "<p>The council approved the budget on Tuesday, the mayor said.</p>\n"
        "<p>The mayor thanked the staff.</p>\n"
        "<ul><li><a href=\"/x\">Park opens</a></li></ul>\n"
        "<p>This story is fictional and does not represent actual events.</p>\n"
        "</article>\n</body></html>\n")


def test_html_never_leaves_an_empty_paragraph_and_keeps_its_neighbours():
    text = ("<html><body><article><p>The council approved the budget on Tuesday, officials said.</p>"
            "<section><p><em>No results found.</em></p></section><p>By Jane Doe</p></article></body></html>")
    out = fixed(text, "html")
    assert out == ("<html><body><article><p>The council approved the budget on Tuesday, officials said.</p>"
                   "<p>By Jane Doe</p></article></body></html>")
    assert "<p></p>" not in out and "<section></section>" not in out


def test_html_text_after_a_line_break_goes_with_the_break():
    text = ("<html><body><article><p>The council approved the budget on Tuesday, officials said.<br>"
            "Views: 218</p></article></body></html>")
    assert fixed(text, "html") == ("<html><body><article><p>The council approved the budget on Tuesday, "
                                   "officials said.</p></article></body></html>")


def test_html_leftover_that_fills_an_inline_element_takes_the_element():
    # "<em></em>" or "<b></b>" left behind is markup nobody wrote; two sentences filling one element
    # go as one removal of the element.
    text = ("<html lang=\"en\"><body><article><h1>Bridge opens</h1>"
            "<p>The bridge opened on Monday. <em>As an AI language model, I cannot verify this.</em> "
            "It cost 40 million.</p>"
            "<p>Trains run hourly. <b>I hope this helps! Let me know if you have other questions.</b></p>"
            "</article></body></html>")
    assert fixed(text, "html", unsafe=True) == (
        "<html lang=\"en\"><body><article><h1>Bridge opens</h1>"
        "<p>The bridge opened on Monday. It cost 40 million.</p>"
        "<p>Trains run hourly.</p></article></body></html>")


@pytest.mark.parametrize("body, expected", [
    # the space that stood inside the removed element is given back: no "long.Buses"
    ("<p>It is 2 km long. <span class=\"note\"><em>As an AI language model, I cannot verify this.</em> </span>"
     "Buses use it.</p>", "<p>It is 2 km long. Buses use it.</p>"),
    # two leftovers in sibling elements of one <span>: the <span> goes too
    ("<p>Bikes are free. <span><b>I hope this helps!</b> <i>Let me know if you have any other questions.</i></span></p>",
     "<p>Bikes are free.</p>"),
    # a wrapped line between <br>s takes one <br> with it
    ("<p><b>Sure! Here is a short article about the bridge:</b><br>The bridge has six lanes.</p>",
     "<p>The bridge has six lanes.</p>"),
    ("<p>It has six lanes.<br><em>As an AI language model, I cannot verify this.</em><br>It is blue.</p>",
     "<p>It has six lanes.<br>It is blue.</p>"),
    ("<p>The bridge is blue.<br class=\"x\"><em>I hope this helps!</em></p>", "<p>The bridge is blue.</p>"),
    # a no-break space counts as the space that stays
    ("<p>The bridge opened in 1932. <em>I hope this helps!</em>&nbsp;It carries trains.</p>",
     "<p>The bridge opened in 1932. It carries trains.</p>"),
    # the right-to-left mark after the removed sentence goes with it
    ("<p dir=\"rtl\">افتتح الجسر عام 1932.\u200f <em>كنموذج لغوي، لا أستطيع التحقق من ذلك.</em>\u200f يحمل الجسر "
     "القطارات.</p>", "<p dir=\"rtl\">افتتح الجسر عام 1932.\u200f يحمل الجسر القطارات.</p>"),
    # a leftover after inline code: no space left before the paragraph's end
    ("<p>Set it with <code>x = 1</code> in the file. I hope this helps!</p>",
     "<p>Set it with <code>x = 1</code> in the file.</p>"),
    # a line that ends its paragraph takes the <br> after it, none left dangling
    ("<p>The bridge opened in 1932.<br><span>I hope this helps!</span><br></p>", "<p>The bridge opened in 1932.</p>"),
    # the element held the only space between the words: one stays
    ("<p>The bridge opened in 1932.<em> I hope this helps! </em>It carries trains.</p>",
     "<p>The bridge opened in 1932. It carries trains.</p>"),
    # a block inside a list item: no space left before the item's end
    ("<ul><li>Trains run hourly. <div>I hope this helps!</div></li></ul>", "<ul><li>Trains run hourly.</li></ul>"),
    # a description list keeps its term and its description, emptied
    ("<dl><dt>I hope this helps!</dt><dd>Bridge</dd></dl><p>The bridge opened in 1932 and carries trains.</p>",
     "<dl><dt></dt><dd>Bridge</dd></dl><p>The bridge opened in 1932 and carries trains.</p>"),
    ("<dl><dt>Bridge</dt><dd><em>I hope this helps!</em></dd></dl><p>The bridge opened in 1932 and carries trains.</p>",
     "<dl><dt>Bridge</dt><dd></dd></dl><p>The bridge opened in 1932 and carries trains.</p>"),
    # a table keeps its columns: the cell stays, empty
    ("<table><tr><td>Length</td><td>As an AI language model, I cannot verify this.</td></tr></table>"
     "<p>The bridge is long and has many lanes for cars.</p>",
     "<table><tr><td>Length</td><td></td></tr></table><p>The bridge is long and has many lanes for cars.</p>"),
    # a removed sentence before a link keeps the space before the link
    ("<p>Visit <a href=\"/a\">the bridge</a>. I hope this helps! <a href=\"/b\">More</a></p>",
     "<p>Visit <a href=\"/a\">the bridge</a>. <a href=\"/b\">More</a></p>"),
    ("<p><em>I hope this helps!</em> The bridge opened in 1932 and carries trains.</p>",
     "<p>The bridge opened in 1932 and carries trains.</p>"),
    ("<p>The bridge opened in 1932. <span><b>I hope this helps!</b><br><i>Let me know if you have any other "
     "questions.</i></span></p>", "<p>The bridge opened in 1932.</p>"),
    # a line between runs of <br>s takes the shorter run: the paragraph break stays
    ("<p>The bridge opened in 1932.<br><br>I hope this helps!<br><br>It carries trains.</p>",
     "<p>The bridge opened in 1932.<br><br>It carries trains.</p>"),
    # a cut that would split an element is not made: no "</em>" or "<b>" left alone, no word lost
    ("<p>The bridge opened in 1932.<br>I hope <em>this helps!</em></p>",
     "<p>The bridge opened in 1932.<br>I hope <em>this helps!</em></p>"),
    ("<p>The bridge opened in 1932.<br><b>Tip</b>: I hope this helps!</p>",
     "<p>The bridge opened in 1932.<br><b>Tip</b>: I hope this helps!</p>"),
    # many leftovers around real text in one paragraph go in one pass, the text stays
    ("<p>As an AI language model, I cannot verify this. As of my last update in 2023, the bridge was the longest. "
     "I do not have access to real-time information. My knowledge cutoff is September 2021. The bridge is 2 km "
     "long. As an AI language model, I cannot smell the river.</p>", "<p>The bridge is 2 km long.</p>"),
])
def test_html_removal_leaves_no_empty_markup_and_one_space(body, expected):
    head, tail = "<html lang=\"en\"><body><article><h1>Bridge</h1>", "</article></body></html>"
    out = fix_text("doc.html", head + body + tail, "html", PACK, unsafe=True)
    assert out.text == head + expected + tail


def test_html_line_before_a_break_takes_the_break_after_it():
    text = ("<html lang=\"en\"><body><article><h1>Bridge opens</h1>"
            "<p>As an AI language model, I cannot verify this.<br>It has six lanes.</p>"
            "</article></body></html>")
    assert fixed(text, "html", unsafe=True) == (
        "<html lang=\"en\"><body><article><h1>Bridge opens</h1><p>It has six lanes.</p></article></body></html>")


def test_arabic_removal_stops_at_a_stop_followed_by_a_right_to_left_mark():
    # The mark hid the sentence end: the removal took the next sentence, "The bridge is long.", with it.
    text = ("---\nlang: ar\n---\n# جسر\n\n"
            "تم افتتاح الجسر يوم الاثنين. كنموذج لغوي، لا أستطيع التحقق من ذلك.\u200f الجسر طويل.\n")
    out = fixed(text, "markdown", unsafe=True)
    assert "لا أستطيع" not in out
    assert out.endswith("تم افتتاح الجسر يوم الاثنين. الجسر طويل.\n")


def test_removal_of_a_sentence_holding_the_end_of_an_isolate_takes_its_start():
    text = ("افتتح الجسر عام 1932. \u2067كنموذج لغوي\u2069، لا أستطيع التحقق من ذلك. "
            "ويعبر القطار النهر.\n")
    assert fixed(text, "text", unsafe=True) == "افتتح الجسر عام 1932. ويعبر القطار النهر.\n"


@pytest.mark.parametrize("text, expected", [
    # the sentence is all of the isolate: the pair goes with it, none left empty
    ("The bridge opened in 1932. \u2067As an AI language model, I cannot verify this.\u2069 It carries trains.\n",
     "The bridge opened in 1932. It carries trains.\n"),
    # a mismatched pair (an embedding closed by an isolate's mark) around the sentence goes too
    ("The bridge opened in 1932. \u202bAs an AI language model, I cannot verify this.\u2069 It carries trains.\n",
     "The bridge opened in 1932. It carries trains.\n"),
])
def test_removal_never_leaves_an_empty_or_broken_direction_pair(text, expected):
    assert fixed(text, "text", unsafe=True) == expected


@pytest.mark.parametrize("text, fmt", [
    # a mark between two spaces after the stop, or after the emphasis that closes the leftover, still ends it
    ("افتتح الجسر عام 1932. كنموذج لغوي، لا أستطيع التحقق من ذلك. \u200f يحمل الجسر القطارات.\n", "text"),
    ("افتتح الجسر عام 1932. كنموذج لغوي، لا أستطيع التحقق من ذلك. \u200f \u200f يحمل الجسر القطارات.\n", "text"),
    ("---\nlang: ar\n---\n# جسر\n\nافتتح الجسر عام 1932. *كنموذج لغوي، لا أستطيع التحقق من ذلك.*\u200f "
     "يحمل الجسر القطارات.\n", "markdown"),
])
def test_the_sentence_after_a_removed_one_and_a_direction_mark_stays(text, fmt):
    out = fixed(text, fmt, unsafe=True)
    assert "لا أستطيع" not in out and "يحمل الجسر القطارات." in out and "افتتح الجسر عام 1932." in out


def test_nested_direction_pairs_widen_from_the_innermost():
    from contentcheck.text.bidi import balanced_span

    text = "Intro. \u202b\u2067AI\u2069 model here\u202c. Next."
    assert balanced_span(text, text.index("AI"), text.index(". Next") + 1) == (7, 25)


def test_removal_inside_a_direction_isolate_keeps_the_pair():
    text = ("---\nlang: ar\n---\n# جسر\n\n"
            "افتتح الجسر رسميا. \u2067كنموذج لغوي، لا أستطيع التحقق من ذلك. الجسر طويل جدا.\u2069 وقال المهندس كلاما.\n")
    assert fixed(text, "markdown", unsafe=True).endswith(
        "افتتح الجسر رسميا. \u2067الجسر طويل جدا.\u2069 وقال المهندس كلاما.\n")


def test_html_chrome_is_not_the_article_and_is_left_alone():
    text = ("<html><body><article><p>The council approved the budget on Tuesday, officials said.</p></article>"
            "<aside class=\"related\"><h3>You May Also Like</h3></aside></body></html>")
    assert fixed(text, "html") == text


TEXT = ("Council approves budget\r\n\r\nPolitics\r\nViews: 218\r\n\r\nBy Jane Doe\r\n\r\n"
        "The council approved the budget on Tuesday, the mayor said.\r\n\r\n"
        "This article is a work of fiction.\r\n\r\n"
        "You May Also Like\r\n\r\nPark opens on Sunday\r\n\r\nMust Read\r\n\r\nNo results found.")


def test_text_crlf_lines_and_the_last_line_without_newline():
    assert fixed(TEXT, "text") == (
        "Council approves budget\r\n\r\nPolitics\r\n\r\nBy Jane Doe\r\n\r\n"
        "The council approved the budget on Tuesday, the mayor said.\r\n\r\n"
        "This article is a work of fiction.\r\n\r\n"
        "Park opens on Sunday")


def test_fiction_disclaimers_missing_authors_and_claims_are_never_fixed():
    for rule in PACK.all_rules:
        if rule.category in EDITORIAL:
            assert rule.fix is None, rule.id
    text = ("Budget passes\n\nExperts say the plan will work.\n\n"
            "Please note that this edited version is based on the given information and is fictional.\n")
    out = fix_text("doc.txt", text, "text", PACK, unsafe=True)
    assert out.text == text and not out.fixed
    assert {f.rule for f in out.result.findings} >= {"fiction-disclaimer", "missing-author", "weasel-attribution"}


def test_a_partial_sentence_is_an_unsafe_fix():
    text = "Budget passes\n\nBy Jane Doe\n\nAs an AI language model, I cannot verify that the council met.\n"
    assert fixed(text, "text") == text
    assert fixed(text, "text", unsafe=True) == "Budget passes\n\nBy Jane Doe\n"


@pytest.mark.parametrize("line, expected", [
    # a leftover that ends with its own stop ends there before a code span, a mark, a dash or a quote
    ("The mayor spoke. I hope this helps! `x = 1` is set.", "The mayor spoke. `x = 1` is set."),
    ("The mayor spoke. I hope this helps! 【4:0†source】 Trains run.", "The mayor spoke. Trains run."),
    ("The mayor spoke. I hope this helps! – Trains run hourly.", "The mayor spoke. – Trains run hourly."),
    # before words it does not: "good luck with your project" is the same sign-off
    ("The mayor spoke. I hope this helps! good luck with your project.", "The mayor spoke."),
    # one that follows a stop starts there, after a lower-case run-on or an abbreviation
    ("I hope this helps! let me know if you need anything else.", ""),
    ("The bridge opened at 5 p.m. I hope this helps! The mayor spoke.", "The bridge opened at 5 p.m. The mayor spoke."),
    # an abbreviation's full stop inside the leftover's sentence is no stop: "e.g. more photos" goes with it
    ("Thanks, Mr. Smith. Let me know if you need anything else, e.g. more photos.", "Thanks, Mr. Smith."),
    # a footnote mark and emphasis marks stand at a stop as a bracket and quotes do
    ("The mayor spoke.[^1] I hope this helps! Trains run.", "The mayor spoke.[^1] Trains run."),
    ("The mayor spoke. *I hope this helps!* Let me know if you need anything else. Trains run.",
     "The mayor spoke. Trains run."),
    ("The mayor spoke. **I hope this helps!** Trains run.", "The mayor spoke. Trains run."),
    # a stop glued to the next sentence ends the leftover's all the same
    ("Let me know if you have any questions.The bridge opened on Monday.", "The bridge opened on Monday."),
    ("The mayor spoke. Let me know if you have any questions!Trains run hourly.", "The mayor spoke. Trains run hourly."),
    # in any script with capitals
    ("Is there anything else I can help you with?Über den Fluss fahren Züge.", "Über den Fluss fahren Züge."),
    ("Let me know if you have any questions.Поезда ходят каждый час.", "Поезда ходят каждый час."),
    ("The mayor spoke. I hope this helps!Éric Martin wrote the report.", "The mayor spoke. Éric Martin wrote the report."),
    # a word glued to a stop that is no sentence's end stays with the leftover's sentence
    ("The bridge opened. I hope this helps you get started with pd.DataFrame objects.", "The bridge opened."),
    ("As an AI language model, I cannot open www.Example.com for you. The bridge opened.", "The bridge opened."),
    ("The bridge opened. I hope this helps, Mrs.Smith and the team.", "The bridge opened."),
    ("The bridge opened. I hope this helps you with Yahoo!Mail today.", "The bridge opened."),
    # a leftover glued to the writer's stop after any word starts there: the writer's sentence stays
    ("The bridge opened on Monday.Is there anything else I can help you with?", "The bridge opened on Monday."),
    ("The bridge cost 40 million in 2024.Is there anything else I can help you with?",
     "The bridge cost 40 million in 2024."),
    # a no-break space before the leftover counts as a space: one of the two goes
    ("The mayor spoke.\u00a0I hope this helps! Trains run.", "The mayor spoke.\u00a0Trains run."),
    ("The mayor spoke. I hope this helps!\u00a0Trains run.", "The mayor spoke. Trains run."),
    # a script written without spaces keeps none, nor an ideographic space
    ("大桥于周一通车。 我希望这对你有帮助！大桥很长。", "大桥于周一通车。大桥很长。"),
    ("大桥于周一通车。\u3000我希望这对你有帮助！大桥很长。", "大桥于周一通车。大桥很长。"),
])
def test_an_unsafe_fix_takes_the_leftovers_sentence_not_the_words_after_its_stop(line, expected):
    assert fixed(article(line), "text", unsafe=True) == article(expected)


@pytest.mark.parametrize("line, expected", [
    # emphasis glued to the leftover's stop opens the next word: it stays, with a space before it
    ("The mayor spoke. I hope this helps!**Trains** run hourly.", "The mayor spoke. **Trains** run hourly."),
    # the leftover's own marks go with it, glued or not
    ("The mayor spoke. **I hope this helps!**Trains run hourly.", "The mayor spoke. Trains run hourly."),
    ("The mayor spoke. **I hope this helps!** Trains run hourly.", "The mayor spoke. Trains run hourly."),
    # the close of the writer's own emphasis is the writer's
    ("**The mayor spoke. I hope this helps!** Trains run hourly.", "**The mayor spoke.** Trains run hourly."),
])
def test_an_unsafe_fix_in_markdown_keeps_the_emphasis_of_the_words_around_it(line, expected):
    assert fixed(article(line), "markdown", unsafe=True) == article(expected)


Q = "Is there anything else I can help you with?"


@pytest.mark.parametrize("fmt, line, expected", [
    # markup around the leftover goes with it, whatever kind
    ("markdown", f"The mayor spoke. ~~{Q}~~ Trains run hourly.", "The mayor spoke. Trains run hourly."),
    ("markdown", f"The mayor spoke. <b>{Q}</b> Trains run hourly.", "The mayor spoke. Trains run hourly."),
    ("markdown", f"The mayor spoke. [**{Q}**](https://x.example/) Trains run hourly.", "The mayor spoke. Trains run hourly."),
    ("markdown", f"The mayor spoke. **_{Q}_** Trains run hourly.", "The mayor spoke. Trains run hourly."),
    ("markdown", f"The mayor spoke. _**{Q}**_ Trains run hourly.", "The mayor spoke. Trains run hourly."),
    ("text", f"The mayor spoke. **{Q[:-6]} *with?*** Trains run hourly.", "The mayor spoke. Trains run hourly."),
    # emphasis opened inside the leftover's sentence goes with it
    ("text", "The mayor spoke. As an AI language model, I cannot *browse the web.* The bridge opened on Monday.",
     "The mayor spoke. The bridge opened on Monday."),
    # the writer's markup right before or after a glued leftover stays whole
    ("markdown", f"The mayor **spoke.**{Q} Trains run hourly.", "The mayor **spoke.** Trains run hourly."),
    ("markdown", f"Trains run hourly. [The bridge opened on Monday.](/b){Q} Buses run daily.",
     "Trains run hourly. [The bridge opened on Monday.](/b) Buses run daily."),
    ("markdown", f"Trains run hourly. `The bridge opened on Monday.`{Q} Buses run daily.",
     "Trains run hourly. `The bridge opened on Monday.` Buses run daily."),
    ("markdown", f"**The mayor spoke. {Q}**Trains run hourly.", "**The mayor spoke.**Trains run hourly."),
    ("markdown", f"**{Q} The mayor spoke.** Trains run hourly.", "**The mayor spoke.** Trains run hourly."),
    ("markdown", f"The mayor spoke. {Q}[Trains](https://x.example/) run hourly.",
     "The mayor spoke. [Trains](https://x.example/) run hourly."),
    # a code span is the writer's, blanked or not
    ("markdown", "`The mayor spoke.` Let me know if you have any questions.", "`The mayor spoke.`"),
    # a code span that opens the writer's next sentence stays, past the end of the finding ("Is there anything else I can help")
    ("markdown", f"The suite is fast. {Q} `make` builds it.", "The suite is fast. `make` builds it."),
    ("markdown", f"{Q} `make` builds it.", "`make` builds it."),
    # a glued leftover starts at the stop after an abbreviation, a closing mark or an Arabic question mark
    ("text", f"The bridge was built in the U.S.{Q} Trains run hourly.", "The bridge was built in the U.S. Trains run hourly."),
    ("text", f'He said "yes".{Q} Trains run hourly.', 'He said "yes". Trains run hourly.'),
    ("markdown", f"It opened on **Monday**.{Q} Trains run hourly.", "It opened on **Monday**. Trains run hourly."),
    ("text", f"هل افتتح الجسر؟{Q} Trains run hourly.", "هل افتتح الجسر؟ Trains run hourly."),
    # an element with attributes, and a void element after it, which opens nothing
    ("markdown", 'The mayor spoke. <span class="note">I hope this helps!</span> Trains run hourly.',
     "The mayor spoke. Trains run hourly."),
    ("markdown", "The mayor spoke. <b>I hope this helps!</b><br>\nTrains run hourly.", "The mayor spoke.<br>\nTrains run hourly."),
    ("markdown", 'The mayor spoke. <b>I hope this helps!</b><img src="x.png"> Trains run hourly.',
     'The mayor spoke. <img src="x.png"> Trains run hourly.'),
    # in a text file a tag is text: the element around the leftover goes with it, the writer's stays
    ("text", "The mayor spoke. <b>I hope this helps!</b> Trains run hourly.", "The mayor spoke. Trains run hourly."),
    ("text", "<b>The mayor spoke. I hope this helps!</b> Trains run hourly.", "<b>The mayor spoke.</b> Trains run hourly."),
    ("text", f'The mayor spoke. <span class="x">{Q}</span><br>Trains run hourly.', "The mayor spoke.<br>Trains run hourly."),
    # a lone "*" or a "* " bullet is no emphasis; a glued next word keeps its space in any script written with spaces
    ("markdown", "* The mayor spoke. I hope this helps!**Trains** run hourly.", "* The mayor spoke. **Trains** run hourly."),
    ("markdown", "The mayor spoke. I hope this helps!**Über** die Brücke fahren Züge.",
     "The mayor spoke. **Über** die Brücke fahren Züge."),
    ("text", "The mayor spoke. The fare is 5 * 2 euros. ~~I hope this helps!~~", "The mayor spoke. The fare is 5 * 2 euros."),
    ("text", "The mayor spoke. __I hope this helps!__ Trains run.", "The mayor spoke. Trains run."),
    # a narrow no-break space counts as a space
    ("markdown", "The mayor spoke.\u202fI hope this helps!\u202fTrains run hourly.", "The mayor spoke.\u202fTrains run hourly."),
])
def test_an_unsafe_fix_leaves_the_writers_markup_whole(fmt, line, expected):
    assert fixed(article(line), fmt, unsafe=True) == article(expected)


@pytest.mark.parametrize("paragraph, expected", [
    # the leftover's line goes, not the paragraph, however much code the paragraph holds
    ("To install, run `npm install` in the project folder.\nI hope this helps!\nThe bridge opened on Monday.",
     "To install, run `npm install` in the project folder.\nThe bridge opened on Monday."),
    ("- Run `npm install` first.\n  Let me know if you have any questions.\n- Trains run hourly.",
     "- Run `npm install` first.\n- Trains run hourly."),
])
def test_an_unsafe_fix_takes_the_leftovers_line_beside_code(paragraph, expected):
    assert fixed(article(paragraph), "markdown", unsafe=True) == article(expected)


@pytest.mark.parametrize("line, expected", [
    ("The bridge opened. I hope this helps! Let me know if you need anything else. The mayor spoke.",
     "The bridge opened. The mayor spoke."),
    ("The mayor spoke. I hope this helps!  Let me know if you need anything else.  The end.",
     "The mayor spoke. The end."),
    # each cut alone keeps the space after it when nothing stands before it: together they left " 大桥"
    ("我希望这对你有帮助！如果你还有其他问题，请随时告诉我。 大桥于周一通车。", "大桥于周一通车。"),
])
def test_leftovers_side_by_side_leave_one_space_between_the_words_around_them(line, expected):
    assert fixed(article(line), "text", unsafe=True) == article(expected)
    html = f"<html><body><article><p>By Jane Doe</p><p>The council met.</p><p>{line}</p></article></body></html>"
    assert fixed(html, "html", unsafe=True) == html.replace(line, expected)


@pytest.mark.parametrize("body, expected", [
    ("<p>The mayor spoke. Let me know if you have any questions.<b>Trains</b> run hourly.</p>",
     "<p>The mayor spoke. <b>Trains</b> run hourly.</p>"),
    ("<p>The bridge opened in 1932. I hope this helps!<b>Trains run hourly.</b></p>",
     "<p>The bridge opened in 1932. <b>Trains run hourly.</b></p>"),
    ("<p>The bridge opened in 1932. <b>I hope this helps!</b><i>Let me know if you have any questions.</i></p>",
     "<p>The bridge opened in 1932.</p>"),
    ("<p>The bridge opened in 1932.</p><p><b>I hope this helps!</b><b>Let me know if you have any questions.</b></p>",
     "<p>The bridge opened in 1932.</p>"),
    # a leftover glued after the writer's element goes alone, the element stays whole
    ("<p>Trains run hourly. <b>The bridge opened on Monday.</b>Is there anything else I can help you with?</p>",
     "<p>Trains run hourly. <b>The bridge opened on Monday.</b></p>"),
    # HTML's no-break space entity is a space: one stays between the words, none before the paragraph's end
    ("<p>The mayor spoke.&nbsp;I hope this helps!&nbsp;Trains run hourly.</p>",
     "<p>The mayor spoke.&nbsp;Trains run hourly.</p>"),
    ("<p>The mayor spoke.&nbsp;I hope this helps!</p>", "<p>The mayor spoke.</p>"),
])
def test_html_glued_leftovers_leave_one_space_and_no_empty_element(body, expected):
    head = "<html><body><article><h1>Bridge</h1><p>By Jane Doe</p>"
    assert fixed(f"{head}{body}</article></body></html>\n", "html", unsafe=True) == f"{head}{expected}</article></body></html>\n"


def test_html_leftover_on_a_line_of_its_own_takes_the_line():
    # cut out of its line, it left a line of spaces inside the paragraph
    text = ("<html><body><article><p>By Jane Doe</p>\n<p>The bridge opened on Monday.\n"
            "    Let me know if you need anything else.\n    The mayor spoke.</p>\n"
            "<p>Trains run hourly.\n\tI hope this helps! Let me know if you have any other questions.\n</p>\n"
            "</article></body></html>\n")
    assert fixed(text, "html", unsafe=True) == (
        "<html><body><article><p>By Jane Doe</p>\n<p>The bridge opened on Monday.\n    The mayor spoke.</p>\n"
        "<p>Trains run hourly.\n</p>\n</article></body></html>\n")
    # so does an inline element that holds only the leftover
    inline = text.replace("    Let me know if you need anything else.", "    <span>Let me know if you need anything else.</span>")
    assert fixed(inline, "html", unsafe=True) == fixed(text, "html", unsafe=True)


@pytest.mark.parametrize("fmt, body, expected", [
    # a list item's mark ends the sentence before it, and goes with the item it opens when that is all of it
    ("text", "- Trains run hourly.\n- I hope this helps! Let me know if you need anything else.\n- Buses too.",
     "- Trains run hourly.\n- Buses too."),
    ("text", "1. Trains run hourly\n2. I hope this helps!\n3. Buses too", "1. Trains run hourly\n3. Buses too"),
    ("text", "a. Trains run hourly.\nb. I hope this helps!\nc. Buses too.", "a. Trains run hourly.\nc. Buses too."),
    # an item with more to say keeps its number
    ("text", "4. Scope: As an AI language model, I cannot give medical advice. See a doctor.",
     "4. See a doctor."),
    # a Markdown hard break divides the lines; the last line takes the break before it
    ("markdown", "The bridge opened on Monday.\\\nI hope this helps! Let me know if you need anything else.\\\n"
                 "The mayor spoke.", "The bridge opened on Monday.\\\nThe mayor spoke."),
    ("markdown", "The bridge opened on Monday.\\\nLet me know if you need anything else.",
     "The bridge opened on Monday."),
    ("markdown", "- Trains run.\\\n  I hope this helps!\n- Buses too.", "- Trains run.\n- Buses too."),
    ("markdown", "Trains run hourly\\\nI hope this helps!\\\nBuses too", "Trains run hourly\\\nBuses too"),
    # the loaders blank a code span: the source says it is there
    ("markdown", "The mayor spoke. I hope this helps! `npm install left-pad` is all you need.",
     "The mayor spoke. `npm install left-pad` is all you need."),
    # in a table a sentence ends with its cell: the header and the other cells stay
    ("markdown", "| Time | Event |\n|------|-------|\n| 10:00 | I hope this helps! Let me know if you need anything else. |\n"
                 "| 11:00 | The bridge opened. |",
     "| Time | Event |\n|------|-------|\n| 10:00 | |\n| 11:00 | The bridge opened. |"),
])
def test_list_marks_hard_breaks_and_table_cells_bound_a_removed_sentence(fmt, body, expected):
    assert fixed(article(body), fmt, unsafe=True) == article(expected)


def test_a_leftover_that_goes_with_anothers_sentence_is_counted_as_fixed():
    text = ("Budget passes\n\nBy Jane Doe\n\nThe council met.\n\n"
            "The bridge opened. I hope this helps! let me know if you need anything else. The mayor spoke.\n")
    out = fix_text("doc.text", text, "text", PACK, unsafe=True)
    assert out.text.endswith("The bridge opened. The mayor spoke.\n")
    assert {f.rule for f in out.fixed} == {"chat-sign-off", "chat-postscript"}


def test_html_code_after_a_leftovers_stop_stays():
    text = ("<html><body><article><p>By Jane Doe</p><p>The bridge opened. I hope this helps! "
            "<code>npm install left-pad</code> is all you need.</p></article></body></html>")
    assert fixed(text, "html", unsafe=True) == text.replace("I hope this helps! ", "")


def test_a_widget_heading_that_opens_a_teaser_line_is_unsafe():
    text = "Budget passes\n\nBy Jane Doe\n\nThe council met.\n\nMUST-READ: City opens new park on Sunday\n"
    assert fixed(text, "text") == text
    assert fixed(text, "text", unsafe=True) == "Budget passes\n\nBy Jane Doe\n\nThe council met.\n"


def test_suppressions_select_and_ignore_apply_to_fixes():
    text = ("Budget passes\n\nBy Jane Doe\n\nThe council met.\n\n"
            "<!-- contentcheck-disable-next-line -->\nViews: 218\n\nShare this:\n")
    assert fixed(text, "text") == ("Budget passes\n\nBy Jane Doe\n\nThe council met.\n\n"
                                   "<!-- contentcheck-disable-next-line -->\nViews: 218\n")
    ignoring = RulePack.load(ignore=["counter-or-share-bar"])
    assert fixed(text, "text", pack=ignoring) == text
    selecting = RulePack.load(select=["empty-state-text"])
    assert fixed(text, "text", pack=selecting) == text


def test_keep_narrows_what_is_fixed(tmp_path):
    text = "Budget passes\n\nBy Jane Doe\n\nThe council met.\n\nViews: 218\n"

    def waive_all(result):
        from dataclasses import replace
        return replace(result, findings=[])

    out = fix_text("doc.txt", text, "text", PACK, keep=waive_all)
    assert out.text == text and not out.fixed


def test_what_was_fixed_is_reported_where_it_was():
    out = fix_text("doc.md", MARKDOWN, "markdown", PACK)
    assert [(f.rule, f.line, f.column, f.safety) for f in out.fixed] == [
        ("counter-or-share-bar", 12, 1, "safe"), ("related-content-widget", 14, 4, "safe"),
        ("chat-assistant-leftover", 20, 30, "safe")]
    assert {f.rule for f in out.result.findings} == {"chat-preamble", "chat-assistant-leftover", "fiction-disclaimer"}
    out = fix_text("doc.md", MARKDOWN, "markdown", PACK, unsafe=True)
    assert ("chat-preamble", 8, 1, "unsafe") in [(f.rule, f.line, f.column, f.safety) for f in out.fixed]


def _rules(tmp_path, body: str) -> str:
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n" + body, encoding="utf-8")
    return str(path)



def test_a_safe_sentence_removal_that_might_take_more_is_unsafe(tmp_path):
    # A finding runs to its sentence's end: past a colon ("...nouveau pont : le pont a ouvert lundi.") or through
    # a Thai paragraph, which ends its sentences with spaces, the sentence may hold the article itself.
    path = _rules(tmp_path, (
        "  - id: house-handover\n    category: template-leftover\n    severity: warning\n    message: Handover\n"
        "    kind: pattern\n    pattern: '(?:Voici un article sur le nouveau pont|นี่คือบทความเกี่ยวกับสะพานใหม่)[^\\n]*'\n"
        "    fix: {remove: sentence, safety: safe}\n"))
    pack = RulePack.load([path], use_default=False)
    for text in ("Voici un article sur le nouveau pont : le pont a ouvert lundi avec six voies.\n\nLe maire y était.\n",
                 "นี่คือบทความเกี่ยวกับสะพานใหม่ สะพานเปิดเมื่อวันจันทร์\n\nนายกเทศมนตรีเข้าร่วมพิธี\n"):
        assert fixed(text, "text", pack=pack) == text
        assert fixed(text, "text", pack=pack, unsafe=True) != text
    # the handover that ends its paragraph with the colon stays safe
    text = "Voici un article sur le nouveau pont :\n\nLe pont a ouvert lundi.\n"
    assert fixed(text, "text", pack=pack) == "Le pont a ouvert lundi.\n"


def test_replace_with_match_and_group_references(tmp_path):
    path = _rules(tmp_path, (
        "  - id: house-style-percent\n    category: style\n    message: Write per cent\n    kind: pattern\n"
        "    pattern: '(?P<n>\\d+)\\s?%'\n    fix: {replace: '{n} per cent', safety: safe}\n"
        "  - id: house-brand\n    category: style\n    message: Brand name\n    kind: phrase\n"
        "    phrases: [acme corp]\n    fix: {replace: '{match}oration', safety: safe}\n"
        "  - id: house-quote\n    category: style\n    message: Quote it\n    kind: phrase\n"
        "    phrases: [so-called]\n    fix: {replace: '«{match}»', safety: safe}\n"))
    pack = RulePack.load([path], use_default=False)
    text = "Prices rose 5% at Acme Corp, and 12 % at the so-called market.\n"
    # A replacement its own rule would find again ("«so-called»") is not made: it would never end.
    assert fixed(text, "text", pack=pack) == \
        "Prices rose 5 per cent at Acme Corporation, and 12 per cent at the so-called market.\n"


@pytest.mark.parametrize("fix, message", [
    ("{replace: '{2}'}", "the pattern has 1 group(s)"),
    ("{replace: '{who}'}", "no group named 'who'"),
    ("{remove: paragraph}", "must be one of match, sentence, block, line"),
    ("{remove: line, replace: x}", "either remove"),
    ("{remove: line, safety: maybe}", "must be one of safe, unsafe"),
    ("{remove: line, saftey: safe}", "unknown fix key 'saftey'"),
    ("{replace: x, through: '</x>'}", "goes with remove"),
    ("{remove: match, through: '(unclosed'}", "not a regular expression"),
    ("{replace: 'a } b'}", "stray '}'"),
])
def test_bad_fix_keys_are_located_errors(tmp_path, fix, message):
    path = _rules(tmp_path, "  - id: r\n    category: c\n    message: m\n    kind: pattern\n"
                            f"    pattern: '(\\w+) x'\n    fix: {fix}\n")
    with pytest.raises(RulePackError) as info:
        RulePack.load([path], use_default=False)
    (error,) = info.value.errors
    assert (error.line, message in error.message) == (7, True), str(error)


def test_kinds_about_absence_cannot_have_fixes(tmp_path):
    path = _rules(tmp_path, "  - id: missing-author\n    fix: {remove: line, safety: safe}\n")
    with pytest.raises(RulePackError) as info:
        RulePack.load([path])
    assert "cannot have a fix" in str(info.value)


def test_an_override_adds_and_removes_a_fix(tmp_path):
    path = _rules(tmp_path, "  - id: counter-or-share-bar\n    fix: false\n"
                            "  - id: editor-placeholder\n    fix: {remove: match, safety: safe}\n")
    pack = RulePack.load([path])
    assert pack.by_id["counter-or-share-bar"].fix is None
    assert pack.by_id["editor-placeholder"].fix.safety == "safe"
    assert pack.by_id["chat-assistant-leftover"].exclude["sentence_contains"]  # the rest is kept


# -- files

@pytest.mark.parametrize("encoding, bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-8", b"")])
def test_file_keeps_encoding_bom_and_newlines(tmp_path, encoding, bom):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    source = SourceFile.read(str(path), "text")
    out = fix_text(str(path), source.text, "text", PACK)
    source.write(out.text)
    data = path.read_bytes()
    assert data.startswith(bom) and b"Views" not in data.decode(encoding, "replace").encode()
    assert data == bom + fixed(TEXT, "text").encode(encoding)


def test_latin1_file_is_written_back_in_latin1(tmp_path):
    path = tmp_path / "a.txt"
    text = "Caf\xe9 news\n\nBy Jos\xe9 Mart\xednez\n\nThe caf\xe9 reopened on Tuesday.\n\nViews: 218\n"
    path.write_bytes(text.encode("cp1252"))
    source = SourceFile.read(str(path), "text")
    source.write(fix_text("a.txt", source.text, "text", PACK).text)
    assert path.read_bytes() == text.replace("\n\nViews: 218", "").encode("cp1252")


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8", newline="")
    source = SourceFile.read(str(path), "text")
    path.write_text(TEXT + "\r\nA line added meanwhile.", encoding="utf-8", newline="")
    with pytest.raises(FixRefused, match="changed since it was read"):
        source.write(fix_text("a.txt", source.text, "text", PACK).text)
    assert path.read_bytes().endswith(b"meanwhile.")
    assert [p for p in os.listdir(tmp_path) if p != "a.txt"] == []  # no temporary file left


def test_bytes_that_would_not_survive_are_not_written(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfBudget\n\nBy Jane Doe\n\nBad byte \xff here.\n\nViews: 218\n")
    source = SourceFile.read(str(path), "text")
    with pytest.raises(FixRefused, match="not valid"):
        source.write(fix_text("a.txt", source.text, "text", PACK).text)


def test_write_keeps_the_mode_and_follows_links(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("Budget\n\nBy Jane Doe\n\nViews: 218\n", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    source = SourceFile.read(str(link), "text")
    source.write(fix_text("link.txt", source.text, "text", PACK).text)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "Budget\n\nBy Jane Doe\n"
    assert os.stat(real).st_mode & 0o777 == 0o640


def test_unified_diff():
    diff = unified_diff("a.txt", "one\ntwo\nthree", "one\nthree")
    assert diff == ("--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,2 @@\n one\n-two\n three\n"
                    "\\ No newline at end of file\n")


def test_html_cut_that_would_split_an_element_is_not_made():
    text = ("<html><body><article><p>The council approved the budget on Tuesday, officials said. "
            "I apologize for the <em>confusion. Really</em> it does.</p></article></body></html>")
    assert fixed(text, "html") == text  # no edit beats a broken <em>
    inside = text.replace("I apologize for the <em>confusion. Really</em> it", "<em>Really.</em> I apologize for the confusion. It")
    assert fixed(inside, "html") == inside.replace(" I apologize for the confusion.", "")


def test_removing_chat_tokens_keeps_the_words_between_and_around_them():
    # Two markers close together are two findings, and a marker stuck to a word leaves that word's space.
    text = "The bridge opened in 1932【4:0†source】 and 1970【4:1†source】 saw two rebuilds. 桥于1932年【3†source】和1970年【4†source】重建。\n"
    assert fixed(text, "text") == "The bridge opened in 1932 and 1970 saw two rebuilds. 桥于1932年和1970年重建。\n"
    assert fixed("바다는 넓다 <unk> 아이는 처음으로 파도를 보았다.\n", "text") == "바다는 넓다 아이는 처음으로 파도를 보았다.\n"


def test_a_chat_interfaces_copy_header_goes_and_the_text_around_it_stays():
    # The language's line goes with the button's words; any other line before them is the writer's.
    text = ("# Setup\n\nInstall the libraries:\n\nbash\nCopy code\npip install numpy\n\n"
            "Before a restart:\nSalin kode\nLoad the snapshot first.\n")
    assert fixed(text, "markdown") == ("# Setup\n\nInstall the libraries:\n\npip install numpy\n\n"
                                       "Before a restart:\nLoad the snapshot first.\n")


def test_a_leftover_opening_a_text_with_no_author_is_fixed():
    # "No author found" is reported at the text's start; a finding of a place and no text guards no
    # edit, so the opening handover still goes.
    text = "Sure! Here is the article about the bridge:\n\nThe bridge opened in 1932.\n"
    assert fixed(text, "text", unsafe=True) == "The bridge opened in 1932.\n"


@pytest.mark.parametrize(("fmt", "source", "expected"), [
    # the notes go with their tags, across the paragraphs between them
    ("text", "<think>\nOkay, I need an article about bridges.\n\nFirst the date.\n</think>\n\nThe bridge opened.\n",
     "The bridge opened.\n"),
    ("markdown", "---\ntitle: Bridges\n---\n\n<think>\nOkay, I need an article about bridges.\n\nFirst the date.\n"
                 "</think>\n\nThe bridge opened.\n",
     "---\ntitle: Bridges\n---\n\nThe bridge opened.\n"),
    ("html", "<html><body><article><h1>Bridges</h1><think>Okay, I need an article.</think>"
             "<p>The bridge opened.</p></article></body></html>\n",
     "<html><body><article><h1>Bridges</h1><p>The bridge opened.</p></article></body></html>\n"),
    # a closing tag with no opening one goes alone
    ("text", "The river runs.\n\n</think>\n", "The river runs.\n\n"),
])
def test_a_reasoning_block_goes_whole_with_its_tags(fmt, source, expected):
    assert fixed(source, fmt, unsafe=True) == expected
