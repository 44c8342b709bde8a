"""`contentcheck lsp` without its optional dependencies, and its command line."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import REPO, cli_env


def test_lsp_without_pygls_says_how_to_install_it():
    code = ("import sys; sys.modules['pygls'] = None; sys.modules['pygls.lsp'] = None; "
            "sys.modules['pygls.lsp.server'] = None; sys.argv = ['contentcheck', 'lsp']; "
            "from contentcheck.cli import main; sys.exit(main())")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env=cli_env(), timeout=60)
    assert proc.returncode == 2
    assert "pip install 'contentcheck[lsp]'" in proc.stderr and "Traceback" not in proc.stderr


def test_lsp_help_lists_the_transport():
    proc = subprocess.run([sys.executable, "-m", "contentcheck", "lsp", "--help"], capture_output=True, text=True,
                          cwd=REPO, env=cli_env(), timeout=60)
    assert proc.returncode == 0 and "--stdio" in proc.stdout


def test_lsp_with_standard_input_closed_says_so():
    proc = subprocess.run([sys.executable, "-m", "contentcheck", "lsp"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, cwd=REPO, env=cli_env(), timeout=60,
                          preexec_fn=lambda: __import__("os").close(0))
    assert proc.returncode == 2
    assert "standard input and output" in proc.stderr and "Traceback" not in proc.stderr
