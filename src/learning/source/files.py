"""Reading contributors' files: :func:`read_text` is the one way in, :func:`find_links` the
check that nothing outside the repository can be published through a link.

A file is read as UTF-8 text within a byte limit counted while reading (a file's stated
size is not trusted: ``/proc`` files say 0, devices never end), only if it is a regular
file and not a symbolic link, so a mistake or a trick becomes a located problem rather than
an exception, a hang or someone else's file on the site.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..problems import Problem

MAX_BYTES = 1_000_000

# Folders whose files are published or read by the build.
CONTENT_FOLDERS = ("docs", "case_studies", "data")


def read_text(file: Path, path: str, problems: list[Problem]) -> str | None:
    """Read a contributor's file as UTF-8 text; None, with a problem recorded, when it is a
    link, not a regular file, larger than :data:`MAX_BYTES` or not UTF-8."""
    raw = read_bytes(file, path, problems)
    if raw is None:
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


def read_bytes(file: Path, path: str, problems: list[Problem], limit: int = MAX_BYTES) -> bytes | None:
    """At most ``limit`` bytes of the regular file ``file``; None, with a problem, otherwise."""
    try:
        # O_NOFOLLOW: a link is refused by the system, even one made after any check here;
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if file.is_symlink():
            problems.append(Problem(path, 1, "", _LINK_MESSAGE))
        else:
            problems.append(Problem(path, 1, "", f"cannot be read ({error.strerror})"))
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            problems.append(Problem(path, 1, "", "is not an ordinary file; only text files can be published"))
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        problems.append(Problem(path, 1, "", f"cannot be read ({error.strerror})"))
        return None
    finally:
        os.close(handle)
    if size > limit:
        problems.append(
            Problem(path, 1, "", f"file is larger than {limit:,} bytes, the limit; split it or move data to a CSV file")
        )
        return None
    return b"".join(chunks)


_LINK_MESSAGE = "is a symbolic link; links are not allowed in the site's content, so copy the file in instead"


def find_links(root: Path, folders: Iterable[str] = CONTENT_FOLDERS) -> list[Problem]:
    """A problem for every symbolic link (to a file or a folder) under ``root``'s content
    ``folders``. Linked folders are reported, not entered."""
    problems = []
    for folder in folders:
        top = root / folder
        if top.is_symlink():
            problems.append(Problem(folder, 1, "", _LINK_MESSAGE))
            continue
        for directory, subfolders, names in os.walk(top):
            for name in sorted(subfolders + names):
                entry = Path(directory, name)
                if entry.is_symlink():
                    problems.append(Problem(entry.relative_to(root).as_posix(), 1, "", _LINK_MESSAGE))
    return problems
