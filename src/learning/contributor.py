"""What contributors see of the contract, generated from the same field list the validator
uses: the case-study template, the field reference page and the JSON Schema.
"""

from __future__ import annotations

import datetime as dt

from .case_studies import CASE_STUDY_FIELDS, STAGES, STATUSES, SUMMARY_LIMIT
from .frontmatter import front_matter
from .model import Term
from .render import render_template
from .schema import SLUG, Field

SECTIONS = (
    ("Why we started", "What was the problem, for whom, and why did it matter to people and staff?"),
    ("Our aim", "What did you want to achieve, for whom, by how much and by when?"),
    ("What we changed", "Which change ideas did you test, in what order, and who did what?"),
    ("How we measured", "Which measures did you use? Say exactly how each was counted, and where the data came from."),
    ("What happened", "What did the data and people's experience show? Include what did not work."),
    ("What we learned", "What would you tell another neighbourhood team starting the same work?"),
    ("Limitations", "What might make the results less certain, or less likely to apply elsewhere?"),
    ("Sustaining and spreading", "How will the change last, and where else could it help?"),
)


def case_study_template(*, title: str = "Your title: what changed, for whom", neighbourhoods=("your-neighbourhood",), authors=("Your team",), today: dt.date | None = None) -> str:
    """A new case study: valid front matter (draft until consent is confirmed) and guiding headings."""
    meta = front_matter(
        title=title,
        summary="One or two sentences saying what you changed and what happened.",
        date=(today or dt.date.today()).isoformat(),
        neighbourhoods=list(neighbourhoods),
        authors=list(authors),
        consent=False,
        status="draft",
    )
    body = "\n".join(f"## {heading}\n\n{prompt}\n" for heading, prompt in SECTIONS)
    return meta + "\n" + body


def field_reference_page(partners: tuple[Term, ...], measure_fields: tuple[Field, ...] = ()) -> str:
    """The Contribute > field reference page, listing every field and the allowed values."""
    rows = [_row(f) for f in CASE_STUDY_FIELDS]
    meta = front_matter(title="Case study field reference", description="Every field a case study can have, what it means, and an example.")
    return meta + "\n" + render_template(
        "field-reference.md.j2",
        rows=rows,
        measure_rows=[_row(f) for f in measure_fields],
        partners=partners,
        stages=STAGES,
        statuses=STATUSES,
        limit=SUMMARY_LIMIT,
    )


def _row(spec: Field) -> dict:
    return dict(name=spec.name, required="Yes" if spec.required else "No", description=spec.description, example=spec.example)


def case_study_schema(*, neighbourhoods, tools, partners) -> dict:
    """JSON Schema (draft 2020-12) of case-study front matter, for editors' autocompletion."""
    properties = {f.name: _property(f, {"neighbourhoods": neighbourhoods, "tools": tools, "partners": partners}) for f in CASE_STUDY_FIELDS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "case-study.schema.json",
        "title": "United Neighbourhoods case study front matter",
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in CASE_STUDY_FIELDS if f.required],
        "properties": properties,
    }


def _property(spec: Field, choices: dict) -> dict:
    base = {"description": spec.description}
    kind = spec.kind.removesuffix("_list")
    if kind == "text":
        item = {"type": "string", "minLength": 1}
        if spec.max_length:
            item["maxLength"] = spec.max_length
    elif kind == "date":
        item = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
    elif kind == "bool":
        item = {"type": "boolean"}
    elif kind in ("int", "number"):
        item = {"type": "integer" if kind == "int" else "number"}
    elif kind == "slug":
        item = {"type": "string", "pattern": SLUG.pattern}
    elif kind == "choice":
        item = {"type": "string", "enum": list(choices.get(spec.name) or spec.choices)}
    else:
        item = {}
    if spec.kind.endswith("_list"):
        return base | {"type": "array", "items": item, "minItems": spec.min_items, "uniqueItems": True}
    return base | item
