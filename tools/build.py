"""Building the site: the one Pelican command line, run into a fresh folder and swapped in whole.

A build that fails (Pelican's error, a warning, a broken link, a failed search index) leaves
output/ as it was: readers of a served folder never see half a site.
"""

import contextlib
import hashlib
import shutil
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from invoke import Context, Exit
from splitsville.common import POSTS_WRITTEN, speed_on

from tools import OUTPUT, PREVIEW, ROOT, check, search, shown, stamp, trash


class BuildFailed(Exit):
    """A failed build, with what it printed (shown on the page by `serve`)."""

    def __init__(self, message: str, lines: list[str]):
        super().__init__(message, 1)
        self.lines = lines


def pelican_command(settings: str, output: Path, content: str = "content") -> str:
    """The one Pelican command line every build uses.

    --fatal warnings: a warning or error stops the build (Pelican would otherwise log a plugin that
    failed to import, or a broken {filename} link, and carry on).
    """
    return (
        f"{sys.executable} -m pelican {content} -s {settings} -o {output} "
        "--fatal warnings --log-handler plain"
    )


def search_shard_posts() -> int:
    from pelicanconf import SEARCH_SHARD_POSTS

    return SEARCH_SHARD_POSTS


def links_cache(siteurl: str) -> Path:
    """Where the link check keeps what each page links to: one file per SITEURL (a preview
    and a production build link to other addresses)."""
    name = hashlib.sha256(siteurl.encode()).hexdigest()[:16]
    return check.cache_folder() / "links" / f"{name}.pickle"


def unchanged(output: Path) -> str:
    """What is left of `output` after a failure, as the error message says it."""
    return "the last good build is still there" if output.exists() else "nothing was written"


def last_good(output: Path) -> Path:
    """Where `serve` keeps the last good build while the error is shown in its place."""
    return output.with_name(f"{output.name}.good")


def swap_in(fresh: Path, output: Path) -> None:
    """Put a finished folder where `output` was: two renames, never a half-written site; the
    old site is deleted in the background (trash.py): the new one is in place already."""
    if output.exists():
        trash.delete_later([output], output.parent, f"{output.name}.old-")
    fresh.rename(output)


def build_atomically(
    c: Context,
    settings: str,
    output: Path,
    content: str = "content",
    checking: Future | None = None,
) -> None:
    """Build into a fresh folder beside `output` and swap it in only if the build succeeded.

    `checking`, the lint running meanwhile: if it fails, Pelican is stopped and its error raised.
    """
    output = output.resolve()
    facts = stamp.facts(settings)  # read in the environment Pelican is about to run in
    held = stamp.read(output) or {}
    if facts["build"] != "production" and held.get("build") == "production":
        # output/ only ever holds what `make publish` made, even given as --output on purpose.
        raise Exit(
            f"{shown(output)}/ holds a production build (`make publish`, for "
            f"{held.get('siteurl')}): a local build never replaces it - build into "
            "preview/ (leave out --output) or another folder",
            1,
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{output.name}.build-", dir=output.parent))
    # Pagefind starts on the posts as soon as Pelican has written them all (it says so by
    # creating `told`), and runs beside the rest of the build (with search_overlap off, for the
    # benchmark's ablation: after Pelican and the link check).
    told = fresh.with_name(f"{fresh.name}.posts-written")
    indexer = search.Indexer(fresh, check.cache_folder() / "search", search_shard_posts())
    overlap = speed_on("search_overlap")
    if overlap:
        indexer.start_once_told(told)
    try:
        command = pelican_command(settings, fresh, content)
        result = pelican(c, command, checking, fresh, {POSTS_WRITTEN: str(told)})
    except BaseException:  # the lint failed: Pelican was stopped and its folder deleted
        indexer.stop()
        shutil.rmtree(fresh, ignore_errors=True)  # in case the index had begun to write into it
        raise
    finally:
        told.unlink(missing_ok=True)
    ok, lines, broken = result.ok, (result.stdout + result.stderr).splitlines(), []
    if ok:
        # Pagefind indexes while the link check reads the pages: both only read them (Pagefind
        # writes pagefind/, which holds no page). A broken link stops it; a failed index, or any
        # error here, keeps output/ as it is.
        broken, ok, said = search.index_while(
            indexer,
            lambda: search.broken_links(fresh, facts["siteurl"], links_cache(facts["siteurl"])),
            overlap,
        )
        lines += said
    else:
        indexer.stop()  # and waits: it may be reading the build about to be deleted
    if not ok or broken:
        shutil.rmtree(fresh, ignore_errors=True)
        why = f"{len(broken)} broken link(s), listed above" if broken else "see the messages above"
        raise BuildFailed(
            f"Build failed ({why}): {output.name}/ is unchanged, {unchanged(output)}.",
            lines + broken,
        )
    # Into the fresh folder, before the swap: the stamp moves with the site it describes.
    stamp.write(fresh, facts)
    swap_in(fresh, output)
    shutil.rmtree(last_good(output), ignore_errors=True)  # `serve` kept it while showing an error


def pelican(c: Context, command: str, checking: Future | None, fresh: Path, env: dict):
    """Run Pelican (`env` added to its environment); with `checking` (the lint, on a thread)
    alongside, Pelican's output is held until the lint is done, so a broken post shows the
    lint's lines and no others."""
    if checking is None:
        return c.run(command, warn=True, pty=False, env=env)
    running = c.run(command, warn=True, pty=False, hide=True, asynchronous=True, env=env)
    try:
        checking.result()
    except BaseException:
        running.runner.kill()
        with contextlib.suppress(Exception):
            running.join()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    result = running.join()
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result


def publish(c: Context, output: Path, content: str) -> None:
    """Check the posts while Pelican builds with publishconf.py into a fresh folder: the lint
    takes a core Pelican's start leaves idle, and a broken post stops the build all the same."""

    def lint() -> None:
        try:
            check.check(Path(content))
        except Exit as error:
            raise Exit(
                f"{error.message}\nNothing built: {output.name}/ is unchanged, "
                f"{unchanged(output)}.",
                1,
            ) from None

    with ThreadPoolExecutor(1) as checking:
        build_atomically(c, "publishconf.py", output, content, checking.submit(lint))


def clean() -> None:
    """Remove the built sites (and what failed builds left beside them) and the caches."""
    left = [*ROOT.glob(f"{OUTPUT.name}.*"), *ROOT.glob(f"{PREVIEW.name}.*")]
    for path in [OUTPUT, PREVIEW, ROOT / "cache", *left]:
        shutil.rmtree(path, ignore_errors=True)
