"""The essay page's weight: its HTML and all it loads, each file gzipped as a server would.

The measurement is tools/weight.py's, the one `invoke weight` prints.
"""

from tools.weight import BUDGET, ESSAY, essay_weight, summary


def test_essay_page_with_everything_it_loads_is_within_budget(site):
    sizes = essay_weight(site.root, site.siteurl)
    # A new asset must be counted too.
    assert sorted(sizes) == sorted([ESSAY, "favicon.svg", "theme/css/main.css"])
    total = sum(sizes.values())
    print("\n" + summary(sizes))  # the figure, file by file, with pytest -s
    assert total <= BUDGET, f"{total} bytes gzip is over the {BUDGET}-byte budget: {sizes}"
