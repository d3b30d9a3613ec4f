"""The build benchmark (``make bench``, ``python -m scripts.bench``): its synthetic case
studies are contract-valid and realistic, and a tiny end-to-end run writes the documented JSON.

Not a timed test: the numbers are only checked for shape, never against the budgets.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from scripts.bench import projects
from scripts.bench.__main__ import Bench
from scripts.bench.corpus import body_words

from conftest import ROOT
from learning.content.load import load_content
from learning.source.frontmatter import split_front_matter

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    base = tmp_path_factory.mktemp("bench")
    source = projects.snapshot(ROOT, base / "source")
    return projects.make_project(source, base / "project", 3)


def test_generated_case_studies_validate_with_no_problems(project):
    content, problems = load_content(project)
    assert problems == []
    assert sorted(s.slug for s in content.case_studies) == ["bench-0000", "bench-0001", "bench-0002"]
    assert all(s.consent for s in content.case_studies)


def test_only_the_generated_case_studies_are_in_the_copy(project):
    names = sorted(p.name for p in (project / "case_studies").iterdir())
    assert names == ["README.md", "bench-0000.md", "bench-0001.md", "bench-0002.md"]


def test_bodies_are_about_900_words_with_headings_a_table_a_list_and_an_admonition(project):
    for path in sorted((project / "case_studies").glob("bench-*.md")):
        body = split_front_matter(path.read_text(), path.name, []).body
        assert 850 <= body_words(body) <= 1000, path.name
        assert 6 <= len(re.findall(r"^## ", body, re.MULTILINE)) <= 8
        assert re.search(r"^\|---\|", body, re.MULTILINE), "a table"
        assert len(re.findall(r"^- ", body, re.MULTILINE)) >= 4, "a bullet list"
        assert re.search(r'^!!! note "', body, re.MULTILINE), "an admonition"
        assert "](../tools/" in body, "a link to a tool guide"


def test_half_carry_one_36_point_monthly_xmr_measure(project):
    content, _ = load_content(project)
    by_slug = {s.slug: s for s in content.case_studies}
    assert [len(by_slug[slug].measures) for slug in sorted(by_slug)] == [1, 0, 1]
    for slug in ("bench-0000", "bench-0002"):
        (measure,) = by_slug[slug].measures
        assert measure.chart == "xmr"
        assert len(measure.points) == 36
        assert {p.period.kind for p in measure.points} == {"month"}


def test_generation_is_deterministic_and_measures_do_not_change_the_bodies(tmp_path):
    source = projects.snapshot(ROOT, tmp_path / "source")
    half = projects.make_project(source, tmp_path / "half", 4)
    again = projects.make_project(source, tmp_path / "again", 4)
    none = projects.make_project(source, tmp_path / "none", 4, measures="none")
    every = projects.make_project(source, tmp_path / "all", 4, measures="all")
    for index in range(4):
        name = f"bench-{index:04d}.md"
        assert (half / "case_studies" / name).read_text() == (again / "case_studies" / name).read_text()
        bodies = {split_front_matter((p / "case_studies" / name).read_text(), name, []).body for p in (half, none, every)}
        assert len(bodies) == 1
        assert "measures:" not in (none / "case_studies" / name).read_text()
        assert "measures:" in (every / "case_studies" / name).read_text()


def test_the_plain_config_drops_only_the_hooks():
    config = (ROOT / "mkdocs.yml").read_text()
    plain = projects.without_key(config, "hooks")
    assert not [line for line in plain.splitlines() if "hooks/" in line and not line.lstrip().startswith("#")]
    assert len(config.splitlines()) - len(plain.splitlines()) <= 4
    assert not re.search(r"^hooks\s*:", plain, re.MULTILINE)
    for key in ("theme:", "markdown_extensions:", "not_in_nav:", "plugins:", "nav:"):
        assert (key in plain) == (key in config)


def test_a_tiny_run_writes_the_results_json(tmp_path):
    out = tmp_path / "b.json"
    result = subprocess.run(
        # The reader-side figures start Chromium; the browser test at 2,000 case studies measures them.
        [sys.executable, "-m", "scripts.bench", "5", "--out", str(out), "--no-measures-check", "--repeat", "1", "--no-reader"],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ratio (time)" in result.stdout
    report = json.loads(out.read_text())
    assert report["command"] == [
        "python -m scripts.bench",
        "5",
        "--out",
        str(out),
        "--no-measures-check",
        "--repeat",
        "1",
        "--no-reader",
    ]
    for key in ("platform", "cpu_count", "python", "mkdocs", "mkdocs_material"):
        assert report["machine"][key]
    assert report["settings"]["sizes"] == [5] and report["settings"]["repeat"] == {"5": 1}
    (row,) = report["results"]
    assert row["n"] == 5
    for side in ("ours", "plain"):
        figures = row[side]
        assert figures["seconds"] > 0 and figures["peak_mb"] > 0
        assert figures["ms_per_case_study"] == pytest.approx(figures["seconds"] * 1000 / 5, rel=1e-3)
        assert len(figures["runs"]) == 1
    assert row["ratio_time"] == pytest.approx(row["ours"]["seconds"] / row["plain"]["seconds"], rel=1e-2)
    assert row["ratio_memory"] == pytest.approx(row["ours"]["peak_mb"] / row["plain"]["peak_mb"], rel=1e-2)
    assert report["measures"] is None
    statuses = [b["status"] for b in report["budgets"]]
    assert len(statuses) == 4 and set(statuses) <= {"PASS", "FAIL", "SKIP"}
    assert statuses[1] == statuses[3] == "SKIP"  # one size: no linearity; no measures check


def test_timed_sizes_are_built_three_times_by_default_and_large_ones_once():
    from types import SimpleNamespace

    default, asked = SimpleNamespace(_repeat=None), SimpleNamespace(_repeat=2)
    assert [Bench.repeat(default, n) for n in (100, 300, 1000, 3000)] == [3, 3, 3, 1]
    assert [Bench.repeat(asked, n) for n in (100, 3000)] == [2, 2]
