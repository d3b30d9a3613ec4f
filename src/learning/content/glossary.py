"""The glossary, ``data/glossary.yml``: every abbreviation used on the site, defined once.

It feeds both the glossary page and the hover definitions appended to every page.
"""

from __future__ import annotations

from pathlib import Path

from ..model import GlossaryTerm
from ..problems import Problem
from ..source.fields import Field
from ..source.records import load_records

PATH = "data/glossary.yml"

GLOSSARY_FIELDS = (
    Field("term", "text", "The abbreviation exactly as written on pages, or a term.", "INT", required=True, max_length=40),
    Field("expansion", "text", "What an abbreviation stands for.", "Integrated Neighbourhood Team", max_length=120),
    Field(
        "abbreviation",
        "bool",
        "false for a term that is not an abbreviation (it is defined on the glossary page, with no hover text).",
        "false",
        default=True,
    ),
    Field(
        "definition",
        "text",
        "One or two plain-English sentences.",
        "A team of teams serving one neighbourhood.",
        required=True,
        max_length=600,
    ),
    Field("source", "url", "Where the definition can be checked (optional).", "https://www.england.nhs.uk/"),
)


def load_glossary(root: Path, problems: list[Problem]) -> tuple[GlossaryTerm, ...]:
    """Load the glossary (optional file), sorted by term, case-insensitively."""
    records = load_records(root, PATH, GLOSSARY_FIELDS, problems, unique="term", check=_check_entry)
    return tuple(sorted((GlossaryTerm(**values) for values in records), key=lambda t: t.term.lower()))


def _check_entry(values: dict, item, prefix: str, problems: list[Problem]) -> None:
    if values.get("abbreviation", True) and "expansion" not in values and "expansion" not in item:
        problems.append(
            Problem(
                PATH,
                item.line,
                prefix + "expansion",
                "an abbreviation needs its expansion; add e.g. `expansion: Integrated Neighbourhood Team`, or `abbreviation: false`",
            )
        )
