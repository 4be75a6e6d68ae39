"""The render cache (plugins/splitsville/build/render_cache.py): a rebuild renders only the
pages whose inputs changed, and is byte for byte a clean build of the same source, whatever
was edited: a post's title, roles, date or body, a role, a template, a setting."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from splitsville.build.render_cache import INDEX
from splitsville.common import SPEED_MECHANISMS

from helpers import copy_project, same_tree

POST = "posts/published-post.md"  # has a Summary: no other page shows its body
RENDERED = re.compile(r"Rendering (\d+) of (\d+) pages \((\d+) from the cache\)")


@pytest.fixture
def project(tmp_path) -> Path:
    """The project's code and theme with the fixture site as content/: edits stay in the copy."""
    return copy_project(tmp_path)


class Builds:
    """`invoke publish` in the project: warm builds share one cache, clean ones start empty."""

    def __init__(self, project: Path):
        self.project, self.count = project, 0

    def build(self, cache: str = "cache", **env: str) -> tuple[Path, tuple[int, int]]:
        """The output folder and (pages rendered, pages from the cache)."""
        self.count += 1
        out = self.project.parent / f"out-{self.count}"
        env = {"SITEURL": "https://render.example", **env}
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "publish", "--output", str(out)],
            cwd=self.project,
            env={**_environment(), "SPLITSVILLE_CACHE_PATH": str(self.project / cache), **env},
            capture_output=True,
            text=True,
            timeout=600,
        )
        log = result.stdout + result.stderr
        assert result.returncode == 0, log
        found = RENDERED.search(log)
        assert found, log
        rendered, total, cached = map(int, found.groups())
        assert rendered + cached == total
        return out, (rendered, cached)

    def clean(self, **env: str) -> Path:
        shutil.rmtree(self.project / "clean-cache", ignore_errors=True)
        return self.build("clean-cache", **env)[0]


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SPLITSVILLE")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_renders_only_what_changed_and_equals_a_clean_build(project):
    builds = Builds(project)
    first, (rendered, cached) = builds.build()
    total = rendered + cached
    assert (rendered, cached) == (total, 0) and total > 10
    again, counts = builds.build()
    assert counts == (0, total)
    same_tree(first, again)

    post = project / "content" / POST
    # The body: only the post's own page shows it; every other page comes from the cache.
    post.write_text(post.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    warm, counts = builds.build()
    assert counts == (1, total - 1)
    same_tree(warm, builds.clean())

    # What lists show: every page that lists the post (here, every page) is rendered again.
    for old, new in [
        ("Title: A Published Post", "Title: A Retitled Post"),
        ("Tags: Project Manager", "Tags: Project Manager, Account Manager"),
        ("Date: 2026-01-05 10:00", "Date: 2026-01-04 09:00"),
    ]:
        edit(post, old, new)
        warm, (rendered, _) = builds.build()
        assert rendered > 1, old
        same_tree(warm, builds.clean())


def test_a_post_linking_another_follows_it_when_the_other_moves(project):
    builds = Builds(project)
    builds.build()
    other = project / "content" / "posts" / "aliases.md"
    other.write_text(
        other.read_text(encoding="utf-8") + "\nSee [the post]({filename}published-post.md).\n",
        "utf-8",
    )
    warm, _ = builds.build()
    same_tree(warm, builds.clean())
    # The linked post gets another address: the page linking it shows the new one.
    edit(
        project / "content" / POST, "Date: 2026-01-05 10:00", "Date: 2026-01-05 10:00\nSlug: moved"
    )
    warm, (rendered, _) = builds.build()
    assert rendered > 1
    page = next(warm.glob("posts/*alias*/index.html")).read_text(encoding="utf-8")
    assert "/posts/moved/" in page
    same_tree(warm, builds.clean())


@pytest.mark.parametrize("change", ["role", "template", "setting"])
def test_what_every_page_is_made_of_renders_them_again_as_a_clean_build(project, change):
    builds = Builds(project)
    _, (total, _) = builds.build()
    if change == "role":
        edit(project / "content" / "roles.toml", "owns the relationship", "keeps the client")
    elif change == "template":
        footer = project / "theme" / "templates" / "partials" / "footer.html"
        edit(footer, '<footer class="site-footer">', '<footer class="site-footer" id="end">')
    else:
        edit(project / "pelicanconf.py", "DEFAULT_PAGINATION = 10", "DEFAULT_PAGINATION = 2")
    warm, (rendered, cached) = builds.build()
    assert cached == 0 and rendered >= total
    same_tree(warm, builds.clean())


def test_a_damaged_entry_is_a_miss_and_the_switch_turns_the_cache_off(project):
    builds = Builds(project)
    first, (total, _) = builds.build()
    (path,) = (project / "cache" / "render").glob(f"*/{INDEX}")
    index = json.loads(path.read_bytes())
    assert len(index) == total  # here one call of the writer writes one page
    keys = sorted(index)
    listed = {key: index[key]["files"] for key in keys}
    # Blobs only one entry lists, of the same size but other bytes: their pages are misses.
    shas = [sha for files in listed.values() for *_, sha, _ in files]
    only = [(key, sha) for key in keys[-2:] for *_, sha, _ in listed[key] if shas.count(sha) == 1]
    (_, replaced), (_, in_place) = only[-1], only[0]
    blob = path.parent / "blobs" / replaced
    data = blob.read_bytes()
    blob.unlink()  # a new file: the first build's page is a link to the old one
    blob.write_bytes(data[::-1])
    # Written through: the first build's page changes too (as an editor saving in place
    # would), and its new modification time makes the next build check the blob's bytes.
    blob = path.parent / "blobs" / in_place
    data = blob.read_bytes()
    with open(blob, "r+b") as through:
        through.write(data[::-1])
    index[keys[0]]["files"][0][2] += 1  # a size its checksum does not match
    index[keys[1]] = "not an entry"
    path.write_text(json.dumps(index))
    again, counts = builds.build()
    assert counts == (4, total - 4)
    same_tree(builds.clean(), again)
    # A page from the cache is a link to its blob, not a copy.
    name = listed[keys[2]][0][0]
    assert (again / name).stat().st_nlink > 1

    shutil.rmtree(project / "cache" / "render")
    off, counts = builds.build(SPLITSVILLE_OFF="render_cache")
    assert counts == (total, 0)
    assert not (project / "cache" / "render").exists()
    same_tree(again, off)  # not `first`: one of its pages was written through, above


def test_every_speed_mechanism_off_builds_the_same_site(project):
    builds = Builds(project)
    first, _ = builds.build()
    everything = ",".join(name for name in SPEED_MECHANISMS if name != "render_cache")
    off = project.parent / "off"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(off)],
        cwd=project,
        env={
            **_environment(),
            "SITEURL": "https://render.example",
            "SPLITSVILLE_CACHE_PATH": str(project / "cache"),
            "SPLITSVILLE_OFF": f"{everything},render_cache",
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert re.search(r"Reading (\d+) of \1 articles", log)  # no content cache
    assert not RENDERED.search(log)  # nothing held back: written as Pelican writes
    assert re.search(r"search: \d+ shard\(s\) indexed, 0 reused", log)  # and indexed again
    same_tree(first, off)
