"""Check every internal link of a built site before it is published (stdlib only, no Pelican).

Internal means on SITEURL's host. Each href, src, srcset candidate and poster must resolve to a
file under SITEURL's path (the base: "/" at a root, "/splitsville/" under a subpath) and each
#fragment to an id (or <a name>) in the page it points to. A link that leaves the base works on a
root preview and breaks on GitHub Pages' project addresses, so it is an error too.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes holding one URL, and the one holding a list of them.
URL_ATTRS = {"href", "src", "poster", "data"}
SRCSET = "srcset"
NOT_FETCHED = ("mailto:", "tel:", "data:", "javascript:")
WHITESPACE = " \t\n\r\f"


class _PageParser(HTMLParser):
    """Collect the URLs a page links to and the fragment targets it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRS:
                self.urls.append(value.strip())
            elif name == SRCSET:
                self.urls += srcset_urls(value)
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)

    handle_startendtag = handle_starttag


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset, split as the HTML spec does (a URL may itself hold commas)."""
    urls, rest = [], value
    while rest := rest.lstrip(WHITESPACE + ","):
        url = re.match(r"\S+", rest).group()
        rest = rest[len(url) :]
        if url.endswith(","):
            urls.append(url.rstrip(","))
        else:
            urls.append(url)
            rest = rest.partition(",")[2]  # skip the descriptor ("2x", "640w")
    return urls


def parse_page(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def check_site(root: Path, siteurl: str) -> list[str]:
    """Every broken internal link under `root`, one line each: '<page>: <href>: <problem>'.

    `siteurl` is the address the site was built for (SITEURL); its path is the base every
    internal link must stay under. Pages are checked in sorted order, so the report is stable.
    """
    root = Path(root)
    site = urlsplit(siteurl.rstrip("/") + "/")
    base = site.path
    parsed: dict[Path, _PageParser] = {}

    def page(path: Path) -> _PageParser:
        if path not in parsed:
            parsed[path] = parse_page(path)
        return parsed[path]

    problems = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        here = f"{site.scheme}://{site.netloc}{base}{rel}"
        for href in dict.fromkeys(page(path).urls):  # each distinct link once per page
            problem = _problem(href, here, site.netloc, base, root, page)
            if problem:
                problems.append(f"{rel}: {href}: {problem}")
    return problems


def _problem(href, here, host, base, root, page) -> str | None:
    """What is wrong with one link of the page at `here`, or None when it resolves."""
    if not href or href.lower().startswith(NOT_FETCHED):
        return None if href else "empty address"
    url = urlsplit(urljoin(here, href))
    if url.scheme not in ("http", "https") or url.netloc != host:
        return None  # another site: not ours to check
    path = unquote(url.path)
    if path + "/" == base:
        path = base
    if not path.startswith(base):
        return f"leaves the base path {base}"
    rel = path[len(base) :]
    if ".." in rel.split("/"):  # an encoded %2e%2e survives urljoin's clean-up
        return f"leaves the base path {base}"
    target = root / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    elif target.is_dir():
        return "is a folder: end the address with '/'"
    if not target.is_file():
        return f"no file {target.relative_to(root).as_posix()} in the output"
    fragment = unquote(url.fragment)
    # "#top" needs no id: browsers scroll to the top (HTML spec, "scroll to the fragment").
    known = fragment.lower() == "top" or target.suffix != ".html" or fragment in page(target).ids
    if fragment and not known:
        return f"no id '{fragment}' in {target.relative_to(root).as_posix()}"
    return None
