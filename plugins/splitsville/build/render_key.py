"""What a rendered page is made of, as one hash: the render cache's key (render_cache.py).

A page is `template.render(context + kwargs)`. Its template, our plugin's code, the settings and
the libraries are in the build's fingerprint (content_cache.py). The rest is data, which this
module writes out canonically: every value a template could reach, walked to the bottom, so a
change anywhere changes the text. Two parts:

- the **site digest**, once per build: the global context every template sees (every post's and
  page's listing fields, the roles, the chart, THEME_COLORS, the settings ...) with one thing
  left out: the bodies of posts and pages. A body is large, and only its own page shows it;
- the **page key**: the fingerprint, the site digest, the template's name, the file's name, the
  writer's arguments, and the page's own objects in full, body included.

The one assumption, that a template shows no body but its own page's, is checked on the theme's
templates (`bodies_read_elsewhere`); where it fails the digest holds every body too, so the
key stays exact and only the savings go. Values are walked by type, objects by their
attributes; an object seen before is written as a back-reference, so shared objects (a post in
many lists) cost once and cycles end.
"""

import dataclasses
import hashlib
import types
from collections import deque
from collections.abc import Iterable, Mapping
from datetime import date, time, timedelta

from jinja2 import nodes
from pelican.contents import Content, Static
from pelican.urlwrappers import URLWrapper

from ..cache import NOT_INPUTS

# Attributes no template output depends on beyond what the key already holds: the settings (in
# the fingerprint and the digest) and the global context a post keeps (the digest itself).
SKIPPED = {"settings", "_context"}
# A post's body, as read, and what our reader counts in it (an attribute and a metadata field).
BODY = {"_content", "word_count"}
BODY_NAMES = BODY | {"content", "get_content", "_get_content", "__dict__"}
OWN = ("article", "page")  # the writer's keywords naming a page's own objects
# Pelican's tables of every file, for resolving {filename} links and copying static files: no
# template lists them, and their order is the order files happened to be read or linked in.
LOOKUPS = {"generated_content", "static_content", "staticfiles", "static_links"}
LEAVES = (type(None), bool, int, float, complex, bytes, date, time, timedelta)


class Canon:
    """Writes values as text tokens; remembers objects already written (and keeps them alive,
    so that no id is reused while it is remembered)."""

    def __init__(self, parent: "Canon | None" = None, bodies: bool = False, tag: str = "s"):
        self.parent, self.bodies, self.tag = parent, bodies, tag
        self.seen: dict[int, tuple[str, object]] = {}
        self.out: list[str] = []
        self.pending: deque[tuple[str, object]] = deque()

    def label(self, obj) -> str | None:
        canon = self
        while canon is not None:
            if (found := canon.seen.get(id(obj))) is not None:
                return found[0]
            canon = canon.parent
        return None

    def walk(self, obj) -> None:
        out = self.out
        if isinstance(obj, str):  # Markup and str render differently: the type is part of it
            out.append(f"{type(obj).__name__}{str.__repr__(obj)}")
            return
        if isinstance(obj, LEAVES):
            out.append(repr(obj))
            return
        if (label := self.label(obj)) is not None:
            out.append(label)
            return
        label = f"#{self.tag}{len(self.seen)}"
        self.seen[id(obj)] = (label, obj)
        out.append(f"{label}:{type(obj).__module__}.{type(obj).__qualname__}")
        if isinstance(obj, Mapping):
            self.pairs(obj.items())
        elif isinstance(obj, list | tuple):
            self.items(obj)
        elif isinstance(obj, set | frozenset):
            self.items(sorted(obj, key=repr))  # a set has no order of its own
        elif isinstance(obj, types.ModuleType):
            out.append(obj.__name__)
        elif isinstance(obj, type | types.FunctionType | types.BuiltinFunctionType):
            out.append(f"{obj.__module__}.{obj.__qualname__}")  # its code: in the fingerprint
        elif isinstance(obj, types.MethodType):
            out.append(obj.__func__.__qualname__)
            self.walk(obj.__self__)
        elif isinstance(obj, Content | URLWrapper) or dataclasses.is_dataclass(obj):
            self.pending.append((label, obj))  # written after: posts link posts a thousand deep
        elif hasattr(obj, "__dict__"):
            self.pending.append((label, obj))
        elif " at 0x" not in (text := repr(obj)):
            out.append(text)
        else:
            raise TypeError(f"no canonical form for {type(obj).__qualname__}")

    def drain(self) -> None:
        """Write out the objects referred to so far, and those they refer to, one by one."""
        while self.pending:
            label, obj = self.pending.popleft()
            self.out.append(f"{label}=")
            if isinstance(obj, Content | URLWrapper):
                self.pairs(self.fields(obj))
            elif dataclasses.is_dataclass(obj):
                self.pairs((f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj))
            else:
                self.pairs((k, v) for k, v in vars(obj).items() if k not in SKIPPED)

    def fields(self, obj) -> Iterable[tuple[str, object]]:
        """A post's, page's or role's attributes, and what Pelican computes from them; a body
        only where this Canon writes bodies (a page's own objects, or every post if needed)."""
        # Computed first: computing them may set attributes (a role's slug, made when asked).
        computed = [("url", obj.url), ("save_as", obj.save_as)]
        if isinstance(obj, URLWrapper):
            computed += [("name", obj.name), ("slug", obj.slug)]
        elif not isinstance(obj, Static):
            computed.append(("summary", obj.summary))  # from the body when there is no Summary
            if self.bodies:
                computed.append(("content", obj.content))  # links to other posts resolved
        yield from computed
        for name, value in vars(obj).items():
            if name == "metadata" and not self.bodies:
                value = {k: v for k, v in value.items() if k not in BODY}
            if name not in SKIPPED and (name not in BODY or self.bodies):
                yield name, value

    def pairs(self, items: Iterable[tuple[object, object]]) -> None:
        self.out.append("{")
        for name, value in items:  # in their own order: a template loops in that order
            self.walk(name)
            self.out.append("=")
            self.walk(value)
        self.out.append("}")

    def items(self, values: Iterable) -> None:
        self.out.append("[")
        for value in values:
            self.walk(value)
            self.out.append(",")
        self.out.append("]")

    def digest(self) -> str:
        self.drain()
        return hashlib.sha256("\x1f".join(self.out).encode()).hexdigest()


def site_digest(context: Mapping, bodies: bool = False, environment=None) -> tuple[str, Canon]:
    """The hash of the global context (bodies left out unless `bodies`) and of what the Jinja
    environment gives every template (its filters, tests and globals, by name and code), and
    the Canon that wrote it, whose back-references the page keys use."""
    canon = Canon(bodies=bodies)
    if environment is not None:
        canon.items([environment.filters, environment.tests, environment.globals])
    items = []
    for name, value in context.items():
        if name in LOOKUPS:  # filled in an order that varies from build to build: sorted
            value = dict(sorted(value.items())) if isinstance(value, Mapping) else _by_path(value)
        if name not in NOT_INPUTS:
            items.append((name, value))
    canon.pairs(items)
    digest = canon.digest()
    canon.out = []  # the page keys need only its back-references: the text can go
    return digest, canon


def _by_path(values: Iterable) -> list:
    return sorted(values, key=lambda value: str(getattr(value, "source_path", value)))


def page_key(
    fingerprint: str,
    site: tuple[str, Canon],
    template: str,
    name: str,
    args: tuple,
    kwargs: Mapping,
) -> str:
    """The key of one write_file call: everything its output is rendered from."""
    digest, parent = site
    canon = Canon(parent, bodies=True, tag="p")
    canon.items([fingerprint, digest, template, name])
    canon.items(args)
    canon.pairs(kwargs.items())
    for own in OWN:  # the page's own post or page in full: it shows its body
        obj = kwargs.get(own)
        if isinstance(obj, Content) and parent.label(obj) is not None:
            # Its other fields are in the digest; one first seen here is written whole.
            # Its body as read: what Pelican shows of it (its links to other posts resolved)
            # follows from that and from the digest, which holds every post's address.
            canon.out.append(own)
            canon.pairs([(name, getattr(obj, name, None)) for name in sorted(BODY)])
    return canon.digest()


def audit(environment, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """What in the templates the key's design must know, as `template:line: what` lines:
    (places that could show a body other than the page's own, places that read a value the
    key leaves out). The first makes the digest hold every body; the second turns the cache
    off for the build.

    A body may be read only as `article.content` or `page.content` (the page's own objects),
    and neither name may be bound to anything else; a string naming a body (`|attr("content")`,
    `map(attribute="content")`) counts as reading one.
    """
    bodies, unkeyed = [], []
    for name in names:
        source = environment.loader.get_source(environment, name)[0]
        for node in environment.parse(source).find_all(nodes.Node):
            if what := _problem(node):
                found = unkeyed if what.endswith("leaves out") else bodies
                found.append(f"{name}:{node.lineno}: {what}")
    return bodies, unkeyed


def _problem(node) -> str | None:
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        owner = node.node
        if attr in BODY_NAMES and not (isinstance(owner, nodes.Name) and owner.name in OWN):
            return f"reads .{attr} of something other than {' or '.join(OWN)}"
    elif isinstance(node, nodes.Const) and node.value in BODY_NAMES:
        return f'names "{node.value}"'
    elif isinstance(node, nodes.Name) and node.ctx in ("store", "param") and node.name in OWN:
        return f"binds {node.name} to something else"
    elif isinstance(node, nodes.Name) and node.name in NOT_INPUTS:
        return f"reads {node.name}, which the key leaves out"
    return None
