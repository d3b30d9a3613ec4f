"""The site's domain types: frozen, validated, and free of raw YAML.

Loaders build these from files; renderers read them. Every object keeps ``path`` (the
repository-relative file it came from) so pages can link their edit button to the source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Term:
    """An entry of a fixed list defined in data/ (a locality, partner type or coach skill)."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event on the programme's or a neighbourhood's timeline."""

    date: dt.date
    title: str
    kind: str
    detail: str | None = None
    end: dt.date | None = None
    neighbourhood: str | None = None
    path: str = ""
    line: int = 0
    status: str = "planned"
    moved_to: dt.date | None = None
    note: str | None = None
    source: str | None = None

    @property
    def last_day(self) -> dt.date:
        return self.end or self.date


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Neighbourhood:
    """One Integrated Neighbourhood Team, from ``data/neighbourhoods/<slug>.yml``."""

    slug: str
    name: str
    locality: str
    path: str
    phase: int | None = None
    summary: str | None = None
    population: int | None = None
    practices: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    coaches: tuple[str, ...] = ()
    aims: tuple[str, ...] = ()
    contact: Contact = Contact()
    sources: tuple[str, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    notes: tuple[str, ...] = ()
    unconfirmed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coach:
    """A coach from ``data/coaches.yml``; ``name`` is a role label unless consent was given."""

    id: str
    name: str
    organisation: str | None
    cohort: int | None
    skills: tuple[str, ...]
    consent: bool = False


@dataclass(frozen=True)
class CaseStudy:
    """A contributed case study from ``case_studies/<slug>.md``."""

    slug: str
    path: str
    title: str
    summary: str
    date: dt.date
    neighbourhoods: tuple[str, ...]
    authors: tuple[str, ...]
    consent: bool
    body: str
    body_line: int = 1
    status: str = "published"
    stage: str | None = None
    tools: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    review_due: dt.date | None = None
    measures: tuple[Any, ...] = ()
    links: tuple[tuple[int, str], ...] = ()
    example: bool = False
    updated: dt.date | None = None

    @property
    def last_changed(self) -> dt.date:
        """The date of the last change in substance: ``updated`` when given, else ``date``."""
        return self.updated or self.date

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def is_example(self) -> bool:
        """An invented case study that shows the format: labelled wherever it appears, and
        never counted as real work."""
        return self.example


@dataclass(frozen=True)
class ToolGuide:
    """A hand-written tool guide, ``docs/tools/<slug>.md``, known by its front matter."""

    slug: str
    path: str
    title: str
    summary: str
    category: str
    time_needed: str
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryTerm:
    """A glossary entry: an abbreviation (with its expansion, shown on hover wherever it is
    used) or a term that is only defined on the glossary page."""

    term: str
    definition: str
    expansion: str | None = None
    source: str | None = None
    abbreviation: bool = True


@dataclass(frozen=True)
class DocPage:
    """A hand-written page: its source under docs/ (``uri``), its path in the repository,
    and its review dates."""

    uri: str
    path: str
    last_reviewed: dt.date
    review_due: dt.date


@dataclass(frozen=True)
class Report:
    """A learning report, from ``data/reports/<slug>.yml``: which case studies it gathers
    (an explicit list in order, or those published in its period that match its filters),
    its introduction and conclusion in Markdown, and what it shows of each case study."""

    slug: str
    path: str
    title: str
    period_from: dt.date
    period_to: dt.date
    introduction: str
    authors: tuple[str, ...]
    subtitle: str | None = None
    conclusion: str | None = None
    case_studies: tuple[str, ...] = ()
    neighbourhoods: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    measures: bool = True
    include_examples: bool = False
    line: int = 1
    selection_line: int = 1


@dataclass(frozen=True)
class Content:
    """Everything the site is generated from, validated and cross-checked."""

    localities: tuple[Term, ...] = ()
    partners: tuple[Term, ...] = ()
    skills: tuple[Term, ...] = ()
    neighbourhoods: tuple[Neighbourhood, ...] = ()
    coaches: tuple[Coach, ...] = ()
    programme: tuple[TimelineEvent, ...] = ()
    case_studies: tuple[CaseStudy, ...] = ()
    tools: tuple[ToolGuide, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    pages: tuple[DocPage, ...] = ()
    reports: tuple[Report, ...] = ()
