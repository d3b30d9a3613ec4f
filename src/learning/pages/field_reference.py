"""The field reference, ``/contribute/field-reference/``, generated from the validator's own
field lists, so it cannot drift from what ``make check`` enforces.
"""

from __future__ import annotations

from ..content.case_studies import CASE_STUDY_FIELDS, STAGES, STATUSES, SUMMARY_LIMIT
from ..content.reports import FILTERS, MAX_CASE_STUDIES, NESTED_FIELDS, REPORT_FIELDS
from ..model import Term
from ..source.fields import Field
from ..source.frontmatter import front_matter
from ..templating import render_template


def field_reference_page(partners: tuple[Term, ...], measure_fields: tuple[Field, ...] = ()) -> str:
    """The Contribute > field reference page, listing every field of a case study, of its
    measures and of a report definition, and the allowed values."""
    rows = [_row(f) for f in CASE_STUDY_FIELDS]
    meta = front_matter(
        title="Field reference",
        description="Every field a case study or a learning report can have, what it means, and an example.",
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
            report_rows=report_rows(),
            filters=FILTERS,
            max_case_studies=MAX_CASE_STUDIES,
        )
    )


def report_rows() -> list[dict]:
    """A row for each field of a report definition, in the loader's order, with the fields
    of a nested mapping (``period.from``) after the field that holds them."""
    rows = []
    for spec in REPORT_FIELDS:
        rows.append(_row(spec))
        rows += [_row(inner, prefix=f"{spec.name}.") for inner in NESTED_FIELDS.get(spec.name, ())]
    return rows


def _row(spec: Field, prefix: str = "") -> dict:
    return dict(
        name=prefix + spec.name, required="Yes" if spec.required else "No", description=spec.description, example=spec.example
    )
