"""A long text is scanned in pieces: the matches must be those of one pass, each once, in order."""

import random

import ahocorasick
import pytest

from contentcheck.text import automata


def _automaton(words):
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


WORDS = ["a", "ab", "abc", "bca", "cab", "abcabcab", "cc"]


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 8, 50])
def test_pieces_find_what_one_pass_finds(monkeypatch, piece):
    rng = random.Random(piece)
    text = "".join(rng.choice("abc ") for _ in range(400))
    automaton = _automaton(WORDS)
    one_pass = list(automaton.iter(text))
    monkeypatch.setattr(automata, "PIECE", piece)
    assert list(automata.iter_matches(automaton, text)) == one_pass
    # A part of the text: only what lies wholly inside it.
    assert list(automata.iter_matches(automaton, text, 33, 301)) == list(automaton.iter(text, 33, 301))


def test_a_match_across_a_piece_boundary_is_found_once(monkeypatch):
    monkeypatch.setattr(automata, "PIECE", 4)
    automaton = _automaton(["abcabcab"])
    text = "xx abcabcab yy"
    assert list(automata.iter_matches(automaton, text)) == [(10, "abcabcab")]


def test_an_empty_automaton_finds_nothing(monkeypatch):
    monkeypatch.setattr(automata, "PIECE", 4)
    automaton = ahocorasick.Automaton()
    automaton.make_automaton()
    assert list(automata.iter_matches(automaton, "some text here")) == []


def test_an_end_past_the_text_is_the_text_end():
    automaton = _automaton(["a"])
    assert list(automata.iter_matches(automaton, "a  ", 2, 6)) == []
    assert list(automata.iter_matches(automaton, "ba a", 0, 99)) == [(1, "a"), (3, "a")]
