"""A problem printed as a GitHub Actions workflow command is escaped as the runner reads it.

Property values (``file=``, ``line=``) escape ``%``, CR, LF, ``:`` and ``,``; the message
escapes ``%``, CR and LF. So a file name or message can neither start another command nor
add a property. Each row is a problem and the exact annotation line.
"""

from __future__ import annotations

import pytest

from learning.problems import Problem

ANNOTATIONS = [
    (
        "a field and a message",
        Problem("case_studies/weekly-huddle.md", 4, "date", "'2025-13-01' is not a real date"),
        "::error file=case_studies/weekly-huddle.md,line=4::date: '2025-13-01' is not a real date",
    ),
    (
        "a message without a field keeps its colons",
        Problem("case_studies/x.md", 1, "", "front matter is not closed: add a line '---'"),
        "::error file=case_studies/x.md,line=1::front matter is not closed: add a line '---'",
    ),
    (
        "percent, CR and LF in the message",
        Problem("case_studies/x.md", 2, "title", "100% done, first line\r\nsecond line\nthird"),
        "::error file=case_studies/x.md,line=2::title: 100%25 done, first line%0D%0Asecond line%0Athird",
    ),
    (
        "an escape already in the message stays text",
        Problem("case_studies/x.md", 2, "summary", "already escaped %0A stays text"),
        "::error file=case_studies/x.md,line=2::summary: already escaped %250A stays text",
    ),
    (
        "a path that tries to start a command",
        Problem("::warning file=x::pwned.md", 3, "title", "m"),
        "::error file=%3A%3Awarning file=x%3A%3Apwned.md,line=3::title: m",
    ),
    (
        "a path that tries to add a property",
        Problem("a,line=1.md", 2, "title", "m"),
        "::error file=a%2Cline=1.md,line=2::title: m",
    ),
    (
        "a path with a newline and a command",
        Problem("case_studies/a\n::warning::pwned.md", 5, "", "m"),
        "::error file=case_studies/a%0A%3A%3Awarning%3A%3Apwned.md,line=5::m",
    ),
    (
        "a path with a carriage return",
        Problem("case_studies/a\r.md", 5, "", "m"),
        "::error file=case_studies/a%0D.md,line=5::m",
    ),
    (
        "a path with a percent sign",
        Problem("case_studies/100%.md", 6, "", "m"),
        "::error file=case_studies/100%25.md,line=6::m",
    ),
    (
        "a message with a newline and a command",
        Problem("case_studies/x.md", 7, "title", "m\n::warning file=y.md::pwned"),
        "::error file=case_studies/x.md,line=7::title: m%0A::warning file=y.md::pwned",
    ),
]


@pytest.mark.parametrize(("name", "problem", "annotation"), ANNOTATIONS, ids=[row[0] for row in ANNOTATIONS])
def test_a_problem_becomes_one_escaped_workflow_command(name, problem, annotation):
    assert problem.github_annotation() == annotation


@pytest.mark.parametrize(("name", "problem"), [row[:2] for row in ANNOTATIONS], ids=[row[0] for row in ANNOTATIONS])
def test_no_path_or_message_can_start_a_second_command_or_add_a_property(name, problem):
    annotation = problem.github_annotation()
    assert "\n" not in annotation and "\r" not in annotation
    before, command, _message = annotation.split("::", 2)
    assert before == ""
    assert command.startswith("error ")
    assert [item.split("=", 1)[0] for item in command.removeprefix("error ").split(",")] == ["file", "line"]
