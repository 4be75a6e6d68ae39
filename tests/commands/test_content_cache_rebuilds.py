"""The content cache: a rebuild reads only changed posts, and builds exactly what a clean build
would; settings, theme, plugin and role vocabulary changes start afresh (build/content_cache.py)."""

import re
import shutil

import pytest

from helpers import FIXTURE_SITE, invoke, same_tree


def reads(log: str) -> tuple[int, int]:
    """(posts read, posts in all) from the plugin's 'Reading N of M articles' line."""
    found = re.search(r"Reading (\d+) of (\d+) articles", log)
    assert found, log
    return int(found[1]), int(found[2])


@pytest.fixture
def project(tmp_path):
    """A copy of the fixture site's content and of the theme, with a cache of its own."""
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    return tmp_path


def build(project, name: str, cache: str = "cache", env: dict | None = None):
    out = project / name
    result = invoke(
        "publish",
        "--content",
        str(project / "content"),
        "--output",
        str(out),
        siteurl="https://cache.example",
        env={"SPLITSVILLE_CACHE_PATH": str(project / cache), **(env or {})},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout + result.stderr


def test_a_rebuild_reads_only_the_changed_post_and_equals_a_clean_build(project):
    first, log = build(project, "first")
    read, total = reads(log)
    assert read == total > 3
    again, log = build(project, "again")
    assert reads(log) == (0, total)
    same_tree(first, again)

    post = next((project / "content" / "posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + '\nOne more "quoted" line.\n', "utf-8")
    edited, log = build(project, "edited")
    assert reads(log) == (1, total)
    clean, log = build(project, "clean", cache="other-cache")
    assert reads(log) == (total, total)
    same_tree(edited, clean)


@pytest.mark.parametrize("change", ["roles", "settings"])
def test_what_shapes_every_post_starts_the_cache_afresh(project, change):
    build(project, "first")
    env = {}
    if change == "roles":
        vocabulary = project / "content" / "roles.toml"
        vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "\n", "utf-8")
    else:
        env = {"SPLITSVILLE_WORKERS": "1"}  # any setting: it is part of the fingerprint
    _, log = build(project, "second", env=env)
    read, total = reads(log)
    assert read == total
