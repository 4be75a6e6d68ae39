"""The linter (plugins/splitsville/posts/lint.py, with its rules and source) on plain files,
in-process."""

import shutil
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date, slugify
from splitsville.posts import lint, messages, source

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "lint"
VOCABULARY = ROOT / "content" / "roles.toml"


def run(content: Path) -> list[str]:
    return lint.lint(
        content,
        slugify=lambda title: slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]),
        parse_date=get_date,
        vocabulary=VOCABULARY,
        shown=lambda path: path.relative_to(path.parents[1]).as_posix(),
    )


def content_with(tmp_path: Path, *names: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "images", content / "images")
    (content / "posts").mkdir()
    for name in names:
        shutil.copy(FIXTURE / "posts" / name, content / "posts" / name)
    return content


BAD = sorted(
    p.name
    for p in (FIXTURE / "posts").iterdir()
    if p.name != "good.md" and not p.name.startswith("same-url")
)


@pytest.mark.parametrize("name", BAD)
def test_each_bad_post_alone_has_exactly_one_problem(tmp_path, name):
    problems = run(content_with(tmp_path, name))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"posts/{name}"), problems


def test_the_good_post_alone_is_fine(tmp_path):
    assert run(content_with(tmp_path, "good.md")) == []


def test_two_posts_one_slug_is_reported_once_on_the_second(tmp_path):
    problems = run(content_with(tmp_path, "same-url-1.md", "same-url-2.md"))
    assert problems == [
        "posts/same-url-2.md:1: same URL as posts/same-url-1.md (slug 'same-url') - change "
        "this post's Title, or give it a 'Slug: ...' line"
    ]


def test_a_slug_line_decides_the_url(tmp_path):
    content = content_with(tmp_path, "same-url-1.md")
    post = content / "posts" / "with-slug.md"
    post.write_text(
        "Title: Other\nSlug: same-url\nDate: 2026-01-01\nTags: PM\nSummary: S.\n\nBody.\n",
        encoding="utf-8",
    )
    assert run(content) == [
        "posts/with-slug.md:2: same URL as posts/same-url-1.md (slug 'same-url') - change this "
        "post's Title, or give it a 'Slug: ...' line"
    ]


def test_a_draft_may_keep_the_placeholder_summary(tmp_path):
    content = content_with(tmp_path)
    (content / "posts" / "draft.md").write_text(
        f"Title: T\nDate: 2026-01-01\nTags: PM\nSummary: {messages.SUMMARY_PLACEHOLDER}\n"
        "Status: draft\n\nBody.\n",
        encoding="utf-8",
    )
    assert run(content) == []


def test_metadata_continues_on_indented_lines_and_ends_at_the_first_other_line():
    meta, body = source.split_metadata("Title: A\nSummary: one\n    two\nNot: meta?\n\nBody")
    assert meta["summary"] == ("one two", 2)
    assert meta["not"] == ("meta?", 4)
    assert body == "\nBody"
    meta, body = source.split_metadata("Just a body line\nTitle: late")
    assert meta == {} and body.startswith("Just")


def test_code_is_blanked_but_lines_are_kept():
    text = "a `![](x)` b\n```\n![](y)\n```\n![](z)"
    blank = source.without_code(text)
    assert blank.count("\n") == text.count("\n")
    assert "x" not in blank and "y" not in blank and "![](z)" in blank


def test_tags_split_as_pelican_splits_them():
    assert source.split_tags("PM, AM") == ["PM", "AM"]
    assert source.split_tags("Smith, Jones; AM") == ["Smith, Jones", "AM"]
    assert source.split_tags(" , ") == []


def test_unicode_and_a_bom_are_fine(tmp_path):
    content = content_with(tmp_path)
    (content / "posts" / "cafe.md").write_text(
        "\ufeffTitle: Café — naïve\nDate: 2026-01-01\nTags: PM\nSummary: Ünïcode.\n\nBody.\n",
        encoding="utf-8",
    )
    assert run(content) == []


def test_alt_text_must_say_something(tmp_path):
    content = content_with(tmp_path)
    images = [
        '<img src="{static}/images/dot.svg" data-alt="not alt">',
        '<img src="{static}/images/dot.svg" alt="  ">',
        "![ ]({static}/images/dot.svg)",
        "![][dot]",
        '<IMG SRC="{static}/images/dot.svg" ALT=dot>',  # fine: unquoted, any case
        "![A dot][dot]",  # fine
    ]
    body = "\n\n".join(images) + "\n\n[dot]: {static}/images/dot.svg\n"
    (content / "posts" / "alt.md").write_text(
        f"Title: T\nDate: 2026-01-01\nTags: PM\nSummary: S.\n\n{body}", encoding="utf-8"
    )
    lines = [int(problem.split(":")[1]) for problem in run(content)]
    assert lines == [6, 8, 10, 12]


@given(
    st.integers(0, 9999),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(" _"),
    st.integers(0, 99),
    st.integers(0, 99),
)
@example(2024, 2, 29, " ", 23, 59)  # a leap day
@example(2026, 2, 29, " ", 10, 0)  # no such day: Pelican's parser must say so
@example(2026, 1, 5, "_", 24, 0)
def test_a_date_the_quick_check_accepts_pelican_accepts(year, month, day, sep, hour, minute):
    """The linter skips Pelican's date parser for plain dates: only where it would agree."""
    text = f"{year:04}-{month:02}-{day:02}{sep}{hour:02}:{minute:02}"
    if source.is_plain_date(text):
        get_date(text.replace("_", " "))  # raises ValueError if the two disagree
    elif year >= 1 and 1 <= month <= 12 and 1 <= day <= 28 and hour < 24 and minute < 60:
        raise AssertionError(f"{text} is plain and real, and was not recognised")


def test_only_the_plain_form_takes_the_quick_path():
    assert source.is_plain_date("2026-01-05 09:30") and source.is_plain_date("2026-01-05_09:30")
    for text in (
        "2026-01-05",
        "5 January 2026",
        "2026-1-5 09:30",
        "2026-01-05  09:30",
        "2026-02-30 10:00",
        "٢٠٢٦-01-05 09:30",
        "2026-01-05 09:30 ",
    ):
        assert not source.is_plain_date(text), text
