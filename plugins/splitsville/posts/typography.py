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
from typogrify.filters import typogrify

from . import typogrify_shortcuts  # noqa: F401  (installs the shortcuts)

_DASHES = {
    "default": smartypants.Attr.set1,
    "oldschool": smartypants.Attr.set2,
    "oldschool_inverted": smartypants.Attr.set3,
}
_TAGS = re.compile(r"<[^>]*>")


def keep_backslashes(text: str) -> str:
    r"""smartypants' backslash escapes (`\"` for a straight quote), turned off.

    They are for text written for smartypants itself. Ours arrives as HTML from Markdown, which
    has already turned an author's escapes into characters, or as a title, which is text: a
    backslash left in either is one the reader must see, and smartypants would drop it
    (`a \\ b` shown as `a \ b`; found by tests/site/test_escaping_properties.py).
    """
    return text


smartypants.process_escapes = keep_backslashes


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
