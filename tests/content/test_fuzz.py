"""Whatever a contributor's file holds, the loaders give values or located problems and never
raise, and whatever they accept renders without raising.

Hypothesis mutates valid files (random bytes, deletions, duplicated lines, huge numbers, odd
Unicode) and rebuilds the fixture project each time. `make test` runs 700 examples
per file kind (2,100 in all); `make fuzz` runs 5,000 per kind (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning.build.site import SiteSettings, build_site
from learning.content.load import load_content

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"
TODAY = dt.date(2025, 11, 26)

settings.register_profile("test", max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "test"))

MEASURES = """measures:
  - title: Falls admissions
    unit: admissions per month
    improvement: down
    chart: xmr
    target: 12
    rebase: [2024-05]
    annotations:
      - {period: 2024-04, text: "PDSA 1"}
    data:
      - {period: 2024-01, value: 21}
      - {period: 2024-02, value: 19}
      - {period: 2024-03, value: 23}
      - {period: 2024-04, value: 17}
      - {period: 2024-05, value: 15}
      - {period: 2024-06, value: 14}
      - {period: 2024-07, value: 12}
"""

ODD = [
    "\x00", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\u2028", "\ud800", "\U0001f600", "İ", "ſ", "K",
    "<script>", "\"'", "&quot;&gt;", "</title>", "{: onclick=x }", "@@un-fragment:glance@@", "\n# H\n", "\n===\n",
    "9" * 5000, "1" * 400 + ".5", "-0", "1e999", "0001-01-01", "9999-12-31", "2025-02-30", "~", "!!python/object:os.system",
    "&a", "*a", "- ", ": ", "#", "\t", "\r\n", "[", "{", "\\",
]  # fmt: skip


def mutations(text: str):
    """A valid file's bytes after one to four random edits."""
    data = text.encode("utf-8", "surrogatepass")
    edit = st.one_of(
        st.tuples(st.just("insert"), st.integers(0, len(data)), st.binary(min_size=1, max_size=40)),
        st.tuples(st.just("odd"), st.integers(0, len(data)), st.sampled_from(ODD)),
        st.tuples(st.just("delete"), st.integers(0, len(data)), st.integers(1, 60)),
        st.tuples(st.just("duplicate"), st.integers(0, max(0, text.count("\n") - 1)), st.integers(1, 3)),
    )
    return st.lists(edit, min_size=1, max_size=4).map(lambda edits: _apply(data, edits))


def _apply(data: bytes, edits) -> bytes:
    for kind, at, what in edits:
        at = min(at, len(data))
        if kind == "insert":
            data = data[:at] + what + data[at:]
        elif kind == "odd":
            data = data[:at] + what.encode("utf-8", "surrogatepass") + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + what :]
        else:
            lines = data.split(b"\n")
            index = min(at, len(lines) - 1)
            lines[index:index] = [lines[index]] * what
            data = b"\n".join(lines)
    return data


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return shutil.copytree(FIXTURE, tmp_path_factory.mktemp("fuzz") / "project")


def loads_and_renders(project: Path) -> None:
    """Load, validate and render everything; raises only on a fault in the site's code."""
    content, problems = load_content(project, include_drafts=True)
    assert all(str(problem).count(":") >= 2 for problem in problems)
    site = build_site(project, today=TODAY, include_drafts=True, settings=SiteSettings(repo_url="https://github.com/x/y"))
    assert not [p for p in site.problems if "could not be processed" in p.message], site.problems
    for page in site.pages.values():
        for key in page.fragments:
            page.fragment(key)
        site.finish_content("x.md", page.markdown)
    for make in site.files.values():
        make()


def _restore(project: Path, relative: str) -> None:
    shutil.copy2(FIXTURE / relative, project / relative)


CASE_STUDY = "case_studies/weekly-huddle.md"
WITH_MEASURES = (FIXTURE / CASE_STUDY).read_text(encoding="utf-8").replace("---\n\n", MEASURES + "---\n\n", 1)


@given(data=mutations(WITH_MEASURES))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_a_mutated_case_study_gives_values_or_located_problems_never_an_exception(project, data):
    try:
        (project / CASE_STUDY).write_bytes(data)
        loads_and_renders(project)
    finally:
        _restore(project, CASE_STUDY)


NEIGHBOURHOOD = "data/neighbourhoods/forest-of-dean.yml"


@given(data=mutations((FIXTURE / NEIGHBOURHOOD).read_text(encoding="utf-8")))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_a_mutated_neighbourhood_file_gives_values_or_located_problems_never_an_exception(project, data):
    try:
        (project / NEIGHBOURHOOD).write_bytes(data)
        loads_and_renders(project)
    finally:
        _restore(project, NEIGHBOURHOOD)


@given(data=mutations((FIXTURE / "data" / "glossary.yml").read_text(encoding="utf-8")))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_a_mutated_glossary_gives_values_or_located_problems_never_an_exception(project, data):
    try:
        (project / "data" / "glossary.yml").write_bytes(data)
        loads_and_renders(project)
    finally:
        _restore(project, "data/glossary.yml")
