"""The measurements that write benchmarks/RESULTS.md: build times and Lighthouse scores.

The scripts live in benchmarks/ with their own requirements, which `make test` does not need.
"""

import sys

from invoke import Context


def bench(c: Context, posts: str, repeats: int, ablation: bool = False, real: bool = False) -> None:
    """Time cold and warm builds of each corpus size in `posts` against vanilla Pelican (and
    Hugo, cold); or, with `ablation`, what each speed mechanism saves at one size; or, with
    `real`, the site's own content against vanilla Pelican."""
    c.run(f"{sys.executable} -m pip install --quiet -r benchmarks/requirements.txt", pty=False)
    if real:
        c.run(f"{sys.executable} benchmarks/real_site.py {repeats}", pty=False)
        return
    mode = "--ablation " if ablation else ""
    c.run(f"{sys.executable} benchmarks/bench.py {mode}{posts} {repeats}", pty=False)


def lighthouse(c: Context) -> None:
    """Run Lighthouse 3 times on the essay and home pages; medians go to benchmarks/RESULTS.md."""
    c.run(f"{sys.executable} benchmarks/lighthouse.py", pty=False)
