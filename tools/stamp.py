"""The build stamp: what kind of build a folder holds and the address it was built for.

Every build writes STAMP into its fresh folder before the folder is swapped in (tools/build.py),
so a stamp can never describe another build than the one beside it. `invoke gh-pages` reads it
and publishes only a production build for an address on the web (refusal() says why not).

The stamp is published with the site, on the gh-pages branch as by the Actions workflow: both
then deploy exactly the folder `make publish` made, and it holds only public facts (the address,
the settings file, "production"). Nothing in it changes between two builds of one commit.
"""

import ipaddress
import json
import runpy
import sys
import urllib.parse
from pathlib import Path

from tools import ROOT, shown

STAMP = ".build-stamp.json"


def facts(settings: str) -> dict:
    """What a stamp says of a build with this settings file, in this environment.

    The settings file is run as Pelican runs it (a plain module), for its SITEURL and whether it
    is production's (SPLITSVILLE["production"], set by publishconf.py): reading them with
    Pelican's read_settings would import all of Pelican.
    """
    # publishconf.py star-imports pelicanconf: read it afresh too, for this environment's
    # SITEURL, not the one of whatever imported pelicanconf first in this process.
    cached = sys.modules.pop("pelicanconf", None)
    try:
        values = runpy.run_path(str(ROOT / settings))
    finally:
        sys.modules.pop("pelicanconf", None)
        if cached is not None:
            sys.modules["pelicanconf"] = cached
    production = bool(values.get("SPLITSVILLE", {}).get("production"))
    return {
        "build": "production" if production else "local",
        "settings": Path(settings).name,
        "siteurl": values.get("SITEURL", ""),
    }


def write(site: Path, stamp: dict) -> None:
    """Write the stamp into a finished build (a fresh folder, not yet swapped in)."""
    text = json.dumps(stamp, indent=2, sort_keys=True) + "\n"
    (site / STAMP).write_text(text, encoding="utf-8")


def read(site: Path) -> dict | None:
    """The stamp of a built folder, or None if it has none (or not one we wrote)."""
    try:
        stamp = json.loads((site / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def on_this_machine(siteurl: str) -> bool:
    """An address only this computer can reach: localhost, 127.x.x.x, ::1 or 0.0.0.0."""
    host = urllib.parse.urlsplit(siteurl).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def refusal(site: Path) -> str | None:
    """Why `site` must not be published (one line: what it is, and the fix), or None."""
    fix = "run `SITEURL=https://<you>.github.io/<repo> make publish` (your site's address) first"
    name = f"{shown(site)}/"
    if not (site / "index.html").is_file():
        return f"gh-pages: {name} holds no built site: {fix}."
    stamp = read(site)
    if stamp is None:
        return f"gh-pages: {name} has no {STAMP}, so `make publish` did not build it: {fix}."
    siteurl = str(stamp.get("siteurl") or "no address")
    if stamp.get("build") != "production":
        return (
            f"gh-pages: {name} is a local build (drafts included, links to {siteurl}), "
            f"not a production one: {fix}."
        )
    if siteurl == "no address" or on_this_machine(siteurl):
        return f"gh-pages: {name} was built for {siteurl}, which only this machine reaches: {fix}."
    return None
