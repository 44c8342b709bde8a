"""check --sites at the end of the article: a site's short promo line after the last paragraph is
found, though sidebars and footers follow it; a list of related links is not."""

from __future__ import annotations

from contentcheck.loaders.html import load_html
from contentcheck.text.blockkeys import block_keys

from ..conftest import run_json
from .crawl import boilerplate, crawlgen, norm

TOPICS = "roads bridges schools parks rents wages harbour library".split()
RELATED = ("Council delays the harbour dredging after a narrow vote on Monday",
           "Residents of Marlow asked about the library closure this spring")


def _page(i: int, *, layout: str) -> str:
    correction = "<p>Correction: an earlier version misstated the date of the vote.</p>" if i == 2 else ""
    related = "".join(f'<li><a href="/r/{n}">{h}</a></li>' for n, h in enumerate(RELATED))
    body = (f"<h1>The council and the {TOPICS[i]}</h1><p class=\"byline\">By {'Ann Ray' if i % 2 else 'Tom Lee'}</p>"
            f"<p>The council met on day {i} to talk about the {TOPICS[i]}, and {i + 3} members voted.</p>"
            f"<p>Residents said the {TOPICS[i]} plan had been delayed {i + 1} times since the spring.</p>"
            f"{correction}<p>Reporting by {'Ann Ray' if i % 3 else 'Jo Park'}</p>"
            f"<p><strong>Tap to listen</strong></p><p>Updated {i + 1} hour{'s' if i else ''} ago</p>")
    if layout == "article":
        main = f"<main><article>{body}</article></main>"
    else:  # the related list inside the content, no container
        main = f'<div class="content">{body}<h3>Related stories</h3><ul>{related}</ul></div>'
    return ("<html><body><header><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav></header>"
            f"{main}<aside class=\"sidebar\"><h3>Most read</h3><ol>"
            + "".join(f'<li><a href="/s/{n}">{h}</a></li>' for n, h in enumerate(RELATED))
            + "</ol></aside><footer><p>\u00a9 Pinecrest Post. All rights reserved.</p>"
            "<p><a href=\"/privacy\">Privacy</a> \u00b7 <a href=\"/terms\">Terms</a></p></footer></body></html>\n")


def test_short_lines_at_the_very_end_of_the_article_are_found(tmp_path):
    for layout in ("article", "content"):
        site = tmp_path / layout / "pinecrest"
        site.mkdir(parents=True)
        for i in range(6):
            (site / f"p{i}.html").write_text(_page(i, layout=layout), encoding="utf-8")
        _, report = run_json("check", str(tmp_path / layout), "--sites", "--no-progress", cwd=tmp_path)
        found = {path.rsplit("/", 1)[1]: sorted(norm(f["text"]) for f in fs)
                 for path, fs in boilerplate(report).items()}
        assert len(found) == 6
        for i in range(6):
            assert found[f"p{i}.html"] == sorted(["tap to listen", f"updated {i + 1} hour{'s' if i else ''} ago"]), \
                (layout, found)


def test_an_articles_last_subheading_stays_in_the_main_content():
    page = ("<html><body><main><article><h1>Budget</h1><p>The council met and the budget was cut by a third "
            "after a long debate about the roads.</p><h2>What comes next</h2><p>A vote in May.</p></article>"
            "</main><aside><h3>Most read</h3><ul><li><a href='/1'>One</a></li><li><a href='/2'>Two</a></li>"
            "</ul></aside><footer><p>About us</p><p>Contact</p></footer></body></html>")
    zones = {b.text: b.zone for b in load_html("a.html", page).blocks}
    assert zones["What comes next"] == zones["A vote in May."] == "body"
    assert zones["Most read"] == zones["One"] == "chrome"
    # A label inside the article still heads the links right after it.
    labelled = page.replace("<p>A vote in May.</p>", "<p>A vote in May.</p><h3>See also</h3><ul>"
                            "<li><a href='/3'>Three</a></li><li><a href='/4'>Four</a></li></ul>")
    zones = {b.text: b.zone for b in load_html("a.html", labelled).blocks}
    assert zones["See also"] == zones["Three"] == "chrome"


def test_numbers_change_the_words_they_count_and_carry_units():
    assert block_keys("Updated 1 hour ago") == block_keys("Updated 12 hours ago")
    assert block_keys("1.2k people are reading this") == block_keys("980 people are reading this")
    assert block_keys("Your 3rd free story") == block_keys("Your 21st free story")
    assert block_keys("Updated 1 hour ago") != block_keys("Updated an hour ago")


def test_a_varied_crawl_is_found_where_the_line_is_in_the_body(tmp_path):
    """crawlgen --hard: page templates with and without <article>, lines at the very end, short and
    numbered lines. Every line inside the body (not in an <aside> or <footer>, not one whole link,
    which are page furniture by their markup) is found, and nothing else is reported: not
    the photo credits under captions, whoever took the picture."""
    labels = crawlgen().build(str(tmp_path), 6, 24, 5, warc=True, folder=False, hard=True)
    _, report = run_json("check", str(tmp_path / "crawl.warc.gz"), "--sites", "--no-progress", cwd=tmp_path)
    found = boilerplate(report)
    wanted = missed = findings = wrong = 0
    for page in labels["pages"]:
        got = {norm(f["text"]) for f in found[page["url"]]}
        findings += len(got)
        wrong += len(got - {norm(t) for t in page["injected"]})
        for placed in page["placed"]:
            if placed["where"] in ("aside", "footer") or placed["wrapper"] == "link":
                continue
            wanted += 1
            missed += norm(placed["text"]) not in got
    assert wanted > 150 and missed <= 0.02 * wanted, (missed, wanted)
    assert wrong == 0 and findings > 150, (wrong, findings)


def test_a_credit_is_one_shape_however_many_words_its_names_have():
    shape = [block_keys(t)[1] for t in ("Photo: Ann Ray/Staff", "Photo: Jo Park/Pinecrest Post",
                                        "Photo: Reuters")]
    assert shape[0] == shape[1] == shape[2]
    assert block_keys("Photo: Ann Ray/Staff")[0] != block_keys("Photo: Reuters")[0]
    assert block_keys("Tap to listen")[1] != shape[0]


def test_a_line_run_into_a_paragraph_of_plain_text_is_found(tmp_path):
    site = tmp_path / "crawl" / "pinecrest"
    site.mkdir(parents=True)
    for i in range(5):
        (site / f"p{i}.txt").write_text(
            f"The {TOPICS[i]} budget\n\nThe council met on day {i} about the {TOPICS[i]}.\n\n"
            f"What happens next for the {TOPICS[i]}:\n- a vote on the {TOPICS[i]} plan\n- Keep scrolling, neighbours\n",
            encoding="utf-8")
    _, report = run_json("check", "crawl", "--sites", "--no-progress", cwd=tmp_path)
    found = {path.rsplit("/", 1)[1]: [(f["text"], f["line"], f["column"]) for f in fs]
             for path, fs in boilerplate(report).items()}
    assert all(found[f"p{i}.txt"] == [("Keep scrolling, neighbours", 7, 3)] for i in range(5)), found
    _, learned = run_json("check", "crawl", "--no-progress", cwd=tmp_path)
    assert not any(boilerplate(learned).values())
