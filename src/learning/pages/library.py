"""The case-study library, ``/case-studies/``: the newest case studies, a filter over all.

The page's weight does not grow with the library: it lists the :data:`NEWEST` newest case
studies and links to a listing per year (:func:`year_pages`, at most :data:`PER_PAGE`
case studies a page, with plain links between pages), so every case study is reached
without JavaScript. ``library.js`` turns the page into a filter by several facets at once,
with counts, over every case study: it fetches :func:`library_data`, a compact JSON file,
the first time a reader filters, and keeps the filter in the address so a filtered view can
be shared. Python decides everything here (order, facet options, counts, the text of every
card); the templates only print and the script only counts and shows.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from ..content.catalogue import STAGE_LABELS, Catalogue
from ..source.frontmatter import front_matter
from ..templating import render_template
from ..text import count, long_date
from .urls import (
    LIBRARY,
    LIBRARY_DATA,
    case_study_uri,
    library_year_uri,
    neighbourhood_uri,
    relative_file_url,
    relative_url,
    source_link,
)

FACETS = (
    ("neighbourhood", "Neighbourhood"),
    ("locality", "Locality"),
    ("tool", "Tool"),
    ("theme", "Theme"),
    ("stage", "Stage"),
    ("year", "Year"),
)

# The case studies the library page itself lists, and those a page of a year's listing lists.
NEWEST = 50
PER_PAGE = 100


def newest_first(cat: Catalogue) -> list:
    """Every published case study, newest first (then by slug, last first, as the script sorts)."""
    return sorted(cat.content.case_studies, key=lambda s: (s.date, s.slug), reverse=True)


def library_page(cat: Catalogue, *, propose_url: str | None, placeholder: str) -> tuple[str, str]:
    """The library page's Markdown, with ``placeholder`` where the listing goes, and the
    listing itself as HTML: the filter form with every option's count, the :data:`NEWEST`
    newest case studies' cards, and links to each year's listing and each neighbourhood."""
    studies = newest_first(cat)
    items = [_item(s, cat) for s in studies]
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
        "pages/library-list.html.j2",
        total=len(studies),
        shown=min(len(studies), NEWEST),
        items=items[:NEWEST],
        facets=_facets(items, cat),
        data_url=relative_file_url(LIBRARY, LIBRARY_DATA),
        years=_years(studies),
        neighbourhoods=[
            dict(name=n.name, url=relative_url(LIBRARY, neighbourhood_uri(n.slug)), count=len(members))
            for n in sorted(cat.content.neighbourhoods, key=lambda n: n.name.lower())
            if (members := cat.studies_by_neighbourhood.get(n.slug, ()))
        ],
    )
    return markdown, listing


def _years(studies) -> list[dict]:
    """Each year with case studies, newest first: its listing's address from the library and its count."""
    counts = Counter(s.date.year for s in studies)
    return [dict(year=y, url=relative_url(LIBRARY, library_year_uri(y)), count=counts[y]) for y in sorted(counts, reverse=True)]


def year_pages(cat: Catalogue, *, placeholder: str) -> dict[str, tuple[str, str]]:
    """Each year's listing, newest first, in pages of at most :data:`PER_PAGE`: for each page's
    address, its Markdown (``placeholder`` where the cards go) and the cards' HTML. The pages
    link to one another with plain links, so every case study is reached without JavaScript."""
    by_year: dict[int, list] = defaultdict(list)
    for study in newest_first(cat):
        by_year[study.date.year].append(study)
    pages = {}
    for year, studies in by_year.items():
        chunks = [studies[start : start + PER_PAGE] for start in range(0, len(studies), PER_PAGE)]
        for number, chunk in enumerate(chunks, start=1):
            uri = library_year_uri(year, number)
            title = f"Case studies published in {year}" + (f", page {number} of {len(chunks)}" if len(chunks) > 1 else "")
            meta = front_matter(
                title=title,
                description=f"The case studies published in {year}, newest first.",
                hide=["toc"],
            )
            markdown = (
                meta
                + "\n"
                + render_template(
                    "pages/library-year.md.j2",
                    title=title,
                    library=source_link(uri, LIBRARY),
                    first=number == 1,
                    sentence=f"{count(len(studies), 'case study was', 'case studies were')} published in {year}; "
                    + (
                        f"this page lists numbers {(number - 1) * PER_PAGE + 1} to {(number - 1) * PER_PAGE + len(chunk)}, newest first."
                        if len(chunks) > 1
                        else "newest first."
                    ),
                    listing=placeholder,
                )
            )
            listing = render_template(
                "pages/library-year.html.j2",
                items=[_item(s, cat, page=uri) for s in chunk],
                previous=relative_url(uri, library_year_uri(year, number - 1)) if number > 1 else None,
                next=relative_url(uri, library_year_uri(year, number + 1)) if number < len(chunks) else None,
                pages=[
                    dict(number=n, url=relative_url(uri, library_year_uri(year, n)), current=n == number)
                    for n in range(1, len(chunks) + 1)
                ]
                if len(chunks) > 1
                else [],
                years=[
                    dict(year=y, url=relative_url(uri, library_year_uri(y)), current=y == year, count=len(by_year[y]))
                    for y in sorted(by_year, reverse=True)
                ],
            )
            pages[uri] = (markdown, listing)
    return pages


def library_data(cat: Catalogue) -> str:
    """The filter's data, compact JSON: ``facets`` lists each facet's name and its values;
    ``studies`` has one array per case study, newest first: its address from the library,
    title, summary, date as shown, ISO date, neighbourhood names, 1 when it is an
    illustrative example (else 0), then for each facet the indexes of its values."""
    items = [_item(s, cat) for s in newest_first(cat)]
    values: dict[str, dict[str, int]] = {name: {} for name, _ in FACETS}
    for item in items:
        for name, _ in FACETS:
            for value in item["values"][name]:
                values[name].setdefault(value, len(values[name]))
    data = {
        "facets": [[name, list(values[name])] for name, _ in FACETS],
        "studies": [
            [
                item["url"],
                item["title"],
                item["summary"],
                item["date"],
                item["date_iso"],
                item["neighbourhoods"],
                int(item["example"]),
                *([values[name][v] for v in item["values"][name]] for name, _ in FACETS),
            ]
            for item in items
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


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


def _item(study, cat: Catalogue, page: str = LIBRARY) -> dict:
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
        url=relative_url(page, case_study_uri(study.slug)),
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
