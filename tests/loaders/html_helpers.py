"""Helpers for the HTML loader's tests: where each block character comes from."""

from __future__ import annotations

from contentcheck.loaders.html.markup import decode_reference

# What the loader makes of the whitespace of a text node (one for one).
_SPACES = str.maketrans("\n\t\x0c\xa0\r", "     ")


def loader_text(doc) -> str:
    """Every block's text, blocks apart (not the og:title's: an attribute, which a browser never
    shows as text but is checked like the page's title)."""
    return " ".join(b.text for b in doc.blocks if b.tag != "og:title")


def assert_blocks_at_their_text(doc) -> None:
    """Every block character maps to the source that produced it."""
    src = doc.source
    for block in doc.blocks:
        segments = block.segments
        for k, (start, offset, length) in enumerate(segments):
            end = segments[k + 1][0] if k + 1 < len(segments) else len(block.text)
            piece = block.text[start:end]
            if not piece.strip():
                continue  # whitespace, or inline code blanked: no character a rule reads
            if length is None:
                raw = src[offset:offset + len(piece)]
                assert raw.translate(_SPACES) == piece.translate(_SPACES), (piece, raw, offset)
            elif length == 0:
                assert not piece.strip(), (piece, offset)  # whitespace the tree builder moved
            else:
                raw = src[offset:offset + length]
                if raw in ("\r\n", "\x00"):
                    continue
                assert raw.startswith("&"), (piece, raw, offset)
                decoded, ref_end = decode_reference(raw + "\x01", 0)
                assert ref_end == length and decoded.translate(_SPACES) == piece.translate(_SPACES), (piece, raw)
