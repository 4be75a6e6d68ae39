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
