"""benchmarks/RESULTS.md holds one section per benchmark; each script rewrites only its own."""

from pathlib import Path


def write_section(text: str, name: str = "build") -> None:
    """Replace this benchmark's section of RESULTS.md, keeping the other benchmarks' sections."""
    path = Path(__file__).resolve().parent / "RESULTS.md"
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    old = path.read_text("utf-8") if path.exists() else ""
    block = f"{start}\n{text}{end}"
    if start in old and end in old:
        new = old[: old.index(start)] + block + old[old.index(end) + len(end) :]
    else:
        new = (old.rstrip() + "\n\n" if old.strip() else "") + block + "\n"
    path.write_text(new, "utf-8")
