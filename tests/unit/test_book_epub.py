"""plugins/splitsville/book/epub.py: a series put together as an EPUB, byte for byte the same
on every build, with no Pelican."""

import io
import zipfile
from datetime import UTC, datetime, timedelta, timezone

import pytest
from ebooklib import epub as ebooklib_epub
from lxml import etree
from splitsville.book import epub
from splitsville.book.chapters import Part

SITE = "https://site.example"
PNG = (  # a 1x1 PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def part(n: int, author: str = "Editors", modified=None) -> Part:
    return Part(
        slug=f"part-{n}",
        title_html=f"Part {n}",
        title=f"Part {n}",
        url=f"{SITE}/posts/part-{n}/",
        content_html=f'<p>See <a href="{SITE}/posts/part-1/">the first</a>.</p>',
        authors=(author,),
        date=datetime(2026, 1, n, 9, tzinfo=UTC),
        date_text=f"{n} January 2026",
        modified=modified,
    )


def book(parts, **more) -> epub.Book:
    fields = {
        "title": "Series",
        "address": f"{SITE}/books/series.epub",
        "language": "en",
        "publisher": "Site",
        "parts": parts,
        "cover_png": PNG,
    }
    return epub.Book(**{**fields, **more})


def test_the_same_book_gives_the_same_bytes():
    parts = [part(1), part(2, "Guest")]
    assert epub.assemble(book(parts)) == epub.assemble(book(parts))


def test_the_archive_starts_with_mimetype_stored_and_every_entry_has_the_content_date():
    data = epub.assemble(book([part(1), part(3)]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert data[30:38] + data[38:58] == b"mimetypeapplication/epub+zip"
    assert {info.date_time for info in infos} == {(2026, 1, 3, 9, 0, 0)}
    modified = opf.find(".//{*}meta[@property='dcterms:modified']")
    assert modified.text == "2026-01-03T09:00:00Z"


def test_reproducible_zip_keeps_contents_and_order_and_fixes_the_rest():
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("b.txt", "B")
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("a.txt", "A")
    when = datetime(2026, 5, 6, 7, 8, 10, tzinfo=timezone(timedelta(hours=2)))
    out = zipfile.ZipFile(io.BytesIO(epub.reproducible_zip(raw.getvalue(), when)))
    assert out.namelist() == ["mimetype", "b.txt", "a.txt"]
    assert out.read("a.txt") == b"A"
    assert {i.date_time for i in out.infolist()} == {(2026, 5, 6, 5, 8, 10)}  # in UTC
    old = epub.reproducible_zip(raw.getvalue(), datetime(1970, 1, 1, tzinfo=UTC))
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(old)).infolist()} == {
        (1980, 1, 1, 0, 0, 0)
    }


def test_the_identifier_is_made_from_the_address():
    a = epub.identifier(f"{SITE}/books/a.epub")
    assert a == epub.identifier(f"{SITE}/books/a.epub")
    assert a != epub.identifier(f"{SITE}/books/b.epub")
    assert a.startswith("urn:uuid:")


def test_modified_is_the_newest_part_date_or_modified():
    late = datetime(2026, 3, 1, tzinfo=UTC)
    assert epub.modified([part(1), part(2)]) == datetime(2026, 1, 2, 9, tzinfo=UTC)
    assert epub.modified([part(1, modified=late), part(2)]) == late


def test_authors_are_each_named_once_in_order():
    parts = [part(1, "Guest"), part(2), part(3, "Guest")]
    assert epub.authors(parts) == ["Guest", "Editors"]


def test_ebooklib_reads_back_the_parts_the_contents_and_the_metadata(tmp_path):
    path = tmp_path / "series.epub"
    path.write_bytes(epub.assemble(book([part(1), part(2, "Guest")])))
    read = ebooklib_epub.read_epub(str(path), {"ignore_ncx": True})
    assert read.get_metadata("DC", "title")[0][0] == "Series"
    assert [v for v, _ in read.get_metadata("DC", "creator")] == ["Editors", "Guest"]
    assert read.get_metadata("DC", "publisher")[0][0] == "Site"
    assert [link.title for link in read.toc] == ["Part 1", "Part 2"]
    second = read.get_item_with_href("part-2.xhtml").get_content()
    assert b'href="part-1.xhtml"' in second


@pytest.mark.parametrize(
    "size, kb", [(0, 1), (499, 1), (1499, 1), (1500, 2), (61_785, 62), (1_234_567, 1235)]
)
def test_kilobytes_rounds_to_whole_kb_never_zero(size, kb):
    assert epub.kilobytes(size) == kb
