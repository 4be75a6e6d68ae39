"""A post's or page's address worked out once, from the moment it can no longer change.

Pelican works out `url` and `save_as` again on every use: a copy of the post's metadata, its
source path made relative, the setting's pattern formatted. Listing pages, the posts beside a
post, feeds and the sitemap ask for thousands of them, a tenth of the time spent rendering.
Once the writer starts, everything an address is made from is settled (drafts are dropped,
slugs and translations decided): from then on each is kept on its object.
"""

from pelican.contents import Content

from ..state import state


class SettledAddress:
    """Content.url or Content.save_as: Pelican's property, kept on the object once settled."""

    def __init__(self, key: str):
        self.key, self.kept = key, f"_settled_{key}"

    def __get__(self, content, owner=None):
        if content is None:
            return self
        if not state.urls_settled:
            return content.get_url_setting(self.key)
        try:
            return content.__dict__[self.kept]
        except KeyError:
            value = content.__dict__[self.kept] = content.get_url_setting(self.key)
            return value

    def __set__(self, content, value):  # as Pelican's read-only property refuses it
        raise AttributeError(f"property {self.key!r} of {type(content).__name__!r} has no setter")


def install() -> None:
    Content.url = SettledAddress("url")
    Content.save_as = SettledAddress("save_as")


def settle(*_) -> None:
    """The writer is starting: addresses are settled from now on."""
    state.urls_settled = True
