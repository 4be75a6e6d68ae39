"""The role vocabulary of plugins/splitsville/roles/vocabulary.py: loading, checking, matching,
suggesting."""

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from splitsville.roles import vocabulary as roles

ROOT = Path(__file__).resolve().parents[2]
REAL = roles.load_vocabulary(ROOT / "content" / "roles.toml")
# Exact names belong to the fixture site's vocabulary: the real one is the site owner's to change.
FIXTURE = roles.load_vocabulary(ROOT / "tests" / "fixtures" / "site" / "roles.toml")
LABELS = [(role, label) for role in REAL for label in (role.name, *role.aliases)]
SEPARATORS = ["", " ", "  ", "-", "_", " - ", "\t", "\u2013", "\u00a0"]


def role_toml(name, slug, extra="", description="What the role does."):
    return f'[[role]]\nname = "{name}"\nslug = "{slug}"\ndescription = "{description}"\n{extra}\n'


def write(tmp_path, *tables: str) -> Path:
    path = tmp_path / "roles.toml"
    path.write_text("# roles\n\n" + "\n".join(tables), encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(roles.VocabularyError) as caught:
        roles.load_vocabulary(path, shown_as="content/roles.toml")
    message = str(caught.value)
    assert "\n" not in message, message
    assert message.startswith("content/roles.toml"), message
    return message


@st.composite
def spelling(draw, label: str) -> str:
    """The label with any case per letter and any separators between (and around) its words."""
    words = label.split()
    cased = [
        "".join(draw(st.sampled_from([ch, ch.lower(), ch.upper()])) for ch in word)
        for word in words
    ]
    text = cased[0]
    for word in cased[1:]:
        text += draw(st.sampled_from(SEPARATORS[1:])) + word
    return draw(st.sampled_from(SEPARATORS)) + text + draw(st.sampled_from(SEPARATORS))


# --- Matching --------------------------------------------------------------------------------


@given(st.data())
def test_any_spelling_of_a_name_or_alias_resolves_to_its_role(data):
    role, label = data.draw(st.sampled_from(LABELS))
    variant = data.draw(spelling(label))
    assert REAL.resolve(variant) == role, (variant, label)


@given(st.data())
def test_normalise_ignores_case_and_separators_only(data):
    _, label = data.draw(st.sampled_from(LABELS))
    assert roles.normalise(data.draw(spelling(label))) == roles.normalise(label)
    assert roles.normalise(roles.normalise(label)) == roles.normalise(label)


def test_examples_from_the_issue_land_on_the_canonical_role():
    for tag in ["project manager", "PROJECT MANAGER", "Project-Manager", "project_manager", "PM"]:
        assert FIXTURE.resolve(tag).name == "Project Manager", tag
    for tag in ["ACCOUNT MANAGER", "Account-Manager", "account executive"]:
        assert FIXTURE.resolve(tag).slug == "account-manager", tag
    assert FIXTURE.resolve("research lead").name == 'R&D "Lead"'


def test_unicode_case_folding_and_compatibility_forms():
    vocabulary = roles.Vocabulary(
        (roles.Role("Straßen Planner", "strassen-planner", "d", aliases=("Ｆｕｌｌ Ｗｉｄｔｈ",)),),
        Path("roles.toml"),
    )
    assert vocabulary.resolve("STRASSEN-PLANNER").slug == "strassen-planner"
    assert vocabulary.resolve("full width").slug == "strassen-planner"
    assert roles.normalise("Ǆ Ǉ") == roles.normalise("dž-lj")


def test_words_must_match_not_just_letters_in_some_order():
    assert REAL.resolve("Manager Project") is None
    assert REAL.resolve("Project") is None
    assert REAL.resolve("") is None


# --- Suggestions -----------------------------------------------------------------------------


def test_the_issue_example_suggests_account_manager():
    assert REAL.resolve("Acount Manager") is None
    assert REAL.suggest("Acount Manager") == "Account Manager"


@given(st.data())
def test_a_one_letter_typo_of_a_name_suggests_that_name(data):
    role = data.draw(st.sampled_from(REAL.roles))
    letters = [i for i, ch in enumerate(role.name) if ch.isalpha()]
    at = data.draw(st.sampled_from(letters))
    edit = data.draw(st.sampled_from(["delete", "replace", "insert", "swap"]))
    new = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    name = role.name
    typo = {
        "delete": name[:at] + name[at + 1 :],
        "replace": name[:at] + new + name[at + 1 :],
        "insert": name[:at] + new + name[at:],
        "swap": name[:at] + name[at + 1 : at + 2] + name[at] + name[at + 2 :],
    }[edit]
    assume(REAL.resolve(typo) is None)
    assert REAL.suggest(typo) == role.name, typo


def test_an_alias_typo_suggests_the_canonical_name_not_the_alias():
    assert REAL.suggest("Acount Executive") == "Account Manager"


def test_nothing_close_means_no_suggestion():
    assert REAL.suggest("Zebra Wrangler") is None
    assert REAL.suggest("") is None


def test_unknown_role_message_is_the_one_line_of_the_issue():
    assert (
        roles.unknown_role_message(
            "posts/x.md", "Acount Manager", "Account Manager", "content/roles.toml"
        )
        == "posts/x.md: unknown role 'Acount Manager' - did you mean 'Account Manager'? "
        "Roles live in content/roles.toml"
    )
    assert roles.unknown_role_message("posts/x.md", "Zebra", None, "content/roles.toml") == (
        "posts/x.md: unknown role 'Zebra' - no known role is close. "
        "Roles live in content/roles.toml"
    )


# --- The real vocabulary and the fixture site's ------------------------------------------------


def test_every_real_role_answers_to_its_name_and_aliases_and_has_a_summary():
    """Whatever roles the owner keeps: each is found by every label it declares, and the Roles
    page has a sentence to show for it."""
    assert len(REAL) >= 1
    for role in REAL:
        for label in (role.name, *role.aliases):
            assert REAL.resolve(label) == role, (role.name, label)
        assert roles.first_sentence(role.description).strip(), role.name


def test_the_fixture_vocabulary_loads_as_written():
    assert [role.slug for role in FIXTURE] == [
        "project-manager",
        "account-manager",
        "strassen-planner",
        "r-and-d-lead",
        "unused-role",
    ]
    pm = FIXTURE.resolve("PM")
    assert (pm.name, pm.aliases) == ("Project Manager", ("PM",))
    assert pm.related == ("account-manager", "unused-role")
    assert len(pm.description.strip().split("\n\n")) == 2
    assert roles.first_sentence(pm.description) == "A project manager runs the work."
    assert FIXTURE.resolve("Account Executive").slug == "account-manager"
    assert FIXTURE.resolve("stra\u00dfen planner").name == "Stra\u00dfen Planner"


# --- Checks at load time ---------------------------------------------------------------------


def test_a_good_file_loads_in_order(tmp_path):
    path = write(
        tmp_path,
        role_toml("B Role", "b-role", 'aliases = ["Bee"]\nrelated = ["a-role"]'),
        role_toml("A Role", "a-role"),
    )
    vocabulary = roles.load_vocabulary(path)
    assert [role.slug for role in vocabulary] == ["b-role", "a-role"]
    assert vocabulary.resolve("bee").related == ("a-role",)
    assert next(r for r in vocabulary if r.slug == "a-role").aliases == ()


def test_two_roles_with_one_slug(tmp_path):
    message = load_error(write(tmp_path, role_toml("One", "same"), role_toml("Two", "same")))
    assert "roles 'One' and 'Two' share the slug 'same'" in message


def test_an_alias_claimed_by_two_roles(tmp_path):
    path = write(
        tmp_path,
        role_toml("One", "one", 'aliases = ["Lead"]'),
        role_toml("Two", "two", 'aliases = ["lead"]'),
    )
    message = load_error(path)
    assert "'lead' of role 'Two' matches the alias 'Lead' of role 'One'" in message
    lines = path.read_text().splitlines()
    second = [n for n, line in enumerate(lines, start=1) if line == "[[role]]"][1]
    assert message.startswith(f"content/roles.toml:{second}: "), message


def test_an_alias_equal_to_another_roles_name(tmp_path):
    path = write(
        tmp_path, role_toml("Project Manager", "pm"), role_toml("Other", "o", 'aliases = ["P-M"]')
    )
    path.write_text(path.read_text().replace('"P-M"', '"project_manager"'))
    assert "matches the name 'Project Manager'" in load_error(path)


def test_two_names_that_differ_only_in_spelling(tmp_path):
    path = write(tmp_path, role_toml("Project Manager", "a"), role_toml("project-manager", "b"))
    assert "matches the name 'Project Manager'" in load_error(path)


def test_an_alias_repeating_its_own_roles_name_is_harmless(tmp_path):
    path = write(tmp_path, role_toml("Project Manager", "pm", 'aliases = ["project manager"]'))
    assert roles.load_vocabulary(path).resolve("PROJECT MANAGER").slug == "pm"


def test_an_unknown_related_slug_gets_a_suggestion(tmp_path):
    path = write(
        tmp_path, role_toml("One", "account-manager"), role_toml("Two", "b", 'related = ["acount"]')
    )
    message = load_error(path)
    assert "related role 'acount', which is no role's slug" in message
    assert "did you mean 'account-manager'?" in message


def test_a_role_related_to_itself(tmp_path):
    assert "lists itself as related" in load_error(
        write(tmp_path, role_toml("One", "one", 'related = ["one"]'))
    )


@pytest.mark.parametrize("field", ["name", "slug", "description"])
def test_a_missing_field_is_named(tmp_path, field):
    table = role_toml("One", "one")
    table = "\n".join(line for line in table.splitlines() if not line.startswith(field))
    assert f"has no {field}: add it" in load_error(write(tmp_path, table))


def test_a_misspelt_field_is_named(tmp_path):
    message = load_error(write(tmp_path, role_toml("One", "one", 'alias = ["Uno"]')))
    assert "unknown field(s) alias" in message and "aliases" in message


@pytest.mark.parametrize(
    "extra, problem",
    [
        ('aliases = "Uno"', "aliases must be a list of non-empty strings"),
        ('aliases = [""]', "aliases must be a list of non-empty strings"),
        ("related = [1]", "related must be a list of non-empty strings"),
    ],
)
def test_wrong_types(tmp_path, extra, problem):
    assert problem in load_error(write(tmp_path, role_toml("One", "one", extra)))


@pytest.mark.parametrize("slug", ["Project-Manager", "project manager", "pm-", "é"])
def test_a_slug_must_be_plain(tmp_path, slug):
    assert "must be lower-case letters" in load_error(write(tmp_path, role_toml("One", slug)))


def test_malformed_toml_names_the_line(tmp_path):
    path = write(tmp_path, role_toml("One", "one") + 'name = "twice"\n')
    message = load_error(path)
    assert "not valid TOML" in message and "line" in message


def test_angle_brackets_in_names(tmp_path):
    path = write(tmp_path, role_toml("One", "one", 'aliases = ["<b>Uno</b>"]'))
    assert "may not contain < or >" in load_error(path)


def test_a_file_without_roles(tmp_path):
    assert "no roles found" in load_error(write(tmp_path, 'title = "no roles"'))


def test_a_missing_file(tmp_path):
    assert "no role vocabulary here" in load_error(tmp_path / "absent.toml")


# --- Text helpers and the co-occurrence count ------------------------------------------------


@pytest.mark.parametrize(
    "text, first",
    [
        ("One. Two.", "One."),
        ('Called "in the weeds." Then more.', 'Called "in the weeds."'),
        ("No full stop at all", "No full stop at all"),
        ("Is it? Yes.", "Is it?"),
        ("Line one\nwraps here. Next.\n\nSecond paragraph.", "Line one wraps here."),
        ("", ""),
    ],
)
def test_first_sentence(text, first):
    assert roles.first_sentence(text) == first


def test_co_occurrence_counts_pairs_once_per_post():
    matrix = roles.co_occurrence([["a", "b", "b"], ["a"], [], ["b", "c"]], ["a", "b", "c"])
    assert matrix == [[2, 1, 0], [1, 2, 1], [0, 1, 1]]


@given(st.lists(st.lists(st.sampled_from("abcd"), max_size=4), max_size=12))
def test_co_occurrence_is_symmetric_and_bounded_by_the_diagonal(posts):
    slugs = list("abcd")
    matrix = roles.co_occurrence(posts, slugs)
    for i in range(4):
        assert matrix[i][i] == sum(slugs[i] in post for post in posts)
        for j in range(4):
            assert matrix[i][j] == matrix[j][i] <= min(matrix[i][i], matrix[j][j])


@pytest.mark.parametrize(
    "a, b, distance",
    [
        ("", "", 0),
        ("", "abc", 3),
        ("acountmanager", "accountmanager", 1),
        ("rpojectmanager", "projectmanager", 1),
        ("kitten", "sitting", 3),
        ("abc", "ca", 3),
    ],
)
def test_edit_distance(a, b, distance):
    assert roles.edit_distance(a, b) == distance == roles.edit_distance(b, a)


def test_a_swap_suggests_the_role_not_a_longer_alias():
    # Found by hypothesis: difflib's ratio preferred the alias "Sr Project Manager" here.
    assert REAL.suggest("rPoject Manager") == "Project Manager"


# --- The compare pair: the top-level `compare` of the vocabulary ------------------------------
TWO = (
    role_toml("Project Manager", "project-manager"),
    role_toml("Account Manager", "account-manager"),
)


def test_compare_names_two_roles_of_the_file(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text('compare = ["account-manager", "project-manager"]\n\n' + "\n".join(TWO))
    first, second = roles.load_vocabulary(path).compare
    assert (first.name, second.name) == ("Account Manager", "Project Manager")


@pytest.mark.parametrize("line", ["", "compare = []\n"])
def test_no_compare_means_no_compare_page(tmp_path, line):
    path = tmp_path / "roles.toml"
    path.write_text(line + "\n".join(TWO))
    assert roles.load_vocabulary(path).compare is None


@pytest.mark.parametrize(
    "value, says",
    [
        ('["project-manager"]', "compare must name two different role slugs"),
        ('["project-manager", "project-manager"]', "compare must name two different role slugs"),
        ('"project-manager"', "compare must name two different role slugs"),
        ('["project-manager", "acount-manager"]', "did you mean 'account-manager'?"),
    ],
)
def test_a_wrong_compare_names_its_line_and_the_fix(tmp_path, value, says):
    path = tmp_path / "roles.toml"
    path.write_text(f"# roles\ncompare = {value}\n\n" + "\n".join(TWO), encoding="utf-8")
    message = load_error(path)
    assert message.startswith("content/roles.toml:2: ") and says in message, message
