"""Absolute links in feed entries: plugins/splitsville/feeds/links.py."""

from hypothesis import example, given
from hypothesis import strategies as st
from splitsville.feeds.links import absolute_links, absolute_srcset

BASE = "https://example.org/blog/posts/one/"


def test_fragments_become_the_post_address_plus_the_fragment():
    html = '<p>See<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
    assert absolute_links(html, BASE) == (
        '<p>See<sup id="fnref:1"><a class="footnote-ref" href="https://example.org/blog/posts/one/#fn:1">'
        "1</a></sup></p>"
    )


def test_relative_and_root_relative_urls_resolve_as_on_the_page():
    html = '<img src="../../images/a.svg" alt="A"><a href="/about/">About</a><a href="two/">2</a>'
    out = absolute_links(html, BASE)
    assert 'src="https://example.org/blog/images/a.svg"' in out
    assert 'href="https://example.org/about/"' in out
    assert 'href="https://example.org/blog/posts/one/two/"' in out


def test_absolute_urls_and_other_schemes_are_kept():
    html = '<a href="https://other.example/x?a=1&amp;b=2">x</a><a href="mailto:a@b.c">m</a>'
    out = absolute_links(html, BASE)
    assert 'href="https://other.example/x?a=1&amp;b=2"' in out
    assert 'href="mailto:a@b.c"' in out


def test_srcset_candidates_keep_their_descriptors():
    assert absolute_srcset("a.png 1x, /b.png 2x", BASE) == (
        "https://example.org/blog/posts/one/a.png 1x, https://example.org/b.png 2x"
    )
    out = absolute_links('<img srcset="s.png 480w,l.png 960w" alt="">', BASE)
    assert 'srcset="https://example.org/blog/posts/one/s.png 480w, ' in out


def test_everything_but_url_attributes_is_copied_as_written():
    html = (
        "<!-- note --><p class=x>Caf&eacute; &#8220;q&#8221; &amp; <br/>"
        "<code>&lt;a href=&quot;#x&quot;&gt;</code></p><script>if (a<b) {}</script>"
    )
    assert absolute_links(html, BASE) == html


def test_empty_and_unicode():
    assert absolute_links("", BASE) == ""
    assert absolute_links('<a href="#é">ü</a>', BASE) == f'<a href="{BASE}#é">ü</a>'


@given(st.text())
@example("&A")  # found by this test: a stray "&" was dropped
@example("a&b <b>bold &c</b> &")
def test_text_without_url_attributes_comes_back_unchanged(text):
    """Whatever the text (broken markup included), nothing but URL attributes changes."""
    if "=" not in text:
        assert absolute_links(text, BASE) == text
