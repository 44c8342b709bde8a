"""YAML for files contentcheck did not write: safe types only, bounded size.

``yaml.safe_load`` already refuses Python tags; on top of it this loader
refuses documents that use many aliases (a "billion laughs" file expands
exponentially in whatever walks it) and keeps node marks for messages.
"""

from __future__ import annotations

import re

import yaml

MAX_ALIASES = 100
# Values (scalars, lists, mappings) written in one file: a rule pack of 30,000 rules with
# 200,000 phrases holds about a million; the files' size limit (atomic.READ_LIMITS) comes first.
MAX_NODES = 5_000_000
# Values that aliases may add once expanded: a real file reuses a few anchors; a "billion
# laughs" file adds billions.
MAX_EXPANSION = 1_000_000


class YamlError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._nodes = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise YamlError(f"more than {MAX_ALIASES} YAML aliases; refusing to expand them "
                                "(write the values out)", mark.line + 1, mark.column + 1)
        else:
            self._nodes += 1
            if self._nodes > MAX_NODES:
                mark = self.peek_event().start_mark
                raise YamlError(_too_many_values(), mark.line + 1, mark.column + 1)
        return super().compose_node(parent, index)


# libyaml's parser is ten times faster than PyYAML's own; both keep marks.
_FAST = getattr(yaml, "CSafeLoader", None)
# Something that may be an alias (*name) where YAML allows one; regular
# expressions ("\\s*", "]*") do not look like this.
_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[\w-]", re.MULTILINE)


def compose(text: str) -> yaml.Node | None:
    """Parse to a node tree (with line/column marks) or raise YamlError.

    Text with no alias goes to libyaml (it cannot count aliases while it
    composes, and without one there is nothing to count); the rest to the
    bounded pure-Python loader. Either way the expanded size is checked.
    """
    fast = _FAST is not None and not _ALIAS.search(text)
    try:
        loader = _FAST(text) if fast else _BoundedLoader(text)
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        written = loader._nodes if not fast else None
        limit = MAX_NODES + (MAX_EXPANSION if written else 0)
        size = expanded_size(node, limit)
        if fast and size > MAX_NODES:
            raise YamlError(_too_many_values(), 1, 1)
        if written and size > written + MAX_EXPANSION:
            raise YamlError(f"YAML aliases expand to more than {MAX_EXPANSION:,} values beyond the "
                            f"{written:,} written; refusing the file (write the values out)",
                            node.start_mark.line + 1, node.start_mark.column + 1)
        return node
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(f"invalid YAML: {exc.problem or exc.context or 'invalid YAML'}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _too_many_values() -> str:
    return f"more than {MAX_NODES:,} YAML values (scalars, lists and mappings) in one file; split it"


def construct(node: yaml.Node | None) -> object:
    """Python value of a node tree made by ``compose``."""
    if node is None:
        return None
    loader = _BoundedLoader("")
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(f"invalid YAML: {exc.problem or exc}", line, col) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _children(n: yaml.Node) -> list:
    if isinstance(n, yaml.SequenceNode):
        return n.value
    if isinstance(n, yaml.MappingNode):
        return [x for pair in n.value for x in pair]
    return []


def expanded_size(node: yaml.Node | None, limit: int = MAX_NODES) -> int:
    """Number of nodes once aliases are expanded, counted without expanding them."""
    if node is None:
        return 0
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:  # iterative post-order: deep documents cannot overflow the stack
        n, children_done = stack.pop()
        if id(n) in sizes:
            continue
        kids = _children(n)
        if children_done:
            active.discard(id(n))
            sizes[id(n)] = min(limit + 1, 1 + sum(sizes[id(k)] for k in kids))
            continue
        if id(n) in active:
            return limit + 1  # a node that contains itself expands without end
        active.add(id(n))
        stack.append((n, True))
        for k in kids:
            if id(k) in active:
                return limit + 1
            if id(k) not in sizes:
                stack.append((k, False))
    return sizes[id(node)]


def load(text: str) -> object:
    return construct(compose(text))
