"""The library API: load a rule pack once, check text, paths or inputs, get results.

    from contentcheck import RulePack, check_text, check_paths
    pack = RulePack.load()
    result = check_text("As an AI language model, ...", pack, fmt="text")
    for doc in check_paths(["articles/"], pack, jobs=2):
        print(doc.path, doc.score, len(doc.findings))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from .engine.check import check_input, check_text
from .inputs.discover import Input, iter_inputs
from .loaders import DEFAULT_MAX_FILE_SIZE
from .results import DocumentResult
from .rulepack import RulePack
from .scale.local import check_inputs

if TYPE_CHECKING:
    from .scale.cache import ResultCache

__all__ = ["RulePack", "check_text", "check_paths", "check_inputs", "check_input", "iter_inputs", "Input"]


def check_paths(paths: Iterable[str], pack: RulePack, *, jobs: int | None = None,
                max_size: int = DEFAULT_MAX_FILE_SIZE, exclude: tuple[str, ...] = (),
                follow_symlinks: bool = False, cache: ResultCache | None = None) -> Iterator[DocumentResult]:
    """Check files, folders and WARC archives; results come in input order whatever ``jobs``.

    Folders are walked as ``contentcheck check`` walks them. To check inputs
    made some other way (``iter_inputs``, WARC records), use ``check_inputs``.
    """
    items = iter_inputs([str(p) for p in paths], exclude=exclude, follow_symlinks=follow_symlinks)
    return check_inputs(items, pack, jobs=jobs, max_size=max_size, cache=cache)
