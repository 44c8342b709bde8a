"""``contentcheck lsp``: findings in the editor while you write.

A Language Server Protocol server over standard input and output, built on
pygls and lsprotocol (``pip install "contentcheck[lsp]"``). ``positions``
converts between contentcheck's character columns and the client's units,
``project`` finds a document's configuration and rule pack as the command
line does, ``actions`` builds code actions, ``server`` wires the protocol.
"""

from __future__ import annotations


def main() -> int:
    """Run the server on standard input and output until the client says exit."""
    import sys

    try:
        from .server import build_server
    except ImportError as exc:  # pygls is an optional dependency
        sys.stderr.write(f"contentcheck: the language server needs pygls ({exc.name} is missing): "
                         "pip install 'contentcheck[lsp]'\n")
        return 2
    if sys.stdin is None or sys.stdout is None:  # an editor talks over both
        if sys.stderr is not None:
            sys.stderr.write("contentcheck: the language server needs standard input and output open\n")
        return 2
    build_server().start_io()
    return 0
