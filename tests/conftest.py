"""Shared fixtures: real Pelican builds of the real content, and a static server on 127.0.0.1."""

import atexit
import contextlib
import functools
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import types
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import sync_playwright

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
sys.path.insert(0, str(ROOT / "plugins"))

# Property tests explore new examples on every local run; CI replays a fixed set (derandomize),
# so a submission never fails on an example nobody has seen. Failures found locally are kept as
# @example lines in the tests.
# Builds in a test session share one content cache, new for the session: no test depends on or
# touches the developer's cache/ folder.
os.environ["SPLITSVILLE_CACHE_PATH"] = tempfile.mkdtemp(prefix="splitsville-test-cache-")
atexit.register(shutil.rmtree, os.environ["SPLITSVILLE_CACHE_PATH"], ignore_errors=True)

hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


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
# The Nu HTML Checker (npm vnu-jar) on the machine's Java. C1-only compilation starts it twice as
# fast on small machines; its bigger stack frames need the larger thread stack.
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU)]


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


def build_site(tmp: Path, siteurl: str, task: str = "publish", content: Path | None = None) -> Site:
    out = tmp / "output"
    args = ["--content", str(content)] if content else []
    result = invoke(task, "--output", str(out), *args, siteurl=siteurl)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"build failed:\n{log}"
    return Site(out, siteurl, log)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The real content built once with publishconf.py, at a root address."""
    return build_site(tmp_path_factory.mktemp("site"), "https://splitsville.example")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Site:
    """tests/fixtures/site built once with publishconf.py: small posts that exercise edge cases."""
    tmp = tmp_path_factory.mktemp("fixture")
    return build_site(tmp, "https://fixture.example", content=FIXTURE_SITE)


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory):
    """The real content built for, and served under, http://127.0.0.1:<port>/splitsville."""
    port = free_port()
    served = tmp_path_factory.mktemp("served")
    siteurl = f"http://127.0.0.1:{port}/splitsville"
    built = build_site(served / "build", siteurl)
    built.root.rename(served / "splitsville")
    built.root = served / "splitsville"
    with serve(served, port):
        yield built


@pytest.fixture(scope="session")
def root_site(tmp_path_factory):
    """The real content built for, and served at, the root of http://127.0.0.1:<port>."""
    port = free_port()
    built = build_site(tmp_path_factory.mktemp("root"), f"http://127.0.0.1:{port}")
    with serve(built.root, port):
        yield built


@pytest.fixture(scope="session")
def support():
    """This module's helpers, for test files.

    `from conftest import ...` in a test file finds whichever conftest.py pytest imported last
    (tests/browser/conftest.py in a full run), so tests reach these through a fixture instead.
    """
    return types.SimpleNamespace(
        ROOT=ROOT,
        FIXTURE_SITE=FIXTURE_SITE,
        Site=Site,
        build_site=build_site,
        invoke=invoke,
        serve=serve,
        free_port=free_port,
        vnu_messages=vnu_messages,
    )


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium with a fresh profile for the whole run."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        yield context
        context.close()


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


@pytest.fixture
def preview(tmp_path):
    """`invoke serve` in its own process group, stopped with its children whatever happens."""
    site = Preview(tmp_path)
    port = site.url.rsplit(":", 1)[1]
    command = [sys.executable, "-m", "invoke", "serve", "--port", port]
    command += ["--content", str(site.content), "--output", str(site.output)]
    with site.log.open("w") as log:
        site.server = subprocess.Popen(
            command,
            cwd=ROOT,
            # serve must ignore a production SITEURL: a preview links to itself.
            env={**os.environ, "SITEURL": "https://not-this.example"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield site
    finally:
        with contextlib.suppress(ProcessLookupError):  # already gone: nothing to stop
            os.killpg(site.server.pid, signal.SIGTERM)
            try:
                site.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(site.server.pid, signal.SIGKILL)
        site.server.wait()
