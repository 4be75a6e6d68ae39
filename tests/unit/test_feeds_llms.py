"""llms.txt and the previous/next order: plugins/splitsville/llms.py and neighbours.py."""

from splitsville import llms
from splitsville.neighbours import neighbours


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


def test_neighbours_in_time_order_with_ends_empty():
    posts = [("2026-10-02", "b"), ("2026-10-01", "a"), ("2026-10-02", "a2")]
    assert neighbours(posts, key=lambda p: p) == [
        (("2026-10-01", "a"), None, ("2026-10-02", "a2")),
        (("2026-10-02", "a2"), ("2026-10-01", "a"), ("2026-10-02", "b")),
        (("2026-10-02", "b"), ("2026-10-02", "a2"), None),
    ]
    assert neighbours([], key=lambda p: p) == []
