"""The render cache's key (build/render_key.py): any input of a page changes it; another post's
body does not; the template audit finds what the key could not cover."""

import copy

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader
from markupsafe import Markup
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag
from pelican.utils import SafeDatetime
from splitsville.build import render_key

from helpers import ROOT

SETTINGS = {**copy.deepcopy(DEFAULT_CONFIG), "ARTICLE_URL": "posts/{slug}/"}


def post(slug: str, body: str = "<p>Body.</p>", **metadata) -> Article:
    fields = {
        "title": slug.title(),
        "slug": slug,
        "date": SafeDatetime(2026, 1, 5, 10, 0),
        "summary": f"About {slug}.",
        "tags": [Tag("Project Manager", SETTINGS)],
        "word_count": len(body.split()),
        **metadata,
    }
    return Article(body, metadata=fields, settings=SETTINGS, context={"generated_content": {}})


def site(first: Article, second: Article, **extra) -> dict:
    return {"SITENAME": "S", "articles": [first, second], "dates": [second, first], **extra}


def key(context, own, name="posts/one/index.html", template="article", args=(), **kwargs):
    digest = render_key.site_digest(context)
    kwargs = {"article": own, "url": own.url, **kwargs}
    return render_key.page_key("fp", digest, template, name, args, kwargs)


def test_the_same_inputs_give_the_same_key_in_objects_made_afresh():
    one, two = post("one"), post("two")
    again_one, again_two = post("one"), post("two")
    assert key(site(one, two), one) == key(site(again_one, again_two), again_one)


def test_any_input_of_the_page_changes_its_key():
    one, two = post("one"), post("two")
    base = key(site(one, two), one)
    digest = render_key.site_digest(site(one, two))
    kwargs = {"article": one, "url": one.url}
    assert (
        render_key.page_key("other", digest, "article", "posts/one/index.html", (), kwargs) != base
    )
    assert key(site(one, two), one, template="page") != base
    assert key(site(one, two), one, name="posts/one/other.html") != base
    assert key(site(one, two), one, args=(True,)) != base
    assert key(site(one, two), one, blog=True) != base
    assert key(site(one, two, SITENAME="T"), one) != base
    assert key(site(one, two, THEME_COLORS={"light": "#fff"}), one) != base
    # The page's own post: its body (and what is counted in it) and any field.
    own = post("one", "<p>Another body.</p>")
    assert key(site(own, two), own) != base
    for field, value in [
        ("title", "One, retitled"),
        ("date", SafeDatetime(2026, 1, 4, 9, 0)),
        ("tags", [Tag("Account Manager", SETTINGS)]),
        ("summary", "Other."),
        ("status", "draft"),
    ]:
        changed = post("one", **{field: value})
        assert key(site(changed, two), changed) != base, field


def test_another_posts_listing_fields_change_the_key_and_its_body_does_not():
    one, two = post("one"), post("two")
    base = key(site(one, two), one)
    assert key(site(one, post("two", "<p>A longer body, edited.</p>")), one) == base
    assert key(site(one, post("two", title="Two, retitled")), one) != base
    assert key(site(one, post("two", tags=[Tag("Account Manager", SETTINGS)])), one) != base
    assert key(site(one, post("two", date=SafeDatetime(2025, 1, 1))), one) != base
    # Unless the templates may show other bodies: then the digest holds every one.
    digest = render_key.site_digest(site(one, two), bodies=True)[0]
    edited = render_key.site_digest(site(one, post("two", "<p>Edited.</p>")), bodies=True)[0]
    assert digest != edited


def test_a_post_without_a_summary_is_listed_by_its_body():
    one = post("one")
    two, edited = post("two", summary=None), post("two", "<p>Edited.</p>", summary=None)
    del two.metadata["summary"], edited.metadata["summary"]
    assert key(site(one, two), one) != key(site(one, edited), one)


def test_values_keep_their_type_and_order():
    one, two = post("one"), post("two")
    assert key(site(one, two, X="<b>"), one) != key(site(one, two, X=Markup("<b>")), one)
    assert key(site(one, two, X=[1, 2]), one) != key(site(one, two, X=[2, 1]), one)
    assert key(site(one, two, X=[1]), one) != key(site(one, two, X=(1,)), one)
    assert key(site(one, two, X={"a": 1, "b": 2}), one) != key(
        site(one, two, X={"b": 2, "a": 1}), one
    )
    # Shared and cyclic values are written once, as back-references.
    loop: list = [1]
    loop.append(loop)
    assert key(site(one, two, X=loop), one) == key(site(one, two, X=loop), one)
    assert key(site(one, two, X=[[1], [1]]), one) != key(site(one, two, X=[[1], [2]]), one)


def test_where_the_build_writes_is_left_out_and_an_unknown_value_stops_the_key():
    one, two = post("one"), post("two")
    base = key(site(one, two, OUTPUT_PATH="/a"), one)
    assert key(site(one, two, OUTPUT_PATH="/b", CACHE_PATH="/c"), one) == base
    with pytest.raises(TypeError, match="no canonical form"):
        key(site(one, two, X=iter([])), one)


def audit(**templates: str) -> tuple[list[str], list[str]]:
    environment = Environment(loader=DictLoader(templates))
    return render_key.audit(environment, sorted(templates))


def test_the_audit_accepts_the_own_posts_body_and_finds_any_other():
    assert audit(a="{{ article.content }}{{ page.content|safe }}{{ item.summary }}") == ([], [])
    bodies, unkeyed = audit(
        a="{% for post in articles %}{{ post.content }}{% endfor %}",
        b="{% for article in articles %}{{ article.title }}{% endfor %}",
        c='{{ articles|map(attribute="content")|join }}',
        d="{{ articles[0]['_content'] }}{{ x.word_count }}",
        e="{% macro m(page) %}{% endmacro %}",
    )
    assert {line.split(":")[0] for line in bodies} == {"a", "b", "c", "d", "e"}
    assert unkeyed == []
    assert audit(a="{{ OUTPUT_PATH }}")[1] == ["a:1: reads OUTPUT_PATH, which the key leaves out"]


def test_the_themes_templates_pass_the_audit():
    """Else every build keeps every body in the digest: a body edit renders every page."""
    environment = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"))
    assert render_key.audit(environment, environment.list_templates()) == ([], [])
