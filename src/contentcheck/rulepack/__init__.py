"""The rule pack: rule files read and validated, merged, selected and compiled, and the check kinds
that run them."""

from .pack import SCOPES, SEVERITIES, PackSpec, Rule, RuleError, RulePack, RulePackError

__all__ = ["SCOPES", "SEVERITIES", "PackSpec", "Rule", "RuleError", "RulePack", "RulePackError"]
