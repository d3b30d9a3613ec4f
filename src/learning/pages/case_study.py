"""Case-study pages: an "at a glance" header from the front matter, then the author's body.

:func:`case_study_page` is the one entry point. Links are written as Markdown links to the
``.md`` sources of other pages, so the site engine checks and rewrites them.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from ..content.catalogue import STAGE_LABELS, Catalogue
from ..model import CaseStudy
from ..source.frontmatter import front_matter
from ..templating import render_template
from ..text import listed_title, long_date
from .fragments import placeholder
from .urls import case_study_uri, neighbourhood_uri, relative_url, tool_uri


def case_study_page(
    study: CaseStudy, cat: Catalogue, *, today: dt.date, charts: dict | None = None, cite: str | None = None
) -> tuple[str, dict]:
    """The Markdown page for ``study`` and its HTML fragments: the "at a glance" box,
    ``charts`` (rendered measures by id) and the ``cite`` block (HTML), which go in after
    conversion (see ``placeholder``)."""
    uri = case_study_uri(study.slug)
    view = study_view(study, cat, uri, today)
    charts = charts or {}
    fragments = {"glance": partial(render_template, "pages/case-study-glance.html.j2", **view), **charts}
    if cite:
        fragments["cite"] = cite
    meta = front_matter(title=listed_title(study.title, study.is_example), description=study.summary, case_study=True)
    markdown = render_template(
        "pages/case-study.md.j2",
        **view,
        body=study.body,
        glance=placeholder("glance"),
        charts=[placeholder(key) for key in charts],
        cite=placeholder("cite") if cite else None,
    )
    return meta + "\n" + markdown, fragments


def study_view(study: CaseStudy, cat: Catalogue, uri: str, today: dt.date) -> dict:
    """What the templates print about ``study`` (its "at a glance" box and notices), with
    links relative to the page ``uri`` that shows it."""
    return dict(
        title=study.title,
        heading=listed_title(study.title, study.is_example),
        draft=study.is_draft,
        example=study.is_example,
        review_due=long_date(study.review_due) if study.review_due else None,
        overdue=bool(study.review_due and study.review_due < today),
        show_review_due=bool(study.review_due and study.review_due >= today),
        neighbourhoods=[
            dict(
                name=n.name,
                url=relative_url(uri, neighbourhood_uri(n.slug)),
                # "Forest of Dean (Forest of Dean)" says nothing twice: a locality is only
                # shown when it is not the neighbourhood's own name.
                locality=n.locality if n.locality != n.name else None,
            )
            for n in (cat.neighbourhoods[s] for s in study.neighbourhoods)
        ],
        tools=[dict(title=cat.tools[s].title, url=relative_url(uri, tool_uri(s))) for s in study.tools],
        stage=STAGE_LABELS.get(study.stage) if study.stage else None,
        partners=[cat.partners[p].label for p in study.partners],
        authors=study.authors,
        published=long_date(study.date),
        published_iso=study.date.isoformat(),
        themes=study.themes,
    )
