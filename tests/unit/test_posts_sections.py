"""plugins/splitsville/posts/sections.py: a table of contents and a link beside each heading."""

from markdown import Markdown
from splitsville.posts.sections import (
    LABEL,
    TOC_AT,
    Section,
    page_text,
    sections,
    table_of_contents,
    text_of,
    with_permalinks,
)


def html(text: str) -> str:
    md = Markdown(
        extensions=["markdown.extensions.extra", "markdown.extensions.toc"], output_format="html5"
    )
    return md.convert(text)


def post(count: int) -> str:
    return html("\n\n".join(f"## Part {n}\n\nText {n}." for n in range(1, count + 1)))


def test_a_table_of_contents_from_enough_sections_only():
    assert table_of_contents(post(TOC_AT - 1)) == []
    assert table_of_contents(post(TOC_AT)) == [
        Section(f"part-{n}", f"Part {n}") for n in range(1, TOC_AT + 1)
    ]


def test_only_level_two_headings_with_an_id_are_sections():
    out = html("## One\n\n### Sub\n\n## Two\n\n<h2>Raw</h2>\n\n## Two")
    assert sections(out) == [Section("one", "One"), Section("two", "Two"), Section("two_1", "Two")]
    assert sections(out, 3) == [Section("sub", "Sub")]


def test_a_headings_text_has_no_markup_footnote_number_or_no_break_space():
    inner = 'A <em>b</em> &amp;&nbsp;c<sup id="fnref:1"><a href="#fn:1">1</a></sup>'
    assert text_of(inner) == "A b & c"
    assert text_of("Straße — “ü”") == "Straße — “ü”"


def test_every_heading_gets_one_named_link_to_itself_beside_it():
    out = with_permalinks(html('## Who & "why"\n\n### Sub\n\nText.'))
    assert out.count('class="permalink"') == 2
    assert (
        '<div class="section-heading"><h2 id="who-why">Who &amp; "why"</h2>'
        f'<a class="permalink" href="#who-why" aria-label="{LABEL}: Who &amp; &quot;why&quot;"'
        " data-pagefind-ignore>#</a></div>"
    ) in out
    assert with_permalinks("<p>None.</p>") == "<p>None.</p>"


def test_the_page_text_has_sidenotes_and_heading_links():
    out = page_text(html("## Head\n\nText.[^1]\n\n[^1]: Note."))
    assert 'class="sidenote"' in out and 'class="permalink"' in out
    assert out.count('id="head"') == 1
