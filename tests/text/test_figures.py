"""text/figures.py: the figures found from the literal parts of the expressions are those of their plain finditer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from contentcheck.text import figures as F


def plain(low: str) -> list[tuple[int, int]]:
    """What the expressions find tried at every character (what figures() must give)."""
    out = []
    for pattern in (F.MONEY, F.NUMBER):
        for m in pattern.finditer(low):
            i = m.start()
            if i > 0 and (low[i - 1].isalnum() or low[i - 1] in "._"):
                continue
            out.append((i, m.end()))
    for m in F.SINCE.finditer(low):
        verb = F.CHANGE_VERB.search(low, max(0, m.start() - 48), m.start())
        if verb:
            out.append((verb.start(), m.end()))
    return out


PIECES = ["1", "12", "2019", "1,000", "3.5", "١٢", ".", ",", " ", "  ", "\n", "\xa0", "%", "percent", "per cent",
          "percentage point", "percentage points", "s", "dollars", "euros", "yen", "million ", "billion", "per",
          "per year", "per capita", "per 1,000", "a", "each", "every", "household", "the", "rate", "supercalifragilistic",
          "x", "_", "$", "€", "£", "¥", "bn", "m", "since 2020", "since last year", "since ", "over the past two years",
          "over the last decade", "year on year", "year-on-year", "year over year", "year", "rose", "fell", "grew",
          "prices ", "-", "(", "experts", "paper"]


@pytest.mark.parametrize("seed", range(4))
def test_figures_are_those_of_the_plain_expressions(seed):
    rng = random.Random(seed)
    found = 0
    for _ in range(4000):
        low = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        expected = plain(low)
        assert list(F.figures(low)) == expected, low
        found += bool(expected)
    assert found > 400


def test_figures_on_written_articles():
    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8", errors="replace").lower()
             for p in sorted(root.glob("eval*/docs/*")) + sorted((root.parent / "samples").glob("*"))]
    texts += ["1" * 5000, "1 " * 3000 + "per year", "$" + "1" * 3000, "since " * 2000, ("a " * 200) + "5 a b per year",
              "5 " + "x" * 300 + " per year", "5 " + "word " * 100 + "per capita"]
    for low in texts:
        assert list(F.figures(low)) == plain(low)
