"""A preview never reaches production: `invoke serve` and `invoke build` write preview/, never
output/, and `invoke gh-pages` publishes only what `make publish` built for a real address.

These run the tasks with their default folders, so they run in a copy of the project (the
fixture site as its content/), never in the developer's own output/ and preview/.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import PREVIEW_WAIT, copy_project, fetch, free_port

COMMITTER = {"GIT_COMMITTER_NAME": "Splitsville Tests", "GIT_COMMITTER_EMAIL": "tests@example.org"}
WEB = "https://owner.example/site"


@pytest.fixture
def project(tmp_path) -> Path:
    """The project's code with the fixture site as content/: a clone, as its owner has it."""
    return copy_project(tmp_path)


def environment(siteurl: str | None) -> dict[str, str]:
    """The shell's environment, with SITEURL set to `siteurl`, or unset as in a fresh shell."""
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    return {**env, **COMMITTER, **({"SITEURL": siteurl} if siteurl is not None else {})}


def run(project: Path, *args: str, siteurl: str | None = None) -> subprocess.CompletedProcess:
    """One invoke task, run in the project as its owner would, with default folders."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        env=environment(siteurl),
        capture_output=True,
        text=True,
        timeout=300,
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path: its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def wait_for(server: subprocess.Popen, log: Path, url: str, text: str) -> str:
    deadline = time.monotonic() + PREVIEW_WAIT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped:\n{log.read_text()}"
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}:\n{log.read_text()}")


def test_serving_and_saving_a_post_leaves_the_production_build_byte_for_byte(project):
    published = run(project, "publish", siteurl=WEB)
    assert published.returncode == 0, published.stdout + published.stderr
    output = project / "output"
    before = tree(output)
    assert json.loads(before[".build-stamp.json"])["build"] == "production"

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = project / "serve.log"
    # SITEURL left exported after `make publish`, as in the owner's shell.
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
            cwd=project,
            env=environment(WEB),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(server, log, f"{url}/posts/a-published-post/", "A Published")
        post = project / "content" / "posts" / "published-post.md"
        post.write_text(post.read_text() + "\nSaved while serving.\n", encoding="utf-8")
        # The feed is written by the full build only, not by the quick preview.
        wait_for(server, log, f"{url}/feeds/all.atom.xml", "Saved while")  # then &nbsp;
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    assert tree(output) == before
    assert sorted(p.name for p in project.glob("output*")) == ["output"]
    preview = json.loads((project / "preview" / ".build-stamp.json").read_text())
    assert preview == {"build": "local", "settings": "pelicanconf.py", "siteurl": url}
    assert "Saved while" in (project / "preview" / "feeds" / "all.atom.xml").read_text()


def test_a_local_build_never_reaches_the_branch_and_a_production_build_does(project, tmp_path):
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    git("init", "--quiet", cwd=project)
    push = ["gh-pages", "--remote", str(remote), "--push"]
    fix = "run `SITEURL=https://<you>.github.io/<repo> make publish` (your site's address) first."

    def refused(result: subprocess.CompletedProcess, problem: str) -> None:
        assert result.returncode == 1, result.stdout + result.stderr
        assert result.stderr.strip().splitlines() == [f"gh-pages: {problem}: {fix}"]
        assert git("branch", "--list", cwd=remote) == "", "something reached the remote"

    # `make build; invoke gh-pages`: the preview is in preview/, and output/ holds nothing.
    assert run(project, "build").returncode == 0
    refused(run(project, *push), "output/ holds no built site")
    refused(
        run(project, *push, "--output", "preview"),
        "preview/ is a local build (drafts included, links to http://127.0.0.1:8000), "
        "not a production one",
    )
    # A local build sent to output/ on purpose is refused just the same.
    assert run(project, "build", "--output", "output").returncode == 0
    refused(
        run(project, *push),
        "output/ is a local build (drafts included, links to "
        "http://127.0.0.1:8000), not a production one",
    )
    # A production build without SITEURL is for the local default address.
    assert run(project, "publish").returncode == 0
    refused(
        run(project, *push),
        "output/ was built for http://127.0.0.1:8000, which only this machine reaches",
    )

    # The production build for the web is published, stamp and all, even after a later preview.
    assert run(project, "publish", siteurl=WEB).returncode == 0
    assert run(project, "build").returncode == 0
    result = run(project, *push)
    assert result.returncode == 0, result.stdout + result.stderr
    on_branch = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).splitlines())
    assert on_branch == set(tree(project / "output")) | {".nojekyll"}
    stamp = json.loads(git("show", "gh-pages:.build-stamp.json", cwd=remote))
    assert stamp == {"build": "production", "settings": "publishconf.py", "siteurl": WEB}
    assert "drafts/" not in " ".join(on_branch)
    assert len(git("rev-list", "gh-pages", cwd=remote).split()) == 1


@pytest.mark.parametrize("task", [["build", "--output", "output"], ["serve", "--output", "output"]])
def test_a_local_build_never_replaces_a_production_build(project, task):
    """Even pointed at output/ on purpose: output/ only ever holds what `make publish` made."""
    published = run(project, "publish", siteurl=WEB)
    assert published.returncode == 0, published.stdout + published.stderr
    before = tree(project / "output")
    if task[0] == "serve":
        task = [*task, "--port", str(free_port())]
    refused = run(project, *task, siteurl=WEB)
    assert refused.returncode == 1
    [line] = [ln for ln in refused.stderr.splitlines() if "holds a production build" in ln]
    assert line == (
        f"output/ holds a production build (`make publish`, for {WEB}): a local build never "
        "replaces it - build into preview/ (leave out --output) or another folder"
    )
    assert tree(project / "output") == before
