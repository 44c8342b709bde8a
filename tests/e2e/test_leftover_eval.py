"""scripts/evaluate.py scores chat leftovers per family and per language on any labelled folder."""

from __future__ import annotations

from .test_eval import _evaluate


def test_labelled_folder_scored_per_family_and_language(tmp_path, capsys):
    docs = {
        "refusal.txt": ("I'm sorry, but I cannot fulfill this request.\n", "yes", "apology-inability,refusal", "en"),
        "preamble.txt": ("Sure! Here's an article about the bridge:\n\nThe bridge opened.\n", "yes", "preamble", "en"),
        "missed.txt": ("The bridge opened on Monday, and the mayor cut a ribbon.\n", "yes", "postscript", "en"),
        "clean.txt": ("“I cannot comment,” the spokesperson said.\n", "no", "none", "en"),
        "zh.txt": ("桥梁于周一开通。\n", "no", "none", "zh"),
    }
    rows = ["file\tleftover\tkinds\tlanguage"]
    for name, (text, leftover, kinds, lang) in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        rows.append(f"{name}\t{leftover}\t{kinds}\t{lang}")
    (tmp_path / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    code = _evaluate().main(["--labelled", str(tmp_path), "--leftovers-only", "--check"])
    out = capsys.readouterr().out
    assert code == 1  # recall 2/3 misses the target
    assert "precision 1.000, recall 0.667 (TP 2, FP 0, FN 1)" in out
    assert "| refusal | 1 | 1 | 1 | 1 | 1.000 | 1.000 |" in out
    assert "| postscript | 1 | 0 | 0 | 0 | 1.000 | 0.000 |" in out
    assert "| zh | 1 | 1.000 | 1.000 |" in out and "| en | 4 | 1.000 | 0.667 |" in out
    assert "MISS  missed.txt  (postscript)" in out


def test_every_chat_rule_of_the_default_pack_is_scored_in_a_family():
    # A rule the script cannot place is never counted: its findings would vanish from recall.
    import sys
    from pathlib import Path

    from contentcheck.rulepack import RulePack

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from leftover_eval import family_of

    chat = [r.id for r in RulePack.load().rules if r.id.startswith("chat-") or r.id.startswith("placeholder-text")]
    assert len(chat) > 100
    assert [rule for rule in chat if family_of(rule) is None] == []


def test_a_labelled_file_that_is_missing_stops_the_run_instead_of_counting_as_a_miss(tmp_path):
    import pytest

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("I'm sorry, but I cannot fulfill this request.\n", encoding="utf-8")
    # the path written relative to docs/, not to the folder: every document would be a miss
    (tmp_path / "labels.tsv").write_text("file\tleftover\tkinds\na.txt\tyes\trefusal\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        _evaluate().main(["--labelled", str(tmp_path), "--leftovers-only"])
    assert "1 listed file(s) not found (first: a.txt)" in str(stop.value)
