"""The field reference, ``/contribute/field-reference/``, generated from the validator's own
field lists, so it cannot drift from what ``make check`` enforces.
"""

from __future__ import annotations

from ..content.case_studies import CASE_STUDY_FIELDS, STAGES, STATUSES, SUMMARY_LIMIT
from ..model import Term
from ..source.fields import Field
from ..source.frontmatter import front_matter
from ..templating import render_template


def field_reference_page(partners: tuple[Term, ...], measure_fields: tuple[Field, ...] = ()) -> str:
    """The Contribute > field reference page, listing every field and the allowed values."""
    rows = [_row(f) for f in CASE_STUDY_FIELDS]
    meta = front_matter(
        title="Case study field reference", description="Every field a case study can have, what it means, and an example."
    )
    return (
        meta
        + "\n"
        + render_template(
            "pages/field-reference.md.j2",
            rows=rows,
            measure_rows=[_row(f) for f in measure_fields],
            partners=partners,
            stages=STAGES,
            statuses=STATUSES,
            limit=SUMMARY_LIMIT,
        )
    )


def _row(spec: Field) -> dict:
    return dict(name=spec.name, required="Yes" if spec.required else "No", description=spec.description, example=spec.example)
