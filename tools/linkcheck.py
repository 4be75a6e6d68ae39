"""Check every internal link of a built site before it is published (no Pelican imports).

Internal means on SITEURL's host. Each href, src, srcset candidate, poster and data must resolve
to a file under SITEURL's path (the base: "/" at a root, "/splitsville/" under a subpath) and each
#fragment to an id (or <a name>) in the page it points to. A link that leaves the base works on a
root preview and breaks on GitHub Pages' project addresses, so it is an error too.

Pages are parsed by selectolax (the lexbor HTML5 parser, in C): about thirty times faster than
html.parser on our pages, and it reads attributes as browsers do.
"""

import contextlib
import hashlib
import os
import pickle
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser
from splitsville.html import SRCSET, URL_ATTRIBUTES, srcset_urls

# Every element with an attribute we read: the parser visits them in document order.
HAS_LINK_OR_ID = ",".join(
    [*(f"[{name}]" for name in sorted(URL_ATTRIBUTES)), f"[{SRCSET}]", "[id]", "a[name]"]
)
NOT_FETCHED = ("mailto:", "tel:", "data:", "javascript:")
# An address with its own host: where it leads does not depend on the page it is on (urljoin
# keeps it whole), so it needs no joining to know which address it is.
ABSOLUTE = re.compile(r"(?:https?:)?//[^/?#]", re.IGNORECASE)


def links_and_ids(html: str) -> tuple[list[str], set[str]]:
    """The URLs a page links to, in document order, and the fragment targets it defines."""
    urls: list[str] = []
    ids: set[str] = set()
    for node in LexborHTMLParser(html).css(HAS_LINK_OR_ID):
        for name, value in node.attributes.items():
            if value is None:  # a bare attribute (<a href>) holds no address
                continue
            if name in URL_ATTRIBUTES:
                urls.append(value.strip())
            elif name == SRCSET:
                urls += srcset_urls(value)
            elif name == "id" or (name == "name" and node.tag == "a"):
                ids.add(value)
    return urls, ids


def check_site(root: Path, siteurl: str, cache: Path | None = None) -> list[str]:
    """Every broken internal link under `root`, one line each: '<page>: <href>: <problem>'.

    `siteurl` is the address the site was built for (SITEURL); its path is the base every
    internal link must stay under. Pages are checked in sorted order, so the report is stable.
    With `cache` (a file), what each page links to and defines is kept there by a hash of its
    bytes: a page unchanged since the last check is not parsed again, though every link on
    every page is checked again (a link can break because another page went).
    """
    checker = _Checker(Path(root), siteurl, _Parsed.load(cache))
    problems = checker.check(sorted(Path(root).rglob("*.html")))
    checker.parsed.save()
    return problems


def _salt() -> str:
    """What parsing depends on besides a page's bytes: this code, the attributes it reads
    (splitsville/html.py) and the parser's version. A change to any starts the cache afresh."""
    from importlib.metadata import version

    import splitsville.html

    digest = hashlib.sha256(version("selectolax").encode())
    for module in (__file__, splitsville.html.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


class _Parsed:
    """links_and_ids() of pages, by the sha256 of their bytes; kept in a file between checks."""

    def __init__(self, path: Path | None, known: dict):
        self.path, self.known, self.used = path, known, {}

    @classmethod
    def load(cls, path: Path | None) -> "_Parsed":
        known = {}
        if path is not None:
            with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError):
                kept = pickle.loads(path.read_bytes())
                if isinstance(kept, dict) and kept.get("salt") == _salt():
                    known = kept["pages"]
        return cls(path, known)

    def page(self, path: Path) -> tuple[list[str], set[str]]:
        data = path.read_bytes()
        key = hashlib.sha256(data).digest()
        found = self.used.get(key) or self.known.get(key)
        if found is None:
            found = links_and_ids(data.decode("utf-8"))
        self.used[key] = found
        return found

    def save(self) -> None:
        """Keep this check's pages only (written whole, then renamed)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=self.path.parent, delete=False) as out:
            kept = {"salt": _salt(), "pages": self.used}
            pickle.dump(kept, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, self.path)


class _Checker:
    """One site's check: each page parsed once, each distinct address resolved once."""

    def __init__(self, root: Path, siteurl: str, parsed: _Parsed) -> None:
        site = urlsplit(siteurl.rstrip("/") + "/")
        self.root, self.host, self.base = root, site.netloc, site.path
        self.origin = f"{site.scheme}://{site.netloc}"
        self.parsed = parsed
        self.ids: dict[Path, set[str]] = {}  # pages parsed so far: their ids
        self.verdicts: dict[str, str | None] = {}  # address -> its problem, or None

    def check(self, pages: list[Path]) -> list[str]:
        problems = []
        for path in pages:
            rel = path.relative_to(self.root).as_posix()
            here = f"{self.origin}{self.base}{rel}"
            urls, ids = self.parsed.page(path)
            self.ids[path] = ids
            for href in dict.fromkeys(urls):  # each distinct link once per page
                if href.startswith("#") and len(href) > 1:  # a place on this page, as resolve()
                    fragment = unquote(href[1:])  # would find it, without joining addresses
                    found = fragment in ids or fragment.lower() == "top"
                    problem = None if found else f"no id '{fragment}' in {rel}"
                else:
                    problem = self.problem(href, here)
                if problem:
                    problems.append(f"{rel}: {href}: {problem}")
        return problems

    def problem(self, href: str, here: str) -> str | None:
        """What is wrong with one link of the page at `here`, or None when it resolves."""
        if not href or href.lower().startswith(NOT_FETCHED):
            return None if href else "empty address"
        # Pages share most of their links (the stylesheet, the menu, the roles): each address
        # is resolved once, which spares a stat of the file system per link.
        absolute = ABSOLUTE.match(href)
        address = href if absolute else urljoin(here, href)
        if address not in self.verdicts:
            self.verdicts[address] = self.resolve(urljoin(here, href) if absolute else address)
        return self.verdicts[address]

    def resolve(self, address: str) -> str | None:
        url = urlsplit(address)
        if url.scheme not in ("http", "https") or url.netloc != self.host:
            return None  # another site: not ours to check
        base, root = self.base, self.root
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
        if not fragment or fragment.lower() == "top" or target.suffix != ".html":
            return None
        if target not in self.ids:
            self.ids[target] = self.parsed.page(target)[1]
        if fragment not in self.ids[target]:
            return f"no id '{fragment}' in {target.relative_to(root).as_posix()}"
        return None
