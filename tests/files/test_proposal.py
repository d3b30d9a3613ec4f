"""The propose form's spec is made from the validator's own definitions, and its message
templates, filled in as the form fills them, give exactly what ``make check`` says."""

from __future__ import annotations

import re

import pytest
from tests.content.test_case_study_validation import FIXTURE, project_with
from tests.measures.test_validate import front_matter as measure_yaml
from tests.measures.test_validate import validate

from learning.content.case_studies import CASE_STUDY_FIELDS
from learning.content.load import load_content
from learning.content.template import SECTIONS
from learning.files.proposal import proposal_spec
from learning.measures.validate import MAX_MEASURES, MEASURE_FIELDS


@pytest.fixture(scope="module")
def content():
    found, problems = load_content(FIXTURE, include_drafts=True)
    assert problems == []
    return found


@pytest.fixture(scope="module")
def spec(content):
    return proposal_spec(content, taken=["weekly-huddle", "a-draft"], new_file_url="https://github.com/o/r/new/main/case_studies")


def fill(template: str, **values: str) -> str:
    """As propose.js fills a template: one pass, known placeholders only."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def test_the_form_asks_for_every_case_study_field_in_the_validators_order_with_its_limits(spec):
    fields = [f for f in CASE_STUDY_FIELDS if f.name not in ("measures", "updated")]
    assert [f["name"] for f in spec["fields"]] == [f.name for f in fields]
    for asked, field in zip(spec["fields"], fields, strict=True):
        assert (asked["kind"], asked["required"], asked["max_length"], asked["min_items"], asked["example"]) == (
            field.kind,
            field.required,
            field.max_length,
            field.min_items,
            field.example,
        )


def test_fixed_lists_are_offered_with_the_names_readers_know(spec, content):
    options = {f["name"]: f["options"] for f in spec["fields"]}
    assert options["neighbourhoods"] == [
        {"value": n.slug, "label": n.name} for n in sorted(content.neighbourhoods, key=lambda n: n.name.lower())
    ]
    assert {o["value"]: o["label"] for o in options["tools"]} == {t.slug: t.title for t in content.tools}
    assert options["partners"] == [{"value": p.id, "label": p.label} for p in content.partners]
    assert [o["value"] for o in options["themes"]] == sorted({t for s in content.case_studies for t in s.themes})
    assert [o["value"] for o in options["status"]] == ["published", "draft"]


def test_the_body_sections_measures_and_taken_slugs_come_from_their_one_source(spec):
    assert [(s["heading"], s["prompt"]) for s in spec["sections"]] == list(SECTIONS)
    assert [s["name"] for s in spec["sections"]] == [f"section:{heading}" for heading, _ in SECTIONS]
    assert [f["name"] for f in spec["measures"]["fields"]] == [
        f.name for f in MEASURE_FIELDS if f.name in ("title", "unit", "improvement", "chart", "target", "data")
    ]
    assert spec["measures"]["max"] == MAX_MEASURES
    assert spec["slug"]["taken"] == ["a-draft", "weekly-huddle"]
    assert spec["github"] == {"new_file": "https://github.com/o/r/new/main/case_studies", "url_limit": 8000}


def test_without_a_github_repository_the_form_offers_no_github_hand_off(content):
    assert proposal_spec(content, taken=[], new_file_url=None)["github"] is None


# (old text, new text, template key, its placeholders): the build's message for the edit
# must be the template filled in.
MESSAGES = [
    (
        "title: Weekly frailty huddle cuts repeat falls admissions",
        "title: " + "x" * 151,
        "too_long",
        dict(length="151", limit="150"),
    ),
    (
        "summary: A weekly huddle of nurses, GPs and social care reviewed people at risk of falling.",
        'summary: ""',
        "empty",
        dict(example="One or two sentences for listings, feeds and link previews."),
    ),
    (
        "authors: [District Nursing Team, Forest of Dean INT]",
        "authors: []",
        "too_few",
        dict(items="1 item", example="[District Nursing Team, Forest of Dean INT]"),
    ),
    (
        "themes: [falls, care-homes]",
        "themes: [falls, Care_Homes]",
        "not_an_id",
        dict(value="Care_Homes", example="[falls, care-homes]"),
    ),
    ("themes: [falls, care-homes]", "themes: [falls, falls]", "twice", dict(value="falls")),
    ("themes: [falls, care-homes]", "themes: [falls, example]", "not_a_theme", {}),
    ("date: 2025-03-14", "date: 14/03/2025", "not_a_date", dict(value="14/03/2025")),
    ("date: 2025-03-14", "date: 2025-02-30", "not_a_real_date", dict(value="2025-02-30")),
    ("date: 2025-03-14", "date: 1999-03-14", "outside_years", dict(value="1999-03-14")),
    ("consent: true", "consent: false", "consent", {}),
    ("title: Weekly frailty huddle cuts repeat falls admissions", "title: Huddle <script>", "not_allowed", dict(value="<script")),
    ("Falls were the commonest reason for admission.", "Falls <iframe src=x>", "not_allowed_in_body", dict(value="<iframe")),
]


@pytest.mark.parametrize(("old", "new", "key", "values"), MESSAGES, ids=[row[2] for row in MESSAGES])
def test_a_filled_in_template_is_the_message_make_check_gives(tmp_path, spec, old, new, key, values):
    _, problems = load_content(project_with(tmp_path, old, new), include_drafts=True)
    assert [p.message for p in problems] == [fill(spec["messages"][key], **values)]


def test_the_file_name_messages_are_the_builds(tmp_path, spec):
    project = project_with(tmp_path, "", "")
    (project / "case_studies" / "weekly-huddle.md").rename(project / "case_studies" / "Weekly_Huddle.md")
    (project / "case_studies" / "index.md").write_text((project / "case_studies" / "Weekly_Huddle.md").read_text())
    _, problems = load_content(project, include_drafts=True)
    assert sorted(p.message for p in problems) == sorted(
        [
            fill(spec["slug"]["messages"]["invalid"], value="Weekly_Huddle"),
            fill(spec["slug"]["messages"]["reserved"], value="index"),
        ]
    )


POINTS = ("{period: 2024-01, value: 5}", "{period: 2024-02, value: 7}", "{period: 2024-03, value: 6}")
MEASURE_MESSAGES = [
    (("{period: 2024-13, value: 5}", *POINTS[1:]), "not_a_period", dict(value="'2024-13'")),
    ((POINTS[0], "{period: 2024-01, value: 7}", POINTS[2]), "repeated_period", dict(value="2024-01", line="8")),
    ((POINTS[0], POINTS[2], POINTS[1]), "out_of_order", dict(value="2024-02", latest="2024-03")),
    (
        (POINTS[0], "{period: 2024-02-01, value: 7}"),
        "mixed_periods",
        dict(value="2024-02-01", kind="day", first="2024-01", first_kind="month"),
    ),
    ((POINTS[0],), "too_few_points", dict(points="1 point")),
]


@pytest.mark.parametrize(("data", "key", "values"), MEASURE_MESSAGES, ids=[row[1] for row in MEASURE_MESSAGES])
def test_a_filled_in_measure_template_is_the_message_make_check_gives(tmp_path, spec, data, key, values):
    _, problems = validate(tmp_path, measure_yaml(data=data))
    assert [p.split(": ", 2)[2] for p in problems] == [fill(spec["measures"]["messages"][key], **values)]


def test_pasted_rows_get_the_messages_a_csv_file_gets(tmp_path, spec):
    rows = "period,value\n2024-01,5\n2024-02,lots\n2024-03\n2024-04,6\n"
    _, problems = validate(tmp_path, measure_yaml(data=None, extra=["csv: falls.csv"]), {"falls.csv": rows})
    messages = spec["measures"]["messages"]
    assert problems == [
        "case_studies/falls/falls.csv:3: value: " + fill(messages["not_a_number"], value="'lots'"),
        "case_studies/falls/falls.csv:4: " + fill(messages["wrong_columns"], count="1"),
    ]
