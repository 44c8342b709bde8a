"""Measuring like an editor: scripts/sample_findings.py draws findings for judges, and
scripts/evaluate.py turns their labels into precision with a Wilson interval."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# ../shared beside the project (as in CI); CONTENTCHECK_SHARED names another place.
CORPUS = Path(os.environ.get("CONTENTCHECK_SHARED") or ROOT.parent / "shared") / "corpus"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ARTICLES = {
    "text/a/library.txt": "Library to close\n\nExperts say the closure will cost the town dearly.\n\n"
                          "The council met on Tuesday.\n\n"
                          "“This will ruin the whole town for years to come.”\n",
    "text/a/rents.txt": "Rents\n\nThe housing office opened in May.\n\nRents have risen 47 percent since last year.\n\n"
                        "The mayor reportedly plans to run again.\n",
    "text/b/other.txt": "Elsewhere\n\nExperts say this one is not in the folders drawn from.\n",
}


@pytest.fixture()
def corpus(tmp_path):
    lines = ["path\tsource_repo\tsource_path\tlicence\tformat\tknown_author\tnotes"]
    for rel, text in ARTICLES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
        lines.append(f"{rel}\tx/y\t{rel}\tMIT\ttext\t\tauthor=unknown")
    (tmp_path / "MANIFEST.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_a_seeded_sample_with_context_and_a_sheet_without_the_rules(corpus, tmp_path):
    sample = _script("sample_findings")
    out = tmp_path / "judging"
    assert sample.main(["--corpus", str(corpus), "--out", str(out), "--folders", "text/a/", "--info", "1",
                        "--enable", "unsourced-quote"]) == 0
    items = [json.loads(line) for line in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    # one per rule at info (--info 1), from text/a only
    assert sorted(i["rule"] for i in items) == ["anonymous-source", "unsourced-quote", "unsourced-statistic",
                                                "weasel-attribution"]
    assert all(i["file"].startswith("text/a/") for i in items)
    quote = next(i for i in items if i["rule"] == "unsourced-quote")
    assert quote["context"]["paragraph"] == "“This will ruin the whole town for years to come.”"
    assert quote["context"]["before"] == ["Experts say the closure will cost the town dearly.",
                                          "The council met on Tuesday."]
    assert quote["line"] == 7 and quote["message"]
    sheet = (out / "sheet.md").read_text(encoding="utf-8")
    assert all(f"## {i['id']}" in sheet for i in items)
    assert "kind:" not in sheet and "detect" not in sheet  # none of the rules' logic
    # the same seed draws the same sample
    again = tmp_path / "again"
    sample.main(["--corpus", str(corpus), "--out", str(again), "--folders", "text/a/", "--info", "1",
                 "--enable", "unsourced-quote"])
    assert (again / "items.jsonl").read_text(encoding="utf-8") == (out / "items.jsonl").read_text(encoding="utf-8")


def test_precision_per_rule_with_its_wilson_interval(tmp_path, capsys):
    evaluate = _script("evaluate")
    items = [{"id": f"x{i}", "rule": "weasel-attribution" if i < 10 else "unsourced-quote"} for i in range(14)]
    labels = [{"id": f"x{i}", "label": "right" if i < 9 or i == 13 else "wrong"} for i in range(14)]
    (tmp_path / "items.jsonl").write_text("\n".join(map(json.dumps, items)) + "\n")
    (tmp_path / "labels.jsonl").write_text("\n".join(map(json.dumps, labels)) + "\n")
    assert evaluate.precision_from_labels(str(tmp_path)) == {"unsourced-quote": (1, 4), "weasel-attribution": (9, 10)}
    low, high = evaluate.wilson(9, 10)
    assert round(low, 3) == 0.596 and round(high, 3) == 0.982
    assert evaluate.wilson(0, 0) == (0.0, 1.0)
    evaluate.main(["--quiet", "--labels", str(tmp_path)])
    assert "| weasel-attribution | 9 of 10 | 0.90 | 0.60 - 0.98 |" in capsys.readouterr().out


@pytest.mark.parametrize("known, found, same", [
    ("By Brenda  Goodman, MA\\n   WebMD Health News", "Brenda Goodman, MA", True),
    ("Tim O'Reilly", "timoreilly", True),
    ("JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL", "JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL", True),
    ("Larry Fitzmaurice", "Condé Nast", False),
])
def test_author_names_compared_as_a_reader_would(known, found, same):
    evaluate = _script("evaluate")
    assert evaluate.same_author(evaluate.unescape(known), found) is same


@pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").exists(), reason="the shared corpus is not here")
def test_polnear_attributed_statements_are_read_from_the_annotation():
    evaluate = _script("evaluate")
    texts = {p.name: [] for p in (CORPUS / "text" / "polnear").glob("*.txt")}
    flagged, statements = evaluate.polnear_flagged(str(CORPUS), texts)
    assert flagged == 0 and statements > 900
