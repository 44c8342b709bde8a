"""The language server, driven by a real LSP client over standard input and output."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402

MARKDOWN = ("# Budget 😀 passes\n\nBy Jane Doe\n\n"
            "中文 and 😀😀 before it. I apologize for the confusion.\n\n"
            "The council approved the budget on Tuesday.\n\nViews: 218\n")


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def _offset(text: str, position: types.Position, encoding: str) -> int:
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[:position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    for i in range(len(line) + 1):
        if _units(line[:i], encoding) >= position.character:
            return offset + i
    return offset + len(line)


def apply_edits(text: str, edits, encoding: str = "utf-16") -> str:
    spans = sorted(((_offset(text, e.range.start, encoding), _offset(text, e.range.end, encoding), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


class Session:
    def __init__(self, root: Path, encodings=None, options=None):
        self.root = root
        self.encodings = encodings
        self.options = options
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    async def __aenter__(self):
        self.client = pytest_lsp.make_test_lsp_client()
        await self.client.start_io(sys.executable, "-m", "contentcheck", "lsp", "--stdio")
        general = types.GeneralClientCapabilities(position_encodings=self.encodings) if self.encodings else None
        result = await self.client.initialize_session(types.InitializeParams(
            capabilities=types.ClientCapabilities(general=general), root_uri=self.root.as_uri(),
            initialization_options=self.options))
        self.encoding = str(result.capabilities.position_encoding or "utf-16")
        return self

    async def __aexit__(self, *exc):
        await self.client.shutdown_session()

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    async def diagnostics(self, uri: str, until=lambda d: True, timeout: float = 20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.client.diagnostics.get(uri)
            if found is not None and until(found):
                return found
            await asyncio.sleep(0.01)
        raise AssertionError(f"no diagnostics as expected for {uri}: {self.client.diagnostics.get(uri)}")

    async def open(self, name: str, text: str, language: str = "markdown"):
        uri = self.uri(name)
        self.client.diagnostics.pop(uri, None)
        self.versions[uri] = 1
        self.texts[uri] = text
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri, await self.diagnostics(uri)

    def change(self, uri: str, text: str):
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def actions(self, uri: str, line: int, only=None):
        return await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=types.Range(types.Position(line, 0), types.Position(line, 0)),
            context=types.CodeActionContext(diagnostics=[], only=only)))

    async def apply(self, uri: str, action) -> str:
        text = apply_edits(self.texts[uri], action.edit.changes[uri], self.encoding)
        self.change(uri, text)
        return text


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 90))


def by_code(diagnostics):
    return {d.code: d for d in diagnostics}


@pytest.mark.parametrize("encodings, expected", [(None, "utf-16"), (["utf-8"], "utf-8"), (["utf-32"], "utf-32")])
def test_columns_after_emoji_and_cjk_in_the_negotiated_encoding(tmp_path, encodings, expected):
    async def go():
        async with Session(tmp_path, encodings) as s:
            assert s.encoding == expected
            uri, diags = await s.open("a.md", MARKDOWN)
            chat = by_code(diags)["chat-assistant-leftover"]
            line = MARKDOWN.split("\n")[4]
            start = line.index("I apologize")
            assert chat.range.start == types.Position(4, _units(line[:start], expected))
            assert chat.range.end == types.Position(4, _units(line[:start + len("I apologize for the confusion")], expected))
            assert chat.severity == types.DiagnosticSeverity.Error and chat.source == "contentcheck"
            assert chat.code_description.href.endswith("/docs/rules/chat-assistant-leftover.md")
            assert "scaffolding" in chat.message
    run(go())


def test_fix_action_applies_and_diagnostics_clear_after_the_edit(tmp_path):
    async def go():
        async with Session(tmp_path) as s:
            uri, diags = await s.open("a.md", MARKDOWN)
            assert {"chat-assistant-leftover", "counter-or-share-bar"} <= set(by_code(diags))
            actions = await s.actions(uri, 8)
            titles = [a.title for a in actions]
            fix = next(a for a in actions if a.title.startswith("Fix counter-or-share-bar"))
            assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
            assert "Disable counter-or-share-bar for this line" in titles
            assert "Disable counter-or-share-bar for this file" in titles
            text = await s.apply(uri, fix)
            assert text == MARKDOWN.replace("\n\nViews: 218\n", "\n")
            diags = await s.diagnostics(uri, lambda d: "counter-or-share-bar" not in by_code(d))
            assert "chat-assistant-leftover" in by_code(diags)
            # The chat sentence: its fix, computed with emoji and CJK before it.
            actions = await s.actions(uri, 4)
            text = await s.apply(uri, next(a for a in actions if a.title.startswith("Fix chat-assistant-leftover")))
            assert text.split("\n")[4] == "中文 and 😀😀 before it."
            await s.diagnostics(uri, lambda d: not d)
    run(go())


def test_fix_all_safe_problems(tmp_path):
    async def go():
        async with Session(tmp_path) as s:
            uri, _ = await s.open("a.md", MARKDOWN)
            (fix_all,) = await s.actions(uri, 0, only=[types.CodeActionKind.SourceFixAll])
            text = await s.apply(uri, fix_all)
            assert text == MARKDOWN.replace(" I apologize for the confusion.", "").replace("\n\nViews: 218\n", "\n")
            await s.diagnostics(uri, lambda d: not d)
    run(go())


@pytest.mark.parametrize("name, language, text, line", [
    ("a.md", "markdown", MARKDOWN, 8),
    ("a.txt", "plaintext", "Budget passes\n\nBy Jane Doe\n\nThe council met.\n\n  Views: 218\n", 6),
    ("a.html", "html", "<!DOCTYPE html>\n<html><body><article><h1>Budget</h1><p>By Jane Doe</p>\n"
                       "<p>The council met on Tuesday and approved the budget.</p>\n<p>Views: 218</p>\n"
                       "</article></body></html>\n", 3),
])
def test_disable_for_this_line_and_for_this_file(tmp_path, name, language, text, line):
    async def go():
        async with Session(tmp_path) as s:
            for scope in ("line", "file"):
                uri, diags = await s.open(f"{scope}-{name}", text, language)
                assert "counter-or-share-bar" in by_code(diags)
                actions = await s.actions(uri, line)
                title = f"Disable counter-or-share-bar for this {scope}"
                new = await s.apply(uri, next(a for a in actions if a.title == title))
                assert "contentcheck-disable" in new
                diags = await s.diagnostics(uri, lambda d: "counter-or-share-bar" not in by_code(d))
                assert "unused-suppression" not in by_code(diags)
                s.client.text_document_did_close(types.DidCloseTextDocumentParams(
                    types.TextDocumentIdentifier(uri)))
                await s.diagnostics(uri, lambda d: not d)
    run(go())


def test_configuration_is_found_from_the_workspace(tmp_path):
    (tmp_path / "contentcheck.yaml").write_text("ignore: [chat-assistant-leftover]\n"
                                                "rules-config:\n  counter-or-share-bar: {severity: error}\n")
    (tmp_path / "drafts").mkdir()

    async def go():
        async with Session(tmp_path) as s:
            uri, diags = await s.open("drafts/a.md", MARKDOWN)
            codes = by_code(diags)
            assert "chat-assistant-leftover" not in codes
            assert codes["counter-or-share-bar"].severity == types.DiagnosticSeverity.Error
    run(go())


def test_a_broken_configuration_is_shown_located(tmp_path):
    (tmp_path / "contentcheck.yaml").write_text("fail-on: warning\nignroe: [x]\n")

    async def go():
        async with Session(tmp_path) as s:
            _, diags = await s.open("a.md", MARKDOWN)
            (diag,) = diags
            assert "contentcheck.yaml:2:1" in diag.message and "ignore" in diag.message
    run(go())


def test_large_documents_stay_responsive(tmp_path):
    paragraph = "The council approved the budget on Tuesday, the mayor said, after a long debate. " * 4
    big = "# Budget\n\nBy Jane Doe\n\n" + "\n\n".join([paragraph] * 2500) + "\n\nViews: 218\n"

    async def go():
        async with Session(tmp_path, options={"debounceMs": 0}) as s:
            uri, diags = await s.open("big.md", big)
            assert "counter-or-share-bar" in by_code(diags)
            # Edits arrive faster than checks finish: only the last text is reported.
            for i in range(5):
                s.change(uri, big.replace("Views: 218", f"Views: {i}"))
            s.change(uri, big.replace("\n\nViews: 218\n", "\n"))
            await s.diagnostics(uri, lambda d: not d, timeout=60)
            started = time.monotonic()
            await s.actions(uri, 0)
            assert time.monotonic() - started < 5
    run(go())
