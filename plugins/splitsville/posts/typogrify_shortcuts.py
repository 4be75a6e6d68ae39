"""Shortcuts around typogrify's and smartypants' own work: the same output, in less time.

No Pelican imports.

Each one is the library's function or pattern given less to do, or a faster way to the same
matches; use_shortcuts(False) puts the library's own back, and tests/unit/test_posts_typography.py
compares the two. Installed on import (typography.py imports this module).
"""

import re

import smartypants
from typogrify import filters as typogrify_filters

# smartypants runs each of these steps, a handful of regexes apiece, on every run of text
# between two tags. A step changes only text holding one of its triggers, so without one it is
# skipped: the same output in half the time (tests/unit/test_posts_typography.py compares the two,
# and so for the filters after them).
TRIGGERS = {
    "convert_dashes": ("--",),
    "convert_dashes_oldschool": ("--",),
    "convert_dashes_oldschool_inverted": ("--",),
    "convert_ellipses": ("...", ". . ."),
    "convert_backticks": ("``", "''"),
    "convert_single_backticks": ("`", "'"),
    "convert_quotes": ("'", '"'),
}
LIBRARY_STEPS = {name: getattr(smartypants, name) for name in TRIGGERS}


def _only_if(step, present):
    """`step`, run only on a text for which `present(text)` holds; any other comes back as is."""

    def run(text: str, *args):
        return step(text, *args) if present(text) else text

    return run


# smartypants' convert_quotes reads each quote with the few characters around it (at most 8
# before, an entity such as "&#x2013;", and 4 after); the dozen patterns it runs scan the whole
# text given. On a paragraph with a quote or two that is mostly text no pattern can match, so
# it is given only the text within QUOTE_CONTEXT characters of a quote, each stretch between
# stood in for by one character no pattern reads (it is never that near a quote), and the
# stretches are put back after: the library's output, in three fifths of its time (0.38 vs
# 0.62 ms a post of the benchmark's corpus).
QUOTE_CONTEXT = 16
_QUOTE = re.compile("['\"]")
_STRETCH = "\ue000"  # a private-use character: a text holding one is given whole


def _near_quotes(step):
    def run(text: str) -> str:
        if _STRETCH in text:
            return step(text)
        near: list[list[int]] = []  # the spans within QUOTE_CONTEXT of a quote, merged
        for quote in _QUOTE.finditer(text):
            start, end = max(0, quote.start() - QUOTE_CONTEXT), quote.end() + QUOTE_CONTEXT
            if near and start <= near[-1][1]:
                near[-1][1] = end
            else:
                near.append([start, end])
        if not near:
            return step(text)
        given, left_out, done = [], [], 0
        for start, end in near:
            if start > done:
                left_out.append(text[done:start])
                given.append(_STRETCH)
            given.append(text[start:end])
            done = end
        if done < len(text):
            left_out.append(text[done:])
            given.append(_STRETCH)
        parts = step("".join(given)).split(_STRETCH)
        return parts[0] + "".join(o + p for o, p in zip(left_out, parts[1:], strict=True))

    return run


def _holds_any(triggers):
    return lambda text: any(trigger in text for trigger in triggers)


# Three of typogrify's own filters leave a text in which their pattern finds nothing as it was
# (they rebuild it from its pieces, or substitute where it matches): skipped on such a text, by
# a looser pattern than theirs that starts with a fixed character, which the regex engine finds
# without trying every other (typogrify.filters has their patterns in full):
# - `amp`: an "&" (or "&amp;", "&#38;") then a space or "&nbsp;", as every ampersand it wraps;
# - `caps`: two capitals with only digits between or a capital, a dot and a capital, which
#   every word it wraps holds;
# - `initial_quotes`: a quote (or its entity) after the text's start or a tag's ">", with
#   spaces between or none: what is before every quote it wraps is a tag or the start.
_QUOTE_MARK = r"(?:\"|'|&ldquo;|&\#8220;|&lsquo;|&\#8216;)"
_START_QUOTE = re.compile(rf"\s*+{_QUOTE_MARK}")
_TAG_QUOTE = re.compile(rf">\s*+{_QUOTE_MARK}")
FILTER_TRIGGERS = {
    "amp": re.compile(r"&(?:amp;|\#38;)?(?:\s|&nbsp;)").search,
    "caps": re.compile(r"[A-Z]\d*[A-Z]|[A-Z]\.\s?[A-Z]").search,
    "initial_quotes": lambda text: _START_QUOTE.match(text) or _TAG_QUOTE.search(text),
}
LIBRARY_FILTERS = {name: getattr(typogrify_filters, name) for name in FILTER_TRIGGERS}

# typogrify's widont puts a no-break space before the last word of each block (a p, h1-h6, li,
# dt or dd): its pattern is tried at every character of the text, which costs more than the
# rest of typogrify. The same matches are found from the spaces instead: TAIL, tried only where
# the text has a space, finds a run of spaces, the word after it and what may close the block.
# Then the run must follow what the library's pattern asks for before it: a character that is
# no space and no "<" or ">", or an inline tag (one that starts as `</?(a|em|span|strong|i|b)`,
# as the library's does, and ends at the run). A run that does not is left as it is: no match
# of the library's could begin in what TAIL took (a word, spaces and closing tags), so leaving
# that text whole changes nothing. Possessive quantifiers (Python 3.11) never try again where
# trying again cannot match. A fifth of the library's time; tests compare the two.
TAIL = re.compile(
    r"\s++([^<>\s]++\s*+(?:</(?:a|em|span|strong|i|b)>\s*+)*+(?:</(?:p|h[1-6]|li|dt|dd)>|$))"
)
INLINE_TAG = re.compile(r"</?(?:a|em|span|strong|i|b)")
LIBRARY_WIDONT = typogrify_filters.widont


def widont(text: str) -> str:
    """typogrify's widont, found from the spaces (TAIL)."""

    def joined(tail: re.Match) -> str:
        start = tail.start()
        before = text[start - 1] if start else "<"  # at the start: nothing before, no match
        if before == ">":  # an inline tag's end? It starts at a "<" after the ">" before it
            tag = text.find("<", text.rfind(">", 0, start - 1) + 1, start)
            while tag != -1 and not INLINE_TAG.match(text, tag):
                tag = text.find("<", tag + 1, start)
            if tag == -1:
                return tail[0]
        elif before == "<":
            return tail[0]
        return "&nbsp;" + tail[1]

    return TAIL.sub(joined, text)


def use_shortcuts(on: bool = True) -> None:
    """Install (or, with on=False, remove) the shortcut around each smartypants step and the
    typogrify filters above, convert_quotes near quotes only, and the faster widont: tests
    compare the output with the library's own."""
    for name, step in LIBRARY_STEPS.items():
        faster = _near_quotes(step) if name == "convert_quotes" else step
        setattr(smartypants, name, _only_if(faster, _holds_any(TRIGGERS[name])) if on else step)
    for name, step in LIBRARY_FILTERS.items():
        found = _only_if(step, FILTER_TRIGGERS[name])
        setattr(typogrify_filters, name, found if on else step)
    typogrify_filters.widont = widont if on else LIBRARY_WIDONT


use_shortcuts()
