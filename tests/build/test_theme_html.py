"""The Nu HTML Checker (npm vnu-jar, run with the machine's Java) on every page we generate."""

import json
import subprocess
from pathlib import Path

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
# One JVM for every page. C1-only compilation starts the checker twice as fast on small
# machines; its bigger stack frames need the larger thread stack.
JAVA = ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU)]


def check(paths: list[Path]) -> list[dict]:
    result = subprocess.run(
        [*JAVA, "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its report to stderr
    assert result.returncode == (1 if report["messages"] else 0), result.stderr[-2000:]
    return report["messages"]


def test_every_generated_page_is_valid_html(site, fixture_site, tmp_path):
    pages = sorted(site.root.rglob("*.html")) + sorted(fixture_site.root.rglob("*.html"))
    assert len(pages) > 20
    # A known-bad page in the same run proves the checker really checks.
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p>x</span>', "utf-8")
    messages = check([canary, *pages])
    assert [m["message"] for m in messages if m.get("url", "").endswith("/canary.html")] == [
        "Stray end tag \u201cspan\u201d."
    ]
    errors = [
        f"{m.get('url')}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not m.get("url", "").endswith("/canary.html")
    ]
    assert not errors, "\n".join(errors)
