"""The rule pack: rule files read and validated, merged, selected and compiled, and the check kinds
that run them."""

from .pack import PackSpec, RulePack
from .rule import Rule, RuleError, RulePackError

__all__ = ["PackSpec", "Rule", "RuleError", "RulePack", "RulePackError"]
