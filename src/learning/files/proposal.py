"""What the "Propose a case study" form needs to know, ``/contribute/propose/form.json``: :func:`proposal_spec` is the entry point.

The form at ``/contribute/propose/`` builds a case-study file in the reader's browser. Its
controls (see :mod:`learning.pages.propose`) and its checks both come from the dictionary made
here, which is made from the validator's own definitions: the case-study fields
(:data:`~learning.content.case_studies.CASE_STUDY_FIELDS`) with their kinds, limits and
examples; the values a field may take, with the names readers know them by; the slug rule and
the slugs already taken; the template's eight headings and prompts; the measure fields and
period forms; the published JSON Schema's patterns (:func:`~.schema.form_patterns`); and every message, made by the validator's own message functions with
``{placeholders}`` for the form to fill in. So the form says what ``make check`` would say,
and a rule changed in Python changes in the form at the next build. ``make check`` on the
pull request stays the authoritative check.
"""

from __future__ import annotations

from typing import Any

from ..content.case_studies import (
    CASE_STUDY_FIELDS,
    CONSENT_MESSAGE,
    NOT_A_THEME,
    NOT_A_THEME_MESSAGE,
    RESERVED_SLUGS,
    bad_file_name,
    reserved_name,
)
from ..content.catalogue import STAGE_LABELS
from ..content.template import SECTIONS
from ..measures import validate as measures
from ..model import Content
from ..source.body import not_allowed_in_body
from ..source.fields import (
    FIRST_YEAR,
    LAST_YEAR,
    SLUG,
    Field,
    empty_value,
    listed_twice,
    not_a_date,
    not_a_real_date,
    not_allowed,
    not_an_id,
    outside_years,
    too_few,
    too_long,
)
from ..text import MONTHS
from .schema import form_patterns

# Addresses GitHub accepts: a new-file address whose prefilled text makes it longer than
# this is not offered (GitHub answers very long addresses with an error). See the README.
GITHUB_URL_LIMIT = 8000
# Measures with more points than this go in a CSV file beside the case study, which keeps
# the front matter readable and the GitHub address short.
INLINE_POINTS = 60
# Fields the form does not ask for: measures have controls of their own, and `updated` is
# for a later change to a published case study, never a new one.
NOT_ASKED = ("measures", "updated")
# Version of what the form keeps in the browser's storage; a new version starts afresh.
STORAGE_VERSION = 1

# The question each control asks, and its hint when the field's own description (written
# for people editing the file) is not the right hint for a form.
QUESTIONS: dict[str, tuple[str, str | None]] = {
    "title": (
        "Title",
        "A headline saying what changed, for whom. For example: Weekly frailty huddle cuts repeat falls admissions.",
    ),
    "summary": ("Summary", "One or two sentences for listings, feeds and link previews."),
    "date": ("Publication date", "Usually today. A case study dated in the future is published on that date."),
    "neighbourhoods": ("Which neighbourhoods did the work take place in?", "Select all that apply."),
    "authors": ("Who wrote it?", "One per line: people (with their agreement) or teams."),
    "consent": (
        "Consent",
        "A case study can only be published when everyone and every organisation named or described has agreed.",
    ),
    "status": ("Publish now, or keep it as a draft?", "A draft is reviewed but not published until you change it."),
    "stage": ("How far has the work got?", None),
    "tools": ("Which tool guides did you use?", "Select all that apply."),
    "themes": ("Themes", "Tags that help readers find similar work. Choose any that fit, or add your own."),
    "partners": ("Which partners were involved?", "Select all that apply."),
    "example": (
        "Illustrative example",
        "Only for an invented case study that shows the format. Real work leaves this unticked.",
    ),
    "review_due": ("When should it be checked again? (optional)", "A date when someone should check it is still right."),
}
# How each field is asked for, by name where its kind alone does not decide.
_CONTROLS = {"summary": "textarea", "status": "radios", "stage": "select", "themes": "themes", "consent": "checkbox"}
_CONTROL_OF_KIND = {
    "text": "text",
    "date": "date",
    "bool": "checkbox",
    "choice": "select",
    "choice_list": "checkboxes",
    "text_list": "lines",
    "slug_list": "themes",
}
# Labels of the options that are not names of things in data/.
_OPTION_LABELS = {
    "status": {"published": "Publish when it is approved", "draft": "Keep as a draft"},
    "consent": {"true": "Everyone and every organisation named or described has agreed to publication"},
    "example": {"true": "This is an invented example, not real work"},
    "improvement": {"up": "Up is better", "down": "Down is better", "neutral": "Neither (no better direction)"},
    "chart": {"xmr": "SPC chart (XmR, with Making Data Count rules)", "run": "Run chart (with a median)"},
}
_MEASURE_QUESTIONS = {
    "title": ("What is measured?", "For example: Emergency admissions, people with severe frailty."),
    "unit": ("Unit", "The unit of each value, for example: admissions per month."),
    "improvement": ("Which direction is better?", None),
    "chart": ("Which chart?", "Not sure? An SPC chart suits most monthly counts; a run chart suits fewer than 15 points."),
    "target": ("Target (optional)", "A number, drawn as a line on the chart."),
    "data": (
        "Data",
        "Paste two columns from a spreadsheet: period and value, with or without a header row. "
        "Periods are months (2024-01), days (2024-01-31) or ISO weeks (2024-W05); months such as Jan 2024 are converted.",
    ),
}
_MEASURE_FORM_FIELDS = ("title", "unit", "improvement", "chart", "target", "data")


def proposal_spec(content: Content, *, taken: list[str], new_file_url: str | None) -> dict[str, Any]:
    """Everything the form needs, as JSON-ready data: made from ``content`` (published
    neighbourhoods, tools, partners and themes), the file names ``taken`` in
    ``case_studies/`` (every one, drafts and files with mistakes included) and GitHub's
    new-file address for that folder (None when the repository is not on GitHub)."""
    labels = {
        "neighbourhoods": {n.slug: n.name for n in sorted(content.neighbourhoods, key=lambda n: n.name.lower())},
        "tools": {t.slug: t.title for t in sorted(content.tools, key=lambda t: t.title.lower())},
        "partners": {p.id: p.label for p in content.partners},
        "stage": STAGE_LABELS,
        "themes": {t: t.replace("-", " ") for t in sorted({t for s in content.case_studies for t in s.themes})},
        **_OPTION_LABELS,
    }
    return {
        "version": STORAGE_VERSION,
        "fields": [_field(f, labels) for f in CASE_STUDY_FIELDS if f.name not in NOT_ASKED],
        "slug": {
            "pattern": SLUG.pattern,
            "taken": sorted(set(taken)),
            "reserved": list(RESERVED_SLUGS),
            "question": "File name",
            "hint": "Made from the title; you can change it. It becomes the page's address: lower-case letters, digits and hyphens.",
            "messages": {
                "empty": empty_value("weekly-frailty-huddle"),
                "invalid": bad_file_name("{value}.md"),
                "reserved": reserved_name("{value}.md"),
                "taken": "'{value}.md' is already a case study; choose another file name",
            },
        },
        # Answers a new form starts with: a draft, as the template is, until consent is given.
        "initial": {"status": "draft"},
        "sections": [{"name": f"section:{heading}", "heading": heading, "prompt": prompt} for heading, prompt in SECTIONS],
        "measures": {
            "max": measures.MAX_MEASURES,
            "inline_points": INLINE_POINTS,
            "min_points": measures.MIN_POINTS,
            "max_points": measures.MAX_POINTS,
            "fields": [_measure_field(f, labels) for f in measures.MEASURE_FIELDS if f.name in _MEASURE_FORM_FIELDS],
            "messages": {
                "empty": empty_value("{example}"),
                "not_a_period": measures.not_a_period("{value}"),
                "wrong_columns": measures.wrong_columns("{count}"),
                "not_a_number": measures.not_a_number("{value}", "21"),
                "too_few_points": measures.too_few_points("{points}"),
                "too_many_points": measures.too_many_points("{count}"),
                "mixed_periods": measures.mixed_periods("{value}", "{kind}", "{first}", "{first_kind}"),
                "repeated_period": measures.repeated_period("{value}", "{line}"),
                "out_of_order": measures.out_of_order("{value}", "{latest}"),
            },
        },
        "years": [FIRST_YEAR, LAST_YEAR],
        "months": list(MONTHS),
        "patterns": form_patterns(),
        "messages": {
            "empty": empty_value("{example}"),
            "too_long": too_long("{length}", "{limit}"),
            "too_few": too_few("{items}", "{example}"),
            "twice": listed_twice("{value}"),
            "not_an_id": not_an_id("{value}", "{example}"),
            "not_a_date": not_a_date("{value}"),
            "not_a_real_date": not_a_real_date("{value}"),
            "outside_years": outside_years("{value}"),
            "not_allowed": not_allowed("{value}"),
            "not_allowed_in_body": not_allowed_in_body("{value}"),
            "consent": CONSENT_MESSAGE,
            "not_a_theme": NOT_A_THEME_MESSAGE,
        },
        "not_a_theme": NOT_A_THEME,
        "github": {"new_file": new_file_url, "url_limit": GITHUB_URL_LIMIT} if new_file_url else None,
    }


def _field(spec: Field, labels: dict[str, dict[str, str]]) -> dict[str, Any]:
    question, hint = QUESTIONS[spec.name]
    control = _CONTROLS.get(spec.name, _CONTROL_OF_KIND[spec.kind])
    return {
        "name": spec.name,
        "kind": spec.kind,
        "control": control,
        "question": question,
        "hint": hint or spec.description,
        "example": spec.example,
        "required": spec.required,
        "max_length": spec.max_length,
        "min_items": spec.min_items,
        "default": spec.default if not isinstance(spec.default, bool) else None,
        "options": _options(spec, labels),
    }


def _measure_field(spec: Field, labels: dict[str, dict[str, str]]) -> dict[str, Any]:
    question, hint = _MEASURE_QUESTIONS[spec.name]
    return {
        "name": spec.name,
        "kind": spec.kind,
        "control": {"choice": "radios", "any": "data"}.get(spec.kind, "text"),
        "question": question,
        "hint": hint or spec.description,
        "example": measures.EXAMPLES[spec.name].split(": ", 1)[1],
        "required": spec.required or spec.name == "data",
        "max_length": spec.max_length,
        "options": _options(spec, labels),
    }


def _options(spec: Field, labels: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    if spec.kind == "bool":
        return [{"value": "true", "label": labels[spec.name]["true"]}]
    named = labels.get(spec.name)
    if named is not None and spec.kind != "choice":
        return [{"value": value, "label": label} for value, label in named.items()]
    return [{"value": value, "label": (named or {}).get(value, value)} for value in spec.choices]
