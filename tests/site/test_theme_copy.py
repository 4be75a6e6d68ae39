"""The site's own words (pelicanconf.py's "site's own words" settings) show where they say, and
only there: no template holds copy about one site (docs/make-it-your-own.md)."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import publishconf
from helpers import FIXTURE_SITE, ROOT
from tools.build import pelican_command

SETTINGS = vars(publishconf)
COPY = ("START_HERE", "SITE_POSTS", "SITE_CREDIT")


def soup(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / rel).read_text(encoding="utf-8"), "html.parser")


def description(page: BeautifulSoup) -> str:
    return page.find("meta", attrs={"name": "description"})["content"]


def shows_copy(root: Path, start_here, site_posts: str, credit=SETTINGS["SITE_CREDIT"]) -> None:
    """Each setting on the pages its comment in pelicanconf.py names."""
    for rel in ("index.html", "404.html", "roles/index.html", "search/index.html"):
        lines = [p.get_text() for p in soup(root, rel).select(".site-footer > p")]
        assert (credit in lines) if credit else len(lines) == 1, (rel, lines)
    start = soup(root, "index.html").select_one(".list-header .start")
    if start_here:
        assert start.get_text().startswith(f"{start_here} ")
    else:
        assert start is None
    roles = soup(root, "roles/index.html")
    assert description(roles).startswith(f"Every role {site_posts} discuss, ")
    assert roles.select_one("main .lede").get_text().startswith(f"Every role {site_posts} discuss.")
    search = soup(root, "search/index.html")
    assert description(search) == f"Search {site_posts} on {SETTINGS['SITENAME']}."
    feeds = soup(root, "feeds/index.html")
    assert description(feeds).startswith(f"Follow {site_posts} on {SETTINGS['SITENAME']} ")
    home = soup(root, "404.html").select("main li a")[0]
    assert home.get_text() == f"Read {site_posts}"


def test_the_copy_settings_are_text():
    for name in COPY:
        assert SETTINGS[name] is None or isinstance(SETTINGS[name], str), name
    assert SETTINGS["SITE_POSTS"], "the Roles, Search, Feeds and 404 pages need SITE_POSTS"


def test_the_copy_settings_show_on_the_fixture_site(fixture_site):
    shows_copy(fixture_site.root, SETTINGS["START_HERE"], SETTINGS["SITE_POSTS"])
    link = soup(fixture_site.root, "index.html").select_one(".list-header .start a")
    oldest = "posts/typography-other-details/"  # the fixture's oldest post
    assert link["href"] == f"{fixture_site.siteurl}/{oldest}"


def test_the_real_site_keeps_its_copy(site):
    shows_copy(site.root, SETTINGS["START_HERE"], SETTINGS["SITE_POSTS"])


@pytest.mark.parametrize("start_here", ["", None])
def test_other_words_show_and_empty_start_here_and_credit_hide_their_lines(tmp_path, start_here):
    """The fixture site built as an owner's settings would have it: Pelican's -e overrides."""
    output = tmp_path / "output"
    words = "my notes on hiring"
    command = pelican_command("publishconf.py", output, str(FIXTURE_SITE)).split()
    overrides = {"START_HERE": start_here, "SITE_POSTS": words, "SITE_CREDIT": start_here}
    command += ["-e", *(f"{name}={json.dumps(value)}" for name, value in overrides.items())]
    built = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "SITEURL": "https://owner.example"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    shows_copy(output, start_here, words, credit=start_here)
    for page in output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "the essay" not in text and "New here?" not in text, page
