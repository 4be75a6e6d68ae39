"""plugins/splitsville/build/highlighting.py: one Pygments formatter per set of options."""

from markdown import Markdown
from splitsville.build.highlighting import html_formatter, with_shared_formatter

MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.codehilite"],
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False}
    },
    "output_format": "html5",
}
POST = (
    "```python\ndef f(x):\n    return x  # <b>\n```\n\n"
    '```python hl_lines="2"\na = 1\nb = "two"\n```\n\n'
    "    :::js\n    let y = 2;\n\n"
    "```\nplain & <text>\n```\n\n```python\nprint(1)\n```\n"
)


def test_the_same_options_share_one_formatter_and_others_get_their_own():
    one = html_formatter(lang_str="language-python", cssclass="highlight", hl_lines=[2])
    assert html_formatter(cssclass="highlight", hl_lines=[2]) is one
    assert html_formatter(cssclass="highlight", hl_lines=[3]) is not one
    assert html_formatter(cssclass="code") is not html_formatter(cssclass="highlight")


def test_blocks_come_out_as_codehilite_writes_them_itself():
    ours = Markdown(**with_shared_formatter(MARKDOWN))
    theirs = Markdown(**MARKDOWN)
    for _ in range(2):  # formatters reused from the first conversion write the same again
        assert ours.reset().convert(POST) == theirs.reset().convert(POST)
    assert 'class="hll"' in ours.convert(POST)  # the highlighted line: options reach it


def test_settings_are_not_changed_and_a_formatter_set_there_wins():
    with_shared_formatter(MARKDOWN)
    assert (
        "pygments_formatter" not in MARKDOWN["extension_configs"]["markdown.extensions.codehilite"]
    )
    assert with_shared_formatter({"extensions": ["markdown.extensions.extra"]}) == {
        "extensions": ["markdown.extensions.extra"]
    }
    own = {
        **MARKDOWN,
        "extension_configs": {"markdown.extensions.codehilite": {"pygments_formatter": "html"}},
    }
    shared = with_shared_formatter(own)["extension_configs"]["markdown.extensions.codehilite"]
    assert shared["pygments_formatter"] == "html"
