#!/usr/bin/env python3
"""How long an editor waits for diagnostics after a change: `contentcheck lsp` on a 1,000-line Markdown file.

    python benchmarks/lsp_latency.py                  # 100 edits, prints p50/p95/max
    python benchmarks/lsp_latency.py --edits 300 --lines 1000 --debounce-ms 75

Starts the server as an editor does (a subprocess over standard input and
output, through pygls's client), opens a generated article of --lines lines
(paragraphs, headings, lists and a few leftovers), then sends --edits changes
one at a time, each typed a little while after the last diagnostics arrived,
and times each change from the moment it is sent to the moment the
diagnostics for that version arrive. The time includes the server's debounce
(--debounce-ms, the default the server uses when the editor sets none).
Every few edits add or remove a leftover line, so the diagnostics really change.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

WORDS = ("council budget harbour river station school hospital market bridge library festival residents "
         "officials members plan project vote report city county district water road park housing transit "
         "energy farmers workers teachers students week year month spring").split()


def article(lines: int, rng: random.Random) -> list[str]:
    out = ["---", "title: Council approves the harbour budget", "author: Jane Doe", "---", "",
           "# Council approves the harbour budget", ""]
    while len(out) < lines:
        kind = rng.random()
        if kind < 0.08:
            out += [f"## {' '.join(rng.choice(WORDS) for _ in range(4)).capitalize()}", ""]
        elif kind < 0.2:
            out += [f"- {' '.join(rng.choice(WORDS) for _ in range(8))}" for _ in range(3)] + [""]
        elif kind < 0.23:
            out += [rng.choice(["Views: 218", "You May Also Like", "No results found."]), ""]
        else:
            words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
            out += [" ".join(words).capitalize() + rng.choice([", the mayor said.", ".", ", officials said."]), ""]
    return out[:lines]


async def measure(lines: int, edits: int, debounce_ms: float | None, seed: int) -> list[float]:
    rng = random.Random(seed)
    text_lines = article(lines, rng)
    published: dict[int, float] = {}
    arrived = asyncio.Event()
    client = LanguageClient("lsp-latency", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams):
        if params.version is not None:
            published[params.version] = time.perf_counter()
            arrived.set()

    await client.start_io(sys.executable, "-m", "contentcheck", "lsp")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        uri = (root / "article.md").as_uri()
        options = {"debounceMs": debounce_ms} if debounce_ms is not None else None
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=root.as_uri(), initialization_options=options))
        client.initialized(types.InitializedParams())
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1, text="\n".join(text_lines) + "\n")))

        async def wait_for(version: int) -> float:
            while version not in published:
                arrived.clear()
                await asyncio.wait_for(arrived.wait(), 30)
            return published[version]

        await wait_for(1)
        times = []
        for version in range(2, edits + 2):
            line = rng.randrange(8, len(text_lines))
            if version % 5 == 0:  # a leftover comes or goes
                new = "Views: 431" if text_lines[line] != "Views: 431" else "The council met again."
                change = types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(line, 0), types.Position(line, len(text_lines[line]))),
                    text=new)
                text_lines[line] = new
            else:  # a word typed at the end of a line
                word = " " + rng.choice(WORDS)
                end = types.Position(line, len(text_lines[line]))
                change = types.TextDocumentContentChangePartial(range=types.Range(end, end), text=word)
                text_lines[line] += word
            sent = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change]))
            times.append((await wait_for(version)) - sent)
            await asyncio.sleep(rng.uniform(0.02, 0.08))  # the next keystroke
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--debounce-ms", type=float, default=None,
                        help="the server's debounce (default: the server's own)")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    times = sorted(asyncio.run(measure(args.lines, args.edits, args.debounce_ms, args.seed)))
    ms = [t * 1000 for t in times]
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    print(f"{args.lines}-line Markdown, {len(ms)} edits: change -> diagnostics "
          f"p50 {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms")


if __name__ == "__main__":
    main()
