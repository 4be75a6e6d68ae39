"""What an author reads about a post: every problem's wording, and the fix it names, in one place.

Each function returns "<problem> - <fix>"; the caller puts the file and line in front
(`source.Problem`). The build's stops (posts/wiring.py, build/reader.py) and `invoke check` use
the same words, so an author meets one message for one mistake wherever it is caught.
"""

# What `invoke new-post` writes as the Summary; a post may not be published with it.
SUMMARY_PLACEHOLDER = "TODO: one or two sentences saying what this post is about."


def too_big(size: int, limit: int) -> str:
    return (
        f"{size / 1_000_000:.1f} MB, over the {limit // 1_000_000} MB a post may be - "
        "split it into several posts"
    )


def not_utf8(byte: int) -> str:
    return f"not UTF-8 (byte 0x{byte:02x}) - save the file with UTF-8 encoding"


EMPTY_FILE = "empty file - write the metadata (Title, Date, Tags, Summary) and a body"
NO_BODY = "no body - write the post below the metadata, after a blank line"
PLACEHOLDER_SUMMARY = "Summary is still the placeholder - write one or two sentences about the post"
NO_ALT = (
    "image without alt text - describe what the image shows, e.g. ![A timeline of the "
    'project](...) or <img alt="...">'
)

NO_CAPTION = (
    "table without a caption - write a paragraph 'Table: what the table shows' just above it, "
    "a blank line between (in an HTML table, a <caption>)"
)


def missing(key: str, example: str) -> str:
    return f"missing {key.capitalize()} - add a line '{example}' to the metadata at the top"


def bad_date(date: str) -> str:
    return f"date '{date}' does not parse - write it as YYYY-MM-DD HH:MM"


def unknown_status(status: str) -> str:
    return (
        f"status '{status}' is not one Pelican knows - write 'Status: draft' to keep "
        "the post unpublished, or delete the line to publish it"
    )


def nesting(depth: int, limit: int) -> str:
    return (
        f"lists or quotes nested {depth} levels deep, more than the {limit} allowed - flatten them"
    )


def script(problem: str) -> str:
    return (
        f"{problem} - posts may hold raw HTML but no scripts: remove it (to show it, put it "
        "in a fenced code block)"
    )


def insecure(url: str) -> str:
    return (
        f"http:// asset {url} is mixed content on an https site - use its https:// address, "
        "or copy it into content/images/ and link it with {static}"
    )


def empty_slug(title: str) -> str:
    return (
        f"the title '{title}' makes an empty slug (it has no letters or digits) - add some "
        "to the Title, or give the post a 'Slug: ...' line"
    )


def long_slug(slug: str, limit: int) -> str:
    return (
        f"the slug '{slug[:40]}...' is {len(slug)} characters, over the {limit} an address "
        "may have - give the post a shorter 'Slug: ...' line"
    )


def missing_link(kind: str, written: str, suggestion: str | None = None) -> str:
    fix = "fix the path (relative to this post's folder, or to content/ with a leading /)"
    if suggestion:
        fix = f"did you mean {{{kind}}}{suggestion}? Or {fix}"
    return f"{{{kind}}}{written} does not exist - {fix}"


def same_url(other: str, slug: str) -> str:
    """For the later of two posts with one slug (`invoke check` names each file in turn)."""
    return (
        f"same URL as {other} (slug '{slug}') - change this post's Title, or give it a "
        "'Slug: ...' line"
    )


def one_url(first: str, second: str, slug: str) -> str:
    """The build's stop for two posts with one URL: both files in one line."""
    return (
        f"{first} and {second} make one URL (slug '{slug}') - change one post's Title, or "
        "give it a 'Slug: ...' line"
    )
