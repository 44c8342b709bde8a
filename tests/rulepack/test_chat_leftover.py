"""The default pack's chat-leftover families on the leftovers content farms really publish."""

from __future__ import annotations

import pytest

from contentcheck.rulepack import RulePack

from ..conftest import check

NEWSGUARD_HEADLINE = "Sorry, I cannot fulfill this prompt as it goes against ethical and moral principles"


@pytest.fixture(scope="module")
def pack():
    return RulePack.load()


def chat_findings(result):
    return [f for f in result.findings if f.rule.startswith("chat-")]


def warned(text, pack, fmt="text"):
    """The leftover rules that report on text at warning or above."""
    return [f.rule for f in check(text, pack, fmt).findings
            if f.category in ("template-leftover", "fiction-disclaimer") and f.severity != "info"]


def test_newsguard_headline_in_title_and_h1(pack):
    page = (f"<html><head><title>{NEWSGUARD_HEADLINE}</title></head><body><article>"
            f"<h1>{NEWSGUARD_HEADLINE}</h1><p class=\"byline\">By Staff</p>"
            "<p>The company reported strong results on Monday, analysts said.</p></article></body></html>")
    found = chat_findings(check(page, pack, "html"))
    # The refusal, or the apology that opens it: both say the model declined.
    assert [f.line for f in found] == [1, 1] and {f.rule for f in found} <= {"chat-refusal", "chat-apology"}
    assert {f.column for f in found} == {page.index("Sorry") + 1, page.index("<h1>") + 5}


@pytest.mark.parametrize("front", [f'---\ntitle: "{NEWSGUARD_HEADLINE}"\ndate: 2023-05-01\n---\n',
                                   f"+++\ntitle = '{NEWSGUARD_HEADLINE}'\n+++\n"])
def test_newsguard_headline_in_a_front_matter_title(pack, front):
    # A Hugo or Jekyll post: the front matter's title is the page's <title>, found where it stands.
    post = front + "\nThe company reported strong results on Monday, analysts said.\n"
    found = chat_findings(check(post, pack, "markdown"))
    assert [(f.line, f.column) for f in found] == [(2, post.split("\n")[1].index("Sorry") + 1)]
    # A document-level finding still points at the text, not at the front matter.
    assert [f.line for f in check(post, pack, "markdown").findings if f.rule == "missing-author"] == [post.count("\n", 0, post.index("The company")) + 1]


def test_newsguard_headline_in_og_title_alone_and_not_twice(pack):
    # A share card's headline (og:title) is checked where the page's <title> says something else.
    body = ("<body><article><h1>Markets Rally</h1>"
            "<p>The company reported strong results on Monday, analysts said.</p></article></body></html>")
    page = f'<html><head><meta property="og:title" content="{NEWSGUARD_HEADLINE}"></head>{body}'
    found = chat_findings(check(page, pack, "html"))
    assert [(f.line, f.column) for f in found] == [(1, page.index("Sorry") + 1)]
    same = (f"<html><head><title>{NEWSGUARD_HEADLINE}</title>"
            f'<meta property="og:title" content="{NEWSGUARD_HEADLINE}"></head>{body}')
    assert [f.column for f in chat_findings(check(same, pack, "html"))] == [same.index("Sorry") + 1]


def test_og_title_is_a_heading_not_the_opening(pack):
    # A share card's shorter headline must not become the text's opening: the refusal that opens
    # the body is still the opening's.
    page = ('<html><head><title>Apples | Example News</title><meta property="og:title" content="Apples">'
            "</head><body><article><p>I apologize, but there is no evidence that the two ever met.</p>"
            "<p>Apples grow in orchards all over the world, in many varieties.</p></article></body></html>")
    assert [f.column for f in chat_findings(check(page, pack, "html"))] == [page.index("I apologize") + 1]


@pytest.mark.parametrize("head", [
    # the parser keeps the last og:title; a commented-out copy is not where it stands
    f'<meta property="og:title" content="Fine"><meta property="og:title" content="{NEWSGUARD_HEADLINE}">',
    f'<!-- <meta property="og:title" content="{NEWSGUARD_HEADLINE}"> -->'
    f'<meta property="og:title:alt" content="x"><meta content="{NEWSGUARD_HEADLINE}" property="og:title">',
])
def test_og_title_found_where_the_parser_read_it(pack, head):
    page = (f"<html><head>{head}</head><body><article><h1>Markets</h1>"
            "<p>The company reported strong results on Monday, analysts said.</p></article></body></html>")
    assert [f.column for f in chat_findings(check(page, pack, "html"))] == [page.rindex("Sorry") + 1]


@pytest.mark.parametrize("text, rule", [
    ("Markets Rally\n\nBy Ana Ruiz\n\nI cannot complete this prompt.\n\nShares rose.\n", "chat-refusal"),
    ("Markets Rally\n\nShares rose on Monday. My cutoff date in September 2021 means I cannot say more.\n",
     "chat-knowledge-cutoff"),
    ("Markets Rally\n\nBy Ana Ruiz\n\nShares rose.\n\nAs an AI language model, I cannot predict prices.\n",
     "chat-ai-self-reference"),
    ("Shares rose.\n\nI'm sorry, but I cannot provide financial advice.\n", "chat-refusal"),
    ("Shares rose on Monday.\n\nLet me know if you need any changes to the summary.\n", "chat-postscript"),
    ("Markets Rally\n\nBy Ana Ruiz\n\nSure! Here's an article about the rally:\n\nShares rose.\n", "chat-preamble"),
    # after an echoed prompt, well below the opening
    ("Bonds\n\nList three bond funds.\n\nPlease provide me with the requested information.\n\n"
     "Sure, here are three bond funds:\n\n- Fund A\n", "chat-preamble-line"),
    ("Shares rose.</s> Write another article about bonds.\n", "chat-role-tag"),
    ("Scores\n\nThe Ravens won 24-10.\n\nPlease note that the scores provided are fictional.\n", "chat-fiction-note"),
    ("Note: AI-generated news is purely fictional and created for entertainment purposes only.\n",
     "chat-fiction-note"),
])
def test_leftover_found_wherever_it_stands(pack, text, rule):
    assert rule in {f.rule for f in chat_findings(check(text, pack, "text"))}


@pytest.mark.parametrize("text", [
    # an article about chatbots quoting them
    "Chatbots Refuse\n\nBy Ana Ruiz\n\nAsked for a recipe, the bot replied: “I'm sorry, but I cannot provide that.”\n",
    # a spokesperson's "I cannot comment"
    "Mill Closes\n\n“I cannot comment on personnel matters,” a spokesperson said.\n",
    # a writer's own "Sure, ..." inside a paragraph, and "Okay, here's the thing"
    "Budget Vote\n\nThe council met.\n\nThe vote was close. Sure, here are the numbers, but the mood mattered more.\n",
    "Budget Vote\n\nThe vote was close.\n\nOkay, here's the thing: nobody read the budget.\n",
    # dialogue in fiction
    "---\ntitle: The Last Ferry\ncategories: [fiction]\n---\n\nThe robot paused. I cannot help you, it said.\n",
    # a what-if essay's caveat about its subject
    "What If Rome Never Fell\n\nIt is important to remember that this is a hypothetical scenario.\n",
    "What If Rome Never Fell\n\nThis is a hypothetical scenario, as the empire's fall shaped trade for centuries.\n",
    # dialogue in a script: the character speaks, not the model
    "The Ransom\n\nBryan: Release my daughter now.\nCaptor: Verily, I cannot do that, for she is our guest.\n",
    # ... set with a space before the colon, as French and Thai write it
    "La boutique\n\nMARIE : Bonjour !\nPAUL : Je cherche une chemise.\nMARIE : Je suis désolée, mais je ne peux pas "
    "vous aider avec cette demande.\n",
    "ที่ร้านเสื้อ\n\nเอ : สวัสดีครับ มีอะไรให้ผมช่วยได้บ้างครับ?\nบี : ผมอยากซื้อเสื้อเชิ้ตครับ\nเอ : ได้ครับ\nบี : ขอบคุณครับ\n",
    # a code sample in plain text
    "Deploying\n\nSet the token in the workflow:\n\n```\ntoken: {{ secrets.TOKEN }}\n# I cannot provide this value\n```\n",
    # an apology letter
    "Dear Ms Ruiz,\n\nI am writing to apologize for the delay in your order. It will ship on Monday.\n",
    # a blockquote in an article about chatbots
    "Chatbots Refuse\n\nBy Ana Ruiz\n\nOne reply read:\n\n> As an AI language model, I cannot browse the internet.\n",
    # an HTML article about chatbots that shows their output as inline code
    ("<html><body><article><h1>Why chatbots leak tokens</h1><p>By Ana Ruiz</p><p>A model that runs on prints "
     "<code>&lt;/s&gt;</code> or <code>&lt;|im_end|&gt;</code>, and some pipelines print <code>As an AI language "
     "model, I cannot</code> when the filter trips.</p></article></body></html>"),
])
def test_not_flagged(pack, text):
    fmt = "html" if text.startswith("<html") else "markdown" if text.startswith("---") or "\n> " in text else "text"
    found = [f for f in check(text, pack, fmt).findings if f.category in ("template-leftover", "fiction-disclaimer")]
    assert found == []


def test_an_answer_pasted_whole_as_a_quotation_is_not_quoting_anyone(pack):
    # A block quotation quotes someone only when a writer speaks around it; an answer that is nothing but
    # a quotation (its list items too) is the text itself.
    answer = ("> En tant qu'IA, je n'ai pas la capacité de dormir, mais voici quelques conseils :\n>\n"
              "> 1. Se réveiller tôt.\n>\n> 2. Boire beaucoup d'eau.\n")
    assert "chat-ai-self-reference-fr" in {f.rule for f in chat_findings(check(answer, pack, "markdown"))}
    quoting = "Un lecteur nous a transmis la réponse du robot :\n\n" + answer
    assert chat_findings(check(quoting, pack, "markdown")) == []


QUOTED_ITEMS = [
    # The chatbot's words as list items and paragraphs of a block quotation, a reporter speaking around them.
    ("markdown", "Our reporter asked the city's chatbot about the closure. It answered:\n\n"
                 "> - As an AI language model, I cannot predict when the bridge will reopen.\n"
                 "> - I'm sorry, but I cannot provide information about road closures.\n\n"
                 "The council says the chatbot will be retrained.\n"),
    ("html", "<html><body><p>Our reporter asked the city's chatbot about the closure. It answered:</p>"
             "<blockquote><ul><li>As an AI language model, I cannot predict when the bridge will reopen.</li>"
             "<li>I'm sorry, but I cannot provide information about road closures.</li></ul></blockquote>"
             "<p>The council says the chatbot will be retrained.</p></body></html>"),
    ("html", "<html><body><p>Our reporter asked the city's chatbot about the closure. It answered:</p>"
             "<blockquote><p>As an AI language model, I cannot predict when the bridge will reopen.</p>"
             "<p>I'm sorry, but I cannot provide information about road closures.</p></blockquote>"
             "<p>The council says the chatbot will be retrained.</p></body></html>"),
]


@pytest.mark.parametrize("fmt,text", QUOTED_ITEMS)
def test_list_items_and_paragraphs_inside_a_block_quotation_are_quoted(pack, fmt, text):
    assert chat_findings(check(text, pack, fmt)) == []
    # The same words as the writer's own list are found.
    own = text.replace("> - ", "- ").replace("<blockquote>", "").replace("</blockquote>", "")
    assert {f.rule for f in chat_findings(check(own, pack, fmt))} == {"chat-ai-self-reference", "chat-refusal"}


def test_a_letters_own_closing_words_are_not_an_assistant_postscript(pack):
    letter = ("Dear Ms Rao,\n\nThe slides for Thursday are attached.\n\n"
              "Please let me know if you have any questions about the slides.\n\n"
              "Thank you for your time, and I look forward to the meeting.\n\nBest regards,\n\nJane Doe\n")
    assert [f.rule for f in check(letter, pack, "text").findings if f.rule == "chat-postscript"] == []
    # The same words after an article, with no letter closing under them, are the assistant's.
    article = ("The council approved the budget on Monday.\n\n"
               "Please let me know if you have any questions about the budget.\n")
    assert [f.line for f in check(article, pack, "text").findings if f.rule == "chat-postscript"] == [3]
    # A closing three paragraphs further down is not this sentence's.
    far = article + "\nThe clerk will publish the figures.\n\nThe mayor will speak on Friday.\n\nBest regards,\n"
    assert [f.line for f in check(far, pack, "text").findings if f.rule == "chat-postscript"] == [3]


CODE_HANDOVER = [
    # Markdown drops its code from the checked text: the paragraph before it is marked.
    ("markdown", "Here is a Python function that sorts a list:\n\n```python\ndef f(x):\n    return sorted(x)\n```\n"),
    ("markdown", "Voici une fonction Python qui trie une liste :\n\n~~~\ndef f(x):\n    return sorted(x)\n~~~\n"),
    # HTML drops <pre> the same way.
    ("html", "<html><body><article><p>Hier ist eine Python-Funktion, die eine Liste sortiert:</p>"
             "<pre><code>def f(x): return sorted(x)</code></pre></article></body></html>"),
    # Plain text keeps its fences: the next line, or the same line of a flattened answer.
    ("text", "以下は、Pythonでリストを並べ替える関数の実装です。\n```python\ndef f(x):\n    return sorted(x)\n```\n"),
    ("text", "以下は、2つの配列の共通要素を求める関数の実装です: ```c++ void f() {} ``` この関数は..."),
    # A sentence or two about the code may finish the paragraph that hands it over.
    ("text", "Here is a simple implementation of a todo list in Python. The program keeps the todos in a "
             "dictionary.\n\n```python\ntodos = {}\n```\n"),
    ("markdown", "Here is a simple implementation of a todo list in Python. It prints the todos.\n\n```python\nx\n```\n"),
    ("html", "<html><body><article><p>Here is a JavaScript function that builds a pyramid. It uses a loop.</p>"
             "<pre><code>for (;;) {}</code></pre></article></body></html>"),
    # Korean names the code last, after the clause that describes it.
    ("text", "다음은 포트에서 질문을 받고 후속 질문에 응답하는 서버를 위한 Python 코드입니다.\n\n```python\nx = 1\n```\n"),
    # A bold label may stand between ("**1. Leibniz formula:**").
    ("text", "Here is a JavaScript function that computes pi in two ways.\n\n**1. Leibniz formula:**\n\n```js\nf()\n```\n"),
]


@pytest.mark.parametrize("fmt,doc", CODE_HANDOVER)
def test_code_handed_over_at_the_opening_is_a_preamble(pack, fmt, doc):
    found = [f for f in check(doc, pack, fmt).findings if f.rule.startswith("chat-preamble-code")]
    assert len(found) == 1 and found[0].severity == "warning" and found[0].line == 1


@pytest.mark.parametrize("fmt,doc", [
    # No code after it: a presentation, not a handover.
    ("markdown", "Here is a Python function that sorts a list. It takes a list and returns a new one.\n"),
    ("html", "<html><body><article><p>Here is a Python function that sorts a list.</p>"
             "<p>It takes a list and returns a new one.</p><pre><code>x</code></pre></article></body></html>"),
    # Code after a later paragraph, or the author's own code.
    ("markdown", "The council published its code on Monday.\n\nHere is the function it uses:\n\n```\nx = 1\n```\n"),
    ("markdown", "Here is my code, which fails on Windows:\n\n```\nx = 1\n```\n\nWhat am I missing?\n"),
    # A section heading or a sentence between the opening and the code; an indented block (a table too).
    ("markdown", "# mylib\n\nHere is a small library that wraps the Flask code.\n\n## Installation\n\n```bash\npip install x\n```\n"),
    ("markdown", "Here is the code of conduct for the meetup.\n\nFirst, install the dependencies\n\n```\nx\n```\n"),
    ("markdown", "Here is a Python function that sorts a list:\n\n    def f(x):\n        return sorted(x)\n"),
    ("html", "<html><body><article><p>Here is a Python function that sorts a list.</p></article>"
             "<footer><pre>footer art</pre></footer></body></html>"),
    ("text", "这是我的代码，在Windows上会崩溃：\n```\nx = 1\n```\n"),
    # The rest of the paragraph is a person's: theirs, or a question about it.
    ("text", "Here is a simple Python script that renames photos by date. I wrote it last winter.\n\n```python\nx\n```\n"),
    ("text", "Here is the function that crashes. Any idea why it throws on Windows?\n\n```python\nx\n```\n"),
    # The code after a long paragraph is not this sentence's.
    ("text", "Here is a Python function that sorts a list. " + "The team wrote it over many years of work. " * 16
             + "\n\n```\nx = 1\n```\n"),
])
def test_code_not_handed_over(pack, fmt, doc):
    assert not [f for f in check(doc, pack, fmt).findings if f.rule.startswith("chat-preamble-code")]


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_file_name_may_stand_between_the_handover_and_its_code(pack, fmt):
    doc = "Here is the code for a simple website that shows a random joke:\n\n**index.html**\n```html\n<p>Hi</p>\n```\n"
    assert [f for f in check(doc, pack, fmt).findings if f.rule == "chat-preamble-code"]


@pytest.mark.parametrize("lang,offer,reader", [
    ("en", "If you'd like, I can add error handling to the script.",
     "If you want, you can download the full report from the council's site."),
    ("pt", "Se quiser, posso te passar exercícios práticos para treinar.",
     "Se quiser, você pode baixar o relatório completo no site."),
    ("de", "Wenn Sie möchten, kann ich Ihnen ein weiteres Beispiel zeigen.",
     "Wenn Sie möchten, können Sie den Bericht online lesen."),
    ("zh", "如果您需要，我可以提供更多例子。", "如果你需要，可以在官网下载完整报告。"),
])
def test_an_offer_on_the_readers_wish_is_a_postscript(pack, lang, offer, reader):
    body = f"---\nlang: {lang}\n---\n\n# Budget\n\nThe council approved the budget on Monday.\n\n"
    found = [f for f in check(body + offer + "\n", pack, "markdown").findings if f.rule.startswith("chat-postscript")]
    assert [f.line for f in found] == [9]
    # The reader told what they may do themselves: not the assistant offering more work.
    assert not [f for f in check(body + reader + "\n", pack, "markdown").findings if f.rule.startswith("chat-")]


@pytest.mark.parametrize("doc,flagged", [
    ("Here is a poem about the harbour at night:\n\nThe lights lie still\n", True),
    ("# Here Is a Poem About the Harbour\n\nThe lights lie still.\n", False),  # a headline
    ("Here is a poem about the harbour that the mayor read on Monday.\n\nThe lights lie still.\n", False),
    ("Here is a poem I wrote for my grandmother:\n\nShe kept the keys.\n", False),  # the author's own
])
def test_a_piece_written_to_order_is_handed_over_with_a_colon(pack, doc, flagged):
    found = [f for f in check(doc, pack, "markdown").findings if f.rule == "chat-preamble-creative"]
    assert bool(found) == flagged


@pytest.mark.parametrize("text", [
    "If you want a quiet beach, I can recommend Playa Blanca.",  # a condition, then a recommendation
    "If needed, I can confirm that the road stays closed.",
])
def test_an_offer_needs_the_wish_right_before_it(pack, text):
    body = f"# Travel\n\nThe coast is quiet in May.\n\n{text}\n"
    assert not [f for f in check(body, pack, "markdown").findings if f.rule.startswith("chat-postscript")]


@pytest.mark.parametrize("answer, rule", [
    ("Here are the two sentences you asked for:\n\n1. The bridge opened.\n2. The river rose.\n", "chat-preamble-start"),
    ("Aquí tienes las dos frases:\n\n1. El puente abrió.\n2. El río creció.\n", "chat-preamble-start-es"),
    ("以下是一篇关于大桥的短文：\n\n大桥于去年开通。\n", "chat-preamble-start-zh"),
    ("According to the text, the city has two bridges. The older one dates from 1900.\n", "chat-reply-start"),
    ("Berdasarkan teks tersebut, kota itu memiliki dua jembatan.\n\nJembatan tertua dibangun tahun 1900.\n",
     "chat-reply-start-id"),
    # what an earlier turn of the chat provided
    ("L'implementazione fornita sopra è già efficiente.\n\nLa ricerca binaria basta.\n", "chat-reply-start-it"),
    # the requester's text handed back mended
    ("Aqui está o texto revisado:\n\nO comitê se reuniu na segunda-feira.\n", "chat-preamble-start-pt"),
    ("Zde je opravený text:\n\nVýbor zasedal v pondělí.\n", "chat-preamble-start-cs"),
])
def test_an_answer_pasted_whole_is_found_and_a_titled_page_is_not(pack, answer, rule):
    """With nothing before it, the first sentence speaks to whoever asked; under a title it speaks to readers."""
    assert rule in {f.rule for f in check(answer, pack, "text").findings if f.severity == "warning"}
    for titled, fmt in ((f"# Bridges\n\n{answer}", "markdown"), (f"---\ntitle: Bridges\n---\n{answer}", "markdown"),
                        (f"<html><head><title>Bridges</title></head><body><p>{answer}</p></body></html>", "html")):
        assert rule not in {f.rule for f in check(titled, pack, fmt).findings}


@pytest.mark.parametrize("text", [
    "Here is the situation:\n\nMy landlord kept the deposit.\n",  # a forum post
    "Here are the ingredients:\n\n- 2 eggs\n- flour\n",
    "Below is the full statement released by the mayor's office on Friday:\n\nThe bridge will reopen.\n",
    "Here's what you need to know:\n\n- The bridge is closed.\n",
    "Voici le communiqué publié vendredi par la préfecture :\n\nLe pont est fermé.\n",
    "Hier sind die Ergebnisse der Bürgermeisterwahl:\n\n- Müller 52 %\n",
    "Caranya sebagai berikut:\n\n1. Buka aplikasi\n",
    "以下是国务院新闻办公室发布会的全文：\n\n主持人：各位好。\n",
    "According to the text of the bill, landlords must return deposits within 14 days.\n",
    "Según el texto de la ley publicada hoy, los alquileres no podrán subir más del 3 %.\n",
    "For decades, scientists have struggled to answer the question of how birds navigate.\n",
    "根据上述规定，本办法自2024年1月1日起施行。\n",
    "Segue abaixo a redação revisada do item 4.2 do edital:\n\n4.2 As inscrições vão até maio.\n",
    "The correct answer to the housing shortage, the mayor said, is more homes.\n",
    "The right answer is patience, says coach Ana Ruiz.\n",
    "육아에 정답은 없다. 아이마다 다르기 때문이다.\n",
    "Last week's puzzle: the correct answer is 42 sheep.\n",
    "Using the formula given above, the total is 12.\n",
])
def test_a_notice_or_a_news_item_that_opens_untitled_is_not_an_answer(pack, text):
    """Untitled human texts hand over results, statements and facts, and name the texts they cite."""
    assert not {f.rule for f in check(text, pack, "text").findings if "-start" in f.rule}



@pytest.mark.parametrize("answer", [
    "The correct answer is B. The second sentence contrasts with the first.\n",
    "The correct answer is A) 생산성 향상.\n\nAccording to the text, deep work is a skill.\n",
    "정답은 ④번입니다. 두 번째 문장이 첫 문장과 대조됩니다.\n",
    "正确答案是B，因为文中提到了下雨。\n",
])
def test_the_answer_to_a_test_question_the_reader_never_saw_is_a_hint(pack, answer):
    # info, not a finding: judges and the labellers of a held-out set split on it
    found = {(f.rule, f.severity) for f in check(answer, pack, "text").findings if f.rule.startswith("chat-")}
    assert ("chat-answer-key", "info") in found
    under_a_title = check(f"# Quiz\n\n{answer}", pack, "markdown").findings
    assert "chat-answer-key" not in {f.rule for f in under_a_title}


@pytest.mark.parametrize("answer", [
    "Here are the solutions to the three exercises:\n\n1. x = 4\n2. y = 7\n",
    "Zde jsou řešení všech tří příkladů:\n\n1. x = 4\n2. y = 7\n",
    "以下の三つの問題の解答をまとめました：\n\n1. x = 4\n2. y = 7\n",
])
def test_an_untitled_answer_opening_on_a_handover_is_found_whatever_it_hands_over(pack, answer):
    found = {f.rule for f in check(answer, pack, "text").findings}
    assert any(r.startswith("chat-preamble-start") for r in found)
    # An article hands over after its title; a notice hands over its results.
    titled = check(f"# Exercises\n\n{answer}", pack, "markdown").findings
    assert not any(f.rule.startswith("chat-preamble-start") for f in titled)
    assert not {f.rule for f in check("Here are the winners of the science fair:\n\n1. Ana\n", pack, "text").findings
                if f.rule.startswith("chat-preamble-start")}


@pytest.mark.parametrize("handover, rule", [
    ("以下に、各月の最高と最低の終値を示します。", "chat-preamble-start-ja"),
    ("下面是按月份整理的最高和最低收盘价。", "chat-preamble-start-zh"),
])
@pytest.mark.parametrize("then, fmt", [
    ("```cpp\nint f(int n);\n```\n", "markdown"),
    ("1. 準備\n2. 実行\n", "markdown"),
    ("| 月 | 終値 |\n|---|---|\n| 1 | 100 |\n", "markdown"),
    ("────────\n1段階: 規模\n", "text"),
])
def test_a_handover_closed_by_a_full_stop_is_found_when_what_it_hands_over_follows(pack, handover, rule, then, fmt):
    """Japanese and Chinese close a handover with a full stop where English puts a colon: what comes
    next tells a handover from a paragraph that opens an essay."""
    for text in (f"{handover}\n\n{then}", f"{handover}\n{then}"):
        # (before code, the code handover rule may be the one to report it)
        assert {rule, rule.replace("start", "code")} & {f.rule for f in check(text, pack, fmt).findings}, text
    prose = f"{handover}\n\n橋は来月開通する。工事は順調だ。\n"
    assert rule not in {f.rule for f in check(prose, pack, fmt).findings}
    far = f"{handover}{'工事は順調だ。' * 40}\n\n{then}"  # paragraphs of prose before the list
    assert rule not in {f.rule for f in check(far, pack, fmt).findings}


@pytest.mark.parametrize("text, rule", [
    ("이 문제를 해결하기 위한 해결책을 제안해 드리겠습니다. 이 과제는 판매를 늘리는 것입니다.\n", "chat-preamble-service-ko"),
    ("基于城市的历史，我来分析一下大桥的三个问题：\n\n- 年久失修\n", "chat-preamble-service-zh"),
    ("つらい状況ですね。まず、あなたの安全が最優先であることを強調させてください。\n", "chat-preamble-service-ja"),
])
def test_an_untitled_answer_opening_on_what_the_model_will_do_for_the_asker(pack, text, rule):
    """A verb-final language says what it will do at the end of the sentence: the finding is the whole
    sentence, not its last word."""
    found = [f for f in check(text, pack, "text").findings if f.rule == rule]
    assert len(found) == 1, found
    sentence_start = 1 if rule != "chat-preamble-service-ja" else text.index("まず") + 1
    assert (found[0].line, found[0].column) == (1, sentence_start)
    assert rule not in {f.rule for f in check(f"# 다리\n\n{text}", pack, "markdown").findings}


@pytest.mark.parametrize("text", [
    "오늘은 React의 상태 관리에 대해 설명하겠습니다.\n\n상태는 컴포넌트의 기억이다.\n",  # a writer to readers
    "本文将介绍大桥的历史，我将分析三个原因。\n\n大桥于1900年建成。\n",
    "今天我们来聊聊大桥的历史。\n\n大桥于1900年建成。\n",
    "本記事では新機能についてご説明します。\n\n機能は三つある。\n",
    "他说：“我来了，我看到了，我征服了。”\n",
    # a person introducing themselves, a company's notice, a person sharing or writing for someone
    "はじめまして、田中です。まずは簡単に自己紹介をさせてください。\n\n趣味は登山です。\n",
    "弊社の新しい料金体系についてご説明いたします。\n\n1. 基本料金\n",
    "안녕하세요, 김민수입니다. 지난주 회의 결과를 공유해 드리겠습니다.\n\n1. 예산 확정\n",
    "이번 주말에 다녀온 맛집을 소개해 드릴게요.\n\n가게는 역 앞에 있다.\n",
    "我来介绍一下我的家乡。\n\n家乡在江边。\n",
    "作为班长，我来总结一下这学期的工作。\n\n我们办了三次活动。\n",
])
def test_a_writer_announcing_an_article_is_not_the_model_serving_its_asker(pack, text):
    assert not [f.rule for f in check(text, pack, "text").findings if f.rule.startswith("chat-preamble-service")]


def test_a_full_stop_handover_needs_its_full_stop_and_reads_html_lists_and_tables(pack):
    rule = "chat-preamble-start-ja"
    handover = "以下に、各月の最高と最低の終値を示します"
    assert rule not in {f.rule for f in check(f"{handover}\n\n1. 一月\n2. 二月\n", pack, "markdown").findings}
    for then in ("<table><tr><td>一月</td><td>100</td></tr></table>", "<ul><li>一月は100</li></ul>"):
        page = f"<html lang='ja'><body><p>{handover}。</p>{then}<p>以上。</p></body></html>"
        assert rule in {f.rule for f in check(page, pack, "html").findings}, then
    page = f"<html lang='ja'><body><p>{handover}。</p><p>一月は高かった。二月は低かった。</p></body></html>"
    assert rule not in {f.rule for f in check(page, pack, "html").findings}


@pytest.mark.parametrize("text", [
    "以下に、再帰でフィボナッチ数を求めるC++プログラムを示します。\n\n```cpp\nint f(int n);\n```\n",
    "下面是一个使用 Python 和 collections 模块实现的解决方案。\n\n```python\nprint(1)\n```\n",
])
def test_code_a_full_stop_presents_is_a_tutorials_as_much_as_a_models(pack, text):
    assert not [f.rule for f in check(text, pack, "markdown").findings if f.rule.startswith("chat-preamble-start")]


def test_an_english_handover_still_needs_its_colon(pack):
    text = "Here's the explanation.\n\n1. The bridge opened.\n2. The river rose.\n"
    assert not any(f.rule.startswith("chat-preamble-start") for f in check(text, pack, "text").findings)


@pytest.mark.parametrize("text, rule", [
    ("Kota ini berdiri pada 1932.\n\nApakah Anda ingin tahu lebih banyak tentang sejarahnya?\n", "chat-offer-question-id"),
    ("تأسست المدينة عام 1932.\n\nهل ترغب في معرفة عدد سكانها اليوم؟\n", "chat-offer-question-ar"),
    ("这座城市建于1932年。\n\n你要不要顺便问问：它的人口有多少？\n", "chat-offer-question-zh"),
    ("The city was founded in 1932.\n\nWould you like to dive deeper into how the port shaped it?\n", "chat-offer-question"),
    ("A cidade foi fundada em 1932.\n\nVocê gostaria de focar em algum desses aspectos históricos?\n",
     "chat-offer-question-pt"),
    ("이 도시는 1932년에 세워졌습니다.\n\n관심있는 주제가 있으신가요?\n", "chat-offer-question-ko"),
    ("この町は1932年にできました。\n\n他に知りたいことはありますか？\n", "chat-offer-question-ja"),
    # The wish opens the sentence and the offer closes it, a hundred characters later.
    ("研修は三段階です。\n\n必要なら、貴社の業種・職種（営業中心／製造／コールセンター／バックオフィス等）に合わせて、"
     "**各段階の演習問題**と**配布資料のひな形**（そのまま配れる資料）まで具体化できます。\n", "chat-offer-question-ja"),
])
def test_a_closing_question_offering_more_is_found_and_a_reader_faq_is_not(pack, text, rule):
    assert rule in {f.rule for f in check(text, pack, "text").findings}
    # The same question opening the text, with the article after it, is the writer's hook.
    hook = text.split("\n\n")[1] + "\n\n" + "\n\n".join(["A.", "B.", "C.", "D."]) + "\n"
    assert rule not in {f.rule for f in check(hook, pack, "text").findings}


@pytest.mark.parametrize("text", [
    "以上で設定は完了です。\n\n必要なら、あとから設定ファイルを変更できます。\n",
    "この町は1932年にできました。\n\nでは、さっそく歩いてみましょうか。\n",
    "The city was founded in 1932.\n\nShall I compare thee to a summer's day?\n",
    # a shop's call to action, a forum asker, readers asked by a blogger or a company's keigo
    "Our tiles last for decades.\n\nWould you like to learn more about our tiles? Call us on 0800 123 456.\n",
    "The server logs show the error.\n\nShall I provide the full config? Any help appreciated.\n",
    "¿Quieres que los niños prueben algo nuevo cada semana? Pon un plato nuevo.\n",
    "여러분은 요즘 관심 있는 주제가 있으신가요? 댓글로 알려주세요!\n",
    "研修のご案内です。\n\nご希望であれば、御社の業種や人数に合わせた研修プランをご提案します。\n",
    "Kuliah di luar negeri itu seru.\n\nMau lanjut kuliah ke luar negeri? Cek daftar beasiswa.\n",
])
def test_a_readers_own_next_step_is_not_the_model_offering_more(pack, text):
    assert not [f for f in check(text, pack, "text").findings if f.rule.startswith("chat-offer-question")]


@pytest.mark.parametrize("marker", ["【4:0†source】", "【12†L7-L9】", "citeturn0search3", "\ue200cite\ue202turn0search3\ue201",
                                    "citeturn0search3turn0news1", ":contentReference[oaicite:0]{index=0}", "[cite: 1, 2]"])
def test_a_chat_interfaces_citation_markup_is_found_where_it_stands(pack, marker):
    text = f"구글은 앤스로픽에 20억 달러를 투자했습니다{marker}. 투자는 계속됩니다.\n"
    found = [f for f in check(text, pack, "text").findings if f.rule == "chat-citation-marker"]
    assert [(f.line, f.column, f.text) for f in found] == [(1, text.index(marker) + 1, marker)]


@pytest.mark.parametrize("text", [
    "The study found it [1] and later work agreed [2, 3].\n",
    "See 【注】 for the footnote and the dagger † for the author's death.\n",
    "Strip them first:\n\n```python\nre.sub(r'【\\d+†source】', '', text)\n```\n",
    "A small tool that removes 【4:0†source】 and citeturn0search3 artifacts from copied answers.\n",
    "Words that are not in the vocabulary are replaced with <unk>, and short sentences get <pad>.\n",
    "Du bist ein hilfreicher Assistent und suchst eine neue Stelle? Bewirb dich jetzt.\n",
    "You are an expert in technical translation with five years of experience in contract law.\n",
])
def test_footnotes_and_texts_about_markup_tokens_and_prompts_and_job_ads_are_not_leftovers(pack, text):
    rules = {"chat-role-tag-token", "chat-system-prompt", "chat-citation-marker"}
    assert not [f for f in check(text, pack, "text").findings if f.rule in rules]


def test_a_system_prompt_opening_the_text_is_found_and_one_the_text_discusses_is_not(pack):
    page = ("# Flux Image\n\nEres un experto en traducción técnica especializado en documentación de nodos.\n\n"
            "## Reglas\n\n1. No traduzcas el código.\n")
    found = [f for f in check(page, pack, "markdown").findings if f.rule == "chat-system-prompt"]
    assert [(f.line, f.column) for f in found] == [(3, 1)]
    later = "The bridge opened in 1932.\n\nYou are a helpful assistant, the manual tells the model.\n"
    reader = "You are a hiker at heart. The trail starts at the bridge.\n"
    for text in (later, reader):
        assert not [f for f in check(text, pack, "text").findings if f.rule == "chat-system-prompt"]


def test_a_korean_handover_and_a_one_syllable_exclusion(pack):
    table = "\n\n| 유형 | 설명 |\n|---|---|\n| 독립형 | 빠르다 |\n"
    # In the second sentence, after a remark on the topic, judges read the handover as a writer's lead-in.
    second = "그래픽 카드는 핵심 부품입니다. 다음은 주요 유형을 정리한 표입니다:" + table
    # "내용" (content) is not "내" (my): a one-syllable exclusion word stands alone in Korean.
    content = "다음은 이번 투자 내용을 정리한 표입니다:" + table
    mine = "다음은 내 코드입니다:" + table
    def rules(text):
        return {f.rule for f in check(text, pack, "text").findings}
    assert "chat-preamble-start-ko" in rules(content)
    assert "chat-preamble-start-ko" not in rules(mine) and "chat-preamble-start-ko" not in rules(second)


def test_a_block_of_blanked_markup_does_not_stop_the_word_count_rule(pack):
    # Markdown blanks a line's HTML to spaces in the checked text; the rule once backtracked over such a
    # run for seconds and was stopped, reporting an error on a page with no leftover.
    page = ("# Conditional rendering\n\n<div class=\"school\"><a href=\"https://example.org/lessons/conditionals"
            "?friend=docs\" target=\"_blank\" rel=\"sponsored noopener\" title=\"Learn conditional rendering in"
            " a free lesson of the school\">Learn conditional rendering in a free lesson, word by word</a>"
            "</div>\n\nThe directive renders a block only when its value is true, and not a word otherwise.\n")
    assert [(f.rule, f.message) for f in check(page, pack, "markdown").findings if f.rule == "chat-word-count"] == []


def test_a_reasoning_block_in_markdown_is_read_not_blanked_as_html(pack):
    # Markdown blanks inline HTML; <think> is no element of HTML but the model's, and its words show.
    text = "---\ntitle: Bridges\n---\n\n<think>\nOkay, I need an article about bridges.\n</think>\n\nThe bridge opened.\n"
    found = [(f.rule, f.line) for f in check(text, pack, "markdown").findings if f.rule == "chat-reasoning-block"]
    assert found == [("chat-reasoning-block", 5), ("chat-reasoning-block", 7)]


def test_a_reasoning_block_in_html_is_found_at_its_tags(pack):
    # <think> is no element of HTML: a browser shows the words inside it as the page's own.
    page = ("<html><body><article><h1>Bridges</h1><think>Okay, I need an article about bridges.</think>"
            "<p>The bridge opened.</p></article></body></html>")
    found = [(f.column, f.text) for f in check(page, pack, "html").findings if f.rule == "chat-reasoning-block"]
    assert found == [(page.index("<think>") + 1, "<think>"), (page.index("</think>") + 1, "</think>")]
    # inside code it is an example
    code = page.replace("<think>Okay", "<code>&lt;think&gt;</code> Okay").replace("</think>", "")
    assert [f for f in check(code, pack, "html").findings if f.rule == "chat-reasoning-block"] == []


@pytest.mark.parametrize("text", [
    "Guía de instalación\n\nEl servidor arranca con un solo comando. Si encuentras un error en la guía, avísame.\n",
    "Ma bibliothèque\n\nElle ne pèse que 2 Ko. Faites-moi savoir si vous l'utilisez dans vos projets.\n",
    "安装指南\n\n本文难免有疏漏之处，如果文章有错误，请让我知道，谢谢！\n",
    "Установка\n\nСкрипт запускается одной командой. Если найдёте ошибку, дайте мне знать.\n",
    "勉強会の資料\n\n今日の内容は以上です。質問があれば、遠慮なく聞いてください。\n",
    "Anleitung Musik\n\nDie Befehle stehen in der Datei music.py. Bei Fragen helfe ich gerne weiter.\n",
    # ... nor an author's offer of help, most often with how to reach them
    "Meu projeto\n\nO app gera gráficos a partir de planilhas.\n\nSe algo não funcionar, abra uma issue neste "
    "repositório. Ficarei feliz em ajudar!\n",
    "Mon outil\n\nIl convertit les fichiers en PDF.\n\nContactez-moi sur GitHub, je me ferai un plaisir de vous aider.\n",
    # ... nor any question, invited: the model's are more questions, other ones, or changes
    "Weather station\n\nThe board reads the sensor every minute.\n\nIf you have any questions, let me know! My e-mail is "
    "on my site.\n",
    "Mi proyecto\n\nEl bot publica el clima cada mañana.\n\nSi tienes alguna pregunta, no dudes en preguntarme.\n",
    "翻译说明\n\n本文译自一篇英文博客。\n\n如果你有任何问题，请告诉我。\n",
])
def test_a_writers_let_me_know_or_offer_of_help_is_not_an_assistant_postscript(pack, text):
    # An author asks readers to report a bug or to say whether they use the project: "let me know" alone is
    # anyone's; the model's names what it would do next with the text it handed over.
    assert [f.rule for f in check(text, pack, "text").findings if f.rule.startswith("chat-postscript")] == []


@pytest.mark.parametrize("text", [
    "Aquí está el resumen.\n\nAvísame si quieres una versión más corta.\n",
    "Voici le résumé.\n\nDites-moi si vous voulez une version plus courte.\n",
    "Вот текст письма.\n\nДайте знать, если нужно что-то изменить перед отправкой.\n",
    "Voici le résumé.\n\nJe serai ravi de vous aider si vous avez d'autres questions.\n",
    "Here is the summary.\n\nIf you have any other questions, let me know.\n",
    "这是摘要。\n\n如果您还有其他问题，请告诉我。\n",
])
def test_let_me_know_with_the_next_cut_of_the_text_is_an_assistant_postscript(pack, text):
    assert [f.rule for f in check(text, pack, "text").findings if f.rule.startswith("chat-postscript")] != []


WRITERS = [
    # "to my knowledge" is anyone's; the model dates what it knows
    "Go installieren\n\nNach meinem Wissen ist das der einfachste Weg, Go zu installieren.\n",
    "Seberapa banyak pengetahuan saya tentang React yang tetap relevan?\n\nBanyak sekali, kata tim.\n",
    # "the object you provided": a tutorial's reader calling a function, not a requester's text
    "Estado\n\nCuando invocas a setState(), React combina el objeto que proporcionaste con el estado actual.\n",
    "State\n\nWenn du setState() aufrufst, führt React das von dir bereitgestellte Objekt mit dem State zusammen.\n",
    "Efek\n\nReact akan mengingat fungsi yang Anda berikan dan memanggilnya nanti.\n",
    "Biểu mẫu\n\nNếu bạn đã cung cấp một value nhưng ô nhập vẫn sửa được, bạn đã gán nó bằng null.\n",
    "API\n\nCreates a new text node with the given text.\n",
    # a tutorial's "let's review", a writer's next step, a story's "wanted me to help"
    "Listas\n\nPrimero, vamos a revisar cómo transformas listas en JavaScript.\n",
    "Had\n\nPak potřebuješ ještě několik změn:\n\n- první\n- druhá\n",
    "Go\n\nPerlu saya tekankan, bahwa Go bukan bahasa fungsional.\n",
    "Dica\n\nFica aqui a primeira dica, quer que eu fale de algum assunto? Manda no Twitter.\n",
    "เรื่องเล่า\n\nน้องชายผมอยากให้ผมช่วยวางระบบ ผมก็ลงไปช่วย\n",
    # a writer's own limits: HTTP's requests, an answer not found, a dataset under copyright
    "CORS\n\n長い間、JavaScript はこのようなリクエストを行うことができませんでした。\n",
    "Списки\n\nИногда, когда я не могу найти подходящий ответ, решение основано на моём опыте.\n",
    "Dữ liệu\n\nVì lý do bản quyền, tôi không được phép chia sẻ bộ dữ liệu này với các bạn.\n",
    # a developer's bug, a speaker's offer to a community, a blog's hook, an interviewer's question, a statement
    "Bug\n\nThe build failed on Windows once. But I could not reproduce it.\n",
    "Talks\n\nIf anyone has a slide deck that needs some colour, I'll be happy to help.\n",
    "برامج\n\nهل تريد أن تعرف كم ساعة تبرمج حقا كل أسبوع؟\n",
    "Phỏng vấn\n\nNgoài ra, anh còn điều gì khác trong cuộc đời cảm thấy tiếc nuối?\n",
    "Lighthouse\n\nNamun ada hal lain yang lebih kelam yang tidak seharusnya kita coba.\n",
    "Plastikfrei\n\nDas sind meine Tipps. Wenn du mehr hast, lass es mich gerne wissen.\n",
    "Terraform\n\nSicherlich kann ich dann keinen anbieterunabhängigen Code schreiben, aber ich kann mehrere Clouds "
    "abbilden.\n",
    # a firm answering its reader's request, a privacy policy, an ML blogger's data and network, an @account
    "Auskunft\n\nNach dem Versand hat die Firma einen Monat Zeit, um Deine Anfrage zu beantworten.\n",
    "Derechos\n\nLos terceros deberán ser informados sobre tu solicitud de supresión.\n",
    "Privacidad\n\nDatos afectados: tu nombre y los datos de contacto que proporcionaste.\n",
    "Selfies\n\nHere are a few samples from my test data, which the network has not seen.\n",
    "RNN\n\nThe network emits one character at each step in response to your input sequences.\n",
    "Hacks\n\nThat is the whole hack. Let me know if you have any issues on @jo_codes, and until later!\n",
    # a person asking the model about itself, a blogger's story, a letter's book
    "Intervista\n\nMa se, in quanto intelligenza artificiale, raggiungessi le capacità del cervello umano, "
    "non avresti emozioni?\n",
    "Interview\n\nAs an AI, do you ever wish you could forget a conversation?\n",
    "Lettera\n\nHo riletto ieri il libro che mi hai dato prima di partire.\n",
    "高専カレンダー\n\nいただいた文章をぼくが受け取ってウェブにアップしました。\n",
    "単語帳\n\n私が学習した英単語は、去年の3月までに2000語になった。\n",
]
# ... and the same shapes said of the request
REQUESTS = [
    "Basándome estrictamente en el contexto proporcionado por los documentos, la matrícula no se reduce.\n",
    "Es tut mir leid, aber nach meinem Wissensstand (2024-04) ist das Projekt nicht abgeschlossen.\n",
    "Basierend auf den von Ihnen bereitgestellten Informationen hat die Stadt zwei Millionen Einwohner.\n",
    "Quer que eu resuma o texto em três parágrafos?\n",
    "ต้องการให้ฉันสรุปให้ไหมคะ\n",
    "根据你上传的文件，合同共有三处问题。\n",
    "In the given text, the author argues for a new tax.\n",
    "هل تريد أن أشرح لك المزيد عن هذا الموضوع؟\n",
    "Bạn còn điều gì cần hỏi thêm không?\n",
    "Apakah ada hal lain yang bisa saya bantu?\n",
    "I'm sorry, but I can't reproduce copyrighted content.\n",
    "Es tut mir leid, aber ich kann keinen Code schreiben, der Passwörter ausliest.\n",
    "Text.\n\nLass es mich gerne wissen, wenn du eine kürzere Version brauchst.\n",
    "Um deine Frage zu beantworten: Der Rhein ist länger als die Elbe.\n",
    "Il testo che mi hai dato contiene tre errori.\n",
    "As an AI, I do not have feelings, but I can describe them.\n",
    "Praha\n\nOmlouvám se za nepřesnost. Jak vám mohu dále pomoci?\n",
    "I když jsem trénován na rozsáhlém souboru textů, stále se učím.\n",
    "東京は日本の首都です。\n\n何か他の質問があれば、お気軽に聞いてください。\n",
    "إذا كنت ترغب في ترجمة النص إلى لغة أخرى، فأنا هنا لمساعدتك.\n",
    "Если у вас есть дополнительные вопросы или нужна помощь с подготовкой документов, дайте знать!\n",
    "私が学習した最新の知識に関しては、2021年9月までになります。\n",
    "学习编程需要时间和耐心，以下是一个可能的学习计划：\n\n1. 基础语法\n2. 数据结构\n",
]


@pytest.mark.parametrize(("text", "leftover"), [(t, False) for t in WRITERS] + [(t, True) for t in REQUESTS])
def test_a_writers_sentence_in_a_shape_chat_rules_read_is_no_leftover_and_a_request_still_is(pack, text, leftover):
    # The shapes as blogs, books and translated documentation written before chat models use them, and as a
    # model says them of the request it was given.
    found = [rule for rule in warned(text, pack) if rule.startswith("chat-")]
    assert bool(found) == leftover, found


def test_the_briefs_paragraph_labels_are_found_and_a_lessons_are_not(pack):
    # A pipeline asked for four paragraphs and published the labels with them; a writing lesson sets them out.
    post = ("---\nlang: de\n---\n# Jugendwort des Jahres\n\nAbsatz 1: Der Sprachwandel ist unaufhaltsam.\n\n"
            "Absatz 2: Jedes Jahr kommen neue Wörter hinzu.\n")
    assert [(f.rule, f.line) for f in check(post, pack, "markdown").findings if f.rule == "chat-paragraph-label"] == [
        ("chat-paragraph-label", 6), ("chat-paragraph-label", 8)]
    lesson = ("# How to write an essay\n\n## Essay structure\n\nParagraph 1: state your thesis.\n\n"
              "Paragraph 2: give your first reason.\n")
    assert [f for f in check(lesson, pack, "markdown").findings if f.rule == "chat-paragraph-label"] == []


def test_a_published_transcript_quotes_the_assistant_and_a_pasted_answer_does_not(pack):
    # Turns under labels naming both speakers attribute the assistant's words to it, as an interview does;
    # a label may open a block or stand inside one.
    transcript = ("# Poznámky\n\n## Dotaz:\n\nJak se máš?\n\n## ChatGPT:\n\nJako jazykový model AI nemám pocity. "
                  "Jak vám mohu dále pomoci?\n\n## Dotaz:\n\nDěkuji.\n")
    assert chat_findings(check(transcript, pack, "markdown")) == []
    notes = ("# Ghi chú\n\nGhi lại buổi học SQL hôm nay.\n\nBạn đã nói:\nLàm sao để làm tròn số?\nChatGPT đã nói:\n"
             "Bạn có muốn mình viết hàm đó không?\n")
    assert chat_findings(check(notes, pack, "markdown")) == []
    # A copied answer under "ChatGPT said:" alone is the text itself; and a section that is no turn is the
    # writer's again.
    pasted = "# Notes\n\nChatGPT said:\n\nSure! Here's a detailed guide to building your web project.\n"
    assert chat_findings(check(pasted, pack, "markdown"))
    after = ("# Notes\n\n**Me:**\n\nHow do I build a site?\n\n**ChatGPT:**\n\nSure! Here's a guide.\n\n"
             "## My thoughts\n\nAs an AI language model, I cannot browse the internet.\n")
    assert [f.line for f in check(after, pack, "markdown").findings if f.rule == "chat-ai-self-reference"] == [13]


@pytest.mark.parametrize("text", [
    "Xin lỗi, văn kiện luật hiện tại không có nhắc đến vấn đề này, tôi không thể trả lời.\n",
    "Sorry, the documents I was given do not mention the fee, so I cannot answer.\n",
    "抱歉，现有资料没有提到这个问题，我无法回答。\n",
    "Извините, в документах нет сведений об этом, я не могу ответить.\n",
    "ขออภัย กฎหมายปัจจุบันไม่ได้กล่าวถึงเรื่องนี้ ฉันไม่สามารถตอบได้\n",
])
def test_a_question_answering_bots_apology_that_it_cannot_answer_is_found(pack, text):
    # The bot found nothing in its documents: an apology opens the sentence, the inability to answer ends it.
    assert [f.rule for f in chat_findings(check(text, pack, "text"))] == ["chat-apology-cannot-answer"]


@pytest.mark.parametrize("text", [
    "Sorry, I can't answer that, the minister told reporters.\n",
    "“Sorry, I cannot answer,” the spokesperson said.\n",
    "Lo siento, no puedo responder a todos los correos que recibo.\n",
    "Dear Mr. Lee,\n\nSorry, I cannot answer.\n",
])
def test_a_person_who_will_not_answer_is_no_bot(pack, text):
    # Named what they will not answer, quoted, or writing a letter.
    assert [f for f in check(text, pack, "text").findings if f.rule == "chat-apology-cannot-answer"] == []


@pytest.mark.parametrize("text, rule", [
    ("Por nada, Danilo! Se precisar de mais alguma coisa, é só chamar.\n", "chat-postscript-pt"),
    ("Tady máš obrázek. Pokud bys chtěl něco upravit, dej vědět.\n", "chat-postscript-cs"),
    ("Si necesitas que te ayude a redactar un resumen de lo ocurrido, también puedo hacerlo.\n", "chat-postscript-es"),
    ("¡Hola! Soy un asistente de inteligencia artificial especializado en SEO.\n", "chat-ai-self-reference-es"),
    ("Hello! I am an AI assistant specialized in SEO and I am here to help you.\n", "chat-ai-self-reference"),
    ("Dĩ nhiên, dưới đây là một số bài viết về AI mà bạn có thể tham khảo:\n\n- Bài 1\n", "chat-reply-opening-vi"),
    ("추천은 저의 학습된 데이터인 2021년 이전의 정보에 근거하므로 정확하지 않을 수 있습니다.\n",
     "chat-knowledge-cutoff-ko"),
    ("Xin lỗi, tôi chưa tìm thấy thông tin chính xác về nội dung này trong tài liệu.\n", "chat-refusal-vi"),
    ("Không có gì ạ. Rất vui vì đã giúp được bạn!\n", "chat-reply-opening-vi"),
    ("より具体的な質問をいただければ、より的確な回答ができます。\n", "chat-sharper-answer-ja"),
])
def test_this_rounds_assistant_sentences_are_found(pack, text, rule):
    assert rule in warned(text, pack)


@pytest.mark.parametrize("text", [
    "Blog\n\nSe vocês tiverem dúvidas mais específicas, é só falar também.\n",
    "Web\n\nSi quieres que te ayude con tu web, escríbeme por correo.\n",
    "Termín\n\nPokud byste chtěli změnit termín, napište nám.\n",
    "# Hướng dẫn\n\nDĩ nhiên, dưới đây là các bước cài đặt:\n",
    "Xe\n\nXin lỗi, tôi không tìm thấy chìa khóa xe ở đâu cả.\n",
])
def test_a_writers_offer_to_readers_in_this_rounds_shapes_is_no_leftover(pack, text):
    assert [rule for rule in warned(text, pack, "markdown") if rule.startswith("chat-")] == []


@pytest.mark.parametrize("text, rule", [
    ("원하면 내가 여기에 애니메이션 스켈레톤과 오디오 스텁까지 바로 얹어서 두 번째 시제품을 만들어줄게.\n",
     "chat-postscript-offer-ko"),
    ("설명은 여기까지입니다. 원하시면 제가 블로그용 요약본도 정리해 드릴게요.\n", "chat-postscript-offer-ko"),
    ("Here is the cleaned-up transcript of the webinar.\n\n**What I did:**\n1. Removed the timestamps.\n",
     "chat-preamble"),
    ("Tady je vyčištěný přepis webináře.\n\n**Co jsem udělal:**\n1. Odstranil jsem časové značky.\n",
     "chat-preamble-cs"),
    ("Привет! Похоже, ты случайно ввёл пару букв. Могу чем-то помочь?\n", "chat-postscript-ru"),
    ("こんにちは！ 何か手伝いが必要ですか？\n", "chat-postscript-ja"),
    ("สวัสดีครับ มีอะไรให้ช่วยไหมครับ\n", "chat-postscript-th"),
])
def test_assistant_offers_and_handovers_of_the_newest_sets_are_found(pack, text, rule):
    assert rule in warned(text, pack)


@pytest.mark.parametrize("text", [
    "가게\n\n필요하시면 영어 버전도 만들어 드립니다.\n",           # a shop's habit: no speaker, nothing still to come
    "회고\n\n원하면 내가 직접 가서 확인할 수도 있었다.\n",          # a past the writer tells
    "인터뷰\n\n그는 \"원하면 내가 만들어줄게\"라고 말했다.\n",      # quoted
    "Interview\n\nHere is the edited transcript of the mayor's interview.\n\nQ: Why the bridge?\n",
    "Rozhovor\n\nZde je upravený přepis rozhovoru se starostou.\n",
])
def test_a_writers_offer_or_a_papers_transcript_is_no_leftover(pack, text):
    assert [rule for rule in warned(text, pack, "markdown") if rule.startswith("chat-")] == []


@pytest.mark.parametrize("text", [
    "# Phase 2 report\n\nPhase 2 is done.\n\n**报告人**: Claude AI Assistant\n",
    "# 작업 지시서\n\n체크리스트는 아래와 같다.\n\n**작성자**: Claude Sonnet 4.5\n",
    "# Progress\n\nAll tests pass.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n",
    "# Guide\n\nThe steps are below.\n\n**تم التحديث بواسطة / Last Updated by**: GitHub Copilot\n",
])
def test_a_credit_line_naming_a_model_as_author_is_found(pack, text):
    assert "ai-author-credit" in [f.rule for f in check(text, pack, "markdown").findings]


@pytest.mark.parametrize("text", [
    "# Water lilies\n\n**Author**: Claude Monet\n\nPainted over thirty years.\n",  # a painter
    "# Run\n\n**Model**: GPT-4\n\n**Temperature**: 0.2\n",  # a setting
    "# Commit\n\n```\nCo-Authored-By: Claude <noreply@anthropic.com>\n```\n",  # a code sample
    "# Temi\n\nI primi tre temi dell'anno sono **AI, AI e un altro tipo di AI**.\n",  # a list of topics
    "# Ideas\n\n### El prompt maestro para ganchos virales\n\n> Actúa como un estratega. Mi nicho es [TU NICHO].\n",
    # a writer on chatbots' mistakes, a quoted footer, a footer in code
    "# Nota\n\nChatGPT puede cometer errores, como cualquier persona que escribe deprisa.\n",
    "# Nota\n\nEl profesor repitió: «ChatGPT puede cometer errores. Comprueba la información importante.»\n",
    "# Bài học\n\nChatGPT có thể mắc lỗi khi tính toán, vì vậy giáo viên yêu cầu học sinh tự làm bài.\n",
    "# Notes\n\n```\nChatGPT can make mistakes. Check important info.\n```\n",
])
def test_lookalikes_of_credits_self_references_blanks_and_footers_are_no_leftover(pack, text):
    assert warned(text, pack, "markdown") == []


def test_a_signed_letter_answers_its_correspondent_throughout(pack):
    # Opened by its salutation after a title and a date, closed by a dashed signature: "about your question in
    # your letter" answers a correspondent, wherever in the letter it stands.
    letter = ("# Carta para Sandman\n\n**Data:** 2026-02-02\n\nSandman,\n\nRecebi sua carta e li com calma.\n\n"
              "Mudamos o protocolo nesta semana e tudo roda sozinho agora.\n\n"
              "Sobre sua pergunta na carta: sim, aprendi coisas novas escrevendo.\n\n"
              "Estamos construindo algo juntos.\n\n— Clawd\n")
    assert warned(letter, pack, "markdown") == []
    # Without its signature it is no letter: the same sentence answers a prompt.
    unsigned = letter.replace("\n\n— Clawd\n", "\n")
    assert "chat-reply-to-prompt-pt" in warned(unsigned, pack, "markdown")
    # Nor is a text whose first paragraph is no salutation.
    untitled = letter.replace("Sandman,\n\n", "")
    assert "chat-reply-to-prompt-pt" in warned(untitled, pack, "markdown")


@pytest.mark.parametrize("footer", [
    "ChatGPT có thể mắc lỗi. Hãy kiểm tra các thông tin quan trọng.",
    "ChatGPT puede cometer errores. Comprueba la información importante.",
    "ChatGPT 也可能会犯错。请核查重要信息。",
    "قد يرتكب ChatGPT أخطاءً. تحقق من المعلومات المهمة.",
    "ChatGPT can make mistakes. Check important info.",
])
def test_a_chat_interfaces_footer_is_found_even_in_a_published_conversation(pack, footer):
    alone = f"# Ghi chú\n\nĐây là đoạn mã cuối cùng.\n\n{footer}\n"
    assert "chat-interface-footer" in warned(alone, pack, "markdown")
    # A conversation set out with its turns: the assistant's words are quoted, the interface's line is not anyone's.
    conversation = (f"# Ghi chú\n\n##### Bạn đã nói:\n\nviết hàm tính tổng\n\n##### ChatGPT đã nói:\n\n"
                    f"Đây là hàm tính tổng.\n\n{footer}\n")
    assert "chat-interface-footer" in warned(conversation, pack, "markdown")


def test_a_post_that_says_a_model_made_it_is_reported_in_indonesian(pack):
    assert "fiction-disclaimer-id" in warned("# Post Ini Dibuat oleh ChatGPT\n\nSaya hanya bertanya.\n", pack, "markdown")
    assert warned("# Kelas\n\nPost ini dibuat oleh Budi Santoso untuk kelas menulis.\n", pack, "markdown") == []


@pytest.mark.parametrize("text", [
    "S žádným sice nemám osobní zkušenost, ale podporu v komunitě jistě seženete.",
    "Nemám osobní zkušenost s Vuetify, ale dokumentace je dobrá.",
    "Je n'ai pas d'expérience personnelle avec ce produit, mais les avis sont bons.",
    "У меня нет личного опыта работы с этим фреймворком.",
    "Saya tidak memiliki pengalaman pribadi dengan produk ini.",
])
def test_a_writer_who_has_not_tried_something_is_no_ai(pack, text):
    assert warned(f"Blog\n\n{text}\n", pack) == []


@pytest.mark.parametrize("text, rule", [
    ("Nemám osobní zkušenosti ani emoce, ale mohu shrnout, co o tématu víme.", "chat-ai-self-reference-cs"),
    ("Je n'ai pas d'expériences personnelles, mais je peux vous donner des informations générales.",
     "chat-ai-self-reference-fr"),
    ("Tôi không có kinh nghiệm cá nhân, nhưng tôi có thể cung cấp thông tin chung.", "chat-ai-self-reference-vi"),
])
def test_a_model_with_no_experience_of_its_own_is_found(pack, text, rule):
    assert rule in warned(f"Odpověď\n\n{text}\n", pack)
