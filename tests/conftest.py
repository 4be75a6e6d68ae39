"""Shared fixtures: real Pelican builds of the real content, a static server on 127.0.0.1,
headless Chromium and `invoke serve`. The plain helpers they use are in helpers.py."""

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile

import pytest
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import sync_playwright

from helpers import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    FIXTURE_SITE,
    ROOT,
    Preview,
    Site,
    build_site,
    free_port,
    serve,
)

# Property tests explore new examples on every local run; CI replays a fixed set (derandomize),
# so a submission never fails on an example nobody has seen. Failures found locally are kept as
# @example lines in the tests.
# Builds in a test session share one content cache, new for the session: no test depends on or
# touches the developer's cache/ folder.
os.environ["SPLITSVILLE_CACHE_PATH"] = tempfile.mkdtemp(prefix="splitsville-test-cache-")
atexit.register(shutil.rmtree, os.environ["SPLITSVILLE_CACHE_PATH"], ignore_errors=True)

# site/test_essay.py checks the essay against its source text (fixtures/essay-source.txt), and
# site/test_theme_weight.py holds the essay page to the theme's budget, while content/ holds the
# essay, a post crediting that source; a site without it has no essay to check
# (docs/make-it-your-own.md), so those modules are not collected at all rather than skipped.
ESSAY_CREDIT = "Source_url: https://www.balanceinteractive.com"
if not any(
    ESSAY_CREDIT in post.read_text(encoding="utf-8").splitlines()
    for post in (ROOT / "content" / "posts").rglob("*.md")
):
    collect_ignore = ["site/test_essay.py", "site/test_theme_weight.py"]

# No per-example deadline: a property test checks what the code does, not how fast (speed is
# measured by the benchmarks); on two busy cores a correct example can take over 200 ms.
hypothesis_settings.register_profile("local", deadline=None)
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "local")


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
def browser(tmp_path_factory):
    """One headless Chromium with a fresh profile for the whole run."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        yield context
        context.close()


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
