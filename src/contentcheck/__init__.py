"""contentcheck: check articles for fiction disclaimers, missing authors,
template leftovers and unattributed claims, from a YAML rule pack."""

from ._version import __version__

__all__ = ["__version__", "RulePack", "check_text", "check_paths", "load_document", "Finding",
           "DocumentResult"]


def __getattr__(name):
    # Imported on first use, so `contentcheck --version` and the CLI start fast.
    if name in ("check_text", "check_paths"):
        from . import api

        return getattr(api, name)
    if name == "RulePack":
        from .rulepack import RulePack

        return RulePack
    if name == "load_document":
        from .loaders import load_document

        return load_document
    if name in ("Finding", "DocumentResult"):
        from . import results

        return getattr(results, name)
    raise AttributeError(name)
