"""`make publish` is reproducible and all-or-nothing: output/ only ever holds a good build."""

import filecmp
import shutil
from pathlib import Path

from helpers import FIXTURE_SITE, ROOT, Site, build_site, invoke, oldest_post


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root: its bytes and modification time, by relative path."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def differences(a: Path, b: Path) -> list[str]:
    """Names or bytes that differ between two folders, compared byte for byte (not by stat)."""
    found = []
    compared = filecmp.dircmp(a, b)
    stack = [(compared, "")]
    while stack:
        here, prefix = stack.pop()
        found += [f"{prefix}{name}: only in one build" for name in here.left_only + here.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            here.left, here.right, here.common_files, shallow=False
        )
        found += [f"{prefix}{name}: bytes differ" for name in mismatch + errors]
        stack += [(sub, f"{prefix}{name}/") for name, sub in here.subdirs.items()]
    return found


def test_two_builds_of_the_same_commit_are_byte_identical(site, tmp_path):
    """The `site` fixture's build and a second one for the same SITEURL: later, elsewhere, and
    with another string hash seed (so iterating over a set would show as a difference)."""
    out = tmp_path / "output"
    env = {"PYTHONHASHSEED": "4242"}
    result = invoke("publish", "--output", str(out), siteurl=site.siteurl, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    again = Site(out, site.siteurl, result.stdout)
    assert sorted(p.relative_to(site.root) for p in site.root.rglob("*")) == sorted(
        p.relative_to(again.root) for p in again.root.rglob("*")
    )
    assert differences(site.root, again.root) == []
    assert len(list(again.root.rglob("*.html"))) > 10


def test_the_comparison_sees_a_one_byte_difference(site, tmp_path):
    """The test above can fail: a copy with one byte changed deep in the tree is caught."""
    copy = tmp_path / "copy"
    shutil.copytree(site.root, copy)
    post = oldest_post(site) + "index.html"
    page = copy / post
    page.write_bytes(page.read_bytes().replace(b"<main", b"<main ", 1))
    (copy / "roles" / "extra.txt").write_text("x")
    assert sorted(differences(site.root, copy)) == [
        f"{post}: bytes differ",
        "roles/extra.txt: only in one build",
    ]


def test_source_date_epoch_is_honoured_and_still_reproducible(tmp_path):
    out = tmp_path / "output"
    args = ["--output", str(out), "--content", str(FIXTURE_SITE)]
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    result = invoke("publish", *args, siteurl="https://epoch.example", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "<lastmod>2023-11-14T22:13:20+00:00</lastmod>" in (out / "sitemap.xml").read_text()


def broken_copy(tmp_path: Path, body: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "posts" / "zz-broken.md").write_text(
        "Title: A Broken Post\nDate: 2026-11-01 09:00\nTags: Project Manager\n"
        f"Summary: It links to something that is not there.\n\n{body}\n",
        encoding="utf-8",
    )
    return content


def test_a_failed_build_leaves_output_exactly_as_the_last_good_build_left_it(tmp_path):
    siteurl = "https://owner.github.io/splitsville"
    good = build_site(tmp_path / "good", siteurl)
    before = tree(good.root)
    cases = {
        # Pelican itself warns (and --fatal stops it) on a {filename} link to no file.
        "pelican": "See [the missing post]({filename}missing.md).",
        # Pelican is happy; the link check after the build is not.
        "link check": f"See [gone]({siteurl}/posts/gone/) and [out](/elsewhere/).",
    }
    for case, body in cases.items():
        content = broken_copy(tmp_path / case.replace(" ", "-"), body)
        result = invoke(
            "publish", "--output", str(good.root), "--content", str(content), siteurl=siteurl
        )
        said = result.stdout + result.stderr
        assert result.returncode != 0, f"{case}: the broken build succeeded\n{said}"
        assert "output/ is unchanged, the last good build is still there." in said, said
        assert "Traceback" not in said, said
        assert tree(good.root) == before, case
        assert sorted(p.name for p in good.root.parent.iterdir()) == ["output"], case
    assert (
        "posts/a-broken-post/index.html: https://owner.github.io/splitsville/posts/gone/: "
        "no file posts/gone/index.html in the output"
    ) in said
    assert "posts/a-broken-post/index.html: /elsewhere/: leaves the base path /splitsville/" in said


def test_a_bad_source_date_epoch_stops_the_build_with_one_clear_line(tmp_path):
    args = ["--output", str(tmp_path / "output"), "--content", str(FIXTURE_SITE)]
    env = {"SOURCE_DATE_EPOCH": "yesterday"}
    result = invoke("publish", *args, siteurl="https://epoch.example", env=env)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said, said
    assert "splitsville: SOURCE_DATE_EPOCH is 'yesterday': set it to whole seconds" in said
    assert not (tmp_path / "output").exists()
