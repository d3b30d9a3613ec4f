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

STAGE_LABELS = {
    "planning": "Planning",
    "testing": "Testing",
    "implementing": "Implementing",
    "sustaining": "Sustaining",
    "spreading": "Spreading",
}


def tense(event: TimelineEvent, today: dt.date) -> str:
    """``past``, ``current`` or ``upcoming`` relative to ``today``."""
    if event.last_day < today:
        return "past"
    if event.date > today:
        return "upcoming"
    return "current"


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
