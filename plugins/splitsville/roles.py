"""The role vocabulary (content/roles.toml): temporary: replaced by issue 4's module at merge.

Only the part of issue 4's API that the authoring tools use (new-post, check), so this branch's
tests can run on their own. Take issue 4's file over this one when merging.
"""

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Role:
    name: str
    slug: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    roles: tuple[Role, ...]

    def _names(self) -> dict[str, Role]:
        return {
            spelling.casefold(): role
            for role in self.roles
            for spelling in (role.name, role.slug, *role.aliases)
        }

    def resolve(self, tag: str) -> Role | None:
        """The role a tag names (its name, slug or an alias, in any case), or None."""
        return self._names().get(tag.strip().casefold())

    def suggest(self, tag: str) -> str | None:
        """The role name closest to a misspelt tag, if any is close."""
        names = self._names()
        close = difflib.get_close_matches(tag.strip().casefold(), names, n=1, cutoff=0.6)
        return names[close[0]].name if close else None


def load_vocabulary(path: Path) -> Vocabulary:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return Vocabulary(
        tuple(
            Role(entry["name"], entry["slug"], tuple(entry.get("aliases", ())))
            for entry in data.get("role", [])
        )
    )


def unknown_role_message(source: str, tag: str, suggestion: str | None, vocab_path: str) -> str:
    hint = f"did you mean '{suggestion}'? " if suggestion else ""
    return f"{source}: unknown role '{tag}' - {hint}Use a role listed in {vocab_path}"
