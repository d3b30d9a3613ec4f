"""The home page shows what is new, from the data: the newest real case study and the next
planned date, with the neighbourhoods by locality."""

from __future__ import annotations

import pytest

from conftest import build_project, copy_project

pytestmark = pytest.mark.site


def test_the_home_page_shows_the_newest_real_case_study_and_the_next_event(tmp_path):
    project = copy_project(tmp_path / "project")
    example = (project / "case_studies" / "example-weekly-frailty-huddle.md").read_text(encoding="utf-8")
    real = example.replace("example: true\n", "").replace('title: "Example: ', 'title: "Real: ', 1)
    real = real.replace("date: 2025-08-20", "date: 2025-10-01")
    (project / "case_studies" / "real-huddle.md").write_text(real, encoding="utf-8")
    programme = project / "data" / "programme.yml"
    programme.write_text(
        programme.read_text(encoding="utf-8")
        + "- {date: 2026-03-02, title: Learning event for all fifteen areas, kind: session}\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = build_project(project, site, env={"SOURCE_DATE_EPOCH": "1764115200"})
    assert result.returncode == 0, result.stdout + result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    new = home.split('id="what-is-new"', 1)[1]
    assert 'href="case-studies/real-huddle/">Real: A ten-minute weekly huddle' in new
    assert "illustrative example" not in new.split("Dates", 1)[0]
    assert "Next planned: Learning event for all fifteen areas, 2 March 2026." in new
    assert 'href="neighbourhoods/forest-of-dean/">Forest of Dean</a>' in new
    assert "How to use it" in home
