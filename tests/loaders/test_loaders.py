"""Loaders: every finding maps back to the exact line and column of the source,
whatever the format, entities, line endings or encoding; chrome, code and
comments are kept out of the checked text; metadata is read from every source."""

from __future__ import annotations

import codecs

import pytest

from contentcheck.api import check_text
from contentcheck.loaders import LoadError, load_document, parse_text
from contentcheck.rulepack import RulePack

from ..conftest import assert_maps_back, check, found, make_pack, source_at

RULES = """
rules:
  - id: phrase-hit
    category: test
    severity: warning
    message: phrase found
    kind: phrase
    phrases: ["green apple", "rock & roll", "don't panic", "blue whale"]
  - id: pattern-hit
    category: test
    severity: warning
    message: pattern found
    kind: pattern
    pattern: "purple\\\\s+rain"
"""

AUTHOR_RULE = """
rules:
  - id: no-author
    category: missing-author
    severity: warning
    message: No author
    kind: metadata
    field: author
"""


@pytest.fixture()
def pack(tmp_path):
    return make_pack(tmp_path, RULES)


@pytest.fixture()
def author_pack(tmp_path):
    return make_pack(tmp_path, AUTHOR_RULE, "author.yaml")


def pos(source: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the n-th occurrence of ``needle`` in ``source``."""
    index = -1
    for _ in range(occurrence + 1):
        index = source.index(needle, index + 1)
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return line, column


# ---------------------------------------------------------------- HTML positions

HTML_ENTITIES = (
    "<!DOCTYPE html>\n"
    "<html><head><title>Entities</title></head>\n"
    "<body><article>\n"
    "<p>Fish &amp; chips &rsquo; &#8217; &#x2019; caf&eacute; &lt;b&gt; then rock &amp; roll arrives.</p>\n"
    "<p>Caf&eacute; talk: we don&rsquo;t panic here.</p>\n"
    "<p>Others don&#8217;t panic at all, and &hellip; later</p>\n"
    "<p>The &ldquo;green\n"
    "   apple&rdquo; spans two lines.</p>\n"
    "<p>A blue&nbsp;whale swims &amp; <em>purple</em>  rain falls.</p>\n"
    "</article></body></html>\n"
)


def test_html_entities_before_and_inside_the_match(pack):
    result = check(HTML_ENTITIES, pack, "html")
    assert_maps_back(HTML_ENTITIES, result, "html")
    got = found(result)
    assert (*pos(HTML_ENTITIES, "rock &amp; roll"), "rock & roll") in got
    assert (*pos(HTML_ENTITIES, "don&rsquo;t panic"), "don\u2019t panic") in got
    assert (*pos(HTML_ENTITIES, "don&#8217;t panic"), "don\u2019t panic") in got
    assert (*pos(HTML_ENTITIES, "green\n"), "green apple") in got
    assert (*pos(HTML_ENTITIES, "blue&nbsp;whale"), "blue whale") in got
    assert (*pos(HTML_ENTITIES, "purple</em>"), "purple rain") in got
    assert len(result.findings) == 6


def test_html_match_spanning_lines_ends_on_the_right_line(pack):
    result = check(HTML_ENTITIES, pack, "html")
    (green,) = [f for f in result.findings if f.text == "green apple"]
    assert (green.line, green.end_line) == (7, 8)
    assert source_at(HTML_ENTITIES, green.end_line, 1)[:green.end_column - 1].endswith("apple")


def test_html_crlf_line_endings(pack):
    source = HTML_ENTITIES.replace("\n", "\r\n")
    result = check(source, pack, "html")
    assert_maps_back(source, result, "html")
    assert (*pos(source, "rock &amp; roll"), "rock & roll") in found(result)
    assert (*pos(source, "green\r\n"), "green apple") in found(result)
    assert len(result.findings) == 6


def test_html_attribute_values_are_not_text(pack):
    source = ('<html><body><article><p title="green apple">Plain words.</p>\n'
              '<p><img alt="green apple" src="a.png"> More words and a green apple.</p></article></body></html>')
    result = check(source, pack, "html")
    assert found(result) == [(*pos(source, "green apple", 2), "green apple")]


def test_html_script_and_style_are_not_text(pack):
    source = ("<html><head><style>.green-apple{}</style></head><body><article>\n"
              "<script>var s = 'green apple';</script>\n"
              "<p>Words.</p><pre>green apple</pre>\n"
              "<p>The green apple.</p></article></body></html>")
    result = check(source, pack, "html")
    assert found(result) == [(*pos(source, "green apple."), "green apple")]


# ---------------------------------------------------------------- chrome

CHROME_PAGE = """<!DOCTYPE html>
<html><head><title>Chrome</title></head>
<body>
<nav><ul><li>green apple in the menu</li></ul></nav>
<article>
<h1>Orchard news</h1>
<p>The article talks about a green apple harvest and many other things worth reading.</p>
</article>
<aside><p>green apple in an aside</p></aside>
<div class="related-posts"><p>green apple in related posts</p></div>
<div class="sidebar"><p>green apple in the sidebar</p></div>
<footer><p>green apple in the footer</p></footer>
</body></html>
"""


def test_chrome_phrases_are_not_found_in_body_scope(pack):
    result = check(CHROME_PAGE, pack, "html")
    assert found(result) == [(7, CHROME_PAGE.split("\n")[6].index("green apple") + 1, "green apple")]


def test_chrome_phrases_are_found_in_chrome_scope(tmp_path):
    chrome_pack = make_pack(tmp_path, """
        rules:
          - id: chrome-phrase
            category: test
            severity: warning
            message: in chrome
            kind: phrase
            scope: chrome
            phrases: ["green apple"]
        """)
    result = check(CHROME_PAGE, chrome_pack, "html")
    assert_maps_back(CHROME_PAGE, result, "html")
    assert sorted(f.line for f in result.findings) == [4, 9, 10, 11, 12]


@pytest.mark.parametrize("wrapper", [
    ("<nav>", "</nav>"),
    ("<aside>", "</aside>"),
    ("<footer>", "</footer>"),
    ('<div class="related-posts">', "</div>"),
    ('<div class="sidebar">', "</div>"),
])
def test_each_chrome_container_without_an_article_element(pack, wrapper):
    open_tag, close_tag = wrapper
    source = ("<html><body>\n"
              "<p>The body mentions a green apple once, in a long enough paragraph of text.</p>\n"
              f"{open_tag}<p>green apple outside the body</p>{close_tag}\n"
              "</body></html>")
    result = check(source, pack, "html")
    assert [f.line for f in result.findings] == [2]


@pytest.mark.parametrize("hidden", [
    '<div class="primary section is-hidden"><p>green apple in a slide caption nobody sees</p></div>',
    '<h2 class="sr-only">green apple for screen readers</h2>',
    '<div role="note" class="hatnote">See also: green apple</div>',
    '<p class="d-none">green apple</p>',
    # what a widget shows while it loads
    '<div class="pane paneBusy"><div class="loading_small">green apple ...</div></div>',
    '<div class="spinner-loader">green apple</div>',
    '<div class="preloader-wrapper"><p>green apple</p></div>',
])
def test_text_hidden_by_its_class_is_not_article_text(pack, hidden):
    # AOL's hidden "Up Next" slide, The Verge's screen-reader "Share this story" heading, a
    # Wikipedia hatnote and WebMD's "Loading ..." pane were reported as widget leftovers inside
    # the article; the page's reader never sees them as article text.
    source = ("<html><body><article>\n"
              "<p>The body mentions a green apple once, in a long enough paragraph of text.</p>\n"
              f"{hidden}\n</article></body></html>")
    assert [f.line for f in check(source, pack, "html").findings] == [2]


@pytest.mark.parametrize("shown", [
    '<p class="overflow-hidden">green apple</p>',         # a layout class, not a hidden one
    '<p class="hidden md:block">green apple</p>',          # hidden on phones only
    '<p class="d-none d-lg-block">green apple</p>',
])
def test_text_hidden_on_small_screens_only_or_by_a_look_alike_class_is_text(pack, shown):
    source = ("<html><body><article>\n"
              "<p>The body mentions a green apple once, in a long enough paragraph of text.</p>\n"
              f"{shown}\n</article></body></html>")
    assert [f.line for f in check(source, pack, "html").findings] == [2, 3]


def test_site_generator_templates_in_markdown_are_not_placeholders():
    # A Jekyll news post: the download links are Liquid expressions filled in when the site is
    # built, and the patch is in a {% highlight %} block; only the bare {{ city }} is unfilled.
    source = ("---\ntitle: Release\nauthor: Ana Ruiz\n---\n\n"
              "Download {{ release.url.gz }} or {{ release.url.zip }}, built {{ page.date | date: '%Y' }}.\n\n"
              "{% highlight diff %}\n-  $(\"a[name=\" + anchor + \"]\").each()\n+  $(\"a[name]\").each()\n"
              "{% endhighlight %}\n\n{{< highlight go >}}\nx := \"[Insert quote here]\"\n{{< /highlight >}}\n\n"
              "The {{ city }} council met.\n")
    result = check_text(source, RulePack.load(), fmt="markdown")
    placeholders = [(f.line, f.text) for f in result.findings if f.rule == "placeholder-text"]
    assert placeholders == [(17, "{{ city }}")]


def test_a_bare_variable_of_a_markdown_source_in_a_template_language_is_no_blank():
    # A course page written in Jinja: "{{ editor_name }}" and "{{a}}" are filled when it is built.
    source = ("# Instalace {% block name %} editoru {{ var('editor_name') }} {% endblock %}\n\n"
              "Editor {{ editor_name }} si stáhni.\n\nAbys odsadil{{a}} řádek, stiskni Tab.\n")
    result = check_text(source, RulePack.load(), fmt="markdown")
    assert [f for f in result.findings if f.rule == "placeholder-text"] == []
    # Without a statement or a call, the same variable is a blank the writer left; so it is when the
    # template syntax is only shown (in code, inline code or a raw block), or is printf's "{%s}".
    for shown in ("", "```python\nprint('{%s}' % x)\n{% if a %}{% endif %}\n```\n\n",
                  "Write `{% if x %}` to test.\n\n", "{% raw %}{% if x %}{% endraw %} shows a tag.\n\n"):
        source = f"# Editor\n\n{shown}Editor {{{{ editor_name }}}} si stáhni.\n"
        result = check_text(source, RulePack.load(), fmt="markdown")
        assert [f.text for f in result.findings if f.rule == "placeholder-text"] == ["{{ editor_name }}"], shown


def test_a_jinja_comment_and_a_word_ending_are_template_syntax_not_marks_or_blanks():
    # A course page's "{# XXX: ... #}" is a note to its authors the engine drops (and makes the page a template
    # source, whose variables it fills), and "potřeboval{{a}}" the grammatical ending it fills in.
    pack = RulePack.load()
    source = "# Slovníky\n\n{# XXX: Highlight the dictionary #}\n\nVlož {{ jmeno }} do slovníku.\n"
    assert [f.text for f in check_text(source, pack, fmt="markdown").findings if f.rule == "placeholder-text"] == []
    # Nor is a message format or quoted output an editor's mark; the mark of its own and the bare blank are.
    source = ("# Chat\n\nKdybys potřeboval{{a}} změnit záznam, použij stejný příkaz.\n\n"
              "A message **User XXX: connected** appears when someone joins.\n\n"
              "The tool prints 'TODO: write pending definition' for each step.\n\nThe {{ city }} council met.\n\n"
              "The plan costs $4 million. TODO: add a source.\n")
    found = [f.text for f in check_text(source, pack, fmt="markdown").findings if f.rule == "placeholder-text"]
    assert found == ["{{ city }}", "TODO:"]


def test_a_restructuredtext_literal_block_in_a_text_file_is_code_not_text():
    # A tutorial kept as .rst shows Django templates under "::" and ".. code-block::": the program, not blanks.
    source = ("Tutorial Django\n\nEdite o arquivo::\n\n    {% csrf_token %}\n    {{ band.name }}\n\nDepois:\n\n"
              ".. code-block:: html\n   :linenos:\n\n   <p>{% if user %}Oi{% endif %}</p>\n\nA cidade de {{ city }} votou.\n")
    found = [(f.line, f.text) for f in check_text(source, RulePack.load(), fmt="text").findings
             if f.rule == "placeholder-text"]
    assert found == [(15, "{{ city }}")]


def test_marks_and_variables_of_other_trades_are_no_blanks():
    # "TK" is a kindergarten in Indonesian (an English newsroom's "to come" only in English), "%OPENCV_DIR%" a
    # Windows variable, "[[link|...]]" a wiki's link.
    pack = RulePack.load()
    source = ("---\nlang: id\n---\n# Sekolah\n\nAnak saya masuk TK tahun ini, dan TK itu dekat rumah kami sekali.\n")
    assert [f for f in check_text(source, pack, fmt="markdown").findings if f.category == "template-leftover"] == []
    source = ("# Bridge\n\nThe bridge will cost TK million and open in TK.\n\nSet %OPENCV_DIR% first, then read "
              "[[link|translate/ml/part-2]] and write to %first_name% today.\n")
    found = [f.text for f in check_text(source, pack, fmt="markdown").findings if f.category == "template-leftover"]
    assert found == ["TK", "TK", "%first_name%"]


def test_a_raw_script_block_in_markdown_is_a_program_not_the_article():
    # A widget's script in a Markdown page: its comment "/* TODO: ... */" is the programmer's note, and the
    # text after the block is read again, where it stands.
    source = ("# Ask Lieferando\n\nThe form below writes the letter for you.\n\n<script>\nrender({\n"
              "    /* TODO: labels are shown in English */\n    company: 'x'\n});\n</script>\n\n"
              "The plan costs $4 million. TODO: add a source.\n")
    found = [(f.line, f.text) for f in check_text(source, RulePack.load(), fmt="markdown").findings
             if f.rule == "placeholder-text"]
    assert found == [(12, "TODO:")]


def test_a_liquid_name_with_a_hyphen_is_the_engine_s_in_a_template_source():
    # A Jekyll index loops over a post's tags as "multi-tag": the engine fills "{{multi-tag}}" on each turn.
    source = ("---\nlayout: default\n---\n\n{% for post in site.posts %}\n{% for multi-tag in post.tag %}\n"
              "<a href=\"/{{multi-tag}}\">#{{multi-tag}}</a>\n{% endfor %}\n{% endfor %}\n")
    assert [f.text for f in check_text(source, RulePack.load(), fmt="markdown").findings
            if f.rule == "placeholder-text"] == []


def test_a_liquid_statement_a_line_break_splits_is_the_engines_and_a_blank_beside_it_is_not():
    # A wrapped paragraph of a Jekyll post links another post through "{% post_url ... %}" broken over two lines.
    source = ("# Zustand\n\nIn Haskell nehmen wir eine <a href=\"{% post_url 2013-04-18-haskell-monaden\n"
              "%}\">Monade</a>, hier eine Zustandsmonade.\n\nDer Preis steht am [Insert date here] fest.\n")
    assert [(f.line, f.text) for f in check_text(source, RulePack.load(), fmt="markdown").findings
            if f.rule == "placeholder-text"] == [(6, "[Insert date here]")]


@pytest.mark.parametrize("fmt, source", [
    ("markdown", "# Flask\n\nColleghiamo il database.\n\n```python\nreturn render_template(\"result.html\", msg=msg)\n"
                 "```\n\nLa pagina mostra il contenuto della variabile **{{msg}}** dopo l'inserimento.\n"),
    ("html", "<html><body><article><h1>Flask</h1><p>Colleghiamo il database.</p><pre>render_template('result.html', "
             "msg = msg)</pre><p>La pagina mostra la variabile {{msg}} dopo l'inserimento.</p></article></body></html>"),
])
def test_a_template_variable_the_texts_own_code_sets_is_that_codes_not_a_blank(fmt, source):
    # A tutorial shows the code that passes "msg" to a template, then speaks of "{{msg}}"; an article's
    # "{{ city }}" that nothing sets stays a blank.
    pack = RulePack.load()
    assert [f for f in check_text(source, pack, fmt=fmt).findings if f.rule == "placeholder-text"] == []
    blank = source.replace("{{msg}}", "{{city}}")
    assert [f.text for f in check_text(blank, pack, fmt=fmt).findings if f.rule == "placeholder-text"] == ["{{city}}"]


def test_an_html_template_source_has_no_blanks_and_a_rendered_page_still_does():
    # A Jinja page of a site's repository: its blocks, filters and variables are the engine's.
    source = ("{% extends 'layouts/base.html' %}\n\n{% block title %}Hire juniors{% endblock %}\n\n"
              "{% block content %}\n<h1>Hire juniors</h1>\n<p>Write to {{ contact_email }} or see "
              "<a href=\"{{ url_for('pricing') }}\">pricing</a>.</p>\n{% endblock %}\n")
    result = check_text(source, RulePack.load(), fmt="html")
    assert [f for f in result.findings if f.rule == "placeholder-text"] == []
    # A rendered article that shows a bare variable left the blank unfilled, every column kept, whatever
    # template a script, a comment or a code sample of the page holds.
    page = ("<html><head><script>var t = \"{% if user %}Hi{% endif %}\";</script></head><body><article>"
            "<!-- {% include 'footer.html' %} --><h1>News</h1><p>The {{ city }} council met on Monday.</p>"
            "<pre><code>{% if product.price %}</code></pre></article></body></html>")
    found = [f for f in check_text(page, RulePack.load(), fmt="html").findings if f.rule == "placeholder-text"]
    assert [(f.line, f.column, f.text) for f in found] == [(1, page.index("{{") + 1, "{{ city }}")]


def test_a_variable_the_front_matter_sets_is_filled_when_the_site_is_built():
    # Hexo's install page sets "vue_version" in its front matter and shows it as "{{vue_version}}";
    # a variable the front matter does not set is still a blank.
    source = ("---\ntitle: Install\nvue_version: 2.5.16\nversion: 3\n---\n\n"
              "Latest: {{vue_version}}, or {{ page.version }} on Jekyll. The {{ city }} council met.\n")
    result = check_text(source, RulePack.load(), fmt="markdown")
    assert [f.text for f in result.findings if f.rule == "placeholder-text"] == ["{{ city }}"]
    assert_maps_back(source, result, "markdown")


def test_a_variable_the_pages_framework_binds_is_not_a_blank_in_markdown_or_html():
    # A Vue guide's live demo: "{{ message }}" beside v-model="message" shows what the reader types;
    # "{{ item }}" is the v-for's loop variable. A name nothing binds is still a blank.
    demo = ('<div class="demo">\n  <p>Message is: {{ message }}</p>\n  <input v-model="message" />\n'
            '  <li v-for="item in items">{{ item }}</li>\n</div>\n')
    source = "---\ntitle: Forms\n---\n\nType below.\n\n" + demo + "\nThe {{ city }} council met.\n"
    result = check_text(source, RulePack.load(), fmt="markdown")
    assert [f.text for f in result.findings if f.rule == "placeholder-text"] == ["{{ city }}"]
    assert_maps_back(source, result, "markdown")
    page = ("<html><body><article><h1>Forms</h1><p>The {{ city }} council met on Monday.</p>\n"
            + demo + "</article></body></html>")
    result = check_text(page, RulePack.load(), fmt="html")
    assert [f.text for f in result.findings if f.rule == "placeholder-text"] == ["{{ city }}"]


def test_a_link_in_brackets_is_a_link_not_a_blank():
    # Vue's list of translations: "[English](https://vuejs.org/) [[source](https://github.com/vuejs/docs)]"
    # reads "English [source]", both links. A bracketed word that is no link is still a blank.
    source = ("---\ntitle: Translations\n---\n\n- [English](https://vuejs.org/) [[source](https://github.com/vuejs/docs)]\n"
              "- Quote: [source] to come.\n")
    result = check_text(source, RulePack.load(), fmt="markdown")
    assert [(f.line, f.text) for f in result.findings if f.rule == "placeholder-text"] == [(6, "[source]")]


def test_liquid_raw_and_hexo_codeblock_show_syntax_not_text():
    # A theme's documentation shows tag syntax literally: "[link text]" is a parameter, not a blank.
    source = ("---\ntitle: Tag plugins\nauthor: Ana Ruiz\n---\n\nA code block with a caption.\n\n"
              "{% raw %}\n&#96;`` [language] [title] [url] [link text]\ncode snippet\n&#96;``\n{% endraw %}\n\n"
              "{% codeblock [title] [lang:language] [url] [link text] %}\nx = 1\n{% endcodeblock %}\n\n"
              "Inline {% raw %}{{ page.title }}{% endraw %} stays markup.\n\nDear [Your Name], thanks.\n")
    result = check_text(source, RulePack.load(), fmt="markdown")
    assert [(f.line, f.text) for f in result.findings if f.rule == "placeholder-text"] == [(20, "[Your Name]")]


def test_see_also_citing_another_site_is_a_reference_and_promoting_the_sites_own_page_a_widget():
    pack = RulePack.load()
    post = ("---\ntitle: Release\nauthor: Ana Ruiz\n---\n\nThe compiler is faster.\n\n"
            "See also: [MJIT organization](https://github.com/example/mjit#design)\n\n"
            "* see also: [CVE-2008-1447][1]\n\n[1]: https://cve.example.org/1447\n")
    assert [f.rule for f in check_text(post, pack, fmt="markdown").findings
            if f.rule.startswith("related-content-widget")] == []
    page = ('<html><head><link rel="canonical" href="https://news.example.com/a/1"></head><body><article>'
            "<p>The council approved the budget after a long debate about the harbour and the old town.</p>\n"
            '<p><strong>SEE ALSO:</strong> <a href="https://news.example.com/a/2">Harbour plan stalls</a></p>\n'
            "<p>See also</p>\n</article></body></html>")
    found = [(f.rule, f.line) for f in check_text(page, pack, fmt="html").findings
             if f.rule.startswith("related-content-widget")]
    assert found == [("related-content-widget", 2), ("related-content-widget", 3)]


def test_a_read_more_link_the_author_wrote_is_not_a_widget_but_the_same_label_as_text_is():
    # Ruby's Japanese news summaries end with "[もっと読む...](/ja/announce.txt)" (read more),
    # a link to the full announcement; a "Read more" copied from a page has lost its link.
    pack = RulePack.load()
    post = ("---\ntitle: Break-in\nlang: ja\n---\n\nサーバへの侵入を確認いたしました。\n\n"
            "[もっと読む...](/ja/announce.txt)\n\nもっと読む\n")
    assert [(f.rule, f.line) for f in check_text(post, pack, fmt="markdown").findings
            if f.rule.startswith("related-content-widget")] == [("related-content-widget-ja", 10)]
    post_en = ("---\ntitle: Break-in\n---\n\nSomeone broke into the server.\n\n"
               "[Read more...](/en/announce.txt)\n\nRead more\n")
    assert [(f.rule, f.line) for f in check_text(post_en, pack, fmt="markdown").findings
            if f.rule.startswith("related-content-widget")] == [("related-content-widget", 9)]
    crlf = post_en.replace("[Read more...](/en/announce.txt)", "1. [Read more...](/wiki/A_(b))").replace("\n", "\r\n")
    assert [(f.rule, f.line) for f in check_text(crlf, pack, fmt="markdown").findings
            if f.rule.startswith("related-content-widget")] == [("related-content-widget", 9)]


@pytest.mark.parametrize("line, found", [
    ("Don't miss it!", False),        # a sentence to the reader, a word more than the heading
    ("Dont Miss", True),              # the heading, misspelt
    ("Related Article", True),        # the heading, in the singular
    ("Read More →", True),            # an arrow or an emoji is no word
    ("Related Posts 🔥", True),
])
def test_a_near_miss_of_a_widget_heading_must_have_its_words(line, found):
    text = f"RuPy 2012\n\nThe conference is in Brno on 16-18 November.\n\n{line}\n"
    rules = {f.rule for f in check_text(text, RulePack.load(), fmt="text").findings}
    assert ("related-content-widget" in rules) == found


def test_phrase_inside_article_is_found(pack):
    source = ("<html><body><nav><a href='/'>Home</a></nav>\n"
              "<article><p>Inside the article: a green apple.</p></article>\n"
              "</body></html>")
    result = check(source, pack, "html")
    assert found(result) == [(*pos(source, "green apple"), "green apple")]


# ---------------------------------------------------------------- HTML metadata

def html_doc(head: str, body: str = "<article><p>Text of the story.</p></article>") -> str:
    return f"<!DOCTYPE html>\n<html><head>\n{head}\n</head><body>\n{body}\n</body></html>\n"


@pytest.mark.parametrize("head,body,author", [
    ('<meta name="author" content="Jane Doe">', None, "Jane Doe"),
    ('<meta property="article:author" content="Sam Lee">', None, "Sam Lee"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"author": {"@type": "Person", "name": "Ana Ruiz"}}</script>', None, "Ana Ruiz"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
     '[{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Bo Chen"}]}</script>', None, "Ana Ruiz"),
    ('<script type="application/ld+json">{"@type": "BlogPosting", "author": "Ana Ruiz"}</script>', None, "Ana Ruiz"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
     '{"@type": "WebSite", "name": "Site"}, {"@type": "NewsArticle", "author": {"@type": "Person", '
     '"name": "Ana Ruiz"}}]}</script>', None, "Ana Ruiz"),
    ('<script type="application/ld+json">{"@graph": [{"@type": "Person", "@id": "https://x.example/#jane", '
     '"name": "Jane Roe"}, {"@type": "Article", "author": {"@id": "https://x.example/#jane"}}]}</script>',
     None, "Jane Roe"),
    ("", '<article><p>By <a rel="author" href="/team">Jane Doe</a></p><p>Text of the story.</p></article>',
     "Jane Doe"),
    ("", '<article><div class="byline">By Jane Doe | March 3, 2024</div><p>Text of the story.</p></article>',
     "Jane Doe"),
    # A byline container that opens with the date, then the name and a social link.
    ("", '<article><div class="storybyline">December 15, 2016 3:33 PM ET <a href="/people/1/jane-doe">Jane Doe'
         '</a> <a href="https://twitter.com/jd">Twitter</a></div><p>Text of the story.</p></article>', "Jane Doe"),
    # Schema.org microdata inside a <nav> (some sites put the byline list in one).
    ("", '<nav class="post-by">Edited by <span itemprop="author" itemscope><span itemprop="name">Jane Doe</span>'
         '</span></nav><article><p>Text of the story.</p></article>', "Jane Doe"),
    # A byline marked by a test id rather than a class; a "By" and an author-page link.
    ("", '<article><div data-testid="prism-byline"><span>By</span> <a href="/about/newsteam/jane-doe">Jane Doe</a>'
         '</div><p>Text of the story.</p></article>', "Jane Doe"),
    # A page whose only author is in its script data.
    ('<script>window.state = {"postedBy":"Jane Doe","datePosted":"April 13, 2020"}</script>', None, "Jane Doe"),
])
def test_html_author_sources(author_pack, head, body, author):
    source = html_doc(head, body) if body else html_doc(head)
    doc = parse_text("page.html", source, "html")
    assert author in doc.metadata.get("author")
    result = check_text(source, author_pack, fmt="html")
    assert result.findings == []
    assert result.author == author


def test_page_classes_do_not_make_the_whole_page_a_menu(author_pack):
    # WordPress and Kinja put "nav-below-header", "sticky-menu" and the like on <body>.
    source = ('<html><body class="single nav-below-header sticky-menu-fade f_section_nav_ga_on"><article>'
              '<div class="byline">By <a href="/author/jdoe" rel="author">Jane Doe</a></div>'
              '<p>Text of the story, long enough to be the main content of the page.</p></article></body></html>')
    result = check_text(source, author_pack, fmt="html")
    assert result.author == "Jane Doe"
    assert result.findings == []


def test_the_author_the_sources_agree_on_beats_the_publisher():
    source = html_doc('<meta name="author" content="Orchard Media Group"><meta name="author" content="Jane Doe">',
                      '<article><div class="byline">By Jane Doe</div><p>Text of the story.</p></article>'
                      '<aside><div class="byline">Sam Lee</div><div class="byline">Sam Lee</div></aside>')
    assert check_text(source, RulePack.load()).author == "Jane Doe"


def test_an_author_page_url_gives_the_name_in_its_slug(author_pack):
    source = html_doc('<meta name="author" content="https://news.example/editors/jane-doe">')
    result = check_text(source, author_pack, fmt="html")
    assert result.author == "Jane Doe"
    assert result.findings == []


def test_a_social_profile_url_names_no_one_but_a_person_elsewhere_does():
    source = html_doc('<meta property="article:author" content="https://www.facebook.com/orchardnews">'
                      '<meta name="author" content="Jane Doe">')
    assert check_text(source, RulePack.load(), fmt="html").author == "Jane Doe"


def test_jsonld_author_list_keeps_every_name():
    source = html_doc('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
                      '[{"@type": "Person", "name": "Ana Ruiz"}, "Bo Chen"]}</script>')
    assert parse_text("p.html", source, "html").metadata.get("author") == ["Ana Ruiz", "Bo Chen"]


# Regression: an @id reference to a Person in another JSON-LD block used to be read as an
# empty name (missing-author on a page that names its author).
def test_jsonld_author_id_reference_across_script_blocks(author_pack):
    source = html_doc('<script type="application/ld+json">{"@type": "Person", "@id": "https://x.example/#jane", '
                      '"name": "Jane Roe"}</script>\n'
                      '<script type="application/ld+json">{"@type": "NewsArticle", '
                      '"author": {"@id": "https://x.example/#jane"}}</script>')
    result = check_text(source, author_pack, fmt="html")
    assert result.author == "Jane Roe"
    assert result.findings == []


def test_html_without_author_reports_every_source_checked(author_pack):
    source = html_doc('<meta name="description" content="no author here">')
    result = check_text(source, author_pack, fmt="html")
    (finding,) = result.findings
    assert finding.rule == "no-author"
    for source_name in ("meta tags", "JSON-LD", "rel=author", "byline"):
        assert source_name in finding.message


def test_html_title_and_labels():
    source = html_doc('<title>Orchard &amp; Field</title>\n'
                      '<meta property="og:type" content="article">\n'
                      '<meta property="article:section" content="Fiction">')
    doc = parse_text("p.html", source, "html")
    assert doc.metadata.title == "Orchard & Field"
    labels = [v.lower() for v in doc.metadata.get("labels")]
    assert "article" in labels
    assert "fiction" in labels


def test_html_title_is_not_body_text(pack):
    source = html_doc("<title>A green apple</title>")
    assert check(source, pack, "html").findings == []


def test_html_comments_are_kept_aside(pack):
    source = html_doc("", "<article><!-- green apple note --><p>Text of the story.</p></article>")
    doc = parse_text("p.html", source, "html")
    assert any("green apple note" in c.text for c in doc.comments)
    assert check(source, pack, "html").findings == []


def test_html_unterminated_comment_runs_to_the_end(pack):
    # Browsers hide everything after a '<!--' that is never closed.
    source = "<p>Text of the story.</p>\n<!-- green apple left over"
    doc = parse_text("p.html", source, "html")
    assert [b.text.strip() for b in doc.blocks] == ["Text of the story."]
    assert doc.comments[0].text == "green apple left over"
    assert check(source, pack, "html").findings == []
    assert check("Green apple <!-- and more", pack, "html").findings[0].text.lower() == "green apple"


# ---------------------------------------------------------------- Markdown

MARKDOWN = """---
title: "Orchard report"
author: Jane Doe
categories: [news, farming]
tags:
  - apples
  - harvest
---

# Orchard report

The first paragraph talks about a green apple
and goes on.  A **rock & roll** band played.

```
code with a green apple inside
```

    indented code with a green apple

Inline `green apple` code is not prose, but this green apple is.

<!-- a comment with a green apple -->

Other *don't panic* words. [purple rain](https://example.com/green-apple) link text.
"""


MARKDOWN_HITS = [("green apple\nand", "green apple"), ("rock & roll", "rock & roll"),
                 ("green apple is", "green apple"), ("don't panic", "don't panic"),
                 ("purple rain", "purple rain")]


def test_markdown_positions_after_front_matter(pack):
    result = check(MARKDOWN, pack, "markdown")
    assert_maps_back(MARKDOWN, result, "markdown")
    assert found(result) == [(*pos(MARKDOWN, needle), text) for needle, text in MARKDOWN_HITS]
    assert [f.line for f in result.findings] == [12, 13, 21, 25, 25]


def test_markdown_code_and_comments_are_not_checked(pack):
    result = check(MARKDOWN, pack, "markdown")
    lines = {f.line for f in result.findings}
    assert not lines & {16, 19, 23}  # fenced, indented, comment
    on_21 = [f for f in result.findings if f.line == 21]
    assert [f.column for f in on_21] == [pos(MARKDOWN, "green apple is")[1]]  # not the inline code


def test_text_asciidoc_listing_is_not_checked(pack):
    # A book's AsciiDoc source saved as text shows a program's output in a listing block: its
    # words are the program's, and the prose around it is still read, at its own line.
    source = ("Merge the branch.\n\n[source,console]\n----\n$ git merge x\nA green apple in the output\n----\n\n"
              "After the listing a green apple.\n\n----\nA line of dashes alone is no listing: green apple.\n----\n")
    result = check(source, pack, "text")
    assert [f.line for f in result.findings] == [9, 12]


def test_markdown_inline_html_code_is_code(pack):
    # A cheat sheet written in HTML inside Markdown shows its command syntax in <code>: the
    # "[project-name]" there is the reader's argument, not a blank left in the text.
    source = ('<h2 dir="rtl">Git</h2>\n\n<p align="right"><code align="right">$ git init green apple</code></p>\n\n'
              "Run <kbd>green apple</kbd> and then green apple.\n")
    result = check(source, pack, "markdown")
    assert [(f.line, f.column) for f in result.findings] == [(5, source.split("\n")[4].rindex("green apple") + 1)]


def test_markdown_indented_code_after_a_list_is_code(pack):
    # A line back at the margin after a blank line ends the list, so the table of contents
    # indented below it is a code block, not the list's continuation (a book's "1.4.5  Loading"
    # chapter was reported as a widget's empty state).
    source = ("# Book\n\n* Publisher: Impress\n* ISBN: 4-8443\n\nThe table of contents:\n\n"
              "    1.4.4  green apple\n    1.4.5  green apple\n\n"
              "* A list item\n\n    with a green apple in its second paragraph\n")
    assert [f.line for f in check(source, pack, "markdown").findings] == [13]
    fenced = ("* A list item\n\n```\nx = 1\n```\n\n    indented green apple in code\n")
    assert check(fenced, pack, "markdown").findings == []


def test_markdown_links_keep_their_text_at_its_column():
    # A URL or title holding a balanced pair of parentheses is still one link; a line of
    # unclosed openers is text.
    source = ('See [the page](https://en.wikipedia.org/wiki/Foo_(bar)) and ![a map](m.png "map (2)") now.\n'
              '\n' + "![x](" * 3 + "\n")
    doc = parse_text("links.md", source, "markdown")
    first, second = (b.text for b in doc.blocks)
    assert first.split() == ["See", "the", "page", "and", "now."]
    assert first.index("the page") == source.index("the page")
    assert second == "![x](" * 3


def test_markdown_comments_are_kept_aside():
    doc = parse_text("post.md", MARKDOWN, "markdown")
    assert [c.text for c in doc.comments] == ["a comment with a green apple"]


def test_markdown_multi_line_comment_is_not_checked(pack):
    source = "Intro words.\n\n<!--\ngreen apple\nstill in the comment\n-->\n\nAfter: green apple.\n"
    result = check(source, pack, "markdown")
    assert found(result) == [(8, 8, "green apple")]
    assert "green apple" in parse_text("x.md", source, "markdown").comments[0].text


def test_markdown_yaml_front_matter_metadata():
    doc = parse_text("post.md", MARKDOWN, "markdown")
    assert doc.metadata.get("author") == ["Jane Doe"]
    assert doc.metadata.title == "Orchard report"
    labels = doc.metadata.get("labels")
    for label in ("news", "farming", "apples", "harvest"):
        assert label in labels
    assert doc.front_matter["tags"] == ["apples", "harvest"]


def test_markdown_toml_front_matter_metadata(pack):
    source = ('+++\ntitle = "Ferry tales"\nauthors = ["Sam Lee", "Ana Ruiz"]\n'
              'categories = ["satire"]\ntags = ["boats"]\n+++\n\nA green apple floats.\n')
    doc = parse_text("post.md", source, "markdown")
    assert doc.metadata.get("author") == ["Sam Lee", "Ana Ruiz"]
    assert doc.metadata.title == "Ferry tales"
    assert {"satire", "boats"} <= set(doc.metadata.get("labels"))
    result = check(source, pack, "markdown")
    assert found(result) == [(8, 3, "green apple")]


def test_markdown_key_value_metadata_block():
    # MultiMarkdown / Pelican: "Key: value" lines at the top, up to a blank line
    source = ("Title: Programátorem za rok? Tak určitě!\nDate: 2020-10-20\nAuthor: Jan Novák\n"
              "Summary: Jak jsem se naučil Python\n  za jeden rok.\nAbout: Založil [Toptrika.cz](https://toptrika.cz/).\n\n"
              "Byl jsem podnikatel.\n")
    doc = parse_text("post.md", source, "markdown")
    assert doc.metadata.title == "Programátorem za rok? Tak určitě!"
    assert doc.metadata.get("author") == ["Jan Novák"]
    assert doc.front_matter["summary"] == "Jak jsem se naučil Python za jeden rok."
    assert [b.text for b in doc.blocks] == ["Byl jsem podnikatel."]
    pelican = parse_text("p.md", "Title: Ferries\nDate: 2019-05-01\nAuthors: Ann Lee, Jo Park\nTags: fiction, boats\n\n"
                                 "Text.\n", "markdown")
    assert pelican.metadata.get("author") == ["Ann Lee", "Jo Park"]
    assert {"fiction", "boats"} <= set(pelican.metadata.get("labels"))


@pytest.mark.parametrize("source", [
    "Note: the ferry is late.\nWarning: bring a coat.\n\nText.\n",  # not metadata keys
    "Title: Ferries\n\nText.\n",  # one line: a heading written as a label
    "Title: Ferries\nThe ferry is late today.\n\nText.\n",  # a line that is no key
    "Summary: the app crashes on start.\nStatus: open\nDate: 2021-03-04\n\nSteps to reproduce.\n",  # a bug report
    # a chat answer's title and description lines, and a blank to fill in: the rules must read them
    "Title: Sure! Here is a catchy title for your blog post\nDescription: Ten tips\nKeywords: tips\n\nText.\n",
    "Title: Ferries\nDate: [Insert date]\nAuthor: [Your Name]\n\nText.\n",
])
def test_markdown_key_value_lines_that_are_text(source):
    doc = parse_text("p.md", source, "markdown")
    assert doc.front_matter == {}
    assert doc.blocks[0].text.startswith(source.split("\n")[0][:5])


def test_markdown_front_matter_is_not_body_text(pack):
    source = "---\ntitle: A green apple\nsummary: green apple again\n---\n\nNothing here.\n"
    assert check(source, pack, "markdown").findings == []


def test_markdown_yaml_front_matter_error_is_located(author_pack):
    source = "---\ntitle: x\n\tauthor: tab\n---\n\nText.\n"
    result = check_text(source, author_pack, fmt="markdown")
    (problem,) = [f for f in result.findings if f.rule == "invalid-front-matter"]
    assert problem.line == 3
    assert "front matter" in problem.message


def test_markdown_toml_front_matter_error_is_located(author_pack):
    source = '+++\ntitle = "x"\ntags = ["a", "b"]\ndate = = 2024\nauthor = "Jane Doe"\n+++\n\nText.\n'
    result = check_text(source, author_pack, fmt="markdown")
    (problem,) = [f for f in result.findings if f.rule == "invalid-front-matter"]
    assert problem.line == 4


def test_markdown_crlf(pack):
    source = MARKDOWN.replace("\n", "\r\n")
    result = check(source, pack, "markdown")
    assert_maps_back(source, result, "markdown")
    assert [(f.line, f.column) for f in result.findings] == [pos(MARKDOWN, n) for n, _ in MARKDOWN_HITS]
    assert parse_text("x.md", source, "markdown").metadata.get("author") == ["Jane Doe"]


def test_markdown_match_across_lines(pack):
    source = "Intro.\n\nA long line ending with green\napple and more.\n"
    result = check(source, pack, "markdown")
    (f,) = result.findings
    assert (f.line, f.column, f.end_line, f.end_column, f.text) == (3, 25, 4, 6, "green apple")


def test_markdown_author_key_variants(author_pack):
    for fm in ("author: Jane Doe", "authors: [Jane Doe, Bo Chen]", "author:\n  name: Jane Doe"):
        source = f"---\n{fm}\n---\n\nText.\n"
        result = check_text(source, author_pack, fmt="markdown")
        assert result.findings == [], fm
        assert result.author == "Jane Doe"


def test_markdown_byline_line(author_pack):
    source = "# Title\n\nBy Jane Doe\n\nText of the story.\n"
    result = check_text(source, author_pack, fmt="markdown")
    assert result.findings == []
    assert result.author == "Jane Doe"


# ---------------------------------------------------------------- plain text

TEXT = ("Orchard report\n"
        "\n"
        "By Jane Doe\n"
        "\n"
        "The first paragraph talks about a green apple and\n"
        "a rock & roll band, then a green\n"
        "apple again.\n"
        "\n"
        "Later, purple   rain.\n")


TEXT_HITS = [("green apple and", "green apple"), ("rock & roll", "rock & roll"),
             ("green\napple", "green apple"), ("purple   rain", "purple rain")]


def test_text_positions(pack):
    result = check(TEXT, pack, "text")
    assert_maps_back(TEXT, result, "text")
    assert found(result) == [(*pos(TEXT, needle), text) for needle, text in TEXT_HITS]
    assert [f.line for f in result.findings] == [5, 6, 6, 9]


def test_text_crlf(pack):
    source = TEXT.replace("\n", "\r\n")
    result = check(source, pack, "text")
    assert_maps_back(source, result, "text")
    assert [(f.line, f.column) for f in result.findings] == [pos(TEXT, n) for n, _ in TEXT_HITS]
    assert result.author == "Jane Doe"


@pytest.mark.parametrize("line,name", [
    ("By Jane Doe", "Jane Doe"),
    ("Written by Jane Doe", "Jane Doe"),
    ("Reporting by Jane Doe", "Jane Doe"),
    ("BY JANE DOE", "JANE DOE"),
])
def test_text_byline_lines(author_pack, line, name):
    source = f"Headline of the story\n\n{line}\n\nThe council met on Tuesday.\n"
    doc = parse_text("a.txt", source, "text")
    assert name in doc.metadata.get("author")
    result = check_text(source, author_pack, fmt="text")
    assert result.findings == []
    assert result.author == name


def test_text_sentence_starting_with_by_is_not_a_byline(author_pack):
    source = "Headline\n\nby the end of the week the council had voted.\n"
    result = check_text(source, author_pack, fmt="text")
    assert [f.rule for f in result.findings] == ["no-author"]
    assert result.author is None


def test_text_headline_is_the_title():
    assert parse_text("a.txt", TEXT, "text").metadata.title == "Orchard report"


# ---------------------------------------------------------------- BOM in a str

def test_text_with_bom_in_string(pack):
    # A BOM is not content: columns are those an editor shows (it hides the BOM).
    source = "\ufeffgreen apple starts the file\nand a green apple ends it\n"
    result = check(source, pack, "text")
    assert_maps_back(source[1:], result, "text")
    assert [(f.line, f.column) for f in result.findings] == [(1, 1), (2, 7)]


# Regression: parse_text/check_text used to keep a leading BOM, so front matter
# after it was not read and a BOM-prefixed HTML page was sniffed as plain text.


def test_markdown_with_bom_in_string_reads_front_matter(author_pack):
    source = "\ufeff---\nauthor: Jane Doe\n---\n\nText.\n"
    result = check_text(source, author_pack, fmt="markdown")
    assert result.author == "Jane Doe"
    assert result.findings == []


def test_html_with_bom_in_string_is_sniffed_as_html(pack):
    source = "\ufeff<!DOCTYPE html><html><body><article><p>Body text.</p></article>" \
             "<nav><p>green apple</p></nav></body></html>"
    result = check_text(source, pack)
    assert result.format == "html"
    assert result.findings == []


# ---------------------------------------------------------------- files and encodings

def test_load_document_utf8_bom(tmp_path, pack):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"green apple first\r\nthen a green apple\r\n")
    doc = load_document(str(path))
    assert not doc.source.startswith("\ufeff")
    from contentcheck.engine.check import check_document

    result = check_document(doc, pack)
    assert [(f.line, f.column) for f in result.findings] == [(1, 1), (2, 8)]


def test_load_document_utf8_bom_markdown_front_matter(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(codecs.BOM_UTF8 + b"---\nauthor: Jane Doe\n---\n\nText.\n")
    doc = load_document(str(path))
    assert doc.format == "markdown"
    assert doc.metadata.get("author") == ["Jane Doe"]


@pytest.mark.parametrize("codec,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_load_document_utf16_with_bom(tmp_path, codec, bom):
    path = tmp_path / "wide.md"
    path.write_bytes(bom + "---\nauthor: Zoë Ångström\n---\n\nCafé crème.\n".encode(codec))
    doc = load_document(str(path))
    assert doc.metadata.get("author") == ["Zoë Ångström"]
    assert "Café crème." in doc.body_text


def test_load_document_windows_1252_declared(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes(b'<html><head><meta charset="windows-1252"><title>Old</title></head>'
                     b'<body><article><p>It\x92s a caf\xe9 \x93quote\x94 \x96 fine.</p></article></body></html>')
    doc = load_document(str(path))
    assert "It\u2019s a caf\u00e9 \u201cquote\u201d \u2013 fine." in doc.body_text


def test_load_document_windows_1252_http_equiv(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
                     b'</head><body><article><p>Don\x92t panic.</p></article></body></html>')
    assert "Don\u2019t panic." in load_document(str(path)).body_text


def test_windows_1252_positions(tmp_path, pack):
    path = tmp_path / "old.html"
    data = (b'<html><head><meta charset="windows-1252"></head><body><article>\n'
            b'<p>Caf\xe9 owners don\x92t panic.</p>\n</article></body></html>')
    path.write_bytes(data)
    from contentcheck.engine.check import check_document

    result = check_document(load_document(str(path)), pack)
    assert found(result) == [(2, 16, "don\u2019t panic")]  # "<p>Café owners " is 15 characters


@pytest.mark.parametrize("name,data", [
    ("bad.txt", b"Hello \xff\xfe\xfd world \x81 ok.\n"),
    ("bad.md", b"# Title\n\nHello \xc3\x28 world.\n"),
    ("bad.html", b"<html><body><p>Hello \x81\x8d\x8f\x90\x9d world.</p></body></html>"),
    ("latin.txt", "Caf\u00e9 cr\u00e8me and na\u00efve fa\u00e7ade.\n".encode("latin-1")),
])
def test_undecodable_bytes_never_crash(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    doc = load_document(str(path))
    assert "world" in doc.source or "cr" in doc.source


@pytest.mark.parametrize("name,data", [
    ("nul.txt", b"hello\x00world, this is not text\n"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("image.md", b"\x89PNG\r\n\x1a\nnot really markdown"),
    ("late-nul.txt", b"a" * 9000 + b"\x00"),
])
def test_binary_files_raise_load_error(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError, match="binary"):
        load_document(str(path))


def test_missing_file_raises_load_error(tmp_path):
    with pytest.raises(LoadError):
        load_document(str(tmp_path / "absent.txt"))


def test_format_comes_from_the_suffix(tmp_path):
    for name, fmt in (("a.html", "html"), ("b.htm", "html"), ("c.md", "markdown"),
                      ("d.markdown", "markdown"), ("e.txt", "text")):
        path = tmp_path / name
        path.write_text("Title\n\nText.\n", encoding="utf-8")
        assert load_document(str(path)).format == fmt


# ---------------------------------------------------------------- widgets inside the article

def _page(article: str) -> str:
    return ("<!DOCTYPE html>\n<html><head><title>Harbour</title></head><body>\n<article>\n"
            "<h1>Harbour wall repaired</h1>\n<p>By Jane Doe</p>\n"
            "<p>The harbour wall was repaired over the winter, the port authority said on Monday.</p>\n"
            f"{article}\n</article>\n</body></html>\n")


def _leftovers(source: str) -> list[tuple[int, str]]:
    result = check_text(source, RulePack.load(), fmt="html", name="page.html")
    return [(f.line, f.rule) for f in result.findings if f.category == "template-leftover"]


@pytest.mark.parametrize("widget", [
    # a heading over a list of links, after the article's text: the page's template
    '<h3>Related Articles</h3>\n<ul><li><a href="/a">Ferry timetable changes</a></li>'
    '<li><a href="/b">New lighthouse keeper named</a></li></ul>',
    # teasers whose headlines are links, with a date line each
    '<h2>Popular Stories</h2>\n<h3><a href="/c">Ferry operator adds a second boat for the summer season</a></h3>'
    '<div>Sunday 7 August</div><div><a href="/c">Read Full Article</a></div>'
    '<h3><a href="/d">Fish market reopens after a year of works on the quay</a></h3>'
    '<div>Saturday 6 August</div><div><a href="/d">Read Full Article</a></div>',
])
def test_a_widget_heading_over_links_is_the_page_template_not_a_leftover(widget):
    source = _page(widget)
    assert _leftovers(source) == []
    doc = parse_text("page.html", source, "html")
    heading = next(b for b in doc.blocks if b.text.strip() in ("Related Articles", "Popular Stories"))
    assert heading.zone == "chrome"


def test_a_widget_heading_in_the_article_flow_is_still_a_leftover():
    source = _page("<h3>You May Also Like</h3>\n<p>Work on the breakwater starts in spring and will take two "
                   "years, the authority added.</p>")
    assert _leftovers(source) == [(7, "related-content-widget")]
    source = _page('<p><strong>MUST-READ:</strong> <a href="/e">Ferry timetable changes</a></p>\n'
                   "<p>Work on the breakwater starts in spring, the authority added.</p>")
    assert _leftovers(source) == [(7, "related-content-widget")]


def test_a_short_paragraph_followed_by_the_article_text_is_not_taken_for_a_label():
    source = _page("<p>No results found.</p>\n<p>Work on the breakwater starts in spring and will take two "
                   "years, the authority added.</p>\n<footer><a href='/'>Home</a><a href='/b'>About</a></footer>")
    assert _leftovers(source) == [(7, "empty-state-text")]


def test_screen_only_marks_are_not_part_of_the_paragraph():
    # MediaWiki marks "[citation needed]" and edit links noprint: not the article's words.
    source = _page('<p>The wall is the oldest in the county.<sup class="noprint Inline-Template">'
                   "[<i>citation needed</i>]</sup> It was built in 1820.</p>")
    doc = parse_text("page.html", source, "html")
    paragraph = next(b for b in doc.blocks if "oldest" in b.text)
    assert paragraph.text == "The wall is the oldest in the county. It was built in 1820."
    assert _leftovers(source) == []
    assert_maps_back(source, check_text(source, RulePack.load(), fmt="html", name="page.html"), "html")


@pytest.mark.parametrize("closing", [
    # a label over the share links, the last thing in the article
    '<p>Share this:</p>\n<p><a href="/s/fb">Facebook</a> <a href="/s/wa">WhatsApp</a> <a href="/s/m">Email</a></p>',
    # a heading over a comment form, which has no text of its own
    "<h3>Leave a Reply</h3>\n<form><textarea name='c'></textarea></form>",
])
def test_a_label_that_closes_the_article_over_a_widget_is_the_page_template(closing):
    source = _page(closing).replace("</article>", "</article>\n<aside><h2>Archives</h2><ul>"
                                    "<li><a href='/2024/08/'>August 2024</a></li></ul></aside>")
    assert _leftovers(source) == []
    doc = parse_text("page.html", source, "html")
    block = next(b for b in doc.blocks if b.text.strip() in ("Share this:", "Leave a Reply"))
    assert block.zone == "chrome"
    # a line of text that closes the article is the article's, whatever follows the article
    source = _page("<p>Scroll on for more from our newsroom</p>").replace(
        "</article>", "</article>\n<aside><ul><li><a href='/a'>Ferry times</a></li>"
        "<li><a href='/b'>Fish market</a></li></ul></aside>")
    doc = parse_text("page.html", source, "html")
    assert next(b for b in doc.blocks if b.text.startswith("Scroll on")).zone == "body"
