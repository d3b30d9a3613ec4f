"""The pieces of the synthetic case studies that need no project: months, word counts,
the measure and the front matter they are written with."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from scripts.bench import BenchError
from scripts.bench.corpus import (
    MEASURE_POINTS,
    Vocabulary,
    add_months,
    body_words,
    case_study_text,
    generate_case_studies,
    measure,
    words,
)

from conftest import ROOT
from learning.source.frontmatter import split_front_matter


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        ((2025, 3), 0, (2025, 3)),
        ((2025, 3), 9, (2025, 12)),
        ((2025, 3), 10, (2026, 1)),
        ((2025, 3), -2, (2025, 1)),
        ((2025, 3), -3, (2024, 12)),
        ((2025, 3), -35, (2022, 4)),
    ],
)
def test_months_are_added_across_year_ends(start, offset, expected):
    assert add_months(*start, offset) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The team reviewed one small change.", 6),
        ("Carers' support check-ins, week 2", 5),
        ("| Audit | 12 | 40 |", 3),
        ("", 0),
    ],
)
def test_words_are_runs_of_letters_digits_apostrophes_and_hyphens(text, count):
    assert words(text) == count


def test_the_body_is_counted_after_the_front_matter():
    assert body_words("---\ntitle: Three words here\n---\n\nOne two.\n") == 2
    assert body_words("No front matter at all") == 5


def test_a_measure_is_36_months_ending_in_the_month_of_its_date_with_a_shift_after_a_year():
    entry = measure(random.Random(1), dt.date(2025, 6, 30))
    periods = [point["period"] for point in entry["data"]]
    assert len(periods) == MEASURE_POINTS and (periods[0], periods[-1]) == ("2022-07", "2025-06")
    assert entry["annotations"] == [{"period": periods[12], "text": "PDSA 1: first test of the change"}]
    assert (entry["chart"], entry["baseline"]) == ("xmr", 12)
    assert all(isinstance(point["value"], int) and point["value"] >= 0 for point in entry["data"])


@pytest.mark.parametrize("with_measure", [True, False])
def test_the_front_matter_reads_back_strictly_as_the_fields_it_was_written_from(with_measure):
    vocabulary = Vocabulary.from_project(ROOT)
    problems = []
    meta = split_front_matter(
        case_study_text(3, 0, random.Random(3), vocabulary, with_measure=with_measure), "c.md", problems
    ).meta
    assert problems == []
    assert list(meta) == [
        "title",
        "summary",
        "date",
        "neighbourhoods",
        "authors",
        "consent",
        "status",
        "stage",
        "tools",
        "themes",
        "partners",
        "review_due",
        *(["measures"] if with_measure else []),
    ]
    assert (meta["consent"], meta["status"]) == (True, "published")
    assert meta["date"] < meta["review_due"]
    if with_measure:
        assert meta["measures"] == [measure(random.Random("bench-measure-3-0"), dt.date.fromisoformat(meta["date"]))]


def test_measures_must_be_half_all_or_none(tmp_path):
    with pytest.raises(ValueError, match="measures must be half, all or none, got 'some'"):
        generate_case_studies(tmp_path, 1, measures="some")


def test_a_project_without_the_identifiers_cannot_have_case_studies(tmp_path):
    (tmp_path / "data" / "neighbourhoods").mkdir(parents=True)
    (tmp_path / "docs" / "tools").mkdir(parents=True)
    (tmp_path / "docs" / "tools" / "index.md").write_text("# Tools\n")
    (tmp_path / "data" / "partners.yml").write_text("- id: housing\n")
    with pytest.raises(BenchError, match="need data/neighbourhoods"):
        Vocabulary.from_project(tmp_path)
