"""What names the content cache's folder (build/content_cache.py), and the shared cache helper
(cache.py) it is made with."""

import os
import time

from splitsville import cache
from splitsville.build import content_cache as fingerprint

SETTINGS = {"PATH": "/content", "OUTPUT_PATH": "/out-1", "MARKDOWN": {"x": 1}}


def test_the_same_inputs_give_the_same_fingerprint(tmp_path):
    (tmp_path / "a.py").write_text("one")
    first = fingerprint.fingerprint(SETTINGS, [tmp_path], ["pelican"])
    assert first == fingerprint.fingerprint(dict(SETTINGS), [tmp_path], ["pelican"])
    assert len(first) == 16


def test_a_setting_a_file_or_a_package_changes_it(tmp_path):
    (tmp_path / "a.py").write_text("one")
    base = fingerprint.fingerprint(SETTINGS, [tmp_path], ["pelican"])
    assert (
        fingerprint.fingerprint({**SETTINGS, "MARKDOWN": {"x": 2}}, [tmp_path], ["pelican"]) != base
    )
    assert fingerprint.fingerprint(SETTINGS, [tmp_path], ["pelican", "markdown"]) != base
    (tmp_path / "a.py").write_text("two")
    assert fingerprint.fingerprint(SETTINGS, [tmp_path], ["pelican"]) != base
    (tmp_path / "a.py").write_text("one")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("")
    assert fingerprint.fingerprint(SETTINGS, [tmp_path], ["pelican"]) != base


def test_where_the_build_writes_and_unstable_values_are_left_out(tmp_path):
    base = fingerprint.fingerprint(SETTINGS, [], [])
    moved = {**SETTINGS, "OUTPUT_PATH": "/out-2", "HOOK": object()}
    assert fingerprint.fingerprint(moved, [], []) == base


def test_bytecode_caches_are_not_inputs(tmp_path):
    (tmp_path / "a.py").write_text("one")
    base = fingerprint.fingerprint(SETTINGS, [tmp_path], [])
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert fingerprint.fingerprint(SETTINGS, [tmp_path], []) == base


def test_prune_keeps_the_most_recently_used_entries(tmp_path):
    now = time.time()
    for age, name in enumerate(["newest", "middle", "oldest"]):
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (now - age * 60, now - age * 60))
    cache.prune(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["middle", "newest"]
    cache.prune(tmp_path / "missing", keep=2)  # nothing there: nothing to do


def test_prune_takes_files_too_and_only_those_matching(tmp_path):
    now = time.time()
    for age, name in enumerate(["new.json", "old.json", "older.json", "keep.txt"]):
        (tmp_path / name).write_text("{}")
        os.utime(tmp_path / name, (now - age * 60, now - age * 60))
    cache.prune(tmp_path, keep=1, pattern="*.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "new.json"]


def test_a_key_changes_with_each_text_and_keeps_their_boundaries(tmp_path):
    assert cache.key("a", "b") == cache.key("a", "b")
    assert cache.key("a", "b") != cache.key("ab")
    assert cache.key("a", packages=["pelican"]) != cache.key("a")
