"""The language server: diagnostics on open, change and save; code actions.

Checks run in a worker thread, so the server keeps reading messages while a
large document is checked; a change that arrives meanwhile makes the running
check's result stale, and a stale result is never published. Changes are
debounced: the check starts once the typing pauses.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .._version import __version__
from ..loaders import DEFAULT_MAX_FILE_SIZE, format_for_path
from ..rulepack.pack import default_rules_dir
from . import actions
from .positions import Positions
from .project import Projects

DOCS_URL = "https://github.com/contentcheck/contentcheck/blob/main/docs/rules/{rule}.md"
DEBOUNCE = 0.075  # seconds of quiet after a change before it is checked
LANGUAGES = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
SOURCE = "contentcheck"
FIX_ALL = "source.fixAll.contentcheck"


@dataclass
class Checked:
    """What the last check of a document found, for the code actions asked about it."""

    version: int | None
    text: str
    fmt: str
    findings: list


class ContentcheckServer(LanguageServer):
    def __init__(self):
        super().__init__("contentcheck", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.projects = Projects()
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.debounce = DEBOUNCE
        self.docs_url = DOCS_URL
        self.max_size = DEFAULT_MAX_FILE_SIZE
        self._default_rules = os.path.realpath(str(default_rules_dir()))

    # -- what a document is
    def format_of(self, uri: str, language_id: str | None) -> str | None:
        fmt = LANGUAGES.get(language_id or "")
        if fmt is None:
            fmt = format_for_path(uri.split("?", 1)[0])
        return fmt

    def path_of(self, uri: str) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path:
            return path
        root = self.workspace.root_path or os.getcwd()
        return os.path.join(root, os.path.basename(uri) or "untitled")

    def project_for(self, uri: str):
        return self.projects.for_path(self.path_of(uri), self.workspace.root_path)

    # -- checking
    def check(self, uri: str, text: str, fmt: str):
        """Check a text (in a worker thread): (findings, problem)."""
        from ..engine.check import check_document
        from ..loaders import parse_text

        project = self.project_for(uri)
        if project.error:
            return [], project.error
        if len(text) > self.max_size:
            return [], f"not checked: the document is larger than {self.max_size // (1024 * 1024)} MB"
        path = self.path_of(uri)
        try:
            doc = parse_text(project.display_path(path), text, fmt)
            result = project.eligible(check_document(doc, project.pack))
        except RecursionError:
            return [], "not checked: the document is nested too deeply"
        except Exception as exc:  # the editor must keep its server whatever one document does
            return [], f"internal error while checking ({type(exc).__name__}: {exc}); please report it"
        return result.findings, None

    def diagnostics(self, uri: str, text: str, findings: list, problem: str | None) -> list[types.Diagnostic]:
        pos = Positions(text, self.workspace.position_encoding or "utf-16")
        out = []
        if problem:
            out.append(types.Diagnostic(range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                                        message=f"contentcheck: {problem}",
                                        severity=types.DiagnosticSeverity.Error, source=SOURCE))
        if not findings:
            return out
        project = self.project_for(uri)
        rules = project.pack.by_id if project.pack is not None else {}
        for f in findings:
            out.append(self.diagnostic(pos, f, rules.get(f.rule)))
        return out

    def diagnostic(self, pos: Positions, f, rule) -> types.Diagnostic:
        start = pos.at_line_col(f.line, f.column)
        if (f.end_line, f.end_column) > (f.line, f.column):
            end = pos.at_line_col(f.end_line, f.end_column)
        else:  # a document-level finding (no author) marks the line it points at
            end = pos.at_offset(pos.line_end(start[0]))
        link = None
        if rule is not None and os.path.realpath(os.path.dirname(rule.source)) == self._default_rules:
            link = types.CodeDescription(href=self.docs_url.format(rule=f.rule))
        tags = [types.DiagnosticTag.Unnecessary] if f.rule == "unused-suppression" else None
        return types.Diagnostic(
            range=types.Range(types.Position(*start), types.Position(*end)),
            message=f.message, severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
            code=f.rule, code_description=link, source=SOURCE, tags=tags,
            data={"rule": f.rule, "fingerprint": f.fingerprint})

    async def refresh(self, uri: str, delay: float = 0.0) -> None:
        """Check the document as it is now and publish, unless it changed meanwhile."""
        if delay:
            await asyncio.sleep(delay)
        try:
            document = self.workspace.get_text_document(uri)
        except KeyError:
            return
        fmt = self.format_of(uri, document.language_id)
        if fmt is None:
            return
        version, text = document.version, document.source
        loop = asyncio.get_running_loop()
        findings, problem = await loop.run_in_executor(None, self.check, uri, text, fmt)
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version or current.source != text:
            return  # stale: a newer check is on its way
        self.checked[uri] = Checked(version, text, fmt, findings)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=self.diagnostics(uri, text, findings, problem)))

    def schedule(self, uri: str, delay: float) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        task = asyncio.ensure_future(self.refresh(uri, delay))
        self.pending[uri] = task
        task.add_done_callback(lambda t: self.pending.get(uri) is t and self.pending.pop(uri, None))

    # -- code actions
    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        try:
            document = self.workspace.get_text_document(uri)
        except KeyError:
            return []
        if checked is None or checked.text != document.source:
            return []  # the diagnostics in the editor are about to be replaced
        text, fmt = checked.text, checked.fmt
        pos = Positions(text, self.workspace.position_encoding or "utf-16")
        from ..text.lines import LineIndex

        lines = LineIndex(text)
        # Findings on the lines asked about (a cursor asks about its line).
        first, last = params.range.start.line + 1, params.range.end.line + 1
        here = [f for f in checked.findings if f.line <= last and first <= max(f.line, f.end_line)]
        wanted = params.context.only
        out: list[types.CodeAction] = []
        project = self.project_for(uri)
        if project.pack is None:
            return []
        rules = project.pack.by_id
        if here and (not wanted or any(k.startswith("quickfix") for k in wanted)):
            fixes = self._fixes(uri, text, fmt, checked.findings, rules)
            diags = {f: self.diagnostic(pos, f, rules.get(f.rule)) for f in here}
            for f in here:
                fix = fixes.get(f)
                if fix is not None:
                    unsafe = fix.safety != "safe"
                    title = f"Fix {f.rule}: {fix.description}" + (" (unsafe: check the result)" if unsafe else "")
                    out.append(self._action(uri, pos, title, types.CodeActionKind.QuickFix,
                                            [(fix.edit.start, fix.edit.end, fix.edit.text)], [diags[f]],
                                            preferred=not unsafe))
            for f in here:
                if f.rule == "unused-suppression":
                    continue
                edit = actions.disable_next_line(text, lines.start(f.line - 1), f.rule)
                out.append(self._action(uri, pos, f"Disable {f.rule} for this line",
                                        types.CodeActionKind.QuickFix, [edit], [diags[f]]))
            for rule_id in dict.fromkeys(f.rule for f in here if f.rule != "unused-suppression"):
                out.append(self._action(uri, pos, f"Disable {rule_id} for this file",
                                        types.CodeActionKind.QuickFix, [actions.disable_file(text, fmt, rule_id)],
                                        [d for f, d in diags.items() if f.rule == rule_id]))
        if not wanted or any(FIX_ALL.startswith(k) for k in wanted):
            edit = self._fix_all(uri, text, fmt, project)
            if edit is not None:
                out.append(self._action(uri, pos, "Fix all safe contentcheck problems",
                                        types.CodeActionKind.SourceFixAll + ".contentcheck", [edit], None))
        return out

    def _fixes(self, uri, text, fmt, findings, rules):
        from ..fixes.plan import fixes_for
        from ..loaders import parse_text

        doc = parse_text(self.path_of(uri), text, fmt)
        return fixes_for(doc, findings, rules)

    def _fix_all(self, uri, text, fmt, project):
        from ..fixes.apply import fix_text

        if not any(getattr(r, "fix", None) for r in project.pack.rules):
            return None
        outcome = fix_text(project.display_path(self.path_of(uri)), text, fmt, project.pack,
                           keep=project.eligible)
        return actions.replace_all(text, outcome.text)

    def _action(self, uri, pos, title, kind, edits, diagnostics, preferred=False) -> types.CodeAction:
        text_edits = [types.TextEdit(range=types.Range(types.Position(*pos.at_offset(a)), types.Position(*pos.at_offset(b))),
                                     new_text=new) for a, b, new in edits]
        return types.CodeAction(title=title, kind=kind, diagnostics=diagnostics, is_preferred=preferred or None,
                                edit=types.WorkspaceEdit(changes={uri: text_edits}))


def build_server() -> ContentcheckServer:
    server = ContentcheckServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ContentcheckServer, params: types.InitializeParams):
        options = params.initialization_options or {}
        if isinstance(options, dict):
            if isinstance(options.get("debounceMs"), (int, float)):
                ls.debounce = max(0.0, options["debounceMs"] / 1000)
            if isinstance(options.get("docsUrl"), str) and "{rule}" in options["docsUrl"]:
                ls.docs_url = options["docsUrl"]

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: ContentcheckServer, params: types.DidOpenTextDocumentParams):
        ls.schedule(params.text_document.uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: ContentcheckServer, params: types.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: ContentcheckServer, params: types.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        if uri.startswith("file:") and ls.projects.changed(ls.path_of(uri)):
            for open_uri in list(ls.workspace.text_documents):  # the configuration changed: check all again
                ls.schedule(open_uri, 0.0)
        else:
            ls.schedule(uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ContentcheckServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll + ".contentcheck"]))
    def code_action(ls: ContentcheckServer, params: types.CodeActionParams):
        return ls.code_actions(params)

    return server
