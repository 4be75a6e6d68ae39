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


SENTENCE_END = (".", "!", "?", ".\u201d", "!\u201d", "?\u201d", ".)")


def test_every_description_ends_on_a_whole_sentence(any_site):
    """A summary cut off with an ellipsis is no description: listings and machines get whole
    sentences (the meta and social descriptions, JSON-LD, JSON Feed, llms.txt, the home page)."""
    site = any_site
    for path in sorted(site.root.glob("posts/*/index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        texts = [page.find("meta", attrs={"name": "description"})["content"]]
        texts += [page.find("meta", property="og:description")["content"]]
        texts += [json.loads(page.find("script", type="application/ld+json").string)["description"]]
        for text in texts:
            assert text.rstrip().endswith(SENTENCE_END), (path, text)
    for item in json.loads(site.read("feeds/all.json"))["items"]:
        assert item["summary"].endswith(SENTENCE_END), item["url"]
    for line in site.read("llms.txt").splitlines():
        if line.startswith("- ["):
            assert line.endswith(SENTENCE_END), line
    home = BeautifulSoup(site.read("index.html"), "html.parser")
    for summary in home.select(".post-summary .summary"):
        assert summary.get_text().strip().endswith(SENTENCE_END), summary


def test_a_posts_json_ld_names_its_image_author_and_publisher_by_address(any_site):
    site = any_site
    for path in sorted(site.root.glob("posts/*/index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        data = json.loads(page.find("script", type="application/ld+json").string)
        image = data["image"]
        assert image["@type"] == "ImageObject"
        assert image["url"] == page.find("meta", property="og:image")["content"], path
        assert (image["width"], image["height"]) == (1200, 630)
        assert site.path_of(image["url"]).is_file()
        assert data["publisher"]["url"] == f"{site.siteurl}/"
        assert data["author"]["url"].startswith(("https://", "http://")), path
        credit = page.select_one(".credit a")  # a republished post credits its source
        if credit is not None and data["author"]["name"] != data["publisher"]["name"]:
            assert data["author"]["url"] == credit["href"], path
