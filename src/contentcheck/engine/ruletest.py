"""``contentcheck rules test``: every rule's examples, run through the real engine."""

from __future__ import annotations

from dataclasses import replace

from ..rulepack import RulePack
from .check import check_text


def run_examples(pack: RulePack) -> tuple[list[str], int]:
    """Return (failure messages, number of examples run)."""
    failures: list[str] = []
    total = 0
    for rule in pack.all_rules:
        if not rule.examples:
            continue
        single = RulePack([replace(rule, enabled=True)])
        for expect, examples in (("match", rule.examples.get("match", ())),
                                 ("no_match", rule.examples.get("no_match", ()))):
            for example in examples:
                total += 1
                result = check_text(example, single, name=f"{rule.id} example")
                fired = [f for f in result.findings if f.rule == rule.id]
                if expect == "match" and not fired:
                    failures.append(f"FAIL {rule.id} ({rule.source}:{rule.line}): should match but did not:"
                                    f"\n    {_short(example)}")
                elif expect == "no_match" and fired:
                    failures.append(f"FAIL {rule.id} ({rule.source}:{rule.line}): should not match but did "
                                    f"at {fired[0].line}:{fired[0].column} {fired[0].text!r}:\n    {_short(example)}")
    return failures, total


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= 160 else one[:157] + "..."
