"""plugins/splitsville/posts/sidenotes.py: a copy of each footnote beside its first reference."""

import re

from markdown import Markdown
from splitsville.posts.sidenotes import as_phrasing, notes, with_sidenotes


def html(text: str) -> str:
    """Python-Markdown's footnotes as pelicanconf.py's MARKDOWN writes them."""
    md = Markdown(
        extensions=["markdown.extensions.extra", "markdown.extensions.toc"], output_format="html5"
    )
    return md.convert(text)


def test_a_note_of_one_paragraph_goes_right_after_its_reference_without_ids_or_back_link():
    out = with_sidenotes(html("Text.[^a] More.\n\n[^a]: The *note*."))
    reference = '<a class="footnote-ref" href="#fn:a">1</a></sup>'
    copy = (
        '<span class="sidenote" data-pagefind-ignore><span class="sidenote-number">1</span>'
        " The <em>note</em>.</span>"
    )
    assert f"{reference}{copy} More." in out
    assert out.count('id="fn:a"') == 1 and out.count('id="fnref:a"') == 1  # ids stay unique
    assert out.count("footnote-backref") == 1  # only the list's
    assert '<div class="footnote">' in out  # the list at the end stays, for phones and paper


def test_each_copy_shows_the_number_its_reference_shows():
    out = with_sidenotes(html("A[^z] b[^a] c[^m].\n\n[^a]: Ay.\n\n[^m]: Em.\n\n[^z]: Zed."))
    pairs = re.findall(r'>(\d+)</a></sup><span class="sidenote"[^>]*><span [^>]*>(\d+)</span>', out)
    assert len(pairs) == 3 and all(shown == copied for shown, copied in pairs)
    texts = re.findall(r'sidenote-number">\d+</span> (\w+)', out)
    assert texts == ["Zed", "Ay", "Em"]  # each beside its own reference


def test_a_note_referred_to_twice_is_copied_once_at_the_first_reference():
    out = with_sidenotes(html("One[^a] and again[^a].\n\n[^a]: Once."))
    assert out.count('class="sidenote"') == 1
    assert out.index('class="sidenote"') < out.index("and again")


def test_paragraphs_become_spans_and_anything_else_a_block_before_the_paragraph():
    out = with_sidenotes(
        html("Lead.\n\nText.[^p] And[^l].\n\n[^p]: One.\n\n    Two.\n\n[^l]: - x\n    - y")
    )
    assert (
        '<span class="sidenote-number">1</span> One.<span class="sidenote-p">Two.</span></span>'
        in out
    )
    block = out.index('<div class="sidenote"')
    assert out.index("<p>Lead.</p>") < block < out.index("<p>Text.")
    assert "<ul>" in out[block : out.index("<p>Text.")]


def test_a_reference_in_a_heading_table_or_link_puts_its_note_before_that_block():
    for text in ("## Title[^a]", "| A |\n|---|\n| b[^a] |"):
        out = with_sidenotes(html(f"Before.\n\n{text}\n\n[^a]: Note."))
        assert re.search(r'</p>\s*<div class="sidenote"', out), out
        assert "<h2" not in out or out.index('<div class="sidenote"') < out.index("<h2")


def test_a_note_in_a_list_item_or_quote_stays_inline():
    for text in ("- item[^a]", "> quoted[^a]"):
        out = with_sidenotes(html(f"{text}\n\n[^a]: Note."))
        assert '</sup><span class="sidenote"' in out, out


def test_nested_notes_and_nothing_to_do():
    assert with_sidenotes("<p>No notes.</p>") == "<p>No notes.</p>"
    assert with_sidenotes("") == ""
    assert notes("<p>x</p>") == {}
    assert as_phrasing("<ul><li>x</li></ul>") is None
    assert as_phrasing("") is None


def test_unicode_and_many_notes():
    text = " ".join(f"Straße {n}.[^{n}]" for n in range(1, 13))
    text += "\n\n" + "\n\n".join(f"[^{n}]: Nötig {n}." for n in range(1, 13))
    out = with_sidenotes(html(text))
    assert out.count('class="sidenote"') == 12
    assert '<span class="sidenote-number">12</span> Nötig 12.</span>' in out
    assert len(set(re.findall(r'id="([^"]+)"', out))) == len(re.findall(r'id="', out))


# Exact outputs for HTML that a tag scanner can misread. Each expected output was taken from the
# html.parser implementation this module had before its scanner, so that any other reading of
# the HTML keeps to it byte for byte.
NOTE_LIST = (
    '<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1">\n<p>Note.&#160;<a class="footnote-backref"'
    ' href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>\n</ol>\n'
    "</div>"
)
REF = '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
INLINE_COPY = (
    '<span class="sidenote" data-pagefind-ignore><span class="sidenote-number">1</span>'
    " Note.</span>"
)
BLOCK_COPY = (
    '<div class="sidenote" data-pagefind-ignore><span class="sidenote-number">1</span>'
    " <p>Note.</p></div>\n"
)


def inline_after(text: str, anchor: str) -> str:
    """text with the note's inline copy right after the first `anchor`."""
    return text.replace(anchor, anchor + INLINE_COPY, 1)


def block_before(text: str, anchor: str) -> str:
    """text with the note's block copy right before the first `anchor`."""
    return text.replace(anchor, BLOCK_COPY + anchor, 1)


def test_quoted_attribute_values_may_hold_tags_and_angle_brackets():
    text = f"<p><span title=\"a > b\" data-x='{REF}'>Text{REF}</span> more.</p>\n{NOTE_LIST}"
    assert with_sidenotes(text) == inline_after(text, f"Text{REF}")


def test_a_reference_in_a_comment_is_not_a_reference():
    text = f"<p>Before <!-- {REF} --> and</p>\n<p>after{REF}.</p>\n{NOTE_LIST}"
    assert with_sidenotes(text) == inline_after(text, f"after{REF}")


def test_names_in_any_case_and_self_closing_tags():
    text = f"<P>One<SPAN class=x/>two<span/> <br> x{REF}</P>\n{NOTE_LIST}"
    assert with_sidenotes(text) == inline_after(text, f"x{REF}")  # `class=x/` opens a span
    # A void element written `<br />` also ends every element open (as an end tag of an element
    # not open does), so the reference is outside any block and gets no copy.
    text = f'<p>One <img src="a.png" alt="" /> x{REF}</p>\n{NOTE_LIST}'
    assert with_sidenotes(text) == text


def test_an_end_tag_closes_every_element_opened_after_its_own():
    text = f"<div><ul><li><p>a</ul>b{REF}</div>\n{NOTE_LIST}"
    assert with_sidenotes(text) == block_before(text, "<div><ul>")  # holds a div: a block
    text = f"<p>One</span></p>\n<div><p>x</em>y{REF}</p></div>\n{NOTE_LIST}"
    assert with_sidenotes(text) == text  # </em> closed the div too: nothing holds the reference
    text = f"{REF}\n<p>x</p>\n{NOTE_LIST}"
    assert with_sidenotes(text) == text


def test_a_reference_in_a_link_or_with_an_escaped_id():
    text = f'<p><a href="https://example.com/">a link{REF}</a></p>\n{NOTE_LIST}'
    assert with_sidenotes(text) == block_before(text, "<p><a")
    reference = REF.replace("fnref:1", "fnref:&#49;")  # an id is read unescaped
    text = f"<p>x{reference}</p>\n{NOTE_LIST}"
    assert with_sidenotes(text) == inline_after(text, reference)


def test_references_in_nested_blocks_from_markdown():
    cases = [
        ("- one\n    - two[^1]", "inline", f"two{REF}"),
        ("> - quoted item[^1]\n>\n> para", "inline", f"quoted item{REF}"),
        ("Before.\n\n| A | B |\n|---|---|\n| *x*[^1] | y |", "block", "<table>"),
        ("Before.\n\n## Title with *em*[^1]\n\nText.", "block", "<h2"),
        ("Some **bold `code`[^1]** end.", "inline", f"</code>{REF}"),
    ]
    for source, where, anchor in cases:
        text = html(f"{source}\n\n[^1]: Note.")
        expected = inline_after(text, anchor) if where == "inline" else block_before(text, anchor)
        assert with_sidenotes(text) == expected, source


def test_a_note_referred_to_three_times_in_two_blocks():
    text = html("One[^1] and again[^1].\n\n> Quote[^1].\n\n[^1]: Note.")
    assert with_sidenotes(text) == inline_after(text, f"One{REF}")


def test_notes_holding_a_list_or_code_go_before_the_paragraph_whole():
    text = html(
        "A[^l] and b[^c].\n\n[^l]: Items:\n\n    - x\n    - y\n\n"
        "[^c]: Code:\n\n        print('<sup id=\"fnref:l\">')\n"
    )
    number = '<div class="sidenote" data-pagefind-ignore><span class="sidenote-number">{}</span> '
    items = "<p>Items:</p>\n<ul>\n<li>x</li>\n<li>y</li>\n</ul>\n<p></p></div>\n"
    # ids go from the copy even inside its code (ID in sidenotes.py reads no markup)
    code = "<p>Code:</p>\n<pre><code>print('&lt;sup&gt;')\n</code></pre>\n<p></p></div>\n"
    copies = f"{number.format(1)}{items}{number.format(2)}{code}"
    expected = text.replace("<p>A<sup", f"{copies}<p>A<sup", 1)
    assert with_sidenotes(text) == expected


def test_a_line_separator_before_a_reference_moves_no_copy():
    # Offsets are the text's own: U+2028 ends a line for str.splitlines but not for html.parser.
    text = f"<p>a\u2028b</p>\n<p>x{REF} c</p>\n{NOTE_LIST}"
    assert with_sidenotes(text) == inline_after(text, f"x{REF}")
