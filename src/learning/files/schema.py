"""The JSON Schema of case-study front matter, ``/schema/case-study.schema.json``, made from
the validator's field list for editors' autocompletion.
"""

from __future__ import annotations

from ..content.case_studies import CASE_STUDY_FIELDS
from ..source.fields import SLUG, Field


def case_study_schema(*, neighbourhoods, tools, partners) -> dict:
    """JSON Schema (draft 2020-12) of case-study front matter, for editors' autocompletion."""
    properties = {
        f.name: _property(f, {"neighbourhoods": neighbourhoods, "tools": tools, "partners": partners}) for f in CASE_STUDY_FIELDS
    }
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
