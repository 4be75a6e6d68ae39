"""Table captions in Markdown: a paragraph starting "Table:" just before a table is its caption.

Python-Markdown's tables have no caption syntax, and attr_list cannot reach a table. This is
Pandoc's convention (its `table_captions` extension), so a post reads the same in a plain text
editor and converts the same with Pandoc, and it needs no package of its own. Pandoc also takes
the caption after the table; we take it before only, so that a "Table:" paragraph between two
tables is never in doubt.

Plain logic, no Pelican imports: our reader adds the extension (build/reader.py), and the lint
(rules.caption_problems) finds tables without one in the source.
"""

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .source import CAPTION


class CaptionTables(Treeprocessor):
    """Move each "Table: ..." paragraph into the table that follows it, as its <caption>."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):  # a list: captions are moved as we go
            children = list(parent)
            for before, table in zip(children, children[1:], strict=False):
                if table.tag == "table" and is_caption(before):
                    caption = etree.Element("caption")
                    caption.text = CAPTION.sub("", before.text or "", count=1)
                    caption.extend(before)  # inline markup (emphasis, links) comes along
                    table.insert(0, caption)
                    parent.remove(before)


def is_caption(element: etree.Element) -> bool:
    return element.tag == "p" and bool(CAPTION.match(element.text or ""))


class TableCaptions(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After the inline step (priority 20), so the caption's markup is already elements.
        md.treeprocessors.register(CaptionTables(md), "splitsville_table_captions", 15)
