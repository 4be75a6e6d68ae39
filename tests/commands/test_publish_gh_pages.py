"""`invoke gh-pages` against a local bare repository standing in for GitHub."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURE_SITE, ROOT, invoke

COMMITTER = {"GIT_COMMITTER_NAME": "Splitsville Tests", "GIT_COMMITTER_EMAIL": "tests@example.org"}


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def gh_pages(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the task from a working repository, as a user in their clone would."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "gh-pages", *args],
        cwd=cwd,
        env={**os.environ, **COMMITTER},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def repos(tmp_path):
    """A bare repository (the remote) and an empty working repository that pushes to it."""
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    git("init", "--quiet", str(work), cwd=tmp_path)
    return remote, work


def published_files(remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", branch, cwd=remote).splitlines())


def built(site) -> set[str]:
    return {p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if p.is_file()}


def test_the_site_and_nojekyll_are_pushed_to_the_branch(fixture_site, repos):
    remote, work = repos
    result = gh_pages(
        "--output", str(fixture_site.root), "--remote", str(remote), "--push", cwd=work
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is on branch gh-pages, pushed to" in result.stdout
    # Everything `make publish` wrote, its build stamp too (tools/stamp.py says why).
    assert published_files(remote) == built(fixture_site) | {".nojekyll"}
    assert ".build-stamp.json" in published_files(remote)
    assert "CNAME" not in published_files(remote)
    index = git("show", "gh-pages:index.html", cwd=remote)
    assert index == fixture_site.read("index.html")
    # A second publish adds a commit on top: the branch keeps its history.
    gh_pages("--output", str(fixture_site.root), "--remote", str(remote), "--push", cwd=work)
    assert len(git("rev-list", "gh-pages", cwd=remote).split()) == 2


def test_a_cname_setting_is_published_and_other_branches_work(repos, tmp_path):
    remote, work = repos
    out = tmp_path / "output"
    result = invoke(
        "publish",
        "--output",
        str(out),
        "--content",
        str(FIXTURE_SITE),
        siteurl="https://www.splitsville.example",
        env={"CNAME": "www.splitsville.example"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "CNAME").read_text().strip() == "www.splitsville.example"
    assert "CNAME" not in (out / "sitemap.xml").read_text()
    args = ["--output", str(out), "--remote", str(remote), "--branch", "site", "--push"]
    assert gh_pages(*args, cwd=work).returncode == 0
    assert {"CNAME", ".nojekyll", "index.html"} <= published_files(remote, "site")
    assert git("show", "site:CNAME", cwd=remote).strip() == "www.splitsville.example"


def test_without_push_the_branch_is_only_committed_locally(fixture_site, repos):
    remote, work = repos
    result = gh_pages("--output", str(fixture_site.root), cwd=work)
    assert result.returncode == 0, result.stderr
    assert "push with `git push origin gh-pages`" in result.stdout
    assert "index.html" in git("ls-tree", "--name-only", "gh-pages", cwd=work)
    assert git("branch", "--list", cwd=remote) == ""


def test_nothing_built_and_a_bad_remote_each_say_one_clear_line(fixture_site, repos, tmp_path):
    remote, work = repos
    empty = gh_pages("--output", str(tmp_path / "nothing"), cwd=work)
    assert empty.returncode != 0
    assert empty.stderr.strip() == (
        f"gh-pages: {tmp_path / 'nothing'}/ holds no built site: run "
        "`SITEURL=https://<you>.github.io/<repo> make publish` (your site's address) first."
    )
    args = ["--output", str(fixture_site.root), "--remote", str(tmp_path / "no.git"), "--push"]
    bad = gh_pages(*args, cwd=work)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().endswith(
        f"gh-pages: pushing gh-pages to {tmp_path / 'no.git'} failed (git said why above)."
    )
