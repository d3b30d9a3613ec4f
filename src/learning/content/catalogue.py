"""Lookups over validated content, computed once per build.

Renderers need the same joins again and again (case studies of a neighbourhood, of a tool,
the locality of a neighbourhood, a partner's label). :class:`Catalogue` computes each index
in one pass so no page renderer loops over all content per item (no quadratic work).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import CaseStudy, Content, Neighbourhood, Term, TimelineEvent
from ..text import long_date, long_range

STAGE_LABELS = {
    "planning": "Planning",
    "testing": "Testing",
    "implementing": "Implementing",
    "sustaining": "Sustaining",
    "spreading": "Spreading",
}


@dataclass(frozen=True)
class EventState:
    """How an event is shown as of the build date: a CSS modifier, a short badge, and the
    words that replace its date when the date alone would mislead."""

    css: str
    badge: str
    when: str


def event_state(event: TimelineEvent, today: dt.date) -> EventState:
    """An event as of ``today``. A planned date that has passed is never shown as done:
    it says the outcome is not yet recorded."""
    dates = long_range(event.date, event.end)
    if event.status == "done":
        return EventState("done", "Done", dates)
    if event.status == "cancelled":
        return EventState("cancelled", "Cancelled", f"was planned for {dates}; cancelled")
    if event.status == "moved" and event.moved_to is not None:
        moved = long_date(event.moved_to)
        return EventState("moved", "Moved", f"was planned for {dates}; moved to {moved}")
    if event.last_day < today:
        return EventState("unrecorded", "Planned", f"planned for {dates}; outcome not yet recorded")
    if event.date > today:
        return EventState("upcoming", "Upcoming", dates)
    return EventState("current", "Planned for now", dates)


def last_recorded(events: list[TimelineEvent] | tuple[TimelineEvent, ...]) -> TimelineEvent | None:
    """The latest event recorded as done, if any."""
    done = [e for e in events if e.status == "done"]
    return max(done, key=lambda e: (e.last_day, e.title)) if done else None


@dataclass(frozen=True)
class Catalogue:
    """Indexes over one :class:`Content`; build with :func:`catalogue`."""

    content: Content
    neighbourhoods: dict[str, Neighbourhood] = field(default_factory=dict)
    localities: dict[str, Term] = field(default_factory=dict)
    partners: dict[str, Term] = field(default_factory=dict)
    tools: dict = field(default_factory=dict)
    coaches: dict = field(default_factory=dict)
    studies_by_neighbourhood: dict[str, tuple[CaseStudy, ...]] = field(default_factory=dict)
    studies_by_tool: dict[str, tuple[CaseStudy, ...]] = field(default_factory=dict)


def catalogue(content: Content) -> Catalogue:
    """Index ``content`` in a single pass over each collection."""
    by_neighbourhood: dict[str, list[CaseStudy]] = defaultdict(list)
    by_tool: dict[str, list[CaseStudy]] = defaultdict(list)
    for study in content.case_studies:  # already newest first
        for slug in study.neighbourhoods:
            by_neighbourhood[slug].append(study)
        for slug in study.tools:
            by_tool[slug].append(study)
    return Catalogue(
        content=content,
        neighbourhoods={n.slug: n for n in content.neighbourhoods},
        localities={t.label: t for t in content.localities},
        partners={t.id: t for t in content.partners},
        tools={t.slug: t for t in content.tools},
        coaches={c.id: c for c in content.coaches},
        studies_by_neighbourhood={k: tuple(v) for k, v in by_neighbourhood.items()},
        studies_by_tool={k: tuple(v) for k, v in by_tool.items()},
    )


def all_events(cat: Catalogue) -> list[TimelineEvent]:
    """Programme events and every neighbourhood's events, in date order."""
    events = list(cat.content.programme)
    for n in cat.content.neighbourhoods:
        events.extend(n.timeline)
    return sorted(events, key=lambda e: (e.date, e.neighbourhood or "", e.title))
