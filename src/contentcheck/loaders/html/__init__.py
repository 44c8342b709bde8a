"""HTML loader: the page as a browser reads it, every character at its place in the file.

lexbor (through selectolax) builds the tree the HTML Standard prescribes, so
unbalanced quotes, stray end tags, ``</script x>``, odd comments and markup
cut off at the end of the file give the text a browser shows. A cursor walks
the source alongside the tree and places every text node (cursor.py, with the
tokenizer's rules in markup.py). The tree is then read into blocks sorted into
main content, page chrome and title (tree.py, zones.py), and metadata: meta
tags, JSON-LD, byline elements, "By" lines, language hints (metadata.py).
"""

from __future__ import annotations

from ...document import Document
from ..bindings import blank_filled_variables, blank_template_syntax, bound_names
from . import metadata as md
from .tree import read_page
from .zones import choose_main_content, label_link_lists


def load_html(path: str, source: str) -> Document:
    reader = read_page(source)
    meta = reader.meta
    md.finish(meta, reader.jsonld)
    blocks, in_main = choose_main_content(reader.raw_blocks, reader.container_depth)
    label_link_lists(blocks, in_main)
    md.read_byline_lines(blocks, meta)
    md.read_last_resort_authors(source, meta)
    meta.title_offset = reader.h1_offset if reader.h1_offset is not None else reader.title_tag_offset
    template = ("{%" in source or "{{" in source) and blank_template_syntax(blocks)  # "{% block title %}"
    if "{{" in source and not template:
        blank_filled_variables(blocks, bound_names(source))  # "{{ message }}" beside v-model="message"
    return Document(path, "html", source, blocks, meta, reader.comments)
