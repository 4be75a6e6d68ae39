"""The roles overview chart as a reader on a phone sees it, in light and dark mode: the real
site's, and one of 16 roles (tests/fixtures/many-roles), which must scroll in its own box
rather than shrink its labels or widen the page."""

import shutil

import pytest
from splitsville.roles import vocabulary

from helpers import AXE, FIXTURE_SITE, ROOT, build_site, free_port, serve

pytestmark = pytest.mark.browser

MANY_ROLES = ROOT / "tests" / "fixtures" / "many-roles"

# For each cell's number: its rendered font size, whether it sits inside its cell, and the
# WCAG contrast of its colour against the cell's fill blended over the page background.
MEASURE = """() => {
  const rgb = (css) => css.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const lin = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const svg = document.querySelector("svg.role-chart");
  const page = rgb(getComputedStyle(document.body).backgroundColor);
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const rects = [...svg.querySelectorAll("rect")];
  const cells = [...svg.querySelectorAll("g.cells text")].map((text, i) => {
    const style = getComputedStyle(rects[i]);
    const alpha = style.fill === "none" ? 0 : Number(style.fillOpacity);
    const fill = style.fill === "none" ? page : rgb(style.fill);
    const behind = fill.map((c, k) => alpha * c + (1 - alpha) * page[k]);
    const ink = lum(rgb(getComputedStyle(text).fill));
    const back = lum(behind);
    return {
      contrast: (Math.max(ink, back) + 0.05) / (Math.min(ink, back) + 0.05),
      size: parseFloat(getComputedStyle(text).fontSize) * scale,
    };
  });
  const firstCell = rects[0].getBBox().x;
  const box = svg.parentElement;
  const labels = [...svg.querySelectorAll("g.axis text")].filter((t) => t.querySelector("tspan"));
  return {
    cells,
    labelSizes: labels.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale),
    labelsClear: labels.every((t) => t.getBBox().x + t.getBBox().width < firstCell),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    boxScrolls: box.scrollWidth > box.clientWidth,
    box: {role: box.getAttribute("role"), tabindex: box.tabIndex, name: box.ariaLabel},
    rows: labels.length,
  };
}"""


def measure(browser, url: str, scheme: str, width: int = 390) -> dict:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    result = page.evaluate(MEASURE)
    page.close()
    return result


def assert_legible(result: dict) -> None:
    assert result["overflow"] <= 0, result["overflow"]  # the page never scrolls sideways
    assert result["labelsClear"], "a role name runs into the cells"
    assert min(result["labelSizes"]) >= 12, result["labelSizes"]
    for cell in result["cells"]:
        assert cell["size"] >= 11, cell
        assert cell["contrast"] >= 4.5, cell
    # The box the chart may scroll in: a region a keyboard reaches, with a name.
    assert result["box"] == {
        "role": "region",
        "tabindex": 0,
        "name": "Chart: Which roles are written about together",
    }


@pytest.fixture(scope="module")
def many_roles(tmp_path_factory):
    """tests/fixtures/many-roles (16 roles, all with posts) with the fixture site's pages, built
    and served at the root of http://127.0.0.1:<port>."""
    tmp = tmp_path_factory.mktemp("many-roles")
    content = tmp / "content"
    shutil.copytree(MANY_ROLES, content)
    for name in ("pages", "extra"):
        shutil.copytree(FIXTURE_SITE / name, content / name)
    port = free_port()
    built = build_site(tmp, f"http://127.0.0.1:{port}", content=content)
    with serve(built.root, port):
        yield built


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_is_readable_on_a_phone(browser, subpath_site, scheme):
    """The real roles, however many the owner has: one row and column per role with posts."""
    result = measure(browser, subpath_site.siteurl + "/roles/", scheme)
    assert_legible(result)
    real = vocabulary.load_vocabulary(ROOT / "content" / "roles.toml")
    with_posts = [r for r in real if (subpath_site.root / "roles" / r.slug).is_dir()]
    assert result["rows"] == len(with_posts) and len(result["cells"]) == len(with_posts) ** 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_chart_of_16_roles_scrolls_in_its_box_with_full_size_labels(browser, many_roles, scheme):
    result = measure(browser, many_roles.siteurl + "/roles/", scheme)
    assert_legible(result)
    assert result["rows"] == 16 and len(result["cells"]) == 16 * 16
    assert result["boxScrolls"]  # 16 roles are wider than a phone: the box scrolls, not the page
    assert max(result["labelSizes"]) < 12.5  # and it scrolls rather than drawing them large
    wide = measure(browser, many_roles.siteurl + "/roles/", scheme, width=1280)
    assert_legible(wide)
    assert not wide["boxScrolls"]  # on a wide screen the whole chart shows at once


def test_a_chart_of_16_roles_passes_axe(browser, many_roles):
    page = browser.new_page()
    page.goto(many_roles.siteurl + "/roles/")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through DevTools: the CSP refuses a tag
    found = {}
    for scheme in ["light", "dark"]:
        for width in [390, 1280]:
            page.set_viewport_size({"width": width, "height": 844})
            page.emulate_media(color_scheme=scheme)
            found[f"{scheme} {width}"] = page.evaluate(
                "async () => (await axe.run(document, {rules: {'target-size': {enabled: true}}}))"
                ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))"
            )
    page.close()
    assert found == {key: [] for key in found}


# The focused link of the chart or the table: its address and name, the focus it shows (the
# chart's cell outlined in the focus colour, the table's link its outline), in view in its box.
FOCUSED = """() => {
  const a = document.activeElement;
  const rect = a.querySelector("rect");
  const style = getComputedStyle(rect || a);
  const focus = getComputedStyle(document.documentElement).getPropertyValue("--focus").trim();
  const probe = document.createElement("i");
  probe.style.color = focus;
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return {
    href: a.getAttribute("href"),
    name: a.getAttribute("aria-label"),
    shown: rect
      ? style.stroke === colour && parseFloat(style.strokeWidth) >= 2
      : style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    visible: (() => {
      const r = a.getBoundingClientRect(), box = a.closest("[role=region]").getBoundingClientRect();
      return r.right > box.left && r.left < box.right;  // scrolled into its box's view
    })(),
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_tab_reaches_every_linked_cell_of_chart_and_table_with_visible_focus(
    browser, many_roles, scheme, width
):
    """From each box, Tab walks its linked cells in reading order, each named, outlined and
    brought into view in its box (16 roles scroll); the chart's links are the table's."""
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(color_scheme=scheme)
    page.goto(many_roles.siteurl + "/roles/")
    walked = {}
    for box, links in [(".chart-scroll", "svg a"), (".table-scroll", "td a")]:
        expected = page.eval_on_selector_all(
            f"{box} {links}", "as => as.map(a => [a.getAttribute('href'), a.ariaLabel])"
        )
        assert len(expected) > 40, box
        expected = expected[:40]  # the first rows and a half: past a scroll of the box at 390
        page.focus(box)
        walked[box] = []
        for _ in expected:
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            assert focused["shown"] and focused["visible"], (box, focused)
            walked[box].append([focused["href"], focused["name"]])
        assert walked[box] == expected, box
    page.close()
    assert walked[".chart-scroll"] == walked[".table-scroll"]


def test_assistive_tech_meets_the_chart_as_a_named_group_of_named_links(browser, subpath_site):
    """The accessibility tree Chromium builds: the chart a group named by its title, holding
    only its links, each named for its roles and count; the axes' labels are left out."""
    page = browser.new_page()
    page.goto(subpath_site.siteurl + "/roles/")
    tree = page.locator("figure.role-chart-figure").aria_snapshot()
    labels = page.eval_on_selector_all("svg.role-chart a", "as => as.map(a => a.ariaLabel)")
    page.close()
    lines = [line.strip() for line in tree.splitlines()]
    assert lines[2] == '- group "Which roles are written about together":'
    named = [
        line for line in lines[3:] if line.startswith("- 'link ") or line.startswith("- link ")
    ]
    assert [line.split('"')[1] for line in named] == labels
    # Beside the links, nothing but their addresses and the numbers they hold.
    rest = [line for line in lines[3:] if line not in named]
    assert all(line.startswith(("- /url: ", "- text:")) for line in rest), rest
    assert all(
        line.removeprefix("- text: ").strip('"').isdigit() for line in rest if "text" in line
    )
