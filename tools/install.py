"""What the tests need beyond .venv: Debian's Chromium, poppler-utils (the print tests read
Chromium's PDFs back with pdftotext), epubcheck (the book tests check each series' EPUB with
W3C's EPUBCheck) and the pinned npm tools (package.json).

Never a browser build downloaded by a test tool: the tests drive the machine's own Chromium.
"""

from pathlib import Path

from invoke import Context

from tools import ROOT

CHROMIUM = Path("/usr/bin/chromium")
PDFTOTEXT = Path("/usr/bin/pdftotext")
# A jar: the tests run it with `java -jar` (its /usr/bin/epubcheck link needs binfmt support).
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
# Debian package: what it installs.
DEBIAN = {"chromium": CHROMIUM, "poppler-utils": PDFTOTEXT, "epubcheck": EPUBCHECK}


def setup_browser(c: Context) -> None:
    """Install chromium, poppler-utils and epubcheck if missing, and node_modules/ when
    package-lock.json is newer."""
    missing = [name for name, path in DEBIAN.items() if not path.exists()]
    if missing:
        c.run(f"apt-get update -qq && apt-get install -y -qq {' '.join(missing)}", pty=False)
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        # --ignore-scripts: no package may download a binary of its own while installing.
        c.run("npm ci --ignore-scripts --no-audit --no-fund", pty=False)
        stamp.touch()
