"""The default pack: every rule documented and tested by examples, every kind resolvable."""

from __future__ import annotations

import pytest

from contentcheck.engine.ruletest import run_examples
from contentcheck.rulepack import RulePack
from contentcheck.rulepack.kinds.registry import KINDS

PACK = RulePack.load()
CATEGORIES = {"fiction-disclaimer", "missing-author", "template-leftover", "unattributed-claim"}


def test_pack_covers_the_four_categories_with_at_least_eight_rules():
    assert len(PACK.all_rules) >= 8
    assert {r.category for r in PACK.all_rules} == CATEGORIES


@pytest.mark.parametrize("rule", PACK.all_rules, ids=lambda r: r.id)
def test_every_rule_has_a_description_and_two_examples_each_way(rule):
    assert rule.kind in KINDS
    assert rule.description.strip(), f"{rule.id} has no description"
    assert len(rule.examples.get("match", ())) >= 2, f"{rule.id} needs two 'match' examples"
    assert len(rule.examples.get("no_match", ())) >= 2, f"{rule.id} needs two 'no_match' examples"


def test_every_example_of_the_default_pack_passes():
    failures, total = run_examples(PACK)
    assert total >= 4 * len(PACK.all_rules)
    assert failures == []
