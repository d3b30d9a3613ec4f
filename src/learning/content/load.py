"""Load everything the site is generated from: :func:`load_content` is the one entry point.

Files are read once per build, in dependency order: the fixed lists, then neighbourhoods and
coaches, then tool guides (together, :func:`load_references`), then the case studies that
refer to all of them. Every problem in every file is collected; the items without problems
are returned alongside them. The build stage may load the case studies in pieces, in two
processes, and join them with :func:`assemble_content`; the result is the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..model import (
    CaseStudy,
    Coach,
    Content,
    DocPage,
    GlossaryTerm,
    Neighbourhood,
    Report,
    Term,
    TimelineEvent,
    ToolGuide,
)
from ..problems import Problem, guarded
from ..source.files import find_links
from ..source.strict_yaml import load_yaml_file
from .case_studies import Known, case_study_files, load_case_studies
from .coaches import load_coaches
from .docs_pages import load_doc_pages
from .events import read_events
from .glossary import load_glossary
from .inventory import unread_files
from .neighbourhoods import load_neighbourhoods
from .reports import check_case_study_names, load_reports
from .taxonomy import load_terms
from .tools import load_tools

PROGRAMME = "data/programme.yml"


@dataclass(frozen=True)
class References:
    """Everything but the case studies: what case studies may refer to, and its problems."""

    localities: tuple[Term, ...]
    partners: tuple[Term, ...]
    skills: tuple[Term, ...]
    coaches: tuple[Coach, ...]
    neighbourhoods: tuple[Neighbourhood, ...]
    tools: tuple[ToolGuide, ...]
    programme: tuple[TimelineEvent, ...]
    glossary: tuple[GlossaryTerm, ...]
    pages: tuple[DocPage, ...]
    reports: tuple[Report, ...]
    case_study_names: frozenset[str]
    known: Known
    linked: frozenset[str]
    problems: tuple[Problem, ...]


def load_content(root: Path, *, include_drafts: bool = False) -> tuple[Content, list[Problem]]:
    """Read and validate all content under ``root``; return it with every problem found.

    Drafts are validated either way but only returned when ``include_drafts`` is true.
    """
    references = load_references(root)
    studies, problems = load_case_studies(root, case_study_files(root), references.known)
    return assemble_content(references, studies, problems, include_drafts=include_drafts)


def load_references(root: Path) -> References:
    """The fixed lists, coaches, neighbourhoods, tool guides, programme and glossary."""
    links = find_links(root)
    problems: list[Problem] = links + unread_files(root)
    localities = load_terms(root, "data/localities.yml", problems)
    partners = load_terms(root, "data/partners.yml", problems)
    skills = load_terms(root, "data/skills.yml", problems)
    coaches = load_coaches(root, skills, problems)
    neighbourhoods = load_neighbourhoods(root, localities, partners, coaches, problems)
    tools = load_tools(root, problems)
    known = Known(
        neighbourhoods=frozenset(n.slug for n in neighbourhoods) | _broken_neighbourhoods(root),
        tools=frozenset(t.slug for t in tools),
        partners=tuple(p.id for p in partners),
    )
    return References(
        localities=localities,
        partners=partners,
        skills=skills,
        coaches=coaches,
        neighbourhoods=neighbourhoods,
        tools=tools,
        programme=guarded(PROGRAMME, problems, partial(_load_programme, root, problems)) or (),
        glossary=load_glossary(root, problems),
        pages=load_doc_pages(root, problems),
        reports=load_reports(root, known, problems),
        case_study_names=frozenset(file.stem for file in case_study_files(root)),
        known=known,
        linked=frozenset(problem.path for problem in links),
        problems=tuple(problems),
    )


def assemble_content(
    references: References, studies: list[CaseStudy], problems: list[Problem], *, include_drafts: bool = False
) -> tuple[Content, list[Problem]]:
    """One :class:`Content` from the references and the case studies loaded against them
    (in any order; they are returned newest first), with every problem, sorted."""
    # A case study naming a neighbourhood whose own file has mistakes waits for that file
    # (its problems are reported); it cannot be shown without the neighbourhood.
    problems = list(problems)
    reports = tuple(check_case_study_names(references.reports, studies, references.case_study_names, problems))
    loaded = {n.slug for n in references.neighbourhoods}
    studies = [s for s in studies if all(slug in loaded for slug in s.neighbourhoods)]
    ordered = tuple(sorted(studies, key=lambda s: (s.date, s.slug), reverse=True))
    if not include_drafts:
        ordered = tuple(s for s in ordered if not s.is_draft)
    content = Content(
        localities=references.localities,
        partners=references.partners,
        skills=references.skills,
        neighbourhoods=references.neighbourhoods,
        coaches=references.coaches,
        programme=references.programme,
        case_studies=ordered,
        tools=references.tools,
        glossary=references.glossary,
        pages=references.pages,
        reports=reports,
    )
    return content, sorted([*references.problems, *problems])


def _load_programme(root: Path, problems: list[Problem]) -> tuple[TimelineEvent, ...]:
    file = root / PROGRAMME
    if not file.is_file():
        return ()
    raw = load_yaml_file(file, PROGRAMME, problems)
    return () if raw is None else read_events(raw, PROGRAMME, "events", problems)


def _broken_neighbourhoods(root: Path) -> frozenset[str]:
    # A neighbourhood file with its own mistakes is reported once, not again by every
    # case study that names it.
    return frozenset(p.stem for p in (root / "data" / "neighbourhoods").glob("*.yml"))
