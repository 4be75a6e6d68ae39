"""A palette image as PNG bytes, compressed in bands of rows so that the bands every card
shares (the page, the bar, the site's name, the blank space, a role's pill) are compressed once.

Pillow's encoder compresses all 756,000 pixels of every card; most of them are the same on
every card, and compressing them again was half of what a card cost. The pixels are the ones
Pillow would write (tests/unit/test_cards_png.py decodes both and compares): only the deflate
stream is cut into pieces. Each band is deflated by itself and ended with a sync flush, which
leaves it whole bytes long, so the pieces join into one valid stream (RFC 1951, 3.2.3); their
Adler-32 checksums join by arithmetic (RFC 1950, 2.2), so no card's pixels are read twice.
"""

import struct
import zlib

from PIL import Image

BAND = 30  # rows: a 630-row card is 21 bands, each a tenth of a title's line or so
LEVEL = 3  # zlib's: as Pillow's was given (drawing.py measured the levels)
# zlib's run-length strategy looks only for runs of one byte: a card is mostly runs of one
# palette index, and on its bands this took 11% less time than the default strategy at this
# level, for 3% fewer bytes (300 cards with random titles: 0.67 vs 0.76 ms, 17.2 vs 17.8 kB).
STRATEGY = zlib.Z_RLE
ADLER_BASE = 65521
SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_HEADER = b"\x78\x5e"  # deflate, 32 kB window, no dictionary (a valid check value)
LAST_BLOCK = b"\x03\x00"  # an empty final block: the stream ends


def encode(image: Image.Image) -> bytes:
    """`image` (mode "P", 8-bit indices) as a PNG: IHDR, PLTE, one IDAT, IEND."""
    if image.mode != "P":
        raise ValueError(f"encode() takes a palette image, not mode {image.mode}")
    width, height = image.size
    # Each row after its filter byte, 0 (none, as Pillow writes a palette image): the image
    # pasted one pixel in from a column of index 0, whose bytes are then the stream's.
    framed = Image.new("P", (width + 1, height), 0)
    framed.paste(image, (1, 0))
    rows = framed.tobytes()
    step = BAND * (width + 1)
    pieces, checksum = [ZLIB_HEADER], 1
    for number, start in enumerate(range(0, len(rows), step)):
        deflated, adler, length = _band(number, rows[start : start + step])
        pieces.append(deflated)
        checksum = _adler_join(checksum, adler, length)
    pieces += [LAST_BLOCK, struct.pack(">I", checksum)]
    palette = bytes(image.getpalette("RGB") or [])
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    return b"".join(
        [
            SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", palette),
            _chunk(b"IDAT", b"".join(pieces)),
            _chunk(b"IEND", b""),
        ]
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# The last band met at each position, and what it deflated to: cards drawn one after another
# share most of their bands, and comparing bytes costs far less than deflating them.
_last: dict[int, tuple[bytes, tuple[bytes, int, int]]] = {}


def _band(number: int, rows: bytes) -> tuple[bytes, int, int]:
    """A band's filtered rows deflated and sync-flushed: (deflated, their Adler-32, their
    length). A function of the rows alone, so a card's bytes never depend on the cards before
    it."""
    last = _last.get(number)
    if last is not None and last[0] == rows:
        return last[1]
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, 8, STRATEGY)
    done = (
        deflate.compress(rows) + deflate.flush(zlib.Z_SYNC_FLUSH),
        zlib.adler32(rows),
        len(rows),
    )
    _last[number] = (rows, done)
    return done


def _adler_join(first: int, second: int, length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from theirs and the second's
    length: the sums run on (a: 1 + every byte; b: the sum of every a)."""
    a1, b1 = first & 0xFFFF, first >> 16
    a2, b2 = second & 0xFFFF, second >> 16
    a = (a1 + a2 - 1) % ADLER_BASE
    b = (b1 + b2 + length * (a1 - 1)) % ADLER_BASE
    return (b << 16) | a
