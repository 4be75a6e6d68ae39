"""Every command of the project. `invoke --list` is the help page; the Makefile only bootstraps."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PORT = 8000
CHROMIUM = Path("/usr/bin/chromium")
# What `make serve` watches: a change to any of these rebuilds the site and reloads the page.
WATCHED = ["content", "theme", "plugins", "pelicanconf.py"]


def pelican_command(settings: str, output: Path, content: str = "content") -> str:
    """The one Pelican command line every build uses.

    --fatal warnings: a warning or error stops the build (Pelican would otherwise log a plugin that
    failed to import, or a broken {filename} link, and carry on).
    """
    return (
        f"{sys.executable} -m pelican {content} -s {settings} -o {output} "
        "--fatal warnings --log-handler plain"
    )


def broken_links(site: Path, settings: str) -> list[str]:
    """Check the fresh build's internal links against the SITEURL it was built for; print each."""
    from pelican.settings import read_settings

    sys.path.insert(0, str(ROOT / "plugins"))
    from splitsville.linkcheck import check_site

    siteurl = read_settings(str(ROOT / settings))["SITEURL"]
    broken = check_site(site, siteurl)
    for line in broken:
        print(line, file=sys.stderr)
    return broken


def build_atomically(c, settings: str, output: Path = OUTPUT, content: str = "content") -> None:
    """Build into a fresh folder beside `output` and swap it in only if the build succeeded."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{output.name}.build-", dir=output.parent))
    result = c.run(pelican_command(settings, fresh, content), warn=True, pty=False)
    broken = broken_links(fresh, settings) if result.ok else []
    if not result.ok or broken:
        shutil.rmtree(fresh, ignore_errors=True)
        kept = "the last good build is still there" if output.exists() else "nothing was written"
        why = f"{len(broken)} broken link(s), listed above" if broken else "see the messages above"
        raise Exit(f"Build failed ({why}): {output.name}/ is unchanged, {kept}.", 1)
    old = output.with_name(f"{output.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    shutil.rmtree(old, ignore_errors=True)


@task(help={"output": "folder to build into (default: output/)", "content": "content folder"})
def build(c, output=str(OUTPUT), content="content"):
    """Build the site with pelicanconf.py (drafts included) into output/."""
    build_atomically(c, "pelicanconf.py", Path(output), content)


@task(help={"output": "folder to build into (default: output/)", "content": "content folder"})
def publish(c, output=str(OUTPUT), content="content"):
    """Build the production site with publishconf.py; the address comes from $SITEURL."""
    build_atomically(c, "publishconf.py", Path(output), content)


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


@task(aliases=["livereload"], help={"port": f"port on 127.0.0.1 (default {PORT})"})
def serve(c, port=PORT):
    """Build, serve at http://127.0.0.1:8000 and rebuild + reload the browser on every change."""
    from livereload import Server

    port = int(port)
    os.environ.setdefault("SITEURL", f"http://127.0.0.1:{port}")

    def rebuild():
        try:
            build_atomically(c, "pelicanconf.py")
        except Exit as error:  # keep serving the last good build; the terminal shows why
            print(error.message, file=sys.stderr)

    rebuild()
    server = Server()
    for path in WATCHED:
        server.watch(str(ROOT / path), rebuild, delay=0.2)
    print(f"Serving {os.environ['SITEURL']}/ (Ctrl-C to stop)")
    server.serve(host="127.0.0.1", port=port, root=str(OUTPUT), open_url_delay=None)


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
