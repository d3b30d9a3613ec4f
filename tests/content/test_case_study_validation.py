"""Every contributor mistake in a case study gives one exact, located message.

Each row edits the fixture's good case study (``tests/fixtures/project/case_studies/weekly-huddle.md``)
by replacing one text with another, and lists the messages that must come back, in order.
Adding a rule means adding a row.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from learning.content.load import load_content

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"
FILE = "case_studies/weekly-huddle.md"
P = FILE + ":"

CASES = [
    (
        "title: Weekly frailty huddle cuts repeat falls admissions\n",
        "",
        [P + "2: title: required field is missing; add e.g. `title: Weekly frailty huddle cuts repeat falls admissions`"],
    ),
    (
        "title: Weekly",
        "titel: Weekly",
        [
            P
            + "2: titel: unknown field (did you mean 'title'?); allowed fields are title, summary, date, updated, neighbourhoods, authors, consent, status, stage, tools, themes, partners, example, review_due, measures",
            P + "2: title: required field is missing; add e.g. `title: Weekly frailty huddle cuts repeat falls admissions`",
        ],
    ),
    (
        "date: 2025-03-14",
        "date: 2024-13-45",
        [P + "4: date: '2024-13-45' is not a real date (check the month is 01-12 and the day exists in that month)"],
    ),
    (
        "date: 2025-03-14",
        "date: 2025-02-30",
        [P + "4: date: '2025-02-30' is not a real date (check the month is 01-12 and the day exists in that month)"],
    ),
    (
        "date: 2025-03-14",
        "date: 14/03/2025",
        [P + "4: date: expected a date written YYYY-MM-DD, like 2025-03-14, got '14/03/2025'"],
    ),
    (
        "date: 2025-03-14",
        "date: March 2025",
        [P + "4: date: expected a date written YYYY-MM-DD, like 2025-03-14, got 'March 2025'"],
    ),
    (
        "neighbourhoods: [forest-of-dean]",
        "neighbourhoods: [forest-dean]",
        [
            P
            + "5: neighbourhoods: unknown neighbourhood 'forest-dean' (did you mean 'forest-of-dean'?); the list is the files in data/neighbourhoods/"
        ],
    ),
    (
        "neighbourhoods: [forest-of-dean]",
        "neighbourhoods: []",
        [P + "5: neighbourhoods: needs at least 1 item, e.g. `[forest-of-dean]`"],
    ),
    (
        "neighbourhoods: [forest-of-dean]",
        "neighbourhoods: [forest-of-dean, forest-of-dean]",
        [P + "5: neighbourhoods: 'forest-of-dean' is listed twice; keep one"],
    ),
    (
        "authors: [District Nursing Team, Forest of Dean INT]",
        "authors: []",
        [P + "6: authors: needs at least 1 item, e.g. `[District Nursing Team, Forest of Dean INT]`"],
    ),
    (
        "authors: [District Nursing Team, Forest of Dean INT]",
        "authors: District Nursing Team",
        [P + "6: authors: expected a list, e.g. `[District Nursing Team, Forest of Dean INT]`, got 'District Nursing Team'"],
    ),
    ("consent: true", "consent: yes", [P + "7: consent: expected true or false, got 'yes'"]),
    (
        "consent: true",
        "consent: false",
        [P + "7: consent: must be true to publish; until everyone named has agreed, set `status: draft`"],
    ),
    ("consent: true\n", "", [P + "2: consent: required field is missing; add e.g. `consent: true`"]),
    ("status: published", "status: live", [P + "8: status: expected one of published, draft, got 'live'"]),
    (
        "status: published",
        "status: Draft",
        [P + "8: status: expected one of published, draft, got 'Draft' (did you mean 'draft'?)"],
    ),
    (
        "stage: testing",
        "stage: test",
        [
            P
            + "9: stage: expected one of planning, testing, implementing, sustaining, spreading, got 'test' (did you mean 'testing'?)"
        ],
    ),
    (
        "tools: [pdsa, run-chart]",
        "tools: [pdsa, runchart]",
        [P + "10: tools: unknown tool guide 'runchart' (did you mean 'run-chart'?); the list is the files in docs/tools/"],
    ),
    (
        "themes: [falls, care-homes]",
        "themes: [Falls, care homes]",
        [
            P
            + "11: themes: 'Falls' is not a valid id: use lower-case letters, digits and single hyphens, e.g. `[falls, care-homes]`",
            P
            + "11: themes: 'care homes' is not a valid id: use lower-case letters, digits and single hyphens, e.g. `[falls, care-homes]`",
        ],
    ),
    (
        "partners: [general-practice, community-nursing]",
        "partners: [gp, community-nursing]",
        [P + "12: partners: unknown partner type 'gp'; the list is in data/partners.yml"],
    ),
    (
        "partners: [general-practice, community-nursing]",
        "partners: [general-practise]",
        [
            P
            + "12: partners: unknown partner type 'general-practise' (did you mean 'general-practice'?); the list is in data/partners.yml"
        ],
    ),
    (
        "review_due: 2026-03-14",
        "review_due: 2026-3-14",
        [P + "13: review_due: expected a date written YYYY-MM-DD, like 2025-03-14, got '2026-3-14'"],
    ),
    (
        "summary: A weekly",
        "summary: " + "x" * 301 + " A weekly",
        [P + "3: summary: is 384 characters; the limit is 300. Shorten it"],
    ),
    (
        "summary: A weekly huddle of nurses, GPs and social care reviewed people at risk of falling.",
        "summary:",
        [
            P
            + "3: summary: expected text, e.g. `One or two sentences for listings, feeds and link previews.`, got nothing (an empty value)"
        ],
    ),
    (
        "title: Weekly frailty huddle cuts repeat falls admissions",
        "title: Huddle <script>alert(1)</script>",
        [P + "2: title: contains '<script', which is not allowed (no scripts, frames, event handlers or javascript: links)"],
    ),
    (
        "Falls were the commonest reason for admission.",
        "<iframe src='https://example.org'></iframe>",
        [
            P
            + "18: body: contains '<iframe', which is not allowed (no scripts, frames, forms, event handlers or javascript: links)"
        ],
    ),
    (
        "Falls were the commonest reason for admission.",
        '<img src="x.png" onerror="alert(1)">',
        [
            P
            + "18: body: contains 'onerror=', which is not allowed (no scripts, frames, forms, event handlers or javascript: links)"
        ],
    ),
    (
        "Falls were the commonest reason for admission.",
        "[Click](javascript:alert(1))",
        [
            P
            + "18: body: contains 'javascript:', which is not allowed (no scripts, frames, forms, event handlers or javascript: links)"
        ],
    ),
    (
        "Falls were the commonest reason for admission.",
        "<object data='x.swf'></object>",
        [
            P
            + "18: body: contains '<object', which is not allowed (no scripts, frames, forms, event handlers or javascript: links)"
        ],
    ),
    (
        "## Why we started",
        "# Why we started",
        [P + "16: body: use '## ' for headings; the page title comes from the `title` field"],
    ),
    ("stage: testing", "stage: testing\nstage: planning", [P + "10: duplicate key 'stage' (first given on line 9); keep one"]),
    (
        "title: Weekly frailty huddle cuts repeat falls admissions",
        "title: Falls: what we learned",
        [
            P
            + "2: this is not valid YAML (mapping values are not allowed here); check indentation, colons after field names, and quotes around text containing ': ' or '#'"
        ],
    ),
    (
        "stage: testing",
        "stage: !!python/object:os.system testing",
        [
            P
            + "9: the tag !!python/object:os.system is not allowed; remove it (only plain values, lists and fields are supported)"
        ],
    ),
    ("---\ntitle", "title", [P + "1: the file must start with front matter: a line '---', the fields, then another '---'"]),
    (
        "review_due: 2026-03-14\n---",
        "review_due: 2026-03-14",
        [P + "1: front matter is not closed: add a line '---' after the last field"],
    ),
    (
        "tools: [pdsa, run-chart]",
        "tools: [pdsa, &x run-chart]",
        [P + "10: anchors and aliases (& and *) are not allowed here; write the value out in full"],
    ),
    ("consent: true", "consent: 1", [P + "7: consent: expected true or false, got the number 1"]),
    (
        "themes: [falls, care-homes]",
        "themes: [falls, example]",
        [P + "11: themes: 'example' is not a theme; write `example: true` to mark an invented case study"],
    ),
    ("consent: true", "consent: true\nexample: yes", [P + "8: example: expected true or false, got 'yes'"]),
    (
        "title: Weekly frailty huddle cuts repeat falls admissions",
        "title: [a, b]",
        [P + "2: title: expected text, e.g. `Weekly frailty huddle cuts repeat falls admissions`, got a list"],
    ),
    (
        "## Why we started",
        "Why we started\n===",
        [P + "17: body: use '## ' for headings; the page title comes from the `title` field"],
    ),
    (
        "Falls were the commonest reason for admission.",
        "[" * 17 + "deep" + "]" * 17,
        [P + "18: body: has square brackets nested more than 16 deep; close them or write them as \\["],
    ),
    (
        "Falls were the commonest reason for admission.",
        "<svg/onload=alert(1)>",
        [P + "18: body: contains '<svg', which is not allowed (no scripts, frames, forms, event handlers or javascript: links)"],
    ),
    (
        "Falls were the commonest reason for admission.",
        "[x](&#106;avascript:alert(1))",
        [
            P
            + "18: body: contains 'javascript:', which is not allowed (no scripts, frames, forms, event handlers or javascript: links)"
        ],
    ),
    (
        "Falls were the commonest reason for admission.",
        "@@un-fragment:glance@@",
        [P + "18: body: contains '@@un-', which the site reserves for its own markers"],
    ),
    (
        "title: Weekly frailty huddle cuts repeat falls admissions",
        'title: "Weekly huddle\\u202e"',
        [
            P + "2: title: contains an invisible formatting character (U+202E, RIGHT-TO-LEFT OVERRIDE); write it on one line "
            "with visible characters only (retype it if it was pasted)"
        ],
    ),
    (
        "date: 2025-03-14",
        "date: 2025-03-14\nupdated: 2025-01-02",
        [P + "5: updated: 2025-01-02 is before the publication date 2025-03-14; give the date of the last change"],
    ),
    (
        "date: 2025-03-14",
        "date: 2025-03-14\nupdated: 2025-06-31",
        [P + "5: updated: '2025-06-31' is not a real date (check the month is 01-12 and the day exists in that month)"],
    ),
    (
        # Depth carries across lines, through lines with no brackets and closing brackets alone.
        "Falls were the commonest reason for admission.",
        "[" * 10 + "a\n\nplain line\n] x [\n" + "[" * 7 + "b",
        [P + "22: body: has square brackets nested more than 16 deep; close them or write them as \\["],
    ),
]


def project_with(tmp_path: Path, old: str, new: str) -> Path:
    project = tmp_path / "site"
    shutil.copytree(FIXTURE, project)
    file = project / FILE
    text = file.read_text()
    assert old in text, f"fixture does not contain {old!r}"
    file.write_text(text.replace(old, new, 1))
    return project


@pytest.mark.parametrize(
    ("old", "new", "expected"), CASES, ids=[f"{i:02d}-{c[2][0].split(': ')[1]}" for i, c in enumerate(CASES)]
)
def test_each_mistake_is_reported_with_file_line_and_field(tmp_path, old, new, expected):
    project = project_with(tmp_path, old, new)
    before = (project / FILE).read_bytes()
    _, problems = load_content(project, include_drafts=True)
    assert [str(p) for p in problems] == expected
    assert (project / FILE).read_bytes() == before, "validation must never change the contributor's file"


def test_there_are_at_least_thirty_bad_inputs_in_the_table():
    assert len(CASES) >= 30


def test_all_problems_in_all_files_are_reported_in_one_run(tmp_path):
    project = project_with(tmp_path, "date: 2025-03-14", "date: 2025-13-01")
    other = project / "case_studies" / "care-plans.md"
    other.write_text(other.read_text().replace("tools: [pdsa]", "tools: [pdsa, fishbones]"))
    (project / "data" / "neighbourhoods" / "aspen.yml").write_text("name: Aspen\nlocality: Gloucester City\n")
    _, problems = load_content(project, include_drafts=True)
    assert [str(p) for p in problems] == [
        "case_studies/care-plans.md:8: tools: unknown tool guide 'fishbones'; the list is the files in docs/tools/",
        "case_studies/weekly-huddle.md:4: date: '2025-13-01' is not a real date (check the month is 01-12 and the day exists in that month)",
        "data/neighbourhoods/aspen.yml:2: locality: unknown locality 'Gloucester City' (did you mean 'Gloucester'?); the localities are listed in data/localities.yml",
    ]


def test_a_file_name_that_is_not_a_slug_is_refused(tmp_path):
    project = project_with(tmp_path, "---", "---")
    (project / FILE).rename(project / "case_studies" / "Weekly Huddle.md")
    _, problems = load_content(project, include_drafts=True)
    assert [str(p) for p in problems] == [
        "case_studies/Weekly Huddle.md:1: file name 'Weekly Huddle.md' must be lower-case letters, digits and hyphens, e.g. weekly-frailty-huddle.md (it becomes the page address)"
    ]


def test_drafts_are_validated_but_left_out_of_a_published_build():
    content, problems = load_content(FIXTURE, include_drafts=False)
    assert problems == []
    assert [s.slug for s in content.case_studies] == ["weekly-huddle", "care-plans"]
    preview, _ = load_content(FIXTURE, include_drafts=True)
    assert [s.slug for s in preview.case_studies] == ["draft-idea", "weekly-huddle", "care-plans"]


def test_checking_a_bad_file_takes_well_under_two_seconds(tmp_path):
    project = project_with(tmp_path, "date: 2025-03-14", "date: 2024-13-45")
    started = time.perf_counter()
    load_content(project, include_drafts=True)
    assert time.perf_counter() - started < 2


def test_under_github_actions_the_check_also_prints_inline_annotations(tmp_path):
    import subprocess
    import sys

    project = project_with(tmp_path, "date: 2025-03-14", "date: 2025-13-01")
    script = Path(__file__).resolve().parents[2] / "scripts" / "check_content.py"
    result = subprocess.run(
        [sys.executable, str(script), "--root", str(project)],
        capture_output=True,
        text=True,
        env={"GITHUB_ACTIONS": "true", "PATH": ""},
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "case_studies/weekly-huddle.md:4: date: '2025-13-01' is not a real date (check the month is 01-12 and the day exists in that month)",
        "::error file=case_studies/weekly-huddle.md,line=4::date: '2025-13-01' is not a real date (check the month is 01-12 and the day exists in that month)",
    ]
