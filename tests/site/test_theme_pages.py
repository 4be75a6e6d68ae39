"""The theme's markup, checked in the built pages: head, landmarks, byline, prose, navigation."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from splitsville import theme

import publishconf
from helpers import oldest_post

TYPOGRAPHY = "posts/typography-other-details/index.html"  # tests/fixtures/site: every element
CSS = "theme/css/main.css"
SOURCE_CSS = Path(publishconf.THEME) / "static" / "css"  # the theme's own, before minifying


def soup(site, rel: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(rel), "html.parser")


def pages(site) -> list[str]:
    return sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html"))


def meta(page: BeautifulSoup, **attrs) -> str:
    tag = page.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return tag["content"]


def test_every_page_head_has_what_browsers_readers_and_sharers_need(site):
    backgrounds = {
        f"(prefers-color-scheme: {scheme})": theme.css_tokens(site.read(CSS), ["--bg"], scheme)[
            "--bg"
        ]
        for scheme in ("light", "dark")
    }
    for rel in pages(site):
        page = soup(site, rel)
        title = page.title.get_text()
        name = publishconf.SITENAME  # the home page is the site's name; others end with it
        assert title == name or title.endswith(f" | {name}"), rel
        assert len(meta(page, name="description")) > 20, rel
        canonical = page.find("link", rel="canonical")
        if canonical is not None:  # none on the 404 page (test_output.py)
            assert meta(page, property="og:url") == canonical["href"], rel
        assert meta(page, property="og:title") and meta(page, property="og:description"), rel
        # Open Graph's locale is language_TERRITORY, and its language the page's own.
        locale = meta(page, property="og:locale")
        assert re.fullmatch(r"[a-z]{2,3}_[A-Z]{2}", locale), rel
        assert locale == publishconf.SITE_LOCALE and locale.split("_")[0] == page.html["lang"], rel
        assert meta(page, property="og:type") == (
            "article" if rel.startswith("posts/") else "website"
        )
        # Every page shows a social card (test_cards.py), so every page shares as a large one.
        assert meta(page, name="twitter:card") == "summary_large_image", rel
        assert meta(page, name="twitter:title") == meta(page, property="og:title"), rel
        schemes = {
            m["media"]: m["content"] for m in page.find_all("meta", attrs={"name": "theme-color"})
        }
        assert schemes == backgrounds, rel  # the browser's chrome in the page's own colours
        feed = page.find("link", rel="alternate", type="application/atom+xml")
        assert site.path_of(feed["href"]).is_file(), rel
        icon = page.find("link", rel="icon")
        assert icon["type"] == "image/svg+xml" and site.path_of(icon["href"]).is_file(), rel
        scripts = {"posts": ["application/ld+json"], "search": [None]}  # search.js, no type
        assert [s.get("type") for s in page.find_all("script")] == scripts.get(
            rel.split("/")[0], []
        ), rel


def test_posts_describe_themselves_in_json_ld(site, fixture_site):
    for built, rel in [(site, oldest_post(site) + "index.html"), (fixture_site, TYPOGRAPHY)]:
        page = soup(built, rel)
        script = page.find("script", type="application/ld+json").string
        assert "<" not in script  # escaped, so no text can close the script element
        data = json.loads(script)
        assert data["@type"] == "BlogPosting"
        assert data["url"] == page.find("link", rel="canonical")["href"]
        assert data["headline"] == page.h1.get_text().replace("\xa0", " ")  # machine text
        times = [t["datetime"] for t in page.select(".date-line time")]
        assert [data["datePublished"], data["dateModified"]][: len(times)] == times
        assert data["author"]["name"] in page.select_one(".date-line").get_text()


def test_every_page_has_landmarks_and_a_skip_link_first(site):
    for rel in pages(site):
        body = soup(site, rel).body
        first = body.find(True)
        assert first.name == "a" and first["href"] == "#main", rel
        assert body.find("main")["id"] == "main", rel
        assert len(body.find_all("main")) == 1 and len(body.find_all("h1")) == 1, rel
        assert body.find("header", class_="site-header").find("nav")["aria-label"], rel
        assert body.find("footer", class_="site-footer"), rel


def test_the_home_page_names_the_site_once_and_says_what_it_is_about(site):
    """The header names the site; the one heading is the description, not the name again."""
    home = soup(site, "index.html")
    assert home.select_one(".site-header .site-name").get_text() == publishconf.SITENAME
    heading = home.main.find("h1").get_text()
    assert heading == publishconf.SITE_DESCRIPTION != publishconf.SITENAME


def test_every_footer_links_the_sites_pages_and_the_feeds_page(site):
    menu = [f"{site.siteurl}/{url}" for _, url in publishconf.MAIN_MENU]
    for rel in pages(site):
        footer = soup(site, rel).find("footer", class_="site-footer")
        nav = footer.find("nav")
        links = [a["href"] for a in nav.find_all("a")]
        assert links == [*menu, f"{site.siteurl}/{publishconf.FEEDS_URL}"], rel
        assert nav["aria-label"] != soup(site, rel).select_one(".site-header nav")["aria-label"]
        home = footer.find("p").a
        assert home["href"] == f"{site.siteurl}/" and home.get_text() == publishconf.SITENAME


@pytest.mark.parametrize(
    ("rel", "current"),
    [
        ("index.html", {publishconf.SITENAME: "page"}),
        ("archives/index.html", {"Archives": "page"}),
        ("roles/index.html", {"Roles": "page"}),
        ("roles/project-manager/index.html", {"Roles": "true"}),
        ("about/index.html", {"About": "page"}),
        (TYPOGRAPHY, {}),
    ],
)
def test_navigation_marks_where_the_reader_is(fixture_site, rel, current):
    """The fixture site's pages (the theme's menu is the same on any site)."""
    header = soup(fixture_site, rel).find("header", class_="site-header")
    marked = {
        a.get_text(): a["aria-current"] for a in header.find_all("a", attrs={"aria-current": True})
    }
    assert marked == current


def test_a_modified_post_shows_both_dates(fixture_site):
    line = soup(fixture_site, TYPOGRAPHY).select_one(".date-line")
    assert [t["datetime"] for t in line.find_all("time")] == [
        "2026-01-04T10:00:00+00:00",
        "2026-01-09T16:30:00+00:00",
    ]
    assert "4 January 2026 · updated 9 January 2026" in line.get_text()


def test_prose_wraps_tables_and_code_so_the_page_never_scrolls_sideways(site, fixture_site):
    tables = 0
    for built in (site, fixture_site):
        for rel in pages(built):
            page = soup(built, rel)
            for table in page.find_all("table"):
                box = table.parent
                assert box["class"] == ["table-scroll"], rel
                named = box.get("aria-label") or box.get("aria-labelledby")
                assert (box["role"], box["tabindex"], bool(named)) == ("region", "0", True), rel
                tables += 1
            for pre in page.find_all("pre"):
                assert pre["tabindex"] == "0", rel
    assert tables >= 3


def text_of(tag) -> str:
    """An element's text as an accessible name computes it: whitespace collapsed, trimmed."""
    return " ".join(tag.get_text().split())


def test_every_table_in_a_post_has_a_caption_that_names_its_box(site, fixture_site):
    """The lint asks for a caption on every data table in a post (posts/rules.py), and the
    scrolling box around each table is named by it, so neither is announced as just "Table"."""
    for built in (site, fixture_site):
        for rel in pages(built):
            for table in soup(built, rel).select("article.post .prose table"):
                caption = table.find("caption", recursive=False)
                assert caption is not None and table.contents[0] is caption, rel
                name = text_of(caption)
                assert name and table.parent["aria-label"] == name, rel
                assert "Table:" not in name, rel


def test_the_fixture_tables_caption_keeps_its_markup_and_names_its_box(fixture_site):
    [table] = soup(fixture_site, TYPOGRAPHY).select(".prose table")
    caption = table.caption
    assert text_of(caption) == "Who does what: a wide RACI & its \u201cnotes\u201d"
    assert [tag.name for tag in caption.find_all(True)] == ["em", "span", "span"]
    assert table.parent["aria-label"] == text_of(caption)
    assert "Table:" not in fixture_site.read(TYPOGRAPHY)


def test_every_styled_class_the_content_produces_is_styled(fixture_site):
    """typogrify's classes and Pygments' tokens in the fixture are all in the stylesheet."""
    page = soup(fixture_site, TYPOGRAPHY)
    css = fixture_site.read(CSS)
    for name in ("caps", "amp", "dquo", "footnote", "footnote-ref", "table-scroll"):
        assert page.find(class_=name), name
        assert re.search(rf"\.{name}\b", css), name
    tokens = {c for span in page.select(".highlight span[class]") for c in span["class"]}
    assert {"k", "nf", "nb", "sd", "c1"} <= tokens
    # Code colours come in code.css, which a page loads only when it has highlighted code.
    code_css = fixture_site.read("theme/css/code.css")
    links = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert f"{fixture_site.siteurl}/theme/css/code.css" in links
    plain = {"n", "p", "w", "o"}  # names, punctuation, spaces and operators stay in the text colour
    for token in tokens - plain:
        assert re.search(rf"\.{token}\b", code_css), token
    assert page.find("blockquote") and page.find("figure").find("figcaption")


def test_pages_without_code_do_not_load_the_code_colours(site, fixture_site):
    """Every page of either build loads code.css if and only if it has highlighted code, and a
    post without code loads main.css alone (with, for notes and sections, their own sheets:
    test_reading.py); the fixture site has posts of both kinds, whatever the content has."""
    kinds = set()
    for built in (site, fixture_site):
        main, code = (f"{built.siteurl}/theme/css/{name}.css" for name in ("main", "code"))
        for rel in pages(built):
            page = soup(built, rel)
            has_code = bool(page.select(".highlight"))
            links = [link["href"] for link in page.select('link[rel="stylesheet"]')]
            reading = ("/notes.css", "/sections.css")
            links = [link for link in links if not link.endswith(reading)]
            assert (code in links) == has_code, rel
            if rel.startswith("posts/"):
                assert links == ([main, code] if has_code else [main]), rel
                if built is fixture_site:
                    kinds.add(has_code)
    assert kinds == {True, False}


def test_colours_live_in_tokens_and_dark_mode_changes_only_tokens():
    """Of the theme's source: its section comments are gone from the built file."""
    css = SOURCE_CSS.joinpath("main.css").read_text(encoding="utf-8")
    base = css.index("/* 3. Base")
    assert not re.findall(r"#[0-9a-fA-F]{3,6}\b|rgba?\(|hsla?\(", css[base:])
    dark = css[css.index("@media (prefers-color-scheme: dark)") : css.index("/* Paper")]
    declarations = re.findall(r"([\w-]+)\s*:", dark.split("{", 2)[2])
    assert declarations and all(d.startswith("--") for d in declarations), declarations
    assert "@media print" in css[css.index("/* 7. Print") :]


def test_home_points_new_readers_to_the_essay(site):
    """START_HERE (pelicanconf.py) leads to the oldest post, the essay everything else follows
    up; set empty, there is no such line (tests/site/test_theme_copy.py)."""
    import publishconf

    start_here = publishconf.START_HERE
    start = soup(site, "index.html").select_one(".list-header .start")
    if not start_here:
        assert start is None
        return
    oldest = soup(site, "archives/index.html").select(".archive a")[-1]  # newest first
    assert start.get_text().startswith(f"{start_here} ")
    assert start.a["href"] == oldest["href"]
    assert start.a.get_text().split() == oldest.get_text().split()  # no-break spaces or not


def test_the_built_stylesheets_are_the_themes_without_comments_or_spaces(site):
    """The theme's CSS is written to be read; readers download it minified (theme.py), holding
    the same colour tokens and the same media queries."""
    for built in sorted((site.root / "theme/css").glob("*.css")):
        css = built.read_text(encoding="utf-8")
        original = SOURCE_CSS.joinpath(built.name).read_text(encoding="utf-8")
        assert "/*" not in css and "\n" not in css.strip(), built.name
        assert len(css) < len(original), built.name
        media = re.compile(r"@media\s*([^{]*?)\s*\{")
        assert [re.sub(r"\s", "", q) for q in media.findall(css)] == [
            re.sub(r"\s", "", q) for q in media.findall(original)
        ], built.name
    for scheme in ("light", "dark"):
        names = ["--bg", "--text", "--accent"]
        assert theme.css_tokens(site.read(CSS), names, scheme) == theme.css_tokens(
            SOURCE_CSS.joinpath("main.css").read_text(encoding="utf-8"), names, scheme
        )
