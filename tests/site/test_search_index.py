"""The search index Pagefind writes into the build, and the search page that reads it."""

import gzip
import json
import re
import shutil
import time
from pathlib import Path

from bs4 import BeautifulSoup

from helpers import FIXTURE_SITE, a_word_of, invoke, oldest_post
from tools.search import SEARCHED, SHARDS, shards


def indexed(root: Path) -> dict[str, dict]:
    """Every page in Pagefind's index: {url: its fragment (title, words)}.

    A fragment file is gzip: a short signature, then one page's record as JSON.
    """
    pages = {}
    for bundle in bundles(root):
        found = {}
        for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            record = json.loads(data[data.index(b"{") :])
            found[record["url"]] = record
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(found)
        assert not set(found) & set(pages), "a post in two shards"
        pages |= found
    return pages


def bundles(root: Path) -> list[Path]:
    """The index's bundles: pagefind/ and the further shards it names (tools/search.py)."""
    shards = json.loads((root / SHARDS).read_text(encoding="utf-8"))["shards"]
    return [root / "pagefind", *(root / "pagefind" / shard for shard in shards)]


def published_posts(root: Path) -> set[str]:
    """The posts a build wrote, as site-relative addresses ("/posts/<slug>/")."""
    return {f"/{p.parent.relative_to(root).as_posix()}/" for p in root.glob("posts/*/index.html")}


def test_the_index_holds_exactly_the_published_posts(site, fixture_site):
    for built in (site, fixture_site):
        posts = published_posts(built.root)
        assert len(posts) >= 3
        assert set(indexed(built.root)) == posts
        # ...the posts the sitemap lists, too.
        locs = re.findall(r"<loc>([^<]+)</loc>", built.read("sitemap.xml"))
        in_sitemap = {loc.removeprefix(built.siteurl) for loc in locs if "/posts/" in loc}
        assert in_sitemap == posts


def test_only_the_post_text_is_indexed_not_the_pages_around_it(site):
    post = oldest_post(site)
    page = BeautifulSoup(site.read(post + "index.html"), "html.parser")
    record = indexed(site.root)[f"/{post}"]
    assert record["meta"]["title"] == page.h1.get_text()
    assert a_word_of(site, post) in record["content"]
    # The header (date line, roles, credit) and the navigation are not the post's text.
    assert "min read" not in record["content"] and "Skip to content" not in record["content"]
    assert "Archives" not in record["content"]


def test_a_footnotes_text_is_indexed_and_its_back_link_is_not(site, fixture_site):
    checked = 0
    for built in (site, fixture_site):
        records = indexed(built.root)
        for url in published_posts(built.root):
            page = BeautifulSoup(built.read(url.lstrip("/") + "index.html"), "html.parser")
            notes = page.select("[data-pagefind-body] div.footnote li")
            if not notes:
                continue
            content = " ".join(records[url]["content"].split())
            arrows = {a.get_text() for a in page.select("a.footnote-backref")}
            assert not any(arrow in content for arrow in arrows), (url, arrows)
            for note in notes:
                for back in note.select("a.footnote-backref"):
                    back.decompose()
                words = note.get_text(" ").split()
                assert " ".join(words[:3]) in content, (url, words)
                checked += 1
    assert checked  # the fixture site has a footnote


def test_a_local_build_with_drafts_indexes_no_draft(tmp_path):
    """`make serve` and `invoke build` write drafts for preview; search never finds them."""
    out = tmp_path / "output"
    args = ["--output", str(out), "--content", str(FIXTURE_SITE)]
    result = invoke("build", *args, siteurl="https://local.example")
    assert result.returncode == 0, result.stdout + result.stderr
    drafts = list((out / "drafts").glob("*/index.html"))
    assert len(drafts) == 2  # the draft and the future post are previewed...
    pages = indexed(out)
    assert set(pages) == published_posts(out)  # ...and not indexed
    assert not any("Draft" in page["meta"]["title"] for page in pages.values())


def test_the_search_page_has_a_labelled_search_landmark_and_browse_links(site):
    page = BeautifulSoup(site.read("search/index.html"), "html.parser")
    form = page.find(attrs={"role": "search"})
    box = form.find("input", type="search")
    assert page.find("label", attrs={"for": box["id"]}).get_text(strip=True)
    # Shown by the script: without it the box could do nothing.
    assert form.has_attr("hidden")
    assert form["data-bundle"] == site.siteurl + "/pagefind/"
    assert form["data-base"] == site.siteurl + "/"
    assert (site.root / "pagefind" / "pagefind.js").is_file()
    assert "needs JavaScript" in page.find(id="search-needs-js").get_text()
    browse = [a["href"] for a in page.find(class_="search-browse").find_all("a")]
    assert browse == [site.siteurl + "/roles/", site.siteurl + "/archives/"]
    # One external script, no inline code: a Content-Security-Policy can forbid inline scripts.
    scripts = page.find_all("script")
    assert [s.get("src") for s in scripts] == [site.siteurl + "/theme/js/search.js"]
    assert all(not s.string for s in scripts)
    assert page.find("p", role="status") is not None  # the live region that counts results


def test_every_page_links_the_search_page_from_its_navigation(site):
    for path in site.root.rglob("*.html"):
        nav = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            "nav", attrs={"aria-label": "Main"}
        )
        links = {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}
        assert links["Search"] == site.siteurl + "/search/", path


def test_a_failed_index_leaves_output_as_it_was(fixture_site, tmp_path):
    """Indexing is the last step before the swap: if Pagefind fails, output/ keeps the last
    good build, untouched. (PAGEFIND_BINARY_PATH is the pagefind package's own override.)"""
    output = tmp_path / "output"
    shutil.copytree(fixture_site.root, output)
    before = {p: p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: the index could not be written' >&2\nexit 3\n")
    failing.chmod(0o755)
    result = invoke(
        "publish",
        *("--output", str(output), "--content", str(FIXTURE_SITE)),
        siteurl=fixture_site.siteurl,
        env={"PAGEFIND_BINARY_PATH": str(failing)},
    )
    said = result.stdout + result.stderr
    assert result.returncode != 0, said
    assert "Error: the index could not be written" in said
    assert "output/ is unchanged, the last good build is still there." in said, said
    assert "Traceback" not in said, said
    assert {p: p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "pagefind"]


def test_a_broken_link_stops_the_index_running_beside_it(fixture_site, tmp_path):
    """Pagefind indexes while the link check reads the fresh build. A broken link stops it
    (it is not left running, nor waited for) and output/ keeps the last good build."""
    output = tmp_path / "site" / "output"
    shutil.copytree(fixture_site.root, output)
    before = {p: p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    (content / "posts" / "broken.md").write_text(
        "Title: Broken\nDate: 2026-01-02 09:00\nTags: Project Manager\nSummary: A gone link.\n\n"
        f"See [gone]({fixture_site.siteurl}/posts/gone/).\n",
        encoding="utf-8",
    )
    marks = tmp_path / "marks"
    marks.mkdir()
    slow = tmp_path / "slow-pagefind"
    slow.write_text(f"#!/bin/sh\ntouch {marks}/started\nsleep 3\ntouch {marks}/finished\n")
    slow.chmod(0o755)
    result = invoke(
        "publish",
        *("--output", str(output), "--content", str(content)),
        siteurl=fixture_site.siteurl,
        env={"PAGEFIND_BINARY_PATH": str(slow)},
    )
    said = result.stdout + result.stderr
    assert result.returncode != 0, said
    assert "posts/broken/index.html: " in said and "no file posts/gone/index.html" in said, said
    assert "output/ is unchanged, the last good build is still there." in said, said
    assert "Traceback" not in said, said
    assert {p: p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()} == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]
    time.sleep(4)  # longer than the slow index takes: had it been left running, it would be done
    assert not (marks / "finished").exists()


def test_pagefind_reads_every_page_that_has_text_to_index(site, fixture_site):
    """The build points Pagefind at the posts only (SEARCHED, in tools/search.py): a page of any
    other kind marked data-pagefind-body would silently be left out of the index."""
    searched = SEARCHED
    for built in (site, fixture_site):
        marked = {
            p.relative_to(built.root)
            for p in built.root.rglob("*.html")
            if "data-pagefind-body" in p.read_text(encoding="utf-8")
        }
        assert len(marked) >= 3
        assert marked == set(p.relative_to(built.root) for p in built.root.glob(searched))


def test_a_large_site_is_indexed_in_shards_and_an_edit_reindexes_one(tmp_path):
    """SEARCH_SHARD_POSTS bounds the posts of one Pagefind run (its memory grows with them):
    here 2, so the fixture site's posts are indexed in shards, each post in exactly one. After
    an edit to one post's text only its shard is indexed again, and the index is the one a
    clean build of the edited site writes."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    env = {"SPLITSVILLE_SEARCH_SHARD_POSTS": "2", "SPLITSVILLE_CACHE_PATH": str(tmp_path / "c")}

    def publish(out: str, cache: str = "c"):
        result = invoke(
            "publish",
            "--content",
            str(content),
            "--output",
            str(tmp_path / out),
            siteurl="https://shards.example",
            env={**env, "SPLITSVILLE_CACHE_PATH": str(tmp_path / cache)},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return tmp_path / out, result.stdout

    out, log = publish("first")
    posts = published_posts(out)
    count = len(shards(out, 2))  # ceil(posts / 2) shards by a hash, any empty one left out
    assert count >= 2 and len(bundles(out)) == count
    assert set(indexed(out)) == posts
    assert f"search: {count} shard(s) indexed, 0 reused" in log

    post = sorted((content / "posts").glob("*.md"))[0]
    post.write_text(post.read_text(encoding="utf-8") + "\nA sentence added.\n", "utf-8")
    warm, log = publish("warm")
    assert f"search: 1 shard(s) indexed, {count - 1} reused" in log
    clean, _ = publish("clean", cache="empty")
    files = sorted(p.relative_to(clean).as_posix() for p in (clean / "pagefind").rglob("*"))
    assert files == sorted(p.relative_to(warm).as_posix() for p in (warm / "pagefind").rglob("*"))
    for rel in files:
        if (clean / rel).is_file():
            assert (clean / rel).read_bytes() == (warm / rel).read_bytes(), rel
