"""Run charts with the IHI rules: median, shift, trend and runs, with their tie edges.

Runs cases are written as patterns: ``+`` above the median, ``-`` below, ``o`` on it.
With equal numbers of ``+`` (2) and ``-`` (0) and any ``o`` (1), the median is exactly 1.
"""

from math import comb

import pytest

from learning.measures.runchart import (
    NO_SIGNAL,
    NOT_APPLIED,
    PERLA_RUNS,
    RUNS,
    SHIFT,
    SIGNAL,
    TREND,
    analyse_run,
    runs_limits,
)
from learning.measures.spc import COMMON, CONCERN, IMPROVEMENT, NEUTRAL


def pattern(text: str) -> list[int]:
    return [{"+": 2, "-": 0, "o": 1}[c] for c in text]


def flagged(result, rule: str) -> list[int]:
    return [p.index for p in result.points if rule in p.rules]


@pytest.mark.parametrize(
    ("values", "baseline", "median"),
    [
        ([3, 1, 2], None, 2),
        ([4, 1, 3, 2], None, 2.5),
        ([1, 2, 3, 10, 20, 30], 3, 2),
        ([1, 2, 3, 4, 20, 30], 4, 2.5),
        ([0.1, 0.2, 0.4, 0.5], None, 0.3),
    ],
)
def test_the_median_comes_from_the_baseline_points_when_given(values, baseline, median):
    result = analyse_run(values, improvement="up", baseline=baseline)
    assert result.median == pytest.approx(median)
    assert result.n_used == (baseline or len(values))


SHIFT_CASES = [
    # name, values (median held at 5 by the first 5 points), flagged indices
    ("5 points above the median are not a shift", [9, 1, 5, 9, 1, 6, 7, 6, 7, 6, 4], []),
    ("6 points above the median are a shift", [9, 1, 5, 9, 1, 6, 7, 6, 7, 6, 7, 4], [5, 6, 7, 8, 9, 10]),
    ("a point on the median neither counts nor breaks a shift", [9, 1, 5, 9, 1, 6, 7, 6, 5, 7, 6, 7, 4], [5, 6, 7, 9, 10, 11]),
    ("5 useful points around a point on the median are not a shift", [9, 1, 5, 9, 1, 6, 7, 5, 6, 7, 6, 4], []),
    ("6 points below the median are a shift", [1, 9, 5, 1, 9, 4, 3, 4, 3, 4, 3, 6], [5, 6, 7, 8, 9, 10]),
]


@pytest.mark.parametrize(("name", "values", "expected"), SHIFT_CASES, ids=[c[0] for c in SHIFT_CASES])
def test_a_shift_needs_6_useful_points_on_one_side(name, values, expected):
    result = analyse_run(values, improvement="up", baseline=5)
    assert result.median == 5
    assert flagged(result, SHIFT) == expected
    assert result.verdict(SHIFT).status == (SIGNAL if expected else NO_SIGNAL)


TREND_CASES = [
    ("4 rising points are not a trend", [3, 4, 5, 6, 2], []),
    ("5 rising points are a trend", [3, 4, 5, 6, 7, 2], [0, 1, 2, 3, 4]),
    ("an equal neighbour is counted once, so 4 distinct values are not a trend", [3, 4, 4, 5, 6, 2], []),
    ("equal neighbours do not break a trend, and both are flagged", [3, 4, 4, 5, 6, 7, 2], [0, 1, 2, 3, 4, 5]),
    ("a run of equal values neither makes nor breaks a trend", [3, 4, 4, 4, 4, 5, 6, 7, 2], list(range(8))),
    ("equal values alone are not a trend", [5, 5, 5, 5, 5, 5, 5], []),
    ("5 falling points are a trend", [9, 8, 8, 7, 6, 5, 9], [0, 1, 2, 3, 4, 5]),
    ("a point on the median counts in a trend", [1, 2, 3, 4, 5, 3, 3, 2, 3], [0, 1, 2, 3, 4]),
]


@pytest.mark.parametrize(("name", "values", "expected"), TREND_CASES, ids=[c[0] for c in TREND_CASES])
def test_a_trend_needs_5_points_going_one_way_with_ties_counted_once(name, values, expected):
    result = analyse_run(values, improvement="up")
    assert flagged(result, TREND) == expected


RUNS_CASES = [
    # name, pattern, runs, status
    ("10 useful points in 2 runs are too few (fewest allowed is 3)", "+++++-----", 2, SIGNAL),
    ("10 useful points in 3 runs are fine", "++++-----+", 3, NO_SIGNAL),
    ("10 useful points in 9 runs are fine", "+-+-+-+--+", 9, NO_SIGNAL),
    ("10 useful points in 10 runs are too many (most allowed is 9)", "+-+-+-+-+-", 10, SIGNAL),
    ("points on the median are not useful observations", "++++o-----+o", 3, NO_SIGNAL),
    ("9 useful points are too few for the runs rule", "+-+-+-+-oo+", 9, NOT_APPLIED),
    ("fewer than 10 points: the rule is not applied", "+-+-+-+-", 8, NOT_APPLIED),
    ("16 useful points in 4 runs are too few (fewest allowed is 5)", "++++----++++----", 4, SIGNAL),
    ("16 useful points in 5 runs are fine", "+++----++++----+", 5, NO_SIGNAL),
]


@pytest.mark.parametrize(("name", "text", "runs", "status"), RUNS_CASES, ids=[c[0] for c in RUNS_CASES])
def test_the_runs_rule_compares_runs_with_the_perla_table(name, text, runs, status):
    result = analyse_run(pattern(text), improvement="up")
    assert result.median == 1
    assert (result.runs, result.verdict(RUNS).status) == (runs, status)
    assert result.useful == len(text.replace("o", ""))
    expected = [i for i, c in enumerate(text) if c != "o"] if status == SIGNAL else []
    assert flagged(result, RUNS) == expected


def test_the_runs_verdict_says_why_it_was_not_applied():
    verdict = analyse_run(pattern("+-+-+-+-"), improvement="up").verdict(RUNS)
    assert verdict.detail == "needs at least 10 points off the median; this chart has 8"


@pytest.mark.parametrize(
    ("above", "below", "limits"),
    [
        (5, 5, (3, 9)),
        (20, 20, (15, 27)),
        (21, 21, (16, 28)),  # normal approximation: mean 22, sd 3.2006
        (30, 20, (19, 31)),  # mean 25, sd 3.3564
        (41, 0, (1, 1)),
        (4, 5, None),
    ],
)
def test_runs_limits_use_the_table_to_40_then_the_normal_approximation(above, below, limits):
    assert runs_limits([1] * above + [-1] * below + [0, 0]) == limits


def _runs_distribution(n1: int, n2: int) -> dict[int, float]:
    """Exact probability of each number of runs for n1 and n2 points in random order."""
    total = comb(n1 + n2, n1)
    probability = {}
    for runs in range(2, n1 + n2 + 1):
        k = runs // 2
        if runs % 2 == 0:
            ways = 2 * comb(n1 - 1, k - 1) * comb(n2 - 1, k - 1)
        else:
            ways = comb(n1 - 1, k - 1) * comb(n2 - 1, k) + comb(n1 - 1, k) * comb(n2 - 1, k - 1)
        probability[runs] = ways / total
    return probability


@pytest.mark.parametrize("useful", sorted(PERLA_RUNS))
def test_every_table_row_has_a_false_signal_rate_below_5_percent(useful):
    low, high = PERLA_RUNS[useful]
    distribution = _runs_distribution(useful // 2, useful - useful // 2)
    too_few = sum(p for runs, p in distribution.items() if runs < low)
    too_many = sum(p for runs, p in distribution.items() if runs > high)
    assert too_few <= 0.025 and too_many <= 0.025


CLASS_CASES = [
    # name, values, baseline, improvement, index, class, side
    (
        "a shift above the median is improvement when up is better",
        [9, 1, 5, 9, 1, 6, 7, 6, 7, 6, 7, 4],
        5,
        "up",
        6,
        IMPROVEMENT,
        "high",
    ),
    (
        "a shift above the median is concern when down is better",
        [9, 1, 5, 9, 1, 6, 7, 6, 7, 6, 7, 4],
        5,
        "down",
        6,
        CONCERN,
        "high",
    ),
    (
        "a shift below the median is neutral when neither direction is better",
        [1, 9, 5, 1, 9, 4, 3, 4, 3, 4, 3, 6],
        5,
        "neutral",
        6,
        NEUTRAL,
        "low",
    ),
    ("a trend takes its direction, even below the median", [3, 4, 5, 6, 7, 20, 30, 40, 50], 5, "down", 1, CONCERN, "high"),
    ("a trend outranks a shift", [1, 9, 5, 1, 9, 6, 7, 8, 9, 10, 11, 2], 5, "up", 6, IMPROVEMENT, "high"),
    ("a runs signal alone has no direction", pattern("+-+-+-+-+-"), None, "up", 0, NEUTRAL, None),
    ("an unflagged point is common cause", [3, 1, 2], None, "up", 0, COMMON, None),
]


@pytest.mark.parametrize(
    ("name", "values", "baseline", "improvement", "index", "point_class", "side"),
    CLASS_CASES,
    ids=[c[0] for c in CLASS_CASES],
)
def test_a_flagged_point_is_improvement_or_concern_by_its_leading_rule(
    name, values, baseline, improvement, index, point_class, side
):
    point = analyse_run(values, improvement=improvement, baseline=baseline).points[index]
    assert (point.point_class, point.side) == (point_class, side)


@pytest.mark.parametrize(
    ("values", "kwargs"),
    [([1], {}), ([1, 2, 3], {"baseline": 1}), ([1, 2, 3], {"baseline": 4}), ([1, 2], {"improvement": "better"})],
)
def test_impossible_requests_are_refused_with_a_value_error(values, kwargs):
    with pytest.raises(ValueError):
        analyse_run(values, **{"improvement": "up", **kwargs})
