"""A deterministic corpus of N posts for the build benchmarks.

Each post has ~700 words with our role tags, headings, a list, a code block, a footnote and
links, so the benchmark exercises what real posts do. The same seed always gives the same bytes.
"""

import argparse
import random
import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "client project account manager brief budget schedule launch scope estimate risk team "
    "strategy delivery meeting report stakeholder campaign website design review feedback "
    "plan handoff renewal retainer agency digital support junior senior director service "
    "relationship change request timeline quality content analytics priority decision"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    text = " ".join(words)
    if rng.random() < 0.3:
        text = text.replace(" ", ' "', 1) + '"'  # quotes give typogrify work to do
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", " -- really."])


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def post(rng: random.Random, index: int, roles: list[str], total: int) -> str:
    tags = ", ".join(rng.sample(roles, rng.randint(1, 3)))
    other = rng.randrange(total)
    day = 1 + index % 28
    month = 1 + (index // 28) % 12
    year = 2000 + index // (28 * 12)
    header = "\n".join(
        [
            f"Title: Benchmark post {index}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
            f"Date: {year}-{month:02d}-{day:02d} 09:00",
            f"Slug: post-{index}",
            f"Tags: {tags}",
            f"Summary: {sentence(rng)}",
        ]
    )
    parts = [
        header,
        paragraph(rng),
        f"See also [post {other}]({{filename}}post-{other}.md) and the essay's point.[^1]",
        "## " + sentence(rng).rstrip(".?"),
        paragraph(rng),
        "\n".join(f"- {sentence(rng)}" for _ in range(4)),
        "## " + sentence(rng).rstrip(".?"),
        paragraph(rng),
        "```python\ndef hours(estimate, risk=1.2):\n    return round(estimate * risk, 1)\n```",
        paragraph(rng),
        paragraph(rng),
        "## " + sentence(rng).rstrip(".?"),
        *(paragraph(rng) for _ in range(6)),
        f"[^1]: {sentence(rng)}",
    ]
    return "\n\n".join(parts) + "\n"


def make_corpus(target: Path, posts: int, seed: int = 7) -> Path:
    """Write N posts, plus the site's pages, images, extras and role vocabulary, into target."""
    shutil.rmtree(target, ignore_errors=True)
    for folder in ("pages", "images", "extra"):
        shutil.copytree(ROOT / "content" / folder, target / folder)
    shutil.copy(ROOT / "content" / "roles.toml", target / "roles.toml")
    with open(ROOT / "content" / "roles.toml", "rb") as f:
        roles = [role["name"] for role in tomllib.load(f)["role"]]
    rng = random.Random(seed)
    (target / "posts").mkdir(parents=True)
    for i in range(posts):
        (target / "posts" / f"post-{i}.md").write_text(post(rng, i, roles, posts), "utf-8")
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--posts", type=int, default=100)
    args = parser.parse_args()
    print(make_corpus(args.target, args.posts))
