"""Calendars, Atom feeds and open data: content in, file bytes or text out. No I/O, no MkDocs.

Every function is pure and deterministic: the same input gives byte-identical output on
every run and machine. Nothing reads the clock; the only timestamps are the content's own
dates and the ``built`` date passed in, always at 00:00 UTC. Lists are sorted with total
keys, so equal dates never fall back on input or hash order.

``site_url`` is the site's absolute root and must end with "/" (``site_url + "timeline/"``
is the timeline page). Drafts are never exported, even when passed in.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence

from ..model import CaseStudy, Content, Neighbourhood, TimelineEvent
from ..pages.urls import (
    TIMELINE,
    absolute_url,
    case_study_uri,
    neighbourhood_uri,
)
from ..text import listed_title

PRODID = "-//United Neighbourhoods learning site//EN"
UID_DOMAIN = "united-neighbourhoods"
AUTHOR = "System Improvement Coaching for United Neighbourhoods"
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
LANGUAGE = "en-GB"
# feedgen's default generator element carries its version: left in, a dependency bump would
# change every feed's bytes without any content changing.
GENERATOR = "python-feedgen"
GENERATOR_URI = "https://lkiesow.github.io/python-feedgen"

CASE_STUDY_COLUMNS = (
    "id",
    "url",
    "title",
    "summary",
    "date",
    "updated",
    "neighbourhoods",
    "localities",
    "authors",
    "stage",
    "tools",
    "themes",
    "partners",
    "review_due",
    "example",
)
LIST_SEPARATOR = "; "


# RFC 5545 STATUS: a planned date is tentative until it is recorded as done.
CALENDAR_STATUS = {"planned": "TENTATIVE", "done": "CONFIRMED", "moved": "TENTATIVE", "cancelled": "CANCELLED"}


def render_calendar(events: Sequence[TimelineEvent], *, name: str, site_url: str, built: dt.date) -> bytes:
    """An RFC 5545 calendar (iCalendar, CRLF line ends) of ``events``, all-day, by (date, title).

    Each event's UID is derived from its identity (neighbourhood or 'programme', date,
    title), so rebuilding never duplicates a subscriber's events; editing any of those three
    gives the event a new UID, and calendar apps then see the old one removed and a new one
    added. Events sharing all three are numbered ``-2``, ``-3``… in sort order to stay unique.
    DTSTAMP is ``built`` at 00:00 UTC. With no events the calendar is still returned (a
    subscription address should keep working until its first event is added).
    """
    _check_site_url(site_url)
    from icalendar import Calendar, Event  # imported when used: the build's main process makes no calendars

    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.calscale = "GREGORIAN"
    # Sets both the RFC 7986 NAME and the X-WR-CALNAME that most calendar apps read.
    calendar.calendar_name = name
    stamp = _midnight_utc(built)
    ordered = sorted(events, key=lambda e: (e.date, e.title, e.neighbourhood or "", e.last_day, e.kind, e.detail or ""))
    for event, uid in zip(ordered, _unique_uids(ordered), strict=True):
        # A moved event stands on its new date, so a subscriber's calendar follows it.
        start = event.moved_to if event.status == "moved" and event.moved_to else event.date
        last = start if start != event.date else event.last_day
        # Event.new() fills in a random UID and the current time unless both are given.
        entry = Event.new(
            uid=uid,
            stamp=stamp,
            start=start,
            # RFC 5545: an all-day event's DTEND is the day after its last day.
            end=last + dt.timedelta(days=1),
            summary=event.title,
            description=" ".join(part for part in (event.detail, event.note) if part) or None,
            categories=[event.kind],
            url=absolute_url(site_url, TIMELINE),
        )
        entry.add("status", CALENDAR_STATUS[event.status])
        calendar.add_component(entry)
    return calendar.to_ical()


def event_uid(event: TimelineEvent) -> str:
    """The stable UID of ``event``: a hash of (neighbourhood or 'programme', date, title)."""
    identity = json.dumps([event.neighbourhood or "programme", event.date.isoformat(), event.title])
    return f"{hashlib.sha1(identity.encode('utf-8')).hexdigest()[:16]}@{UID_DOMAIN}"


FEED_ENTRIES = 50


def render_feed(
    studies: Sequence[CaseStudy],
    *,
    title: str,
    feed_url: str,
    site_url: str,
    neighbourhood_names: Mapping[str, str],
    built: dt.date,
    alternate_url: str | None = None,
) -> bytes:
    """An Atom 1.0 feed (UTF-8 XML) of the newest :data:`FEED_ENTRIES` published ``studies``,
    newest first.

    The caller passes only the studies for this feed; drafts among them are left out.
    ``alternate_url`` is the page the feed belongs to (a neighbourhood's page), ``site_url``
    when not given. Each entry's ``updated`` is the study's ``updated`` date when given, else its
    publication date; the feed's is the latest of those, or ``built`` when there are none. Categories are the study's neighbourhood names (from
    ``neighbourhood_names``, by slug) and themes.
    """
    _check_site_url(site_url)
    # A feed reader needs the latest entries only; the open data keeps every case study.
    published = _newest_first(studies)[:FEED_ENTRIES]
    from feedgen.feed import FeedGenerator  # imported when used: the build's main process makes no feeds

    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.link(href=alternate_url or site_url, rel="alternate", type="text/html")
    feed.author(name=AUTHOR)
    feed.rights(LICENCE)
    feed.language(LANGUAGE)
    feed.generator(GENERATOR, uri=GENERATOR_URI)
    # feedgen stamps the feed and every entry with the current time unless told otherwise.
    feed.updated(_midnight_utc(max((s.last_changed for s in published), default=built)))
    for study in published:
        url = _case_study_url(site_url, study)
        stamp = _midnight_utc(study.date)
        entry = feed.add_entry(order="append")  # feedgen prepends by default
        entry.id(url)
        entry.title(listed_title(study.title, study.is_example))
        entry.summary(study.summary)
        # Atom reads a link without rel as rel="alternate"; feedgen 1.0.0 writes only the
        # href of an entry's link whatever else is given (python-feedgen issue #135).
        entry.link(href=url)
        entry.published(stamp)
        entry.updated(_midnight_utc(study.last_changed))
        entry.author([{"name": author} for author in study.authors])
        # A neighbourhood whose file failed validation is missing from the names; the
        # preview still builds, so its slug stands in rather than failing the feed.
        names = [neighbourhood_names.get(slug, slug) for slug in study.neighbourhoods]
        for term in _unique(names + list(study.themes)):
            entry.category(term=term)
    return feed.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def render_open_data(content: Content, *, site_url: str, built: dt.date) -> dict[str, str]:
    """The open data files, keyed by their path in the built site.

    ``data/case-studies.json`` and ``data/case-studies.csv`` hold the same published case
    studies, newest first (CSV list cells joined with "; ", empty for null, true/false for
    booleans). ``data/neighbourhoods.json`` lists the neighbourhoods by slug, each with its
    published case studies and timeline. Both JSON files state the licence.
    """
    _check_site_url(site_url)
    studies = _newest_first(content.case_studies)
    neighbourhoods = sorted(content.neighbourhoods, key=lambda n: n.slug)
    locality_of = {n.slug: n.locality for n in neighbourhoods}
    studies_of: dict[str, list[str]] = {n.slug: [] for n in neighbourhoods}
    for study in studies:
        for slug in _unique(study.neighbourhoods):
            # A neighbourhood that failed validation is not exported; see render_feed.
            if slug in studies_of:
                studies_of[slug].append(study.slug)
    header = {"licence": LICENCE, "licence_url": LICENCE_URL, "source": site_url, "generated": built.isoformat()}
    rows = [_case_study_record(study, site_url, locality_of) for study in studies]
    return {
        "data/case-studies.json": _json({**header, "case_studies": rows}),
        "data/case-studies.csv": _csv(rows),
        "data/neighbourhoods.json": _json(
            {**header, "neighbourhoods": [_neighbourhood_record(n, site_url, studies_of[n.slug]) for n in neighbourhoods]}
        ),
    }


def _case_study_record(study: CaseStudy, site_url: str, locality_of: Mapping[str, str]) -> dict:
    return {
        "id": study.slug,
        "url": _case_study_url(site_url, study),
        "title": study.title,
        "summary": study.summary,
        "date": study.date.isoformat(),
        "updated": study.updated.isoformat() if study.updated else None,
        "neighbourhoods": list(study.neighbourhoods),
        "localities": sorted({locality_of[slug] for slug in study.neighbourhoods if slug in locality_of}),
        "authors": list(study.authors),
        "stage": study.stage,
        "tools": list(study.tools),
        "themes": list(study.themes),
        "partners": list(study.partners),
        "review_due": study.review_due.isoformat() if study.review_due else None,
        "example": study.is_example,
    }


def _neighbourhood_record(neighbourhood: Neighbourhood, site_url: str, case_studies: list[str]) -> dict:
    contact = neighbourhood.contact
    timeline = sorted(neighbourhood.timeline, key=lambda e: (e.date, e.title, e.last_day, e.kind, e.detail or ""))
    return {
        "id": neighbourhood.slug,
        "url": absolute_url(site_url, neighbourhood_uri(neighbourhood.slug)),
        "name": neighbourhood.name,
        "locality": neighbourhood.locality,
        "phase": neighbourhood.phase,
        "population": neighbourhood.population,
        "practices": list(neighbourhood.practices),
        "partners": list(neighbourhood.partners),
        "coaches": list(neighbourhood.coaches),
        "aims": list(neighbourhood.aims),
        "contact": {"name": contact.name, "email": contact.email, "url": contact.url},
        "sources": list(neighbourhood.sources),
        "unconfirmed": list(neighbourhood.unconfirmed),
        "case_studies": case_studies,
        "timeline": [
            {
                "date": e.date.isoformat(),
                "end": e.end.isoformat() if e.end else None,
                "title": e.title,
                "detail": e.detail,
                "kind": e.kind,
            }
            for e in timeline
        ],
    }


def _json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CASE_STUDY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: _cell(row[column]) for column in CASE_STUDY_COLUMNS} for row in rows)
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        # Spelt as in the JSON, rather than Python's True/False.
        return "true" if value else "false"
    text = LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value)
    # A spreadsheet reads a cell starting with = + - @ (or a tab or CR) as a formula: an
    # apostrophe makes it text, as spreadsheet programs themselves do.
    return "'" + text if text[:1] in _FORMULA_STARTS else text


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _unique_uids(events: Sequence[TimelineEvent]) -> list[str]:
    seen: dict[str, int] = {}
    uids = []
    for event in events:
        uid = event_uid(event)
        seen[uid] = seen.get(uid, 0) + 1
        uids.append(uid if seen[uid] == 1 else uid.replace("@", f"-{seen[uid]}@", 1))
    return uids


def _newest_first(studies: Iterable[CaseStudy]) -> list[CaseStudy]:
    # The slug breaks ties between studies of the same date, so order never depends on input.
    return sorted((s for s in studies if not s.is_draft), key=lambda s: (-s.date.toordinal(), s.slug))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _case_study_url(site_url: str, study: CaseStudy) -> str:
    return absolute_url(site_url, case_study_uri(study.slug))


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _check_site_url(site_url: str) -> None:
    if not site_url.endswith("/"):
        raise ValueError(f"site_url must end with '/': {site_url!r}")
