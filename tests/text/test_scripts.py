import random

from contentcheck.document import Block, ScopeText
from contentcheck.text.normalize import lower_same_length
from contentcheck.text.scripts import CharProbe, high_bytes, script_of


def test_high_bytes_are_those_of_the_characters_above_latin_1():
    assert high_bytes("plain text") == frozenset()
    assert high_bytes("“quoted” — café") == {0x20}
    assert high_bytes("мир 世界") == {0x04, 0x4E, 0x75}
    assert high_bytes("emoji \U0001F600") == {0xD8, 0xDE}  # a surrogate pair
    assert high_bytes("bad \udcff byte") == {0xDC}


def test_a_probe_finds_its_characters_and_only_them():
    probe = CharProbe({"я", "世"})
    assert probe.search("это я")
    assert probe.search("hello 世界")
    assert not probe.search("“Latin” text — with dashes, café")
    assert not probe.search("мир")  # a Cyrillic text without the letter: the expression decides
    assert not CharProbe(set()).search("anything")
    assert CharProbe({"#"}).search("### human:")  # an ASCII character: every text may hold one
    assert CharProbe({"é"}).search("café", frozenset())
    assert CharProbe({"\U0001F600"}).search("emoji \U0001F600")


def test_a_probe_reads_the_lead_bytes_it_is_given():
    probe = CharProbe({"я"})
    text = "это я"
    assert probe.search(text, high_bytes(text))
    assert not probe.search(text, frozenset({0x20}))  # told the text holds no Cyrillic


def test_lone_surrogates_do_not_break_a_probe():
    assert not CharProbe({"я"}).search("bad \udcff byte")


def test_script_of_a_word():
    assert script_of("according to") == ("latin", None)
    assert script_of("je suis désolé") == ("latin", None)
    assert script_of("作为ai") == ("cjk", "作")
    assert script_of("ai языковая") == ("cyrillic", "я")


def test_a_scope_lower_cased_block_by_block_is_its_text_lower_cased():
    # Final sigma depends on what surrounds it, İ lower-cases to two characters: block by block
    # must give what the whole text gives, for every scope sharing the blocks.
    pieces = ["Σ", "ΑΣ", "'", "A", "a", " ", "İ", "ß", "\u0345", "Ω", ".", "\u00b7", "ǅ", "\u0307", "\n"]
    rng = random.Random(7)
    for _ in range(3000):
        blocks = [Block("body", "p", "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))), [])
                  for _ in range(rng.randint(1, 4))]
        shared: dict[int, str] = {}
        for scope in (blocks, blocks[1:], blocks[:-1]):
            st = ScopeText(scope, shared)
            assert st.lower == lower_same_length(st.text)
