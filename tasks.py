"""Every command of the project. `invoke --list` is the help page; the Makefile only bootstraps."""

import functools
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit, task

import tools.build
import tools.check
from tools import OUTPUT, ROOT, shown
from tools.build import BuildFailed, build_atomically, last_good, swap_in
from tools.check import lint_problems, post_slug, vocabulary_of

PORT = 8000
CHROMIUM = Path("/usr/bin/chromium")
# What `make serve` watches besides the content: a change to any rebuilds and reloads the page.
WATCHED = ["theme", "plugins", "pelicanconf.py"]


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
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    port, output = int(port), Path(output).resolve()
    # A preview links to itself, whatever SITEURL a production build would use.
    os.environ["SITEURL"] = f"http://127.0.0.1:{port}"

    def build_or_show_error():
        try:
            problems = lint_problems(Path(content))
            if problems:
                print("\n".join(problems), file=sys.stderr)
                raise BuildFailed(f"{len(problems)} problem(s) in the posts.", problems)
            build_atomically(c, "pelicanconf.py", output, content)
        except BuildFailed as error:  # the terminal and every served page say why
            print(f"{error.message} Still serving, with the error on every page.", file=sys.stderr)
            show_build_error(output, error.lines)

    posts = Path(content) / "posts"
    seen = post_stamps(posts)
    # Builds run in a thread of their own, so the server keeps answering (the quick preview
    # among others) while one runs; a save during a build asks for one more build after it.
    state = {"running": False, "again": False}
    lock = threading.Lock()

    def build_in_background(loop) -> None:
        while True:
            build_or_show_error()
            # Reload every open page now that the build is done. livereload's own reload skips
            # a save that comes within about 3 s of the last reload, which would leave a stale page.
            loop.add_callback(LiveReloadHandler.reload_waiters, path="*")
            with lock:
                if not state["again"]:
                    state["running"] = False
                    return
                state["again"] = False

    def rebuild():
        nonlocal seen
        now = post_stamps(posts)
        changed = [path for path, stamp in now.items() if seen.get(path) != stamp]
        seen = now
        # One post edited, on a good build: its new text first, in a fraction of a second.
        if len(changed) == 1 and not last_good(output).exists():
            start = time.perf_counter()
            if quick_preview(content).show(changed[0], output):
                took = time.perf_counter() - start
                print(f"Preview of {shown(changed[0])} in {took:.2f} s; building the site.")
                LiveReloadHandler.reload_waiters(path="*")
        with lock:
            if state["running"]:
                state["again"] = True
                return
            state["running"] = True
        threading.Thread(target=build_in_background, args=(IOLoop.current(),), daemon=True).start()

    def watch(loop) -> None:
        """Call rebuild() on the server's loop after each save (watchfiles: the kernel's file
        events, not livereload's polling of every file every 0.8 s)."""
        import watchfiles

        paths = [Path(content).resolve(), *(ROOT / name for name in WATCHED)]
        for _ in watchfiles.watch(*paths, watch_filter=saved_by_author, step=30):
            loop.add_callback(rebuild)

    build_or_show_error()
    quick_preview(content)  # made now, so the first save is previewed as fast as the next
    server = Server()  # serves the site and reloads the browser; watching is ours
    loop = IOLoop.current()
    threading.Thread(target=watch, args=(loop,), daemon=True).start()
    print(f"Serving {os.environ['SITEURL']}/ (Ctrl-C to stop)", flush=True)
    server.serve(host="127.0.0.1", port=port, root=str(output), open_url_delay=None)


def saved_by_author(change, path: str) -> bool:
    """A change `serve` rebuilds for: not bytecode, nor an editor's swap or backup file."""
    name = Path(path).name
    return (
        "__pycache__" not in path
        and not name.endswith((".pyc", ".swp", "~"))
        and not (name.startswith(".#"))
    )


def post_stamps(posts: Path) -> dict[Path, tuple[int, int]]:
    """Each post file's modification time and size: what tells `serve` which post was saved."""
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(posts.rglob("*.md"))}


@functools.cache
def quick_preview(content: str):
    """`serve`'s quick preview of an edited post (tools/preview.py)."""
    from pelican.settings import read_settings

    from tools.preview import Preview

    path = str(Path(content).resolve())
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": path})
    return Preview(settings, post_slug)


# The box is styled from a stylesheet of its own, written next to the pages it is shown on: the
# pages' Content-Security-Policy (default-src 'self') blocks inline style attributes, and a rule
# in main.css would weigh on every published page for a box only `serve` shows.
ERROR_BOX = (
    '<div role="alert" id="build-error"><link rel="stylesheet" href="/build-error.css">'
    "<p><strong>The build failed.</strong> Below is the last good "
    "build. Fix the problem and save: this page reloads.</p>"
    "<pre>{lines}</pre></div>"
)
ERROR_CSS = """#build-error{position:sticky;top:0;z-index:99;margin:0;padding:1rem 1.25rem;
background:#fff;color:#111;border:0.375rem solid #b00020;font:1rem/1.4 system-ui,sans-serif;
max-height:60vh;overflow:auto}
#build-error p{margin:0 0 0.5rem}
#build-error pre{margin:0;white-space:pre-wrap;font-size:0.9rem}
"""


def error_lines(lines: list[str]) -> list[str]:
    """The lines of a build log that say what went wrong (all of it if none stands out)."""
    marked = [line for line in lines if re.search(r"ERROR|CRITICAL|WARNING|splitsville:", line)]
    return marked or lines[-20:]


def show_build_error(output: Path, lines: list[str]) -> None:
    """Serve the error on every page: the last good build, copied, with the error on top.

    The build itself is kept aside, untouched, until the next good build replaces it.
    """
    good = last_good(output)
    if output.exists() and not good.exists():
        output.rename(good)
    box = ERROR_BOX.format(lines=html.escape("\n".join(error_lines(lines))))
    shadow = Path(tempfile.mkdtemp(prefix=f"{output.name}.error-", dir=output.parent))
    for source in good.rglob("*") if good.exists() else []:
        target = shadow / source.relative_to(good)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif source.suffix == ".html":
            page = source.read_text(encoding="utf-8")
            page, found = re.subn(r"<body[^>]*>", lambda m: m[0] + box, page, count=1)
            target.write_text(page if found else box + page, encoding="utf-8")
        else:
            shutil.copy2(source, target)
    (shadow / "build-error.css").write_text(ERROR_CSS, encoding="utf-8")
    if not (shadow / "index.html").exists():  # no good build yet: a page of its own
        (shadow / "index.html").write_text(
            f'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Build failed</title>'
            f"<body>{box}</body></html>",
            encoding="utf-8",
        )
    swap_in(shadow, output)


@task(help={"content": "content folder to check (default: content/)"})
def check(c, content="content"):
    """Lint every post: one line per problem (file:line: problem - fix); fails if there is any."""
    tools.check.check(Path(content))


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
