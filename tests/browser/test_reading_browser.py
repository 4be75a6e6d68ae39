"""Reading a post in real headless Chromium: sidenotes in the margin on wide screens and at the
end on phones, each note met once; headings' links shown on focus; view transitions between
pages unless the reader asks for less motion. Every post of both builds, from disk."""

import pytest

from helpers import oldest_post, open_from_disk, post_pages

pytestmark = pytest.mark.browser

BUILDS = ["site", "fixture_site"]
LINES = 3  # a note stands within this many lines of its reference, unless the one above pushed it

# Where each note stands, against its reference and the text column, and whether it is shown
# there or in the list at the end (checkVisibility: display:none anywhere above hides it).
MEASURE = """() => {
  const prose = document.querySelector('.prose').getBoundingClientRect();
  const line = parseFloat(getComputedStyle(document.querySelector('.prose p')).lineHeight);
  const refs = [...document.querySelectorAll('a.footnote-ref')];
  return {
    line, column: [prose.left, prose.right], width: document.documentElement.clientWidth,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    notes: [...document.querySelectorAll('.sidenote')].map(n => {
      const number = n.querySelector('.sidenote-number').textContent;
      const ref = refs.find(a => a.textContent === number);
      const box = n.getBoundingClientRect();
      return {number, shown: n.checkVisibility(), top: box.top, bottom: box.bottom,
              left: box.left, right: box.right, ref: ref.getClientRects()[0].top,
              listed: document.getElementById(ref.hash.slice(1)).checkVisibility()};
    }),
    last: document.querySelector('.prose').lastElementChild.className,
  };
}"""


def pages_with_notes(built) -> list[str]:
    return [
        p.parent.relative_to(built.root).as_posix() + "/"
        for p in post_pages(built)
        if 'class="sidenote"' in p.read_text(encoding="utf-8")
    ]


@pytest.fixture(params=BUILDS)
def built(request):
    return request.getfixturevalue(request.param)


def test_at_1440px_every_note_stands_in_the_margin_beside_its_line(browser, built):
    rels = pages_with_notes(built)
    assert rels or built.siteurl != "https://fixture.example"
    for rel in rels:
        page, url = open_from_disk(browser, built, rel)
        page.set_viewport_size({"width": 1440, "height": 900})
        page.goto(url)
        found = page.evaluate(MEASURE)
        page.close()
        line, (_, column_right) = found["line"], found["column"]
        above = None
        for note in sorted(found["notes"], key=lambda n: n["top"]):
            where = f"{rel} note {note['number']}"
            assert note["shown"] and not note["listed"], where  # met once: here, not at the end
            assert column_right < note["left"] and note["right"] <= found["width"], where
            if above is not None:
                assert note["top"] >= above["bottom"], f"{where} overlaps the one above"
            near = abs(note["top"] - note["ref"]) <= LINES * line
            pushed = above is not None and note["top"] - above["bottom"] <= line
            assert near or pushed, f"{where}: {note['top'] - note['ref']:.0f}px from its line"
            above = note
        assert found["overflow"] <= 0, rel
    if built.siteurl == "https://fixture.example":
        assert rels == ["posts/typography-other-details/"]


def test_at_390px_the_notes_are_at_the_end_and_nothing_overflows(browser, built):
    for rel in pages_with_notes(built):
        page, url = open_from_disk(browser, built, rel)
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(url)
        found = page.evaluate(MEASURE)
        page.close()
        assert found["overflow"] <= 0, rel
        assert found["last"] == "footnote", rel  # the list ends the text
        assert all(n["listed"] and not n["shown"] for n in found["notes"]), rel


def test_the_fixture_notes_are_all_there_long_one_pushing_the_next(browser, fixture_site):
    page, url = open_from_disk(browser, fixture_site, "posts/typography-other-details/")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(url)
    notes = {n["number"]: n for n in page.evaluate(MEASURE)["notes"]}
    page.close()
    assert sorted(notes) == ["1", "2", "3", "4", "5"]
    # Notes 3 and 4 are referred to on the long note's lines: both wait below it, in order.
    assert notes["2"]["bottom"] <= notes["3"]["top"] < notes["4"]["top"]


@pytest.mark.parametrize("width", [390, 1440])
def test_a_headings_link_is_named_hidden_until_focused_and_on_screen(browser, fixture_site, width):
    page, url = open_from_disk(browser, fixture_site, "posts/typography-other-details/")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    link = page.get_by_role("link", name="Link to this section: Code and tables")
    heading = page.get_by_role("heading", name="Code and tables", exact=True)
    assert heading.count() == 1  # the heading's name is its text alone
    assert link.evaluate("e => getComputedStyle(e).opacity") == "0"
    link.focus()
    assert link.evaluate("e => getComputedStyle(e).opacity") == "1"
    assert link.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#code-and-tables"
    page.close()


def test_the_table_of_contents_links_to_each_section(browser, fixture_site):
    page, url = open_from_disk(browser, fixture_site, "posts/typography-other-details/")
    page.goto(url)
    nav = page.get_by_role("navigation", name="In this post")
    assert nav.get_by_role("link").count() == 3
    nav.get_by_role("link", name="A figure, and notes in a list").click()
    assert page.evaluate("location.hash") == "#a-figure-and-notes-in-a-list"
    page.close()


VIEW_TRANSITION = """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
  .filter(r => r instanceof CSSMediaRule).flatMap(m => [...m.cssRules]
  .filter(r => r.cssText.startsWith('@view-transition'))
  .map(r => [m.conditionText, r.navigation, matchMedia(m.conditionText).matches]))"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_pages_cross_fade_unless_the_reader_asks_for_less_motion(browser, subpath_site, motion):
    page = browser.new_page()
    page.emulate_media(reduced_motion=motion)
    # On the page navigated to, whether the browser revealed it through a view transition.
    page.add_init_script(
        "addEventListener('pagereveal', e => { window.viewTransition = !!e.viewTransition; })"
    )
    page.goto(f"{subpath_site.siteurl}/")
    rules = page.evaluate(VIEW_TRANSITION)
    assert rules == [["(prefers-reduced-motion: no-preference)", "auto", motion != "reduce"]]
    page.locator(f"a[href='{subpath_site.siteurl}/{oldest_post(subpath_site)}']").first.click()
    page.wait_for_url(f"**/{oldest_post(subpath_site)}")
    page.wait_for_function("window.viewTransition !== undefined")
    assert page.evaluate("window.viewTransition") == (motion != "reduce")
    page.close()
