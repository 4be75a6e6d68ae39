"""llms.txt: plugins/splitsville/feeds/llms.py."""

from splitsville.feeds import llms


def test_the_document_follows_llmstxt_org():
    text = llms.render(
        "Site &amp; Co",
        "A <em>short</em> description.",
        [
            ("The &#8220;Essay&#8221;", "https://e.org/posts/essay/", "<p>What it&nbsp;says.</p>"),
            ("[Draft] notes", "https://e.org/posts/notes/", ""),
        ],
    )
    assert text.splitlines() == [
        "# Site & Co",
        "",
        "> A short description.",
        "",
        "Posts are listed oldest first: the first is the essay the others follow up.",
        "",
        "## Posts",
        "",
        "- [The “Essay”](https://e.org/posts/essay/): What it says.",
        r"- [\[Draft\] notes](https://e.org/posts/notes/)",
    ]
    assert text.endswith("\n")


def test_markup_in_text_is_escaped_as_markdown():
    """What looks like HTML, emphasis, code, links or a character reference stays text."""
    escaped = llms.markdown_text(r"<b>Bold</b> & *not* _em_ `code` [x](y) ~z~ &amp; \ AT&T")
    assert escaped == (r"\<b\>Bold\</b\> & \*not\* \_em\_ \`code\` \[x\](y) \~z\~ \&amp; \\ AT&T")
    plain_text = "Account versus Project Manager: Splitsville or Not? 15 years, 1.5x - fine."
    assert llms.markdown_text(plain_text) == plain_text  # ordinary punctuation is left alone


def test_a_title_with_markup_renders_as_its_text():
    from markdown_it import MarkdownIt

    text = llms.render("S", "D", [("&lt;b&gt;Bold&lt;/b&gt; [x]", "https://e.org/p/", "")])
    html = MarkdownIt("commonmark").render(text)
    assert '<a href="https://e.org/p/">&lt;b&gt;Bold&lt;/b&gt; [x]</a>' in html


def test_no_posts_no_posts_section():
    assert "## Posts" not in llms.render("Site", "D", [])


def test_plain_collapses_whitespace_and_drops_tags():
    assert llms.plain("<p>One\n  <b>two</b></p>\n<p>three</p>") == "One two three"
    assert llms.plain("&lt;script&gt;") == "<script>"
