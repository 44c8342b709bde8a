"""The rule pack cache: the same rules as a parse, a new parse whenever a rule file changes, and
never an error when the cache folder cannot be used."""

from __future__ import annotations

import os

import pytest

from contentcheck.rulepack import PackSpec, RulePackError, rulefile
from contentcheck.rulepack import cache as pack_cache
from tests.conftest import write_rules

RULES = """
rules:
  - id: house-plug
    category: template-leftover
    message: House newsletter plug
    kind: phrase
    phrases: ["{phrase}"]
"""


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(pack_cache.ENV_VAR, str(folder))
    return folder


def entries(folder):
    return sorted(folder.glob(f"{pack_cache.PREFIX}*{pack_cache.SUFFIX}")) if folder.exists() else []


def no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the rule files were parsed; the cache should have answered")

    monkeypatch.setattr(rulefile, "read_rule_file", refuse)


def spec_for(path, **kwargs):
    return PackSpec.from_paths([str(path)], use_default=False, **kwargs)


def test_a_second_load_reads_the_cache_and_gives_the_same_rules(tmp_path, cache_folder, monkeypatch):
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    parsed = spec_for(path).parse()
    assert len(entries(cache_folder)) == 1
    no_parsing(monkeypatch)
    cached = spec_for(path).parse()
    assert [r.to_dict() for r in cached] == [r.to_dict() for r in parsed]
    assert [(r.source, r.line) for r in cached] == [(r.source, r.line) for r in parsed]


def test_the_default_pack_from_the_cache_finds_what_a_parsed_one_finds(cache_folder, monkeypatch):
    from contentcheck.api import check_text

    text = "As an AI language model, I cannot browse the internet.\n\nThe council met on Tuesday."
    parsed = PackSpec.from_paths(None).build()
    no_parsing(monkeypatch)
    cached = PackSpec.from_paths(None).build()
    assert [r.id for r in cached.rules] == [r.id for r in parsed.rules]
    first = check_text(text, parsed, fmt="text")
    second = check_text(text, cached, fmt="text")
    assert [f.rule for f in second.findings] == [f.rule for f in first.findings]
    assert "chat-ai-self-reference" in {f.rule for f in first.findings}


def test_a_changed_rule_file_is_parsed_again(tmp_path, cache_folder):
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    assert spec_for(path).parse()[0].params["phrases"] == ("sign up for our newsletter",)
    path.write_text(RULES.format(phrase="subscribe to our podcast"), encoding="utf-8")
    assert spec_for(path).parse()[0].params["phrases"] == ("subscribe to our podcast",)
    assert len(entries(cache_folder)) == 2


def test_the_same_rules_at_another_path_keep_their_own_path(tmp_path, cache_folder):
    one = write_rules(tmp_path / "one", RULES.format(phrase="sign up for our newsletter"))
    two = write_rules(tmp_path / "two", RULES.format(phrase="sign up for our newsletter"))
    assert spec_for(one).parse()[0].source == str(one)
    assert spec_for(two).parse()[0].source == str(two)


def test_selections_are_part_of_the_key(tmp_path, cache_folder):
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    assert [r.id for r in spec_for(path).parse()] == ["house-plug"]
    assert spec_for(path, ignore=["house-plug"]).parse() == []


def test_a_changed_module_of_contentcheck_is_a_new_key(tmp_path, cache_folder, monkeypatch):
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    before = pack_cache.entry_key(spec_for(path))
    stamps = pack_cache._code_stamp()
    monkeypatch.setattr(pack_cache, "_code_stamp", lambda: stamps[:-1] + [(stamps[-1][0], 0, 0)])
    assert pack_cache.entry_key(spec_for(path)) != before


def test_a_rule_file_with_a_problem_is_never_cached(tmp_path, cache_folder):
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter").replace("kind: phrase", "kind: nope"))
    for _ in range(2):  # reported every time
        with pytest.raises(RulePackError):
            spec_for(path).parse()
    assert entries(cache_folder) == []


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(pack_cache.ENV_VAR, str(blocker / "cache"))  # cannot be made, even by root
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    for _ in range(2):
        assert [r.id for r in spec_for(path).parse()] == ["house-plug"]


def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path, cache_folder, monkeypatch):
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    spec_for(path).parse()
    (entry,) = entries(cache_folder)
    entry.write_bytes(b"\x80\x05 not a pickle")
    assert [r.id for r in spec_for(path).parse()] == ["house-plug"]
    no_parsing(monkeypatch)
    assert spec_for(path).parse()[0].params["phrases"] == ("sign up for our newsletter",)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_could_have_written_is_not_read(tmp_path, cache_folder, monkeypatch):
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    spec_for(path).parse()
    (entry,) = entries(cache_folder)
    entry.chmod(0o666)
    calls = []
    real = rulefile.read_rule_file
    monkeypatch.setattr(rulefile, "read_rule_file", lambda *a, **k: calls.append(a) or real(*a, **k))
    spec_for(path).parse()
    assert calls


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(pack_cache.ENV_VAR, "")
    monkeypatch.chdir(tmp_path)
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    assert pack_cache.cache_dir() is None
    spec_for(path).parse()
    assert not any(p.name.startswith(pack_cache.PREFIX) for p in tmp_path.rglob("*"))


def test_old_entries_are_dropped(tmp_path, cache_folder, monkeypatch):
    monkeypatch.setattr(pack_cache, "KEEP", 2)
    path = write_rules(tmp_path, RULES.format(phrase="sign up for our newsletter"))
    for phrase in ("one phrase", "two phrases", "three phrases"):
        path.write_text(RULES.format(phrase=phrase), encoding="utf-8")
        spec_for(path).parse()
    assert len(entries(cache_folder)) == 2
