"""Time periods of a measure: calendar months, days and ISO weeks.

A contributor writes each data point's period as text in one of three forms:
``YYYY-MM`` (a month), ``YYYY-MM-DD`` (a day) or ``YYYY-Www`` (an ISO 8601 week).
:func:`parse_period` turns such text into a :class:`Period`, or returns None when the
text is not one of the forms or names a date that does not exist (2024-13, 2024-02-30,
2023-W53). Validators turn None into a message; charts place points by ``start``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..text import SHORT_MONTHS

MONTH, DAY, WEEK = "month", "day", "week"

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


@dataclass(frozen=True, order=True)
class Period:
    """One valid period. Periods of the same kind sort in time order by ``key``.

    ``key`` is the day number (proleptic ordinal) of ``start``: the first day of the month,
    the day itself, or the Monday of the ISO week.
    """

    key: int
    kind: str
    text: str
    start: date

    def short_label(self) -> str:
        """A compact axis label without the year: 'Jan', '3 Jan' or 'W05'."""
        if self.kind == MONTH:
            return SHORT_MONTHS[self.start.month - 1]
        if self.kind == DAY:
            return f"{self.start.day} {SHORT_MONTHS[self.start.month - 1]}"
        return f"W{self.text[-2:]}"

    def year(self) -> int:
        """The year the label belongs to (the ISO year for weeks, so 2020-W53 is 2020)."""
        return int(self.text[:4])

    def label(self) -> str:
        """A readable full label: 'Jan 2024', '3 Jan 2024' or 'Week 5, 2024'."""
        if self.kind == WEEK:
            return f"Week {int(self.text[-2:])}, {self.text[:4]}"
        return f"{self.short_label()} {self.start.year}"


def parse_period(text: object) -> Period | None:
    """Parse ``text`` as a month, day or ISO week; None when it is not a real period."""
    if not isinstance(text, str):
        return None
    start = _start_of(text)
    if start is None:
        return None
    kind = MONTH if _MONTH.fullmatch(text) else DAY if _DAY.fullmatch(text) else WEEK
    return Period(start.toordinal(), kind, text, start)


def _start_of(text: str) -> date | None:
    try:
        if match := _MONTH.fullmatch(text):
            return date(int(match[1]), int(match[2]), 1)
        if match := _DAY.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _WEEK.fullmatch(text):
            # fromisocalendar rejects week 53 in years that have only 52 ISO weeks.
            return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None
    return None
