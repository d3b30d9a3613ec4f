"""Learning reports, ``/reports/<slug>/``, and their index, ``/reports/``.

A report page is assembled from data: a cover block, contents, the introduction, every
selected case study in full (its "at a glance" box, body and charts), the conclusion, a
summary table of measures with their variation and assurance, the sources, a citation and
the date it is "as of". The same page, without the site's chrome, is the report's PDF
(made by the build stage). :func:`report_page` and :func:`reports_index` are the entry points.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from ..content.catalogue import Catalogue
from ..graphics.measure_views import SummaryRow, render_chart, summary_row
from ..model import CaseStudy, Report
from ..source.frontmatter import front_matter
from ..templating import render_template
from ..text import EXAMPLE, count, listed_title, long_date, long_range
from .case_study import study_view
from .cite import citation, cite_block
from .fragments import placeholder
from .urls import (
    REPORTS,
    absolute_url,
    case_study_uri,
    neighbourhood_uri,
    report_pdf,
    report_uri,
    reports_for_neighbourhood,
    source_link,
)

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"( {0,3})(#{1,5})(?=[ \t]|$)")
# A Markdown link target relative to the case study's own folder (another case study).
_SIBLING_LINK = re.compile(r"\]\((?!<|[a-z][a-z0-9+.-]*:|/|#|\.\./)([^)\s]+)", re.IGNORECASE)


def anchor(study: CaseStudy) -> str:
    """The id of ``study``'s section in a report."""
    return f"case-study-{study.slug}"


def report_page(
    report: Report,
    studies: tuple[CaseStudy, ...],
    cat: Catalogue,
    *,
    today: dt.date,
    site_name: str,
    site_url: str,
    with_pdf: bool = True,
) -> tuple[str, dict[str, str | Callable[[], str]]]:
    """The Markdown page of ``report`` holding ``studies`` (already selected, in order) and
    its HTML fragments (cover, contents, "at a glance" boxes, charts, measures, citation).
    ``with_pdf``: the build makes the report's PDF, so the cover links to it; without (a
    preview), the cover says that ``make build`` makes it, and links to nothing."""
    uri = report_uri(report.slug)
    fragments: dict[str, str | Callable[[], str]] = {}
    sections: list[dict[str, Any]] = []
    rows: list[Callable[[], SummaryRow]] = []
    for study in studies:
        key = anchor(study)
        view = study_view(study, cat, uri, today)
        fragments[f"{key}-glance"] = partial(render_template, "pages/case-study-glance.html.j2", **view)
        charts = []
        if report.measures:
            for number, measure in enumerate(study.measures, start=1):
                chart_key = f"{key}-measure-{number}"
                fragments[chart_key] = partial(render_chart, measure, number, id_prefix=f"{key}-")
                charts.append(placeholder(chart_key))
                rows.append(
                    partial(summary_row, measure, study_title=listed_title(study.title, study.is_example), study_url=f"#{key}")
                )
        sections.append(
            dict(
                anchor=key,
                heading=listed_title(study.title, study.is_example),
                example=study.is_example,
                glance=placeholder(f"{key}-glance"),
                body=shift_headings(rebase_links(study.body)),
                charts=charts,
                page=source_link(uri, case_study_uri(study.slug)),
                address=absolute_url(site_url, case_study_uri(study.slug)),
            )
        )
    contents = [("introduction", "Introduction")]
    contents += [(section["anchor"], section["heading"]) for section in sections]
    if report.conclusion:
        contents.append(("conclusion", "Conclusion"))
    if rows:
        contents.append(("summary-of-measures", "Summary of measures"))
    contents += [("sources", "Sources"), ("cite", "Cite this report")]
    examples = sum(1 for s in studies if s.is_example)
    cover = dict(
        subtitle=report.subtitle,
        period=long_range(report.period_from, report.period_to),
        authors=report.authors,
        studies=count(len(studies), "case study", "case studies"),
        examples=count(examples, EXAMPLE.lower(), EXAMPLE.lower() + "s") if examples else None,
        all_examples=examples == len(studies),
        as_of=long_date(today),
        as_of_iso=today.isoformat(),
        # The page is /reports/<slug>/ and its PDF /reports/<slug>.pdf.
        pdf="../" + report_pdf(report.slug).removeprefix("reports/") if with_pdf else None,
    )
    fragments["cover"] = render_template("pages/report-cover.html.j2", **cover)
    fragments["contents"] = render_template(
        "pages/report-contents.html.j2", entries=[dict(href=f"#{key}", text=text) for key, text in contents]
    )
    if rows:
        fragments["summary"] = partial(_summary_table, rows)
    text = citation(
        authors=report.authors,
        year=today.year,
        title=report.title,
        site_name=site_name,
        url=absolute_url(site_url, uri),
    )
    fragments["cite"] = cite_block(text, what="report", heading=False)
    # A PDF handed round on paper needs each case study's address written out.
    sources = [dict(title=s["heading"], link=s["page"], address=s["address"]) for s in sections]
    meta = front_matter(
        title=report.title,
        description=report.subtitle or f"A learning report: {count(len(studies), 'case study', 'case studies')}.",
        report=True,
    )
    markdown = render_template(
        "pages/report.md.j2",
        title=report.title,
        cover=placeholder("cover"),
        contents=placeholder("contents"),
        introduction=shift_headings(report.introduction),
        sections=sections,
        conclusion=shift_headings(report.conclusion) if report.conclusion else None,
        summary=placeholder("summary") if rows else None,
        sources=sources,
        definition=report.path,
        cite=placeholder("cite"),
        as_of=long_date(today),
    )
    return meta + "\n" + markdown, fragments


def _summary_table(rows: list[Callable[[], SummaryRow]]) -> str:
    return render_template("pages/report-measures.html.j2", rows=[row() for row in rows]).removesuffix("\n")


def shift_headings(markdown: str) -> str:
    """``markdown`` with every ATX heading one level deeper (``##`` becomes ``###``), outside
    fenced code: a case study's sections sit under its own heading in a report."""
    lines = markdown.splitlines(keepends=True)
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _ATX.match(line)
        if heading:
            lines[index] = heading.group(1) + "#" + line[len(heading.group(1)) :]
    return "".join(lines)


def rebase_links(markdown: str) -> str:
    """``markdown`` with links to other case studies (``other.md``) pointed at them from the
    reports folder; links that climb out (``../tools/pdsa.md``) work from both."""
    return _SIBLING_LINK.sub(lambda m: "](../case-studies/" + m.group(1), markdown)


def reports_index(reports: list[tuple[Report, tuple[CaseStudy, ...]]], cat: Catalogue, *, with_pdfs: bool = True) -> str:
    """The reports index: each report with its period, size and PDF (when ``with_pdfs``:
    a preview makes none, and says so once), then, for every neighbourhood, the reports
    that hold its case studies (its page links there)."""
    listed = [
        dict(
            title=report.title,
            subtitle=report.subtitle,
            link=source_link(REPORTS, report_uri(report.slug)),
            pdf=report_pdf(report.slug).removeprefix("reports/") if with_pdfs else None,
            period=long_range(report.period_from, report.period_to),
            size=count(len(studies), "case study", "case studies"),
            examples=sum(1 for s in studies if s.is_example),
        )
        for report, studies in reports
    ]
    neighbourhoods = [
        dict(
            name=n.name,
            anchor=reports_for_neighbourhood(n.slug).partition("#")[2],
            page=source_link(REPORTS, neighbourhood_uri(n.slug)),
            reports=[
                dict(title=report.title, link=source_link(REPORTS, report_uri(report.slug)))
                for report, studies in reports
                if any(n.slug in s.neighbourhoods for s in studies)
            ],
        )
        for n in sorted(cat.content.neighbourhoods, key=lambda n: n.name)
    ]
    meta = front_matter(
        title="Reports",
        description="Learning reports assembled from the site's case studies, as web pages and A4 PDFs to hand round.",
    )
    return (
        meta + "\n" + render_template("pages/reports-index.md.j2", reports=listed, neighbourhoods=neighbourhoods, pdfs=with_pdfs)
    )
