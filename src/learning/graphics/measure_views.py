"""What the site shows of each measure: its chart on the case study, and a one-line summary
on each of the study's neighbourhood pages. :func:`render_measure_views` is the entry point.

Analysing and drawing hundreds of measures is the costliest part of generating pages, and
none of it is needed until pages are written, so the input is plain picklable data: the
work can run in a second process (see :mod:`learning.background`) while the site engine
converts Markdown in the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ..measures.runchart import SIGNAL
from ..measures.spc import XmrResult
from ..measures.validate import Measure, analyse_measure
from ..model import CaseStudy
from ..text import listed_title
from .charts import Icon, icons, measure_badge, render_measure


@dataclass(frozen=True)
class StudyMeasures:
    """A case study's measures and what a summary needs to link back to it: ``url``, the
    case study's address relative to a neighbourhood page."""

    slug: str
    title: str
    url: str
    neighbourhoods: tuple[str, ...]
    measures: tuple[Measure, ...]

    @classmethod
    def of(cls, study: CaseStudy, *, url: str) -> StudyMeasures:
        return cls(study.slug, listed_title(study.title, study.is_example), url, study.neighbourhoods, tuple(study.measures))


@dataclass(frozen=True)
class MeasureViews:
    """``charts[study slug][chart id]``: chart HTML; ``summaries[neighbourhood slug]``: one
    line of HTML for each measure of that neighbourhood's case studies, in study order
    (:func:`summary_list` makes the page's list from them)."""

    charts: dict[str, dict[str, str]]
    summaries: dict[str, list[str]]


def chart_id(number: int) -> str:
    """The id of a study's ``number``-th measure (from 1): its chart and its placeholder."""
    return f"measure-{number}"


def render_measure_views(studies: Iterable[StudyMeasures], *, charts: bool = True) -> MeasureViews:
    """Analyse every measure once; render its summary line, and its chart when ``charts``."""
    rendered: dict[str, dict[str, str]] = {}
    summaries: dict[str, list[str]] = {}
    for study in studies:
        for number, measure in enumerate(study.measures, start=1):
            analysis = analyse_measure(measure)
            if charts:
                rendered.setdefault(study.slug, {})[chart_id(number)] = render_measure(
                    measure, analysis, chart_id=chart_id(number)
                )
            line = str(measure_badge(measure, analysis, study_title=study.title, study_url=study.url))
            for slug in study.neighbourhoods:
                summaries.setdefault(slug, []).append(line)
    return MeasureViews(rendered, summaries)


def render_chart(measure: Measure, number: int, *, id_prefix: str = "") -> str:
    """The chart of one measure, analysed here (for a page rendered on its own). A page
    holding several case studies' charts gives each study's an ``id_prefix``."""
    return render_measure(measure, analyse_measure(measure), chart_id=id_prefix + chart_id(number))


@dataclass(frozen=True)
class SummaryRow:
    """One measure in a table of measures: what it is, and its variation and assurance
    (SPC icons with their words), or the run chart's signals."""

    study: str
    url: str
    title: str
    unit: str
    chart: str
    icons: tuple[Icon, ...]
    signals: str


def summary_row(measure: Measure, *, study_title: str, study_url: str) -> SummaryRow:
    """The row of ``measure`` (analysed here) for a table of measures."""
    analysis = analyse_measure(measure)
    if isinstance(analysis, XmrResult):
        return SummaryRow(study_title, study_url, measure.title, measure.unit, "XmR chart", icons(analysis), "")
    found = [v.rule for v in analysis.verdicts if v.status == SIGNAL]
    signals = ", ".join(found) + " signal" if found else "no signal"
    return SummaryRow(study_title, study_url, measure.title, measure.unit, "Run chart", (), signals)


def summary_list(lines: Iterable[str]) -> str:
    """The HTML list of a neighbourhood's measure summaries."""
    items = Markup("\n").join(Markup("<li>{}</li>").format(Markup(line)) for line in lines)
    return str(Markup('<ul class="un-measure-list">\n{}\n</ul>').format(items))
