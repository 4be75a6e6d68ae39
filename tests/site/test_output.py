"""The whole published output: what is written, what is not, and what the build said."""

import re

import feedparser
import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURE_SITE, ROOT, invoke

EXPECTED_TOP = {
    ".build-stamp.json",  # what kind of build this is, for `invoke gh-pages` (tools/stamp.py)
    "404.html",
    "about",
    "archives",
    "books",  # each series as an EPUB (SPLITSVILLE["books"])
    "cards",
    "favicon.svg",
    "feeds",
    "images",
    "index.html",
    "llms.txt",
    "pagefind",
    "posts",
    "robots.txt",
    "roles",
    "search",
    "sitemap.xml",
    "theme",
}


def test_build_logged_no_warning_or_error(site):
    assert not re.search(r"\b(WARNING|ERROR|CRITICAL)\b", site.log), site.log


def test_only_designed_outputs_are_written(site):
    assert {p.name for p in site.root.iterdir()} == EXPECTED_TOP
    assert not (site.root / "drafts").exists()
    assert not list(site.root.rglob("category*")) and not list(site.root.rglob("author*"))
    # Clean URLs: every page is a folder's index.html, but for the 404 page.
    pages = {p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html")}
    assert {p for p in pages if not p.endswith("index.html")} == {"404.html"}


def test_every_page_has_one_h1_and_a_canonical_link(site):
    """The 404 page alone has none: it is served at whatever address was not found."""
    for path in site.root.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert len(page.find_all("h1")) == 1, path
        canonical = page.find("link", rel="canonical")
        if path.name == "404.html":
            assert canonical is None
            assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
            continue
        assert canonical["href"].startswith(site.siteurl + "/"), path


def test_atom_feed_parses_with_absolute_links(site):
    feed = feedparser.parse(site.read("feeds/all.atom.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries
    for entry in feed.entries:
        assert entry.link.startswith(site.siteurl + "/posts/"), entry.link
        assert site.path_of(entry.link).is_file(), entry.link
        page = BeautifulSoup(site.path_of(entry.link).read_text(encoding="utf-8"), "html.parser")
        # Each entry is titled as its post (as machine text: no widow-control no-break space).
        assert entry.title == page.h1.get_text().replace("\xa0", " "), entry.link
        for href in re.findall(r'(?:href|src)="([^"]+)"', entry.content[0].value):
            assert href.startswith(("http://", "https://", "#", "mailto:")), href


def test_drafts_are_not_published(fixture_site):
    """Pelican writes drafts to drafts/ by default; a production build must not, anywhere."""
    assert (fixture_site.root / "posts" / "a-published-post" / "index.html").is_file()
    for path in fixture_site.root.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert "a-draft-post" not in text and "A Draft Post" not in text, path
    assert not (fixture_site.root / "drafts").exists()


# What marks the draft and the future-dated fixture posts, in any file that mentions them.
UNPUBLISHED = re.compile(
    r"a-draft-post|A(\s|&nbsp;|\xa0)Draft(\s|&nbsp;|\xa0)Post|must never be published"
    r"|a-future-post|A(\s|&nbsp;|\xa0)Future(\s|&nbsp;|\xa0)Post|must wait for its date"
)


def test_drafts_and_future_posts_absent_from_every_output_file(fixture_site):
    files = [p for p in fixture_site.root.rglob("*") if p.is_file()]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not UNPUBLISHED.search(text), path
        assert "draft" not in path.as_posix(), path
    # Where a post is listed (the future post shares the published post's role) was written,
    # and lists the published post: the absence above is not just missing pages.
    for rel in [
        "index.html",
        "archives/index.html",
        "sitemap.xml",
        "feeds/all.atom.xml",
        "roles/project-manager/index.html",
        "feeds/roles/project-manager.atom.xml",
    ]:
        assert "a-published-post" in fixture_site.read(rel), rel


def test_reading_posts_on_all_cores_builds_the_same_site_as_one_by_one(tmp_path):
    """Our reader's process pool (SPLITSVILLE["workers"]) changes nothing in the output."""
    import filecmp
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import make_corpus

    content = make_corpus(tmp_path / "content", posts=24)
    built = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}"
        result = invoke(
            "publish",
            "--content",
            str(content),
            "--output",
            str(out),
            siteurl="https://pool.example",
            env={"SPLITSVILLE_WORKERS": workers},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        built[workers] = out
    files = sorted(p.relative_to(built["1"]) for p in built["1"].rglob("*") if p.is_file())
    assert len(files) > 24
    _, mismatch, errors = filecmp.cmpfiles(built["1"], built["2"], files, shallow=False)
    assert not mismatch and not errors, mismatch + errors


def test_the_pool_reads_every_post_exactly_as_pelicans_process_would(tmp_path):
    import sys

    from pelican.settings import read_settings

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import make_corpus
    from splitsville.build.reader import ReadAhead, SplitsvilleMarkdownReader, read_all

    content = make_corpus(tmp_path / "content", posts=12)
    settings = read_settings(str(ROOT / "publishconf.py"), override={"PATH": str(content)})
    settings["SPLITSVILLE"] = {**settings["SPLITSVILLE"], "workers": 2}
    paths = sorted(str(p) for p in (content / "posts").glob("*.md"))
    ReadAhead.coming.clear()
    read_all(settings, paths)
    assert sorted(ReadAhead.coming) == paths  # the pool really runs
    reader = SplitsvilleMarkdownReader(settings)
    for path in reversed(paths):  # asked for out of order, each still comes back
        pooled_content, pooled_meta = ReadAhead.take(path)
        content_here, meta_here = reader.read_now(path)
        assert pooled_content == content_here
        assert {k: str(v) for k, v in pooled_meta.items()} == {
            k: str(v) for k, v in meta_here.items()
        }
    assert not ReadAhead.coming and ReadAhead.take(paths[0]) is None  # each is taken once


def test_a_reader_that_read_other_posts_reads_each_as_a_fresh_one_would(tmp_path):
    """Our reader keeps its Markdown objects from file to file: nothing may carry over."""
    import sys

    from pelican.settings import read_settings

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import make_corpus
    from splitsville.build.reader import SplitsvilleMarkdownReader

    corpus = make_corpus(tmp_path / "content", posts=6)
    paths = [
        *sorted((ROOT / "content" / "posts").glob("*.md")),
        *sorted((FIXTURE_SITE / "posts").glob("*.md")),
        *sorted((corpus / "posts").glob("*.md")),
    ]
    settings = read_settings(str(ROOT / "publishconf.py"))
    reused = SplitsvilleMarkdownReader(settings)
    for path in [*paths, *reversed(paths)]:  # every post read after others, both ways round
        try:
            fresh = SplitsvilleMarkdownReader(settings).read_now(str(path))
        except Exception as error:  # the fixture site's deliberately bad posts fail alike
            with pytest.raises(type(error)):
                reused.read_now(str(path))
            continue
        again = reused.read_now(str(path))
        assert again[0] == fresh[0], path
        assert {k: str(v) for k, v in again[1].items()} == {
            k: str(v) for k, v in fresh[1].items()
        }, path


def test_the_search_and_404_pages_say_noindex_and_stay_out_of_the_sitemap(site):
    """Search results and a not-found page are no content of their own for search engines."""
    sitemap = site.read("sitemap.xml")
    for rel, url in (("search/index.html", "/search/"), ("404.html", "/404.html")):
        page = BeautifulSoup(site.read(rel), "html.parser")
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex", rel
        assert f"<loc>{site.siteurl}{url}</loc>" not in sitemap, rel
    indexed = [p for p in site.root.rglob("*.html") if 'content="noindex"' not in p.read_text()]
    assert len(indexed) > 5  # every other page may be indexed
