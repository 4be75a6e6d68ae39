"""The essay page's weight: its HTML and all it loads, each file gzipped as a server would."""

import gzip
import re
import urllib.parse

from bs4 import BeautifulSoup

ESSAY = "posts/splitsville-or-not/index.html"
BUDGET = 6500  # bytes, gzip: the 6.5 kB


def loaded_by(site, html: str) -> set:
    """The files a page loads: stylesheets, icons, images and scripts, and what the CSS pulls in."""
    soup = BeautifulSoup(html, "html.parser")
    urls = [link["href"] for link in soup.find_all("link", rel=["stylesheet", "icon"])]
    urls += [tag["src"] for tag in soup.find_all(["img", "script"], src=True)]
    files = {site.path_of(url) for url in urls}
    for css in [f for f in files if f.suffix == ".css"]:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not ref.startswith("data:"):
                files.add(site.path_of(urllib.parse.urljoin(site.siteurl + "/theme/css/", ref)))
    return files


def gzip_size(path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def test_essay_page_with_everything_it_loads_is_within_budget(site):
    page = site.root / ESSAY
    files = loaded_by(site, page.read_text(encoding="utf-8"))
    names = sorted(f.relative_to(site.root).as_posix() for f in files)
    assert names == ["favicon.svg", "theme/css/main.css"]  # a new asset must be counted too
    sizes = {f.relative_to(site.root).as_posix(): gzip_size(f) for f in [page, *files]}
    total = sum(sizes.values())
    # Shown by `invoke weight` (pytest -s): the figure, file by file.
    print(f"\nessay page: {total} bytes gzip of a {BUDGET}-byte budget", sizes)
    assert total <= BUDGET, f"{total} bytes gzip is over the {BUDGET}-byte budget: {sizes}"
