"""Load everything the site is generated from: :func:`load_content` is the one entry point.

Files are read once per build, in dependency order (fixed lists, then neighbourhoods and
coaches, then tool guides, then case studies that refer to all of them). Every problem in
every file is collected; the items without problems are returned alongside them.
"""

from __future__ import annotations

from pathlib import Path

from .background import Worker
from .case_studies import Known, load_case_studies
from .coaches import load_coaches
from .events import read_events
from .glossary import load_glossary
from .model import Content
from .neighbourhoods import load_neighbourhoods
from .problems import Problem
from .taxonomy import load_terms
from .tools import load_tools
from .yamlsource import load_yaml_file

PROGRAMME = "data/programme.yml"


def load_content(root: Path, *, include_drafts: bool = False, worker: Worker | None = None) -> tuple[Content, list[Problem]]:
    """Read and validate all content under ``root``; return it with every problem found.

    Drafts are validated either way but only returned when ``include_drafts`` is true.
    A ``worker`` (see :mod:`learning.background`) shares the loading of case studies.
    """
    problems: list[Problem] = []
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
    studies = load_case_studies(root, known, problems, validate_measures=_measure_validator(), worker=worker)
    if not include_drafts:
        studies = tuple(s for s in studies if not s.is_draft)
    content = Content(
        localities=localities,
        partners=partners,
        skills=skills,
        neighbourhoods=neighbourhoods,
        coaches=coaches,
        programme=_load_programme(root, problems),
        case_studies=studies,
        tools=tools,
        glossary=load_glossary(root, problems),
    )
    return content, sorted(problems)


def _load_programme(root: Path, problems: list[Problem]):
    file = root / PROGRAMME
    if not file.is_file():
        return ()
    raw = load_yaml_file(file, PROGRAMME, problems)
    return () if raw is None else read_events(raw, PROGRAMME, "events", problems)


def _broken_neighbourhoods(root: Path) -> frozenset[str]:
    # A neighbourhood file with its own mistakes is reported once, not again by every
    # case study that names it.
    return frozenset(p.stem for p in (root / "data" / "neighbourhoods").glob("*.yml"))


def _measure_validator():
    try:
        from .measures import validate_measures
    except ImportError:
        return None
    return validate_measures
