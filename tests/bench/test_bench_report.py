"""The benchmark's results: marginal costs, the table, the printed summary and the JSON
document's fields."""

from __future__ import annotations

import pytest
from scripts.bench.report import document, marginal_costs, summary, table


def row(n, ours, plain, ours_mb=100.0, plain_mb=50.0):
    return {
        "n": n,
        "ours": {"seconds": ours, "ms_per_case_study": ours * 1000 / n, "peak_mb": ours_mb},
        "plain": {"seconds": plain, "ms_per_case_study": plain * 1000 / n, "peak_mb": plain_mb},
        "ratio_time": round(ours / plain, 3),
        "ratio_memory": round(ours_mb / plain_mb, 3),
    }


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([row(100, 5.0, 4.0)], []),
        ([row(1000, 23.0, 17.0), row(100, 5.0, 4.0)], [{"from": 100, "to": 1000, "ms_per_case_study": 20.0}]),
        (
            [row(100, 5.0, 4.0), row(300, 8.0, 7.0), row(1000, 22.0, 17.0)],
            [{"from": 100, "to": 300, "ms_per_case_study": 15.0}, {"from": 300, "to": 1000, "ms_per_case_study": 20.0}],
        ),
    ],
)
def test_marginal_cost_is_the_slope_between_consecutive_sizes_in_order(results, expected):
    assert marginal_costs(results, "ours") == expected


def test_the_table_has_a_header_a_rule_and_one_right_aligned_row_per_size():
    assert table([row(100, 4.78, 3.31, 103.2, 45.4), row(1000, 23.1, 17.29, 152.0, 95.0)]).splitlines() == [
        "   N | ours s | ms/case study | peak MB | plain s | plain ms/cs | plain MB | ratio (time) | ratio (memory)",
        "-----+--------+---------------+---------+---------+-------------+----------+--------------+---------------",
        " 100 |   4.78 |          47.8 |     103 |    3.31 |        33.1 |       45 |        1.44x |          2.27x",
        "1000 |  23.10 |          23.1 |     152 |   17.29 |        17.3 |       95 |        1.34x |          1.60x",
    ]


def report(results, measures=None, checks=(), notes=()):
    return document(
        started="2026-11-26T10:00:00+00:00",
        finished="2026-11-26T10:30:00+00:00",
        command=["python -m scripts.bench"],
        machine={},
        settings={},
        results=results,
        measures=measures,
        checks=list(checks),
        notes=list(notes),
    )


def test_the_json_document_has_its_fields_in_the_documented_order():
    assert list(report([row(100, 5.0, 4.0)])) == [
        "schema",
        "started",
        "finished",
        "command",
        "machine",
        "settings",
        "results",
        "marginal",
        "measures",
        "budgets",
        "notes",
    ]
    assert report([row(100, 5.0, 4.0)])["schema"] == 1


def test_the_summary_of_one_size_is_the_table_then_the_checks_and_notes():
    checks = [
        {
            "status": "PASS",
            "name": "build time at N=100: ours / plain",
            "detail": "1.25x",
            "note": "N=1000 not run; checked at N=100",
        },
        {"status": "SKIP", "name": "linear cost", "detail": "needs at least two sizes", "note": ""},
    ]
    results = [row(100, 5.0, 4.0)]
    assert summary(report(results, checks=checks, notes=["plain build runs with --strict"])).splitlines() == [
        "",
        *table(results).splitlines(),
        "",
        "PASS  build time at N=100: ours / plain: 1.25x  [N=1000 not run; checked at N=100]",
        "SKIP  linear cost: needs at least two sizes",
        "note: plain build runs with --strict",
    ]


def test_the_summary_adds_the_marginal_costs_and_the_measures_comparison_when_run():
    measures = {
        "n": 1000,
        "with_measures": {"seconds": 25.0, "peak_mb": 160.4},
        "without_measures": {"seconds": 22.5, "peak_mb": 150.6},
    }
    lines = summary(report([row(100, 5.0, 4.0), row(1000, 23.0, 17.0)], measures)).splitlines()
    assert lines[-2:] == [
        "marginal ms per extra case study (ours / plain): 100->1000: 20.0 / 14.4",
        "measures at N=1000: all 25.00 s / 160 MB, none 22.50 s / 151 MB",
    ]
