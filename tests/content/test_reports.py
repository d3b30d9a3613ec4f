"""Report definitions, ``data/reports/<slug>.yml``: good ones select the right case studies,
and every mistake is one located problem (no traceback), in a table of bad definitions."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from learning.build.site import build_site
from learning.content.reports import select_case_studies

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"
TODAY = dt.date(2025, 11, 26)
GOOD = """\
title: Learning so far
period: {from: 2024-10-01, to: 2025-06-30}
authors: [Programme team]
introduction: |
  What the first months showed.
"""


def project_with(tmp_path: Path, files: dict[str, str]) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    for name, text in files.items():
        target = project / "data" / "reports" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return project


def so_far(site):
    return next(r for r in site.content.reports if r.slug == "so-far")


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    return [str(p) for p in build_site(project_with(tmp_path, files), today=TODAY).problems]


def test_a_report_of_a_period_holds_the_published_case_studies_dated_in_it_oldest_first(tmp_path):
    site = build_site(project_with(tmp_path, {"so-far.yml": GOOD}), today=TODAY)
    assert site.problems == ()
    assert [s.slug for s in select_case_studies(so_far(site), site.content.case_studies)] == ["care-plans", "weekly-huddle"]
    assert site.reports["reports/so-far.md"].path == "reports/so-far.pdf"
    assert "reports/so-far.md" in site.pages and "reports/index.md" in site.pages


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("neighbourhoods: [aspen]\n", ["care-plans"]),
        ("tools: [run-chart]\n", ["weekly-huddle"]),
        ("themes: [falls, care-planning]\n", ["care-plans", "weekly-huddle"]),
        ("case_studies: [weekly-huddle, care-plans]\n", ["weekly-huddle", "care-plans"]),
    ],
)
def test_filters_and_an_explicit_list_choose_the_case_studies(tmp_path, extra, expected):
    site = build_site(project_with(tmp_path, {"so-far.yml": GOOD + extra}), today=TODAY)
    assert site.problems == ()
    assert [s.slug for s in select_case_studies(so_far(site), site.content.case_studies)] == expected


def test_an_introduction_can_be_a_markdown_file_beside_the_report(tmp_path):
    definition = GOOD.replace("introduction: |\n  What the first months showed.\n", "introduction: so-far.md\n")
    site = build_site(project_with(tmp_path, {"so-far.yml": definition, "so-far.md": "## Why\n\nBecause.\n"}), today=TODAY)
    assert site.problems == ()
    assert so_far(site).introduction == "## Why\n\nBecause.\n"


BAD = [
    (
        GOOD + "case_studies: [weekly-huddle, no-such-study]\n",
        "data/reports/bad.yml:6: case_studies: names 'no-such-study', which is not a case study; "
        "the list is the files in case_studies/ without .md",
    ),
    (
        GOOD.replace("period: {from: 2024-10-01, to: 2025-06-30}", "period: {}"),
        "data/reports/bad.yml:2: period: is empty; write e.g. `{from: 2024-10-01, to: 2025-06-30}`",
    ),
    (
        GOOD.replace("period: {from: 2024-10-01, to: 2025-06-30}", "period:"),
        "data/reports/bad.yml:2: period: is empty; write e.g. `{from: 2024-10-01, to: 2025-06-30}`",
    ),
    (
        GOOD.replace("period: {from: 2024-10-01, to: 2025-06-30}", "period:\n  from: 2025-07-01\n  to: 2025-06-30"),
        "data/reports/bad.yml:3: period.from: is 2025-07-01, after `to` (2025-06-30); "
        "a period runs from its first day to its last",
    ),
    (
        GOOD + "colour: blue\n",
        "data/reports/bad.yml:6: colour: unknown field; allowed fields are title, subtitle, period, case_studies, "
        "neighbourhoods, tools, themes, introduction, conclusion, authors, measures, include_examples",
    ),
    (
        GOOD.replace("2024-10-01", "2020-01-01").replace("2025-06-30", "2020-12-31"),
        "data/reports/bad.yml:2: period: selects no published case study from 2020-01-01 to 2020-12-31 "
        "(examples are left out unless `include_examples: true`); widen the period or the filters",
    ),
    (
        GOOD + "neighbourhoods: [aspen]\nthemes: [falls]\n",
        "data/reports/bad.yml:6: neighbourhoods: selects no published case study from 2024-10-01 to 2025-06-30 "
        "(examples are left out unless `include_examples: true`); widen the period or the filters",
    ),
    (
        GOOD + "case_studies: [draft-idea]\n",
        "data/reports/bad.yml:6: case_studies: names 'draft-idea', which is a draft; remove it or publish the case study",
    ),
    (
        GOOD + "case_studies: []\n",
        "data/reports/bad.yml:6: case_studies: is empty; write e.g. `[weekly-frailty-huddle]`",
    ),
    (
        GOOD + "case_studies: [care-plans]\ntools: [pdsa]\n",
        "data/reports/bad.yml:7: tools: cannot be combined with `case_studies:`, which lists the case studies itself; "
        "keep one of them",
    ),
    (
        GOOD + "neighbourhoods: [nowhere]\n",
        "data/reports/bad.yml:6: neighbourhoods: unknown neighbourhood 'nowhere'; the list is the files in data/neighbourhoods/",
    ),
    (
        GOOD.replace("introduction: |\n  What the first months showed.\n", "introduction: missing.md\n"),
        "data/reports/bad.yml:4: introduction: names data/reports/missing.md, which does not exist; "
        "add it or write the text here",
    ),
    (
        GOOD.replace("What the first months showed.", "<script>alert(1)</script>"),
        "data/reports/bad.yml:5: body: contains '<script', which is not allowed "
        "(no scripts, frames, forms, event handlers or javascript: links)",
    ),
    (
        GOOD.replace("What the first months showed.", "# A second title"),
        "data/reports/bad.yml:5: body: use '## ' for headings; the page title comes from the `title` field",
    ),
    (
        GOOD.replace("authors: [Programme team]\n", ""),
        "data/reports/bad.yml:1: authors: required field is missing; add e.g. `authors: [Programme team]`",
    ),
    (
        GOOD.replace("2025-06-30", "2025-02-30"),
        "data/reports/bad.yml:2: period.to: '2025-02-30' is not a real date "
        "(check the month is 01-12 and the day exists in that month)",
    ),
    (
        "- just a list\n",
        "data/reports/bad.yml:1: expected fields such as `title: Learning so far` and `period: {from: ..., to: ...}`",
    ),
]


@pytest.mark.parametrize(("definition", "expected"), BAD)
def test_a_bad_report_definition_is_one_located_problem(tmp_path, definition, expected):
    assert problems_of(tmp_path, {"bad.yml": definition}) == [expected]


def test_a_file_in_the_reports_folder_that_no_report_names_is_reported(tmp_path):
    assert problems_of(tmp_path, {"so-far.yml": GOOD, "notes.txt": "x"}) == [
        "data/reports/notes.txt:1: is not read by the site: each report is one <slug>.yml file here, "
        "with the Markdown files its introduction or conclusion names"
    ]


def test_a_report_that_names_an_example_must_say_it_includes_examples(root: Path):
    site = build_site(root, today=TODAY)
    (report,) = [r for r in site.content.reports if r.slug == "learning-so-far"]
    assert report.include_examples
    assert all(s.is_example for s in select_case_studies(report, site.content.case_studies))


def test_a_report_file_linked_to_an_endless_device_is_refused_without_reading_it(tmp_path):
    from learning.content.reports import markdown_files

    (tmp_path / "data" / "reports").mkdir(parents=True)
    (tmp_path / "data" / "reports" / "endless.yml").symlink_to("/dev/zero")
    (tmp_path / "data" / "reports" / "named.yml").write_text("introduction: intro.md\n")
    assert markdown_files(tmp_path) == frozenset({"intro.md"})
