"""The series' book as `make publish` and a local build write it: only published parts, and
the same bytes from build to build."""

import shutil
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from ebooklib import epub

from helpers import FIXTURE_SITE, build_site, invoke

BOOK = "books/fixture.epub"  # the fixture's series, "Fixture" (SPLITSVILLE["books"])


def with_unpublished_parts(tmp_path: Path) -> Path:
    """The fixture site with a draft and a future post added to its series, between its parts."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    for name in ("draft-post.md", "future-post.md"):
        post = content / "posts" / name
        head, _, body = post.read_text(encoding="utf-8").partition("\n\n")
        post.write_text(f"{head}\nSeries: Fixture\nSeries_index: 2\n\n{body}", "utf-8")
    return content


def part_titles(book: Path) -> list[str]:
    read = epub.read_epub(str(book), {"ignore_ncx": True})
    return [link.title for link in read.toc]


def test_no_draft_or_future_post_is_in_the_book(tmp_path):
    """Production leaves both out; so does a local build, whose pages show the draft (and the
    future post) in the series box: the book holds what readers can read on the site."""
    content = with_unpublished_parts(tmp_path)
    published = ["A Published Post", "Typography & Other “Details”", "Case and Separator Variants"]
    site = build_site(tmp_path / "publish", "https://fixture.example", content=content)
    assert part_titles(site.root / BOOK) == published
    local = build_site(tmp_path / "local", "https://fixture.example", "build", content=content)
    assert part_titles(local.root / BOOK) == published
    box = BeautifulSoup(
        (local.root / "drafts" / "a-draft-post" / "index.html").read_text(), "html.parser"
    )
    listed = " ".join(box.select_one("nav.post-end ol.series-parts").get_text().split())
    assert "A Draft Post" in listed and "A Future Post" in listed
    with zipfile.ZipFile(local.root / BOOK) as archive:
        text = b"".join(archive.read(name) for name in archive.namelist())
    assert b"A Draft Post" not in text and b"A Future Post" not in text


def test_two_builds_give_the_same_book(fixture_site, tmp_path):
    """Later, elsewhere, in another time zone and with another hash seed, with no content cache:
    the same bytes (the whole-site comparison is tests/commands/test_publish_atomic.py)."""
    out = tmp_path / "output"
    env = {
        "PYTHONHASHSEED": "99",
        "TZ": "Pacific/Auckland",
        "SPLITSVILLE_CACHE_PATH": str(tmp_path),
    }
    args = ["--output", str(out), "--content", str(FIXTURE_SITE)]
    result = invoke("publish", *args, siteurl=fixture_site.siteurl, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / BOOK).read_bytes() == (fixture_site.root / BOOK).read_bytes()


def test_the_book_is_named_after_the_address_it_is_built_for(fixture_site, tmp_path):
    """Another SITEURL, another identifier: the book's address names it."""
    other = build_site(tmp_path, "https://other.example/sub", content=FIXTURE_SITE)
    ids = [
        epub.read_epub(str(root / BOOK), {"ignore_ncx": True}).get_metadata("DC", "identifier")
        for root in (fixture_site.root, other.root)
    ]
    assert ids[0] != ids[1]
