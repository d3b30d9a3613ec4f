"""Problems found in contributed content, reported as ``path:line: field: message``.

Every loader and validator appends :class:`Problem` objects to a list instead of raising at
the first mistake, so a contributor sees every problem in one run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .text import printable

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located by 1-based line number."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        # Paths and messages quote contributors' file names and values: one printable line.
        where = f"{printable(self.path)}:{self.line}"
        message = printable(self.message)
        return f"{where}: {printable(self.field)}: {message}" if self.field else f"{where}: {message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown inline on a PR.

        Escaped as GitHub's runner reads workflow commands, so that no path, field or message
        can end the command early, start another one or add a property.
        """
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"::error file={_escape_property(self.path)},line={_escape_property(str(self.line))}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    # '%' first, so that the escapes added for CR and LF are not themselves escaped.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # A property value also ends at ',' (the next property) or ':' (the '::' before the message).
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def could_not_process(path: str, error: Exception) -> Problem:
    """The one problem reported for a file that the site's own code failed on: the file is
    left out and everything else is still checked."""
    return Problem(
        path,
        1,
        "",
        f"could not be processed ({type(error).__name__}: {str(error)[:200]}); this is a fault in the site's code, "
        "so please report it with this file",
    )


def guarded(path: str, problems: list[Problem], work: Callable[[], T]) -> T | None:
    """``work()``, or None with :func:`could_not_process` recorded for ``path`` if the site's
    own code fails on that file: one file's fault must not hide every other file's problems."""
    try:
        return work()
    except Exception as error:
        problems.append(could_not_process(path, error))
        return None
