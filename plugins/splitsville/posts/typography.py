"""Typography applied once per post, where it can be cached and run in parallel.

No Pelican imports.

Pelican runs typogrify after its readers, in the main process, on every build. We run the same
filters with the same options inside our reader instead, so the result travels with the
reader's output: computed on all cores, and kept by Pelican's content cache until the file changes.
"""

import functools
import re
from collections.abc import Iterable
from html import escape, unescape

import smartypants
from markupsafe import Markup
from typogrify import filters as typogrify_filters
from typogrify.filters import typogrify

_DASHES = {
    "default": smartypants.Attr.set1,
    "oldschool": smartypants.Attr.set2,
    "oldschool_inverted": smartypants.Attr.set3,
}
_TAGS = re.compile(r"<[^>]*>")

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
# stretches are put back after: the library's output, in half its time.
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


def keep_backslashes(text: str) -> str:
    r"""smartypants' backslash escapes (`\"` for a straight quote), turned off.

    They are for text written for smartypants itself. Ours arrives as HTML from Markdown, which
    has already turned an author's escapes into characters, or as a title, which is text: a
    backslash left in either is one the reader must see, and smartypants would drop it
    (`a \\ b` shown as `a \ b`; found by tests/site/test_escaping_properties.py).
    """
    return text


smartypants.process_escapes = keep_backslashes


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


# The no-break spaces typogrify puts in: between a text's last two words (widow control).
NO_BREAKS = str.maketrans({"\xa0": " ", "\u202f": " "})


def machine_text(fragment: str) -> str:
    """Typeset HTML as plain text for machines: tags dropped, entities decoded, and the
    no-break spaces of widow control turned back into spaces.

    Widow control is for the visible page, where a line can break; in a <title>, a social tag,
    JSON-LD, a feed title or alt text it only makes one title two different strings.
    """
    return Markup(fragment).striptags().translate(NO_BREAKS)


# Between a phrase's words in typeset HTML: spaces, or the no-break space widow control put in.
_GAP = r"(?:\s|&nbsp;|&#160;|\xa0)+"
_TAG = re.compile(r"(<[^>]*>)")


@functools.lru_cache(maxsize=8)
def _phrases(phrases: tuple[str, ...]) -> re.Pattern | None:
    words = {tuple(escape(p, quote=False).split()) for p in phrases}
    words = sorted((w for w in words if len(w) > 1), key=lambda w: -len(" ".join(w)))
    if not words:
        return None
    either = "|".join(_GAP.join(map(re.escape, w)) for w in words)
    return re.compile(rf"(?<!\w)(?:{either})", re.IGNORECASE)


def _kept(match: re.Match) -> str:
    # A name glued to the word before it ("Account/Project Manager") may start a line, as it
    # could before its spaces became no-break ones: <wbr> says so.
    glued = match.start() > 0 and not match.string[match.start() - 1].isspace()
    kept = re.sub(r"\s+", "&nbsp;", match[0])
    return ("<wbr>" if glued else "") + f'<span class="nobr">{kept}</span>'


def keep_together(fragment: str, phrases: Iterable[str]) -> Markup:
    """Typeset HTML with each phrase of two or more words (a role's name) joined by no-break
    spaces, in a span (`.nobr`), so a heading never breaks "Project / Manager". No-break spaces,
    not an unbreakable box: a balanced heading (`text-wrap: balance`) sees the name as one word
    and breaks around it as around any word, punctuation after it included; a name too long for
    the line still wraps (`overflow-wrap`) instead of running off the screen.

    Only text between tags is matched (a phrase split by markup is left alone), whole words at
    its start, in any case; machine text (`machine_text`) drops the spans with the other tags.
    """
    pattern = _phrases(tuple(phrases))
    if pattern is None:
        return Markup(fragment)
    parts = _TAG.split(str(fragment))
    parts[::2] = [pattern.sub(_kept, text) for text in parts[::2]]
    return Markup("".join(parts))


_HEADING = re.compile(r"(<h([1-6])\b[^>]*>)(.*?)(</h\2>)", re.DOTALL)


def keep_together_in_headings(html: str, phrases: Iterable[str]) -> Markup:
    """A post's HTML with `keep_together` applied inside its headings only (its paragraphs
    break as usual)."""
    phrases = tuple(phrases)

    def heading(match: re.Match) -> str:
        return match[1] + str(keep_together(match[3], phrases)) + match[4]

    return Markup(_HEADING.sub(heading, str(html)))


def heading_filters(names: Iterable[str]) -> dict:
    """The templates' filters that keep role names whole: `|keep_roles` for a heading (Markup)
    and `|keep_roles_in_headings` for a post's HTML (str, as a post's content is: the prose
    macro edits it as text, then marks it safe). The build and `make serve`'s quick preview
    (tools/preview.py) both install these, so both shape a post the same way."""
    names = tuple(names)
    return {
        "keep_roles": lambda html: keep_together(html, names),
        "keep_roles_in_headings": lambda html: str(keep_together_in_headings(html, names)),
    }


# A summary cut off mid-sentence ends in an ellipsis (the essay's teaser, as its source has it);
# a sentence ends in . ! or ? (closing quotes or brackets after it), then a space.
CUT_OFF = re.compile(r"\s*(?:\.\.\.|\u2026|&hellip;|&#8230;)\s*(?P<close></p>)?\s*$")
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)")


def whole_sentences(summary: str) -> str:
    """A summary (HTML, before typesetting) that ends in an ellipsis, cut back to its last
    whole sentence: what listings and machines (descriptions, feeds, llms.txt) show.

    A summary with no ellipsis, or no sentence before it, is kept as written; so is one whose
    cut would drop markup (a tag after the last sentence), rather than risk unbalanced HTML.
    """
    cut = CUT_OFF.search(summary)
    if cut is None:
        return summary
    body = summary[: cut.start()]
    ends = [match.end() for match in SENTENCE_END.finditer(body)]
    if not ends or "<" in body[ends[-1] :]:
        return summary
    return body[: ends[-1]] + (cut["close"] or "")
