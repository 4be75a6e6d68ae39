"""plugins/splitsville/posts/rules.py: single rules on a post made from text."""

from pathlib import Path

import pytest
from splitsville.posts import messages, rules, source


def post(body: str) -> source.Post:
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
    [problem] = rules.alt_problems(post(f"Before.\n\n{image}\n"))
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
    assert rules.alt_problems(post(image)) == []
