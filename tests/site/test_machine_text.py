"""Widow control is for the visible page: what machines read (titles, social tags, JSON-LD, feed
titles, alt text) carries no no-break space, so a post has one title everywhere."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

NO_BREAKS = ("\xa0", "\u202f")
MACHINE_META = [
    {"name": "description"},
    {"property": "og:title"},
    {"property": "og:description"},
    {"property": "og:image:alt"},
    {"name": "twitter:title"},
    {"name": "twitter:description"},
    {"name": "twitter:image:alt"},
]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(params=["site", "fixture_site"])
def any_site(request):
    return request.getfixturevalue(request.param)


def machine_texts(page: BeautifulSoup) -> list[str]:
    texts = [page.title.get_text()]
    texts += [
        tag["content"] for attrs in MACHINE_META for tag in page.find_all("meta", attrs=attrs)
    ]
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        texts += [data["headline"], data["description"]]
    return texts


def test_no_page_gives_machines_a_no_break_space(any_site):
    site = any_site
    pages = sorted(site.root.rglob("*.html"))
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for text in machine_texts(page):
            assert not any(c in text for c in NO_BREAKS), (path, text)


def test_a_post_has_one_title_in_its_page_head_and_in_every_feed(any_site):
    site = any_site
    json_titles = {
        item["url"]: item["title"] for item in json.loads(site.read("feeds/all.json"))["items"]
    }
    atom = ET.fromstring(site.read("feeds/all.atom.xml").encode())
    atom_titles = {
        e.find(f"{ATOM}link").get("href"): e.findtext(f"{ATOM}title")
        for e in atom.iter(f"{ATOM}entry")
    }
    rss = ET.fromstring(site.read("feeds/all.rss.xml").encode())
    rss_titles = {item.findtext("link"): item.findtext("title") for item in rss.iter("item")}
    assert json_titles and json_titles.keys() == atom_titles.keys() == rss_titles.keys()
    for url, title in json_titles.items():
        page = BeautifulSoup(site.path_of(url).read_text(encoding="utf-8"), "html.parser")
        og = page.find("meta", property="og:title")["content"]
        heading = " ".join(page.h1.get_text().replace("\xa0", " ").split())
        assert title == atom_titles[url] == rss_titles[url] == og == heading, url
