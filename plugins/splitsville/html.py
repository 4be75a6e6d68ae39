"""HTML as our checks and rewrites read it: start tags, their attributes, the URLs they hold.

One reading for the feeds (links made absolute), the safety checks (noopener, mixed content,
scripts) and the link check, so that what one of them calls a URL the others do too. Plain
functions on text; no Pelican imports.
"""

import re

# A start tag: its name, and its attributes as written (quoted values may hold ">").
START_TAG = re.compile(
    r"<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
)
# One attribute: a name, then a double-quoted, single-quoted or unquoted value, or none.
ATTRIBUTE = re.compile(
    r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<q>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s\"'=<>`]+)))?"
)
# Attributes that hold one URL, and the one that holds a list of "URL descriptor" candidates.
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "action", "data", "longdesc"})
SRCSET = "srcset"
WHITESPACE = " \t\n\r\f"  # ASCII whitespace, as the HTML spec counts it


def attributes(attrs: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(lower-case name, value, value's span in attrs) for each attribute of a start tag."""
    found = []
    for match in ATTRIBUTE.finditer(attrs):
        group = next((g for g in ("q", "s", "u") if match[g] is not None), None)
        value = match[group] if group else ""
        span = match.span(group) if group else (match.end(), match.end())
        found.append((match["name"].lower(), value, span))
    return found


def srcset_candidates(value: str) -> list[tuple[str, str]]:
    """(URL, descriptor) of each srcset candidate, split as the HTML spec says.

    A URL runs to the next whitespace and may itself hold commas (`a,b.png 2x`); only a comma
    at its very end, or one after its descriptor ("2x", "640w"), ends a candidate.
    """
    candidates, rest = [], value
    while rest := rest.lstrip(WHITESPACE + ","):
        url = re.match(rf"[^{WHITESPACE}]+", rest).group()
        rest = rest[len(url) :]
        if url.endswith(","):
            candidates.append((url.rstrip(","), ""))
        else:
            descriptor, _, rest = rest.partition(",")
            candidates.append((url, descriptor.strip(WHITESPACE)))
    return candidates


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset, in order."""
    return [url for url, _ in srcset_candidates(value)]
