"""A series as one EPUB 3 file: its parts as chapters, in series order, put together by ebooklib.

What makes it a good book (EPUBCheck passes it with no error and no warning, tests/site/
test_book.py): a cover, a navigation document and an NCX (for EPUB 2 readers) listing every
part, the language, the authors, the site as publisher, the series as a collection, and an
identifier made from the book's address, so it stays the same from build to build.

What makes it reproducible: nothing reads the clock. dcterms:modified is the newest part's date
(its Modified, else its Date), and the archive is written anew from ebooklib's with that date on
every entry, the `mimetype` entry first and stored, then the rest in ebooklib's fixed order.
Plain logic (ebooklib, lxml, zipfile), no Pelican.
"""

import io
import mimetypes
import uuid
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ebooklib import epub

from ..build import reproducible
from . import chapters, cover
from .chapters import Part

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest date a zip entry can hold


@dataclass(frozen=True)
class Book:
    """Everything a series' book is made of: wiring.py gathers it from the build."""

    title: str
    address: str  # where the site publishes the book: its identifier is made from it
    language: str
    publisher: str
    parts: Sequence[Part]
    cover_png: bytes
    # A site address an image is served from -> (its name in the book, the file it is copied from)
    images: Mapping[str, tuple[str, Path]] = field(default_factory=dict)


class _Chapter(epub.EpubHtml):
    """A content document written by chapters.document(): ebooklib would parse it again as HTML
    and lose the epub: namespace, so it is given as bytes and kept as it is."""

    def get_content(self, default=None) -> bytes:
        return self.content


def identifier(address: str) -> str:
    """A URN for the book, the same for every build of the same address."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, address)}"


def modified(parts: Iterable[Part]) -> datetime:
    """The newest part's date (its Modified, else its Date), in UTC: the book's dcterms:modified."""
    return reproducible.build_time((p.modified or p.date for p in parts), None)


def authors(parts: Iterable[Part]) -> list[str]:
    """Every author of the parts, once each, in the order they first write."""
    return list(dict.fromkeys(name for part in parts for name in part.authors))


def assemble(book: Book) -> bytes:
    """The book as the bytes of an .epub file."""
    out = epub.EpubBook()
    out.set_identifier(identifier(book.address))
    out.set_title(book.title)
    out.set_language(book.language)
    for number, name in enumerate(authors(book.parts), start=1):
        out.add_author(name, uid=f"creator-{number}")
    out.add_metadata("DC", "publisher", book.publisher)
    out.add_metadata(
        None, "meta", book.title, {"property": "belongs-to-collection", "id": "series"}
    )
    out.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
    out.set_cover("cover.png", book.cover_png, create_page=False)
    count = cover.parts_text(len(book.parts))
    # Its title is the cover image's alternative text too: what the cover says, in words.
    cover_page = epub.EpubCoverHtml(image_name="cover.png", title=f"{book.title}, in {count}")
    out.add_item(cover_page)
    out.add_item(
        epub.EpubItem(
            uid="css", file_name=chapters.CSS_NAME, media_type="text/css", content=chapters.CSS
        )
    )

    files = {part.url: part.file_name for part in book.parts}
    names = {url: name for url, (name, _) in book.images.items()}
    used: set[str] = set()
    documents = []
    for number, part in enumerate(book.parts, start=1):
        item = _Chapter(uid=f"part-{number}", file_name=part.file_name, title=part.title)
        item.content = chapters.document(part, book.language, files, names, used)
        # Inline SVG or MathML: the manifest must say so (an <img> of an SVG file needs nothing).
        for tag, name in ((b"<svg", "svg"), (b"<math", "mathml")):
            if tag in item.content:
                item.properties.append(name)
        out.add_item(item)
        documents.append(item)
    for number, (name, path) in enumerate(sorted(v for v in book.images.values() if v[0] in used)):
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        out.add_item(
            epub.EpubImage(
                uid=f"image-{number + 1}",
                file_name=name,
                media_type=media_type,
                content=Path(path).read_bytes(),
            )
        )

    out.toc = documents
    out.add_item(epub.EpubNcx())
    out.add_item(epub.EpubNav(title="Contents"))
    out.spine = [cover_page, "nav", *documents]
    # Landmarks (EPUB 3) and the guide (EPUB 2): where the cover, the contents and the text are.
    out.guide = [
        {"type": "cover", "href": cover_page.file_name, "title": "Cover"},
        {"type": "toc", "href": "nav.xhtml", "title": "Contents"},
        {"type": "text", "href": documents[0].file_name, "title": book.parts[0].title},
    ]
    when = modified(book.parts)
    raw = io.BytesIO()
    epub.write_epub(
        raw,
        out,
        {
            "mtime": when,
            "raise_exceptions": True,
            "epub3_pages": False,
            "landmark_title": "Landmarks",
        },
    )
    return reproducible_zip(raw.getvalue(), when)


def reproducible_zip(data: bytes, when: datetime) -> bytes:
    """The zip archive `data` written anew: `mimetype` first and stored, as EPUB requires, then
    every other entry in the order it had, deflated, each with the date `when` (the zip format
    holds no earlier date than 1980) and the same permissions."""
    stamp = max(when.astimezone(UTC), ZIP_EPOCH).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    names = ["mimetype", *(name for name in names if name != "mimetype")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever it is built
            info.external_attr = 0o644 << 16
            archive.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()


def kilobytes(size: int) -> int:
    """A file's size as the link to it says it: whole kB (1000 bytes), never 0."""
    return max(1, round(size / 1000))
