"""plugins/splitsville/html.py: start tags, attributes and srcset, as the feeds, the safety
checks and the link check all read them."""

from splitsville.feeds.links import absolute_srcset
from splitsville.html import START_TAG, attributes, srcset_candidates, srcset_urls
from splitsville.posts.safety import insecure_assets


def test_srcset_splitting_follows_the_html_spec():
    assert srcset_urls("a.png 1x, b.png 2x,c.png") == ["a.png", "b.png", "c.png"]
    assert srcset_urls(" a.png,b.png, ") == ["a.png,b.png"]  # a comma inside a URL stays
    assert srcset_urls("x.png\t640w,\ny.png  1280w") == ["x.png", "y.png"]
    assert srcset_urls("data:image/png;base64,AAAA 1x, z.png 2x") == [
        "data:image/png;base64,AAAA",
        "z.png",
    ]
    assert srcset_urls("") == [] and srcset_urls(" , ,") == []


def test_each_candidate_keeps_its_descriptor():
    assert srcset_candidates("a.png 1x, b.png, c.png 640w") == [
        ("a.png", "1x"),
        ("b.png", ""),
        ("c.png", "640w"),
    ]


def test_feeds_and_safety_read_a_url_with_commas_as_one_url():
    """The three readers of srcset once split it three ways; they share one now."""
    assert absolute_srcset("a,b.png 2x", "https://example.org/p/") == (
        "https://example.org/p/a,b.png 2x"
    )
    html = '<img alt="" srcset="http://cdn.example/a,b.png 2x, https://ok.example/c.png 1x">'
    assert insecure_assets(html) == ["http://cdn.example/a,b.png"]


def test_attributes_in_every_quoting_with_their_spans():
    tag = START_TAG.match("""<IMG SRC="a b.png" alt='it"s' width=3 hidden>""")
    assert tag["name"] == "IMG"
    found = attributes(tag["attrs"])
    assert [(name, value) for name, value, _ in found] == [
        ("src", "a b.png"),
        ("alt", 'it"s'),
        ("width", "3"),
        ("hidden", ""),
    ]
    start, end = found[0][2]
    assert tag["attrs"][start:end] == "a b.png"


def test_a_quoted_greater_than_sign_does_not_end_the_tag():
    text = '<a title="x > y" href="/p/">link</a>'
    assert START_TAG.match(text)[0] == '<a title="x > y" href="/p/">'
