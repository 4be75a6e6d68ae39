"""The cards' PNG encoder (plugins/splitsville/cards/png.py): valid PNGs, decoded by Pillow to
exactly the pixels and palette they were made from, whatever came before them."""

import io
import random
import zlib

import pytest
from PIL import Image, ImageDraw
from splitsville.cards import png
from splitsville.cards.drawing import render

COLOURS = {
    "--bg": "#fffdf8",
    "--text": "#1d1b18",
    "--muted": "#5c574f",
    "--accent": "#8a3b12",
    "--accent-soft": "#f4e4d8",
}


def decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        image.verify()  # chunk lengths and CRCs
    image = Image.open(io.BytesIO(data))
    image.load()  # the zlib stream, its Adler-32 included
    return image


def same_image(data: bytes, image: Image.Image) -> None:
    back = decoded(data)
    assert (back.format, back.mode, back.size) == ("PNG", "P", image.size)
    assert back.tobytes() == image.tobytes()
    assert back.getpalette() == image.getpalette()


def noisy(size: tuple[int, int], seed: int) -> Image.Image:
    """A palette image with random bands, lines and noise: nothing a card would repeat."""
    rng = random.Random(seed)
    image = Image.new("P", size, 0)
    image.putpalette([rng.randrange(256) for _ in range(3 * 256)])
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        box = (
            sorted(rng.randrange(size[0]) for _ in range(2)),
            sorted(rng.randrange(size[1]) for _ in range(2)),
        )
        draw.rectangle((box[0][0], box[1][0], box[0][1], box[1][1]), fill=rng.randrange(256))
    for _ in range(500):
        image.putpixel((rng.randrange(size[0]), rng.randrange(size[1])), rng.randrange(256))
    return image


@pytest.mark.parametrize("size", [(1200, 630), (1, 1), (7, 31), (333, 61), (64, 30)])
def test_encoded_images_decode_to_their_own_pixels_and_palette(size):
    for seed in range(3):
        image = noisy(size, seed)
        same_image(png.encode(image), image)


def test_cards_decode_to_what_pillows_own_encoder_writes():
    for title, roles in [
        ("The Role of Account versus Project Manager: Splitsville or Not?", ["Account Manager"]),
        ("Short", []),
        ("A title long enough to wrap onto three lines of the card, and then some more", ["PM"]),
    ]:
        data = render(title, roles, "Splitsville", COLOURS)
        pillow = io.BytesIO()
        decoded(data).save(pillow, "PNG")
        assert decoded(pillow.getvalue()).tobytes() == decoded(data).tobytes()


def test_a_card_is_the_same_bytes_whatever_was_encoded_before_it():
    first, second = noisy((1200, 630), 1), noisy((1200, 630), 2)
    png._last.clear()
    alone = png.encode(second)
    png.encode(first)
    assert png.encode(second) == alone
    png.encode(second.crop((0, 0, 1200, 600)))  # other bands at the same positions
    assert png.encode(second) == alone


def test_adler_checksums_join_as_zlibs_over_the_whole():
    rng = random.Random(7)
    for _ in range(50):
        a = rng.randbytes(rng.randrange(0, 5000))
        b = rng.randbytes(rng.randrange(0, 70000))
        joined = png._adler_join(zlib.adler32(a), zlib.adler32(b), len(b))
        assert joined == zlib.adler32(a + b)


def test_only_palette_images_are_encoded():
    with pytest.raises(ValueError, match="palette image"):
        png.encode(Image.new("RGB", (2, 2)))
