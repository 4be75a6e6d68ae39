"""plugins/splitsville/cards/glyphs.py: a line made of glyphs drawn once is the line Pillow
draws."""

from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from splitsville.cards import drawing as cards
from splitsville.cards import glyphs
from splitsville.cards import text as layout

# Letters, digits, the typography titles carry, and the glyphs whose boxes reach into their
# neighbours' (j x y K V Y , ; / at these sizes): where the line's glyphs are blended.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " .,:;!?'\"()-&/\u2018\u2019\u201c\u201d\u2026"
)
SIZES = (*layout.TITLE_SIZES, cards.PILL_SIZE)


def pillows(line: str, size: int) -> tuple[bytes, tuple]:
    """The line as ImageDraw.text draws it (the way cards were drawn before), and its box."""
    box = layout.font(size).getbbox(line)
    image = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
    ImageDraw.Draw(image).text((-box[0], -box[1]), line, font=layout.font(size), fill=255)
    return image.tobytes(), box


@given(st.text(ALPHABET, min_size=1, max_size=40), st.sampled_from(SIZES))
@example("AV, jxy; K/Y", 76)  # boxes overlapping, and ink on ink
@example("  spaced  ", 46)  # the box is the pen line's too, blank at either end
@example("Tiny", 30)
def test_a_line_of_glyphs_is_the_line_pillow_draws(line, size):
    made = glyphs.line_mask(line, size)
    assert made is not None  # the bundled font: whole-pixel advances, no kerning
    mask, box = made
    assert (mask.tobytes(), box) == pillows(line, size)


def test_where_two_glyphs_ink_the_same_pixel_the_line_blends_them_as_pillow_does():
    line, size = "VY", 76  # the V's right arm and the Y's left one share a few pixels
    (v, v_box, advance), (y, y_box, _) = (glyphs._glyph(char, size) for char in line)
    mask, box = glyphs.line_mask(line, size)
    shared = [
        (x, row)
        for x in range(mask.width)
        for row in range(mask.height)
        if 0 <= x + box[0] - v_box[0] < v.width
        and 0 <= x + box[0] - advance - y_box[0] < y.width
        and v.getpixel((x + box[0] - v_box[0], row + box[1] - v_box[1]))
        and y.getpixel((x + box[0] - advance - y_box[0], row + box[1] - y_box[1]))
    ]
    assert shared  # so this test reaches the blend, and the maximum would not do
    x, row = shared[0]
    under = v.getpixel((x + box[0] - v_box[0], row + box[1] - v_box[1]))
    over = y.getpixel((x + box[0] - advance - y_box[0], row + box[1] - y_box[1]))
    assert mask.getpixel((x, row)) == over + glyphs._muldiv255(under, 255 - over)
    assert mask.getpixel((x, row)) > max(under, over)
    assert (mask.tobytes(), box) == pillows(line, size)


def test_an_empty_line_or_a_fractional_advance_is_left_to_pillow(monkeypatch):
    assert glyphs.line_mask("", 76) is None
    font = layout.font(60)
    monkeypatch.setattr(type(font), "getlength", lambda self, text, *a, **k: 10.5 * len(text))
    glyphs._glyph.cache_clear()
    try:
        assert glyphs.line_mask("ab", 60) is None
    finally:
        monkeypatch.undo()
        glyphs._glyph.cache_clear()
