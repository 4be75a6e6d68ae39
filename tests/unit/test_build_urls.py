"""plugins/splitsville/build/urls.py: a post's address worked out once, once it is settled."""

from datetime import datetime

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from splitsville.build import urls
from splitsville.state import reset


@pytest.fixture
def post():
    urls.install()
    reset(None)
    settings = {
        **DEFAULT_CONFIG,
        "ARTICLE_URL": "posts/{slug}/",
        "ARTICLE_SAVE_AS": "posts/{slug}/index.html",
    }
    metadata = {"title": "One", "slug": "one", "date": datetime(2026, 1, 2)}
    yield Article("<p>One.</p>", metadata=metadata, settings=settings, source_path="one.md")
    reset(None)


def test_until_the_writer_starts_an_address_follows_its_post(post):
    assert (post.url, post.save_as) == ("posts/one/", "posts/one/index.html")
    post.slug = "renamed"  # drafts settled, a slug decided: still before the writer
    assert (post.url, post.save_as) == ("posts/renamed/", "posts/renamed/index.html")


def test_once_settled_an_address_is_worked_out_once(post, monkeypatch):
    urls.settle()
    assert post.url == "posts/one/"
    asked = []
    monkeypatch.setattr(Article, "get_url_setting", lambda self, key: asked.append(key) or "?")
    assert (post.url, post.save_as) == ("posts/one/", "?")
    assert (post.url, post.save_as) == ("posts/one/", "?")
    assert asked == ["save_as"]  # url was kept; save_as worked out once, then kept too


def test_an_address_stays_read_only(post):
    with pytest.raises(AttributeError):
        post.url = "elsewhere/"
    urls.settle()
    with pytest.raises(AttributeError):
        post.save_as = "elsewhere/index.html"
