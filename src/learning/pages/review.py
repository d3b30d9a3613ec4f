"""Review dates on hand-written pages: shown at the foot, and a notice at the top once due.

:func:`review_notes` gives, for each page under ``docs/``, the Markdown to put after its
first heading (only when the review is overdue), the HTML of its review line (a fragment,
so that search results do not repeat it for every page), and a notice for ``make check``
for each overdue page.
"""

from __future__ import annotations

import datetime as dt

from ..model import DocPage
from ..problems import Problem
from ..text import long_date


def review_notes(pages: tuple[DocPage, ...], today: dt.date) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """(Markdown after the first heading, review-line HTML, notices), keyed by page source."""
    tops: dict[str, str] = {}
    feet: dict[str, str] = {}
    notices = []
    for page in pages:
        feet[page.uri] = (
            f'<p class="un-review">Page last reviewed: {long_date(page.last_reviewed)}. '
            f"Next review due: {long_date(page.review_due)}.</p>"
        )
        if page.review_due < today:
            tops[page.uri] = (
                '!!! warning "This page is due for review"\n    It was due to be checked against its sources by '
                f"{long_date(page.review_due)}, and has not been since, so some of it may be out of date.\n\n"
            )
            notices.append(
                Problem(
                    page.path,
                    1,
                    "review_due",
                    f"was {long_date(page.review_due)}; check the page against its sources and update its dates",
                )
            )
    return tops, feet, notices
