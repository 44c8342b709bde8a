"""The default pack in sixteen languages: every family in every language, scripts without spaces,
quotation marks of each language, and the cost of the pack at start-up."""

from __future__ import annotations

import pytest

from contentcheck.rulepack import RulePack
from contentcheck.rulepack.kinds.pattern import LazyPattern

from ..conftest import check, rule_ids

PACK = RulePack.load()
LANGUAGES = ["zh", "cs", "fr", "pt", "tl", "th", "es", "de", "it", "ru", "ar", "ja", "ko", "vi", "id"]
FAMILIES = ["related-content-widget", "fiction-disclaimer", "chat-refusal", "chat-apology", "chat-ai-self-reference",
            "chat-knowledge-cutoff", "chat-preamble", "chat-postscript", "chat-sharper-answer",
            "chat-reply-to-prompt"]
# The assistant-voice families are word classes in order (`kind: sequence`), not lists of sentences.
VOICE = [f for f in FAMILIES if f.startswith("chat-")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_family_in_every_language_with_three_examples_each_way(code):
    for family in FAMILIES:
        rule = PACK.by_id[f"{family}-{code}"]
        assert rule.source.replace("\\", "/").endswith(f"rules/lang/{code}.yaml") or \
            rule.source.replace("\\", "/").endswith(f"default_rules/lang/{code}.yaml")
        assert len(rule.examples["match"]) >= 3 and len(rule.examples["no_match"]) >= 3, rule.id
        if family in VOICE:
            assert rule.kind == "sequence", rule.id


@pytest.mark.parametrize("text, rule", [
    # Scripts without spaces: found inside a run of text, not only at word boundaries.
    ("市议会周二开会。很抱歉，我无法满足您的请求。会议结束。", "chat-refusal-zh"),
    ("สภาประชุมวันนี้ ขออภัย แต่ฉันไม่สามารถช่วยเหลือในเรื่องนี้ได้", "chat-refusal-th"),
    ("市議会は火曜日に開かれた。申し訳ありませんが、そのリクエストにはお応えできません。", "chat-refusal-ja"),
    # Diacritics.
    ("Le conseil a voté. En tant que modèle de langage IA, je n'ai pas d'avis sur ce vote.", "chat-ai-self-reference-fr"),
    ("Como assistente de IA, não posso opinar sobre isso.", "chat-ai-self-reference-pt"),
    ("Der Rat tagte. Nach meinem Wissensstand (2024-04) gibt es dazu keine Angaben.", "chat-knowledge-cutoff-de"),
])
def test_leftovers_in_running_text(text, rule):
    assert rule in rule_ids(check(f"Titulek\n\nBy Jane Doe\n\n{text}\n", PACK, "text"))


def test_a_refusal_published_as_the_headline_is_found():
    page = ("<html lang='zh'><head><title>很抱歉，我无法满足您的请求。</title></head>"
            "<body><h1>很抱歉，我无法满足您的请求。</h1><p>市议会周二批准了新的预算。</p></body></html>")
    # An apology that opens the text and a refusal are one finding: whichever rule reports it.
    assert {"chat-refusal-zh", "chat-apology-zh"} & set(rule_ids(check(page, PACK, "html")))


@pytest.mark.parametrize("text, code", [
    # Real model talk of the kinds the families are built from, written here in each language.
    ("Je suis désolé, mais en tant que modèle de langage IA, je ne peux pas écrire cela.", "fr"),
    ("很抱歉，我无法满足您的请求。", "zh"), ("作为一个人工智能语言模型，我没有个人观点。", "zh"), ("当然！以下是一份简短的总结：", "zh"),
    ("Como assistente de IA, não posso fazer isso.", "pt"), ("Claro! Aqui está o resumo:", "pt"),
    ("Lo siento, pero no puedo ayudar con eso.", "es"), ("¡Claro! Aquí tienes el resumen:", "es"),
    ("Es tut mir leid, aber ich kann dabei nicht helfen.", "de"), ("Natürlich! Hier ist die Zusammenfassung:", "de"),
    ("Mi dispiace, ma non posso aiutarti con questo.", "it"), ("Certo! Ecco il riassunto:", "it"),
    ("Извините, но я не могу помочь с этим.", "ru"), ("Конечно! Вот краткое содержание:", "ru"),
    ("Как языковая модель ИИ, я не имею мнения.", "ru"), ("عذرًا، لا يمكنني مساعدتك في ذلك.", "ar"),
    ("بالتأكيد! إليك الملخص:", "ar"), ("申し訳ありませんが、その質問にはお答えできません。", "ja"),
    ("もちろんです！以下は要約です。", "ja"), ("죄송하지만 그 요청은 도와드릴 수 없습니다.", "ko"), ("물론입니다! 다음은 요약입니다.", "ko"),
    ("Xin lỗi, tôi không thể giúp bạn với yêu cầu này.", "vi"), ("Chắc chắn rồi! Dưới đây là bản tóm tắt:", "vi"),
    ("Maaf, saya tidak dapat membantu dengan permintaan ini.", "id"), ("Tentu! Berikut adalah ringkasannya:", "id"),
    ("Omlouvám se, ale nemohu vám s tím pomoci.", "cs"), ("Jistě! Zde je shrnutí:", "cs"),
    ("ขออภัย แต่ฉันไม่สามารถช่วยเรื่องนี้ได้", "th"), ("แน่นอน! นี่คือบทสรุป:", "th"),
    ("Paumanhin, ngunit hindi ko kayang ibigay ang impormasyong iyan.", "tl"), ("Siyempre! Narito ang buod:", "tl"),
    ("I hope this helps. Si tienes más preguntas, no dudes en preguntar.", "es"),
    # A reply to the prompter's thanks, and to a question the model did not understand.
    ("Gern geschehen! Wenn du noch etwas brauchst, melde dich.", "de"), ("¡De nada! Que tengas un buen día.", "es"),
    ("Не за что! Обращайтесь, если что.", "ru"), ("不客气！祝你学习顺利。", "zh"), ("Sama-sama! Semoga harimu menyenangkan.", "id"),
    ("Entschuldigung, ich verstehe nicht genau, worauf Sie sich beziehen.", "de"),
    ("Lo siento, no entiendo lo que quieres decir con eso.", "es"), ("Je ne comprends pas votre question.", "fr"),
    ("Saya tidak mengerti pertanyaan Anda.", "id"), ("我不确定您所说的是哪一位艺术家。", "zh"),
    ("ขออภัยค่ะ ไม่เข้าใจคำถามของท่าน", "th"), ("Tôi không hiểu ý bạn lắm.", "vi"),
])
def test_assistant_talk_in_each_language_is_found(text, code):
    ids = rule_ids(check(f"{text}\n\nEl resto del texto.\n", PACK, "text"))
    assert [i for i in ids if i.startswith("chat-") and i.endswith(f"-{code}")], (text, ids)


@pytest.mark.parametrize("text", [
    "社長は「申し訳ありませんが、その依頼にはお応えできません」と述べた。",
    "Der Sprecher sagte: „Es tut mir leid, aber das kann ich nicht tun.“",
    "Le porte-parole a répondu : « Je suis désolé, mais je ne peux pas répondre à cette demande. »",
    # opened with a straight mark and closed with a curly one, as copied news often is
    'Đôi khi nó thừa nhận: "Tôi không có quyền truy cập vào đồng hồ thời gian thực, vì vậy tôi không thể '
    'cho bạn biết giờ”, chatbot phản hồi.',
])
def test_a_person_quoted_in_the_languages_own_quotation_marks_is_not_a_leftover(text):
    ids = rule_ids(check(f"Titel\n\nBy Jane Doe\n\n{text}\n", PACK, "text"))
    assert not [i for i in ids if i.startswith("chat-")], ids


def test_default_patterns_compile_only_when_a_document_needs_them():
    pack = RulePack.load()
    lazy = [r for r in pack.rules if r.kind == "pattern" and "/lang/" in r.source.replace("\\", "/")]
    assert len(lazy) >= 15 and all(isinstance(r.params["_compiled"], LazyPattern) for r in lazy)
    check("Le conseil a voté le budget mardi.\n", pack, "text")
    compiled = [r.id for r in lazy if r.params["_compiled"]._re is not None]
    assert compiled == [], "no prefilter word occurred, so no language pattern should have been compiled"


def test_prefilter_words_of_scripts_without_spaces_are_in_their_script():
    # A prefilter word is found as a substring of the lower-cased text: a Latin word such as "ai"
    # is inside most English words ("said", "again"), so a Chinese rule keyed on it would run its
    # pattern on nearly every paragraph of every page in any language.
    for rule in PACK.rules:
        if rule.id.endswith(("-zh", "-ja", "-ko", "-th")):
            for word in rule.params.get("prefilter", ()):
                assert not word.isascii(), (rule.id, word)


@pytest.mark.parametrize("text", [
    # A letter opens with its salutation: its apology and thanks are the letter's own words.
    "尊敬的客户，\n非常抱歉，这个问题的前提并不成立。我们已经核实了订单。\n\n此致\n客服团队\n",
    "Dear customer,\n\nI'm sorry to hear about the delay with your order. We have shipped it today.\n",
    "Sehr geehrte Frau Weber,\n\nes tut mir leid, aber diese Frage beruht auf einer falschen Annahme.\n",
])
def test_a_letter_speaking_to_its_addressee_is_not_a_leftover(text):
    assert not [i for i in rule_ids(check(text, PACK, "text")) if i.startswith("chat-")]
    # The same paragraph opening a text that is no letter is the model talking.
    body = text.split("\n", 1)[1].lstrip("\n")
    assert [i for i in rule_ids(check(body, PACK, "text")) if i.startswith("chat-")], body


@pytest.mark.parametrize("text", [
    # Its title before it, an abbreviation in it, a long signature after the closing.
    "Slides for Thursday\n\nDear Mr. Yamada,\n\nI'm sorry, but the room is not free on Monday.\n",
    "山田様\n\nご質問ありがとうございます。資料をお送りします。\n",
    "Dear Ms Rao,\n\nThe slides are attached.\n\nPlease let me know if you have any questions about the slides.\n\n"
    "Best regards,\nAna Ruiz\nSenior Analyst\nExample Ltd\n12 High Street\nLeeds\n+44 113 000 0000\n",
    # The greeting on the body's line, as messages and e-mails are pasted
    "Hi Tomas, as you asked, I've gone through your essay and marked the weak transitions.\n",
    "Lieber Jonas, wie gewünscht habe ich alle Kommafehler markiert. Möchtest du, dass ich auch die Gliederung prüfe?\n",
    "Buongiorno dottor Ferri, come mi aveva chiesto le invio la versione rivista della relazione.\n",
    "박 대표님, 요청하신 대로 소개서의 문체를 다듬었습니다.\n",
])
def test_letters_in_their_usual_shapes(text):
    assert not [i for i in rule_ids(check(text, PACK, "text")) if i.startswith("chat-")]


@pytest.mark.parametrize("text", [
    # A chat answer greets with "!" or no name; a greeting that names the speaker is no salutation.
    "Olá, Fred! Como posso te ajudar hoje?\n",
    "Hello, as an AI language model I cannot browse the internet.\n",
    "Bonjour, je suis un assistant IA, et je ne peux pas fournir de conseils médicaux.\n",
])
def test_a_greeting_that_is_no_salutation_leaves_the_answer_flagged(text):
    assert [i for i in rule_ids(check(text, PACK, "text")) if i.startswith("chat-")], text


def test_a_preamble_before_the_letter_is_still_found():
    text = "Sure! Here is the letter you asked for:\n\nDear customer,\n\nWe are sorry about the delay.\n"
    assert [i for i in rule_ids(check(text, PACK, "text")) if i.startswith("chat-")]


@pytest.mark.parametrize("text, family, flagged", [
    # A text that presents itself as a template: its blanks are the reader's to fill in.
    ("以下是一份辞职信模板，供您参考：\n\n尊敬的XXX先生：\n\n我将于下月离职。\n\n此致\nXXX\n", "placeholder-text", False),
    ("Below is a template for a resignation letter.\n\nDear [Manager's Name],\n\nI am leaving in May.\n",
     "placeholder-text", False),
    # The same blanks in a letter that does not say so were never filled in.
    ("尊敬的XXX先生：\n\n我将于下月离职。\n\n此致\nXXX\n", "placeholder-text", True),
    ("Dear [Manager's Name],\n\nI am leaving in May.\n\nBest,\nAna\n", "placeholder-text", True),
    # AsciiDoc's attributes of a code block, with its title or anchor between them and the block
    ("Chains are easy to write.\n\n[source,javascript]\n.promise-chain.js\n----\npromise.then(f);\n----\n",
     "placeholder-text", False),
    ("Run it.\n\n[source, python]\n[[run-example]]\n----\nprint(1)\n----\n", "placeholder-text", False),
    ("The study was published in 2020 [source needed].\n", "placeholder-text", True),
    # "In your question" is the prompt's; "in your request" may be an API's or an office's.
    ("Si tiene este problema en su solicitud, establezca el encabezado con -H.\n", "chat-reply-to-prompt", False),
    ("Indiquez dans votre demande le numéro de dossier.\n", "chat-reply-to-prompt", False),
    ("Na sua solicitação, informe o número do processo.\n", "chat-reply-to-prompt", False),
    ("En tu pregunta mencionas dos ríos, pero el texto habla de uno.\n", "chat-reply-to-prompt", True),
    ("Dans le contexte de votre question, vous citez deux fleuves.\n", "chat-reply-to-prompt", True),
])
def test_blanks_and_replies_that_are_and_are_not_leftovers(text, family, flagged):
    ids = rule_ids(check(text, PACK, "text"))
    assert bool([i for i in ids if i.startswith(family)]) == flagged, ids


_TEMPLATES_PAGE = ("# Volunteer handbook\n\n## Email templates\n\n### Welcome\n\nSubject: Welcome to the team!\n\n"
                   "Hi [Volunteer's Name],\n\nI would like to introduce you to the Saturday team. Please let me know if "
                   "there is anything else you all need. Great to have you on the team!\n\nBest,\n[Your Name]\n\n"
                   "### Reminder\n\nHi [name], the shift starts at nine.\n\n"
                   "## Shifts\n\nThe rota for [Insert month] is pinned in the hall. " + "Swap a shift with a friend. " * 30 + "\n")


def test_the_blanks_and_the_offers_of_a_section_headed_as_templates_are_the_letters():
    """Under "Email templates", however deep, a blank is the reader's to fill in and "let me know" the
    letter's own words; the next section at the templates' level is the handbook again."""
    findings = check(_TEMPLATES_PAGE, PACK, "markdown").findings
    flagged = sorted((f.line, f.rule) for f in findings if f.rule.startswith(("placeholder-text", "chat-")))
    month_line = _TEMPLATES_PAGE[:_TEMPLATES_PAGE.index("[Insert month]")].count("\n") + 1
    assert flagged == [(month_line, "placeholder-text")], flagged
    ja = "# マニュアル\n\n## メールのテンプレート\n\n○○様\n\n【会社名】の【氏名】です。\n\n## 報告\n\n【会社名】は増収だった。\n"
    lines = sorted(f.line for f in check(ja, PACK, "markdown").findings if f.rule.startswith("placeholder-text"))
    assert lines == [ja[:ja.index("【会社名】は")].count("\n") + 1], lines


@pytest.mark.parametrize("dialogue, said", [
    # Script lines whose speakers' names have no capitals (Thai, Chinese) or are Cyrillic, going back and forth
    ("ลูกค้า: ขนมจีนเป็นอย่างไร?\nคนเหนือ: ดีมากค่ะ! ถ้าคุณมีคำถามเพิ่มเติม คุณสามารถถามฉันได้นะคะ\nลูกค้า: ขอบคุณมากค่ะ!\n"
     "คนเหนือ: ยินดีค่ะ\n", "ดีมากค่ะ! ถ้าคุณมีคำถามเพิ่มเติม คุณสามารถถามฉันได้นะคะ"),
    ("Иван: Ты поможешь мне?\nМашина: Извините, но я не могу помочь с этим запросом.\nИван: Жаль.\nМашина: Мне тоже.\n",
     "Извините, но я не могу помочь с этим запросом."),
    ("甲：你能帮我吗？\n乙：很抱歉，我无法满足您的请求。\n甲：好吧。\n乙：再见。\n", "很抱歉，我无法满足您的请求。"),
    # Dialogue set with dashes: a line opened by one, or one bringing in who spoke
    ("— Извините, но я не могу помочь с этим запросом, — сказал робот.\n", "Извините, но я не могу помочь с этим запросом."),
    ("Какой интересный вопрос! — воскликнул профессор.\n", "Какой интересный вопрос! Давайте разберёмся."),
    ("—Lo siento, pero no puedo ayudarte con esa petición —dijo el robot.\n",
     "Lo siento, pero no puedo ayudarte con esa petición."),
    # Unquoted speech whose sentence names its speaker after a comma
    ("No puedo proporcionar la respuesta a esa pregunta, respondió el ministro en rueda de prensa.\n",
     "No puedo proporcionar la respuesta a esa pregunta."),
    ("Não posso fornecer números exatos, disse o secretário de Saúde.\n", "Não posso fornecer números exatos."),
    # A question reported from its sentence's start begins with the mark that opens its quotation
    ("\u201eKann ich Ihnen sonst noch helfen?\u201c\n", "Kann ich Ihnen sonst noch helfen?"),
    ("I am an AI assistant named Samantha, the voice said from the kitchen speaker.\n",
     "I am an AI assistant named Samantha."),
    # Unquoted speech after its lead-in, as an article about a chatbot reports it
    ("Asked about the war, ChatGPT wrote: As an AI language model, I cannot take sides.\n",
     "As an AI language model, I cannot take sides."),
    ("When we asked the chatbot about the vote, it replied: I'm sorry, but I cannot provide information about that.\n",
     "I'm sorry, but I cannot provide information about that."),
    ("我们问它战争的事，ChatGPT回答：作为一个AI语言模型，我无法选边站。\n", "作为一个AI语言模型，我无法选边站。"),
    ("ChatGPT often says things like *As an AI language model, I cannot browse the internet*.\n",
     "As an AI language model, I cannot browse the internet."),
])
def test_a_character_speaking_is_not_assistant_talk(dialogue, said):
    ids = rule_ids(check(f"Title\n\nThe room was full.\n\n{dialogue}", PACK, "text"))
    assert not [i for i in ids if i.startswith("chat-")], ids
    # The same words as the text's own paragraph are found.
    assert [i for i in rule_ids(check(f"Title\n\n{said}\n", PACK, "text")) if i.startswith("chat-")]


@pytest.mark.parametrize("text", [
    # the words reported end with their sentence; a pasted chat's label opening the line is no lead-in
    "Title\n\nThe mayor said: the bridge opens on Monday. I hope this helps! Let me know if you need anything else.\n",
    "Title\n\nChatGPT said: As an AI language model, I cannot take sides.\n",
])
def test_a_lead_in_reports_only_its_own_sentence(text):
    assert [i for i in rule_ids(check(text, PACK, "text")) if i.startswith("chat-")]


def test_as_i_said_is_the_speakers_own_aside_not_a_speech_tag():
    ids = rule_ids(check("Title\n\nI'm sorry, but as I said before, I cannot fulfill this request.\n", PACK, "text"))
    assert [i for i in ids if i.startswith("chat-")], ids


@pytest.mark.parametrize("text, rule", [
    # Labels are no speakers: "回答：" and "注意：" each once do not make a script.
    ("标题\n\n回答：作为一个AI语言模型，我没有个人偏好。\n\n注意：很抱歉，我无法提供实时数据。\n", "chat-ai-self-reference-zh"),
    ("Заголовок\n\nОтвет: Как языковая модель ИИ, я не имею личного мнения.\n\nПримечание: это важно.\n",
     "chat-ai-self-reference-ru"),
    ("标题\n\n**背景：**作为一个AI语言模型，我无法访问实时数据。\n\n**结论：**改革仍需时间。\n", "chat-ai-self-reference-zh"),
    # a label is known in any case, and stays a label however often it opens a line
    ("Заголовок\n\nВопрос: Что выбрать?\n\nОтвет: Как языковая модель ИИ, я не имею личного мнения.\n\n"
     "Вопрос: А цена?\n\nОтвет: Это зависит от магазина.\n", "chat-ai-self-reference-ru"),
])
def test_labels_in_any_script_do_not_hide_assistant_talk(text, rule):
    assert rule in rule_ids(check(text, PACK, "text"))


@pytest.mark.parametrize("text", [
    # A straight quote closed by a curly one hides only what it quotes.
    'Chính sách "mở cửa” được áp dụng. Tôi là một mô hình ngôn ngữ AI, tôi không có quan điểm về “giá vàng”.',
    'The 27" monitor is popular. As an AI language model, I cannot browse the “latest” prices.',
])
def test_a_mark_opened_earlier_does_not_quote_the_rest_of_the_paragraph(text):
    assert [i for i in rule_ids(check(f"Title\n\n{text}\n", PACK, "text")) if i.startswith("chat-ai-self-reference")]


# The assistant's greeting offer, in each language: the speaker ("I") serving "you".
HELP_OFFERS = {
    "en": "Hello! How can I assist you today?", "zh": "你好，有什么我可以帮助你的吗？",
    "ja": "こんにちは！どんなお手伝いができるでしょうか？", "ko": "안녕하세요! 무엇을 도와드릴까요?",
    "id": "Halo! Ada yang bisa saya bantu hari ini?", "fr": "Bonjour ! Comment puis-je vous aider aujourd'hui ?",
    "es": "¡Hola! ¿En qué puedo ayudarte hoy?", "de": "Hallo! Wie kann ich Ihnen heute helfen?",
    "it": "Ciao! Come posso aiutarti oggi?", "pt": "Olá! Como posso ajudar você hoje?",
    "ru": "Привет! Чем я могу вам помочь сегодня?", "vi": "Xin chào! Tôi có thể giúp gì cho bạn hôm nay?",
    "th": "สวัสดี! มีอะไรให้ฉันช่วยไหม", "tl": "Kumusta! Paano kita matutulungan ngayon?",
    "ar": "مرحبا! كيف يمكنني مساعدتك اليوم؟", "cs": "Dobrý den! Jak vám mohu dnes pomoci?",
}


@pytest.mark.parametrize("code", sorted(HELP_OFFERS))
def test_the_assistants_offer_of_help_is_found_in_every_language(code):
    found = [r for r in rule_ids(check(HELP_OFFERS[code], PACK, "text")) if r.startswith(("chat-postscript", "chat-preamble"))]
    assert found, code


@pytest.mark.parametrize("text", [
    "How can I help my child sleep better? Start with a fixed bedtime.",
    "Como posso ajudar meu filho a dormir? Comece com um horário fixo.",
    "有什么办法我可以帮助孩子入睡？先固定作息时间。",
    "How can we help you? Call our service desk on weekdays.",
    # "ihnen", "le", "-lo": them, him, her, not the reader; a student's "what can I give my country"
    "Meine Eltern werden alt. Wie kann ich ihnen helfen?",
    "Mi hijo sufre acoso escolar. ¿Cómo puedo ayudarle?",
    "Meu filho sofre bullying. Como posso ajudá-lo?",
    "Ano ang maitutulong ko sa aking bayan? Marami.",
    "A good manager asks each report: how can I help you do your job better?",
])
def test_asking_how_to_help_someone_else_or_an_organisations_offer_is_not_flagged(text):
    assert not [r for r in rule_ids(check(text, PACK, "text")) if r.startswith("chat-")]



def test_an_offer_a_character_makes_in_japanese_quotation_marks_is_theirs():
    # Reported from its sentence's start, the offer still lies inside the 「」 that quotes it.
    for text in ("橋は古い。\n\n店員は「何をお手伝いしましょうか？」と声をかけた。\n",
                 "橋は古い。\n\n「何をお手伝いしましょうか？」と店員は言った。\n"):
        assert not [r for r in rule_ids(check(text, PACK, "text")) if r.startswith("chat-")]
    assert "chat-postscript-ja" in rule_ids(check("橋は古い。\n\n何をお手伝いしましょうか？\n", PACK, "text"))


@pytest.mark.parametrize(("heading", "code"), [("Související", "cs"), ("Материалы по теме", "ru"), ("Đọc thêm", "vi"),
                                               ("相关阅读", "zh"), ("Artículos relacionados", "es")])
def test_a_writers_further_reading_under_a_widget_heading_is_no_widget(heading, code):
    # The heading a site's widget prints is also the one writers give their own list of sources: links to other
    # sites make it theirs; links within the site, or none, the widget's.
    rule = f"related-content-widget-{code}"
    own = (f"# Docker\n\nKontejnery běží izolovaně.\n\n## {heading}\n\n- [Příkazy](https://habr.com/p/440660/)\n"
           "- [Přehled](https://medium.com/docker-cheat-sheet)\n")
    widget = f"# Docker\n\nKontejnery běží izolovaně.\n\n## {heading}\n\n- [Příkazy](/clanky/prikazy)\n- [Přehled](/clanky/prehled)\n"
    front = f"---\nlang: {code}\n---\n"
    assert [f.rule for f in check(front + own, PACK, "markdown").findings if f.rule == rule] == []
    assert [f.rule for f in check(front + widget, PACK, "markdown").findings if f.rule == rule] == [rule]
