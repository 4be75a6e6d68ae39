"""Social cards: one PNG per published post, one per role page, the site's own for every other
page, each named in its page's head for sharing sites."""

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from splitsville import theme
from splitsville.cards import drawing as cards

import publishconf
from helpers import FIXTURE_SITE, ROOT, oldest_post

CSS = "theme/css/main.css"


def machine(element) -> str:
    """An element's text as machine text: a role name in a heading is joined by no-break
    spaces (the |keep_roles filter), which read as spaces."""
    return " ".join(element.get_text().split())


@pytest.fixture(params=["site", "fixture_site"])
def any_site(request):
    return request.getfixturevalue(request.param)


def head_meta(path: Path) -> dict[str, str]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return {
        m.get("property") or m.get("name"): m["content"]
        for m in page.find_all("meta")
        if m.get("property") or m.get("name")
    }


def post_pages(root: Path) -> dict[str, Path]:
    return {p.parent.name: p for p in sorted(root.glob("posts/*/index.html"))}


def test_every_post_names_its_card_and_the_card_is_there(site):
    posts = post_pages(site.root)
    assert len(posts) >= 3
    for slug, path in posts.items():
        meta = head_meta(path)
        assert meta["og:image"] == f"{site.siteurl}/cards/{slug}.png", slug
        with Image.open(site.path_of(meta["og:image"])) as image:
            assert image.format == "PNG"
            assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
            assert image.size == (1200, 630)
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        title = page.h1.get_text().replace("\xa0", " ")  # alt text is machine text
        assert meta["og:image:alt"].startswith(f"{publishconf.SITENAME}: {title}"), slug
        assert "Roles: " in meta["og:image:alt"], slug
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["twitter:image"] == meta["og:image"]
        assert meta["twitter:image:alt"] == meta["og:image:alt"]


def role_pages(built) -> set[str]:
    """The folders of roles/ that are a role's page (its header), not a pair of roles' page."""
    return {
        p.parent.name
        for p in (built.root / "roles").glob("*/index.html")
        if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select_one(".role-header")
    }


def test_cards_are_drawn_for_published_posts_role_pages_and_the_site_only(site, fixture_site):
    for built in (site, fixture_site):
        cards_written = {p.stem for p in (built.root / "cards").glob("*.png")}
        assert cards_written == set(post_pages(built.root))  # no draft's card
        roles = {p.stem for p in (built.root / "cards" / "roles").glob("*.png")}
        assert roles == role_pages(built)  # pair pages show the site's card
        assert [p.name for p in (built.root / "cards" / "site").iterdir()] == ["card.png"]


def test_a_card_is_drawn_in_the_theme_colours(site):
    tokens = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-f]{6})", site.read(CSS).split("}")[0]))
    rgb = {name: Image.new("RGB", (1, 1), value).getpixel((0, 0)) for name, value in tokens.items()}
    slug = oldest_post(site).split("/")[1]
    with Image.open(site.root / "cards" / f"{slug}.png") as image:
        image = image.convert("RGB")
        assert image.getpixel((5, 300)) == rgb["--accent"]  # the stripe down the left
        assert image.getpixel((1150, 20)) == rgb["--bg"]
        colours = {colour for _, colour in image.getcolors(maxcolors=100_000)}
    assert {rgb["--text"], rgb["--accent-soft"]} <= colours  # the title, the role pills


def test_a_card_is_the_same_bytes_as_a_fresh_drawing(site):
    """The build's card (perhaps from the cache) equals one drawn now, twice over: the bytes
    depend on the post alone, never on a clock or the machine's fonts."""
    colours = theme.css_tokens(site.read(CSS), cards.TOKENS)
    post = oldest_post(site)
    page = BeautifulSoup(site.read(post + "index.html"), "html.parser")
    # The title as the card has it (typeset, no-break spaces and all): the archive's link to
    # the post, which is the title alone (the heading also keeps role names on one line).
    archive = BeautifulSoup(site.read("archives/index.html"), "html.parser")
    [title] = [a.get_text() for a in archive.select(".archive a") if a["href"].endswith(post)]
    roles = [a.get_text() for a in page.select(".post-roles .role-list a")]
    fresh = cards.render(title, roles, publishconf.SITENAME, colours)
    assert fresh == cards.render(title, roles, publishconf.SITENAME, colours)
    assert (site.root / "cards" / f"{post.split('/')[1]}.png").read_bytes() == fresh
    with Image.open(io.BytesIO(fresh)) as image:
        assert set(image.info) <= {"dpi"}  # no text chunks, no timestamp


def test_building_again_into_the_same_folder_leaves_the_cached_cards_alone(tmp_path):
    """Pelican run by hand into a folder it wrote before: cards there are links to the cache."""
    import os
    import subprocess
    import sys

    out, cache = tmp_path / "out", tmp_path / "cache"
    command = [sys.executable, "-m", "pelican", str(FIXTURE_SITE), "-s", "publishconf.py"]
    command += ["-o", str(out), "--fatal", "warnings", "-q"]
    env = {**os.environ, "SITEURL": "https://again.example", "SPLITSVILLE_CACHE_PATH": str(cache)}
    for _ in range(2):
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    written = sorted((out / "cards").rglob("*.png"))
    assert written
    kept = {p.read_bytes() for p in (cache / "cards").glob("*.png")}
    assert {p.read_bytes() for p in written} == kept
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in written)


def test_every_page_has_a_card_with_its_size_and_alt_text(any_site):
    """Open Graph's required four include og:image: a role page shows its role's card, every
    other page that is no post the site's own."""
    site = any_site
    site_cards, role_cards, roles = set(), {}, role_pages(site)
    for path in sorted(site.root.rglob("*.html")):
        rel = path.relative_to(site.root).as_posix()
        meta = head_meta(path)
        assert meta.get("og:image", "").startswith(f"{site.siteurl}/cards/"), rel
        assert meta["og:image:alt"] and meta["twitter:image:alt"] == meta["og:image:alt"], rel
        with Image.open(site.path_of(meta["og:image"])) as image:
            assert image.format == "PNG", rel
            assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
        if rel.startswith("roles/") and rel.count("/") == 2 and rel.split("/")[1] in roles:
            role_cards[rel.split("/")[1]] = meta["og:image"]
        elif not rel.startswith("posts/"):
            site_cards.add(meta["og:image"])
    assert len(site_cards) == 1  # one card for the site's list and other pages
    assert len(set(role_cards.values())) == len(role_cards) > 1  # each role its own
    for slug, url in role_cards.items():
        page = BeautifulSoup(site.read(f"roles/{slug}/index.html"), "html.parser")
        alt = head_meta(site.root / "roles" / slug / "index.html")["og:image:alt"]
        assert machine(page.h1) in alt, slug
        assert url == f"{site.siteurl}/cards/roles/{slug}.png"
