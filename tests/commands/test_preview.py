"""`make serve`'s quick preview (tools/preview.py): an edited post's text put into
its page before the build, exactly as the build then writes it."""

import shutil

import pytest

from helpers import FIXTURE_SITE, build_site
from tools.preview import END, START
from tools.serve import quick_preview


def prose(page: str) -> str:
    return page[page.index(START) + len(START) : page.index(END)]


@pytest.fixture
def local(tmp_path):
    """A local build (pelicanconf.py, as `make serve` makes) of a copy of the fixture site."""
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    site = build_site(tmp_path, "http://127.0.0.1:8765", "build", tmp_path / "content")
    site.content = tmp_path / "content"
    return site


def test_the_preview_shows_the_text_the_build_then_writes(local, monkeypatch):
    monkeypatch.setenv("SITEURL", local.siteurl)
    post = local.content / "posts" / "published-post.md"
    page = local.root / "posts" / "a-published-post" / "index.html"
    post.write_text(
        post.read_text(encoding="utf-8")
        + '\nNow it says "more" -- and links to [the typography post]({filename}typography.md)'
        + " and [a draft]({filename}/posts/draft-post.md).[^1]\n\n[^1]: With a footnote.\n",
        encoding="utf-8",
    )
    before = page.read_text(encoding="utf-8")
    assert quick_preview(str(local.content)).show(post, local.root) == page
    previewed = page.read_text(encoding="utf-8")
    assert "&#8220;more&#8221;" in prose(previewed)
    # Only the text changed: the rest of the page is the last build's.
    assert previewed.replace(prose(previewed), "") == before.replace(prose(before), "")

    rebuilt = build_site(local.root.parent / "again", local.siteurl, "build", local.content)
    written = (rebuilt.root / "posts" / "a-published-post" / "index.html").read_text("utf-8")
    assert prose(previewed) == prose(written)


def test_a_post_the_preview_cannot_show_is_left_to_the_build(local):
    quick = quick_preview(str(local.content))
    new = local.content / "posts" / "brand-new.md"
    new.write_text(
        "Title: Brand New\nDate: 2026-02-01\nTags: Project Manager\n"
        "Summary: New.\n\nNo page yet.\n",
        encoding="utf-8",
    )
    assert quick.show(new, local.root) is None  # no page in the last build
    empty = local.content / "posts" / "published-post.md"
    empty.write_text("", encoding="utf-8")
    assert quick.show(empty, local.root) is None  # the build will say what is wrong


def test_published_pages_carry_no_preview_marks(site):
    pages = sorted(site.root.rglob("*.html"))
    assert any(p.match("posts/*/index.html") for p in pages)
    for path in pages:
        page = path.read_text("utf-8")
        assert START not in page and END not in page, path
