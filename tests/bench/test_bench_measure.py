"""How the benchmark measures and checks builds: units, medians, ratios, the build's
environment, the plain twin's config, and the checks on both built sites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from scripts.bench import BenchError
from scripts.bench.measure import CHART_MARKER, SOURCE_DATE_EPOCH, build_environment, check_sites, peak_mb, ratio, summarise
from scripts.bench.projects import without_key


@pytest.mark.parametrize(
    ("maxrss", "platform", "mb"),
    [
        (102400, "linux", 100.0),
        (100 * 1024 * 1024, "darwin", 100.0),
    ],
)
def test_ru_maxrss_is_kibibytes_on_linux_and_bytes_on_macos(maxrss, platform, mb):
    assert peak_mb(maxrss, platform) == mb


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (3.0, 2.0, 1.5),
        (1.0, 3.0, 0.333),
        (1.0, 0.0, None),
    ],
)
def test_a_ratio_has_three_places_and_none_for_a_zero_denominator(a, b, expected):
    assert ratio(a, b) == expected


def test_a_summary_keeps_every_run_rounded_and_reports_the_medians():
    runs = [
        {"seconds": 10.12345, "peak_mb": 100.04, "peak_mb_upper_bound": 150.06},
        {"seconds": 12.0, "peak_mb": 90.0, "peak_mb_upper_bound": 140.0},
        {"seconds": 11.0, "peak_mb": 95.0, "peak_mb_upper_bound": 130.0},
    ]
    assert summarise(runs, 100) == {
        "runs": [
            {"seconds": 10.123, "peak_mb": 100.0, "peak_mb_upper_bound": 150.1},
            {"seconds": 12.0, "peak_mb": 90.0, "peak_mb_upper_bound": 140.0},
            {"seconds": 11.0, "peak_mb": 95.0, "peak_mb_upper_bound": 130.0},
        ],
        "seconds": 11.0,
        "ms_per_case_study": 110.0,
        "peak_mb": 95.0,
        "peak_mb_upper_bound": 140.0,
    }


def test_the_build_environment_puts_the_snapshot_code_first_and_fixes_the_date(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    environment = build_environment(Path("/tmp/bench/src"))
    assert environment["PYTHONPATH"] == os.pathsep.join(["/tmp/bench/src", "/elsewhere"])
    assert (environment["SOURCE_DATE_EPOCH"], environment["NO_MKDOCS_2_WARNING"]) == (SOURCE_DATE_EPOCH, "1")
    monkeypatch.delenv("PYTHONPATH")
    assert "PYTHONPATH" not in build_environment()


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("site_name: x\nhooks:\n  - hooks/a.py\n  # why b\n\n  - hooks/b.py\ntheme: y\n", "site_name: x\ntheme: y\n"),
        ("hooks:\n- hooks/a.py\nnav:\n  - index.md\n", "nav:\n  - index.md\n"),
        ("hooks: [hooks/a.py]\nhooks_dir: x\n", "hooks_dir: x\n"),
        ("site_name: x\nextra:\n  hooks: 1\n", "site_name: x\nextra:\n  hooks: 1\n"),
    ],
)
def test_only_the_top_level_key_and_its_block_are_dropped(config, expected):
    assert without_key(config, "hooks") == expected


def site(project: Path, slugs: dict[str, bool]) -> Path:
    """A built site in ``project`` with a case-study page per slug, with a chart or not."""
    for slug, chart in slugs.items():
        page = project / "site" / "case-studies" / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<svg {CHART_MARKER}></svg>" if chart else "<p>No chart</p>")
    return project


@pytest.mark.parametrize(
    ("ours", "plain", "error"),
    [
        ({"bench-0000": True, "bench-0001": False}, {"bench-0000": False, "bench-0001": False}, None),
        ({"bench-0000": True}, {"bench-0000": False, "bench-0001": False}, "ours: 1 case study pages built, expected 2"),
        ({"bench-0000": False, "bench-0001": False}, {"bench-0000": False, "bench-0001": False}, "ours: bench-0000 has no chart"),
        ({"bench-0000": True, "bench-0001": True}, {"bench-0000": True, "bench-0001": False}, "plain: bench-0000 has a chart"),
    ],
)
def test_both_sites_must_have_every_case_study_and_only_ours_a_chart(tmp_path, ours, plain, error):
    ours_project, plain_project = site(tmp_path / "ours", ours), site(tmp_path / "plain", plain)
    if error is None:
        check_sites(ours_project, plain_project, 2)
    else:
        with pytest.raises(BenchError, match=error):
            check_sites(ours_project, plain_project, 2)
