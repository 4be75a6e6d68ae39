"""`invoke serve` on a copy of the fixture site: rebuilds on save, shows a broken post's error on
the page and in the terminal, keeps running, and recovers when the post is fixed."""

import re
import time
import urllib.error
import urllib.request

from bs4 import BeautifulSoup

LIVERELOAD_SNIPPET = re.compile(r"<script[^>]*>\(function\(\)\{var s=document.*?</script>")


def status_and_page(url: str) -> tuple[int, str, str]:
    """The status, content type and body of a response, an error's too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode()


def test_serve_rebuilds_on_save_and_shows_a_broken_post_on_the_page(preview):
    post_url = f"{preview.url}/posts/a-published-post/"
    post = preview.content / "posts" / "published-post.md"
    page = preview.wait_for(post_url, lambda p: "A Published" in p)

    # A preview links to itself, whatever SITEURL says; livereload's script comes from it too.
    assert "not-this.example" not in page
    assert "livereload.js" in page
    soup = BeautifulSoup(page, "html.parser")
    for element in soup.select("[href], [src]"):
        url = element.get("href") or element.get("src")
        assert url.startswith((preview.url, "#")), url

    # Drafts and future posts are previewed, marked as drafts.
    draft = preview.fetch(f"{preview.url}/drafts/a-draft-post/")
    assert 'class="draft-banner"' in draft and "Status: draft" in draft
    future = preview.fetch(f"{preview.url}/drafts/a-future-post/")
    assert 'class="draft-banner"' in future and "1 January 2999" in future

    # Save a change: the served page follows.
    original = post.read_text(encoding="utf-8")
    post.write_text(original + "\nA sentence added while serving.\n", encoding="utf-8")
    preview.wait_for(post_url, lambda p: "added while" in p)

    # Break the post: every page shows the error over the last good build; the server runs on.
    broken = original.replace("Tags: Project Manager", "Tags: Scrum Wizard")
    post.write_text(broken + "\nA sentence added while serving.\n", encoding="utf-8")
    # (A build already running when the post broke may say it first, in Pelican's words; the
    # build after it, lint first, says it with the line number.)
    problem = f"{post}:3: unknown role &#x27;Scrum Wizard&#x27;"
    page = preview.wait_for(post_url, lambda p: 'id="build-error"' in p and problem in p)
    assert "added while" in page  # the last good build, under the error
    home = preview.fetch(f"{preview.url}/")
    assert 'id="build-error"' in home and problem in home
    assert f"{post}:3: unknown role 'Scrum Wizard'" in preview.terminal()
    assert "Traceback" not in preview.terminal()

    # A failure only Pelican sees (pages are not linted) is shown the same way, from its log.
    post.write_text(original + "\nFixed while serving.\n", encoding="utf-8")
    about = preview.content / "pages" / "about.md"
    about_text = about.read_text(encoding="utf-8")
    about.write_text(about_text + "\n[Gone]({filename}/posts/gone.md)\n", encoding="utf-8")
    page = preview.wait_for(post_url, lambda p: "Unable to find" in p)
    assert 'id="build-error"' in page and "gone.md" in page
    assert "Unable to find" in preview.terminal()

    # Fix both: the page comes back, without the error.
    about.write_text(about_text, encoding="utf-8")
    page = preview.wait_for(post_url, lambda p: "Fixed while" in p)
    assert 'id="build-error"' not in page
    assert 'id="build-error"' not in preview.fetch(f"{preview.url}/")
    assert preview.server.poll() is None


def test_an_unknown_address_gets_the_sites_404_page_with_status_404(preview):
    preview.wait_for(f"{preview.url}/", lambda p: "<h1" in p)
    own = (preview.output / "404.html").read_text(encoding="utf-8")
    for missing in ["/no-such-page", "/posts/gone/", "/roles/a/b/c.html", "/posts/"]:
        status, kind, page = status_and_page(preview.url + missing)
        assert (status, kind) == (404, "text/html"), missing
        # The site's page as built, with livereload's snippet (it goes into every page served).
        assert LIVERELOAD_SNIPPET.sub("", page, count=1) == own, missing
        assert "404: Not Found" not in page
    # Real files are still served as they are.
    status, kind, _ = status_and_page(f"{preview.url}/theme/css/main.css")
    assert (status, kind) == (200, "text/css")


# Every line a quiet serve session prints: builds (Pelican's summary, the content cache), our
# own lines; nothing from livereload or Tornado unless something went wrong.
SESSION_LINES = [
    r"Reading \d+ of \d+ (articles|pages) \(\d+ from the cache\)",
    r"Rendering \d+ of \d+ pages \(\d+ from the cache\)",
    r"Done: Processed \d+ articles?, .*",  # Pelican's summary, wrapped at 80 columns
    r".*\bdraft pages in [\d.]+ seconds\.",
    r"search: \d+ shard\(s\) indexed, \d+ reused",  # tools/search.py, after each build
    r"Serving http://127\.0\.0\.1:\d+/ \(Ctrl-C to stop\)",
    r"Preview of \S+ in [\d.]+ s; building the site\.",
]


def test_a_serve_session_logs_nothing_but_its_builds(preview):
    post_url = f"{preview.url}/posts/a-published-post/"
    preview.wait_for(post_url, lambda p: "A Published" in p)
    for missing in ["/favicon.ico", "/no-such-page"]:
        assert status_and_page(preview.url + missing)[0] == 404
    post = preview.content / "posts" / "published-post.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nQuietly saved.\n", encoding="utf-8")
    preview.wait_for(f"{preview.url}/feeds/all.atom.xml", lambda p: "Quietly" in p)
    # Let livereload's own watcher (which polled the project folder) have its say, if it would.
    preview.wait_for(f"{preview.url}/", lambda p: "<h1" in p)
    time.sleep(2)
    lines = [line for line in preview.terminal().splitlines() if line.strip()]
    assert sum("Preview of" in line for line in lines) == 1, lines
    noise = [line for line in lines if not any(re.fullmatch(p, line) for p in SESSION_LINES)]
    assert noise == [], "\n".join(noise)
