"""The case-study library, ``/case-studies/``: every published case study with facets.

Without JavaScript the page is a complete list grouped by neighbourhood. ``library.js``
turns it into one newest-first list that can be filtered by several facets at once, with
counts, keeping the filter in the address so a filtered view can be shared. Python decides
everything here (grouping, order, facet options and counts); the template only prints.
"""

from __future__ import annotations

from collections import Counter

from ..content.catalogue import STAGE_LABELS, Catalogue
from ..source.frontmatter import front_matter
from ..templating import render_template
from ..text import count, long_date
from .urls import LIBRARY, case_study_uri, relative_url

FACETS = (
    ("neighbourhood", "Neighbourhood"),
    ("locality", "Locality"),
    ("tool", "Tool"),
    ("theme", "Theme"),
    ("stage", "Stage"),
    ("year", "Year"),
)


def library_page(cat: Catalogue, *, propose_url: str | None, placeholder: str) -> tuple[str, str]:
    """The library page's Markdown, with ``placeholder`` where the listing goes, and the
    listing itself as HTML (filter form and every case study's card)."""
    studies = cat.content.case_studies
    items = {s.slug: _item(s, cat) for s in studies}
    groups = []
    for n in sorted(cat.content.neighbourhoods, key=lambda n: n.name.lower()):
        members = cat.studies_by_neighbourhood.get(n.slug, ())
        if members:
            groups.append(dict(name=n.name, slug=n.slug, items=[items[s.slug] for s in members]))
    meta = front_matter(
        title="Case studies",
        description="Case studies of improvement work in the neighbourhoods: what changed, how it was measured and what was learned, newest first, with filters.",
        hide=["toc"],
    )
    markdown = (
        meta
        + "\n"
        + render_template(
            "pages/library.md.j2",
            total=len(studies),
            count_sentence=_count_sentence(studies),
            propose_url=propose_url,
            listing=placeholder,
        )
    )
    listing = render_template(
        "pages/library-list.html.j2", total=len(studies), groups=groups, facets=_facets(items.values(), cat)
    )
    return markdown, listing


def _count_sentence(studies) -> str:
    """How many case studies the library holds, and how many of them are examples."""
    examples = sum(1 for s in studies if s.is_example)
    total = count(len(studies), "case study", "case studies")
    if not studies:
        return "There are no case studies in the library yet."
    if examples == len(studies):
        return f"The library holds {total}; so far, every one is an illustrative example."
    if examples:
        verb = "is an illustrative example" if examples == 1 else "are illustrative examples"
        return f"The library holds {total}, of which {examples} {verb}."
    return f"The library holds {total}."


def _item(study, cat: Catalogue) -> dict:
    localities = sorted({cat.neighbourhoods[s].locality for s in study.neighbourhoods})
    values = {
        "neighbourhood": list(study.neighbourhoods),
        "locality": [cat.localities[label].id for label in localities],
        "tool": list(study.tools),
        "theme": list(study.themes),
        "stage": [study.stage] if study.stage else [],
        "year": [str(study.date.year)],
    }
    return dict(
        slug=study.slug,
        url=relative_url(LIBRARY, case_study_uri(study.slug)),
        title=study.title,
        summary=study.summary,
        date=long_date(study.date),
        date_iso=study.date.isoformat(),
        neighbourhoods=", ".join(cat.neighbourhoods[s].name for s in study.neighbourhoods),
        example=study.is_example,
        values=values,
        data={f"data-{name}": " ".join(v) for name, v in values.items()},
    )


# Without a filter chosen, the facets readers use most start open.
_OPEN_FACETS = ("neighbourhood", "tool")


def _facets(items, cat: Catalogue) -> list[dict]:
    counts: dict[str, Counter[str]] = {name: Counter() for name, _ in FACETS}
    for item in items:
        for name, values in item["values"].items():
            counts[name].update(values)
    labels = {
        "neighbourhood": {slug: n.name for slug, n in cat.neighbourhoods.items()},
        "locality": {t.id: t.label for t in cat.content.localities},
        "tool": {slug: t.title for slug, t in cat.tools.items()},
        "stage": STAGE_LABELS,
    }
    facets = []
    for name, legend in FACETS:
        options = [
            dict(value=v, label=labels.get(name, {}).get(v, v.replace("-", " ")), count=c) for v, c in counts[name].items()
        ]
        order = (lambda o: o["value"]) if name == "year" else (lambda o: o["label"].lower())
        options.sort(key=order, reverse=name == "year")
        if options:
            facets.append(dict(name=name, legend=legend, options=options, open=name in _OPEN_FACETS))
    return facets
