"""What the CLI tests share."""

from __future__ import annotations

from pathlib import Path

from align.read.inputs import bundled_pair


def write_texts(root: Path) -> Path:
    """root/texts/good (the first twelve lines of the bundled resolution: no finding) and root/texts/damaged (its
    English with "2024" changed to "2042" in a date: a date-mismatch); returns root/texts."""
    ar, en = bundled_pair()
    folder = root / "texts"
    folder.mkdir()
    head = {side: "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:12])
            for side, path in (("ar", ar), ("en", en))}
    damaged = head["en"].replace("2024", "2042", 1)
    assert damaged != head["en"]
    for name, english in (("good", head["en"]), ("damaged", damaged)):
        (folder / f"{name}.ar.txt").write_text(head["ar"], encoding="utf-8")
        (folder / f"{name}.en.txt").write_text(english, encoding="utf-8")
    return folder
