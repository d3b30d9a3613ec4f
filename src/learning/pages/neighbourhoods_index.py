"""The neighbourhoods overview, ``/neighbourhoods/``: every team grouped by locality, with
the swimlane of the programme's and the teams' timelines.
"""

from __future__ import annotations

import datetime as dt

from ..content.catalogue import Catalogue
from ..graphics.swimlane import render_swimlane
from ..source.frontmatter import front_matter
from ..templating import render_template
from .urls import (
    NEIGHBOURHOODS,
    case_study_uri,
    neighbourhood_uri,
    relative_url,
    source_link,
)


def neighbourhoods_index(cat: Catalogue, *, swimlane: str = "") -> str:
    """All neighbourhoods grouped by locality (in data/localities.yml order), with counts."""
    groups = []
    for locality in cat.content.localities:
        members = sorted((n for n in cat.content.neighbourhoods if n.locality == locality.label), key=lambda n: n.name.lower())
        groups.append(
            dict(
                label=locality.label,
                description=locality.description,
                members=[
                    dict(
                        name=n.name,
                        link=source_link(NEIGHBOURHOODS, neighbourhood_uri(n.slug)),
                        phase=f"Phase {n.phase}" if n.phase is not None else "Phase to be confirmed",
                        count=sum(1 for s in cat.studies_by_neighbourhood.get(n.slug, ()) if not s.is_example),
                        locality_tbc="locality" in n.unconfirmed,
                    )
                    for n in members
                ],
            )
        )
    meta = front_matter(
        title="Neighbourhoods",
        description="Gloucestershire's neighbourhood areas, by locality, with what is confirmed about each, their case studies and timelines.",
    )
    return (
        meta
        + "\n"
        + render_template(
            "pages/neighbourhoods-index.md.j2", groups=groups, total=len(cat.content.neighbourhoods), swimlane=swimlane
        )
    )


def overview_swimlane(cat: Catalogue, today: dt.date) -> str:
    """The overview's swimlane: one lane per neighbourhood, by locality then name, with
    links to the neighbourhoods' and case studies' pages."""
    content = cat.content
    studies = [s for s in content.case_studies if not s.is_draft]
    links = {f"n:{n.slug}": relative_url(NEIGHBOURHOODS, neighbourhood_uri(n.slug)) for n in content.neighbourhoods}
    links.update({s.slug: relative_url(NEIGHBOURHOODS, case_study_uri(s.slug)) for s in studies})
    by_name = sorted(content.neighbourhoods, key=lambda n: n.name.lower())
    lanes = [n for locality in content.localities for n in by_name if n.locality == locality.label]
    return render_swimlane(lanes, content.programme, studies, today=today, page_links=links)
