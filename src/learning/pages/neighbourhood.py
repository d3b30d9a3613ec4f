"""Neighbourhood pages, ``/neighbourhoods/<slug>/``, and the index, ``/neighbourhoods/``.

Each page gathers, from the YAML file alone plus the case studies that name it: who the team
is, its coaches, aims, timeline (past, current, upcoming), case studies (newest first; the
site's illustrative examples listed apart), the tools they used, subscriptions and sources.
Unknown facts are printed as "to be confirmed", never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from ..content.catalogue import Catalogue, event_state
from ..model import Contact, Neighbourhood
from ..source.frontmatter import front_matter
from ..templating import render_template
from ..text import TBC, count, long_date
from .fragments import placeholder
from .urls import (
    case_study_uri,
    neighbourhood_calendar,
    neighbourhood_feed,
    neighbourhood_uri,
    propose_url,
    relative_url,
    reports_for_neighbourhood,
    source_link,
    tool_uri,
)

# A contact with nothing known yet: shown as to be confirmed.
UNKNOWN_CONTACT = Contact()


def neighbourhood_page(
    n: Neighbourhood,
    cat: Catalogue,
    *,
    today: dt.date,
    measures: Callable[[], str] | None = None,
    programme_contact: Contact = UNKNOWN_CONTACT,
) -> tuple[str, dict[str, str | Callable[[], str]]]:
    """The Markdown page for one neighbourhood and its HTML fragments: the case-study list,
    which can be long, and ``measures``, a function giving the HTML summary of the measures
    of its case studies (None when they have none)."""
    studies = cat.studies_by_neighbourhood.get(n.slug, ())
    tool_counts = Counter(slug for s in studies if not s.is_example for slug in s.tools)
    uri = neighbourhood_uri(n.slug)
    view = dict(
        n=n,
        locality=n.locality,
        locality_tbc="locality" in n.unconfirmed,
        name_tbc="name" in n.unconfirmed,
        phase=f"Phase {n.phase}" if n.phase is not None else None,
        population=f"{n.population:,}" if n.population is not None else None,
        partners=[cat.partners[p].label for p in n.partners],
        coaches=[_coach_label(cat.coaches[c]) for c in n.coaches],
        contact=_contact(n),
        events=[_event(e, today) for e in n.timeline],
        studies_placeholder=placeholder("studies"),
        tools=[
            dict(
                title=cat.tools[slug].title, link=source_link(uri, tool_uri(slug)), uses=count(used, "case study", "case studies")
            )
            for slug, used in sorted(tool_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        calendar=source_link(uri, neighbourhood_calendar(n.slug)),
        feed=source_link(uri, neighbourhood_feed(n.slug)),
        propose=propose_url(uri, neighbourhoods=(n.slug,)),
        reports=source_link(uri, reports_for_neighbourhood(n.slug)),
        has_contact=any((n.contact.name, n.contact.email, n.contact.url)),
        programme_contact=_programme_contact(programme_contact),
        measures=placeholder("measures") if measures else None,
        tbc=TBC,
    )
    meta = front_matter(
        title=n.name,
        description=n.summary or f"The {n.name} neighbourhood area: what is confirmed about it, its timeline and case studies.",
        feeds=[dict(title=f"Case studies: {n.name}", href=neighbourhood_feed(n.slug))],
    )
    listing = render_template(
        "pages/neighbourhood-studies.html.j2",
        studies=[_study(s, uri) for s in studies if not s.is_example],
        examples=[_study(s, uri) for s in studies if s.is_example],
    )
    fragments: dict[str, str | Callable[[], str]] = {"studies": listing}
    if measures:
        fragments["measures"] = measures
    return meta + "\n" + render_template("pages/neighbourhood.md.j2", **view), fragments


def _coach_label(coach) -> str:
    extra = ", ".join(
        part for part in (coach.organisation, f"cohort {coach.cohort}" if coach.cohort is not None else None) if part
    )
    return f"{coach.name} ({extra})" if extra else coach.name


def _contact(n: Neighbourhood) -> dict:
    c = n.contact
    return dict(name=c.name, email=c.email, url=c.url)


def _event(event, today: dt.date) -> dict:
    return dict(
        title=event.title,
        detail=event.detail,
        iso=event.date.isoformat(),
        state=event_state(event, today),
        note=event.note,
        source=event.source,
        kind=event.kind,
    )


def _study(study, uri: str) -> dict:
    url = relative_url(uri, case_study_uri(study.slug))
    return dict(title=study.title, url=url, date=long_date(study.date), iso=study.date.isoformat(), summary=study.summary)


def _programme_contact(contact: Contact) -> dict:
    return dict(name=contact.name, email=contact.email, known=bool(contact.name or contact.email))
