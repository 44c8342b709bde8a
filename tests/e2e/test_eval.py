"""Detection quality stays at its targets on the labelled set (scripts/evaluate.py --check)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _evaluate():
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "scripts" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labelled_set_meets_the_targets(capsys):
    """F1 >= 0.90 and precision >= 0.90 in every category of tests/eval."""
    assert _evaluate().main(["--check", "--quiet"]) == 0, capsys.readouterr().out


def test_holdout_sets_stay_above_the_targets(capsys):
    evaluate = _evaluate()
    for folder in ("eval-holdout", "eval-unseen"):
        assert evaluate.main(["--check", "--quiet", "--eval-dir", str(ROOT / "tests" / folder)]) == 0, \
            capsys.readouterr().out
