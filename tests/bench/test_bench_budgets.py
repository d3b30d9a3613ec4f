"""What the benchmark runs (``plan``) and how its budget checks judge the results."""

from __future__ import annotations

import pytest
from scripts.bench.__main__ import parse_args, plan
from scripts.bench.budgets import at, budgets, check


def result(n: int, ours: float, plain: float, ours_mb: float = 100.0, plain_mb: float = 60.0) -> dict:
    """A size's result as Bench.size returns it, from seconds and MB."""

    def side(seconds, mb):
        return {"seconds": seconds, "ms_per_case_study": seconds * 1000 / n, "peak_mb": mb}

    return {
        "n": n,
        "ours": side(ours, ours_mb),
        "plain": side(plain, plain_mb),
        "ratio_time": round(ours / plain, 3),
        "ratio_memory": round(ours_mb / plain_mb, 3),
    }


def measures(n: int, with_all: float, with_none: float) -> dict:
    return {
        "n": n,
        "with_measures": {"seconds": with_all, "peak_mb": 150.0},
        "without_measures": {"seconds": with_none, "peak_mb": 140.0},
        "ratio_time": round(with_all / with_none, 3),
    }


@pytest.mark.parametrize(
    ("argv", "sizes", "measures_n", "notes"),
    [
        ([], [500, 1000, 2000, 5000], 1000, []),
        (["5000", "500", "2000", "1000"], [500, 1000, 2000, 5000], 1000, []),
        (["50", "100", "50"], [50, 100], None, []),
        (["1000"], [1000], 1000, []),
        (["1000", "--no-measures-check"], [1000], None, []),
        (["100", "--measures-check"], [100], 100, ["measures check at N=100 (the budget is stated at N=1000)"]),
        (
            ["100", "2000", "5000", "--measures-check"],
            [100, 2000, 5000],
            5000,
            ["measures check at N=5000 (the budget is stated at N=1000)"],
        ),
    ],
)
def test_the_plan_adds_the_linearity_reference_to_the_defaults_and_places_the_measures_check(argv, sizes, measures_n, notes):
    assert plan(parse_args(argv)) == (sizes, measures_n, notes)


@pytest.mark.parametrize("argv", [["0"], ["-3"], ["ten"], ["100", "--repeat", "0"]])
def test_sizes_and_repeats_below_one_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        parse_args(argv)
    assert stop.value.code == 2
    assert capsys.readouterr().err.startswith("usage: python -m scripts.bench ")


def test_the_defaults_are_the_documented_ones():
    args = parse_args([])
    assert (args.sizes, args.repeat, args.keep, args.measures_check) == ([], None, False, None)
    assert args.out.parts[-2:] == ("bench-results", "bench.json")
    assert args.root == args.out.parent.parent


@pytest.mark.parametrize(
    ("sizes", "n", "found", "note"),
    [
        ([100, 1000], 1000, 1000, ""),
        ([100, 300], 1000, 300, "N=1000 not run; checked at N=300"),
        ([500, 1500], 1000, 1500, "N=1000 not run; checked at N=1500"),
        ([3000], 1000, 3000, "N=1000 not run; checked at N=3000"),
    ],
)
def test_a_budget_stated_at_a_size_not_run_is_checked_at_the_nearest_the_larger_on_a_tie(sizes, n, found, note):
    chosen, said = at([result(s, 1.0, 1.0) for s in sizes], n)
    assert (chosen["n"], said) == (found, note)


@pytest.mark.parametrize(
    ("value", "limit", "status"),
    [
        (1.0, 1.2, "PASS"),
        (1.2, 1.2, "PASS"),
        (1.21, 1.2, "FAIL"),
        (None, 1.2, "SKIP"),
    ],
)
def test_a_check_passes_up_to_its_limit_and_skips_without_a_value(value, limit, status):
    assert check("x", value, limit, "detail")["status"] == status


def test_all_four_budgets_pass_on_a_full_run_within_them():
    results = [result(500, 10.0, 8.0), result(1000, 18.0, 16.0), result(5000, 100.0, 80.0, 300.0, 200.0)]
    checks = budgets(results, measures(1000, 20.0, 18.0))
    assert [(c["name"], c["status"], c["note"]) for c in checks] == [
        ("build time at N=1000: ours / plain", "PASS", ""),
        ("linear cost: ms per case study at N=5000 / at N=500", "PASS", ""),
        ("peak memory at N=5000: ours / plain", "PASS", ""),
        ("measures at N=1000: all with a 36-point measure / none", "PASS", ""),
    ]
    assert checks[0]["detail"] == "ours 18.00 s, plain 16.00 s: 1.12x (budget <= 1.20x, target 1.10x)"
    assert (checks[0]["target"], checks[0]["met_target"]) == (1.10, False)
    assert checks[1]["detail"] == "20.0 ms vs 20.0 ms: 1.00x (budget <= 1.15x)"
    assert checks[2]["detail"] == "ours 300 MB, plain 200 MB: 1.50x (budget <= 2.00x)"
    assert checks[3]["detail"] == "20.00 s vs 18.00 s: 1.11x (budget <= 1.15x)"


@pytest.mark.parametrize(
    ("results", "measured", "statuses"),
    [
        (
            [result(1000, 13.0, 10.0), result(5000, 66.0, 50.0, 250.0, 100.0)],
            measures(1000, 12.0, 10.0),
            ["FAIL", "PASS", "FAIL", "FAIL"],
        ),
        ([result(1000, 11.0, 10.0)], None, ["PASS", "SKIP", "PASS", "SKIP"]),
        ([result(100, 2.0, 1.0), result(200, 8.0, 2.0)], None, ["FAIL", "FAIL", "PASS", "SKIP"]),
    ],
)
def test_each_budget_fails_alone_when_its_ratio_is_over(results, measured, statuses):
    assert [c["status"] for c in budgets(results, measured)] == statuses


def test_without_the_reference_sizes_the_linearity_check_says_what_it_compared():
    linear = budgets([result(50, 1.0, 1.0), result(100, 2.0, 2.0)], None)[1]
    assert linear["name"] == "linear cost: ms per case study at N=100 / at N=50"
    assert (
        linear["note"]
        == "budget is stated at N=5000; largest run is N=100; N=500 not run: comparing smallest (N=50) with largest"
    )


def test_a_measures_check_off_its_stated_size_says_so():
    assert budgets([result(100, 1.0, 1.0)], measures(100, 1.0, 1.0))[3]["note"] == "budget is stated at N=1000"
    assert budgets([result(100, 1.0, 1.0)], None)[3] == {
        "name": "measures",
        "status": "SKIP",
        "value": None,
        "limit": 1.15,
        "detail": "not run",
        "note": "measures check off (N=1000 not among the sizes, or --no-measures-check)",
    }


def test_a_single_size_cannot_check_linearity():
    assert budgets([result(100, 1.0, 1.0)], None)[1] == {
        "name": "linear cost",
        "status": "SKIP",
        "value": None,
        "limit": 1.15,
        "detail": "needs at least two sizes",
        "note": "only one size run",
    }
