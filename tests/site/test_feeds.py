"""The feeds as readers get them: Atom, RSS and JSON Feed, whole posts, absolute links, and the
same set of posts as the sitemap and llms.txt."""

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup
from jsonfeed_validator import problems as jsonfeed_problems

import publishconf

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "cite")


def xml_feeds(site) -> list[str]:
    """Every Atom and RSS file the build wrote, relative to the output root."""
    return sorted(p.relative_to(site.root).as_posix() for p in site.root.glob("feeds/**/*.xml"))


def parsed(site, rel: str):
    feed = feedparser.parse(site.read(rel))
    assert not feed.bozo, f"{rel}: {feed.bozo_exception}"
    return feed


def post_urls(site) -> set[str]:
    """Published posts, from the pages the build wrote."""
    return {
        f"{site.siteurl}/{p.parent.relative_to(site.root).as_posix()}/"
        for p in site.root.glob("posts/*/index.html")
    }


def roles_of_posts(site) -> dict[str, set[str]]:
    """Each post's roles, read from its byline (role slugs from the role links)."""
    found = {}
    for url in post_urls(site):
        page = BeautifulSoup(site.path_of(url).read_text(encoding="utf-8"), "html.parser")
        links = page.select(".post-header .role-list a")
        found[url] = {a["href"].rstrip("/").rsplit("/", 1)[1] for a in links}
    return found


def json_feed(site) -> dict:
    return json.loads(site.read("feeds/all.json"))


@pytest.fixture(params=["site", "fixture_site"])
def any_site(request):
    return request.getfixturevalue(request.param)


def test_every_feed_parses_and_every_entry_link_is_a_page(any_site):
    site = any_site
    names = xml_feeds(site)
    assert {"feeds/all.atom.xml", "feeds/all.rss.xml"} <= set(names)
    for rel in names:
        feed = parsed(site, rel)
        assert feed.version == ("atom10" if rel.endswith(".atom.xml") else "rss20"), rel
        assert feed.entries, rel
        for entry in feed.entries:
            assert entry.link.startswith(site.siteurl + "/posts/"), (rel, entry.link)
            assert site.path_of(entry.link).is_file(), (rel, entry.link)


def test_whole_site_feeds_hold_every_published_post_and_nothing_else(any_site):
    """...in all three formats, and the sitemap and llms.txt list the same posts."""
    site = any_site
    expected = post_urls(site)
    assert expected
    for rel in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        assert {e.link for e in parsed(site, rel).entries} == expected, rel
    assert {item["url"] for item in json_feed(site)["items"]} == expected
    urlset = ET.fromstring(site.read("sitemap.xml"))
    in_sitemap = {loc.text for loc in urlset.iterfind("s:url/s:loc", SITEMAP_NS)}
    assert {url for url in in_sitemap if "/posts/" in url} == expected
    llms = re.findall(r"^- \[.+?\]\((\S+)\)", site.read("llms.txt"), flags=re.M)
    assert sorted(llms) == sorted(expected)


def test_each_role_feed_holds_exactly_that_roles_posts(any_site):
    site = any_site
    roles = roles_of_posts(site)
    slugs = set().union(*roles.values())
    for kind in ("atom", "rss"):
        written = {p.name for p in (site.root / "feeds" / "roles").glob(f"*.{kind}.xml")}
        # A feed for each role with posts, and none for a role without.
        assert written == {f"{slug}.{kind}.xml" for slug in slugs}, kind
        for slug in slugs:
            feed = parsed(site, f"feeds/roles/{slug}.{kind}.xml")
            assert {e.link for e in feed.entries} == {
                url for url, carried in roles.items() if slug in carried
            }, (slug, kind)


def test_the_fixture_role_without_posts_has_no_feed(fixture_site):
    assert not list(fixture_site.root.glob("feeds/roles/unused-role.*"))


def urls_in(fragment: str) -> list[str]:
    """Every URL inside an entry's HTML, srcset candidates included."""
    soup = BeautifulSoup(fragment, "html.parser")
    urls = []
    for tag in soup.find_all(True):
        for attr in URL_ATTRIBUTES:
            if tag.has_attr(attr):
                value = tag[attr]
                if attr == "srcset":
                    urls += [c.split()[0] for c in value.split(",") if c.strip()]
                else:
                    urls.append(value)
    return urls


def entry_bodies(site) -> list[tuple[str, str, str]]:
    """(feed, entry link, HTML) for the content and summary of every entry in every feed."""
    bodies = []
    for rel in xml_feeds(site):
        for entry in parsed(site, rel).entries:
            for part in [*entry.get("content", []), entry.get("summary_detail")]:
                if part:
                    bodies.append((rel, entry.link, part.value))
    for item in json_feed(site)["items"]:
        bodies.append(("feeds/all.json", item["url"], item["content_html"]))
    return bodies


def test_every_url_inside_an_entry_is_absolute(any_site):
    site = any_site
    checked = 0
    for rel, link, body in entry_bodies(site):
        for url in urls_in(body):
            checked += 1
            assert url.startswith(("http://", "https://", "mailto:")), (rel, link, url)
            if url.startswith(site.siteurl + "/"):
                assert site.path_of(url).is_file(), (rel, link, url)
    assert checked


def test_footnote_links_point_at_the_post_page_and_its_ids(site, fixture_site):
    """`#fn:1` in a feed reader would point nowhere: it becomes the post's URL + fragment."""
    wholes = ("feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/all.json")
    for built in (site, fixture_site):
        found = set()
        for rel, link, body in entry_bodies(built):
            for url in urls_in(body):
                if "#" in url and url.startswith(built.siteurl):
                    page, fragment = url.split("#", 1)
                    target = built.path_of(page).read_text(encoding="utf-8")
                    assert page == link, (rel, link, url)
                    assert f'id="{fragment}"' in target, (rel, url)
                    found.add((rel, link))
        # Every post with footnotes has its footnote links in every whole-site feed.
        footnoted = {
            url
            for url in post_urls(built)
            if 'class="footnote-ref"' in built.path_of(url).read_text(encoding="utf-8")
        }
        assert {(rel, url) for rel in wholes for url in footnoted} <= found, footnoted
    assert footnoted  # the fixture site has footnotes, whatever the content has


def test_feeds_carry_whole_posts_not_summaries(site):
    """The last paragraph of each post's body is in its entry, in every feed that lists it."""
    bodies = entry_bodies(site)
    for url in post_urls(site):
        page = BeautifulSoup(site.path_of(url).read_text(encoding="utf-8"), "html.parser")
        for copy in page.select(".sidenote"):  # the page's margin copy of a note: not in feeds
            copy.decompose()
        last = page.select(".prose > p")[-1].get_text()
        tail = " ".join(last.split())[-60:]
        feeds = {rel for rel, link, _ in bodies if link == url}
        assert {"feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/all.json"} <= feeds, url
        for rel in feeds:
            texts = [
                " ".join(BeautifulSoup(body, "html.parser").get_text().split())
                for where, link, body in bodies
                if where == rel and link == url
            ]
            assert any(tail in text for text in texts), (rel, url, tail)


def test_atom_and_rss_need_no_xslt(any_site):
    """Browsers are dropping XSLT: no feed names a stylesheet, and none is published. A reader
    who follows a "feed" link lands on the feeds page (test_feeds_page.py) instead."""
    site = any_site
    for rel in xml_feeds(site):
        text = site.read(rel)
        assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<'), rel
        assert "<?xml-stylesheet" not in text, rel
    assert not list(site.root.rglob("*.xsl")) and not list(site.root.rglob("*.xslt"))


def test_json_feed_is_valid_json_feed_1_1(any_site):
    site = any_site
    feed = json_feed(site)
    assert jsonfeed_problems(feed) == []
    # The spec's required fields, checked here independently of the module that wrote them.
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == publishconf.SITENAME
    assert feed["home_page_url"] == site.siteurl + "/"
    assert feed["feed_url"] == site.siteurl + "/feeds/all.json"
    assert feed["authors"] == [{"name": publishconf.AUTHOR}]
    atom = {e.link: e for e in parsed(site, "feeds/all.atom.xml").entries}
    dates = [item["date_published"] for item in feed["items"]]
    assert dates == sorted(dates, reverse=True)
    for item in feed["items"]:
        assert item["id"] == item["url"] and item["content_html"].strip()
        # Plain text, as in the Atom feed (typogrify's no-break spaces become plain spaces).
        assert item["title"] == " ".join(atom[item["url"]].title.split())
        assert "<" not in item["title"] and "&amp;" not in item["title"]
        assert item["date_published"] == atom[item["url"]].published
        assert item["tags"], item["url"]


def test_json_feed_dates_modified_come_from_the_post(fixture_site):
    items = {i["url"]: i for i in json_feed(fixture_site)["items"]}
    typography = items[f"{fixture_site.siteurl}/posts/typography-other-details/"]
    assert typography["date_modified"] == "2026-01-09T16:30:00+00:00"
    assert "date_modified" not in items[f"{fixture_site.siteurl}/posts/a-published-post/"]


def test_every_page_links_its_feeds_in_the_head(any_site):
    site = any_site
    expected = {
        "application/atom+xml": f"{site.siteurl}/feeds/all.atom.xml",
        "application/rss+xml": f"{site.siteurl}/feeds/all.rss.xml",
        "application/feed+json": f"{site.siteurl}/feeds/all.json",
    }
    for path in site.root.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = page.head.find_all("link", rel="alternate")
        by_type = {}
        for link in links:
            by_type.setdefault(link["type"], []).append(link["href"])
            assert site.path_of(link["href"]).is_file(), (path, link["href"])
            assert link.get("title"), (path, link)
        for kind, href in expected.items():
            assert by_type[kind][0] == href, (path, kind)
        rel = path.relative_to(site.root).as_posix()
        if match := re.fullmatch(r"roles/([^/]+)/index\.html", rel):
            slug = match[1]
            if (site.root / "feeds" / "roles" / f"{slug}.atom.xml").exists():
                assert by_type["application/atom+xml"][1].endswith(f"/{slug}.atom.xml")
                assert by_type["application/rss+xml"][1].endswith(f"/{slug}.rss.xml")


def test_llms_txt_lists_the_published_posts_as_plain_text(fixture_site):
    text = fixture_site.read("llms.txt")
    lines = text.splitlines()
    assert lines[0] == f"# {publishconf.SITENAME}"
    assert lines[2] == f"> {publishconf.SITE_DESCRIPTION}"
    assert "## Posts" in lines
    posts = [line for line in lines if line.startswith("- [")]
    assert len(posts) == len(post_urls(fixture_site))
    # Oldest first; titles and summaries as text: entities decoded, no tags, no &amp;.
    assert posts[0].startswith("- [Typography & Other \u201cDetails\u201d](")
    assert posts[0].endswith(
        ": Every element the theme styles: quotes, code, a wide table, a figure and footnotes."
    )
    assert "<" not in text and "&amp;" not in text and "&nbsp;" not in text
    assert "Draft" not in text and "Future" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


ATOM_NS = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def atom_feeds(site) -> dict[str, ET.Element]:
    return {rel: ET.fromstring(site.read(rel).encode()) for rel in xml_feeds(site) if "atom" in rel}


def test_every_atom_feed_has_an_id_of_its_own(any_site):
    """RFC 4287 4.2.6: a feed's id is unique to it and permanent; its own address is both."""
    feeds = atom_feeds(any_site)
    ids = {rel: root.findtext(f"{ATOM_NS}id") for rel, root in feeds.items()}
    assert len(set(ids.values())) == len(ids) > 1, ids
    for rel, root in feeds.items():
        [self_link] = [
            a.get("href") for a in root.findall(f"{ATOM_NS}link") if a.get("rel") == "self"
        ]
        assert ids[rel] == self_link == f"{any_site.siteurl}/{rel}"


def test_a_role_feed_points_at_its_role_page_and_describes_its_role(any_site):
    site = any_site
    for rel in xml_feeds(site):
        if not rel.startswith("feeds/roles/"):
            continue
        slug = rel.rsplit("/", 1)[1].split(".")[0]
        page = BeautifulSoup(site.read(f"roles/{slug}/index.html"), "html.parser")
        about = " ".join(page.find("meta", attrs={"name": "description"})["content"].split())
        feed = parsed(site, rel).feed
        assert feed.link == f"{site.siteurl}/roles/{slug}/", rel
        assert feed.get("subtitle") == about.replace("\xa0", " ") != publishconf.SITESUBTITLE, rel


def test_feeds_declare_the_language_the_pages_declare(any_site):
    site = any_site
    language = BeautifulSoup(site.read("index.html"), "html.parser").html["lang"]
    assert language == publishconf.DEFAULT_LANG == json_feed(site)["language"]
    for rel in xml_feeds(site):
        root = ET.fromstring(site.read(rel).encode())
        if root.tag == f"{ATOM_NS}feed":
            assert root.get(XML_LANG) == language, rel
        else:
            assert root.findtext("channel/language") == language, rel


def test_rss_guids_are_permalinks_only_where_they_say_so(any_site):
    """RSS 2.0: a <guid> without isPermaLink="false" is read as the item's address."""
    for rel in xml_feeds(any_site):
        if "rss" not in rel:
            continue
        items = ET.fromstring(any_site.read(rel).encode()).iter("item")
        for item in items:
            guid = item.find("guid")
            if guid.get("isPermaLink", "true") != "false":
                assert guid.text == item.findtext("link"), (rel, guid.text)
