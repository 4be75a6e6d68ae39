"""tools/stamp.py: what a build stamp says, and which folders `invoke gh-pages` refuses."""

import json

import pytest

from tools import stamp


def built(folder, **facts):
    """A folder with a home page and, if facts are given, a stamp saying them."""
    folder.mkdir()
    (folder / "index.html").write_text("<!DOCTYPE html>")
    if facts:
        stamp.write(folder, facts)
    return folder


def test_the_settings_files_say_which_kind_of_build_they_make(monkeypatch):
    monkeypatch.setenv("SITEURL", "https://owner.example/site/")
    assert stamp.facts("publishconf.py") == {
        "build": "production",
        "settings": "publishconf.py",
        "siteurl": "https://owner.example/site",
    }
    assert stamp.facts("pelicanconf.py")["build"] == "local"


def test_a_stamp_reads_back_as_written_and_garbage_reads_as_none(tmp_path):
    site = built(tmp_path / "site", build="production", siteurl="https://a.example")
    assert stamp.read(site) == {"build": "production", "siteurl": "https://a.example"}
    assert json.loads((site / stamp.STAMP).read_text()) == stamp.read(site)
    (site / stamp.STAMP).write_text("[1, 2")
    assert stamp.read(site) is None
    (site / stamp.STAMP).write_text("[1, 2]")
    assert stamp.read(site) is None
    assert stamp.read(tmp_path / "nowhere") is None


@pytest.mark.parametrize(
    ("siteurl", "local"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.1.2.3", True),
        ("http://localhost:8000/sub", True),
        ("http://app.localhost", True),
        ("http://[::1]:8000", True),
        ("http://0.0.0.0:8000", True),
        ("https://owner.github.io/splitsville", False),
        ("https://127.0.0.1.example", False),
        ("http://10.0.0.2", False),
    ],
)
def test_addresses_only_this_machine_reaches(siteurl, local):
    assert stamp.on_this_machine(siteurl) is local


def test_only_a_production_build_for_the_web_may_be_published(tmp_path):
    ok = built(tmp_path / "ok", build="production", siteurl="https://owner.github.io/repo")
    assert stamp.refusal(ok) is None
    cases = {
        tmp_path / "empty": "holds no built site",
        built(tmp_path / "unstamped"): f"has no {stamp.STAMP}, so `make publish` did not build it",
        built(tmp_path / "local", build="local", siteurl="http://127.0.0.1:8000"): (
            "is a local build (drafts included, links to http://127.0.0.1:8000), "
            "not a production one"
        ),
        built(tmp_path / "default", build="production", siteurl="http://127.0.0.1:8000"): (
            "was built for http://127.0.0.1:8000, which only this machine reaches"
        ),
        built(tmp_path / "blank", build="production", siteurl=""): "was built for no address",
    }
    for site, problem in cases.items():
        line = stamp.refusal(site)
        assert line.startswith(f"gh-pages: {site}/ {problem}"), line
        assert line.endswith(
            "run `SITEURL=https://<you>.github.io/<repo> make publish` (your site's address) first."
        )
        assert "\n" not in line
