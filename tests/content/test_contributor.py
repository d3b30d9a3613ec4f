"""Contributor tools: the template, the scaffold, the field reference and the JSON Schema
all come from the one field list the validator uses."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from learning.content.case_studies import CASE_STUDY_FIELDS
from learning.content.load import load_content
from learning.content.scaffold import ScaffoldError, new_case_study, slugify
from learning.files.schema import case_study_schema
from learning.measures.validate import FIELDS as MEASURE_KEYS
from learning.measures.validate import MEASURE_FIELDS
from learning.model import Term
from learning.pages.field_reference import field_reference_page

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Weekly frailty huddle", "weekly-frailty-huddle"),
        ("Falls: what we learned!", "falls-what-we-learned"),
        ("  Café --- réunion  ", "cafe-reunion"),
        ("A" * 80, "a" * 60),
        ("2025 review (draft)", "2025-review-draft"),
    ],
)
def test_titles_become_safe_file_names(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "title", ["Weekly huddle review", "Fridge: what went wrong?", "'Quoted' \"title\" #1", "Ünïcödé title – with dash"]
)
def test_a_scaffolded_case_study_is_valid_for_any_title(tmp_path, title):
    project = tmp_path / "site"
    shutil.copytree(FIXTURE, project)
    path = new_case_study(project, title=title, neighbourhoods=["aspen"], authors=["Aspen INT"], today=dt.date(2025, 6, 1))
    content, problems = load_content(project, include_drafts=True)
    assert problems == []
    assert any(s.title == title and s.is_draft for s in content.case_studies)
    assert "## Sustaining and spreading" in path.read_text()


def test_the_scaffold_never_overwrites_a_file(tmp_path):
    project = tmp_path / "site"
    shutil.copytree(FIXTURE, project)
    before = (project / "case_studies" / "weekly-huddle.md").read_bytes()
    with pytest.raises(ScaffoldError, match="case_studies/weekly-huddle.md already exists; nothing was changed"):
        new_case_study(project, title="Weekly huddle", neighbourhoods=["aspen"], authors=["A"], today=dt.date(2025, 6, 1))
    assert (project / "case_studies" / "weekly-huddle.md").read_bytes() == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(title="", neighbourhoods=["aspen"], authors=["A"]), "a title is needed"),
        (
            dict(title="T", neighbourhoods=["aspin"], authors=["A"]),
            "unknown neighbourhood aspin; choose from: aspen, forest-of-dean",
        ),
        (dict(title="T", neighbourhoods=[], authors=["A"]), "unknown neighbourhood (none given)"),
        (dict(title="T", neighbourhoods=["aspen"], authors=[" "]), "at least one author is needed"),
        (dict(title="!!!", neighbourhoods=["aspen"], authors=["A"]), "pass --slug"),
    ],
)
def test_the_scaffold_explains_what_is_missing(kwargs, message):
    with pytest.raises(ScaffoldError, match=message.replace("(", r"\(").replace(")", r"\)")):
        new_case_study(FIXTURE, today=dt.date(2025, 6, 1), **kwargs)


def test_the_field_reference_lists_every_field_the_validator_knows():
    page = field_reference_page((Term("vcse", "Voluntary sector", "x"),), MEASURE_FIELDS)
    for spec in CASE_STUDY_FIELDS + MEASURE_FIELDS:
        assert f"| `{spec.name}` |" in page


def test_the_measure_field_documentation_matches_the_measure_validator():
    assert tuple(f.name for f in MEASURE_FIELDS) == MEASURE_KEYS


def test_the_json_schema_matches_the_contract():
    schema = case_study_schema(neighbourhoods=["aspen"], tools=["pdsa"], partners=["vcse"])
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["title", "summary", "date", "neighbourhoods", "authors", "consent"]
    assert list(schema["properties"]) == [f.name for f in CASE_STUDY_FIELDS]
    assert schema["properties"]["neighbourhoods"]["items"]["enum"] == ["aspen"]
    assert schema["properties"]["summary"]["maxLength"] == 300
    assert schema["properties"]["consent"]["type"] == "boolean"
