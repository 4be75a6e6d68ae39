"""Property tests: any title or author, however hostile, reaches every page, feed and JSON-LD as
that text, and the pages stay valid HTML. Each example builds a real site of a few posts."""

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import feedparser
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import pelicanconf  # the settings of task="build"
from helpers import FIXTURE_SITE, build_site, vnu_messages

SITEURL = "https://fixture.example"
POSTS = 9  # per build: each example is a whole site, so examples are few and posts many

# Pieces of metadata: markup, quotes, entities, comment and script openers, letters from several
# scripts, emoji, invisible and control characters. No backticks, dots or dashes: typogrify
# makes `` ... -- into other characters, which a text comparison could not map back.
PIECES = [
    *"aZ09 <>&\"'/=;:!?()[]{}#|\\*_%+",
    *("é", "ß", "中", "🎉", "ש", "ﷺ", "\u200b", "\u2028", "\ufeff", "\u202e"),
    *("\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f"),
    *("&amp;", "&lt;", "&#60;", "<script>", "</script>", "<b>", "<!", "<![CDATA[", "]]>"),
    *("{{", "%}", ' onerror="x"', "javascript:", "\\u003c"),
]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)
CONTROLS = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(127, 160)]} | {"\ufffe"}
TYPESET = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\xa0": " "})
ATOM = "{http://www.w3.org/2005/Atom}"


def shown(value: str) -> str:
    """Text as a reader sees it: curly quotes straightened, whitespace runs as one space."""
    return " ".join(value.translate(TYPESET).split())


def expected(value: str, typeset: bool = False) -> str:
    """What a metadata value must show: itself, without the control characters; in a typeset
    value (the title), two single quotes as the double quote typogrify makes of them."""
    value = "".join(c for c in value if c not in CONTROLS)
    return shown(value.replace("''", '"') if typeset else value)


def write_site(folder: Path, metadata: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    for name in ("roles.toml", "pages", "extra", "images"):
        source = FIXTURE_SITE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    (folder / "posts").mkdir()
    for number, (title, author) in enumerate(metadata):
        (folder / "posts" / f"p{number}.md").write_text(
            f"Title: T {title} end\nAuthor: A {author} end\nSlug: p{number}\n"
            f"Date: 2026-04-0{number + 1} 10:00\nTags: Project Manager\nSummary: Plain.\n\nBody.\n",
            encoding="utf-8",
        )
    return folder


@settings(
    max_examples=2,
    deadline=None,
    # A failing example is printed as it is: shrinking would rebuild a site hundreds of times.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=POSTS, max_size=POSTS))
# Found by this test once: "\u00df" then typogrify's no-break space, which feedparser garbled.
@example([("+\u00df", "&#60;")] * POSTS)
# Found once: two single quotes, which typogrify turns into a closing double quote.
@example([("a''b", "''")] * POSTS)
# Found once: a backslash pair (joined by dropping the control character between them), which
# smartypants read as an escape and halved.
@example([("]:{{Z!javascript:\\\x7f\\\x9f%\ufeff{{", "_9")] * POSTS)
# Found once: a backslash before a quote, which SmartyPants once read as an escape
# and dropped (posts/typography.py keeps it now).
@example([("\\'/", "a"), ('\\\\"x', "b")] + [("c", "d")] * (POSTS - 2))
def test_any_title_and_author_render_as_text_everywhere(tmp_path_factory, metadata):
    tmp = tmp_path_factory.mktemp("escaping")
    content = write_site(tmp / "content", metadata)
    site = build_site(tmp, SITEURL, task="build", content=content)
    assert "WARNING" not in site.log and "ERROR" not in site.log
    atom = site.read("feeds/all.atom.xml")
    assert not feedparser.parse(atom).bozo
    # Titles and authors read with a strict XML parser: feedparser "repairs" some valid UTF-8
    # (it turned "\u00df\u00a0" into "\u07e0"), which is its bug, not the feed's.
    feed = {
        entry.find(f"{ATOM}link").get("href"): (
            entry.findtext(f"{ATOM}title"),
            entry.findtext(f"{ATOM}author/{ATOM}name"),
        )
        for entry in ElementTree.fromstring(atom.encode("utf-8")).iter(f"{ATOM}entry")
    }
    assert len(feed) == POSTS
    pages = []
    for number, (title, author) in enumerate(metadata):
        title, author = expected(f"T {title} end", typeset=True), expected(f"A {author} end")
        url = f"{SITEURL}/posts/p{number}/"
        pages.append(site.path_of(url))
        soup = BeautifulSoup(pages[-1].read_text(encoding="utf-8"), "html.parser")
        assert shown(soup.h1.get_text()) == title
        assert shown(soup.title.get_text()) == f"{title} | {pelicanconf.SITENAME}"
        assert shown(soup.find("meta", property="og:title")["content"]) == title
        assert shown(soup.select_one(".date-line").get_text()).startswith(f"By {author} ·")
        scripts = soup.find_all("script")
        assert [s.get("type") for s in scripts] == ["application/ld+json"]
        data = json.loads(scripts[0].string)
        assert shown(data["headline"]) == title and shown(data["author"]["name"]) == author
        assert shown(feed[url][0]) == title and shown(feed[url][1]) == author
    pages += [site.root / "index.html", site.root / "archives" / "index.html"]
    errors = vnu_messages(pages)
    assert errors == [], [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in errors]
