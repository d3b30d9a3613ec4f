"""Measures drawn in a second process give exactly the pages drawn in this one; the
neighbourhood summaries link to their case studies; and the background runner falls back to
this process when it cannot start a worker or the worker dies."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from learning.build import worker as background
from learning.build.site import SiteSettings, build_site
from learning.build.worker import Worker

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2025, 11, 26)


def rendered(site) -> dict[str, str]:
    """Every generated page's Markdown and fragments, fragments drawn, and every file."""
    out = {path: make() for path, make in site.files.items()}
    for uri, page in site.pages.items():
        out[uri] = page.markdown
        for key in page.fragments:
            out[f"{uri}#{key}"] = page.fragment(key)
    return out


@pytest.fixture(scope="module")
def here():
    return rendered(build_site(ROOT, today=TODAY, settings=SiteSettings()))


@pytest.mark.parametrize("charts_on_demand", [False, True])
def test_pages_and_files_are_the_same_whether_made_here_or_in_a_worker(here, charts_on_demand):
    there = rendered(build_site(ROOT, today=TODAY, settings=SiteSettings(), background=True, charts_on_demand=charts_on_demand))
    assert there == here
    assert any(key.endswith("#measure-1") for key in here) and any(key.endswith("#measures") for key in here)
    assert "feed.xml" in here and "data/case-studies.json" in here


def test_a_neighbourhood_lists_each_measure_with_its_signal_and_a_link_to_its_case_study(here):
    site = build_site(ROOT, today=TODAY, settings=SiteSettings())
    study = next(s for s in site.content.case_studies if s.measures)
    summary = here[f"neighbourhoods/{study.neighbourhoods[0]}.md#measures"]
    assert summary.startswith('<ul class="un-measure-list">') and summary.endswith("</ul>")
    assert f'<a href="../../case-studies/{study.slug}/">' in summary
    assert "## Measures" in here[f"neighbourhoods/{study.neighbourhoods[0]}.md"]
    assert study.measures[0].title.replace("'", "&#39;") in summary


def _exit_unless_in(pid: int) -> str:
    if os.getpid() != pid:
        os._exit(3)
    return "ran in the parent"


def _pid() -> int:
    return os.getpid()


def test_background_work_runs_in_another_process_in_order():
    worker = Worker()
    results = [worker.submit(pow, base, exp=2) for base in (2, 3, 4)]
    elsewhere = worker.submit(_pid)
    worker.close()
    assert [result() for result in results] == [4, 9, 16]
    assert elsewhere() != os.getpid()


def test_background_work_falls_back_to_this_process_when_the_worker_dies():
    worker = Worker()
    results = [worker.submit(_exit_unless_in, os.getpid()) for _ in range(3)]
    worker.close()
    assert [result() for result in results] == ["ran in the parent"] * 3


def test_background_work_falls_back_to_this_process_when_no_worker_can_start(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(background, "ProcessPoolExecutor", refuse)
    assert Worker().submit(_pid)() == os.getpid()


def test_in_process_work_waits_until_asked_and_runs_once():
    calls = []
    result = Worker(in_process=True).submit(lambda: calls.append(1) or [1, 2])
    assert calls == []
    assert result() is result() == [1, 2] and calls == [1]


def test_the_files_made_are_exactly_the_files_announced():
    from learning.content.load import load_content
    from learning.files.site_files import render_site_files, site_file_paths

    content, _ = load_content(ROOT)
    assert sorted(render_site_files(content, today=TODAY, site_url="https://example.org/")) == sorted(site_file_paths(content))


def test_cancelled_background_work_still_gives_its_result_if_asked():
    worker = Worker()
    results = [worker.submit(pow, base, 2) for base in range(20)]
    worker.close(cancel=True)
    assert [result() for result in results] == [base**2 for base in range(20)]


def test_a_chart_drawn_in_the_worker_can_be_asked_for_again():
    site = build_site(ROOT, today=TODAY, settings=SiteSettings(), background=True)
    page = next(page for page in site.pages.values() if "measure-1" in page.fragments)
    assert page.fragment("measure-1") == page.fragment("measure-1")


def test_case_studies_loaded_by_two_processes_are_the_same_as_by_one(tmp_path):
    import shutil

    from learning.content.load import load_content

    project = shutil.copytree(ROOT / "tests" / "fixtures" / "project", tmp_path / "project")
    folder = project / "case_studies"
    source = (folder / "weekly-huddle.md").read_text(encoding="utf-8")
    for number in range(150):
        text = source if number % 7 else source.replace("date: ", "date: 2025-13-", 1)
        (folder / f"copy-{number:03d}.md").write_text(text, encoding="utf-8")
    alone = load_content(project)
    shared = build_site(project, today=TODAY, settings=SiteSettings(), background=True)
    assert (shared.content, list(shared.problems)) == alone
    assert len(alone[1]) >= 20 and len(alone[0].case_studies) > 100
