"""XmR (individuals) charts with the NHS England Making Data Count (MDC) rules.

:func:`analyse_xmr` is pure: values in, an :class:`XmrResult` out. It mirrors the MDC Excel
tool as reproduced by NHSRplotthedots (``R/ptd_spc_standard.R`` and
``R/ptd_calculate_point_type.R``), with outlier screening of moving ranges off:

* centre = mean; mR̄ = mean of |xᵢ − xᵢ₋₁|; limits = mean ± 2.66·mR̄; near-limit lines =
  mean ± ⅔·2.66·mR̄ (= 1.7733…·mR̄), all per segment (a rebase starts a new segment), and
  from a segment's first ``baseline`` points only when ``baseline`` is given;
* rules, evaluated within each segment against its limits: ``outside limits`` (strictly
  beyond a limit), ``shift`` (7 or more points on one side; a point on the mean breaks it),
  ``trend`` (7 or more points each strictly above, or below, the one before; an equal value
  breaks it), ``two of three`` (3 consecutive points all on one side of the mean, 2 or more
  of them beyond a near-limit line but not outside the limits; those points are flagged);
* a flagged point takes its class from the first of its rules in the order outside limits,
  trend, two of three, shift; its side is high or low by where it lies against the mean, or
  for a trend by the trend's direction.

Arithmetic is exact: each value is read as the shortest decimal that round-trips to it
(``0.1`` is one tenth), so a point that lies on the mean or on a limit is judged as lying
on it, never a rounding error to one side. Results are reported as floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import ClassVar

OUTSIDE, SHIFT, TREND, TWO_OF_THREE = "outside limits", "shift", "trend", "two of three"
RULE_ORDER = (OUTSIDE, TREND, TWO_OF_THREE, SHIFT)
"""The rules in order of precedence for a point's class (and the order they are listed in)."""

COMMON = "common cause"
IMPROVEMENT = "special cause improvement"
CONCERN = "special cause concern"
NEUTRAL = "special cause neutral"
HIGH, LOW = "high", "low"

UP, DOWN, NEUTRAL_DIRECTION = "up", "down", "neutral"
DIRECTIONS = (UP, DOWN, NEUTRAL_DIRECTION)

PASS, HIT_AND_MISS, FAIL = "consistently pass", "hit and miss", "consistently fail"

LIMIT_FACTOR = Fraction(266, 100)
NEAR_FACTOR = LIMIT_FACTOR * 2 / 3
RUN_OF = 7
TREND_OF = 7
TRIAL_BELOW = 12
"""Limits computed from fewer points than this are trial limits."""


@dataclass(frozen=True)
class XmrSegment:
    """One stretch of points sharing a centre line and limits (points ``start``..``stop``-1)."""

    start: int
    stop: int
    mean: float
    mr_bar: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float
    n_used: int
    trial: bool


class FlaggedPoint:
    """What XmR and run-chart points share: the rules that flag a point, shown in the
    order of their chart's ``RULE_ORDER``."""

    rules: frozenset[str]
    point_class: str
    side: str | None
    rule_order: ClassVar[tuple[str, ...]]

    @property
    def signals(self) -> tuple[str, ...]:
        """The rules flagging this point, in the chart's rule order."""
        return tuple(rule for rule in self.rule_order if rule in self.rules)


@dataclass(frozen=True)
class XmrPoint(FlaggedPoint):
    """One point with the lines it is judged against and the rules that flag it."""

    index: int
    value: float
    segment: int
    centre: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float
    rules: frozenset[str]
    point_class: str
    side: str | None
    rule_order: ClassVar[tuple[str, ...]] = RULE_ORDER


@dataclass(frozen=True)
class Variation:
    """The variation icon: the latest point's class and, for special cause, its side."""

    point_class: str
    side: str | None


@dataclass(frozen=True)
class XmrResult:
    """Everything a chart, a summary sentence and a data table need."""

    improvement: str
    target: float | None
    points: tuple[XmrPoint, ...]
    segments: tuple[XmrSegment, ...]
    variation: Variation
    assurance: str | None


def analyse_xmr(
    values: Sequence[float],
    *,
    improvement: str,
    segment_starts: Sequence[int] = (),
    baseline: int | None = None,
    target: float | None = None,
) -> XmrResult:
    """Analyse ``values`` (in time order) as an XmR chart with MDC rules.

    ``segment_starts`` are indices where limits are recalculated (a rebase); index 0 is
    implied. ``baseline`` limits each segment's calculation to its first ``baseline``
    points (fewer if the segment is shorter); the rules still cover every point.
    Raises ValueError for a direction other than up/down/neutral, a baseline below 2,
    or a segment with fewer than 2 points (validation reports these to contributors first).
    """
    if improvement not in DIRECTIONS:
        raise ValueError(f"improvement must be one of {', '.join(DIRECTIONS)}, got {improvement!r}")
    if baseline is not None and baseline < 2:
        raise ValueError(f"baseline must be at least 2, got {baseline}")
    exact = [exact_value(value) for value in values]
    bounds = _segment_bounds(len(exact), segment_starts)
    segments: list[XmrSegment] = []
    points: list[XmrPoint] = []
    for number, (start, stop) in enumerate(bounds):
        segment, segment_points, lines = _analyse_segment(exact, start, stop, number, baseline, improvement)
        segments.append(segment)
        points.extend(segment_points)
    latest = points[-1]
    return XmrResult(
        improvement=improvement,
        target=target,
        points=tuple(points),
        segments=tuple(segments),
        variation=Variation(latest.point_class, latest.side),
        assurance=assurance(target, improvement, lines.lower, lines.upper),
    )


def exact_value(value: float | int | Fraction) -> Fraction:
    """The exact rational a contributor meant: 0.1 is 1/10, not the nearest binary float."""
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    return Fraction(repr(float(value)))


def assurance(target: float | None, improvement: str, lower: float | Fraction, upper: float | Fraction) -> str | None:
    """Whether a process with these limits will consistently pass, hit and miss, or fail a target.

    None without a target or when no direction is better. A target between the limits
    (limits included) is hit and miss. A target beyond a limit is passed every time when
    all expected values lie on its better side (target below the lower limit when up is
    better, above the upper limit when down is better) and failed every time otherwise.
    """
    if target is None or improvement == NEUTRAL_DIRECTION:
        return None
    aim = exact_value(target)
    if aim > exact_value(upper):
        return PASS if improvement == DOWN else FAIL
    if aim < exact_value(lower):
        return PASS if improvement == UP else FAIL
    return HIT_AND_MISS


def _segment_bounds(count: int, segment_starts: Sequence[int]) -> list[tuple[int, int]]:
    if count < 2:
        raise ValueError(f"an XmR chart needs at least 2 values, got {count}")
    starts = sorted({0, *segment_starts})
    if starts[-1] >= count or starts[0] < 0:
        raise ValueError(f"segment starts must be between 0 and {count - 1}, got {list(segment_starts)}")
    bounds = list(pairwise([*starts, count]))
    if any(stop - start < 2 for start, stop in bounds):
        raise ValueError("every segment needs at least 2 points")
    return bounds


@dataclass(frozen=True)
class _Lines:
    mean: Fraction
    lower: Fraction
    upper: Fraction
    near_lower: Fraction
    near_upper: Fraction


def _analyse_segment(values, start, stop, number, baseline, improvement):
    segment_values = values[start:stop]
    used = segment_values[: baseline or len(segment_values)]
    mean = sum(used) / len(used)
    mr_bar = sum(abs(b - a) for a, b in pairwise(used)) / (len(used) - 1)
    lines = _Lines(
        mean,
        mean - LIMIT_FACTOR * mr_bar,
        mean + LIMIT_FACTOR * mr_bar,
        mean - NEAR_FACTOR * mr_bar,
        mean + NEAR_FACTOR * mr_bar,
    )
    flags = _flags(segment_values, lines)
    segment = XmrSegment(
        start,
        stop,
        float(mean),
        float(mr_bar),
        float(lines.lower),
        float(lines.upper),
        float(lines.near_lower),
        float(lines.near_upper),
        len(used),
        len(used) < TRIAL_BELOW,
    )
    points = [
        _point(start + offset, value, number, segment, flags[offset], improvement) for offset, value in enumerate(segment_values)
    ]
    return segment, points, lines


def _point(index: int, value: Fraction, number: int, segment: XmrSegment, flag, improvement: str) -> XmrPoint:
    rules, direction = flag
    return XmrPoint(
        index=index,
        value=float(value),
        segment=number,
        centre=segment.mean,
        lower=segment.lower,
        upper=segment.upper,
        near_lower=segment.near_lower,
        near_upper=segment.near_upper,
        rules=frozenset(rules),
        point_class=classify(direction, improvement) if rules else COMMON,
        side=(HIGH if direction > 0 else LOW) if rules else None,
    )


def classify(direction: int, improvement: str) -> str:
    """The special-cause class of a flagged point going ``direction`` (+1 high, −1 low)."""
    if improvement == NEUTRAL_DIRECTION:
        return NEUTRAL
    better = 1 if improvement == UP else -1
    return IMPROVEMENT if direction == better else CONCERN


def _flags(values: list[Fraction], lines: _Lines) -> list[tuple[set[str], int]]:
    """Per point: the rules flagging it, and its direction (+1/−1) by the leading rule."""
    sides = [(value > lines.mean) - (value < lines.mean) for value in values]
    outside = [value > lines.upper or value < lines.lower for value in values]
    shift = runs_of_same_sign(sides, RUN_OF)
    trend = trend_directions(values, TREND_OF)
    close = [
        not out and (value > lines.near_upper or value < lines.near_lower) for value, out in zip(values, outside, strict=True)
    ]
    two_of_three = _two_of_three(close, sides)
    flags = []
    for i, side in enumerate(sides):
        by_rule = {OUTSIDE: outside[i], TREND: trend[i] != 0, TWO_OF_THREE: two_of_three[i], SHIFT: shift[i]}
        rules = {rule for rule, hit in by_rule.items() if hit}
        leading = next((rule for rule in RULE_ORDER if rule in rules), None)
        flags.append((rules, trend[i] if leading == TREND else side))
    return flags


def runs_of_same_sign(signs: Sequence[int], length: int) -> list[bool]:
    """Which items belong to ``length`` or more consecutive equal non-zero signs."""
    flagged = [False] * len(signs)
    run_start = 0
    for i in range(1, len(signs) + 1):
        if i == len(signs) or signs[i] != signs[run_start]:
            if signs[run_start] != 0 and i - run_start >= length:
                flagged[run_start:i] = [True] * (i - run_start)
            run_start = i
    return flagged


def trend_directions(values: Sequence[Fraction], length: int) -> list[int]:
    """Per point: +1/−1 when in a strictly rising/falling run of ``length`` or more, else 0.

    A point where a rising trend meets a falling one (a peak or trough in both) takes the
    direction of the trend that starts at it, as NHSRplotthedots does.
    """
    steps = [(b > a) - (b < a) for a, b in pairwise(values)]
    in_run = runs_of_same_sign(steps, length - 1)
    directions = [0] * len(values)
    for i, step in enumerate(steps):
        if in_run[i]:
            directions[i] = step
            directions[i + 1] = step
    return directions


def _two_of_three(close: list[bool], sides: list[int]) -> list[bool]:
    flagged = [False] * len(close)
    for i in range(len(close) - 2):
        window = range(i, i + 3)
        same_side = abs(sum(sides[j] for j in window)) == 3
        if same_side and sum(close[j] for j in window) >= 2:
            for j in window:
                flagged[j] = flagged[j] or close[j]
    return flagged
