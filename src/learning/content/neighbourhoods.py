"""Neighbourhoods: one ``data/neighbourhoods/<slug>.yml`` file per Integrated Neighbourhood Team.

The file name is the slug (and the page URL). References to localities, partner types and
coaches are checked against the lists passed in.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from ..model import Coach, Contact, Neighbourhood, Term
from ..problems import Problem, guarded
from ..source.fields import SLUG, Field, check_fields
from ..source.strict_yaml import Mapping, load_yaml_file
from .events import read_events
from .taxonomy import PARTNER_TYPES

NEIGHBOURHOOD_FIELDS = (
    Field(
        "name",
        "text",
        "Name of the neighbourhood team or its primary care network.",
        "Forest of Dean",
        required=True,
        max_length=120,
    ),
    Field(
        "locality",
        "choice",
        "One of the six localities, written as its label in data/localities.yml.",
        "Forest of Dean",
        required=True,
        extra={"noun": "locality", "see": "the localities are listed in data/localities.yml"},
    ),
    Field(
        "phase",
        "int",
        "Coaching phase (cohort) the team joins; leave out if not yet decided.",
        "1",
        nullable=True,
        extra={"minimum": 0},
    ),
    Field(
        "summary",
        "text",
        "A short description of the neighbourhood.",
        "Rural neighbourhood in west Gloucestershire.",
        nullable=True,
        max_length=600,
    ),
    Field(
        "population",
        "int",
        "Registered population, with its source in `sources`; null = to be confirmed.",
        "52911",
        nullable=True,
        extra={"minimum": 0},
    ),
    Field("practices", "text_list", "GP practices a public source places in this team.", "[Cirencester Health Group]"),
    Field(
        "partners",
        "choice_list",
        "Partner types in the team, ids from data/partners.yml.",
        "[general-practice, community-nursing]",
        extra=PARTNER_TYPES,
    ),
    Field(
        "coaches",
        "choice_list",
        "Coach ids from data/coaches.yml.",
        "[coach-a]",
        extra={"noun": "coach id", "see": "coaches are listed in data/coaches.yml"},
    ),
    Field("aims", "text_list", "Improvement aims, in plain text.", "[Reduce repeat falls admissions by March 2026]"),
    Field(
        "contact",
        "any",
        "Contact for the team: {name, email, url}; null values are shown as to be confirmed.",
        "{name: null, email: null, url: null}",
    ),
    Field("sources", "url_list", "Web addresses the facts above come from.", "[https://www.example.nhs.uk/page]"),
    Field(
        "unconfirmed",
        "choice_list",
        "Fields whose values a source does not yet confirm; the page marks them 'to be confirmed'.",
        "[locality]",
        choices=("name", "locality", "phase", "population", "practices", "partners", "coaches"),
    ),
    Field("notes", "text_list", "Caveats about the facts (shown on the page).", "[Locality inferred from the name.]"),
    Field(
        "timeline",
        "any",
        "Events: a list of {date, end, title, detail, kind}.",
        "[{date: 2024-10-13, title: Coach assigned, kind: milestone}]",
    ),
)

# The overview page is neighbourhoods/index: no neighbourhood may take that name.
RESERVED_SLUGS = ("index",)

CONTACT_FIELDS = (
    Field("name", "text", "Contact name or role.", "Neighbourhood lead", nullable=True, max_length=120),
    Field("email", "email", "Contact email.", "team@nhs.net", nullable=True),
    Field("url", "url", "Team web page.", "https://www.example.nhs.uk", nullable=True),
)


def load_neighbourhoods(
    root: Path, localities: tuple[Term, ...], partners: tuple[Term, ...], coaches: tuple[Coach, ...], problems: list[Problem]
) -> tuple[Neighbourhood, ...]:
    """Load every ``data/neighbourhoods/*.yml``; files with mistakes are reported and left out."""
    folder = root / "data" / "neighbourhoods"
    files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    choices = {
        "locality": tuple(t.label for t in localities),
        "partners": tuple(t.id for t in partners),
        "coaches": tuple(c.id for c in coaches),
    }
    fields = tuple(replace(f, choices=choices[f.name]) if f.name in choices else f for f in NEIGHBOURHOOD_FIELDS)
    result = []
    seen: set[str] = set()
    for file in files:
        path = file.relative_to(root).as_posix()
        if file.stem in seen:
            problems.append(Problem(path, 1, "", f"a file for '{file.stem}' already exists with another extension; keep one"))
            continue
        seen.add(file.stem)
        if file.stem in RESERVED_SLUGS:
            problems.append(
                Problem(path, 1, "", f"'{file.name}' is a name the site keeps for the overview page; rename the file")
            )
            continue
        if not SLUG.fullmatch(file.stem):
            problems.append(
                Problem(
                    path,
                    1,
                    "",
                    f"file name '{file.name}' must be a slug (lower-case letters, digits, hyphens), e.g. forest-of-dean.yml",
                )
            )
            continue
        neighbourhood = guarded(path, problems, partial(_read, file, path, fields, problems))
        if neighbourhood is not None:
            result.append(neighbourhood)
    return tuple(result)


def _read(file: Path, path: str, fields: tuple[Field, ...], problems: list[Problem]) -> Neighbourhood | None:
    raw = load_yaml_file(file, path, problems)
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, 1, "", "expected fields such as `name: Forest of Dean` and `locality: Forest of Dean`"))
        return None
    before = len(problems)
    values = check_fields(raw, fields, path, problems)
    if "contact" in values:
        values["contact"] = _contact(raw, path, problems)
    if "timeline" in values:
        values["timeline"] = read_events(raw["timeline"], path, "timeline", problems, neighbourhood=file.stem)
    if len(problems) != before:
        return None
    return Neighbourhood(slug=file.stem, path=path, **values)


def _contact(raw: Mapping, path: str, problems: list[Problem]) -> Contact:
    value = raw["contact"]
    if value is None:
        return Contact()
    if not isinstance(value, Mapping):
        problems.append(
            Problem(
                path, raw.line_of("contact"), "contact", "expected `{name: ..., email: ..., url: ...}` (use null for unknown)"
            )
        )
        return Contact()
    return Contact(**check_fields(value, CONTACT_FIELDS, path, problems, prefix="contact."))
