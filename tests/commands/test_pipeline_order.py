"""The orders in a build that matter: the build drops a production build's drafts before the
roles feature checks posts' tags (plugins/splitsville/__init__.py), and Pelican says its posts'
pages are written (for the search index to start on) only once they are, and before it ends."""

import os
import shutil
import subprocess

from splitsville.common import POSTS_WRITTEN

from helpers import FIXTURE_SITE, ROOT
from tools.build import pelican_command

DRAFT = (
    "Title: A Draft About Another Role\nDate: 2026-01-20 10:00\nTags: Chief Vibes Officer\n"
    "Summary: Not published yet.\nStatus: draft\n\nA role the vocabulary does not have yet.\n"
)


def pelican(settings: str, content, output, **more) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITEURL": "https://order.example", **more}
    command = pelican_command(settings, output, str(content))
    return subprocess.run(
        command.split(), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_production_drops_drafts_before_anything_reads_them(tmp_path):
    """Pelican itself, without `invoke check` in front (which refuses the unknown role in any
    post): were the roles feature connected first, it would stop on the draft's tags."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    (content / "posts" / "another-role.md").write_text(DRAFT, encoding="utf-8")
    # A local build previews drafts, so it checks the draft's roles and stops on the unknown one...
    local = pelican("pelicanconf.py", content, tmp_path / "local")
    assert local.returncode != 0
    assert "unknown role 'Chief Vibes Officer'" in local.stdout + local.stderr
    # ...while production drops drafts first: the same content builds, without the draft.
    production = pelican("publishconf.py", content, tmp_path / "production")
    assert production.returncode == 0, production.stdout + production.stderr
    assert (tmp_path / "production" / "index.html").is_file()
    assert not list((tmp_path / "production").rglob("*another-role*"))
    assert "Chief Vibes" not in (tmp_path / "production" / "index.html").read_text("utf-8")


def test_pelican_says_the_posts_are_written_after_the_last_post_and_before_the_end(tmp_path):
    told = tmp_path / "posts-written"
    built = pelican("publishconf.py", FIXTURE_SITE, tmp_path / "out", **{POSTS_WRITTEN: str(told)})
    assert built.returncode == 0, built.stdout + built.stderr
    posts = list((tmp_path / "out" / "posts").glob("*/index.html"))
    assert posts
    said = told.stat().st_mtime_ns
    assert max(post.stat().st_mtime_ns for post in posts) <= said
    # The sitemap, written as Pelican finishes, comes after it.
    assert said <= (tmp_path / "out" / "sitemap.xml").stat().st_mtime_ns
    # Without the variable (Pelican run by hand), nothing is written beside the build.
    alone = pelican("publishconf.py", FIXTURE_SITE, tmp_path / "alone")
    assert alone.returncode == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["alone", "out", "posts-written"]
