"""plugins/splitsville/book/cover.py: a book's cover in the cards' style, with no Pelican."""

import io

from PIL import Image, ImageColor
from splitsville.book import cover

COLOURS = {
    "--bg": "#fbfaf7",
    "--text": "#1f1d1a",
    "--muted": "#58534b",
    "--accent": "#8a3320",
    "--accent-soft": "#f6e4dc",
}


def drawn(*args) -> Image.Image:
    return Image.open(io.BytesIO(cover.render(*args))).convert("RGB")


def test_a_portrait_cover_in_the_theme_colours():
    image = drawn("Series", ["One", "Two"], "Site", "site.example", COLOURS)
    assert image.size == cover.SIZE and image.size[1] > image.size[0]
    assert image.getpixel((5, 5)) == ImageColor.getrgb(COLOURS["--accent"])  # the bar
    assert image.getpixel((image.size[0] - 5, 5)) == ImageColor.getrgb(COLOURS["--bg"])
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 16)}
    assert ImageColor.getrgb(COLOURS["--text"]) in colours


def test_the_same_cover_gives_the_same_bytes_and_another_title_another():
    args = ("Series", ["One"], "", "site.example", COLOURS)
    assert cover.render(*args) == cover.render(*args)
    assert cover.render("Other", *args[1:]) != cover.render(*args)


def test_long_titles_and_many_parts_still_fit():
    image = drawn("A " * 200, [f"Part {n} " * 30 for n in range(60)], "Site", "x", COLOURS)
    assert image.size == cover.SIZE


def test_titles_the_font_lacks_are_drawn_all_the_same():
    assert drawn("Менеджер — 管理", ["Über café", "🙂"], "", "", COLOURS).size == cover.SIZE


def test_parts_text():
    assert cover.parts_text(1) == "1 part"
    assert cover.parts_text(5) == "5 parts"


def test_a_cached_cover_is_drawn_once_and_read_back(tmp_path):
    args = ("Series", ["One"], "", "site.example", COLOURS)
    first = cover.cached(tmp_path, *args)
    assert first == cover.render(*args)
    [kept] = tmp_path.glob("*.png")
    kept.write_bytes(b"kept")  # read back, not drawn again
    assert cover.cached(tmp_path, *args) == b"kept"
    assert cover.cached(tmp_path, "Other", *args[1:]) == cover.render("Other", *args[1:])
    assert len(list(tmp_path.glob("*.png"))) == 2
