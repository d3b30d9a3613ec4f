"""The published JSON Schema of case-study front matter refuses what the build refuses.

Every bad input of the build's own tables (``tests/content/test_case_study_validation.py``
and ``tests/measures/test_validate.py``) is made into a whole case-study file as its table
makes it (a measure row's ``measures:`` block is added to the fixture's good case study),
its front matter read with the strict loader into plain JSON values, and checked against
the schema the site publishes (built, as the site builds it, with the fixture
project's neighbourhoods, tools and partners). The schema must refuse each one, except the
rows listed in :data:`NOT_EXPRESSIBLE` (rules no JSON Schema can state) and
:data:`REFUSED_BY_THE_LOADER` (text that never becomes JSON values). Both lists are checked
too, so they stay true: a listed row is accepted by the schema, or refused by the loader.

Case-study rows are named as their table's test names them, with ``front matter`` for a
message that names no field; measure rows by their own names.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from jsonschema import Draft202012Validator
from tests.content.test_case_study_validation import CASES, FILE, FIXTURE
from tests.measures.test_validate import BAD
from tests.measures.test_validate import front_matter as measure_yaml

from learning.content.case_studies import case_study_files
from learning.content.load import load_content
from learning.files.site_files import render_site_files
from learning.measures.periods import parse_period
from learning.measures.validate import number_or_none
from learning.pages.urls import SCHEMA
from learning.problems import Problem
from learning.source.fields import parse_date
from learning.source.frontmatter import split_front_matter
from learning.source.markup import UNSAFE

ROOT = Path(__file__).resolve().parents[2]
GOOD = (FIXTURE / FILE).read_text(encoding="utf-8")

BODY = "the body is Markdown below the front matter; the schema describes the front matter"
CSV_CONTENTS = "the contents of the CSV file are not front matter"
FILES_ON_DISK = "whether the named file exists, and what it is, depends on the files on disk"
AMONG_VALUES = "it compares values with each other, which JSON Schema cannot do"
A_DATA_PERIOD = "the period must be one of the data's periods, a reference between values"

NOT_EXPRESSIBLE = {
    "25-body": BODY,
    "26-body": BODY,
    "27-body": BODY,
    "28-body": BODY,
    "29-body": BODY + " (an H1 heading)",
    "40-body": BODY + " (a setext H1 heading)",
    "41-body": BODY + " (bracket nesting)",
    "42-body": BODY,
    "43-body": BODY,
    "44-body": BODY + " (the build's reserved markers)",
    "45-title": "invisible formatting characters are a Unicode category, which JSON Schema patterns cannot name",
    "46-updated": AMONG_VALUES + " (the last change and the publication date)",
    "48-body": BODY + " (bracket nesting across lines)",
    "baseline is larger than the data": AMONG_VALUES + " (the baseline and the number of points)",
    "periods are out of order": AMONG_VALUES + " (the time order of the periods)",
    "a period is repeated": AMONG_VALUES + " (uniqueItems compares whole points, and these differ in value)",
    "a rebase period is not in the data": A_DATA_PERIOD,
    "a rebase on the first period": AMONG_VALUES + " (the rebase period and the first data period)",
    "a rebase leaves a single point at the end": AMONG_VALUES + " (the points between rebase periods are counted)",
    "a rebase leaves a single point at the start": AMONG_VALUES + " (the points between rebase periods are counted)",
    "an annotation's period is not in the data": A_DATA_PERIOD,
    "the CSV file is missing": FILES_ON_DISK,
    "the CSV path escapes case_studies": FILES_ON_DISK + " (where the case study is, and where '..' leads from it)",
    "the CSV path is a folder": FILES_ON_DISK,
    "the CSV is not UTF-8": CSV_CONTENTS,
    "the CSV is empty": CSV_CONTENTS,
    "the CSV header is wrong": CSV_CONTENTS,
    "a CSV row has a bad value": CSV_CONTENTS,
    "a CSV row has an empty value": CSV_CONTENTS,
    "a CSV row has three columns": CSV_CONTENTS,
    "CSV rows are out of order": CSV_CONTENTS,
    "a CSV period is invalid": CSV_CONTENTS,
    "a CSV with only a header has no points": CSV_CONTENTS,
}

REFUSED_BY_THE_LOADER = {
    "30-front matter": "a duplicate key, which JSON values cannot hold",
    "31-front matter": "not YAML",
    "32-front matter": "a YAML tag, which JSON values cannot hold",
    "33-front matter": "no front matter",
    "34-front matter": "front matter that is not closed",
    "35-front matter": "a YAML anchor, which JSON values cannot hold",
}


def case_study_row(index: int, old: str, new: str, messages: list[str]) -> tuple[str, str, str]:
    """(name, file text, the field the build's first message names) of a case-study row."""
    field = messages[0].split(": ")[1]
    if " " in field:
        field = "front matter"
    assert old in GOOD, f"fixture does not contain {old!r}"
    return f"{index:02d}-{field}", GOOD.replace(old, new, 1), field


def with_measures(measures: str) -> str:
    """The fixture's good case study with ``measures`` (a ``measures:`` YAML block) added."""
    head, _fence, body = GOOD.partition("\n---\n")
    return f"{head}\n{measures}---\n{body}"


ROWS = [case_study_row(index, *case) for index, case in enumerate(CASES)] + [
    (name, with_measures(text), "measures") for name, text, _files, _messages in BAD
]
TEXTS = {name: text for name, text, _field in ROWS}
REJECTED = [row for row in ROWS if row[0] not in NOT_EXPRESSIBLE and row[0] not in REFUSED_BY_THE_LOADER]


def json_values(text: str) -> object:
    """The front matter of ``text`` as plain JSON values; None when the strict loader refuses it."""
    problems: list[Problem] = []
    meta = split_front_matter(text, FILE, problems).meta
    return None if problems or meta is None else json.loads(json.dumps(meta))


@functools.cache
def published_schema(root: Path, path: str = SCHEMA) -> dict:
    """The schema file at ``path`` (the case-study schema unless told) that the site built
    from ``root`` serves."""
    content, problems = load_content(root, include_drafts=True)
    assert problems == []
    files = render_site_files(content, today=dt.date(2025, 6, 1), site_url="https://example.org/")
    return json.loads(files[path])


def validator(root: Path = FIXTURE) -> Draft202012Validator:
    return Draft202012Validator(published_schema(root))


def errors(instance: object, root: Path = FIXTURE) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(root).iter_errors(instance)]


# -- the rows -------------------------------------------------------------------------------


def test_every_listed_row_is_a_row_of_the_tables_and_listed_once():
    names = [name for name, _text, _field in ROWS]
    assert len(names) == len(set(names))
    assert set(NOT_EXPRESSIBLE) <= set(names)
    assert set(REFUSED_BY_THE_LOADER) <= set(names)
    assert not set(NOT_EXPRESSIBLE) & set(REFUSED_BY_THE_LOADER)


@pytest.mark.parametrize(("name", "text", "field"), REJECTED, ids=[row[0] for row in REJECTED])
def test_a_front_matter_the_build_refuses_is_refused_by_the_schema_at_the_same_field(name, text, field):
    values = json_values(text)
    assert values is not None, "the strict loader refuses this row; list it in REFUSED_BY_THE_LOADER"
    found = errors(values)
    assert found, "the schema accepts what the build refuses"
    assert any(field in error for error in found), found


@pytest.mark.parametrize("name", NOT_EXPRESSIBLE)
def test_a_row_listed_as_not_expressible_is_accepted_by_the_schema(name):
    values = json_values(TEXTS[name])
    assert values is not None
    assert errors(values) == [], "the schema now refuses this row; remove it from NOT_EXPRESSIBLE"


@pytest.mark.parametrize("name", REFUSED_BY_THE_LOADER)
def test_a_row_listed_as_refused_by_the_loader_never_becomes_json_values(name):
    assert json_values(TEXTS[name]) is None


# -- the good files -------------------------------------------------------------------------


@pytest.mark.parametrize("root", [FIXTURE, ROOT], ids=["fixture project", "site"])
def test_the_published_schema_is_a_valid_draft_2020_12_schema(root):
    Draft202012Validator.check_schema(published_schema(root))


GOOD_FILES = [(root, file) for root in (FIXTURE, ROOT) for file in case_study_files(root)]


@pytest.mark.parametrize(
    ("root", "file"), GOOD_FILES, ids=[f"{'fixture' if root == FIXTURE else 'site'}/{file.name}" for root, file in GOOD_FILES]
)
def test_a_good_case_study_matches_the_schema(root, file):
    values = json_values(file.read_text(encoding="utf-8"))
    assert values is not None
    assert errors(values, root) == []


def test_the_good_measure_the_measure_rows_start_from_matches_the_schema():
    assert errors(json_values(with_measures(measure_yaml()))) == []


def test_a_draft_may_be_saved_without_consent_but_a_published_case_study_may_not():
    draft = GOOD.replace("status: published", "status: draft").replace("consent: true", "consent: false")
    without_status = GOOD.replace("status: published\n", "").replace("consent: true", "consent: false")
    assert errors(json_values(draft)) == []
    assert errors(json_values(without_status)) == ["consent: True was expected"]


# -- the patterns say what the build's parsers say -------------------------------------------

YEARS = [*range(30), *range(1580, 1610), *range(1890, 1910), *range(1990, 2110), *range(9970, 10000)]


def accepts(schema: dict, value: object) -> bool:
    return Draft202012Validator(schema).is_valid(value)


def matcher(schema: dict):
    """What ``schema``'s pattern accepts, checked as jsonschema checks it (re.search), and
    quickly enough to try every day of many years."""
    return lambda text: re.search(schema["pattern"], text) is not None


def test_the_date_pattern_accepts_exactly_the_dates_the_build_accepts():
    date = matcher(published_schema(FIXTURE)["properties"]["date"])
    for year in YEARS:
        for month in range(14):
            for day in range(33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                assert date(text) == (parse_date(text, lambda message: None) is not None), text
    assert not date("2025-03-14\n")


def test_the_period_pattern_accepts_exactly_the_periods_the_build_accepts():
    period = matcher(published_schema(FIXTURE)["$defs"]["period"])
    texts = [f"{y:04d}-{m:02d}-{d:02d}" for y in YEARS for m in range(14) for d in range(33)]
    texts += [f"{y:04d}-{m:02d}" for y in YEARS for m in range(14)]
    texts += [f"{y:04d}-W{w:02d}" for y in range(10000) for w in (0, 1, 52, 53, 54)]
    texts += ["2024-1", "2024-001", "2024-w05", "2024-W5", "24-01", "2024-01\n", " 2024-01", "2024-01-01T00:00"]
    for text in texts:
        assert period(text) == (parse_period(text) is not None), text


@pytest.mark.parametrize(
    "value", [5, -1, 0.5, "5", " 6.5 ", "-1", "+.5", "1.", "1e3", "1,234", "n/a", "", " ", ".", True, None, [5]]
)
def test_a_measure_number_is_accepted_exactly_when_the_build_reads_it_as_a_number(value):
    number = published_schema(FIXTURE)["$defs"]["number"]
    assert accepts(number, value) == (number_or_none(value) is not None)


UNSAFE_SAMPLES = [
    "<script>",
    "< / SCRIPT >",
    "<iframe src=x>",
    "<frameset>",
    "<link rel=x>",
    "<scripts>",
    '<img src="x" onerror="y">',
    "<a onclick = y>",
    "javascript:alert(1)",
    "VBScript :x",
    "data: text/html,x",
    "a <b> c",
    "on error = 1",
    "Javas cript:",
]


def test_the_unsafe_markup_pattern_refuses_what_the_builds_pattern_finds_in_any_letter_case():
    title = Draft202012Validator(published_schema(FIXTURE)["properties"]["title"])
    # Every character Python's re.IGNORECASE takes for an ASCII letter, found by trying them all.
    letter = re.compile("[a-z]", re.IGNORECASE)
    cases = [chr(code) for code in range(sys.maxunicode + 1) if letter.fullmatch(chr(code))]
    for sample in UNSAFE_SAMPLES:
        for at, char in enumerate(sample):
            same = [c for c in cases if re.fullmatch(re.escape(char), c, re.IGNORECASE)] if char in cases else [char]
            for case in same:
                text = sample[:at] + case + sample[at + 1 :]
                assert title.is_valid(text) == (UNSAFE.search(text) is None), text


@pytest.mark.parametrize(
    "name",
    [
        "falls.csv",
        "data/falls.csv",
        "../falls.csv",
        "/etc/passwd",
        "C:\\falls.csv",
        "c:falls.csv",
        "\\\\server\\share\\f.csv",
        "//server/share/f.csv",
    ],
)
def test_a_csv_name_is_refused_when_the_build_takes_it_for_an_absolute_path(name):
    csv = published_schema(FIXTURE)["$defs"]["measure"]["properties"]["csv"]
    absolute = PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or bool(PureWindowsPath(name).drive)
    assert accepts(csv, name) != absolute
