"""Reading contributors' files: :func:`read_text` is the one way in.

A file is read as UTF-8 text within a byte limit, so a huge file is refused before it is
parsed, and a mistake becomes a located problem rather than an exception.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem

MAX_BYTES = 1_000_000


def read_text(file: Path, path: str, problems: list[Problem]) -> str | None:
    """Read a contributor's file as UTF-8 text, refusing huge or non-UTF-8 files."""
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            problems.append(
                Problem(path, 1, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}. Split it or move data to a CSV file")
            )
            return None
        raw = file.read_bytes()
    except OSError as error:
        problems.append(Problem(path, 1, "", f"cannot be read ({error.strerror})"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(path, line, "", "is not UTF-8 text; save it with UTF-8 encoding (most editors offer this under 'Save as')")
        )
        return None
    return text.removeprefix("\ufeff")
