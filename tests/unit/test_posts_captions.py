"""plugins/splitsville/posts/captions.py: "Table: ..." paragraphs become their table's <caption>."""

import pytest
from markdown import Markdown
from splitsville.posts.captions import TableCaptions

TABLE = "| Task | Owner |\n|---|---|\n| Plan | PM |"


def html(text: str) -> str:
    md = Markdown(extensions=["markdown.extensions.extra", TableCaptions()], output_format="html5")
    return md.convert(text)


def test_the_paragraph_before_a_table_is_its_caption_with_its_markup():
    out = html(f"Intro.\n\nTable: Who *owns* [each](x) task & why\n\n{TABLE}")
    assert out.startswith("<p>Intro.</p>\n<table><caption>Who <em>owns</em> ")
    assert '<a href="x">each</a> task &amp; why</caption><thead>' in out
    assert out.count("<caption>") == 1 and "Table:" not in out


@pytest.mark.parametrize("prefix", ["Table:", "table:", "Table:   "])
def test_pandocs_prefixes_are_taken_off(prefix):
    assert "<table><caption>Scores</caption>" in html(f"{prefix}Scores\n\n{TABLE}")


def test_a_caption_in_a_quote_or_list_stays_with_its_table():
    quoted = "> Table: Quoted\n>\n> " + TABLE.replace("\n", "\n> ")
    assert "<blockquote>\n<table><caption>Quoted</caption>" in html(quoted)


@pytest.mark.parametrize(
    "text",
    [
        f"Table is a word.\n\n{TABLE}",  # no colon
        f"{TABLE}\n\nTable: After the table",  # we take the caption before the table only
        "Table: No table follows.\n\nA paragraph.",
        f"Table: A caption\n\nA paragraph between.\n\n{TABLE}",
    ],
)
def test_no_caption_without_a_table_right_after_it(text):
    assert "<caption>" not in html(text)


def test_each_table_takes_its_own_caption():
    out = html(f"Table: One\n\n{TABLE}\n\nTable: Two\n\n{TABLE}\n\n{TABLE}")
    assert out.count("<caption>") == 2
    assert out.index("<caption>One") < out.index("<caption>Two")
    assert out.endswith(
        "<table>\n<thead>\n<tr>\n<th>Task</th>\n<th>Owner</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>Plan</td>\n<td>PM</td>\n</tr>\n</tbody>\n</table>"
    )
