"""Typography applied once per post, where it can be cached and run in parallel.

No Pelican imports.

Pelican runs typogrify after its readers, in the main process, on every build. We run the same
filters with the same options inside our reader instead, so the result travels with the
reader's output: computed on all cores, and kept by Pelican's content cache until the file changes.
"""

import re
from collections.abc import Iterable
from html import unescape

import smartypants
from typogrify.filters import typogrify

_DASHES = {
    "default": smartypants.Attr.set1,
    "oldschool": smartypants.Attr.set2,
    "oldschool_inverted": smartypants.Attr.set3,
}
_TAGS = re.compile(r"<[^>]*>")
_WORDS = re.compile(r"\w+(?:[\u2019'’-]\w+)*")


def configure(dashes: str) -> None:
    """Set smartypants' dash style, as Pelican's TYPOGRIFY_DASHES does (the setting is global)."""
    smartypants.Attr.default = _DASHES.get(dashes, smartypants.Attr.set1) | smartypants.Attr.w


def typeset(html: str, ignore_tags: Iterable[str] = (), omit: Iterable[str] = ()) -> str:
    """Typogrify a fragment of HTML: curly quotes, dashes, ellipses, caps, amp, no widows."""
    return typogrify(html, list(ignore_tags), **dict.fromkeys(omit, False))


def word_count(fragment: str) -> int:
    """Words a reader reads: text outside tags, not counting markup."""
    return len(_WORDS.findall(unescape(_TAGS.sub(" ", fragment))))


def reading_minutes(words: int, per_minute: int = 230) -> int:
    """Reading time in whole minutes, at least one."""
    return max(1, -(-words // per_minute))
