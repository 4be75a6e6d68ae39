"""`invoke check` on tests/fixtures/lint: one small bad post per rule, and the exact line for each.

Run as an author runs it (a subprocess from the project folder), once for the whole folder.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from splitsville.roles.vocabulary import unknown_role_message

from helpers import ROOT, invoke

LINT = Path("tests/fixtures/lint")
POSTS = LINT / "posts"


def run_invoke(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return invoke(*args, siteurl="https://lint.example", env=env)


FIX_PATH = "fix the path (relative to this post's folder, or to content/ with a leading /)"
NO_ALT = (
    "image without alt text - describe what the image shows, e.g. ![A timeline of the "
    'project](...) or <img alt="...">'
)
EXPECTED = {
    "missing title": f"{POSTS}/missing-title.md:1: missing Title - add a line "
    "'Title: The Post's Title' to the metadata at the top",
    "missing date": f"{POSTS}/missing-date.md:1: missing Date - add a line "
    "'Date: YYYY-MM-DD HH:MM' to the metadata at the top",
    "missing tags": f"{POSTS}/missing-tags.md:1: missing Tags - add a line "
    "'Tags: Role, Role' to the metadata at the top",
    "empty summary": f"{POSTS}/missing-summary.md:4: missing Summary - add a line "
    "'Summary: one or two sentences' to the metadata at the top",
    "no body": f"{POSTS}/missing-body.md:4: no body - write the post below the metadata, "
    "after a blank line",
    "placeholder summary": f"{POSTS}/placeholder-summary.md:4: Summary is still the "
    "placeholder - write one or two sentences about the post",
    "unknown status": f"{POSTS}/unknown-status.md:5: status 'wip' is not one Pelican knows - "
    "write 'Status: draft' to keep the post unpublished, or delete the line to publish it",
    "bad date": f"{POSTS}/bad-date.md:2: date 'next Tuesday' does not parse - write it as "
    "YYYY-MM-DD HH:MM",
    # The wording of this one belongs to the role vocabulary (roles/vocabulary.py); the place
    # is ours.
    "unknown role": unknown_role_message(
        f"{POSTS}/unknown-role.md:3",
        "Acount Manager",
        "Account Manager",
        "content/roles.toml",  # the fixture links to it
    ),
    "broken {filename} link": f"{POSTS}/broken-link.md:6: {{filename}}no-such-post.md does "
    f"not exist - {FIX_PATH}",
    "broken {static} image": f"{POSTS}/broken-image.md:6: "
    f"{{static}}/images/no-such-chart.svg does not exist - {FIX_PATH}",
    "Markdown image without alt": f"{POSTS}/no-alt-markdown.md:8: {NO_ALT}",
    "HTML image without alt": f"{POSTS}/no-alt-html.md:7: {NO_ALT}",
    "empty file": f"{POSTS}/empty.md: empty file - write the metadata (Title, Date, Tags, "
    "Summary) and a body",
    "not UTF-8": f"{POSTS}/not-utf8.md:1: not UTF-8 (byte 0xe9) - save the file with UTF-8 "
    "encoding",
    "two posts, one URL": f"{POSTS}/same-url-2.md:1: same URL as {POSTS}/same-url-1.md "
    "(slug 'same-url') - change this post's Title, or give it a 'Slug: ...' line",
}


@pytest.fixture(scope="module")
def checked() -> subprocess.CompletedProcess:
    return run_invoke("check", "--content", str(LINT))


@pytest.mark.parametrize("rule", EXPECTED)
def test_each_rule_reports_its_exact_line(checked, rule):
    assert EXPECTED[rule] in checked.stderr.splitlines(), checked.stderr


def test_check_fails_with_one_line_per_problem_and_no_traceback(checked):
    assert checked.returncode != 0
    reported = [line for line in checked.stderr.splitlines() if line.startswith(str(LINT))]
    assert sorted(reported) == sorted(EXPECTED.values())
    # A fixture with aliases, code blocks and links from both roots is fine: nothing about it.
    assert "good.md" not in checked.stderr
    assert "Traceback" not in checked.stderr
    assert checked.stderr.splitlines()[-1].startswith(f"check: {len(EXPECTED)} problem(s)")


def test_the_real_posts_pass():
    result = run_invoke("check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_publish_stops_before_building_when_a_post_is_broken(tmp_path):
    output = tmp_path / "output"
    result = run_invoke("publish", "--content", str(LINT), "--output", str(output))
    assert result.returncode != 0
    assert EXPECTED["unknown role"] in result.stderr.splitlines()
    assert "Done: Processed" not in result.stdout  # Pelican never ran
    assert not output.exists()


def test_what_check_accepts_pelican_builds_the_same_way(tmp_path):
    """The good fixture's links, relative and from the root, resolve in a real build too."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / LINT / "images", content / "images")
    shutil.copy(ROOT / LINT / "roles.toml", content / "roles.toml")
    for every_page_links_these in ("pages", "extra"):
        shutil.copytree(
            ROOT / "tests/fixtures/site" / every_page_links_these, content / every_page_links_these
        )
    (content / "posts").mkdir()
    shutil.copy(ROOT / POSTS / "good.md", content / "posts")
    output = tmp_path / "output"
    result = run_invoke("publish", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stdout + result.stderr
    page = (output / "posts" / "a-good-post" / "index.html").read_text(encoding="utf-8")
    assert page.count('src="https://lint.example/images/dot.svg"') == 2
    assert 'href="https://lint.example/posts/a-good-post/"' in page


def test_check_keeps_its_cache_where_builds_keep_theirs(checked, tmp_path):
    """SPLITSVILLE_CACHE_PATH (Pelican's CACHE_PATH) holds the lint cache too, so a clean
    benchmark run, which empties it, checks every post again; a warm run says the same."""
    env = {"SPLITSVILLE_CACHE_PATH": str(tmp_path / "cache")}
    for _ in range(2):
        again = run_invoke("check", "--content", str(LINT), env=env)
        assert (again.returncode, again.stderr) == (checked.returncode, checked.stderr)
    assert len(list((tmp_path / "cache" / "lint").glob("*.json"))) == 1


def test_a_misspelt_link_names_the_file_it_meant(tmp_path):
    """As a misspelt role gets the closest role, a misspelt {filename} or {static} target gets
    the closest file of its kind, written from where the link starts."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / LINT / "images", content / "images")
    shutil.copy(ROOT / LINT / "roles.toml", content / "roles.toml")
    (content / "posts").mkdir()
    shutil.copy(ROOT / POSTS / "good.md", content / "posts")
    good = (ROOT / POSTS / "good.md").read_text(encoding="utf-8")
    (content / "posts" / "typo.md").write_text(
        good.replace("A Good Post", "A Post With Typos")
        .replace("{filename}/posts/good.md", "{filename}god.md")
        .replace("{static}/images/dot.svg", "{static}/images/dto.svg"),
        encoding="utf-8",
    )
    result = run_invoke("check", "--content", str(content))
    assert result.returncode != 0
    post = content / "posts" / "typo.md"
    assert [line for line in result.stderr.splitlines() if line.startswith(str(post))] == [
        f"{post}:6: {{filename}}god.md does not exist - did you mean {{filename}}good.md? "
        f"Or {FIX_PATH}",
        f"{post}:7: {{static}}/images/dto.svg does not exist - did you mean "
        f"{{static}}/images/dot.svg? Or {FIX_PATH}",
    ]
