"""The bad-input corpus (tests/fixtures/bad/, expectations in expected.toml) through real builds.

Posts that must render are built together in one fixture site; `invoke check` runs once over all
the posts that must be refused; each post that must stop a build gets a tiny content folder of its
own, built over the output of a last good build that must come through byte for byte.
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

import publishconf
from helpers import FIXTURE_SITE, ROOT, build_site, invoke, vnu_messages

BAD = ROOT / "tests" / "fixtures" / "bad"
EXPECTED = tomllib.loads((BAD / "expected.toml").read_text(encoding="utf-8"))
SITEURL = "https://fixture.example"


def text(value: str) -> str:
    """Text as a reader sees it: typogrify's no-break spaces are spaces."""
    return " ".join(value.replace("\xa0", " ").split())


def tiny_content(folder: Path, posts: list[Path]) -> Path:
    """A content folder: the fixture site's roles, pages and images, and these posts only."""
    folder.mkdir(parents=True)
    for name in ("roles.toml", "pages", "extra", "images"):
        source = FIXTURE_SITE / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, folder / name)
    (folder / "posts").mkdir()
    for post in posts:
        shutil.copy(post, folder / "posts" / post.name)
    return folder


def stop_files(name: str) -> list[Path]:
    case = EXPECTED["stops"][name]
    return [BAD / "stops" / name] + ([BAD / "stops" / case["with"]] if "with" in case else [])


def pad(folder: Path) -> None:
    """Grow the posts the manifest asks for to their size, with plain paragraphs."""
    for name, case in EXPECTED["stops"].items():
        path = folder / "posts" / name
        if "pad_to_bytes" in case and path.exists():
            paragraph = "A paragraph of padding, one of many.\n\n"
            missing = case["pad_to_bytes"] - path.stat().st_size
            with path.open("a", encoding="utf-8") as file:
                file.write(paragraph * (missing // len(paragraph) + 1))


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_every_corpus_file_has_its_expectation():
    total = 0
    for kind in ("renders", "stops", "refused"):
        files = {path.name for path in (BAD / kind).iterdir()}
        named = set(EXPECTED[kind])
        named |= {case["with"] for case in EXPECTED[kind].values() if "with" in case}
        assert files == named, kind
        total += len(files)
    assert total >= 20


# --- Strange posts that must render, as text, everywhere their metadata goes --------------------
@pytest.fixture(scope="module")
def strange(tmp_path_factory):
    """Every post of renders/ in one site, built as `make publish` builds (check first)."""
    tmp = tmp_path_factory.mktemp("strange")
    content = tiny_content(tmp / "content", sorted((BAD / "renders").iterdir()))
    site = build_site(tmp, SITEURL, content=content)
    feed = feedparser.parse(site.read("feeds/all.atom.xml"))
    site.entries = {entry.link: entry for entry in feed.entries}
    return site


def test_strange_posts_build_without_a_warning(strange):
    assert "WARNING" not in strange.log and "ERROR" not in strange.log
    assert "every post in" in strange.log  # invoke check found nothing to refuse


@pytest.mark.parametrize("name", sorted(EXPECTED["renders"]))
def test_strange_post_renders_as_text(strange, name):
    case = EXPECTED["renders"][name]
    url = f"{SITEURL}/posts/{case['slug']}/"
    soup = BeautifulSoup(strange.path_of(url).read_text(encoding="utf-8"), "html.parser")
    heading = text(soup.h1.get_text())
    if "h1" in case:
        assert heading == case["h1"]
    else:
        assert heading.startswith(case["h1_starts"])
    # The same text in the tab title, the social tags, the JSON-LD and the feed, never markup.
    assert text(soup.title.get_text()) == f"{heading} | {publishconf.SITENAME}"
    for meta in soup.select('meta[property="og:title"], meta[name="twitter:title"]'):
        assert text(meta["content"]) == heading
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    data = json.loads(scripts[0].string)
    assert text(data["headline"]) == heading
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert text(data["description"]) == text(description)
    entry = strange.entries[url]
    assert text(entry.title) == heading
    assert not soup.select(".prose script, .prose [onerror], .prose [onmouseover]")
    check_extras(case, soup, data, entry, text(description))


def check_extras(case, soup, data, entry, description) -> None:
    if "author" in case:
        assert soup.select_one(".date-line").get_text().startswith(f"By {case['author']} ·")
        assert data["author"]["name"] == case["author"]
        assert entry.author == case["author"]
    if "description" in case:
        assert description == case["description"]
    if "roles" in case:
        assert [a.get_text() for a in soup.select(".post-roles a")] == case["roles"]
    if "nested_lists" in case:
        assert len(soup.select(".prose ul")) == case["nested_lists"]
    if "code_text" in case:
        assert case["code_text"] in soup.select_one(".prose pre").get_text()
    for href, rel in case.get("rel", {}).items():
        link = soup.select_one(f'.prose a[href="{href}"]')
        assert " ".join(link.get("rel", [])) == rel, href
    if "raw_element" in case:
        assert soup.select_one(f".prose {case['raw_element']}") is not None


def test_strange_titles_stay_text_in_llms_txt(strange):
    """llms.txt is Markdown: rendered as CommonMark, each title is the link's text, as on its
    page, and no title or summary turns into an element."""
    from markdown_it import MarkdownIt

    rendered = BeautifulSoup(
        MarkdownIt("commonmark").render(strange.read("llms.txt")), "html.parser"
    )
    items = rendered.select("li")
    assert len(items) == len(EXPECTED["renders"])
    assert [[element.name for element in item.find_all()] for item in items] == [["a"]] * len(items)
    links = {item.a["href"]: text(item.a.get_text()) for item in items}
    for case in EXPECTED["renders"].values():
        url = f"{SITEURL}/posts/{case['slug']}/"
        page = BeautifulSoup(strange.path_of(url).read_text(encoding="utf-8"), "html.parser")
        assert links[url] == text(page.h1.get_text())


def test_strange_posts_make_valid_html(strange):
    pages = sorted(strange.root.rglob("*.html"))
    messages = vnu_messages(pages)
    assert len(pages) > len(EXPECTED["renders"])
    assert [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_strange_titles_make_a_valid_sitemap_and_feed(strange):
    import xml.etree.ElementTree as ET

    ET.fromstring(strange.read("sitemap.xml").encode())
    for feed in ("all.atom.xml", "all.rss.xml"):
        ET.fromstring(strange.read(f"feeds/{feed}").encode())
    json.loads(strange.read("feeds/all.json"))
    assert len(strange.entries) == len(EXPECTED["renders"])


# --- Posts `invoke check` refuses: one run over all of them ------------------------------------
@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("refused")
    posts = sorted((BAD / "stops").iterdir()) + sorted((BAD / "refused").iterdir())
    content = tiny_content(tmp / "content", posts)
    pad(content)
    result = invoke("check", "--content", str(content), siteurl=SITEURL)
    return content / "posts", result


def test_check_prints_one_line_per_bad_post_and_fails(checked):
    folder, result = checked
    expected = [
        case["check"].replace("{posts}", str(folder))
        for kind in ("stops", "refused")
        for case in EXPECTED[kind].values()
    ]
    lines = result.stderr.splitlines()
    assert result.returncode != 0
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == f"check: {len(expected)} problem(s); fix them and run `invoke check` again."
    assert "Traceback" not in result.stdout + result.stderr


# --- Posts that stop the build, each over the last good build ----------------------------------
@pytest.fixture(scope="module")
def stopped(tmp_path_factory):
    """The last good build, then each stopping post built over it: what each printed, and the
    output folder's digest after each."""
    tmp = tmp_path_factory.mktemp("stops")
    good = tiny_content(tmp / "good", [BAD / "renders" / "script-title.md"])
    output = tmp / "output"
    build = ["build", "--content", str(good), "--output", str(output)]
    result = invoke(*build, siteurl=SITEURL)
    assert result.returncode == 0, result.stderr
    before = tree_digest(output)
    runs = {}
    for name, case in EXPECTED["stops"].items():
        content = tiny_content(tmp / name, stop_files(name))
        pad(content)
        if case.get("settings") == "publishconf.py":
            # Production's own check, without the lint that `make publish` runs first.
            command = [sys.executable, "-m", "pelican", str(content), "-s", "publishconf.py"]
            command += ["-o", str(tmp / "production"), "--fatal", "warnings"]
            command += ["--log-handler", "plain"]
            run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
            publish = ["publish", "--content", str(content), "--output", str(output)]
            assert invoke(*publish, siteurl=SITEURL).returncode != 0
        else:
            build = ["build", "--content", str(content), "--output", str(output)]
            run = invoke(*build, siteurl=SITEURL)
        runs[name] = (content / "posts", run, tree_digest(output))
    return before, runs


@pytest.mark.parametrize("name", sorted(EXPECTED["stops"]))
def test_bad_post_stops_the_build_with_one_line(stopped, name):
    _, runs = stopped
    folder, run, _ = runs[name]
    printed = run.stdout + run.stderr
    assert run.returncode != 0
    assert EXPECTED["stops"][name]["build"].replace("{posts}", str(folder)) in printed.splitlines()
    assert "Traceback" not in printed and "Could not process" not in printed


def test_output_is_the_last_good_build_after_each_stop(stopped):
    before, runs = stopped
    assert before and "posts/scriptalert1script-account-project-managers/index.html" in before
    for name, (_, _, after) in runs.items():
        assert after == before, name
