"""Typography done once per post in our reader (plugins/splitsville/posts/typography.py)."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from splitsville.posts import typography, typogrify_shortcuts

DASH_STYLES = ("default", "oldschool", "oldschool_inverted")


def test_typeset_gives_curly_quotes_dashes_and_ellipses():
    typography.configure("oldschool")
    out = typography.typeset('<p>"Yes," it\'s 9--5 --- or not...</p>')
    assert '<span class="dquo">&#8220;</span>Yes,&#8221;' in out and "it&#8217;s" in out
    assert "9&#8211;5" in out and "&#8212;" in out and "&#8230;" in out


def test_typeset_leaves_code_alone():
    typography.configure("oldschool")
    out = typography.typeset('<p>"a"</p><pre><code>x = "a" -- b</code></pre>')
    assert '<code>x = "a" -- b</code>' in out


def test_word_count_reads_text_not_markup_or_entities():
    assert typography.word_count("<p>I&#8217;ve <a href='x-y'>one-two</a> words.</p>") == 3
    assert typography.word_count("") == 0
    assert typography.word_count("<p>caf\u00e9 na\u00efve</p>") == 2


def test_reading_minutes_round_up_and_never_say_zero():
    assert typography.reading_minutes(0) == 1
    assert typography.reading_minutes(230) == 1
    assert typography.reading_minutes(231) == 2


# --- The shortcut around smartypants' steps changes nothing but the time taken ---------------
PIECES = st.sampled_from(
    [
        "a",
        "Ab",
        "9",
        " ",
        "\n",
        "'",
        '"',
        "`",
        "``",
        "''",
        "-",
        "--",
        "---",
        ".",
        "...",
        ". . .",
        "\\",
        "\\'",
        "&quot;",
        "&nbsp;",
        "&#8211;",
        "<p>",
        "</p>",
        "<em>",
        "</em>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        '<a href="x">',
        "</a>",
        "s",
        "80s",
        "&",
        " & ",
        "&amp;",
        "&#38;",
        "A",
        "B.",
        "AB",
        "KU2",
        "U.S.",
        "<kbd>",
        "</kbd>",
        "(",
        "[",
        "!",
        # what widont looks at: the tags it passes over and the ones that end a block
        "<li>",
        "</li>",
        "</h2>",
        "</dd>",
        "<strong>",
        "</strong>",
        '<span class="x">',
        "</span>",
        "<b>",
        "</b>",
        "</i>",
        "\t",
    ]
)


def library_output(text: str, dashes: str) -> str:
    typogrify_shortcuts.use_shortcuts(False)
    try:
        typography.configure(dashes)
        return typography.typeset(text)
    finally:
        typogrify_shortcuts.use_shortcuts(True)


@settings(max_examples=400)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from(list(DASH_STYLES)))
def test_shortcut_output_is_the_librarys(text, dashes):
    typography.configure(dashes)
    assert typography.typeset(text) == library_output(text, dashes)


# Texts with long stretches between quotes: convert_quotes is then given only what is near
# its quotes (and a text holding the character that stands in for a stretch is given whole).
LONG = st.lists(
    st.one_of(
        PIECES,
        st.sampled_from(
            # what convert_quotes reads around a quote: the widest are the entities before it
            ["&nbsp;'", '&mdash;"', "&ndash;'", "&#x2013;'", '&#8212;"', "--'", "'80s", "'s "]
            + ["\"'", "'\"", "a stretch of several words with no quote in it ", "\ue000"]
            # and what amp and initial_quotes look for, which their shortcuts must not miss
            + [" &&nbsp;", "&nbsp;&amp; ", " &#38;&nbsp;", "<p> '", '<li><em> "', "&#8220;"]
        ),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=400)
@given(LONG)
def test_quotes_converted_near_quotes_only_are_the_librarys(text):
    import smartypants

    assert smartypants.convert_quotes(text) == typogrify_shortcuts.LIBRARY_STEPS["convert_quotes"](
        text
    )


@settings(max_examples=200)
@given(LONG, st.sampled_from(list(DASH_STYLES)))
def test_shortcut_output_is_the_librarys_on_long_texts(text, dashes):
    typography.configure(dashes)
    assert typography.typeset(text) == library_output(text, dashes)


# What widont reads: spaces, words and tags, among them tags that start like an inline one
# (<abbr>, <br>, <img> start as <a, <b, <i), blocks it ends at and ones it does not.
WIDONT_PIECES = st.sampled_from(
    ["a", "Ab", " ", "  ", "\n", "\t", "x.", "<", ">", "&nbsp;", "é", "<p>", "</p>", "<li>"]
    + ["</li>", "</h2>", "<h3 id=x>", "</h3>", "</dd>", "</dt>", "<em>", "</em>", "<strong>"]
    + ["</strong>", "<span class='y'>", "</span>", "<b>", "</b>", "<i>", "</i>", '<a href="x">']
    + ["</a>", "<abbr>", "</abbr>", "<br>", "<img src=x>", "<code>", '<a x="<b">', "</div>"]
    + ["<div>", "</blockquote>", "<pre>", "</pre>", "</ul>"]
)


@settings(max_examples=1000)
@given(st.lists(WIDONT_PIECES, max_size=40).map("".join))
def test_widont_from_the_spaces_is_the_librarys(text):
    assert typogrify_shortcuts.widont(text) == typogrify_shortcuts.LIBRARY_WIDONT(text)


def test_shortcut_output_is_the_librarys_on_every_real_post():
    import markdown

    import pelicanconf

    md = markdown.Markdown(**pelicanconf.MARKDOWN)
    for path in sorted(Path("content/posts").glob("*.md")):
        html = md.reset().convert(path.read_text(encoding="utf-8"))
        typography.configure(pelicanconf.TYPOGRIFY_DASHES)
        assert typography.typeset(html) == library_output(html, pelicanconf.TYPOGRIFY_DASHES)


@pytest.mark.parametrize(
    "text",
    [r"C:\\Users", r"a \\ b", r"\- not a dash escape", r"\. \` \' \"", "T ]:{{Z!javascript:\\\\%"],
)
def test_a_backslash_left_by_markdown_is_shown_as_written(text):
    """Markdown has handled the author's escapes already: what is left is text to show."""
    assert typography.typeset(f"<p>{text}</p>").count("\\") == text.count("\\")


@pytest.mark.parametrize(
    "summary, shown",
    [
        ("<p>One. Two, three ...</p>", "<p>One.</p>"),
        ("<p>One? \u201cTwo.\u201d Three&hellip;</p>", "<p>One? \u201cTwo.\u201d</p>"),
        ("<p>One! <em>Two</em>. Three ...</p>", "<p>One! <em>Two</em>.</p>"),
        ("<p>Fine as it is.</p>", "<p>Fine as it is.</p>"),
        ("<p>No sentence before the cut ...</p>", "<p>No sentence before the cut ...</p>"),
        ("<p>One. Then <em>markup</em> ...</p>", "<p>One. Then <em>markup</em> ...</p>"),
        ("<p>Version 1.5 is out. More ...</p>", "<p>Version 1.5 is out.</p>"),
    ],
)
def test_a_summary_cut_off_mid_sentence_ends_on_its_last_whole_sentence(summary, shown):
    assert typography.whole_sentences(summary) == shown


ROLE_NAMES = ("Project Manager", "PM", "Director of Client Services", "Client Services")


@pytest.mark.parametrize(
    "title, kept",
    [
        # whole words at the start, any case, across widow control's no-break space
        (
            "Account versus Project Manager",
            'Account versus <span class="nobr">Project&nbsp;Manager</span>',
        ),
        ("The project&nbsp;manager", 'The <span class="nobr">project&nbsp;manager</span>'),
        (
            "Account/Project\xa0Manager",
            'Account/<wbr><span class="nobr">Project&nbsp;Manager</span>',
        ),
        ("Project Managers", '<span class="nobr">Project&nbsp;Manager</span>s'),
        # the longest name first; one-word names and words inside other words left alone
        (
            "Director of Client Services",
            '<span class="nobr">Director&nbsp;of&nbsp;Client&nbsp;Services</span>',
        ),
        ("A PM, a subproject manager", "A PM, a subproject manager"),
        # text between tags only: a name split by markup, or inside an attribute, stays as it is
        (
            '<a title="Project Manager">Project</a> Manager',
            '<a title="Project Manager">Project</a> Manager',
        ),
        ("", ""),
    ],
)
def test_keep_together_wraps_role_names_of_several_words(title, kept):
    assert typography.keep_together(title, ROLE_NAMES) == kept


def test_keep_together_escapes_names_as_html_and_machine_text_drops_the_spans():
    kept = typography.keep_together("R&amp;D Team Lead", ["R&D Team", "Lead"])
    assert kept == '<span class="nobr">R&amp;D&nbsp;Team</span> Lead'
    assert typography.machine_text(kept) == "R&D Team Lead"
    assert typography.keep_together("Project Manager", []) == "Project Manager"


def test_keep_together_in_headings_leaves_paragraphs_alone():
    html = '<h2 id="pm">The Project Manager</h2>\n<p>A Project Manager</p><h3>Client\nServices</h3>'
    assert typography.keep_together_in_headings(html, ROLE_NAMES) == (
        '<h2 id="pm">The <span class="nobr">Project&nbsp;Manager</span></h2>\n'
        "<p>A Project Manager</p>"
        '<h3><span class="nobr">Client&nbsp;Services</span></h3>'
    )
