"""plugins/splitsville/cards/drawing.py: drawing social cards, with no Pelican."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageColor, ImageDraw
from splitsville.cards import drawing as cards
from splitsville.cards import text as layout

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
    assert layout.plain_text(markup) == text


def test_drawable_stands_in_for_glyphs_the_font_lacks():
    assert layout.drawable("Caf\u00e9 \u2014 \u201cok\u201d", 40) == "Cafe - \u201cok\u201d"
    assert layout.drawable("\u4e2d", 40) == ""  # nothing to stand in: left out, not a box


def test_wrap_never_breaks_at_a_no_break_space():
    lines = layout.wrap("one two three four five six\xa0seven", 40, 260)
    assert len(lines) > 1
    assert all(layout.font(40).getlength(line) <= 260 for line in lines[:-1])
    assert lines[-1].endswith("six seven")


def test_wrap_breaks_a_word_too_wide_for_a_line():
    lines = layout.wrap("short " + "x" * 80, 40, 500)
    assert lines[0] == "short" and len(lines) > 2
    assert "".join(lines[1:]) == "x" * 80
    assert all(layout.font(40).getlength(line) <= 500 for line in lines)


def measured_wrap(text: str, size: int, width: int) -> list[str]:
    """The straightforward wrap: every candidate line measured whole, as drawn."""

    def fits(line: str) -> bool:
        return layout.font(size).getlength(line.replace("\xa0", " ")) <= width

    lines: list[str] = []
    for word in (w for w in text.split(" ") if w):
        if lines and fits(lines[-1] + " " + word):
            lines[-1] += " " + word
        elif fits(word):
            lines.append(word)
        else:  # a word wider than a line: character by character
            lines.append("")
            for char in word:
                if lines[-1] and not fits(lines[-1] + char):
                    lines.append("")
                lines[-1] += char
    return [line.replace("\xa0", " ") for line in lines]


WORDS = st.sampled_from(
    [
        "a",
        "AV",
        "To",
        "Wolf",
        "client",
        "office,",
        "Who?",
        "\xa0",
        "—",
        "\u201cquote\u201d",
        "fi",
        "ffl",
        "W" * 30,
        "ill" * 40,
        "Straße",
        "r&d",
    ]
)


@given(st.lists(WORDS, max_size=40).map(" ".join), st.sampled_from(layout.TITLE_SIZES))
@example("word " * 60, 46)
def test_wrap_breaks_lines_where_measuring_each_line_would(text, size):
    text = layout.drawable(text, size)
    assert layout.wrap(text, size, 1040) == measured_wrap(text, size, 1040)
    # Stopping early keeps the lines before the first one too many.
    assert layout.wrap(text, size, 1040, most=2)[:2] == measured_wrap(text, size, 1040)[:2]


def test_a_long_title_shrinks_then_is_cut_with_an_ellipsis():
    size, lines = layout.title_lines("A short title", 1040)
    assert (size, lines) == (layout.TITLE_SIZES[0], ["A short title"])
    size, lines = layout.title_lines("word " * 200, 1040)
    assert size == layout.TITLE_SIZES[-1] and len(lines) == layout.TITLE_LINES
    assert lines[-1].endswith("\u2026")
    assert all(layout.font(size).getlength(line) <= 1040 for line in lines)


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


def straightforward(title, roles, site, colours) -> Image.Image:
    """The card drawn the plain way, in full colour and nothing cached: what render() must show."""
    image = Image.new("RGB", cards.SIZE, colours["--bg"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 23, 630), fill=colours["--accent"])
    draw.text((80, 60), site, font=layout.font(40), fill=colours["--accent"])
    size, lines = layout.title_lines(title, 1040)
    for number, line in enumerate(lines):
        y = 150 + number * round(size * 1.2)
        draw.text((80, y), line, font=layout.font(size), fill=colours["--text"])
    x, top = 80, 630 - 80 - 54
    for role in roles:
        width = layout.font(30).getlength(role) + 40
        draw.rounded_rectangle((x, top, x + width, top + 54), 27, colours["--accent-soft"])
        draw.text((x + 20, top + 12), role, font=layout.font(30), fill=colours["--accent"])
        x += width + 16
    return image


DARK = {
    "--bg": "#17181b",
    "--text": "#e9e5dd",
    "--muted": "#a8a29a",
    "--accent": "#f2a48c",
    "--accent-soft": "#3a2620",
}


def inked(image: Image.Image, colours, tolerance: int) -> Image.Image:
    """Where the card is not its background: a mask, 255 where any channel differs by more."""
    page = Image.new("RGB", image.size, colours["--bg"])
    difference = ImageChops.difference(image, page).convert("L")
    return difference.point(lambda level: 255 if level > tolerance else 0)


@pytest.mark.parametrize("colours", [COLOURS, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(
    "title, roles",
    [
        ("Who Owns the Client?", ["Project Manager", "Account Manager"]),
        ("Split the work, not the role: " + "what a week of handoffs taught us " * 2, ["PM"]),
        ("Tiny", []),
        ("Strasse planner & r&d lead, quarterly", ["Junior Staff", "Strategist", "Producer"]),
    ],
)
def test_the_card_shows_what_the_plain_full_colour_drawing_shows(title, roles, colours):
    with Image.open(io.BytesIO(cards.render(title, roles, "Splitsville", colours))) as card:
        assert (card.format, card.size, card.mode) == ("PNG", cards.SIZE, "P")
        palette = cards._palette(tuple(colours.items())).getpalette()
        card_palette = card.getpalette()
        used = {index for _, index in card.getcolors(256)}
        assert {tuple(card_palette[3 * i : 3 * i + 3]) for i in used} <= {
            tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)
        }  # only the palette's colours
        card = card.convert("RGB")
    reference = straightforward(title, roles, "Splitsville", colours)
    # The very pixels of that drawing quantized to the palette, as cards were made before...
    theme = tuple(colours.items())
    quantized = reference.quantize(palette=cards._palette(theme), dither=Image.Dither.NONE)
    assert ImageChops.difference(card, quantized.convert("RGB")).getbbox() is None
    # ...so every pixel within the palette's few levels of the full-colour drawing (the palette's
    # steps and Pillow's coarse matching move a channel by up to 13 here)...
    worst = max(high for _, high in ImageChops.difference(card, reference).getextrema())
    assert worst <= 2 * cards.MIN_GAP
    # ...and ink where it has ink: clear ink in one is at least faint ink in the other.
    slack = 2 * cards.MIN_GAP
    for one, other in ((card, reference), (reference, card)):
        clear, faint = inked(one, colours, slack), inked(other, colours, 0)
        assert ImageChops.subtract(clear, faint).getbbox() is None
    pills = card.crop((80, 630 - 80 - 54, 1120, 630 - 80))
    soft = ImageColor.getrgb(colours["--accent-soft"])
    assert (soft in {rgb for _, rgb in pills.getcolors(1 << 16)}) == bool(roles)


def test_a_title_over_a_page_that_is_not_plain_leaves_the_page_where_it_has_no_ink():
    theme = tuple(COLOURS.items())
    page = cards._page("S", theme).copy()
    page.paste(7, (0, 0) + cards.SIZE)  # an index that is not the background's, everywhere
    cards._paste_title(page, 76, ["Hello"], theme)
    data = page.tobytes()
    assert data.count(7) > len(data) - 100 * 76  # around the glyphs, still the page
    text = cards._blend_indices(theme, "--bg", "--text")[255]
    assert text in data  # and the glyphs' cores in the text colour


def test_cards_are_the_same_bytes_in_another_process():
    """The caches of the shared parts are per process: a fresh one draws the same card."""
    args = ("Who Owns the Client?", ["Project Manager", "PM"], "Splitsville", COLOURS)
    plugins = Path(cards.__file__).parents[2]  # this checkout's plugins/, not an installed one
    script = (
        "import sys; from splitsville.cards import drawing as cards; "
        f"assert cards.__file__ == {cards.__file__!r}; "
        f"sys.stdout.buffer.write(cards.render(*{args!r}))"
    )
    env = {**os.environ, "PYTHONPATH": str(plugins)}
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env)
    assert other.returncode == 0, other.stderr.decode()
    assert other.stdout == cards.render(*args)


def test_alt_text_says_what_the_card_shows():
    assert cards.alt_text("Who?", ["PM", "AM"], "S") == "S: Who? Roles: PM, AM."
    assert cards.alt_text("Split", [], "S") == "S: Split."


def test_drawing_draws_only_what_the_cache_lacks(tmp_path):
    colours = COLOURS
    jobs = [
        (cards.cached_path(tmp_path, title, ["PM"], "S", colours), title, ["PM"], "S", colours)
        for title in ("One", "Two")
    ]
    cards.start_drawing(jobs, workers=1).wait()
    assert [job[0].read_bytes() for job in jobs] == [cards.render(*job[1:]) for job in jobs]
    jobs[0][0].write_bytes(b"marker")  # kept: a card in the cache is never drawn again
    cards.start_drawing(jobs, workers=1).wait()
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
        cards.start_drawing(jobs, workers).wait()
        by_workers[workers] = [job[0].read_bytes() for job in jobs]
    assert by_workers[1] == by_workers[2]
