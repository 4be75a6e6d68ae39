"""The one order among the plugin's handlers that matters (plugins/splitsville/__init__.py):
the build drops a production build's drafts before the roles feature checks posts' tags."""

import os
import shutil
import subprocess

from helpers import FIXTURE_SITE, ROOT
from tools.build import pelican_command

DRAFT = (
    "Title: A Draft About Another Role\nDate: 2026-01-20 10:00\nTags: Chief Vibes Officer\n"
    "Summary: Not published yet.\nStatus: draft\n\nA role the vocabulary does not have yet.\n"
)


def pelican(settings: str, content, output) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITEURL": "https://order.example"}
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
