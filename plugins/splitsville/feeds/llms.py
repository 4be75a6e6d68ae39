"""llms.txt (https://llmstxt.org/): the site's posts as one short Markdown list for AI tools.

Plain text from plain data: titles and summaries arrive as HTML (typogrified) and leave as text.
"""

import re

from markupsafe import Markup


def plain(html_text: str) -> str:
    """HTML as one line of text: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(Markup(html_text).striptags().split())


def link_text(text: str) -> str:
    """Text safe inside Markdown link brackets: brackets and backslashes escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def render(site_name: str, description: str, posts: list[tuple[str, str, str]]) -> str:
    """The llms.txt document: `# name`, `> description`, then `## Posts`, one post a line.

    Each post is (title HTML, absolute URL, summary HTML), written as `- [title](url): summary`
    in the order given.
    """
    lines = [f"# {plain(site_name)}", "", f"> {plain(description)}", ""]
    if posts:
        lines += [
            "Posts are listed oldest first: the first is the essay the others follow up.",
            "",
            "## Posts",
            "",
        ]
        for title, url, summary in posts:
            line = f"- [{link_text(plain(title))}]({url.replace(' ', '%20')})"
            text = plain(summary)
            lines.append(f"{line}: {text}" if text else line)
    return "\n".join(lines) + "\n"
