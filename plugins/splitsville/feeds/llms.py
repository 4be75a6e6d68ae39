"""llms.txt (https://llmstxt.org/): the site's posts as one short Markdown list for AI tools.

Plain text from plain data: titles and summaries arrive as HTML (typogrified) and leave as
Markdown text, escaped so that it shows as typed.
"""

import re

from markupsafe import Markup


def plain(html_text: str) -> str:
    """HTML as one line of text: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(Markup(html_text).striptags().split())


# What Markdown would read as markup in running text: a backslash, code, emphasis, a link or
# image, raw HTML or an autolink, strikethrough, and "&" where it starts a character reference.
MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>~]|&(?=#?\w+;)")


def markdown_text(text: str) -> str:
    """Plain text written so that Markdown shows it as typed: every character that could start
    markup is backslash-escaped (CommonMark allows that before any ASCII punctuation).

    A title such as `<b>Bold</b> & [x]` is text in the post; unescaped, whoever renders
    llms.txt would meet live HTML and a link.
    """
    return MARKDOWN_SYNTAX.sub(lambda match: "\\" + match[0], text)


def render(site_name: str, description: str, posts: list[tuple[str, str, str]]) -> str:
    """The llms.txt document: `# name`, `> description`, then `## Posts`, one post a line.

    Each post is (title HTML, absolute URL, summary HTML), written as `- [title](url): summary`
    in the order given.
    """
    lines = [
        f"# {markdown_text(plain(site_name))}",
        "",
        f"> {markdown_text(plain(description))}",
        "",
    ]
    if posts:
        lines += [
            "Posts are listed oldest first: the first is the essay the others follow up.",
            "",
            "## Posts",
            "",
        ]
        for title, url, summary in posts:
            line = f"- [{markdown_text(plain(title))}]({url.replace(' ', '%20')})"
            text = markdown_text(plain(summary))
            lines.append(f"{line}: {text}" if text else line)
    return "\n".join(lines) + "\n"
