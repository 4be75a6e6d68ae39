"""The security meta tags on every published page, and nothing that would need more."""

from bs4 import BeautifulSoup

from helpers import ROOT

POLICY = "default-src 'self'; base-uri 'self'; form-action 'self'"
# The search page alone may run WebAssembly (Pagefind), and its own external script.
SEARCH_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; base-uri 'self'; form-action 'self'"
)


def test_every_published_page_carries_the_policy_and_a_referrer_policy(site):
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policy = soup.select('meta[http-equiv="Content-Security-Policy"]')
        search = path == site.root / "search" / "index.html"
        assert [m["content"] for m in policy] == [SEARCH_POLICY if search else POLICY], path
        # Early in <head>, so it covers everything after it.
        assert soup.head.find("meta", charset=True).find_next_sibling("meta") is policy[0], path
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "same-origin", path
        # Nothing the policy would block: no inline script, style attribute or <style>.
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert all(s.get("src") and not s.string for s in scripts), path  # none inline
        assert bool(scripts) == search, path
        assert not soup.select("[style], style"), path
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]


def test_a_page_can_widen_script_src_for_its_own_scripts(tmp_path):
    """csp_script_extra (for a later search page's WebAssembly) adds to script-src, that page
    only: rendered here through the theme's real head partial."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
    page = env.from_string(
        "{% set csp_script_extra = \"'wasm-unsafe-eval'\" %}{% include 'partials/head.html' %}"
    )
    html = page.render(SPLITSVILLE={}, THEME_COLORS={}, SITEURL="", page_url="")
    meta = BeautifulSoup(html, "html.parser").select_one(
        'meta[http-equiv="Content-Security-Policy"]'
    )
    assert meta["content"] == (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; base-uri 'self'; "
        "form-action 'self'"
    )
