"""Case studies: ``case_studies/<slug>.md``, Markdown with strictly validated front matter.

The field list :data:`CASE_STUDY_FIELDS` is the contributor contract. It drives validation
here, the field reference on the Contribute page and the published JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ..measures.validate import validate_measures
from ..model import CaseStudy
from ..problems import Problem, guarded
from ..source.body import check_body
from ..source.fields import SLUG, Field, check_fields
from ..source.frontmatter import read_front_matter
from .taxonomy import PARTNER_TYPES
from .tools import TOOL_GUIDES

FOLDER = "case_studies"
STAGES = ("planning", "testing", "implementing", "sustaining", "spreading")
STATUSES = ("published", "draft")
SUMMARY_LIMIT = 300

CASE_STUDY_FIELDS = (
    Field(
        "title",
        "text",
        "A headline saying what changed.",
        "Weekly frailty huddle cuts repeat falls admissions",
        required=True,
        max_length=150,
    ),
    Field(
        "summary",
        "text",
        f"One or two sentences for listings, feeds and link previews (at most {SUMMARY_LIMIT} characters).",
        "One or two sentences for listings, feeds and link previews.",
        required=True,
        max_length=SUMMARY_LIMIT,
    ),
    Field("date", "date", "Publication date, YYYY-MM-DD.", "2025-03-14", required=True),
    Field(
        "updated",
        "date",
        "When the case study was last changed in substance, YYYY-MM-DD (not before its date); feeds show readers the change.",
        "2025-06-02",
    ),
    Field(
        "neighbourhoods",
        "choice_list",
        "Neighbourhoods the work took place in: file names in data/neighbourhoods/ without .yml.",
        "[forest-of-dean]",
        required=True,
        min_items=1,
        extra={"noun": "neighbourhood", "see": "the list is the files in data/neighbourhoods/"},
    ),
    Field(
        "authors",
        "text_list",
        "Who wrote it: people (with their agreement) or teams.",
        "[District Nursing Team, Forest of Dean INT]",
        required=True,
        min_items=1,
    ),
    Field(
        "consent",
        "bool",
        "Must be true to publish: the people and partner organisations named or described agreed to publication.",
        "true",
        required=True,
    ),
    Field(
        "status",
        "choice",
        "published (the default) or draft. Drafts show in the preview only.",
        "published",
        choices=STATUSES,
        default="published",
    ),
    Field("stage", "choice", "How far the work has got.", "testing", choices=STAGES),
    Field(
        "tools",
        "choice_list",
        "Tool guides used: file names in docs/tools/ without .md.",
        "[pdsa, run-chart]",
        extra=TOOL_GUIDES,
    ),
    Field("themes", "slug_list", "Free tags, lower-case with hyphens.", "[falls, care-homes]"),
    Field(
        "partners",
        "choice_list",
        "Partner types involved, ids from data/partners.yml.",
        "[general-practice, community-nursing]",
        extra=PARTNER_TYPES,
    ),
    Field(
        "example",
        "bool",
        "true only for an invented case study that shows the format: it is labelled 'Illustrative example' "
        "wherever it appears and never counts as real work.",
        "false",
        default=False,
    ),
    Field(
        "review_due", "date", "When the content should be checked again, YYYY-MM-DD; past-due pages show a notice.", "2026-03-14"
    ),
    Field(
        "measures",
        "any",
        "Charts of the work's measures (see 'Measures and charts').",
        "[{title: ..., unit: ..., improvement: down, chart: xmr, data: [...]}]",
    ),
)


@dataclass(frozen=True)
class Known:
    """Identifiers that case studies may refer to."""

    neighbourhoods: frozenset[str]
    tools: frozenset[str]
    partners: tuple[str, ...]


# Files in case_studies/ that are not case studies, and names a case study may not take:
# index would replace the library page.
NOT_CASE_STUDIES = ("README.md",)
RESERVED_SLUGS = ("index",)
# Examples are marked with `example: true`, so that a tag cannot make real work look invented.
NOT_A_THEME = "example"


# These messages are also the browser form's (see learning.content.proposal).
NOT_A_THEME_MESSAGE = "'example' is not a theme; write `example: true` to mark an invented case study"
CONSENT_MESSAGE = "must be true to publish; until everyone named has agreed, set `status: draft`"


def reserved_name(name: str) -> str:
    """The message for a case-study file whose name the site keeps for itself."""
    return f"'{name}' is a name the site keeps for its own page; rename the file"


def bad_file_name(name: str) -> str:
    """The message for a case-study file whose name breaks the slug rule."""
    return f"file name '{name}' must be lower-case letters, digits and hyphens, e.g. weekly-frailty-huddle.md (it becomes the page address)"


def case_study_files(root: Path) -> list[Path]:
    """The case-study files under ``root``, in name order (the folder's README is not one)."""
    return [file for file in sorted((root / FOLDER).glob("*.md")) if file.name not in NOT_CASE_STUDIES]


def load_case_studies(root: Path, files: list[Path], known: Known) -> tuple[list[CaseStudy], list[Problem]]:
    """The case studies in ``files`` that have no mistakes, in the order given, and the
    problems found in all of them. A fault in this code while reading one file becomes one
    problem for that file; the others are still read."""
    problems: list[Problem] = []
    studies = []
    for file in files:
        path = file.relative_to(root).as_posix()
        studies.append(guarded(path, problems, partial(load_case_study, root, file, known, problems)))
    return [study for study in studies if study is not None], problems


def load_case_study(root: Path, file: Path, known: Known, problems: list[Problem]) -> CaseStudy | None:
    """Read, validate and cross-check one case study file."""
    path = file.relative_to(root).as_posix()
    if file.stem in RESERVED_SLUGS:
        problems.append(Problem(path, 1, "", reserved_name(file.name)))
        return None
    if not SLUG.fullmatch(file.stem):
        problems.append(Problem(path, 1, "", bad_file_name(file.name)))
        return None
    before = len(problems)
    document = read_front_matter(file, path, problems)
    if document is None or document.meta is None:
        return None
    meta = document.meta
    values = check_fields(meta, _fields_for(known), path, problems)
    links = check_body(document.body, document.body_line, path, problems)
    if NOT_A_THEME in values.get("themes", ()):
        problems.append(
            Problem(
                path,
                meta.line_of("themes"),
                "themes",
                NOT_A_THEME_MESSAGE,
            )
        )
    if values.get("consent") is False and values.get("status", "published") == "published":
        problems.append(
            Problem(
                path,
                meta.line_of("consent"),
                "consent",
                CONSENT_MESSAGE,
            )
        )
    if values.get("updated") and values.get("date") and values["updated"] < values["date"]:
        problems.append(
            Problem(
                path,
                meta.line_of("updated"),
                "updated",
                f"{values['updated'].isoformat()} is before the publication date {values['date'].isoformat()}; give the date of the last change",
            )
        )
    if "measures" in values:
        values["measures"] = validate_measures(
            values["measures"],
            path=path,
            line=meta.line_of("measures"),
            case_study_file=file,
            case_studies_dir=root / FOLDER,
            problems=problems,
        )
    if len(problems) != before:
        return None
    return CaseStudy(
        slug=file.stem,
        path=path,
        body=document.body,
        body_line=document.body_line,
        links=tuple((link.line, link.target) for link in links),
        **values,
    )


def _fields_for(known: Known) -> tuple[Field, ...]:
    choices = {
        "neighbourhoods": tuple(sorted(known.neighbourhoods)),
        "tools": tuple(sorted(known.tools)),
        "partners": known.partners,
    }
    return tuple(replace(f, choices=choices[f.name]) if f.name in choices else f for f in CASE_STUDY_FIELDS)
