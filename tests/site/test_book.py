"""The series as a book (plugins/splitsville/book): each series' EPUB, checked by W3C's
EPUBCheck, read back with ebooklib and zipfile, and linked from the home page and every part."""

import json
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from ebooklib import ITEM_DOCUMENT, epub
from lxml import etree

import publishconf
from helpers import post_pages
from tools.install import EPUBCHECK

PATTERN = publishconf.SPLITSVILLE["books"]
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@pytest.fixture(params=["site", "fixture_site"])
def any_site(request):
    return request.getfixturevalue(request.param)


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def series_boxes(site) -> dict[str, list[tuple[str, Path]]]:
    """What the built pages say of each series: its name and its parts in order, as (title,
    page) pairs, from the series box of the part that lists every part (its own included)."""
    found = {}
    for path in post_pages(site):
        box = page(path).select_one("nav.post-end ol.series-parts")
        if box is None:
            continue
        heading = box.find_previous_sibling("h2").get_text()
        name = re.fullmatch(r"The (.+) series", heading).group(1)
        parts = []
        for item in box.select("li"):
            shown = item.find(["a", "span"])  # a link, or this part itself (no "(next)" label)
            title = " ".join(shown.get_text().split())  # machine text: no no-break spaces
            parts.append((title, site.path_of(shown["href"]) if shown.name == "a" else path))
        found[name] = parts
    return found


def book_of(site, name: str) -> Path:
    """The book the series' box links to."""
    [first, *_] = series_boxes(site)[name]
    link = page(first[1]).select_one(".series-book a")
    return site.path_of(link["href"])


def chapters(book: Path) -> list[tuple[str, etree._Element]]:
    """The book's chapters in spine order (cover and contents left out), as parsed XML."""
    read = epub.read_epub(str(book), {"ignore_ncx": True})
    spine = [read.get_item_with_id(idref) for idref, _ in read.spine]
    docs = [
        item
        for item in spine
        if item.get_type() == ITEM_DOCUMENT
        and item.file_name.endswith(".xhtml")
        and item.file_name not in ("nav.xhtml", "cover.xhtml")
    ]
    return [(item.file_name, etree.fromstring(item.get_content())) for item in docs]


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def run_epubcheck(book: Path, tmp_path: Path) -> dict:
    """EPUBCheck's JSON report of one book (the Debian package's jar, on the machine's Java)."""
    report = tmp_path / f"{book.stem}.json"
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(book), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    checked = json.loads(report.read_text(encoding="utf-8"))
    assert result.returncode == (1 if checked["checker"]["nError"] else 0), result.stderr
    return checked


def test_every_series_has_one_book_where_the_setting_says(any_site):
    boxes = series_boxes(any_site)
    books = sorted(p.relative_to(any_site.root).as_posix() for p in any_site.root.rglob("*.epub"))
    expected = sorted(
        book_of(any_site, name).relative_to(any_site.root).as_posix() for name in boxes
    )
    assert books == expected
    prefix, _, suffix = PATTERN.partition("{slug}")
    assert all(b.startswith(prefix) and b.endswith(suffix) for b in books)


def test_epubcheck_finds_no_error_and_no_warning(any_site, tmp_path):
    for book in sorted(any_site.root.rglob("*.epub")):
        report = run_epubcheck(book, tmp_path)
        counts = {k: report["checker"][k] for k in ("nFatal", "nError", "nWarning")}
        assert counts == {"nFatal": 0, "nError": 0, "nWarning": 0}, report["messages"]
        assert report["publication"]["ePubVersion"].startswith("3")


def test_epubcheck_finds_a_broken_book(fixture_site, tmp_path):
    """The check above can fail: the same book without its cover image is an error."""
    [book] = fixture_site.root.rglob("*.epub")
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(broken, "w") as out:
        for info in source.infolist():
            if not info.filename.endswith("cover.png"):
                out.writestr(info, source.read(info))
    assert run_epubcheck(broken, tmp_path)["checker"]["nError"] > 0


def test_the_book_holds_every_published_part_in_series_order(any_site):
    for name, parts in series_boxes(any_site).items():
        book = book_of(any_site, name)
        headings = [text(doc.find(".//x:h1", XHTML)) for _, doc in chapters(book)]
        assert headings == [title for title, _ in parts]
        read = epub.read_epub(str(book), {"ignore_ncx": True})
        assert read.get_metadata("DC", "title")[0][0] == name
        assert read.get_metadata("DC", "language")[0][0] == publishconf.DEFAULT_LANG


def test_the_fixture_series_has_its_three_parts(fixture_site):
    """Exact names against the fixture only (content/ may hold any series, or none)."""
    book = book_of(fixture_site, "Fixture")
    assert book.name == "fixture.epub"
    assert [text(doc.find(".//x:h1", XHTML)) for _, doc in chapters(book)] == [
        "A Published Post",
        "Typography & Other “Details”",
        "Case and Separator Variants",
    ]


def test_the_contents_list_every_part_and_nothing_else(any_site):
    for name, parts in series_boxes(any_site).items():
        book = book_of(any_site, name)
        with zipfile.ZipFile(book) as archive:
            nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
        toc = nav.find(".//x:nav[@epub:type='toc']", XHTML)
        entries = [(text(a), a.get("href")) for a in toc.iterfind(".//x:a", XHTML)]
        assert entries == [
            (title, file_name)
            for (title, _), (file_name, _) in zip(parts, chapters(book), strict=True)
        ]
        toc_ncx = epub.read_epub(str(book), {"ignore_ncx": False}).toc
        assert [link.title for link in toc_ncx] == [title for title, _ in parts]


def test_a_credited_part_credits_and_links_its_source(any_site):
    """Every part whose page says "First published at" says so in its chapter, with its link."""
    credited = 0
    for name, parts in series_boxes(any_site).items():
        for (_, path), (_, doc) in zip(parts, chapters(book_of(any_site, name)), strict=True):
            credit = page(path).select_one(".post-header .credit")
            if credit is None:
                assert doc.find(".//x:p[@class='credit']", XHTML) is None
                continue
            credited += 1
            in_book = doc.find(".//x:p[@class='credit']", XHTML)
            assert text(in_book) == " ".join(credit.get_text().split())
            assert in_book.find("x:a", XHTML).get("href") == credit.a["href"]
    if any_site.root.joinpath("posts", "splitsville-or-not").exists():
        assert credited >= 1  # the essay


def check_notes(any_site) -> int:
    """Each footnote reference of a part's page is a noteref to an aside of its chapter: how
    many there are."""
    notes = 0
    for name, parts in series_boxes(any_site).items():
        for (_, path), (_, doc) in zip(parts, chapters(book_of(any_site, name)), strict=True):
            on_page = page(path).select(".prose a.footnote-ref")
            refs = [a for a in doc.iter(f"{{{XHTML['x']}}}a") if a.get(EPUB_TYPE) == "noteref"]
            asides = {
                a.get("id"): a
                for a in doc.iter(f"{{{XHTML['x']}}}aside")
                if a.get(EPUB_TYPE) == "footnote"
            }
            assert len(refs) == len(on_page) == len(asides)
            for ref, original in zip(refs, on_page, strict=True):
                note = asides[ref.get("href").removeprefix("#")]
                expected = page(path).find(id=original["href"].removeprefix("#"))
                assert text(note).endswith(" ".join(expected.get_text().split()).rstrip("↩ \xa0"))
            notes += len(refs)
    return notes


def check_images(any_site) -> int:
    """Each image a part's page shows is in its chapter, its file in the book: how many."""
    images = 0
    for name, parts in series_boxes(any_site).items():
        book = book_of(any_site, name)
        with zipfile.ZipFile(book) as archive:
            names = set(archive.namelist())
            for (_, path), (file_name, doc) in zip(parts, chapters(book), strict=True):
                shown = page(path).select(".prose img")
                in_book = list(doc.iter(f"{{{XHTML['x']}}}img"))
                assert len(in_book) == len(shown)
                for original, img in zip(shown, in_book, strict=True):
                    entry = f"EPUB/{urljoin(file_name, img.get('src'))}"
                    assert entry in names
                    served = any_site.path_of(original["src"]).read_bytes()
                    assert archive.read(entry) == served
                    assert img.get("alt") == original["alt"]
                    images += 1
    return images


def test_footnotes_are_epub_notes(any_site):
    check_notes(any_site)


def test_images_the_parts_show_are_in_the_book(any_site):
    check_images(any_site)


def test_the_fixture_book_has_a_note_and_an_image(fixture_site):
    """The checks above are not empty: the fixture's typography post has one of each."""
    assert check_notes(fixture_site) >= 1
    assert check_images(fixture_site) >= 1


def test_links_between_parts_stay_in_the_book_and_others_are_absolute(any_site):
    """A link to another part opens its chapter; one inside a chapter finds its id there; every
    other link is absolute (a book is read away from the site), and none leads to a part's page."""
    for name, parts in series_boxes(any_site).items():
        book = book_of(any_site, name)
        docs = dict(chapters(book))
        pages = {
            f"{any_site.siteurl}/{p.parent.relative_to(any_site.root).as_posix()}/"
            for _, p in parts
        }
        for file_name, doc in docs.items():
            for a in doc.iter(f"{{{XHTML['x']}}}a"):
                href = a.get("href")
                target, _, fragment = href.partition("#")
                if not target or target in docs:
                    held = docs[target or file_name]
                    assert not fragment or any(e.get("id") == fragment for e in held.iter())
                else:
                    assert re.match(r"(https?|mailto):", href), (file_name, href)
                    assert target not in pages, (file_name, href)


def test_metadata_is_stable_and_dated_by_the_content(any_site):
    """The identifier is a URN made from the book's address; dcterms:modified is the newest
    date any part's page gives (published or updated), never the build's clock."""
    opf = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
    for name, parts in series_boxes(any_site).items():
        with zipfile.ZipFile(book_of(any_site, name)) as archive:
            package = etree.fromstring(archive.read("EPUB/content.opf"))
        identifier = package.findtext(".//dc:identifier", namespaces=opf)
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier)
        modified = package.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=opf)
        dates = [
            time["datetime"]
            for _, path in parts
            for time in page(path).select(".post-header .date-line time")
        ]
        assert modified == max(dates).removesuffix("+00:00") + "Z"
        authors = [a.text for a in package.iterfind(".//dc:creator", namespaces=opf)]
        assert authors and len(authors) == len(set(authors))


def test_zip_entries_are_fixed_mimetype_first_and_stored(any_site):
    for book in any_site.root.rglob("*.epub"):
        with zipfile.ZipFile(book) as archive:
            infos = archive.infolist()
        assert infos[0].filename == "mimetype"
        assert infos[0].compress_type == zipfile.ZIP_STORED and not infos[0].extra
        assert len({info.date_time for info in infos}) == 1
        assert book.read_bytes()[30:38] == b"mimetype"


def test_home_page_and_every_part_link_the_book_with_its_size(any_site):
    boxes = series_boxes(any_site)
    pages = [any_site.root / "index.html"] + [path for parts in boxes.values() for _, path in parts]
    for path in pages:
        links = page(path).select(".series-book")
        assert len(links) == (
            len(boxes) if path.name == "index.html" and path.parent == any_site.root else 1
        ), path
        for line in links:
            a = line.a
            assert a["type"] == "application/epub+zip" and a.has_attr("download")
            size = any_site.path_of(a["href"]).stat().st_size
            said = re.fullmatch(r"Read the (.+) series as an EPUB, (\d+)\xa0kB", line.get_text())
            assert said, line.get_text()
            assert said.group(1) in boxes
            assert abs(int(said.group(2)) * 1000 - size) <= 500, (said.group(2), size)
