"""plugins/splitsville/common.py: the facts the plugin and the tools share."""

from pathlib import Path

import pytest
from splitsville import common

ROOT = Path(__file__).resolve().parents[2]


def test_a_path_is_shown_relative_inside_the_base_and_as_given_outside(tmp_path):
    assert common.shown(ROOT / "content" / "roles.toml", ROOT) == "content/roles.toml"
    assert common.shown(tmp_path / "roles.toml", ROOT) == str(tmp_path / "roles.toml")


def test_post_files_are_markdown_under_posts_in_a_stable_order(tmp_path):
    posts = tmp_path / "posts" / "2026"
    posts.mkdir(parents=True)
    for name in ("b.md", "a.MARKDOWN", "notes.txt", "c.mdown"):
        (posts / name).write_text("x", encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "about.md").write_text("x", encoding="utf-8")
    assert [p.name for p in common.post_files(tmp_path)] == ["a.MARKDOWN", "b.md", "c.mdown"]
    assert common.post_files(tmp_path / "missing") == []


def test_workers_zero_means_one_per_core():
    assert common.workers({"SPLITSVILLE": {"workers": 1}}) == 1
    assert common.workers({"SPLITSVILLE": {"workers": 3}}) == 3
    assert common.workers({"SPLITSVILLE": {"workers": 0}}) >= 1
    assert common.workers({}) == common.workers({"SPLITSVILLE": {"workers": 0}})


def test_each_speed_mechanism_switches_off_by_the_environment_or_the_settings(monkeypatch):
    monkeypatch.delenv("SPLITSVILLE_OFF", raising=False)
    assert all(common.speed_on(name) for name in common.SPEED_MECHANISMS)
    assert not common.speed_on("render_cache", {"SPLITSVILLE": {"render_cache": False}})
    assert common.speed_on("content_cache", {"SPLITSVILLE": {"render_cache": False}})
    monkeypatch.setenv("SPLITSVILLE_OFF", " render_cache, lint_cache ")
    assert [n for n in common.SPEED_MECHANISMS if not common.speed_on(n)] == [
        "lint_cache",
        "render_cache",
    ]
    monkeypatch.setenv("SPLITSVILLE_OFF", "render-cache")
    with pytest.raises(common.SettingsError, match="SPLITSVILLE_OFF names render-cache: use"):
        common.speed_on("render_cache")
