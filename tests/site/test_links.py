"""Every internal link and asset resolves; under a subpath, nothing escapes the base."""

import urllib.error
import urllib.parse
import urllib.request
from collections import deque

from bs4 import BeautifulSoup

from helpers import oldest_post

LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "srcset"}


def links_in(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attr in LINK_ATTRS.items():
        for element in soup.find_all(tag):
            value = element.get(attr)
            if value:
                found += (
                    [part.split()[0] for part in value.split(",")] if attr == "srcset" else [value]
                )
    return found


def test_every_internal_link_in_the_output_resolves(site):
    broken = []
    for page in site.root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for href in links_in(html):
            url = urllib.parse.urljoin(
                site.siteurl + "/" + page.relative_to(site.root).as_posix(), href
            )
            if not url.startswith(site.siteurl):
                continue
            target = site.path_of(url)
            fragment = urllib.parse.urlparse(url).fragment
            if not target.is_file():
                broken.append(f"{page}: {href}")
            elif fragment and target.suffix == ".html":
                ids = {
                    e["id"]
                    for e in BeautifulSoup(
                        target.read_text(encoding="utf-8"), "html.parser"
                    ).find_all(id=True)
                }
                if fragment not in ids:
                    broken.append(f"{page}: {href} (no #{fragment})")
    assert not broken, "\n".join(broken)


def test_subpath_crawl_stays_under_the_base_and_finds_no_broken_link(subpath_site):
    base = subpath_site.siteurl + "/"
    host = urllib.parse.urlparse(base).netloc
    seen, queue, problems = set(), deque([base]), []
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            problems.append(f"{url}: HTTP {error.code}")
            continue
        if kind != "text/html":
            continue
        for href in links_in(body.decode("utf-8")):
            target = urllib.parse.urljoin(url, href).split("#")[0]
            parts = urllib.parse.urlparse(target)
            if parts.netloc != host:
                continue  # another site: not ours to crawl
            if not target.startswith(base):
                problems.append(f"{url}: {href} escapes {base}")
            elif target not in seen:
                queue.append(target)
    assert len(seen) > 10, seen
    assert not problems, "\n".join(problems)
    # Every post and role page is reached by following links from the home page.
    pages = {
        base + p.parent.relative_to(subpath_site.root).as_posix() + "/"
        for p in subpath_site.root.glob("*/*/index.html")
        if p.parts[-3] in ("posts", "roles")
    }
    assert base + oldest_post(subpath_site) in pages and pages <= seen, pages - seen
