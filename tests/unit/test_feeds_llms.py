"""llms.txt: plugins/splitsville/llms.py."""

from splitsville import llms


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


def test_no_posts_no_posts_section():
    assert "## Posts" not in llms.render("Site", "D", [])


def test_plain_collapses_whitespace_and_drops_tags():
    assert llms.plain("<p>One\n  <b>two</b></p>\n<p>three</p>") == "One two three"
    assert llms.plain("&lt;script&gt;") == "<script>"
