"""The document score: 100 when nothing is found, lower for each finding.

    score = 100 x product over findings of (1 - min(1, SEVERITY_COST[severity] x weight))

rounded to one decimal. Each finding takes a share of what is left, so the
score never drops below 0, the first problems cost the most, and one error
(25 %) weighs as much as two or three warnings (10 % each). Info findings
cost 2 %. ``weight`` is the rule's weight (default 1).
"""

from __future__ import annotations

SEVERITY_COST = {"error": 0.25, "warning": 0.10, "info": 0.02}


def score(findings, weights: dict[str, float] | None = None) -> float:
    value = 1.0
    for f in findings:
        w = (weights or {}).get(f.rule, 1.0)
        value *= 1.0 - min(1.0, SEVERITY_COST.get(f.severity, 0.0) * w)
    return round(100.0 * value, 1)
