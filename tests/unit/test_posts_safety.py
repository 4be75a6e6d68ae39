"""plugins/splitsville/posts/safety.py on plain strings: links, assets and scripts as a browser
would read them."""

import pytest
from splitsville.posts import safety

HOST = "site.example"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<a href="https://x.org/">x</a>',
            '<a href="https://x.org/" rel="noopener noreferrer">x</a>',
        ),
        ("<a href='//x.org'>x</a>", "<a href='//x.org' rel=\"noopener noreferrer\">x</a>"),
        ('<A HREF="HTTP://X.ORG">x</A>', '<A HREF="HTTP://X.ORG" rel="noopener noreferrer">x</A>'),
        (
            '<a rel="me" href="https://x.org/">',
            '<a rel="me noopener noreferrer" href="https://x.org/">',
        ),
        (
            '<a rel="noopener" href="https://x.org/">',
            '<a rel="noopener noreferrer" href="https://x.org/">',
        ),
        ('<a href="https://site.example/p/">', '<a href="https://site.example/p/">'),
        ('<a href="/p/">', '<a href="/p/">'),
        ('<a href="#n">', '<a href="#n">'),
        ('<a name="x">', '<a name="x">'),
        ('<abbr title="https://x.org">', '<abbr title="https://x.org">'),
        (
            '<code>&lt;a href="https://x.org"&gt;</code>',
            '<code>&lt;a href="https://x.org"&gt;</code>',
        ),
        (
            '<a title="a > b" href="https://x.org/">',
            '<a title="a > b" href="https://x.org/" rel="noopener noreferrer">',
        ),
    ],
)
def test_external_links_get_noopener_noreferrer(html, expected):
    assert safety.add_noopener(html, HOST) == expected
    assert safety.add_noopener(expected, HOST) == expected  # twice is once


def test_http_assets_are_found_and_links_are_not():
    html = (
        '<img src="http://a.example/1.png" srcset="https://a.example/2.png 1x, '
        'http://a.example/3.png 2x"><a href="http://a.example/page">'
        '<link rel="stylesheet" href="http://a.example/s.css"><link rel="canonical" '
        'href="http://a.example/"><iframe src="HTTP://a.example/f"></iframe>'
        '<video poster="http://a.example/p.jpg"><source src="https://a.example/v.mp4"></video>'
    )
    assert safety.insecure_assets(html) == [
        "http://a.example/1.png",
        "http://a.example/3.png",
        "http://a.example/s.css",
        "HTTP://a.example/f",
        "http://a.example/p.jpg",
    ]
    markdown = "![x](http://a.example/i.png) [link](http://a.example/)\n<img src='http://b/c'>"
    assert [url for _, url in safety.markdown_insecure_assets(markdown)] == [
        "http://a.example/i.png",
        "http://b/c",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("text <script>alert(1)", "a <script> element"),
        ("<SCRIPT src=x>", "a <script> element"),
        ("</script>", "a <script> element"),
        ('<p onclick="x()">', "an inline event handler (onclick=)"),
        ("<img src=x onerror=alert(1)>", "an inline event handler (onerror=)"),
        ('<a href="javascript:x">', "a javascript: URL (href=)"),
        ('<a href=" JaVaScRiPt:x">', "a javascript: URL (href=)"),
        ('<a href="java&#x09;script&colon;x">', "a javascript: URL (href=)"),
        ("[x](javascript:alert(1))", "a javascript: URL (in a Markdown link)"),
        ("[x]: javascript:alert(1)", "a javascript: URL (in a Markdown link)"),
    ],
)
def test_scripts_in_raw_html_and_markdown_are_found(text, problem):
    assert [found for _, found in safety.script_problems(text)] == [problem]


@pytest.mark.parametrize(
    "text",
    [
        "A post about <scripts> and javascript: in prose.",
        '<p class="one">online</p>',
        "[x](https://x.org/javascript:)",
        '<a href="/javascript/">',
        "Once upon a time, on=1",
    ],
)
def test_harmless_text_is_no_script(text):
    assert safety.script_problems(text) == []


def test_control_characters_go_and_the_rest_stays():
    text = "a\x00b\x07c\x1bd\x7fe\x85f\x9fg\ufffeh\tI\nJ é 中 🎉 \u200b\u2028"
    assert safety.without_controls(text) == "abcdefgh\tI\nJ é 中 🎉 \u200b\u2028"
