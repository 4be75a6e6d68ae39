"""The render cache's store (build/render_cache.py): what a page wrote comes back whole, or
not at all."""

from datetime import UTC, datetime

from splitsville.build.render_cache import RenderCache, read_back, write_out

NEWEST = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
FILES = [("index.html", NEWEST, b"<p>home</p>"), ("page/2/index.html", None, "é\n".encode())]


def test_an_entry_comes_back_as_it_was_put(tmp_path):
    store = RenderCache(tmp_path)
    store.put("k", FILES)
    assert store.get("k") == FILES
    assert store.get("other") is None
    store.put("k", FILES[:1])  # a new render of the same key replaces it whole
    assert store.get("k") == FILES[:1]


def test_a_damaged_entry_is_a_miss(tmp_path):
    store = RenderCache(tmp_path)
    store.put("k", FILES)
    entry = (tmp_path / "k").read_bytes()
    for damaged in [entry[:-1], entry + b"x", entry.replace(b"home", b"hove"), b"", b"{}\n"]:
        (tmp_path / "k").write_bytes(damaged)
        assert store.get("k") is None, damaged


def test_only_the_entries_a_build_used_are_kept(tmp_path):
    store = RenderCache(tmp_path)
    for key in ("a", "b", "c"):
        store.put(key, FILES)
    store.keep_only({"a", "c"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "c"]


def test_files_are_copied_out_and_read_back_by_their_place_in_the_output(tmp_path):
    written = write_out(str(tmp_path), FILES)
    assert written == [
        (str(tmp_path / "index.html"), NEWEST),
        (str(tmp_path / "page/2/index.html"), None),
    ]
    assert (tmp_path / "page" / "2" / "index.html").read_bytes() == FILES[1][2]
    assert read_back(str(tmp_path), written) == FILES
