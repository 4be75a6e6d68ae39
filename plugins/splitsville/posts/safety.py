"""What may reach a page from a post, as plain functions of text (no Pelican imports).

- Metadata is text: control characters (which HTML and XML forbid) are dropped from it.
- External links in a post's HTML get rel="noopener noreferrer".
- An http:// asset (image, media, frame, stylesheet) is mixed content on an https site.
- Raw HTML is allowed in posts, but not scripts, inline event handlers or javascript: URLs.
"""

import html
import re
from urllib.parse import urlsplit

from ..html import SRCSET, START_TAG, attributes, srcset_urls

# C0 controls but tab and newline, DEL, C1 controls, and the two non-characters U+FFFE/FFFF:
# forbidden in HTML text and in XML (the feeds), so they never leave the reader.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")

# Where a URL loads something into the page, by tag: (tag, attribute).
ASSET_ATTRIBUTES = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("script", "src"),
    ("input", "src"),
}
MARKDOWN_IMAGE_URL = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<url>http://[^\s)>]+)")
MARKDOWN_LINK_URL = re.compile(r"\]\(\s*<?(?P<url>[^\s)>]*)")
REFERENCE_URL = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.MULTILINE)


def without_controls(text: str) -> str:
    """The text without the control characters HTML and XML forbid."""
    return CONTROL.sub("", text)


def is_external(url: str, site_host: str) -> bool:
    """An absolute or protocol-relative URL to another host than the site's."""
    url = url.strip()
    if not re.match(r"(?i)(https?:)?//", url):
        return False
    return (urlsplit(url).hostname or "") != site_host.lower()


def add_noopener(html: str, site_host: str) -> str:
    """Every <a> to another host gets rel="noopener noreferrer" (added to any rel it has).

    Only start tags are touched: markup shown in code is escaped (&lt;a ...) and never matches.
    """

    def rewrite(tag: re.Match) -> str:
        if tag["name"].lower() != "a":
            return tag[0]
        attrs = tag["attrs"]
        found = attributes(attrs)
        href = next((value for name, value, _ in found if name == "href"), None)
        if href is None or not is_external(href, site_host):
            return tag[0]
        rel = next(((value, span) for name, value, span in found if name == "rel"), None)
        if rel is None:
            return f'<{tag["name"]}{attrs.rstrip()} rel="noopener noreferrer">'
        words = rel[0].split()
        words += [word for word in ("noopener", "noreferrer") if word not in words]
        start, end = rel[1]
        return f"<{tag['name']}{attrs[:start]}{' '.join(words)}{attrs[end:]}>"

    return START_TAG.sub(rewrite, html)


def insecure_assets(html: str) -> list[str]:
    """Every http:// URL the HTML would load (images, media, frames, stylesheets), in order."""
    urls = []
    for tag in START_TAG.finditer(html):
        name = tag["name"].lower()
        found = attributes(tag["attrs"])
        rel = next((value.lower().split() for n, value, _ in found if n == "rel"), [])
        for attr, value, _ in found:
            loads = (name, attr) in ASSET_ATTRIBUTES or (
                name == "link" and attr == "href" and ("stylesheet" in rel or "icon" in rel)
            )
            if not loads:
                continue
            candidates = srcset_urls(value) if attr == SRCSET else [value.strip()]
            urls += [url for url in candidates if url.lower().startswith("http://")]
    return urls


def markdown_insecure_assets(text: str) -> list[tuple[int, str]]:
    """(offset, url) of every http:// asset in Markdown source: images and raw HTML alike."""
    found = [(m.start(), m["url"]) for m in MARKDOWN_IMAGE_URL.finditer(text)]
    for tag in START_TAG.finditer(text):
        found += [(tag.start(), url) for url in insecure_assets(tag[0])]
    return sorted(found)


SCRIPT_TAG = re.compile(r"</?script\b", re.IGNORECASE)  # a stray end tag too: invalid HTML


def script_problems(text: str) -> list[tuple[int, str]]:
    """(offset, problem) for scripts in raw HTML or Markdown: <script>, on*= handlers and
    javascript: URLs (in HTML attributes, Markdown links and reference definitions)."""
    found = [(m.start(), "a <script> element") for m in SCRIPT_TAG.finditer(text)]
    for tag in START_TAG.finditer(text):
        for name, value, _ in attributes(tag["attrs"]):
            if name.startswith("on") and len(name) > 2:
                found.append((tag.start(), f"an inline event handler ({name}=)"))
            elif is_javascript_url(value):
                found.append((tag.start(), f"a javascript: URL ({name}=)"))
    for pattern in (MARKDOWN_LINK_URL, REFERENCE_URL):
        for match in pattern.finditer(text):
            if is_javascript_url(match["url"]):
                found.append((match.start(), "a javascript: URL (in a Markdown link)"))
    return sorted(set(found))


def is_javascript_url(value: str) -> bool:
    """javascript: however browsers still read it: any case, with entities, controls or spaces."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
    return plain.startswith("javascript:")
