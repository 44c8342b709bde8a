"""A document's language: declared (html lang, og:locale, Content-Language, front matter, the HTTP
header of a WARC record) or detected from its text; shown in the JSON report; usable in when:/unless:."""

from __future__ import annotations

import subprocess
import sys

import pytest

from contentcheck.loaders import parse_text
from contentcheck.text.language import detect_language, language_code

from ..conftest import check, make_pack, rule_ids, run_json


@pytest.mark.parametrize("tag, code", [
    ("fr-FR", "fr"), ("pt_BR", "pt"), ("zh-Hans-CN", "zh"), ("fil", "tl"), ("in", "id"), ("EN", "en"),
    ("de-DE, en", "de"), ("ja;q=0.9", "ja"), ("x-default", None), ("und", None), ("*", None), ("", None),
    ("english", None),
])
def test_language_tags_become_iso_639_1_codes(tag, code):
    assert language_code(tag) == code


# Written for this test: two or three ordinary sentences in each language.
TEXTS = {
    "en": "The council approved the new budget on Tuesday. Prices rose sharply after the harvest failed.",
    "zh": "市议会周二批准了新的预算。暴雨导致多条道路封闭，居民被要求待在家中。",
    "cs": "Městská rada v úterý schválila nový rozpočet. Ceny po neúrodě prudce vzrostly.",
    "fr": "Le conseil municipal a approuvé le budget mardi. Les prix ont fortement augmenté après la récolte.",
    "pt": "A câmara aprovou o novo orçamento na terça-feira. Os preços subiram muito depois da colheita.",
    "tl": "Inaprubahan ng konseho ang bagong badyet noong Martes. Tumaas ang presyo ng bigas ngayong linggo.",
    "th": "สภาเมืองอนุมัติงบประมาณใหม่เมื่อวันอังคาร ราคาข้าวสูงขึ้นหลังจากการเก็บเกี่ยวล้มเหลว",
    "es": "El ayuntamiento aprobó el nuevo presupuesto el martes. Los precios subieron mucho tras la mala cosecha.",
    "de": "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen. Die Preise stiegen nach der Missernte stark.",
    "it": "Il consiglio comunale ha approvato il bilancio martedì. I prezzi sono saliti dopo il cattivo raccolto.",
    "ru": "Городской совет во вторник утвердил новый бюджет. Цены резко выросли после неурожая.",
    "ar": "وافق مجلس المدينة على الميزانية الجديدة يوم الثلاثاء. ارتفعت الأسعار بشكل حاد بعد فشل الحصاد.",
    "ja": "市議会は火曜日に新しい予算を承認した。不作の後、米の価格が急騰している。",
    "ko": "시의회는 화요일에 새 예산을 승인했다. 흉작 이후 가격이 급등했다.",
    "vi": "Hội đồng thành phố đã thông qua ngân sách mới vào thứ Ba. Giá cả tăng mạnh sau vụ mùa thất bát.",
    "id": "Dewan kota menyetujui anggaran baru pada hari Selasa. Harga beras naik tajam setelah panen gagal "
          "karena banjir yang melanda desa-desa di Jawa Tengah.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_the_sixteen_languages_are_detected_from_a_few_sentences(code):
    pytest.importorskip("pycld2")
    assert detect_language(TEXTS[code]) == code


def test_too_little_text_is_no_language_rather_than_a_guess():
    pytest.importorskip("pycld2")
    assert detect_language("") is None
    assert detect_language("12:30 — 4,5 %") is None


def language_of(source: str, fmt: str) -> tuple[str | None, str | None]:
    doc = parse_text("doc", source, fmt)
    return doc.language, doc.language_source


def test_html_lang_wins_over_the_text():
    page = f"<html lang='de-AT'><body><article><p>{TEXTS['fr']}</p></article></body></html>"
    assert language_of(page, "html") == ("de", "html-lang")


def test_og_locale_and_content_language_meta():
    og = f"<html><head><meta property='og:locale' content='pt_BR'></head><body><p>{TEXTS['en']}</p></body></html>"
    assert language_of(og, "html") == ("pt", "og-locale")
    meta = og.replace("property='og:locale' content='pt_BR'", "http-equiv='Content-Language' content='cs'")
    assert language_of(meta, "html") == ("cs", "content-language")


@pytest.mark.parametrize("key", ["lang", "language", "languageCode", "locale"])
def test_front_matter_language(key):
    doc = f"---\ntitle: Essai\n{key}: fr-CA\n---\n\n{TEXTS['en']}\n"
    assert language_of(doc, "markdown") == ("fr", "front-matter-language")


def test_undeclared_language_is_detected_from_title_and_body():
    pytest.importorskip("pycld2")
    assert language_of(TEXTS["vi"], "text") == ("vi", "detected")
    page = f"<html lang='x-default'><body><article><p>{TEXTS['ko']}</p></article></body></html>"
    assert language_of(page, "html") == ("ko", "detected")


CONDITIONS = """
rules:
  - id: french-only
    category: test
    severity: warning
    message: French heading
    kind: phrase
    phrases: ["lire aussi"]
    when:
      language: [fr]
  - id: not-in-german
    category: test-other
    severity: warning
    message: Not German
    kind: phrase
    phrases: ["lire aussi"]
    unless:
      language: [DE]
"""


def test_rules_select_documents_by_language(tmp_path):
    pack = make_pack(tmp_path, CONDITIONS)
    french = "---\nlang: fr-FR\n---\n\nLe conseil a voté.\n\nLire aussi\n"
    german = french.replace("fr-FR", "de")
    english = french.replace("fr-FR", "en-GB")
    assert rule_ids(check(french, pack, "markdown")) == ["french-only", "not-in-german"]
    assert rule_ids(check(german, pack, "markdown")) == []
    assert rule_ids(check(english, pack, "markdown")) == ["not-in-german"]


def test_rules_select_by_detected_language(tmp_path):
    pytest.importorskip("pycld2")
    pack = make_pack(tmp_path, CONDITIONS)
    assert rule_ids(check(TEXTS["fr"] + "\n\nLire aussi\n", pack, "text")) == ["french-only", "not-in-german"]


def test_json_report_shows_language_and_where_it_came_from(tmp_path, validate_report):
    (tmp_path / "a.md").write_text(f"---\nlang: es-MX\n---\n\n{TEXTS['es']}\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html lang='it'><body><p>{TEXTS['it']}</p></body></html>", encoding="utf-8")
    (tmp_path / "c.txt").write_text("12:30\n", encoding="utf-8")
    _, report = run_json("check", str(tmp_path), "--no-progress")
    validate_report(report)
    got = {d["path"].rsplit("/", 1)[-1]: (d["metadata"]["language"], d["metadata"]["language_source"])
           for d in report["documents"]}
    assert got == {"a.md": ("es", "front-matter-language"), "b.html": ("it", "html-lang"), "c.txt": (None, None)}


def test_warc_records_take_the_http_content_language(tmp_path):
    warcio = pytest.importorskip("warcio")
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    assert warcio
    path = tmp_path / "crawl.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for uri, language, html in [("http://example.com/a", "th-TH", f"<html><body><p>{TEXTS['en']}</p></body></html>"),
                                    ("http://example.com/b", "th", f"<html lang='ru'><body><p>{TEXTS['ru']}</p></body></html>")]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Language", language)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))
    _, report = run_json("check", str(path), "--no-progress")
    got = [(d["metadata"]["language"], d["metadata"]["language_source"]) for d in report["documents"]]
    assert got == [("th", "http-content-language"), ("ru", "html-lang")]


def test_the_detector_is_not_imported_when_every_document_declares_its_language(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(f"---\nlang: en\n---\n\n{TEXTS['en']}\n", encoding="utf-8")
    code = ("import sys; from contentcheck.engine.check import check_text; "
            "from contentcheck.rulepack.pack import RulePack; "
            f"r = check_text(open({str(doc)!r}).read(), RulePack.load(), fmt='markdown'); "
            "print(r.language, 'pycld2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["en", "False"]
