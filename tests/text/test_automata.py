"""The automaton finds every entry, overlapping ones included, in the order of their ends; a long
text is scanned in pieces: the matches must be those of one pass, each once, in order."""

import random

import pytest

from contentcheck.text import automata
from contentcheck.text.automata import Automaton


def _automaton(words):
    return Automaton({word: word for word in words})


def _every_match(words, text, start=0, end=None):
    """What one pass finds, worked out the slow way: every entry ending at each position, the longest first."""
    end = len(text) if end is None else end
    return [(last, word) for last in range(start, end)
            for word in sorted(words, key=len, reverse=True)
            if last + 1 - len(word) >= start and text[last + 1 - len(word):last + 1] == word]


WORDS = ["a", "ab", "abc", "bca", "cab", "abcabcab", "cc"]


def test_every_entry_is_found_where_it_ends_overlaps_included():
    text = "xx abcabcab cc"
    assert list(automata.iter_matches(_automaton(WORDS), text)) == _every_match(WORDS, text)


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 8, 50])
def test_pieces_find_what_one_pass_finds(monkeypatch, piece):
    rng = random.Random(piece)
    text = "".join(rng.choice("abc ") for _ in range(400))
    automaton = _automaton(WORDS)
    one_pass = list(automata.iter_matches(automaton, text))
    assert one_pass == _every_match(WORDS, text)
    monkeypatch.setattr(automata, "PIECE", piece)
    assert list(automata.iter_matches(automaton, text)) == one_pass
    # A part of the text: only what lies wholly inside it.
    assert list(automata.iter_matches(automaton, text, 33, 301)) == _every_match(WORDS, text, 33, 301)


def test_a_match_across_a_piece_boundary_is_found_once(monkeypatch):
    monkeypatch.setattr(automata, "PIECE", 4)
    automaton = _automaton(["abcabcab"])
    text = "xx abcabcab yy"
    assert list(automata.iter_matches(automaton, text)) == [(10, "abcabcab")]


def test_an_empty_automaton_finds_nothing(monkeypatch):
    monkeypatch.setattr(automata, "PIECE", 4)
    assert list(automata.iter_matches(Automaton({}), "some text here")) == []
    assert list(automata.iter_matches(Automaton({"": 1}), "some text here")) == []


def test_an_end_past_the_text_is_the_text_end():
    automaton = _automaton(["a"])
    assert list(automata.iter_matches(automaton, "a  ", 2, 6)) == []
    assert list(automata.iter_matches(automaton, "ba a", 0, 99)) == [(1, "a"), (3, "a")]


def test_positions_are_characters_in_any_script():
    automaton = _automaton(["模型", "ai", "é"])
    text = "作为AI语言模型, é \U0001F600 ai"
    assert list(automata.iter_matches(automaton, text)) == _every_match(["模型", "ai", "é"], text)


def test_a_lone_surrogate_is_read_as_one_character():
    # UTF-8 cannot hold it: the text is read with a replacement character in its place, offsets unchanged.
    automaton = _automaton(["ab"])
    assert list(automata.iter_matches(automaton, "x\ud800ab ab")) == [(3, "ab"), (6, "ab")]


def test_an_automaton_survives_pickling():
    # A rule pack is pickled for workers that are spawned, not forked (macOS, Windows).
    import pickle

    automaton = pickle.loads(pickle.dumps(_automaton(WORDS)))
    text = "xx abcabcab cc"
    assert list(automata.iter_matches(automaton, text)) == _every_match(WORDS, text)
    assert list(automata.iter_matches(pickle.loads(pickle.dumps(Automaton({}))), text)) == []
