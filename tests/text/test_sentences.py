"""Sentence boundaries in every script the pack covers: a rule's exclusions and a fix's sentence
are only as narrow as the sentence found."""

import pytest

from contentcheck.api import check_text
from contentcheck.rulepack import RulePack
from contentcheck.text.sentences import sentence_spans


def _sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


def test_a_full_stop_before_a_caseless_script_ends_a_sentence():
    # Hangul, Arabic, Thai have no capitals: the next letter after ". " starts a sentence all the same.
    assert _sentences("안녕하세요. 소설을 써드리겠습니다. 그날 비가 왔다.") == [
        "안녕하세요.", "소설을 써드리겠습니다.", "그날 비가 왔다."]
    assert _sentences("Привет. Как дела? хорошо") == ["Привет.", "Как дела? хорошо"]


def test_chinese_and_japanese_end_a_sentence_with_no_space():
    assert _sentences("我来了。你好！好吗？") == ["我来了。", "你好！", "好吗？"]
    assert _sentences("橋です。「次へ」と言った。") == ["橋です。", "「次へ」と言った。"]


@pytest.mark.parametrize("text, sentences", [
    # Abbreviations and initials of the pack's languages, before a capital: no sentence ends there
    ("ул. Ленина, д. 5. Дом стоит.", ["ул. Ленина, д. 5.", "Дом стоит."]),
    ("А.С. Пушкин родился в Москве. Он жил долго.", ["А.С. Пушкин родился в Москве.", "Он жил долго."]),
    ("Hrn. Özdemir kam bzw. Öffentlichkeit folgte. Er ging.", ["Hrn. Özdemir kam bzw. Öffentlichkeit folgte.", "Er ging."]),
    ("La Sra. Álvarez vino. ¿Qué tal? Bien.", ["La Sra. Álvarez vino.", "¿Qué tal?", "Bien."]),
    ("Mr. Smith came. He paid approx. five euros.", ["Mr. Smith came.", "He paid approx. five euros."]),
    # A quotation the mark closes goes on ("と" quotes it); a run of marks ends one sentence
    ("「わかりました。」と彼は言った。次へ。", ["「わかりました。」と彼は言った。", "次へ。"]),
    ("真的吗？！他来了。”", ["真的吗？！", "他来了。”"]),
    ("ما هذا؟ لا أعرف.", ["ما هذا؟", "لا أعرف."]),
    # A right-to-left mark after the stop (Arabic text carries them) still ends the sentence
    ("لا أستطيع التحقق من ذلك.\u200f الجسر طويل.", ["لا أستطيع التحقق من ذلك.\u200f", "الجسر طويل."]),
    # An isolate brackets text and belongs to no sentence: removing one never leaves half of the pair
    ("He left.\u200e \u2067Она ушла.\u2069", ["He left.\u200e", "Она ушла."]),
    ("رسميا. \u2067لا أستطيع. الجسر طويل.\u2069 وقال.", ["رسميا.", "لا أستطيع.", "الجسر طويل.", "وقال."]),
    ("\u2067مرحبا.\u2069 \u2067العالم.\u2069", ["مرحبا.", "العالم."]),
    ("\u2069\u2069", ["\u2069\u2069"]),
    ("لا أستطيع. \u200f يحمل الجسر.", ["لا أستطيع.", "\u200f يحمل الجسر."]),
    ("لا أستطيع. \u200f \u200f يحمل الجسر.", ["لا أستطيع.", "\u200f \u200f يحمل الجسر."]),
])
def test_sentence_ends_in_the_packs_languages(text, sentences):
    assert _sentences(text) == sentences


def test_a_greeting_before_the_models_offer_no_longer_hides_it():
    # The service rule leaves out a greeting's sentence ("안녕하세요" opens a person's letter too); the
    # sentence after it is the model's: "I will write an episode of a romance novel for you".
    text = "안녕하세요. 로맨스 소설 1화 분량을 써드리도록 하겠습니다.\n\n그날 비가 내렸다.\n"
    rules = [f.rule for f in check_text(text, RulePack.load(), fmt="text").findings]
    assert "chat-preamble-service-ko" in rules


def test_runs_of_direction_marks_split_in_linear_time():
    # Each stop's look-ahead reads the run once: 20,000 marks after a stop is one scan, not 20,000.
    import time

    start = time.perf_counter()
    for text in ("a. " + "\u200f" * 20000 + "x", "a. " + "\u2067\u200f" * 20000, "a. " + "\u200f " * 20000 + "x",
                 "a." + "\u2069" * 20000 + " " * 20000 + "\u200f" * 20000 + "x"):
        sentence_spans(text)
    assert time.perf_counter() - start < 2.0


def test_emphasis_marks_of_markdown_read_as_plain_text_close_and_open_sentences():
    # An answer saved as .txt keeps its "**": the bold question is a sentence of its own.
    text = "**So, am I as capable as it?** While I am a model, I am smaller. Done. **Next** step."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "**So, am I as capable as it?**", "While I am a model, I am smaller.", "Done.", "**Next** step."]
