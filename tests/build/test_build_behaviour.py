"""Whole builds of a copy of the real project: what contributors and maintainers see.

A mistake fails ``mkdocs build`` cleanly with its ``path:line`` and no traceback; the
preview server keeps running with a broken file and recovers when it is fixed; a scaffolded
case study validates, builds and is listed; two builds of the same commit are identical.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build_project, search_pages
from conftest import copy_project as _copy
from learning.content.scaffold import new_case_study

pytestmark = pytest.mark.site


def copy_project(tmp_path: Path) -> Path:
    return _copy(tmp_path / "project")


def test_a_content_mistake_fails_the_build_with_its_line_and_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    study = project / "case_studies" / "example-falls-pathway-mapping.md"
    lines = study.read_text().splitlines(keepends=True)
    date_line = next(i for i, line in enumerate(lines) if line.startswith("date: "))
    lines[date_line] = "date: 2025-13-01\n"
    study.write_text("".join(lines).replace("neighbourhoods: [aspen]", "neighbourhoods: [aspin]"))
    result = build_project(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    where = "case_studies/example-falls-pathway-mapping.md"
    assert f"{where}:{date_line + 1}: date: '2025-13-01' is not a real date" in output
    assert f"{where}:{date_line + 2}: neighbourhoods: unknown neighbourhood 'aspin' (did you mean 'aspen'?)" in output
    assert "2 content problems found" in output


def test_a_generated_page_may_not_replace_a_hand_written_one(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "timeline.md").write_text("---\ntitle: Mine\n---\n\nHand-written.\n")
    result = build_project(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "docs/timeline.md:1: is also made from data/programme.yml; rename or remove the hand-written file"
        in result.stdout + result.stderr
    )


def test_a_scaffolded_case_study_validates_builds_and_is_listed(tmp_path):
    project = copy_project(tmp_path)
    path = new_case_study(
        project, title="Fridge: what went wrong?", neighbourhoods=["aspen"], authors=["Aspen INT"], today=dt.date(2025, 6, 1)
    )
    path.write_text(path.read_text().replace("consent: false", "consent: true").replace("status: draft", "status: published"))
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_content.py"), "--root", str(project)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    result = build_project(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "case-studies" / "fridge-what-went-wrong" / "index.html").read_text()
    assert "Fridge: what went wrong?" in page
    assert "/edit/main/case_studies/fridge-what-went-wrong.md" in page
    assert 'href="fridge-what-went-wrong/"' in (tmp_path / "site" / "case-studies" / "index.html").read_text()
    assert "case-studies/fridge-what-went-wrong/" in [url for url, _, _ in search_pages(tmp_path / "site")]
    assert "fridge-what-went-wrong" in (tmp_path / "site" / "neighbourhoods" / "aspen" / "index.html").read_text()


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1764115200"}
    first, second = tmp_path / "one", tmp_path / "two"
    assert build_project(ROOT, first, env=env).returncode == 0
    assert build_project(ROOT, second, env=env).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    # The forum pack is among them: the report's PDF and the link cards.
    assert {Path("reports/learning-so-far.pdf"), Path("assets/cards/site.png")} <= set(files)
    assert len([f for f in files if f.parts[:2] == ("assets", "cards")]) > 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_the_preview_keeps_serving_with_a_broken_file_recovers_when_it_is_fixed_and_links_no_pdf_it_does_not_make(tmp_path):
    project = copy_project(tmp_path)
    study = project / "case_studies" / "example-falls-pathway-mapping.md"
    good = study.read_text()
    study.write_text(good.replace("neighbourhoods: [aspen]", "neighbourhoods: [aspin]"))
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=project,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        try:
            base = f"http://127.0.0.1:{port}/learning-site/"
            assert _wait_for(lambda: _get(base) == 200, 90), log.read_text()
            assert "example-falls-pathway-mapping.md:8: neighbourhoods: unknown neighbourhood 'aspin'" in log.read_text()
            assert _get(base + "case-studies/example-falls-pathway-mapping/") == 404
            study.write_text(good)
            assert _wait_for(lambda: _get(base + "case-studies/example-falls-pathway-mapping/") == 200, 90), log.read_text()
            # The preview makes no PDFs, so its report pages say how one is made instead of linking to it.
            with urllib.request.urlopen(base + "reports/learning-so-far/", timeout=5) as response:
                report = response.read().decode("utf-8")
            assert "learning-so-far.pdf" not in report and "<code>make build</code> makes this report" in report
            assert _get(base + "reports/learning-so-far.pdf") == 404
            assert server.poll() is None
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_make_check_lists_a_page_past_its_review_date_and_a_future_case_study_as_notices_and_passes(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "programme" / "why-frailty.md"
    page.write_text(
        page.read_text()
        .replace("last_reviewed: 2026-12-01", "last_reviewed: 2024-07-31", 1)
        .replace("review_due: 2027-06-01", "review_due: 2025-01-31", 1)
    )
    study = project / "case_studies" / "example-falls-pathway-mapping.md"
    lines = study.read_text().splitlines(keepends=True)
    date_line = next(i for i, line in enumerate(lines) if line.startswith("date: "))
    lines[date_line] = "date: 2099-01-01\n"
    study.write_text("".join(lines))
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_content.py"), "--root", str(project)],
        capture_output=True,
        text=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH="1764115200"),
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "notice: docs/programme/why-frailty.md:1: review_due: was 31 January 2025; check the page" in check.stdout
    assert "notice: case_studies/example-falls-pathway-mapping.md:1: date: is 1 January 2099, after today" in check.stdout
    built = build_project(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": "1764115200"})
    assert built.returncode == 0, built.stdout + built.stderr
    html = (tmp_path / "site" / "programme" / "why-frailty" / "index.html").read_text()
    assert "This page is due for review" in html
    assert not (tmp_path / "site" / "case-studies" / "example-falls-pathway-mapping").exists()
