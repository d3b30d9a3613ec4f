"""The coaches page, ``/coaches/``: who coaches which neighbourhood, and a map of improvement
capability: for each neighbourhood, which skills its coaches bring.

Computed in one pass over neighbourhoods and their coaches; the template only prints.
"""

from __future__ import annotations

from typing import Any

from ..content.catalogue import Catalogue
from ..source.frontmatter import front_matter
from ..templating import render_template
from ..text import TBC
from .urls import COACHES, neighbourhood_uri, source_link


def coaches_page(cat: Catalogue) -> str:
    content = cat.content
    skills = content.skills
    rows: list[dict[str, Any]] = []
    for n in sorted(content.neighbourhoods, key=lambda n: n.name.lower()):
        offered = {skill for coach in n.coaches for skill in cat.coaches[coach].skills}
        rows.append(
            dict(
                name=n.name,
                link=source_link(COACHES, neighbourhood_uri(n.slug)),
                coaches=len(n.coaches),
                cells=["Yes" if s.id in offered else "No" for s in skills],
            )
        )
    coverage = [dict(label=s.label, count=sum(1 for r in rows if r["cells"][i] == "Yes")) for i, s in enumerate(skills)]
    coaches = [
        dict(
            name=c.name,
            organisation=c.organisation or TBC.capitalize(),
            cohort=str(c.cohort) if c.cohort is not None else TBC.capitalize(),
            skills=", ".join(t.label for t in skills if t.id in c.skills),
            neighbourhoods=", ".join(n.name for n in content.neighbourhoods if c.id in n.coaches) or "Not yet assigned",
        )
        for c in content.coaches
    ]
    meta = front_matter(
        title="Coaches and skills",
        description="Which improvement skills the programme's coaches bring to each neighbourhood team.",
    )
    return (
        meta
        + "\n"
        + render_template("pages/coaches.md.j2", skills=skills, rows=rows, coverage=coverage, coaches=coaches, total=len(rows))
    )
