"""Run charts with the IHI rules (Perla, Provost and Murray, BMJ Qual Saf 2011;20:46–51).

:func:`analyse_run` is pure: values in, a :class:`RunResult` out.

* Centre = median of the first ``baseline`` points when given (then held), else of all.
* Useful observations are points not on the median; the shift and runs rules skip the
  others (a point on the median neither counts towards nor breaks a shift).
* ``shift``: 6 or more consecutive useful points on one side of the median.
* ``trend``: 5 or more points each going up (or each going down). Equal neighbours count
  once, so a run of equal values neither makes nor breaks a trend; points on the median
  count. Every point in the trend, repeats included, is flagged.
* ``runs``: runs = median crossings among useful observations + 1, judged against the
  Perla table for 10–40 useful observations, beyond 40 against a normal approximation,
  and not applied below 10. When it signals, every useful point is flagged.

Every rule covers all points, against the held median when a baseline is set. Arithmetic
is exact, as in :mod:`learning.spc`, so "on the median" means exactly on it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import ClassVar

from .spc import (
    COMMON,
    DIRECTIONS,
    HIGH,
    LOW,
    NEUTRAL,
    FlaggedPoint,
    classify,
    exact_value,
    runs_of_same_sign,
)

SHIFT, TREND, RUNS = "shift", "trend", "runs"
RULE_ORDER = (TREND, SHIFT, RUNS)
"""Rule order for a point's class and for listing; a runs signal has no direction."""

SHIFT_OF = 6
TREND_OF = 5
RUNS_FROM = 10

SIGNAL, NO_SIGNAL, NOT_APPLIED = "signal", "no signal", "not applied"

PERLA_RUNS: dict[int, tuple[int, int]] = {
    10: (3, 9),
    11: (3, 10),
    12: (3, 11),
    13: (4, 11),
    14: (4, 12),
    15: (5, 12),
    16: (5, 13),
    17: (5, 13),
    18: (6, 14),
    19: (6, 15),
    20: (6, 16),
    21: (7, 16),
    22: (7, 17),
    23: (7, 17),
    24: (8, 18),
    25: (8, 18),
    26: (9, 19),
    # Rows 27-40 come from one public reproduction of the table (research notes, b.1);
    # they have not yet been checked against Perla et al. 2011, Table 1.
    27: (9, 20),
    28: (10, 20),
    29: (10, 21),
    30: (11, 22),
    31: (11, 22),
    32: (11, 23),
    33: (11, 24),
    34: (12, 24),
    35: (12, 25),
    36: (13, 25),
    37: (13, 26),
    38: (14, 26),
    39: (14, 27),
    40: (15, 27),
}
"""Useful observations → (fewest runs that is not too few, most runs that is not too many)."""


@dataclass(frozen=True)
class RunPoint(FlaggedPoint):
    """One point, the rules flagging it, and the class and side of its leading rule."""

    index: int
    value: float
    rules: frozenset[str]
    point_class: str
    side: str | None
    rule_order: ClassVar[tuple[str, ...]] = RULE_ORDER


@dataclass(frozen=True)
class RuleVerdict:
    """The outcome of one rule over the whole chart."""

    rule: str
    status: str
    detail: str


@dataclass(frozen=True)
class RunResult:
    """Median, points, runs count and one verdict per rule."""

    improvement: str
    median: float
    n_used: int
    points: tuple[RunPoint, ...]
    useful: int
    runs: int
    runs_limits: tuple[int, int] | None
    verdicts: tuple[RuleVerdict, ...]

    def verdict(self, rule: str) -> RuleVerdict:
        """The verdict for ``rule`` (shift, trend or runs)."""
        return next(v for v in self.verdicts if v.rule == rule)


def analyse_run(values: Sequence[float], *, improvement: str, baseline: int | None = None) -> RunResult:
    """Analyse ``values`` (in time order) as an IHI run chart.

    Raises ValueError for fewer than 2 values, a baseline below 2 or above the number of
    values, or a direction other than up/down/neutral.
    """
    if improvement not in DIRECTIONS:
        raise ValueError(f"improvement must be one of {', '.join(DIRECTIONS)}, got {improvement!r}")
    if len(values) < 2:
        raise ValueError(f"a run chart needs at least 2 values, got {len(values)}")
    if baseline is not None and not 2 <= baseline <= len(values):
        raise ValueError(f"baseline must be between 2 and {len(values)}, got {baseline}")
    exact = [exact_value(value) for value in values]
    used = exact[: baseline or len(exact)]
    centre = median(used)
    sides = [(value > centre) - (value < centre) for value in exact]
    useful = [i for i, side in enumerate(sides) if side]
    shift = _shift(sides, useful)
    trend = _trend(exact)
    runs = _count_runs([sides[i] for i in useful])
    limits = runs_limits(sides)
    runs_signal = limits is not None and not limits[0] <= runs <= limits[1]
    points = tuple(
        _point(i, exact[i], sides[i], shift[i], trend[i], runs_signal and sides[i] != 0, improvement) for i in range(len(exact))
    )
    verdicts = (
        _verdict(SHIFT, any(shift), f"{SHIFT_OF} or more points in a row on one side of the median"),
        _verdict(TREND, any(trend), f"{TREND_OF} or more points in a row all going up or all going down"),
        _runs_verdict(runs, len(useful), limits),
    )
    return RunResult(improvement, float(centre), len(used), points, len(useful), runs, limits, verdicts)


def median(values: Sequence[Fraction]) -> Fraction:
    """The exact median (the mean of the two middle values for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def runs_limits(sides: Sequence[int]) -> tuple[int, int] | None:
    """(fewest, most) runs that are not a signal, for these sides (+1 above, −1 below, 0 on).

    None below 10 useful observations. For 10–40 the Perla table; beyond 40 the normal
    approximation to the runs distribution with the actual counts above (n₁) and below (n₂):
    mean 1 + 2n₁n₂/N, sd √(2n₁n₂(2n₁n₂ − N) / (N²(N − 1))), limits ⌈mean − 1.96 sd⌉ and
    ⌊mean + 1.96 sd⌋.
    """
    above = sum(side > 0 for side in sides)
    below = sum(side < 0 for side in sides)
    total = above + below
    if total < RUNS_FROM:
        return None
    if total in PERLA_RUNS:
        return PERLA_RUNS[total]
    product = 2 * above * below
    mean = 1 + product / total
    sd = math.sqrt(product * (product - total) / (total**2 * (total - 1)))
    return math.ceil(mean - 1.96 * sd), math.floor(mean + 1.96 * sd)


def _count_runs(useful_sides: list[int]) -> int:
    if not useful_sides:
        return 0
    return 1 + sum(a != b for a, b in pairwise(useful_sides))


def _shift(sides: list[int], useful: list[int]) -> list[bool]:
    in_shift = runs_of_same_sign([sides[i] for i in useful], SHIFT_OF)
    flagged = [False] * len(sides)
    for position, i in enumerate(useful):
        flagged[i] = in_shift[position]
    return flagged


def _trend(values: list[Fraction]) -> list[int]:
    """Per point: +1/−1 when in a rising/falling trend (equal neighbours counted once), else 0."""
    groups: list[list[int]] = []
    for i, value in enumerate(values):
        if groups and values[groups[-1][0]] == value:
            groups[-1].append(i)
        else:
            groups.append([i])
    distinct = [values[group[0]] for group in groups]
    steps = [(b > a) - (b < a) for a, b in pairwise(distinct)]
    in_run = runs_of_same_sign(steps, TREND_OF - 1)
    directions = [0] * len(values)
    for g, step in enumerate(steps):
        if in_run[g]:
            for i in groups[g] + groups[g + 1]:
                directions[i] = step
    return directions


def _point(index, value, side, shift, trend, runs, improvement) -> RunPoint:
    rules = {rule for rule, hit in ((TREND, trend != 0), (SHIFT, shift), (RUNS, runs)) if hit}
    if trend:
        point_class, direction = classify(trend, improvement), trend
    elif shift:
        point_class, direction = classify(side, improvement), side
    elif runs:
        point_class, direction = NEUTRAL, 0
    else:
        point_class, direction = COMMON, 0
    side_name = HIGH if direction > 0 else LOW if direction < 0 else None
    return RunPoint(index, float(value), frozenset(rules), point_class, side_name)


def _verdict(rule: str, signalled: bool, meaning: str) -> RuleVerdict:
    return RuleVerdict(rule, SIGNAL if signalled else NO_SIGNAL, meaning)


def _runs_verdict(runs: int, useful: int, limits: tuple[int, int] | None) -> RuleVerdict:
    if limits is None:
        return RuleVerdict(RUNS, NOT_APPLIED, f"needs at least {RUNS_FROM} points off the median; this chart has {useful}")
    low, high = limits
    if runs < low:
        return RuleVerdict(RUNS, SIGNAL, f"{runs} runs is too few for {useful} points off the median (expected {low} to {high})")
    if runs > high:
        return RuleVerdict(RUNS, SIGNAL, f"{runs} runs is too many for {useful} points off the median (expected {low} to {high})")
    return RuleVerdict(RUNS, NO_SIGNAL, f"{runs} runs is within the expected {low} to {high} for {useful} points off the median")
