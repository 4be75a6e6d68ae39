"""The search page in real headless Chromium: Pagefind's index, our script, the keyboard."""

import json
import re
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from helpers import AXE, FIXTURE_SITE, a_word_of, free_port, invoke, oldest_post, serve, words_of
from tools.search import SHARDS, shards

pytestmark = pytest.mark.browser

# Content-Security-Policy: the site-wide one, and what the search page adds. Pagefind runs its
# WebAssembly in a web worker (which the page's policy does not govern), and falls back to the
# page itself when the worker fails: that needs 'wasm-unsafe-eval'. Nothing runs inline.
SITE_CSP = "default-src 'self'"
SEARCH_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"


def open_search(browser, site, csp: str | None = None, worker: bool = True):
    """The search page, with every request it makes recorded (and a CSP header, if given)."""
    page = browser.new_page()
    if not worker:  # as in a browser where Pagefind's web worker cannot start
        page.add_init_script("delete window.Worker")
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    if csp:

        def with_csp(route):
            response = route.fetch()
            headers = {**response.headers, "content-security-policy": csp}
            route.fulfill(response=response, headers=headers)

        page.route(site.siteurl + "/search/", with_csp)
    page.goto(site.siteurl + "/search/")
    return page


def a_post_and_its_word(site) -> tuple[str, str, str]:
    """The oldest post's address and title, and a word of its text to search for, read from
    its built page: whatever the content, a search for the word lists that post."""
    post = oldest_post(site)
    title = BeautifulSoup(site.read(post + "index.html"), "html.parser").h1.get_text()
    return f"{site.siteurl}/{post}", title, a_word_of(site, post)


def results(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#search-results li a", "links => links.map(a => ({text: a.textContent, href: a.href}))"
    )


def search_for(page, word: str) -> list[dict]:
    page.fill("input[type=search]", word)
    page.wait_for_selector("#search-results li a")
    return results(page)


def assert_only_own_host(page, site) -> None:
    host = urllib.parse.urlsplit(site.siteurl).netloc
    others = [url for url in page.requests if urllib.parse.urlsplit(url).netloc != host]
    assert not others, others


@pytest.mark.parametrize("where", ["subpath_site", "root_site"])
def test_typing_a_word_from_a_post_lists_the_post(browser, request, where):
    site = request.getfixturevalue(where)
    url, title, word = a_post_and_its_word(site)
    page = open_search(browser, site)
    found = search_for(page, word)
    listed = [r for r in found if r["href"] == url]
    assert listed, (word, found)
    assert listed[0]["text"] == title
    for result in found:  # every result is a published post of this build, under its base
        assert result["href"].startswith(site.siteurl + "/posts/"), result
        assert site.path_of(result["href"]).is_file(), result
    counted = "1 post matches" if len(found) == 1 else f"{len(found)} posts match"
    assert page.text_content("#search-status") == f"{counted} “{word}”."
    assert page.get_attribute("#search-status", "role") == "status"
    page.wait_for_load_state("networkidle")
    assert_only_own_host(page, site)
    page.close()


def test_a_word_in_no_post_says_so(browser, subpath_site):
    page = open_search(browser, subpath_site)
    page.fill("input[type=search]", "qzxwv")
    page.wait_for_selector("#search-status:not(:empty)")
    assert page.text_content("#search-status") == "No post matches “qzxwv”."
    assert results(page) == []
    page.close()


def test_keyboard_only_tab_to_the_box_type_tab_to_the_first_result(browser, subpath_site):
    _, _, word = a_post_and_its_word(subpath_site)
    page = open_search(browser, subpath_site)
    for _ in range(12):  # skip link, site name, the menu, then the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "search":
            break
    assert page.evaluate("document.activeElement.id") == "search-input"
    label = page.evaluate("document.activeElement.labels[0].textContent")
    assert label.strip(), "the search box has no label"
    assert page.evaluate("document.activeElement.closest('[role=search]') !== null")
    page.keyboard.type(word)
    page.wait_for_selector("#search-results li a")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.href")
    assert focused == results(page)[0]["href"]
    page.keyboard.press("Enter")
    page.wait_for_url(focused)
    assert page.url.startswith(subpath_site.siteurl + "/posts/")
    page.close()


def test_enter_in_the_box_searches_and_a_q_address_searches_on_arrival(browser, subpath_site):
    _, _, word = a_post_and_its_word(subpath_site)
    page = open_search(browser, subpath_site)
    page.focus("input[type=search]")
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li a")
    # nothing was sent anywhere: the one request for the page is the first
    assert [u for u in page.requests if "/search/" in u and "pagefind" not in u] == [
        subpath_site.siteurl + "/search/"
    ]
    shown = results(page)
    page.goto(subpath_site.siteurl + f"/search/?q={word}")
    page.wait_for_selector("#search-results li a")
    assert page.input_value("input[type=search]") == word
    assert results(page) == shown  # the shared address shows the same results
    page.close()


def test_typing_puts_the_words_in_the_address_without_a_new_history_entry(browser, subpath_site):
    _, _, word = a_post_and_its_word(subpath_site)
    page = open_search(browser, subpath_site)
    history = page.evaluate("history.length")
    page.fill("input[type=search]", f"{word} & more")
    page.wait_for_function("location.search !== ''")
    query = urllib.parse.parse_qs(page.evaluate("location.search").lstrip("?"))
    assert query == {"q": [f"{word} & more"]}
    page.fill("input[type=search]", "")
    page.wait_for_function("location.search === ''")
    assert page.url == subpath_site.siteurl + "/search/"
    assert page.evaluate("history.length") == history  # replaced, not pushed
    page.close()


# A list's number or letter ("1.", "b)") is no start for a snippet.
LIST_NUMBER = re.compile(r"^(\d+|[a-z])[.)]$", re.IGNORECASE)
ENDS_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
# Pagefind puts a full stop between blocks ("QA and launch checklist. A. R."), so words are
# compared without the punctuation that ends them.
TRAILING = "\"'.,;:!?\u201d\u2019)]"
# Where Pagefind breaks its text, and where of those a snippet may start.
BLOCKS = set("p li h1 h2 h3 h4 h5 h6 td th blockquote figcaption dd dt pre div".split())
BLOCKS |= {"section", "figure", "table", "tr", "ul", "ol", "dl"}
STARTS_A_SNIPPET = {"p", "li", "h2", "h3", "h4", "td", "th", "blockquote", "figcaption", "dd", "dt"}


def bare(words: list[str]) -> str:
    return " ".join(word.rstrip(TRAILING) for word in words)


def sentence_starts(post: BeautifulSoup) -> set[str]:
    """The first five words, bare, from every sentence start of the post's indexed text: each
    block's start and after each sentence's end. The text runs on across blocks in document
    order, as Pagefind's does, so a short block (a table cell) starts a run into the next."""
    body = post.select_one("[data-pagefind-body]")
    words, starts, last = [], [], None
    for string in body.find_all(string=True):
        if string.parent.name in ("script", "style"):
            continue
        if string.find_parent(attrs={"data-pagefind-ignore": True}):
            continue
        found = string.split()
        if not found:
            continue
        block = string.find_parent(BLOCKS)
        if block is not last and block is not None and block.name in STARTS_A_SNIPPET:
            starts.append(len(words))
        last = block
        starts.extend(len(words) + i + 1 for i, w in enumerate(found) if ENDS_SENTENCE.search(w))
        words.extend(found)
    return {bare(words[start : start + 5]) for start in starts}


def test_each_snippet_starts_a_sentence_or_is_the_posts_summary(browser, subpath_site):
    words = {
        a_word_of(subpath_site, p.parent.relative_to(subpath_site.root).as_posix() + "/")
        for p in subpath_site.root.glob("posts/*/index.html")
    }
    page = open_search(browser, subpath_site)
    checked = 0
    for word in sorted(words) + ["the"]:
        page.fill("input[type=search]", word)
        page.wait_for_function(
            "(w) => document.getElementById('search-status').textContent.includes(w)", arg=word
        )
        for found in page.eval_on_selector_all(
            "#search-results li",
            "lis => lis.map(li => ({href: li.querySelector('a').href,"
            " text: li.querySelector('p').textContent}))",
        ):
            post = BeautifulSoup(
                subpath_site.path_of(found["href"]).read_text(encoding="utf-8"), "html.parser"
            )
            summary = post.find("meta", attrs={"name": "description"})["content"]
            text = " ".join(found["text"].split())
            first = text.split()[:5]
            assert not LIST_NUMBER.match(first[0]), found
            assert text == summary or bare(first) in sentence_starts(post), (word, found)
            checked += 1
    page.close()
    assert checked


def test_the_browse_line_shows_without_javascript_or_results_only(browser, subpath_site):
    page = open_search(browser, subpath_site)
    page.wait_for_selector("input[type=search]")
    assert not page.is_visible(".search-browse")  # the script works: the box is the way in
    page.fill("input[type=search]", "qzxwv")
    page.wait_for_selector("#search-status:not(:empty)")
    assert page.is_visible(".search-browse")  # nothing found: the other ways in
    page.fill("input[type=search]", a_post_and_its_word(subpath_site)[2])
    page.wait_for_selector("#search-results li a")
    assert not page.is_visible(".search-browse")
    page.close()


@pytest.mark.parametrize(
    "csp, worker, works",
    [(SITE_CSP, True, True), (SEARCH_CSP, False, True), (SITE_CSP, False, False)],
    ids=["site policy", "search policy, no worker", "site policy, no worker"],
)
def test_the_content_security_policy_search_needs(browser, subpath_site, csp, worker, works):
    url, _, word = a_post_and_its_word(subpath_site)
    page = open_search(browser, subpath_site, csp=csp, worker=worker)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.fill("input[type=search]", word)
    page.wait_for_selector("#search-status:not(:empty)")
    status = page.text_content("#search-status")
    if works:
        assert any(r["href"] == url for r in results(page)), status
        assert not errors, errors
    else:
        assert status.startswith("Search could not load."), status
    page.close()


def test_without_javascript_the_page_says_how_to_browse(browser, subpath_site):
    page = browser.new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.goto(subpath_site.siteurl + "/search/")
    assert not page.is_visible("input[type=search]")  # it would do nothing without the script
    assert page.is_visible("#search-needs-js")
    browse = page.eval_on_selector_all(".search-browse a", "links => links.map(a => a.href)")
    base = subpath_site.siteurl
    assert browse == [base + "/roles/", base + "/archives/"]
    cdp.detach()
    page.close()


def test_axe_finds_no_violation_on_the_page_with_results(browser, subpath_site):
    page = open_search(browser, subpath_site)
    search_for(page, a_post_and_its_word(subpath_site)[2])
    # Through DevTools: the page's Content-Security-Policy rightly refuses an injected script tag.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = {}
    for scheme in ["light", "dark"]:
        for width in [390, 1280]:
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            problems = page.evaluate(
                "async () => (await axe.run(document, {rules: {'target-size': {enabled: true}}}))"
                ".violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"
            )
            if problems:
                found[f"{scheme} {width}"] = problems
    page.close()
    assert not found, json.dumps(found, indent=1)


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    """The fixture site indexed in shards of at most 2 posts (SEARCH_SHARD_POSTS), served."""
    from helpers import Site

    port, tmp = free_port(), tmp_path_factory.mktemp("sharded")
    siteurl = f"http://127.0.0.1:{port}"
    result = invoke(
        *("publish", "--content", str(FIXTURE_SITE), "--output", str(tmp / "out")),
        siteurl=siteurl,
        env={"SPLITSVILLE_SEARCH_SHARD_POSTS": "2", "SPLITSVILLE_CACHE_PATH": str(tmp / "c")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(tmp / "out", port):
        yield Site(tmp / "out", siteurl, result.stdout)


def test_a_search_finds_a_post_in_every_shard(browser, sharded_site):
    """The search page merges every shard: a word of a post of each shard finds that post."""
    site = sharded_site
    groups = shards(site.root, 2)
    assert len(groups) >= 2 and len(json.loads(site.read(SHARDS))["shards"]) == len(groups) - 1
    page = open_search(browser, site)
    for group in groups:
        post = next(p.removesuffix("index.html") for p in group if words_of(site.root / p))
        found = search_for(page, a_word_of(site, post))
        assert f"{site.siteurl}/{post}" in [r["href"] for r in found], (post, found)
        page.fill("input[type=search]", "")
    assert_only_own_host(page, site)
    page.close()
