"""Words and dates as the site prints them: GOV.UK-style dates, month names and counts.

Every stage that prints a date or a count uses these, so a date reads the same on a page,
in a chart and in the swimlane, and nothing depends on the machine's locale.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SHORT_MONTHS = tuple(month[:3] for month in MONTHS)
TBC = "to be confirmed"


def long_date(day: dt.date) -> str:
    """``14 March 2025``: the GOV.UK style for dates in running text."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_range(first: dt.date, last: dt.date | None = None) -> str:
    """``13 October 2024``, or ``13 October 2024 to 15 October 2024`` when ``last`` is given."""
    return long_date(first) + (f" to {long_date(last)}" if last else "")


def short_range(first: dt.date, last: dt.date | None = None) -> str:
    """``13 October 2024``, or a range without repeated words: ``13 to 15 October 2024``,
    ``30 September to 2 October 2024``, ``30 December 2024 to 2 January 2025``."""
    text = long_date(first)
    if last is None or last == first:
        return text
    if (first.year, first.month) == (last.year, last.month):
        start = str(first.day)
    elif first.year == last.year:
        start = f"{first.day} {MONTHS[first.month - 1]}"
    else:
        start = text
    return f"{start} to {long_date(last)}"


def month_label(day: dt.date) -> str:
    """``March 2025``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def count(number: int, one: str, many: str) -> str:
    """``1 case study``, ``3 case studies``."""
    return f"{number} {one if number == 1 else many}"


EXAMPLE = "Illustrative example"


def listed_title(title: str, example: bool) -> str:
    """A case study's title where it stands alone (a tab, a search result, a feed entry, a
    list of measures): an example says so in the title itself."""
    return f"{title} ({EXAMPLE.lower()})" if example else title


def printable(text: str) -> str:
    """``text`` with every character that is not printable written as ``\\uXXXX``, so a
    message that quotes a contributor's value cannot carry control characters or line breaks."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else f"\\u{ord(char):04x}" for char in text)
