"""The programme timeline, ``/timeline/``: programme and neighbourhood events merged,
grouped by month, each marked past, current or upcoming relative to the build date."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from ..content.catalogue import Catalogue, all_events, event_state, last_recorded
from ..model import TimelineEvent
from ..source.frontmatter import front_matter
from ..templating import render_template
from ..text import long_date, long_range, month_label
from .urls import TIMELINE, neighbourhood_uri, relative_url


def timeline_page(cat: Catalogue, *, today: dt.date) -> str:
    events = all_events(cat)
    months = []
    for (year, month), members in groupby(events, key=lambda e: (e.date.year, e.date.month)):
        first = dt.date(year, month, 1)
        months.append(
            dict(label=month_label(first), anchor=first.strftime("%Y-%m"), events=[_view(e, cat, today) for e in members])
        )
    options = [dict(value="programme", label="The programme")] + [
        dict(value=n.slug, label=n.name) for n in sorted(cat.content.neighbourhoods, key=lambda n: n.name.lower()) if n.timeline
    ]
    meta = front_matter(
        title="Timeline",
        description="Key dates for the coaching programme and the neighbourhood teams: what is planned and what is recorded as done.",
    )
    return (
        meta
        + "\n"
        + render_template(
            "pages/timeline.md.j2",
            months=months,
            today=long_date(today),
            today_iso=today.isoformat(),
            options=options,
            recorded=_recorded_sentence(events, today),
        )
    )


def _view(event: TimelineEvent, cat: Catalogue, today: dt.date) -> dict:
    owner = event.neighbourhood
    return dict(
        title=event.title,
        detail=event.detail,
        iso=event.date.isoformat(),
        end_iso=event.end.isoformat() if event.end else None,
        state=event_state(event, today),
        note=event.note,
        source=event.source,
        kind=event.kind,
        owner=owner or "programme",
        owner_label=cat.neighbourhoods[owner].name if owner else "Programme",
        owner_url=relative_url(TIMELINE, neighbourhood_uri(owner)) if owner else None,
    )


def _recorded_sentence(events: list[TimelineEvent], today: dt.date) -> str:
    latest = last_recorded(events)
    if latest is None:
        return f"As of {long_date(today)}, no event has been recorded as done: every date below is a planned date."
    return f"As of {long_date(today)}, the latest event recorded as done is “{latest.title}”, on {long_range(latest.date, latest.end)}."
