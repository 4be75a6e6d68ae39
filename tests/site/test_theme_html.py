"""The Nu HTML Checker (npm vnu-jar, run with the machine's Java) on every page we generate."""

from helpers import vnu_messages


def test_every_generated_page_is_valid_html(site, fixture_site, tmp_path):
    pages = sorted(site.root.rglob("*.html")) + sorted(fixture_site.root.rglob("*.html"))
    assert len(pages) > 20
    # A known-bad page in the same run proves the checker really checks.
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p>x</span>', "utf-8")
    messages = vnu_messages([canary, *pages])
    assert [m["message"] for m in messages if m.get("url", "").endswith("/canary.html")] == [
        "Stray end tag \u201cspan\u201d."
    ]
    errors = [
        f"{m.get('url')}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not m.get("url", "").endswith("/canary.html")
    ]
    assert not errors, "\n".join(errors)
