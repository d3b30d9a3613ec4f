"""The generated files that are not pages: :func:`render_site_files` is the entry point.

The JSON Schemas of case studies and reports, the programme and neighbourhood calendars,
the Atom feeds and the open data, each keyed by its path in the built site. This module imports only what
those need, so the background worker that makes them stays small.
"""

from __future__ import annotations

import datetime as dt
import json

from ..content.catalogue import all_events, catalogue
from ..model import Content, TimelineEvent
from ..pages.urls import (
    OPEN_DATA,
    PROGRAMME_CALENDAR,
    REPORT_SCHEMA,
    SCHEMA,
    SITE_FEED,
    absolute_url,
    neighbourhood_calendar,
    neighbourhood_feed,
    neighbourhood_uri,
)
from .exports import render_calendar, render_feed, render_open_data
from .schema import case_study_schema, report_schema

# A neighbourhood calendar carries the team's own events and the programme's sessions, which
# teams take part in; the programme's milestones, reviews and reports stay in its own calendar.
SHARED_KINDS = ("session",)


def shared_programme_events(programme: tuple[TimelineEvent, ...]) -> list[TimelineEvent]:
    """The programme events a neighbourhood's subscribers also get."""
    return [event for event in programme if event.kind in SHARED_KINDS]


def site_file_paths(content: Content) -> list[str]:
    """The path of every file :func:`render_site_files` makes for ``content``."""
    paths = [SCHEMA, REPORT_SCHEMA, PROGRAMME_CALENDAR, SITE_FEED]
    for n in content.neighbourhoods:
        paths += [neighbourhood_calendar(n.slug), neighbourhood_feed(n.slug)]
    return paths + list(OPEN_DATA)


def render_site_files(content: Content, *, today: dt.date, site_url: str) -> dict[str, str | bytes]:
    """Every file, keyed by its path in the site (``site_url`` ends with ``/``).
    Case-study bodies and measures are not used."""
    cat = catalogue(content)
    schema = case_study_schema(
        neighbourhoods=sorted(cat.neighbourhoods), tools=sorted(cat.tools), partners=[p.id for p in content.partners]
    )
    names = {n.slug: n.name for n in content.neighbourhoods}
    reports = report_schema(neighbourhoods=sorted(cat.neighbourhoods), tools=sorted(cat.tools))
    files: dict[str, str | bytes] = {
        SCHEMA: json.dumps(schema, indent=2) + "\n",
        REPORT_SCHEMA: json.dumps(reports, indent=2) + "\n",
    }
    files[PROGRAMME_CALENDAR] = render_calendar(
        all_events(cat), name="United Neighbourhoods programme timeline", site_url=site_url, built=today
    )
    files[SITE_FEED] = render_feed(
        content.case_studies,
        title="United Neighbourhoods case studies",
        feed_url=site_url + SITE_FEED,
        site_url=site_url,
        neighbourhood_names=names,
        built=today,
    )
    for n in content.neighbourhoods:
        files[neighbourhood_calendar(n.slug)] = render_calendar(
            [*shared_programme_events(content.programme), *n.timeline],
            name=f"{n.name}: neighbourhood events and programme sessions",
            site_url=site_url,
            built=today,
        )
        files[neighbourhood_feed(n.slug)] = render_feed(
            cat.studies_by_neighbourhood.get(n.slug, ()),
            title=f"Case studies: {n.name}",
            feed_url=site_url + neighbourhood_feed(n.slug),
            site_url=site_url,
            neighbourhood_names=names,
            built=today,
            alternate_url=absolute_url(site_url, neighbourhood_uri(n.slug)),
        )
    files.update(render_open_data(content, site_url=site_url, built=today))
    return files
