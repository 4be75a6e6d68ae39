"""tools/linkcheck.py on tiny sites written to tmp_path."""

from pathlib import Path

import pytest

from tools.linkcheck import check_site

PAGE = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{}</body></html>'


def write_site(root: Path, pages: dict[str, str]) -> Path:
    """Write each page (its body markup) or file (given as bytes-like text ending in .css etc.)."""
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(body) if rel.endswith(".html") else body, encoding="utf-8")
    return root


@pytest.fixture
def subpath(tmp_path) -> Path:
    """A small site built for https://owner.github.io/splitsville."""
    return write_site(
        tmp_path,
        {
            "index.html": '<h1 id="top-story">Home</h1><a href="posts/one/">one</a>',
            "posts/one/index.html": '<h2 id="why">Why</h2><a name="old-anchor"></a>',
            "theme/css/main.css": "body{}",
            "images/a b.svg": "<svg/>",
            "images/small.png": "",
            "images/large.png": "",
        },
    )


BASE = "https://owner.github.io/splitsville"


def check(root: Path, body: str, page: str = "posts/two/index.html") -> list[str]:
    write_site(root, {page: body})
    return check_site(root, BASE)


def test_a_site_whose_links_all_resolve_has_no_problem(subpath):
    body = (
        f'<link rel="stylesheet" href="{BASE}/theme/css/main.css">'
        '<a href="../one/">relative</a> <a href="/splitsville/posts/one/#why">rooted</a>'
        f'<a href="{BASE}/">home</a> <a href="{BASE}">home without slash</a>'
        '<a href="#here">here</a><p id="here">x</p> <a href="#">top</a> <a href="#top">top</a>'
        '<a href="../one/#old-anchor">a name</a>'
    )
    assert check(subpath, body) == []


def test_a_missing_file_is_reported_with_page_href_and_problem(subpath):
    assert check(subpath, '<a href="../gone/">gone</a>') == [
        "posts/two/index.html: ../gone/: no file posts/gone/index.html in the output"
    ]


def test_a_missing_anchor_on_this_page_and_on_another(subpath):
    problems = check(subpath, '<a href="#nowhere">a</a><a href="../one/#how">b</a>')
    assert problems == [
        "posts/two/index.html: #nowhere: no id 'nowhere' in posts/two/index.html",
        "posts/two/index.html: ../one/#how: no id 'how' in posts/one/index.html",
    ]


@pytest.mark.parametrize(
    "href",
    [
        "/posts/one/",  # rooted at the host, not the base: works only when served at a root
        "../../../elsewhere/",
        "https://owner.github.io/other-repo/",
        "https://owner.github.io/splitsville-old/",  # a prefix of the base is not the base
        "/splitsville/%2e%2e/other-repo/",  # an encoded .. survives urljoin's clean-up
    ],
)
def test_links_escaping_the_base_path_are_errors(subpath, href):
    [problem] = check(subpath, f'<a href="{href}">x</a>')
    assert problem.endswith("leaves the base path /splitsville/"), problem


def test_srcset_candidates_are_each_checked(subpath):
    body = (
        '<img src="/splitsville/images/small.png" alt=""'
        ' srcset="/splitsville/images/small.png 1x, /splitsville/images/huge.png 2x">'
        '<picture><source srcset="../../images/large.png 640w,../../images/nope.png 1280w">'
        '<img src="../../images/small.png" alt=""></picture>'
    )
    assert check(subpath, body) == [
        "posts/two/index.html: /splitsville/images/huge.png: no file images/huge.png in the output",
        "posts/two/index.html: ../../images/nope.png: no file images/nope.png in the output",
    ]


def test_query_strings_are_ignored_and_percent_encoding_decoded(subpath):
    body = (
        '<link rel="stylesheet" href="../../theme/css/main.css?v=3">'
        '<img src="../../images/a%20b.svg" alt=""> <a href="../one/?ref=two#why">q</a>'
    )
    assert check(subpath, body) == []
    [problem] = check(subpath, '<img src="../../images/a%20c.svg" alt="">')
    assert problem.endswith("no file images/a c.svg in the output")


def test_other_sites_and_other_schemes_are_not_ours_to_check(subpath):
    body = (
        '<a href="https://www.balanceinteractive.com/missing">x</a>'
        '<a href="mailto:editors@example.org">m</a> <a href="tel:+100">t</a>'
        '<img src="data:image/gif;base64,R0lGOD" alt="">'
    )
    assert check(subpath, body) == []


def test_a_folder_without_its_trailing_slash_and_an_empty_href(subpath):
    problems = check(subpath, '<a href="../one">no slash</a><a href="">empty</a>')
    assert problems == [
        "posts/two/index.html: ../one: is a folder: end the address with '/'",
        "posts/two/index.html: : empty address",
    ]


def test_each_broken_link_is_reported_once_per_page_in_a_stable_order(subpath):
    write_site(subpath, {"b/index.html": '<a href="../x/">1</a>' * 3})
    write_site(subpath, {"a/index.html": '<a href="../x/">1</a><a href="../y/">2</a>'})
    assert [p.split(":")[0:2] for p in check_site(subpath, BASE)] == [
        ["a/index.html", " ../x/"],
        ["a/index.html", " ../y/"],
        ["b/index.html", " ../x/"],
    ]


def test_at_a_root_address_every_path_on_the_host_is_under_the_base(tmp_path):
    write_site(tmp_path, {"index.html": '<a href="/about/">a</a>', "about/index.html": ""})
    assert check_site(tmp_path, "http://127.0.0.1:8000") == []
    assert check_site(tmp_path, "http://127.0.0.1:8000/") == []


def test_unicode_ids_and_paths(tmp_path):
    write_site(
        tmp_path,
        {
            "index.html": '<a href="caf%C3%A9/#r%C3%B4le">x</a><a href="café/#rôle">y</a>',
            "café/index.html": '<h2 id="rôle">Rôle</h2>',
        },
    )
    assert check_site(tmp_path, "https://example.org") == []


def test_one_broken_address_is_reported_on_every_page_that_has_it(tmp_path):
    """Each address is resolved once per site: the answer still counts on each page."""
    gone = f"{BASE}/gone/"
    write_site(tmp_path, {f"{name}/index.html": f'<a href="{gone}">x</a>' for name in "abc"})
    assert check_site(tmp_path, BASE) == [
        f"{name}/index.html: {gone}: no file gone/index.html in the output" for name in "abc"
    ]


def test_one_relative_address_is_resolved_from_each_page(tmp_path):
    write_site(
        tmp_path,
        {
            "a/index.html": '<a href="x/">x</a>',
            "a/x/index.html": "",
            "b/index.html": '<a href="x/">x</a>',
        },
    )
    assert check_site(tmp_path, BASE) == ["b/index.html: x/: no file b/x/index.html in the output"]


def test_attributes_are_read_as_browsers_read_them(tmp_path):
    body = (
        '<a href>bare</a> <object data="nope.svg"></object> <p name="n">not a target</p>'
        '<a href="#n">n</a> <a href="?a=1&amp;b=2#x">amp</a> <span id="x"></span>'
        '<script>document.write("<a href=nowhere>")</script> <a HREF="#x" href="#y">first</a>'
    )
    assert check_site(write_site(tmp_path, {"index.html": body}), BASE) == [
        "index.html: nope.svg: no file nope.svg in the output",
        "index.html: #n: no id 'n' in index.html",
    ]


def test_the_cache_spares_parsing_an_unchanged_page_but_checks_its_links_again(tmp_path):
    site = write_site(
        tmp_path / "site",
        {
            "index.html": '<a href="a/">a</a> <a href="b/">b</a>',
            "a/index.html": "",
            "b/index.html": "",
        },
    )
    cache = tmp_path / "links.pickle"
    assert check_site(site, BASE, cache) == []
    (site / "b" / "index.html").unlink()  # the home page is unchanged; a page it links to went
    assert check_site(site, BASE, cache) == ["index.html: b/: no file b/index.html in the output"]
    write_site(site, {"index.html": '<a href="c/">c</a>'})  # changed: parsed again
    assert check_site(site, BASE, cache) == ["index.html: c/: no file c/index.html in the output"]


def test_the_cache_is_what_is_read_for_a_page_with_the_same_bytes_and_only_then(tmp_path):
    import hashlib
    import pickle

    from tools import linkcheck

    site = write_site(tmp_path / "site", {"index.html": "<p>no links</p>"})
    cache = tmp_path / "links.pickle"
    assert check_site(site, BASE, cache) == []
    # What the cache says the page links to is believed while the page's bytes are the same...
    sha = hashlib.sha256((site / "index.html").read_bytes()).digest()
    kept = pickle.loads(cache.read_bytes())
    kept["pages"][sha] = (["gone/"], set())
    cache.write_bytes(pickle.dumps(kept))
    assert check_site(site, BASE, cache) == [
        "index.html: gone/: no file gone/index.html in the output"
    ]
    # ...and a cache made by other parsing code (another salt) is not read at all.
    kept["salt"] = "another linkcheck.py"
    kept["pages"][sha] = (["gone/"], set())
    cache.write_bytes(pickle.dumps(kept))
    assert check_site(site, BASE, cache) == []
    assert linkcheck._salt() == pickle.loads(cache.read_bytes())["salt"]
