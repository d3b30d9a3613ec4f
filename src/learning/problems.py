"""Problems found in contributed content, reported as ``path:line: field: message``.

Every loader and validator appends :class:`Problem` objects to a list instead of raising at
the first mistake, so a contributor sees every problem in one run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located by 1-based line number."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

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
