"""Every command of the project, as a table of contents: each task one call into tools/.

`invoke --list` is the help page; the Makefile only bootstraps .venv. What runs around Pelican
(the atomic build, search index, link check, preview server...) lives in tools/, one module each.
"""

from pathlib import Path

from invoke import task

import tools.bench
import tools.build
import tools.check
import tools.gh_pages
import tools.install
import tools.new_post
import tools.serve
import tools.testing
import tools.weight
from tools import OUTPUT, PREVIEW

BUILD_HELP = {"output": "folder to build into (default: preview/)", "content": "content folder"}
PUBLISH_HELP = {**BUILD_HELP, "output": "folder to build into (default: output/)"}


@task(help=BUILD_HELP)
def build(c, output=str(PREVIEW), content="content"):
    """Build a local preview with pelicanconf.py (drafts included) into preview/."""
    tools.build.build_atomically(c, "pelicanconf.py", Path(output), content)


@task(help=PUBLISH_HELP)
def publish(c, output=str(OUTPUT), content="content"):
    """Check the posts, then build the production site into output/ (address: $SITEURL)."""
    tools.build.publish(c, Path(output), content)


@task(help={"content": "content folder to check (default: content/)"})
def check(c, content="content"):
    """Lint every post: one line per problem (file:line: problem - fix); fails if there is any."""
    tools.check.check(Path(content))


@task(
    aliases=["livereload"],
    help={
        "port": f"port on 127.0.0.1 (default {tools.serve.PORT})",
        "content": "content folder to watch and build",
        "output": "folder to build into and serve (default: preview/)",
    },
)
def serve(c, port=tools.serve.PORT, content="content", output=str(PREVIEW)):
    """Build, serve at http://127.0.0.1:8000 and rebuild + reload the browser on every change."""
    tools.serve.serve(c, int(port), content, Path(output))


@task(
    help={
        "title": "the post's title, in quotes (required)",
        "tags": 'its roles, comma-separated: "Project Manager, Account Manager" (required)',
        "content": "content folder (default: content/)",
    }
)
def new_post(c, title="", tags="", content="content"):
    """Start a draft post in content/posts/ with every metadata line filled in; print its path."""
    tools.new_post.new_post(title, tags, content)


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
    tools.gh_pages.gh_pages(c, Path(output), remote, branch, push)


@task
def clean(c):
    """Remove the built sites (output/, preview/) and the caches."""
    tools.build.clean()


@task
def setup_browser(c):
    """Install what the tests need: Debian's chromium, poppler-utils, epubcheck; the npm tools."""
    tools.install.setup_browser(c)


@task(
    help={
        "args": "extra pytest arguments, e.g. -k feeds",
        "tier": f"one tier alone: {', '.join(tools.testing.TIERS)} (default: every test)",
    }
)
def test(c, args="", tier=""):
    """Run every test (unit, site, commands and browser), or one tier alone with --tier."""
    tools.testing.run_tests(c, args, tier)


@task(
    help={
        "posts": "corpus sizes, comma-separated (default 100)",
        "repeats": "runs per command",
        "ablation": "instead: each speed mechanism switched off by itself, at one size",
        "real": "instead: the site's own content/, cold and after an edit",
    }
)
def bench(c, posts="100", repeats=3, ablation=False, real=False):
    """Benchmark cold and warm builds against vanilla Pelican; results in benchmarks/RESULTS.md."""
    tools.bench.bench(c, posts, int(repeats), ablation, real)


@task
def weight(c):
    """Show the essay page's weight: its HTML and all it loads, gzipped, against the budget."""
    tools.weight.weight(c)


@task
def lighthouse(c):
    """Run Lighthouse 3 times on the essay and home pages; medians go to benchmarks/RESULTS.md."""
    tools.bench.lighthouse(c)
