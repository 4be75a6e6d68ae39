"""The roles overview chart as a reader on a phone sees it, in light and dark mode."""

import pytest

pytestmark = pytest.mark.browser

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
  const labels = [...svg.querySelectorAll("g.axis text")].filter((t) => t.querySelector("tspan"));
  return {
    cells,
    labelSizes: labels.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale),
    labelsClear: labels.every((t) => t.getBBox().x + t.getBBox().width < firstCell),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_is_readable_on_a_phone(browser, subpath_site, scheme):
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme=scheme)
    page.goto(subpath_site.siteurl + "/roles/")
    result = page.evaluate(MEASURE)
    page.close()
    assert result["overflow"] <= 0, result["overflow"]
    assert result["labelsClear"], "a role name runs into the cells"
    assert min(result["labelSizes"]) >= 12, result["labelSizes"]
    assert len(result["cells"]) == 64
    for cell in result["cells"]:
        assert cell["size"] >= 11, cell
        assert cell["contrast"] >= 4.5, cell
