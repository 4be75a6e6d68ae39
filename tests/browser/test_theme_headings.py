"""Headings in real headless Chromium: balanced (main.css), and no role's name split across two
lines (the |keep_roles filter, plugins/splitsville/posts/typography.keep_together)."""

import re

import pytest
from splitsville.roles import vocabulary as roles

from helpers import ROOT, oldest_post, post_pages

pytestmark = pytest.mark.browser

# Every role's name or alias of several words, from the vocabulary: whatever content/ holds.
NAMES = sorted(
    {
        name.lower()
        for role in roles.load_vocabulary(ROOT / "content" / "roles.toml")
        for name in (role.name, *role.aliases)
        if len(name.split()) > 1
    },
    key=lambda name: (-len(name), name),
)

# Headings that show a post's title or a post's section (a role page's own heading is its
# name alone, which breaks where it must).
HEADINGS = "main :is(.post-header h1, .post-summary h2, .prose :is(h2, h3, h4))"

# Each heading's text (no-break spaces read as spaces); for each role's name found in it and
# not inside a longer one, how many line boxes its characters lie on (a Range over just those
# characters), and whether it would fit on one line of the heading at all.
SPLIT_NAMES = """([names, selector]) => {
  const found = [];
  for (const heading of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let node; (node = walker.nextNode()); ) {
      nodes.push([node, text.length]);
      text += node.data;
    }
    const plain = text.replace(/\\s/g, ' ').toLowerCase();
    const at = (offset) => {
      const [node, start] = nodes.findLast(([, start]) => start <= offset);
      return [node, offset - start];
    };
    const spans = [];
    for (const name of names) {  // longest first
      for (let i = plain.indexOf(name); i >= 0; i = plain.indexOf(name, i + 1)) {
        const end = i + name.length;
        if (spans.some(([a, b]) => a <= i && end <= b)) continue;
        spans.push([i, end]);
        const range = document.createRange();
        range.setStart(...at(i));
        const [last, offset] = at(end - 1);
        range.setEnd(last, offset + 1);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0)
          .map((r) => Math.round(r.bottom))).size;
        const style = getComputedStyle(heading);
        const canvas = document.createElement('canvas').getContext('2d');
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const fits = canvas.measureText(range.toString()).width < heading.clientWidth;
        found.push({heading: heading.textContent.trim(), name, lines, fits});
      }
    }
  }
  return found;
}"""


def split_names(page) -> list[dict]:
    """The role names split across lines in the page's headings, though they would fit."""
    found = page.evaluate(SPLIT_NAMES, [NAMES, HEADINGS])
    page.checked += len(found)
    return [name for name in found if name["lines"] != 1 and name["fits"]]


def pages_with_titles(site) -> list[str]:
    """The home page, every post and every role page: where post titles are headings."""
    posts = sorted(p.parent.name for p in site.root.glob("posts/*/index.html"))
    role_pages = sorted(p.parent.name for p in site.root.glob("roles/*/index.html"))
    return ["", *(f"posts/{p}/" for p in posts), *(f"roles/{r}/" for r in role_pages)]


def test_no_role_name_in_a_heading_is_split_across_lines(browser, subpath_site):
    page = browser.new_page()
    page.checked, split = 0, []
    for rel in pages_with_titles(subpath_site):
        page.goto(f"{subpath_site.siteurl}/{rel}")
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            split += [f"/{rel} at {width}px: {name}" for name in split_names(page)]
    page.close()
    assert not split, "\n".join(split)
    titles = " ".join(
        h.lower()
        for p in post_pages(subpath_site)
        for h in re.findall(
            r"<h[1-4][^>]*>(.*?)</h[1-4]>", p.read_text(encoding="utf-8"), re.DOTALL
        )
    )
    assert page.checked or not any(name in " ".join(titles.split()) for name in NAMES)


def test_a_role_name_stays_whole_at_every_width_of_a_phone_and_a_desktop(browser, subpath_site):
    """The home page and the oldest post, every 10 px from 320 to 1280: wherever a heading
    breaks, it breaks between whole role names."""
    page = browser.new_page()
    page.checked, split = 0, []
    for rel in ("", oldest_post(subpath_site)):
        page.goto(f"{subpath_site.siteurl}/{rel}")
        for width in range(320, 1281, 10):
            page.set_viewport_size({"width": width, "height": 900})
            split += [f"/{rel} at {width}px: {name}" for name in split_names(page)]
    page.close()
    assert not split, "\n".join(split)


def test_headings_are_balanced(browser, subpath_site):
    page = browser.new_page()
    page.goto(f"{subpath_site.siteurl}/{oldest_post(subpath_site)}")
    wraps = page.eval_on_selector_all(
        "main h1, main h2", "hs => hs.map(h => getComputedStyle(h).textWrap)"
    )
    page.close()
    assert wraps and all("balance" in w for w in wraps), wraps
