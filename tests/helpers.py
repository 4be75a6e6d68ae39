"""Plain helpers for the tests (as Pelican's tests/support.py): `from helpers import build_site`.

Paths, the Chromium and Nu HTML Checker set-ups, running our invoke tasks, a static server, and
`invoke serve` as an author runs it. The fixtures built from these live in conftest.py.
"""

import contextlib
import datetime
import filecmp
import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium, never a browser build downloaded by a test tool; flags for this closed network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def invoke(
    *args: str, siteurl: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run one of our invoke tasks exactly as `make` would, capturing its output."""
    env = {**os.environ, **(env or {}), "SITEURL": siteurl}
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@contextlib.contextmanager
def serve(directory: Path, port: int):
    """Serve a folder over HTTP on 127.0.0.1 for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class Site:
    """A finished build: its folder, its address and what the build printed."""

    def __init__(self, root: Path, siteurl: str, log: str):
        self.root, self.siteurl, self.log = root, siteurl, log

    def path_of(self, url: str) -> Path:
        """The file a site URL is served from (folder URLs map to their index.html)."""
        assert url.startswith(self.siteurl), f"{url} is not under {self.siteurl}"
        rel = url[len(self.siteurl) :].split("#")[0].split("?")[0].lstrip("/")
        path = self.root / rel
        return path / "index.html" if rel == "" or rel.endswith("/") else path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")


FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"


# The project's own files, as a clone holds them: what a copy of the project needs to build.
PROJECT = ["tasks.py", "tools", "plugins", "theme", "pelicanconf.py", "publishconf.py"]


def copy_project(tmp: Path) -> Path:
    """The project's code and theme with the fixture site as content/, in tmp/project: a clone,
    as its owner has it, where a test may edit anything."""
    copy = tmp / "project"
    copy.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    shutil.copytree(FIXTURE_SITE, copy / "content")
    return copy


def post_pages(site: Site) -> list[Path]:
    """Every post page a build wrote (posts/<slug>/index.html), in sorted order."""
    return sorted(site.root.glob("posts/*/index.html"))


def json_ld(page: Path) -> dict:
    """What a built page says of itself in its JSON-LD script."""
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return json.loads(html.find("script", type="application/ld+json").string)


def oldest_post(site: Site) -> str:
    """The oldest published post of a build, as its folder ("posts/<slug>/"), by the date its page
    gives in its JSON-LD (a tie goes to the first in sorted order). Tests that need just "a post"
    take this one, so they hold for whatever content/ holds (on this repository's, the essay)."""

    def published(page: Path) -> datetime.datetime:
        return datetime.datetime.fromisoformat(json_ld(page)["datePublished"])

    pages = post_pages(site)
    assert pages, f"{site.root} has no post page"
    return f"{min(pages, key=published).parent.relative_to(site.root).as_posix()}/"


# A plain lower-case word of six letters or more, not part of a longer word, a name or a number.
WORD = re.compile(r"(?<![\w'’-])[a-z]{6,}(?![\w'’-])")


def words_of(page: Path) -> set[str]:
    """The plain words of a post page's paragraphs (not its header, code or navigation)."""
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {w for p in html.select(".prose p") for w in WORD.findall(p.get_text(" "))}


def a_word_of(site: Site, post: str) -> str:
    """A word of the post's text (its folder, "posts/<slug>/") that the fewest other posts of
    the build hold (a tie goes to the first alphabetically): searching for it lists that post,
    among few others."""
    page = site.root / post / "index.html"
    others = [words_of(p) for p in post_pages(site) if p != page]
    words = sorted(words_of(page))
    assert words, f"{page} has no word to search for"
    return min(words, key=lambda word: sum(word in other for other in others))


def open_from_disk(browser, site: Site, rel: str):
    """A new browser page showing `rel` of a built site that no server serves: every request
    under the site's address is answered from its folder (404 for what is not there)."""
    page = browser.new_page()

    def from_disk(route):
        path = site.path_of(route.request.url)
        if path.is_file():
            route.fulfill(path=path)
        else:
            route.fulfill(status=404)

    page.route(f"{site.siteurl}/**", from_disk)
    return page, f"{site.siteurl}/{rel}"


# The Nu HTML Checker (npm vnu-jar) on the machine's Java. C1-only compilation starts it twice as
# fast on small machines; its bigger stack frames need the larger thread stack.
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU)]
# axe-core (npm): the accessibility rules the browser tests run inside the page.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def vnu_messages(paths: list[Path]) -> list[dict]:
    """The checker's errors for these HTML files, from one JVM run."""
    result = subprocess.run(
        [*JAVA, "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its report to stderr
    assert result.returncode == (1 if report["messages"] else 0), result.stderr[-2000:]
    return report["messages"]


def same_tree(first: Path, second: Path) -> None:
    """Two built folders hold the same files, byte for byte."""
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    assert not mismatch and not errors, mismatch + errors


def build_site(tmp: Path, siteurl: str, task: str = "publish", content: Path | None = None) -> Site:
    out = tmp / "output"
    args = ["--content", str(content)] if content else []
    result = invoke(task, "--output", str(out), *args, siteurl=siteurl)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"build failed:\n{log}"
    return Site(out, siteurl, log)


# --- `invoke serve` as an author runs it (tests of the live preview) ----------------------------
PREVIEW_WAIT = 60  # seconds: a rebuild takes about one, and the watcher looks every 0.8


def fetch(url: str) -> str:
    """The page at url, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


class Preview:
    """`invoke serve` running on a copy of the fixture site, on a free port."""

    def __init__(self, tmp: Path):
        self.content = tmp / "content"
        shutil.copytree(FIXTURE_SITE, self.content)
        self.output = tmp / "output"
        self.log = tmp / "serve.log"
        self.url = f"http://127.0.0.1:{free_port()}"
        self.server: subprocess.Popen | None = None

    fetch = staticmethod(fetch)

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, url: str, until: Callable[[str], bool]) -> str:
        """Poll url until until(page) holds, failing if the server stops or time runs out."""
        page, deadline = "", time.monotonic() + PREVIEW_WAIT
        while time.monotonic() < deadline:
            assert self.server.poll() is None, f"the server stopped:\n{self.terminal()}"
            page = fetch(url)
            if until(page):
                return page
            time.sleep(0.2)
        raise AssertionError(f"{url} not as expected within {PREVIEW_WAIT} s:\n{page[:2000]}")
