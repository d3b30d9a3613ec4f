"""Report definitions are documented from the loader's own fields: the field reference and the
published report schema list exactly the fields the loader accepts, and the schema refuses
what the loader refuses.

The fields the loader accepts are read from the loader itself: its message for an unknown
field lists every allowed one. Every bad definition of the loader's own table
(``tests/content/test_reports.py``) is read with the strict loader into plain JSON values and
checked against the schema the site publishes for the fixture project; the schema must
refuse each one, except the rows listed in :data:`NOT_EXPRESSIBLE`, which are checked to be
accepted so that the list stays true.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from tests.content.test_reports import BAD, GOOD
from tests.files.test_schema import published_schema

from learning.content.load import load_references
from learning.content.reports import load_reports, report_files
from learning.measures.validate import MEASURE_FIELDS
from learning.pages.field_reference import field_reference_page
from learning.pages.urls import REPORT_SCHEMA
from learning.problems import Problem
from learning.source.strict_yaml import parse_yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"
ROOT = Path(__file__).resolve().parents[2]

OTHER_FILES = "it names another file (a case study or a Markdown file), which the schema cannot see"
SELECTION = "what a report selects depends on the case studies published, which the schema cannot see"
BODY = "it is about the Markdown text itself, as the case-study schema leaves a body to the build"

NOT_EXPRESSIBLE = {
    "00-case_studies": OTHER_FILES,
    "03-period.from": "it compares the period's two dates, which JSON Schema cannot do",
    "05-period": SELECTION,
    "06-neighbourhoods": SELECTION,
    "07-case_studies": OTHER_FILES + " (its status)",
    "11-introduction": OTHER_FILES,
    "13-body": BODY + " (an H1 heading)",
}


def row_name(index: int, message: str) -> str:
    field = message.split(": ")[1]
    return f"{index:02d}-{'definition' if ' ' in field else field}"


ROWS = [(row_name(index, message), definition, message) for index, (definition, message) in enumerate(BAD)]
REFUSED = [row for row in ROWS if row[0] not in NOT_EXPRESSIBLE]


def json_values(text: str) -> object:
    """``text`` read by the strict YAML loader, as plain JSON values."""
    problems: list[Problem] = []
    values = parse_yaml(text, "data/reports/bad.yml", problems)
    assert problems == []
    return json.loads(json.dumps(values))


def errors(values: object, root: Path = FIXTURE) -> list[str]:
    validator = Draft202012Validator(published_schema(root, REPORT_SCHEMA))
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(values)]


def fields_the_loader_accepts(tmp_path: Path, text: str, field: str) -> list[str]:
    """The allowed fields the loader lists when ``text`` (a report definition) has an
    unknown ``field``."""
    folder = tmp_path / "data" / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "probe.yml").write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    load_reports(tmp_path, load_references(FIXTURE).known, problems)
    (message,) = [p.message for p in problems if p.field == field]
    return message.partition("allowed fields are ")[2].split(", ")


def test_the_field_reference_and_the_schema_list_exactly_the_fields_the_report_loader_accepts(tmp_path):
    top = fields_the_loader_accepts(tmp_path, GOOD + "not-a-field: 1\n", "not-a-field")
    period = fields_the_loader_accepts(
        tmp_path, GOOD.replace("to: 2025-06-30}", "to: 2025-06-30, not-a-field: 1}"), "period.not-a-field"
    )
    accepted = top + [f"period.{name}" for name in period]
    page = field_reference_page((), MEASURE_FIELDS).partition("## Learning reports")[2].partition("\n## ")[0]
    assert sorted(re.findall(r"^\| `([^`]+)` \|", page, re.MULTILINE)) == sorted(accepted)
    schema = published_schema(FIXTURE, REPORT_SCHEMA)
    assert list(schema["properties"]) == top
    assert list(schema["properties"]["period"]["properties"]) == period


GOOD_FILES = [(root, file) for root in (FIXTURE, ROOT) for file in report_files(root)]


@pytest.mark.parametrize(
    ("root", "file"), GOOD_FILES, ids=[f"{'fixture' if root == FIXTURE else 'site'}/{file.name}" for root, file in GOOD_FILES]
)
def test_a_good_report_definition_matches_the_schema(root, file):
    assert errors(json_values(file.read_text(encoding="utf-8")), root) == []


def test_a_report_with_an_unknown_field_does_not_match_the_schema():
    assert errors(json_values(GOOD + "include_measures: true\n")) == [
        ": Additional properties are not allowed ('include_measures' was unexpected)"
    ]


def test_every_listed_row_is_a_row_of_the_loaders_table():
    assert set(NOT_EXPRESSIBLE) <= {name for name, _definition, _message in ROWS}


@pytest.mark.parametrize(("name", "definition", "message"), REFUSED, ids=[row[0] for row in REFUSED])
def test_a_definition_the_loader_refuses_is_refused_by_the_schema_at_the_same_field(name, definition, message):
    # The loader names the text of an introduction `body`, as it names a case study's.
    field = name.partition("-")[2].replace("body", "introduction")
    found = errors(json_values(definition))
    assert found, "the schema accepts what the loader refuses"
    assert field == "definition" or any(field in error for error in found), found


@pytest.mark.parametrize("name", NOT_EXPRESSIBLE)
def test_a_row_listed_as_not_expressible_is_accepted_by_the_schema(name):
    (definition,) = [definition for row, definition, _message in ROWS if row == name]
    assert errors(json_values(definition)) == [], "the schema now refuses this row; remove it from NOT_EXPRESSIBLE"


def test_a_report_lists_its_case_studies_or_filters_them_never_both():
    assert errors(json_values(GOOD + "case_studies: [care-plans]\n")) == []
    assert errors(json_values(GOOD + "case_studies: [care-plans]\nthemes: [falls]\n"))
