"""The co-occurrence chart of plugins/splitsville/roles/chart.py: valid, labelled, escaped SVG."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from splitsville.roles import chart
from splitsville.roles import vocabulary as roles

ROOT = Path(__file__).resolve().parents[2]
REAL = roles.load_vocabulary(ROOT / "content" / "roles.toml")
MANY = roles.load_vocabulary(ROOT / "tests" / "fixtures" / "many-roles" / "roles.toml")

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["Project Manager", "Account Manager", "Director of Client Services"]
MATRIX = [[3, 2, 0], [2, 4, 1], [0, 1, 1]]
# Role names as TOML can hold them: any printable text, markup characters included.
name_text = st.text(
    st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\x85"), min_size=1
).filter(str.strip)


def draw(names=NAMES, matrix=MATRIX) -> ET.Element:
    return ET.fromstring(chart.co_occurrence_svg(names, matrix, "T <1>", "D & 2", "c"))


def cells(svg: ET.Element) -> list[int]:
    return [int(t.text) for t in svg.find(f"{SVG}g[@class='cells']").iter(f"{SVG}text")]


def test_labelled_for_assistive_technology():
    svg = draw()
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").get("id") == svg.get("aria-labelledby") == "c-title"
    assert svg.find(f"{SVG}desc").get("id") == svg.get("aria-describedby") == "c-desc"
    assert svg.find(f"{SVG}title").text == "T <1>" and svg.find(f"{SVG}desc").text == "D & 2"


def test_linked_cells_are_named_links_of_a_group_the_rest_hidden():
    links = [
        [("/a?x=1&y=2", f'cell "{i}{j}"') if count else None for j, count in enumerate(row)]
        for i, row in enumerate(MATRIX)
    ]
    svg = ET.fromstring(chart.co_occurrence_svg(NAMES, MATRIX, "T", "D", "c", links=links))
    # An image's content is presentational: a chart of links is a group (named the same way).
    assert svg.get("role") == "group" and svg.get("aria-labelledby") == "c-title"
    anchors = svg.find(f"{SVG}g[@class='cells']").findall(f"{SVG}a")
    expected = [link for row in links for link in row if link]
    assert [(a.get("href"), a.get("aria-label")) for a in anchors] == expected  # unescaped back
    for a in anchors:  # each link holds its cell and its number
        assert [child.tag for child in a] == [f"{SVG}rect", f"{SVG}text"]
    assert cells(svg) == [count for row in MATRIX for count in row]
    # What assistive tech meets is the links' names: the axes and bare zeros are hidden.
    assert svg.find(f"{SVG}g[@class='axis']").get("aria-hidden") == "true"
    bare = svg.find(f"{SVG}g[@class='cells']").findall(f"{SVG}text")
    assert [t.text for t in bare] == ["0", "0"]
    assert all(t.get("aria-hidden") == "true" for t in bare)


def test_links_must_have_the_matrix_shape():
    with pytest.raises(ValueError):
        chart.co_occurrence_svg(NAMES, MATRIX, "T", "D", "c", links=[[None] * 3] * 2)


def test_one_cell_per_pair_with_its_count_row_by_row():
    svg = draw()
    assert cells(svg) == [count for row in MATRIX for count in row]
    assert len(svg.findall(f".//{SVG}rect")) == 9
    assert len(svg.findall(f".//{SVG}rect[@class='cell self']")) == 3


def test_rows_are_named_and_columns_numbered():
    axis = draw().find(f"{SVG}g[@class='axis']")
    labels = [
        " ".join(t.text for t in text.iter(f"{SVG}tspan"))
        for text in axis.findall(f"{SVG}text")
        if text.find(f"{SVG}tspan") is not None
    ]
    assert labels == ["Project Manager", "Account Manager", "Director of Client Services"]
    numbers = [t.text for t in axis.findall(f"{SVG}text") if t.find(f"{SVG}tspan") is None]
    assert numbers == ["1", "2", "3", "1", "2", "3"]  # across the top, then down the left


@given(st.lists(name_text, min_size=1, max_size=5))
def test_any_name_is_escaped_and_reads_back_unchanged(names):
    matrix = [[1] * len(names) for _ in names]
    svg = draw(names, matrix)  # ET raises on markup that is not well formed
    rows = [
        "".join(t.text or "" for t in text.iter(f"{SVG}tspan"))
        for text in svg.find(f"{SVG}g[@class='axis']").findall(f"{SVG}text")
        if text.find(f"{SVG}tspan") is not None
    ]
    assert ["".join(row.split()) for row in rows] == ["".join(name.split()) for name in names]


def test_colours_come_from_css_classes_not_literals():
    markup = chart.co_occurrence_svg(NAMES, MATRIX, "t", "d", "c")
    assert "#" not in markup and "fill=" not in markup and "style=" not in markup


def test_shades_grow_with_the_count_and_keep_text_readable():
    shades = [chart.shade(count, 10) for count in range(11)]
    assert shades[0] == (0.0, "ink")
    opacities = [opacity for opacity, _ in shades]
    assert opacities == sorted(opacities) and opacities[-1] == 1.0
    for opacity, ink in shades[1:]:
        # Dark text only on a light tint, light text only on a strong one: nothing in between.
        assert (ink == "ink" and opacity <= 0.45) or (ink == "ink-on-strong" and opacity >= 0.85)


def test_the_diagonal_is_not_shaded_and_does_not_set_the_scale():
    svg = draw(NAMES[:2], [[9, 1], [1, 9]])
    rects = svg.findall(f".//{SVG}rect")
    assert [r.get("fill-opacity") for r in rects] == ["0", "1", "1", "0"]


def test_a_matrix_that_does_not_fit_the_names():
    with pytest.raises(ValueError):
        chart.co_occurrence_svg(NAMES, [[1, 2], [2, 1]], "t", "d", "c")


@pytest.mark.parametrize(
    "name, lines",
    [
        ("Strategist", ["Strategist"]),
        ("Director of Client Services", ["Director of Client", "Services"]),
        (
            "A very long role name that goes on and on",
            ["A very long role", "name that goes on and on"],
        ),
        ("Supercalifragilisticexpialidocious", ["Supercalifragilisticexpialidocious"]),
    ],
)
def test_labels_wrap_onto_two_lines_at_most_without_breaking_words(name, lines):
    assert chart.wrap_label(name) == lines


def label_size(svg: ET.Element) -> float:
    """The labels' size in px when the chart is shown at its own size (roles.css's smallest)."""
    return int(svg.get("width")) / float(svg.get("viewBox").split()[2]) * chart.FONT


def right_numbers(svg: ET.Element) -> list[str]:
    axis = svg.find(f"{SVG}g[@class='axis']")
    return [t.text for t in axis.findall(f"{SVG}text[@text-anchor='end']")]


@pytest.mark.parametrize("count", range(1, 17))
def test_any_number_of_roles_is_drawn_with_labels_of_12_px_at_least(count):
    """However many roles (the real ones, or 16 long names): at its own size, the smallest it is
    shown, the chart's labels are 12 px and its width and height keep the viewBox's shape."""
    for vocabulary in (REAL, MANY):
        names = [role.name for role in vocabulary][:count]
        svg = draw(names, [[0] * len(names) for _ in names])
        _, _, width, height = map(int, svg.get("viewBox").split())
        assert chart.SMALLEST <= label_size(svg) < chart.SMALLEST + 0.05, names
        assert int(svg.get("height")) == chart.shown_width(height)


def test_eight_roles_fit_a_phone_column_without_scrolling():
    """The fixture's first eight (the sample site's roles): no wider than a 390 px phone's
    column, so no right-hand numbers."""
    names = [role.name for role in MANY][:8]
    svg = draw(names, [[0] * 8 for _ in names])
    assert svg.get("viewBox") == "0 0 362 312" and svg.get("width") == "335"
    assert int(svg.get("width")) <= chart.PHONE_COLUMN and right_numbers(svg) == []


def test_a_chart_wider_than_a_phone_repeats_the_row_numbers_on_the_right():
    names = [role.name for role in MANY]
    svg = draw(names, [[0] * 16 for _ in names])
    assert svg.get("viewBox") == "0 0 625 600" and (svg.get("width"), svg.get("height")) == (
        "577",
        "554",
    )
    assert right_numbers(svg) == [str(n) for n in range(1, 17)]
    assert right_numbers(draw()) == []  # three roles fit


def test_the_label_column_is_wide_enough_for_the_widest_glyphs():
    """Widths are upper bounds of DejaVu Sans's (the widest usual fallback font)."""
    assert chart.text_width("Client Relationship") * 13 >= 130  # DejaVu Sans: 130 px
    assert chart.text_width("Development Manager") * 13 >= 148.7  # measured in Chromium
    assert chart.text_width("\u9879\u76ee") == 2  # CJK: a full em each


def test_the_chart_scrolls_in_a_named_focusable_region():
    markup = chart.scroll_region("<svg/>", 'Chart: "A" & B')
    region = ET.fromstring(markup)
    assert region.get("role") == "region" and region.get("tabindex") == "0"
    assert region.get("aria-label") == 'Chart: "A" & B'
    assert region.get("class") == "chart-scroll" and region.find("svg") is not None
