"""The essay page's weight: its HTML and every file it loads, each gzipped as a server would.

One home for the measurement: `invoke weight` prints it, and the test of the theme's budget
(tests/site/test_theme_weight.py) asserts on the same figures.
"""

import gzip
import os
import re
import tempfile
import urllib.parse
from pathlib import Path

from invoke import Context, Exit

ESSAY = "posts/splitsville-or-not/index.html"
BUDGET = 6500  # bytes, gzip: the 6.5 kB
# The address `invoke weight` builds for, as the test's shared build does: absolute URLs are
# part of the page's bytes, so the figure depends on it.
SITEURL = "https://splitsville.example"


def file_of(root: Path, siteurl: str, url: str) -> Path:
    """The file under `root` that a URL of the site at `siteurl` is served from."""
    if not url.startswith(siteurl):
        raise ValueError(f"{url} is not under {siteurl}")
    rel = url[len(siteurl) :].split("#")[0].split("?")[0].lstrip("/")
    path = root / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


def loaded_by(root: Path, siteurl: str, html: str) -> set[Path]:
    """The files a page loads: stylesheets, icons, images and scripts, and what the CSS pulls in."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    urls = [link["href"] for link in soup.find_all("link", rel=["stylesheet", "icon"])]
    urls += [tag["src"] for tag in soup.find_all(["img", "script"], src=True)]
    files = {file_of(root, siteurl, url) for url in urls}
    for css in [f for f in files if f.suffix == ".css"]:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not ref.startswith("data:"):
                url = urllib.parse.urljoin(siteurl + "/theme/css/", ref)
                files.add(file_of(root, siteurl, url))
    return files


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def essay_weight(root: Path, siteurl: str) -> dict[str, int]:
    """Each file of the essay page in the build at `root` (the page and all it loads), by its
    path in the build: its size in bytes, gzipped."""
    page = root / ESSAY
    if not page.is_file():
        raise Exit(f"weight: no essay page ({ESSAY}) in the build: the budget is the essay's", 1)
    files = [page, *sorted(loaded_by(root, siteurl, page.read_text(encoding="utf-8")))]
    return {f.relative_to(root).as_posix(): gzip_size(f) for f in files}


def summary(sizes: dict[str, int]) -> str:
    """The figure, file by file, as `invoke weight` prints it."""
    return f"essay page: {sum(sizes.values())} bytes gzip of a {BUDGET}-byte budget {sizes}"


def weight(c: Context) -> None:
    """Build the production site into a temporary folder, print the essay page's weight, and
    fail if it is over the budget."""
    from tools.build import publish

    os.environ["SITEURL"] = SITEURL
    with tempfile.TemporaryDirectory(prefix="splitsville-weight-") as tmp:
        output = Path(tmp) / "output"
        publish(c, output, "content")
        sizes = essay_weight(output, SITEURL)
    print(summary(sizes))
    if sum(sizes.values()) > BUDGET:
        raise Exit(f"{sum(sizes.values())} bytes gzip is over the {BUDGET}-byte budget.", 1)
