"""plugins/splitsville/posts/rules.py: single rules on a post made from text, and broken
{filename}, {static} and {attach} links with the file they meant."""

from pathlib import Path

import pytest
from splitsville.posts import messages, rules, source
from splitsville.posts.rules import closest_file, missing_links

FILES = [
    "posts/splitsville-or-not.md",
    "posts/who-owns-the-client.md",
    "posts/.#splitsville-or-not.md",  # an editor's lock file is no candidate
    "pages/about.md",
    "images/client-lifecycle.svg",
    "images/client-lifecycle.png",
]


@pytest.fixture
def content(tmp_path) -> Path:
    for rel in FILES:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    return tmp_path


def problems(content: Path, *links: tuple[str, str]) -> list[str]:
    post = content / "posts" / "new.md"
    found = [(kind, written, 7) for kind, written in links]
    return [p.text for p in missing_links(found, post, "posts/new.md", content)]


@pytest.mark.parametrize(
    ("kind", "written", "meant"),
    [
        ("filename", "splitsvile-or-not.md", "splitsville-or-not.md"),  # beside the post
        ("filename", "/posts/who-owns-the-clent.md", "/posts/who-owns-the-client.md"),
        ("filename", "../pages/abuot.md", "../pages/about.md"),  # a swap is one slip
        ("filename", "splitsvile-or-not.md#the-end", "splitsville-or-not.md#the-end"),
        ("static", "/images/client-lifecyle.svg", "/images/client-lifecycle.svg"),  # not .png
        ("attach", "../images/Client-Lifecycle.png", "../images/client-lifecycle.png"),
    ],
)
def test_a_misspelt_link_suggests_the_file_it_meant(content, kind, written, meant):
    assert problems(content, (kind, written)) == [messages.missing_link(kind, written, meant)]
    message = messages.missing_link(kind, written, meant)
    assert f"did you mean {{{kind}}}{meant}? Or fix the path" in message


@pytest.mark.parametrize(
    ("kind", "written"),
    [
        ("filename", "no-such-post.md"),  # nothing close
        ("filename", "about.rst"),  # no file of that kind
        ("static", "/images/unrelated-diagram.svg"),
        ("filename", "/nowhere"),  # no extension: no candidate file has none
    ],
)
def test_a_link_close_to_nothing_gets_the_plain_fix(content, kind, written):
    assert problems(content, (kind, written)) == [messages.missing_link(kind, written)]
    assert "did you mean" not in messages.missing_link(kind, written)


def test_links_that_resolve_and_empty_targets_are_fine(content):
    assert (
        problems(
            content,
            ("filename", "splitsville-or-not.md"),
            ("filename", "/pages/about.md"),
            ("static", "../images/client-lifecycle.svg"),
            ("filename", "#just-a-fragment"),
        )
        == []
    )


def test_closest_file_writes_the_path_as_the_link_does(content):
    base = content / "posts"
    assert closest_file("/pages/abot.md", base, content) == "/pages/about.md"
    assert closest_file("../pages/abot.md", base, content) == "../pages/about.md"
    assert closest_file("abot.md", content / "pages", content) == "about.md"
    assert closest_file("", base, content) is None


def made(body: str) -> source.Post:
    text = f"Title: T\nDate: 2026-01-01 10:00\nTags: PM\nSummary: S\n\n{body}\n"
    made = source.post_from_bytes(Path("p.md"), "p.md", text.encode())
    assert isinstance(made, source.Post)
    return made


@pytest.mark.parametrize(
    "image",
    [
        '<img src="a.png">',
        "<IMG SRC=a.png ALT=''>",
        '<img alt="  " src="a.png">',
        '<img data-alt="not the alt" src="a.png">',
        "![](a.png)",
    ],
)
def test_an_image_without_alt_text_is_a_problem(image):
    [problem] = rules.alt_problems(made(f"Before.\n\n{image}\n"))
    assert problem.line == 8 and problem.text == messages.NO_ALT


@pytest.mark.parametrize(
    "image",
    [
        '<img src="a>b.png" alt="A quoted > does not end the tag">',
        "<img alt=Chart src=a.png>",
        "![A chart](a.png)",
        "`<img src=a.png>` in code is only text",
    ],
)
def test_an_image_with_alt_text_or_in_code_is_fine(image):
    assert rules.alt_problems(made(image)) == []


TABLE = "| Task | Owner |\n|---|:-:|\n| Plan | PM |"


@pytest.mark.parametrize(
    "body, line",
    [
        (TABLE, 6),  # the header row's line: the body starts on line 6
        (f"Intro.\n\n{TABLE}", 8),
        (f"Table is what this is.\n\n{TABLE}", 8),  # "Table" without the colon is prose
        (f"Table: A caption\n\nA paragraph between.\n\n{TABLE}", 10),
        (f"Table: Caption\n\n```\nTable: code\n```\n\n{TABLE}", 12),
        (f"> Intro.\n>\n> {TABLE.replace(chr(10), chr(10) + '> ')}", 8),
        ("Before.\n\n<table><tr><td>1</td></tr></table>", 8),
        ("Before.\n\n<TABLE class=x>\n<tr><td>1</td></tr>\n</TABLE>", 8),
        ("<table role=presentation><tr><td><table><tr><td>1</td></tr></table>", 6),
    ],
)
def test_a_data_table_without_a_caption_is_a_problem(body, line):
    [problem] = rules.caption_problems(made(body))
    assert (problem.line, problem.text) == (line, messages.NO_CAPTION)
    assert str(problem).startswith(f"p.md:{line}: table without a caption - ")


@pytest.mark.parametrize(
    "body",
    [
        f"Table: Who owns each task\n\n{TABLE}",
        f"table: lower case, as Pandoc reads it\n\n{TABLE}",
        f"Table: A caption on\ntwo lines\n\n{TABLE}",
        f"> Table: In a quote\n>\n> {TABLE.replace(chr(10), chr(10) + '> ')}",
        f"A paragraph\n{TABLE}",  # no blank line: Markdown reads one paragraph, no table
        f"```\n{TABLE}\n```",  # a table shown as code is only text
        "Title\n---\n\nA setext heading's underline is no table row.",
        "<table>\n<caption>Scores</caption>\n<tr><td>1</td></tr>\n</table>",
        '<table role="presentation"><tr><td>layout</td></tr></table>',
        "<table role=none><tr><td>layout</td></tr></table>",
        "<tablet>not a table</tablet>",
    ],
)
def test_a_captioned_table_or_no_table_is_fine(body):
    assert rules.caption_problems(made(body)) == []


def test_every_uncaptioned_table_is_its_own_problem():
    body = f"{TABLE}\n\nTable: Second\n\n{TABLE}\n\n{TABLE}"
    assert [p.line for p in rules.caption_problems(made(body))] == [6, 16]
