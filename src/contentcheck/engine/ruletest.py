"""``contentcheck rules test``: every rule's examples, run through the real engine."""

from __future__ import annotations

from dataclasses import replace

from ..rulepack import RulePack
from .check import check_text


def run_examples(pack: RulePack, rules: list | None = None) -> tuple[list[str], int]:
    """Return (failure messages, number of examples run) for ``rules`` (default: all of the pack's)."""
    failures: list[str] = []
    total = 0
    for rule in pack.all_rules if rules is None else rules:
        if not rule.examples:
            continue
        single = RulePack([replace(rule, enabled=True)])
        for expect, examples in (("match", rule.examples.get("match", ())),
                                 ("no_match", rule.examples.get("no_match", ()))):
            for example in examples:
                total += 1
                if rule.kind == "repeated":
                    findings = [f for r in check_pages(example, single, f"{rule.id} example") for f in r.findings]
                else:
                    findings = check_text(example, single, name=f"{rule.id} example").findings
                fired = [f for f in findings if f.rule == rule.id]
                if expect == "match" and not fired:
                    failures.append(f"FAIL {rule.id} ({rule.source}:{rule.line}): should match but did not:"
                                    f"\n    {_short(example)}")
                elif expect == "no_match" and fired:
                    failures.append(f"FAIL {rule.id} ({rule.source}:{rule.line}): should not match but did "
                                    f"at {fired[0].line}:{fired[0].column} {fired[0].text!r}:\n    {_short(example)}")
    return failures, total


# Examples of `kind: repeated` rules are pages of one site, separated by this line.
PAGE_BREAK = "\n=== next page ===\n"


def check_pages(example: str, pack: RulePack, name: str) -> list:
    """The results of the pages of one example, after the second pass of ``check --sites``."""
    from ..loaders import parse_text, sniff_format
    from .check import check_document
    from .repeated import BlockCounts, decide

    counts = BlockCounts()
    results = []
    for i, page in enumerate(example.split(PAGE_BREAK), 1):
        doc = parse_text(f"{name} page {i}", page, sniff_format(page))
        doc.site, doc.collect_blocks = "example.test", True
        results.append(check_document(doc, pack))
        counts.add(results[-1])
    return [decide(r, counts, pack) for r in results]


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= 160 else one[:157] + "..."
