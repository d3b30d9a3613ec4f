"""XmR charts with the Making Data Count rules: the published example and every edge.

Most cases hold the limits with ``baseline`` so the lines are known exactly:
BASE (11.5, 8.5 repeated) gives mean 10 and mR̄ 3, so the limits are 2.02 and 17.98 and
the near-limit lines 4.68 and 15.32.
"""

import pytest

from learning.measures.spc import (
    COMMON,
    CONCERN,
    FAIL,
    HIT_AND_MISS,
    IMPROVEMENT,
    NEUTRAL,
    OUTSIDE,
    PASS,
    SHIFT,
    TREND,
    TWO_OF_THREE,
    analyse_xmr,
)

BASE = [11.5, 8.5, 11.5, 8.5, 11.5, 8.5]
HELD = {"baseline": 6}
O, S, T, W = OUTSIDE, SHIFT, TREND, TWO_OF_THREE  # noqa: E741 - one-letter rule names keep the table rows short


def flags(result) -> dict[int, set[str]]:
    """Flagged points by index, with their rules."""
    return {p.index: set(p.rules) for p in result.points if p.rules}


def test_the_nhsrplotthedots_example_matches_the_mdc_excel_numbers():
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    result = analyse_xmr(values, improvement="up")
    segment = result.segments[0]
    assert round(segment.mean, 3) == 1.944
    assert round(segment.mr_bar, 3) == 1.882
    assert round(segment.upper, 3) == 6.952
    assert round(segment.lower, 3) == -3.063
    assert flags(result) == {4: {O}}
    assert (result.points[4].point_class, result.points[4].side) == (IMPROVEMENT, "high")
    assert not segment.trial


RULE_CASES = [
    # name, values after BASE (index 6 onwards), expected flagged points by index
    (
        "a shift of exactly 7 points on one side is flagged, every point",
        [11, 13, 11, 13, 11, 13, 11, 9],
        {i: {S} for i in range(6, 13)},
    ),
    ("a run of only 6 points on one side is not a shift", [11, 13, 11, 13, 11, 13, 9], {}),
    ("a shift of 9 flags all 9 points", [11, 13, 11, 13, 11, 13, 11, 13, 11, 9], {i: {S} for i in range(6, 15)}),
    ("a point exactly on the mean breaks a shift", [11, 13, 11, 10, 13, 11, 13, 11, 9], {}),
    (
        "a trend of exactly 7 rising points is flagged, even across the mean",
        [5, 7, 9, 11, 13, 15, 16, 9],
        {i: {T} for i in range(6, 13)},
    ),
    ("a trend of 7 falling points is flagged", [15, 14, 12, 11, 9, 7, 5, 9], {i: {T} for i in range(6, 13)}),
    ("6 rising points are not a trend", [5, 7, 9, 11, 13, 15, 14], {}),
    ("an equal value breaks a trend", [5, 7, 9, 9, 11, 13, 15, 16, 9], {}),
    ("two of three beyond the near-limit line on one side flags the two", [16, 11, 17, 9], {6: {W}, 8: {W}}),
    ("two of three below the near-limit line flags the two", [4, 9, 3, 11], {6: {W}, 8: {W}}),
    ("two near-limit points on opposite sides of the mean are not two of three", [16, 4, 11, 9], {}),
    ("two near-limit points with a point on the mean between are not two of three", [16, 10, 17, 9], {}),
    ("a point exactly on the near-limit line is not beyond it", [15.32, 11, 15.32, 9], {}),
    ("just beyond the near-limit line counts", [15.33, 11, 15.33, 9], {6: {W}, 8: {W}}),
    ("a point outside the limits does not count towards two of three", [16, 18.5, 11, 9], {7: {O}}),
    ("two near-limit points count even when a third point is outside", [16, 18.5, 17, 9], {6: {W}, 7: {O}, 8: {W}}),
    ("a point exactly on a limit is not outside it, but is near it", [17.98, 11, 9], {}),
    ("a point just beyond a limit is outside", [17.99, 11, 9], {6: {O}}),
    ("a point just below the lower limit is outside", [2.01, 9, 11], {6: {O}}),
]


@pytest.mark.parametrize(("name", "tail", "expected"), RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_each_rule_flags_exactly_the_points_it_should(name, tail, expected):
    result = analyse_xmr(BASE + tail, improvement="up", **HELD)
    assert flags(result) == expected


def test_decimal_values_are_judged_exactly_so_a_point_on_a_decimal_mean_breaks_a_shift():
    # In binary floating point this mean is 0.19999999999999998, which would put 0.2 above
    # it and make a shift of 8.
    values = [0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.3, 0.25, 0.3, 0.2, 0.3, 0.25, 0.3, 0.1]
    result = analyse_xmr(values, improvement="up", baseline=6)
    assert result.segments[0].mean == pytest.approx(0.2)
    assert flags(result) == {}


PRECEDENCE_CASES = [
    # name, tail, improvement, index, expected rules, class, side
    (
        "trend outranks shift: a falling run above the mean reads as falling",
        [15, 14, 13, 12, 11, 10.9, 10.5, 9],
        "up",
        8,
        {T, S},
        CONCERN,
        "low",
    ),
    (
        "outside outranks trend: the first point of a falling trend, above the limit",
        [18.5, 17, 16, 15, 14, 13, 12, 9],
        "up",
        6,
        {O, T, S},
        IMPROVEMENT,
        "high",
    ),
    ("trend outranks two of three", [18.5, 17, 16, 15, 14, 13, 12, 9], "up", 7, {T, W, S}, CONCERN, "low"),
    (
        "two of three outranks shift (same side, so the same class)",
        [11, 16, 11, 16, 11, 12, 11, 9],
        "down",
        7,
        {W, S},
        CONCERN,
        "high",
    ),
    ("a shift below the mean is improvement when down is better", [9, 7, 9, 7, 9, 7, 9, 11], "down", 6, {S}, IMPROVEMENT, "low"),
    ("neutral direction gives special cause neutral", [9, 7, 9, 7, 9, 7, 9, 11], "neutral", 6, {S}, NEUTRAL, "low"),
    (
        "a peak shared by a rising and a falling trend takes the falling trend's direction",
        [5, 6, 7, 8, 9, 11, 12, 11.5, 10.5, 9.5, 8.5, 7.5, 6.5],
        "up",
        12,
        {T},
        CONCERN,
        "low",
    ),
    ("the last point of a rising trend reads as rising", [5, 6, 7, 8, 9, 11, 12, 11.5, 12.5], "up", 12, {T}, IMPROVEMENT, "high"),
    ("an unflagged point is common cause with no side", [11, 9], "up", 6, set(), COMMON, None),
]


@pytest.mark.parametrize(
    ("name", "tail", "improvement", "index", "rules", "point_class", "side"),
    PRECEDENCE_CASES,
    ids=[c[0] for c in PRECEDENCE_CASES],
)
def test_a_point_takes_its_class_from_its_leading_rule(name, tail, improvement, index, rules, point_class, side):
    point = analyse_xmr(BASE + tail, improvement=improvement, **HELD).points[index]
    assert (set(point.rules), point.point_class, point.side) == (rules, point_class, side)


def test_signals_are_listed_in_precedence_order():
    point = analyse_xmr(BASE + [18.5, 17, 16, 15, 14, 13, 12, 9], improvement="up", **HELD).points[6]
    assert point.signals == (O, T, S)


def test_a_rebase_boundary_splits_a_shift_into_two_short_runs():
    values = BASE + [11, 12, 11, 12] + [11, 12, 11, 12, 8, 9]
    whole = analyse_xmr(values, improvement="up", baseline=6)
    split = analyse_xmr(values, improvement="up", baseline=6, segment_starts=[10])
    assert flags(whole) == {i: {S} for i in range(6, 14)}
    assert flags(split) == {}
    assert [(s.start, s.stop, s.mean) for s in split.segments] == [(0, 10, 10.0), (10, 16, 10.5)]
    assert split.points[9].centre == 10.0 and split.points[10].centre == 10.5


def test_rules_never_reach_across_a_rebase():
    values = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
    assert flags(analyse_xmr(values, improvement="up"))  # one long trend
    assert flags(analyse_xmr(values, improvement="up", segment_starts=[6])) == {}


def test_a_baseline_holds_the_limits_for_the_rest_of_the_segment():
    result = analyse_xmr(BASE + [30, 40, 50], improvement="up", **HELD)
    segment = result.segments[0]
    assert (segment.mean, segment.mr_bar, segment.n_used) == (10.0, 3.0, 6)
    assert (round(segment.lower, 10), round(segment.upper, 10)) == (2.02, 17.98)
    assert (round(segment.near_lower, 10), round(segment.near_upper, 10)) == (4.68, 15.32)
    assert {p.upper for p in result.points} == {segment.upper}
    assert flags(result) == {6: {O}, 7: {O}, 8: {O}}


def test_a_baseline_longer_than_a_segment_uses_the_whole_segment():
    result = analyse_xmr([1, 3, 1, 3, 5, 7, 5, 7], improvement="up", baseline=6, segment_starts=[4])
    assert [s.n_used for s in result.segments] == [4, 4]


@pytest.mark.parametrize(
    ("count", "baseline", "trial"),
    [(11, None, True), (12, None, False), (30, 11, True), (30, 12, False)],
)
def test_fewer_than_12_points_behind_the_limits_makes_them_trial_limits(count, baseline, trial):
    values = [10 + (i % 3) for i in range(count)]
    assert analyse_xmr(values, improvement="up", baseline=baseline).segments[0].trial is trial


def test_all_equal_values_give_limits_on_the_mean_and_no_signal():
    result = analyse_xmr([5] * 14, improvement="up")
    segment = result.segments[0]
    assert (segment.mr_bar, segment.lower, segment.mean, segment.upper) == (0.0, 5.0, 5.0, 5.0)
    assert flags(result) == {}
    assert result.variation.point_class == COMMON


def test_with_a_flat_baseline_any_later_change_is_outside_the_limits():
    result = analyse_xmr([5, 5, 5, 6, 5], improvement="down", baseline=3)
    assert flags(result) == {3: {O}}
    assert result.points[3].point_class == CONCERN


ICON_CASES = [
    # improvement, last value, class, side
    ("up", 10, IMPROVEMENT, "high"),
    ("down", 10, CONCERN, "high"),
    ("neutral", 10, NEUTRAL, "high"),
    ("up", -5, CONCERN, "low"),
    ("down", -5, IMPROVEMENT, "low"),
    ("neutral", -5, NEUTRAL, "low"),
    ("up", 1.5, COMMON, None),
]


@pytest.mark.parametrize(("improvement", "last", "point_class", "side"), ICON_CASES)
def test_the_variation_icon_is_the_latest_points_class(improvement, last, point_class, side):
    result = analyse_xmr([1, 2, 1, 2, 1, 2, last], improvement=improvement, baseline=6)
    assert (result.variation.point_class, result.variation.side) == (point_class, side)


ASSURANCE_CASES = [
    # improvement, target, assurance (limits 2.02 and 17.98)
    ("up", 20, FAIL),
    ("up", 17.98, HIT_AND_MISS),
    ("up", 10, HIT_AND_MISS),
    ("up", 2.02, HIT_AND_MISS),
    ("up", 1, PASS),
    ("down", 20, PASS),
    ("down", 17.98, HIT_AND_MISS),
    ("down", 2.02, HIT_AND_MISS),
    ("down", 1, FAIL),
    ("neutral", 20, None),
    ("up", None, None),
]


@pytest.mark.parametrize(("improvement", "target", "assurance"), ASSURANCE_CASES)
def test_the_assurance_icon_follows_where_the_target_sits_against_the_limits(improvement, target, assurance):
    result = analyse_xmr(BASE + [11, 9], improvement=improvement, target=target, **HELD)
    assert result.assurance == assurance


def test_assurance_uses_the_latest_segments_limits():
    values = [1, 2, 1, 2, 1, 2, 50, 52, 50, 52]
    result = analyse_xmr(values, improvement="up", segment_starts=[6], target=40)
    assert result.assurance == PASS


@pytest.mark.parametrize(
    ("values", "kwargs"),
    [
        ([1], {}),
        ([1, 2, 3], {"segment_starts": [2]}),
        ([1, 2, 3, 4], {"segment_starts": [4]}),
        ([1, 2, 3], {"baseline": 1}),
        ([1, 2, 3], {"improvement": "lower"}),
    ],
)
def test_impossible_requests_are_refused_with_a_value_error(values, kwargs):
    with pytest.raises(ValueError):
        analyse_xmr(values, **{"improvement": "up", **kwargs})
