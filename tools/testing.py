"""`invoke test`: the whole suite (what `make test` runs), or one tier of it alone.

The unit tier runs in seconds and needs nothing beyond .venv; every other run first makes sure
Chromium and the npm tools are there (the site tests run the Nu HTML Checker, the browser tests
Chromium).
"""

import sys

from invoke import Context, Exit

from tools.install import setup_browser

# Each tier is one folder of tests/, as its name says.
TIERS = {
    "unit": "tests/unit",
    "site": "tests/site",
    "commands": "tests/commands",
    "browser": "tests/browser",
}


def run_tests(c: Context, args: str = "", tier: str = "") -> None:
    """Run pytest on the tier's folder (every test when `tier` is empty), with `args` added."""
    if tier and tier not in TIERS:
        raise Exit(f"test: no tier '{tier}' - choose one of {', '.join(TIERS)}, or none", 1)
    if tier != "unit":
        setup_browser(c)
    where = f" {TIERS[tier]}" if tier else ""
    c.run(f"{sys.executable} -m pytest{where} {args}", pty=False)
