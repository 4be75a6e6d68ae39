"""The start-up checks of plugins/splitsville/build/checks.py, on plain data."""

from splitsville.build import checks


def test_all_listed_plugins_loaded_and_installed_is_fine():
    assert (
        checks.plugin_problems(
            expected=["splitsville", "pelican.plugins.sitemap"],
            loaded=["splitsville", "pelican.plugins.sitemap"],
            installed=["pelican.plugins.sitemap"],
        )
        == []
    )


def test_a_plugin_that_did_not_load_is_named():
    [problem] = checks.plugin_problems(["splitsville", "typo_plugin"], ["splitsville"], [])
    assert "'typo_plugin' did not load" in problem


def test_an_installed_plugin_missing_from_plugins_is_named():
    [problem] = checks.plugin_problems(["splitsville"], ["splitsville"], ["pelican.plugins.series"])
    assert "'pelican.plugins.series' is installed but not in PLUGINS" in problem


def test_short_and_long_plugin_names_are_the_same_plugin():
    assert (
        checks.plugin_problems(["series"], ["pelican.plugins.series"], ["pelican.plugins.series"])
        == []
    )


def test_autoescape_must_be_on():
    assert checks.jinja_problems({"autoescape": True}) == []
    assert checks.jinja_problems({}) and checks.jinja_problems({"autoescape": False})


def test_drafts_may_only_be_written_outside_production():
    settings = {"DRAFT_SAVE_AS": "drafts/{slug}/index.html", "DRAFT_PAGE_SAVE_AS": ""}
    assert checks.draft_problems(settings, production=False) == []
    [problem] = checks.draft_problems(settings, production=True)
    assert problem.startswith("DRAFT_SAVE_AS is 'drafts/{slug}/index.html'")


def test_templates_of_switched_off_outputs():
    on = {"CATEGORY_SAVE_AS": "c/{slug}/", "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/"}
    off = checks.switched_off_templates(on)
    assert "category" not in off and "period_archives" not in off
    assert {"author", "authors", "categories"} <= set(off)
    assert set(checks.switched_off_templates({})) == set(checks.TEMPLATE_OUTPUTS)
