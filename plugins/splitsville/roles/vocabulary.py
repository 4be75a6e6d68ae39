"""The role vocabulary: roles.toml read, checked and matched, as plain logic (no Pelican imports).

Posts name their roles in `Tags:`. Pelican would merge "Project Manager" and "project manager"
under whichever spelling it met first and would invent a page for any typo; here every tag must
match one role of the vocabulary, by name or alias, ignoring case, spaces, hyphens and
underscores, and an unknown tag gets the closest known role as a suggestion.
"""

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REQUIRED = ("name", "slug", "description")
KNOWN = (*REQUIRED, "aliases", "related")


class VocabularyError(Exception):
    """The vocabulary file is missing, malformed or contradicts itself: one line says where."""


@dataclass(frozen=True)
class Role:
    name: str
    slug: str
    description: str  # Markdown
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # slugs of other roles


def normalise(name: str) -> str:
    """The matching key of a role name: case, spaces, hyphens and underscores don't count.

    NFKC first, so full-width letters and other compatibility forms match their plain
    equivalents, then casefold (unicode-aware lower case: "STRASSE" matches "Straße").
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(
        ch for ch in text if not (ch.isspace() or ch == "_" or unicodedata.category(ch) == "Pd")
    )


@dataclass
class Vocabulary:
    roles: tuple[Role, ...]
    path: Path
    # The two roles whose shared posts get a page of their own (the top-level `compare` of the
    # file), or None: which roles to set side by side is the content's call, like the roles.
    compare: tuple[Role, Role] | None = None
    _keys: dict[str, Role] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self._keys:
            self._keys = {
                normalise(label): role
                for role in self.roles
                for label in (role.name, *role.aliases)
            }

    def resolve(self, tag: str) -> Role | None:
        """The role a tag names (by its name or an alias, in any spelling), or None."""
        return self._keys.get(normalise(tag))

    def suggest(self, tag: str) -> str | None:
        """The canonical name of the role closest to an unknown tag, or None if none is close.

        Closest by edit distance (a typo is one or two slips of the keyboard), counting a swap of
        two neighbouring letters as one slip; a match may differ in a third of its letters at most.
        """
        best = closest(normalise(tag), self._keys)
        return None if best is None else self._keys[best].name

    def __iter__(self):
        return iter(self.roles)

    def __len__(self) -> int:
        return len(self.roles)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to word by edit distance, or None if none is close: a match may
    differ in a third of its letters at most. Also suggests files for broken links (posts/)."""
    scored = [(edit_distance(word, known), known) for known in candidates] if word else []
    if not scored:
        return None
    distance, best = min(scored)
    return None if distance > max(len(word), len(best)) // 3 else best


def edit_distance(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours that turn a into b."""
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def unknown_role_message(source: str, tag: str, suggestion: str | None, vocab_path: str) -> str:
    """The one line an author reads when a post names a role the vocabulary lacks."""
    hint = f"did you mean '{suggestion}'?" if suggestion else "no known role is close."
    return f"{source}: unknown role '{tag}' - {hint} Roles live in {vocab_path}"


def first_sentence(markdown: str) -> str:
    """The description's first sentence (of its first paragraph), for the roles overview."""
    paragraph = " ".join(markdown.strip().split("\n\n")[0].split())
    match = re.search(r"[.!?][\"')\u201d\u2019]?(?=\s+[A-Z\"'\u201c\u2018(])", paragraph)
    return paragraph[: match.end()] if match else paragraph


def co_occurrence(posts: Iterable[Iterable[str]], slugs: Sequence[str]) -> list[list[int]]:
    """How many posts carry each pair of roles, as a square matrix in the order of `slugs`.

    Cell [i][j] counts the posts that carry both role i and role j; the diagonal counts each
    role's posts. A role listed twice in one post counts once.
    """
    index = {slug: i for i, slug in enumerate(slugs)}
    matrix = [[0] * len(slugs) for _ in slugs]
    for post in posts:
        present = sorted({index[slug] for slug in post})
        for i in present:
            for j in present:
                matrix[i][j] += 1
    return matrix


def load_vocabulary(path: Path | str, shown_as: str | None = None) -> Vocabulary:
    """Read and check a roles.toml; raise VocabularyError naming the file, role and fix."""
    path = Path(path)
    where = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VocabularyError(
            f"{where}: no role vocabulary here: create it, or point SPLITSVILLE['roles'] "
            "in pelicanconf.py at it"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise VocabularyError(f"{where}: not valid TOML ({error}): fix the syntax") from None
    tables = data.get("role")
    if not isinstance(tables, list) or not tables:
        raise VocabularyError(f"{where}: no roles found: add a [[role]] table per role")
    headers = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if re.match(r"\s*\[\[\s*role\s*\]\]", line)
    ]
    # Each role's errors point at its [[role]] line (tomllib keeps no positions of its own).
    places = [
        f"{where}:{headers[number]}" if number < len(headers) else where
        for number in range(len(tables))
    ]
    roles = [_role(table, place) for table, place in zip(tables, places, strict=True)]
    _check_consistency(roles, places)
    return Vocabulary(tuple(roles), path, compare=_compare(data, roles, text, where))


def _compare(data: dict, roles: list[Role], text: str, where: str) -> tuple[Role, Role] | None:
    """The top-level `compare = ["slug", "slug"]`: two different roles of this file, or none."""
    pair = data.get("compare")
    if pair is None or pair == []:
        return None
    line = next(
        (n for n, row in enumerate(text.splitlines(), start=1) if re.match(r"\s*compare\s*=", row)),
        0,
    )
    place = f"{where}:{line}" if line else where
    known = {role.slug: role for role in roles}
    if not isinstance(pair, list) or len(pair) != 2 or len(set(map(str, pair))) != 2:
        raise VocabularyError(
            f"{place}: compare must name two different role slugs, e.g. "
            '["project-manager", "account-manager"], or be left out for no compare page'
        )
    wrong = [slug for slug in pair if slug not in known]
    if wrong:
        close = difflib.get_close_matches(str(wrong[0]), list(known), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise VocabularyError(
            f"{place}: compare names '{wrong[0]}', which is no role's slug{hint}: use the slugs "
            "of two roles in this file"
        )
    return known[pair[0]], known[pair[1]]


def _role(table: dict, where: str) -> Role:
    label = f"role '{table['name']}'" if isinstance(table.get("name"), str) else "a role"
    missing = [key for key in REQUIRED if key not in table]
    if missing:
        raise VocabularyError(f"{where}: {label} has no {', '.join(missing)}: add it")
    unknown = sorted(set(table) - set(KNOWN))
    if unknown:
        raise VocabularyError(
            f"{where}: {label} has unknown field(s) {', '.join(unknown)}: "
            f"use only {', '.join(KNOWN)}"
        )
    for key in REQUIRED:
        if not isinstance(table[key], str) or not table[key].strip():
            raise VocabularyError(f"{where}: {label}: {key} must be a non-empty string")
    for key in ("aliases", "related"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            raise VocabularyError(f"{where}: {label}: {key} must be a list of non-empty strings")
    labels = [table["name"], *table.get("aliases", [])]
    if any(ch in label for label in labels for ch in "<>"):
        # Pelican strips anything between < and > from feed titles, as if it were markup.
        raise VocabularyError(f"{where}: {label}: names and aliases may not contain < or >")
    if not SLUG.fullmatch(table["slug"]):
        raise VocabularyError(
            f"{where}: {label}: slug '{table['slug']}' must be lower-case letters, digits "
            "and single hyphens, e.g. 'account-manager'"
        )
    return Role(
        name=table["name"].strip(),
        slug=table["slug"],
        description=table["description"].strip(),
        aliases=tuple(alias.strip() for alias in table.get("aliases", [])),
        related=tuple(table.get("related", [])),
    )


def _check_consistency(roles: list[Role], places: list[str]) -> None:
    """Slugs unique, every name and alias one role's only, related slugs known."""
    where = dict(zip((role.slug for role in roles), places, strict=True))
    slugs: dict[str, Role] = {}
    for role, place in zip(roles, places, strict=True):
        if role.slug in slugs:
            raise VocabularyError(
                f"{place}: roles '{slugs[role.slug].name}' and '{role.name}' share the slug "
                f"'{role.slug}': give each role its own slug"
            )
        slugs[role.slug] = role
    claimed: dict[str, tuple[Role, str]] = {}
    for role in roles:
        for label in (role.name, *role.aliases):
            key = normalise(label)
            if not key:
                raise VocabularyError(
                    f"{where[role.slug]}: role '{role.name}': a name or alias is empty"
                )
            owner, owner_label = claimed.get(key, (role, label))
            if owner is not role:
                what = "name" if owner_label == owner.name else "alias"
                raise VocabularyError(
                    f"{where[role.slug]}: '{label}' of role '{role.name}' matches the {what} "
                    f"'{owner_label}' of role '{owner.name}': a name or alias may belong "
                    "to one role only"
                )
            claimed[key] = (role, label)
    for role in roles:
        for slug in role.related:
            if slug not in slugs:
                close = difflib.get_close_matches(slug, list(slugs), n=1, cutoff=0.5)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise VocabularyError(
                    f"{where[role.slug]}: role '{role.name}' lists related role '{slug}', "
                    f"which is no role's slug{hint}: use the slug of a role in this file"
                )
            if slug == role.slug:
                raise VocabularyError(
                    f"{where[role.slug]}: role '{role.name}' lists itself as related: "
                    f"remove '{slug}'"
                )
