"""The neighbourhoods overview, ``/neighbourhoods/``: every team grouped by locality, with
the swimlane of the programme's and the teams' timelines.
"""

from __future__ import annotations

from ..content.catalogue import Catalogue
from ..source.frontmatter import front_matter
from ..templating import render_template


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
                        link=f"{n.slug}.md",
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
        description="Gloucestershire's fifteen Integrated Neighbourhood Teams, by locality, with their case studies and timelines.",
    )
    return meta + "\n" + render_template("pages/neighbourhoods-index.md.j2", groups=groups, total=len(cat.content.neighbourhoods), swimlane=swimlane)
