"""Coaches, from ``data/coaches.yml``.

A coach's ``name`` is published as written, so it must be a role label (such as "Coach,
cohort 2") unless ``consent: true`` records that the person agreed to be named.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import Coach, Term
from ..problems import Problem
from ..source.fields import Field
from ..source.records import load_records

PATH = "data/coaches.yml"

COACH_FIELDS = (
    Field("id", "slug", "Identifier used in neighbourhood files.", "coach-a", required=True),
    Field(
        "name",
        "text",
        "A role label such as 'Coach, cohort 1'; a real name only with consent: true.",
        "Coach, cohort 1",
        required=True,
        max_length=120,
    ),
    Field(
        "organisation",
        "text",
        "Employing organisation (optional).",
        "Gloucestershire Health and Care NHS Foundation Trust",
        nullable=True,
        max_length=160,
    ),
    Field("cohort", "int", "Coaching cohort number.", "1", nullable=True, extra={"minimum": 0}),
    Field(
        "skills",
        "choice_list",
        "Skills, ids from data/skills.yml.",
        "[measurement, facilitation]",
        extra={"noun": "skill", "see": "the list is in data/skills.yml"},
    ),
    Field("consent", "bool", "true only if the person agreed to publish their real name.", "false"),
)


def load_coaches(root: Path, skills: tuple[Term, ...], problems: list[Problem]) -> tuple[Coach, ...]:
    """Load ``data/coaches.yml`` (optional file); coaches with mistakes are left out."""
    fields = tuple(replace(f, choices=tuple(t.id for t in skills)) if f.name == "skills" else f for f in COACH_FIELDS)
    defaults = {"organisation": None, "cohort": None, "skills": ()}
    return tuple(Coach(**(defaults | values)) for values in load_records(root, PATH, fields, problems, unique="id"))
