"""What is new, on the home page: made from the data at each build, below the hand-written
introduction and its "how to use it" table.

The newest real case studies (illustrative examples only when there is no real one yet, and
then labelled), the next planned date and the latest one recorded as done, every
neighbourhood by locality, and the date of the newest dated item in the content.
"""

from __future__ import annotations

import datetime as dt

from ..content.catalogue import Catalogue, all_events, event_state, last_recorded
from ..templating import markdown_text
from ..text import listed_title, long_date, long_range
from .urls import case_study_uri, neighbourhood_uri, source_link

HOME = "index.md"
NEWEST = 5


def home_section(cat: Catalogue, today: dt.date) -> str:
    """The Markdown appended to the home page."""
    content = cat.content
    real = [s for s in content.case_studies if not s.is_example]
    shown = real[:NEWEST] or list(content.case_studies[:NEWEST])
    lines = ["", "", "## What is new", "", "### Newest case studies", ""]
    if not real:
        lines += ["No case study of real work has been published yet. These illustrative examples show the format:", ""]
    for study in shown:
        names = ", ".join(cat.neighbourhoods[s].name for s in study.neighbourhoods if s in cat.neighbourhoods)
        title = markdown_text(listed_title(study.title, study.is_example))
        lines.append(
            f"- [{title}]({source_link(HOME, case_study_uri(study.slug))}): {markdown_text(names)}, {long_date(study.date)}"
        )
    if not shown:
        lines.append("No case studies have been published yet.")
    events = all_events(cat)
    upcoming = [e for e in events if e.status in ("planned", "moved") and (e.moved_to or e.date) >= today]
    latest = last_recorded(events)
    lines += ["", "### Dates", ""]
    if upcoming:
        first = min(upcoming, key=lambda e: (e.moved_to or e.date, e.title))
        lines.append(f"- Next planned: {markdown_text(first.title)}, {event_state(first, today).when}.")
    else:
        lines.append("- No further dates are planned in the site's data.")
    if latest:
        lines.append(f"- Latest recorded as done: {markdown_text(latest.title)}, {long_range(latest.date, latest.end)}.")
    else:
        lines.append("- No event has been recorded as done yet; the [timeline](timeline.md) shows the plan's dates.")
    lines += ["", "### Neighbourhoods", ""]
    for locality in content.localities:
        members = sorted((n for n in content.neighbourhoods if n.locality == locality.label), key=lambda n: n.name.lower())
        if members:
            links = ", ".join(f"[{markdown_text(n.name)}]({source_link(HOME, neighbourhood_uri(n.slug))})" for n in members)
            lines.append(f"- **{markdown_text(locality.label)}**: {links}")
    dates = [s.date for s in content.case_studies] + [p.last_reviewed for p in content.pages]
    dates += [e.last_day for e in events if e.status == "done"]
    if dates:
        lines += [
            "",
            f"The newest dated item in this site's content (a case study, a page review or a recorded event) is from {long_date(max(dates))}.",
        ]
    return "\n".join(lines) + "\n"
