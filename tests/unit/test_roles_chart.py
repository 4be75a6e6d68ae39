"""The co-occurrence chart of plugins/splitsville/roles/chart.py: valid, labelled, escaped SVG."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from splitsville.roles import chart
from splitsville.roles import vocabulary as roles

REAL = roles.load_vocabulary(Path(__file__).resolve().parents[2] / "content" / "roles.toml")

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


def test_the_real_roles_fit_a_phone_screen_at_almost_full_size():
    """At 390 px the column is 350 px wide: the chart must not shrink its text much below 13 px."""
    names = [role.name for role in REAL]
    svg = draw(names, [[0] * len(names) for _ in names])
    assert int(svg.get("width")) <= 370
