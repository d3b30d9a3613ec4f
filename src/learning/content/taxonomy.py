"""Fixed lists defined once in data/: localities, partner types and coach skills.

Each file is a YAML list of ``{id, label, description}``. Other files refer to entries
(by ``id``, or by ``label`` for localities); loaders check those references.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Term
from ..problems import Problem
from ..source.fields import Field
from ..source.records import load_records

# How fields naming partner types refer to data/partners.yml, in messages.
PARTNER_TYPES = {"noun": "partner type", "see": "the list is in data/partners.yml"}

TERM_FIELDS = (
    Field("id", "slug", "Identifier used in other files.", "community-nursing", required=True),
    Field("label", "text", "Name shown on pages.", "Community nursing", required=True, max_length=80),
    Field(
        "description",
        "text",
        "One sentence explaining the entry.",
        "District and community nurses.",
        required=True,
        max_length=400,
    ),
)


def load_terms(root: Path, relative: str, problems: list[Problem]) -> tuple[Term, ...]:
    """Load a required list such as ``data/partners.yml``."""
    return tuple(Term(**values) for values in load_records(root, relative, TERM_FIELDS, problems, unique="id", required=True))
