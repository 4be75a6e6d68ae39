"""plugins/splitsville/cards/drawing.py: drawing social cards, with no Pelican."""

import io

import pytest
from PIL import Image, ImageColor
from splitsville.cards import drawing as cards

COLOURS = {
    "--bg": "#fbfaf7",
    "--text": "#1f1d1a",
    "--muted": "#58534b",
    "--accent": "#8a3320",
    "--accent-soft": "#f6e4dc",
}


@pytest.mark.parametrize(
    "markup, text",
    [
        ("Split the Work, Not the&nbsp;Role", "Split the Work, Not the\xa0Role"),
        ("<span class='caps'>PM</span> &amp; &#8220;AM&#8221;", "PM & \u201cAM\u201d"),
        ("", ""),
        ("Caf\u00e9 culture", "Caf\u00e9 culture"),
    ],
)
def test_plain_text_drops_tags_and_decodes_entities(markup, text):
    assert cards.plain_text(markup) == text


def test_drawable_stands_in_for_glyphs_the_font_lacks():
    assert cards.drawable("Caf\u00e9 \u2014 \u201cok\u201d", 40) == "Cafe - \u201cok\u201d"
    assert cards.drawable("\u4e2d", 40) == ""  # nothing to stand in: left out, not a box


def test_wrap_never_breaks_at_a_no_break_space():
    lines = cards.wrap("one two three four five six\xa0seven", 40, 260)
    assert len(lines) > 1
    assert all(cards.font(40).getlength(line) <= 260 for line in lines[:-1])
    assert lines[-1].endswith("six seven")


def test_wrap_breaks_a_word_too_wide_for_a_line():
    lines = cards.wrap("short " + "x" * 80, 40, 500)
    assert lines[0] == "short" and len(lines) > 2
    assert "".join(lines[1:]) == "x" * 80
    assert all(cards.font(40).getlength(line) <= 500 for line in lines)


def test_a_long_title_shrinks_then_is_cut_with_an_ellipsis():
    size, lines = cards.title_lines("A short title", 1040)
    assert (size, lines) == (cards.TITLE_SIZES[0], ["A short title"])
    size, lines = cards.title_lines("word " * 200, 1040)
    assert size == cards.TITLE_SIZES[-1] and len(lines) == cards.TITLE_LINES
    assert lines[-1].endswith("\u2026")
    assert all(cards.font(size).getlength(line) <= 1040 for line in lines)


def test_render_is_a_1200x630_png_with_the_same_bytes_every_time():
    roles = ["Project Manager", "Account Manager"]
    png = cards.render("Who Owns the Client?", roles, "Splitsville", COLOURS)
    assert png == cards.render("Who Owns the Client?", roles, "Splitsville", COLOURS)
    assert png != cards.render("Who Owns the Client!", roles, "Splitsville", COLOURS)
    with Image.open(io.BytesIO(png)) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "P")
        assert image.info == {}  # no timestamp nor text chunk
        # A palette, yet the theme's colours are drawn exactly.
        used = {rgb for _, rgb in image.convert("RGB").getcolors(256)}
        drawn = ("--bg", "--text", "--accent", "--accent-soft")
        assert {ImageColor.getrgb(COLOURS[name]) for name in drawn} <= used


def test_many_roles_end_in_a_count_that_stays_on_the_card():
    roles = [f"Role number {n}" for n in range(12)]
    png = cards.render("Title", roles, "Splitsville", COLOURS)
    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        right_margin = image.crop((1200 - cards.MARGIN + 1, 0, 1200, 630))
        assert right_margin.getcolors() == [(right_margin.width * 630, (0xFB, 0xFA, 0xF7))]


def test_alt_text_says_what_the_card_shows():
    assert cards.alt_text("Who?", ["PM", "AM"], "S") == "S: Who? Roles: PM, AM."
    assert cards.alt_text("Split", [], "S") == "S: Split."


def test_render_missing_draws_only_what_the_cache_lacks(tmp_path):
    colours = COLOURS
    jobs = [
        (cards.cached_path(tmp_path, title, ["PM"], "S", colours), title, ["PM"], "S", colours)
        for title in ("One", "Two")
    ]
    cards.render_missing(jobs, workers=1)
    assert [job[0].read_bytes() for job in jobs] == [cards.render(*job[1:]) for job in jobs]
    jobs[0][0].write_bytes(b"marker")  # kept: a card in the cache is never drawn again
    cards.render_missing(jobs, workers=1)
    assert jobs[0][0].read_bytes() == b"marker"
    assert cards.cached_path(tmp_path, "One", ["AM"], "S", colours) != jobs[0][0]


def test_cards_drawn_on_several_cores_are_the_same_bytes(tmp_path):
    titles = [f"Card number {n}" for n in range(6)]
    by_workers = {}
    for workers in (1, 2):
        folder = tmp_path / str(workers)
        jobs = [
            (cards.cached_path(folder, t, ["PM"], "S", COLOURS), t, ["PM"], "S", COLOURS)
            for t in titles
        ]
        cards.render_missing(jobs, workers)
        by_workers[workers] = [job[0].read_bytes() for job in jobs]
    assert by_workers[1] == by_workers[2]
