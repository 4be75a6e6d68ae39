"""Every command of the project. `invoke --list` is the help page; the Makefile only bootstraps."""

import os
import shutil
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


def build_atomically(c, settings: str, output: Path = OUTPUT, content: str = "content") -> None:
    """Build into a fresh folder beside `output` and swap it in only if the build succeeded."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{output.name}.build-", dir=output.parent))
    result = c.run(pelican_command(settings, fresh, content), warn=True, pty=False)
    if not result.ok:
        shutil.rmtree(fresh, ignore_errors=True)
        kept = "the last good build is still there" if output.exists() else "nothing was written"
        raise Exit(
            f"Build failed (see the messages above): {output.name}/ is unchanged, {kept}.", 1
        )
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


@task
def weight(c):
    """Show the essay page's weight: its HTML and all it loads, gzipped, against the budget."""
    c.run(f"{sys.executable} -m pytest -q -s tests/build/test_theme_weight.py", pty=False)


@task
def lighthouse(c):
    """Run Lighthouse 3 times on the essay and home pages; medians go to benchmarks/RESULTS.md."""
    c.run(f"{sys.executable} benchmarks/lighthouse.py", pty=False)
