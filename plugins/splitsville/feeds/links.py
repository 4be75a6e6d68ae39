"""Feed entries that work away from the site: absolute URLs.

A feed reader shows an entry out of its page, so a relative link or a bare `#fn:1` would point
into the reader itself. Plain logic on strings: no Pelican here (wiring.py wires it in).
"""

import functools
import html
from html.parser import HTMLParser
from urllib.parse import urljoin

from ..html import SRCSET, START_TAG, URL_ATTRIBUTES, srcset_candidates


def absolute_url(url: str, base: str) -> str:
    """url resolved against base (the entry's own address): `#x` becomes base + `#x`.

    Absolute URLs and schemes such as mailto: are left as they are.
    """
    url = url.strip()
    if not url:
        return base
    return urljoin(base, url)


def absolute_srcset(value: str, base: str) -> str:
    """Each candidate of a srcset made absolute, its width or density descriptor kept."""
    return ", ".join(
        " ".join([absolute_url(url, base), *descriptor.split()])
        for url, descriptor in srcset_candidates(value)
    )


class _Rewriter(HTMLParser):
    """Rewrites the URL attributes of one start tag (absolute_links feeds it a tag at a time).

    A tag with no URL attribute is copied as written; one with a URL attribute is written anew
    from what the parser read (names lower-case, values double-quoted and escaped).
    """

    def __init__(self, base: str):
        super().__init__(convert_charrefs=False)
        self.base = base
        self.out: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> None:
        if not any(name in URL_ATTRIBUTES or name == SRCSET for name, _ in attrs):
            self.out.append(self.get_starttag_text())
            return
        parts = [tag]
        for name, value in attrs:
            if value is None:
                parts.append(name)
                continue
            if name in URL_ATTRIBUTES:
                value = absolute_url(value, self.base)
            elif name == SRCSET:
                value = absolute_srcset(value, self.base)
            parts.append(f'{name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{' '.join(parts)}{close}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, "")

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, " /")


@functools.cache
def absolute_links(fragment: str, base: str) -> str:
    """The HTML fragment with every URL attribute (href, src, srcset, ...) made absolute.

    base is the address of the page the fragment comes from, so `#fn:1` becomes
    `https://site/posts/x/#fn:1` and `../images/a.svg` resolves as it would on that page.
    Only start tags are parsed; text between them (entities, stray "&") is copied as written.
    Cached: a post appears in up to a dozen feeds (all posts and each of its roles, in Atom, RSS
    and JSON), and the rewrite is the same each time, so it is done once per post.
    """
    if not fragment:
        return fragment
    return START_TAG.sub(lambda match: _rewrite_tag(match.group(0), base), fragment)


def _rewrite_tag(tag: str, base: str) -> str:
    parser = _Rewriter(base)
    parser.feed(tag)
    parser.close()
    return "".join(parser.out) or tag
