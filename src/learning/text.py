"""Words and dates as the site prints them: GOV.UK-style dates, month names and plurals.

Every stage that prints a date or a count uses these, so a date reads the same on a page,
in a chart caption and in the swimlane.
"""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
def long_date(day: dt.date) -> str:
    """``14 March 2025``: the GOV.UK style for dates in running text."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


