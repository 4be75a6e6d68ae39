"""The published site served over HTTP, at a root and under /splitsville/, as GitHub Pages would.

Each build is crawled from its home page like a visitor would: every link, asset, feed, the
sitemap and robots.txt are fetched from 127.0.0.1, and every address must stay under the base.
"""

import functools
import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque

import feedparser
import pytest
from bs4 import BeautifulSoup

from helpers import free_port, json_ld, oldest_post, post_pages

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LINKS = [("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "srcset")]
FEED_TYPES = {"application/atom+xml", "application/rss+xml"}


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def addresses(html: bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attr in LINKS:
        for element in soup.find_all(tag, attrs={attr: True}):
            value = element[attr]
            found += [c.split()[0] for c in value.split(",")] if attr == "srcset" else [value]
    return found


def crawl(base: str) -> tuple[dict[str, tuple[str, bytes]], list[str]]:
    """Fetch everything reachable from `base` on its host: {url: (type, body)} and problems."""
    host = urllib.parse.urlsplit(base).netloc
    fetched, problems, queue = {}, [], deque([base, base + "sitemap.xml", base + "robots.txt"])
    while queue:
        url = queue.popleft()
        if url in fetched:
            continue
        status, kind, body = fetch(url)
        fetched[url] = (kind, body)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        found = addresses(body) if kind == "text/html" else []
        if kind in FEED_TYPES or url.endswith(".xml"):
            found += feed_and_sitemap_addresses(body)
        for href in found:
            target = urllib.parse.urljoin(url, href).split("#")[0]
            if urllib.parse.urlsplit(target).netloc != host:
                continue  # another site
            if not target.startswith(base):
                problems.append(f"{url}: {href} leaves {base}")
            elif target not in fetched:
                queue.append(target)
    return fetched, problems


def feed_and_sitemap_addresses(body: bytes) -> list[str]:
    """Every address a feed or the sitemap gives: they must be absolute, so no urljoin here."""
    if b"<urlset" in body:
        return [loc.text for loc in ET.fromstring(body).iterfind("s:url/s:loc", SITEMAP_NS)]
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    links = [link.href for link in feed.feed.get("links", [])]
    for entry in feed.entries:
        links += [link.href for link in entry.get("links", [])]
        for content in entry.get("content", []):
            links += addresses(content.value.encode())
    return links


@pytest.fixture(scope="module", params=["root", "subpath"])
def crawled(request):
    """Each served build, crawled once: (site, base, {url: (type, body)}, problems)."""
    site = request.getfixturevalue(f"{request.param}_site")
    base = site.siteurl + "/"
    return (site, base, *crawl(base))


def test_the_crawl_finds_no_broken_link_and_nothing_outside_the_base(crawled):
    site, base, fetched, problems = crawled
    assert not problems, "\n".join(problems)
    assert base + oldest_post(site) in fetched
    assert base + "feeds/all.atom.xml" in fetched
    assert base + "theme/css/main.css" in fetched


def test_every_page_in_the_output_is_reached_by_the_crawl(crawled):
    site, base, fetched, _ = crawled
    pages = {
        base + p.relative_to(site.root).as_posix().removesuffix("index.html")
        for p in site.root.rglob("*.html")
        if p.name != "404.html"
    }
    assert pages and pages <= set(fetched), sorted(pages - set(fetched))


def test_feed_addresses_are_absolute_and_under_the_base(crawled):
    site, base, fetched, _ = crawled
    feeds = [url for url, (kind, _) in fetched.items() if url.endswith(".atom.xml")]
    assert base + "feeds/all.atom.xml" in feeds and len(feeds) > 1, feeds
    for url in feeds:
        feed = feedparser.parse(fetched[url][1])
        assert feed.entries, url
        for entry in feed.entries:
            hrefs = [entry.link] + addresses(entry.content[0].value.encode())
            internal = [h for h in hrefs if "balanceinteractive" not in h]
            for href in internal:
                assert href.startswith(base) or href.startswith("#"), f"{url}: {href}"


def html_pages(site) -> set[str]:
    """The address of every published page: each HTML file in the output but those that say
    noindex (the 404 page, served at any address, and the search page, which holds results)."""
    return {
        site.siteurl + "/" + p.relative_to(site.root).as_posix().removesuffix("index.html")
        for p in site.root.rglob("*.html")
        if '<meta name="robots" content="noindex">' not in p.read_text(encoding="utf-8")
    }


def test_sitemap_lists_every_published_page_and_nothing_else(crawled):
    site, base, fetched, _ = crawled
    urlset = ET.fromstring(fetched[base + "sitemap.xml"][1])
    locs = [loc.text for loc in urlset.iterfind("s:url/s:loc", SITEMAP_NS)]
    assert len(locs) == len(set(locs))
    assert set(locs) == html_pages(site)
    roles = [f"roles/{p.name}/" for p in (site.root / "roles").iterdir() if p.is_dir()]
    for expected in ["", "roles/", *roles, "archives/", "about/"]:
        assert base + expected in locs
    assert all(loc.startswith(base) for loc in locs)


def test_sitemap_dates_come_from_the_content(site, fixture_site):
    """A post's date is its last change (Modified:, else Date:), as its JSON-LD gives it; the
    fixture site has a modified post, whatever the content has."""
    for built in (site, fixture_site):
        urlset = ET.fromstring(built.read("sitemap.xml"))
        lastmods = {
            url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
                "s:lastmod", namespaces=SITEMAP_NS
            )
            for url in urlset.iterfind("s:url", SITEMAP_NS)
        }
        for data in map(json_ld, post_pages(built)):
            assert lastmods[data["url"]] == data["dateModified"], data["url"]
        # Pages that are not posts carry the newest post's date, not the time of the build.
        assert lastmods[built.siteurl + "/"] == max(lastmods.values())
    fixture_posts = map(json_ld, post_pages(fixture_site))
    assert any(data["dateModified"] != data["datePublished"] for data in fixture_posts)


def test_sitemap_leaves_drafts_out(fixture_site):
    sitemap = fixture_site.read("sitemap.xml")
    assert "a-published-post" in sitemap
    assert "draft" not in sitemap


def test_robots_txt_points_at_the_absolute_sitemap(crawled):
    site, base, fetched, _ = crawled
    kind, body = fetched[base + "robots.txt"]
    lines = body.decode().splitlines()
    assert kind == "text/plain"
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {base}sitemap.xml" in lines
    assert "{{" not in body.decode() and "{#" not in body.decode()


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves like GitHub Pages: a missing address under a site gets that site's 404.html."""

    site_prefix = "/"

    def send_error(self, code, message=None, explain=None):
        page = self.translate_path(self.site_prefix + "404.html")
        if code != 404 or not self.path.startswith(self.site_prefix):
            return super().send_error(code, message, explain)
        with open(page, "rb") as file:
            body = file.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("depth", ["no-such-page", "posts/gone/", "roles/a/b/c/d/e.html"])
def test_the_404_page_works_at_any_depth(subpath_site, depth):
    """GitHub Pages answers a missing address with 404.html as is: its links must not be relative
    to where it was built, so every link and asset resolves from a deep missing address too."""
    handler = type("Handler", (PagesHandler,), {"site_prefix": "/splitsville/"})
    port = free_port()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port),
        functools.partial(handler, directory=str(subpath_site.root.parent)),
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        missing = f"http://127.0.0.1:{port}/splitsville/{depth}"
        status, kind, body = fetch(missing)
        assert (status, kind) == (404, "text/html")
        assert body == (subpath_site.root / "404.html").read_bytes()
        links = addresses(body)
        assert any(link.endswith("/theme/css/main.css") for link in links)
        ids = {e["id"] for e in BeautifulSoup(body, "html.parser").find_all(id=True)}
        for href in links:
            if href.startswith("#"):  # same page, wherever it is served
                assert href[1:] in ids, href
                continue
            target = urllib.parse.urljoin(missing, href)
            assert target.startswith(subpath_site.siteurl + "/"), href
            assert fetch(target)[0] == 200, href
    finally:
        server.shutdown()
        server.server_close()
