"""Static, accessible SVG charts for case-study measures.

:func:`render_measure` turns a validated :class:`~learning.measures.Measure` and its
analysis (:class:`~learning.spc.XmrResult` or :class:`~learning.runchart.RunResult`) into
one HTML block for a Markdown page: a ``<figure>`` holding the caption, the MDC icons
(XmR only), an inline ``<svg role="img">`` with ``<title>`` and ``<desc>``, a legend, the
numbered notes, a plain-English summary and the data table inside ``<details>``.

All geometry, labels and CSS classes are computed here; ``templates/chart.svg.j2`` only
loops and prints, with autoescaping, so every contributed string is escaped. Colours
live in ``docs/assets/stylesheets/charts.css`` (one palette per Material scheme), and
special-cause points differ by shape as well as colour. Output is deterministic:
coordinates are rounded to one decimal place and nothing depends on time or set order.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from markupsafe import Markup, escape

from ..measures.periods import MONTH, WEEK, Period
from ..measures.runchart import NOT_APPLIED, RUNS, SIGNAL, RunResult
from ..measures.spc import (
    COMMON,
    CONCERN,
    FAIL,
    HIGH,
    HIT_AND_MISS,
    IMPROVEMENT,
    LOW,
    NEUTRAL,
    OUTSIDE,
    PASS,
    SHIFT,
    TREND,
    TRIAL_BELOW,
    TWO_OF_THREE,
    XmrPoint,
    XmrResult,
)
from ..measures.validate import Measure
from ..templating import render_template
from .svg import Shape, Text
from .svg import coordinate as _c
from .svg import one_line as _clean

WIDTH, HEIGHT = 640, 360
FONT = 15
CHAR = FONT * 0.6
TOP, BOTTOM, RIGHT = 16, 52, 20
NOTE_ROW = 24
PAD = 16
DASH = "–"
MINUS = "−"
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

CLASS_CSS = {COMMON: "common", IMPROVEMENT: "improvement", CONCERN: "concern", NEUTRAL: "neutral"}
STEPS = {MONTH: (1, 2, 3, 4, 6, 12, 24, 60), WEEK: (1, 2, 4, 8, 13, 26, 52, 104)}
DAY_STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364)
LINE_ORDER = (
    "un-chart__grid",
    "un-chart__axis",
    "un-chart__near",
    "un-chart__limit",
    "un-chart__rebase",
    "un-chart__target",
    "un-chart__centre",
)


@dataclass(frozen=True)
class NoteMarker:
    x: str
    y: str
    width: str
    text_x: str
    text_y: str
    line_x: str
    line_top: str
    line_bottom: str
    label: str


@dataclass(frozen=True)
class Note:
    number: int
    period: str
    label: str
    text: str


@dataclass(frozen=True)
class Icon:
    css: str
    svg: Markup
    label: str


@dataclass(frozen=True)
class LegendItem:
    swatch: Markup
    label: str


@dataclass(frozen=True)
class Row:
    period: str
    label: str
    value: str
    centre: str
    lower: str
    upper: str
    signal: str


@dataclass(frozen=True)
class ChartView:
    """Everything the template prints, already computed and in order."""

    id: str
    kind: str
    width: int
    height: int
    title: str
    caption_meta: str
    svg_title: str
    desc: str
    frame_label: str
    icons: tuple[Icon, ...]
    lines: tuple[Shape, ...]
    data_points: str
    shapes: tuple[Shape, ...]
    notes: tuple[NoteMarker, ...]
    texts: tuple[Text, ...]
    legend: tuple[LegendItem, ...]
    note_list: tuple[Note, ...]
    summary: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def render_measure(measure: Measure, analysis: XmrResult | RunResult, *, chart_id: str) -> str:
    """One HTML block (no blank lines) showing ``measure`` as analysed by ``analysis``.

    ``chart_id`` must be unique on the page and look like an HTML id (a letter, then
    letters, digits, ``-`` or ``_``); it prefixes the ids of the SVG's title and desc.
    Raises ValueError for a bad id or an analysis of a different length from the data.
    """
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"chart_id must be a letter followed by letters, digits, - or _, got {chart_id!r}")
    if len(analysis.points) != len(measure.points):
        raise ValueError("the analysis does not match the measure's points")
    # The template ends with a newline; the block is returned without one.
    return render_template("graphics/chart.svg.j2", v=build_view(measure, analysis, chart_id)).removesuffix("\n")


def build_view(measure: Measure, analysis: XmrResult | RunResult, chart_id: str) -> ChartView:
    """Compute every coordinate, label and class of the chart (pure; used by the template)."""
    is_xmr = isinstance(analysis, XmrResult)
    title, unit = _clean(measure.title), _clean(measure.unit)
    numbers = Numbers.for_values(measure.values)
    summary = (
        xmr_summary(measure, analysis, numbers) if isinstance(analysis, XmrResult) else run_summary(measure, analysis, numbers)
    )
    kind_label = "XmR chart (Making Data Count rules)" if is_xmr else "Run chart (IHI rules)"
    first, last = measure.points[0].period.label(), measure.points[-1].period.label()
    plot = Plot.build(measure, analysis)
    return ChartView(
        id=chart_id,
        kind="xmr" if is_xmr else "run",
        width=WIDTH,
        height=HEIGHT,
        title=title,
        caption_meta=f"{unit} · {kind_label}",
        svg_title=f"{title} ({unit})",
        desc=f"{kind_label} of {len(measure.points)} points from {first} to {last}. {summary}",
        frame_label=f"Chart: {title}",
        icons=icons(analysis) if isinstance(analysis, XmrResult) else (),
        lines=plot.lines(),
        data_points=" ".join(f"{_c(x)},{_c(y)}" for x, y in zip(plot.xs, plot.point_ys(), strict=True)),
        shapes=plot.shapes(),
        notes=plot.note_markers(),
        texts=plot.texts(),
        legend=legend(analysis, measure),
        note_list=tuple(
            Note(number, note.period.text, note.period.label(), _clean(note.text))
            for number, note in enumerate(measure.annotations, start=1)
        ),
        summary=summary,
        columns=("Period", "Value", "Centre", "Lower limit", "Upper limit", "Signal"),
        rows=table_rows(measure, analysis, numbers),
    )


# -- numbers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Numbers:
    """How numbers are shown: data as given, computed lines to a fixed number of decimals."""

    decimals: int

    @classmethod
    def for_values(cls, values) -> Numbers:
        places = max((_decimal_places(value) for value in values), default=0)
        return cls(min(6, max(2, places + 1)))

    def value(self, value: float) -> str:
        """A data value as the contributor wrote it: 21, 21.5, 1,250."""
        return _minus(format(Decimal(repr(float(value))).normalize(), ",f"))

    def computed(self, value: float) -> str:
        """A mean, median or limit, e.g. 1.94 or −3.06."""
        text = _minus(f"{value:,.{self.decimals}f}")
        return text[1:] if text.strip(f"{MINUS}0.,") == "" and text.startswith(MINUS) else text


def _decimal_places(value: float) -> int:
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _minus(text: str) -> str:
    return text.replace("-", MINUS)


# -- layout --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plot:
    """The plot area and the data's positions in it."""

    measure: Measure
    analysis: XmrResult | RunResult
    left: float
    top: float
    right: float
    bottom: float
    low: Fraction
    high: Fraction
    ticks: tuple[Fraction, ...]
    tick_decimals: int
    xs: tuple[float, ...]
    notes: tuple[tuple[Period, str, float, float, int], ...]

    @classmethod
    def build(cls, measure: Measure, analysis: XmrResult | RunResult) -> Plot:
        low, high, ticks, decimals = nice_scale(_extent(measure, analysis))
        longest = max(len(_tick_label(tick, decimals)) for tick in ticks)
        left = max(40.0, 14 + CHAR * longest)
        right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
        xs = _xs(measure, left, right)
        notes = place_notes(measure, xs)
        top = TOP + NOTE_ROW * (1 + max(row for *_, row in notes) if notes else 0)
        return cls(measure, analysis, left, top, right, bottom, low, high, ticks, decimals, xs, notes)

    def y(self, value: float | Fraction) -> float:
        low, high = float(self.low), float(self.high)
        return self.bottom - (float(value) - low) / (high - low) * (self.bottom - self.top)

    def point_ys(self) -> list[float]:
        return [self.y(value) for value in self.measure.values]

    def lines(self) -> tuple[Shape, ...]:
        """Grid, axis, limit, centre, rebase and target lines: one path per class, drawn in
        that order so the centre line and target sit on top of the limits."""
        paths: dict[str, list[str]] = {css: [] for css in LINE_ORDER}
        paths["un-chart__grid"] = [_h(self.left, self.right, self.y(t)) for t in self.ticks]
        paths["un-chart__axis"] = [_h(self.left, self.right, self.bottom)]
        for start, stop, centre, limits in self._segments():
            x1, x2 = self._segment_span(start, stop)
            for css, value in limits:
                paths[css].append(_h(x1, x2, self.y(value)))
            paths["un-chart__centre"].append(_h(x1, x2, self.y(centre)))
            if start > 0:
                paths["un-chart__rebase"].append(f"M{_c(x1)},{_c(self.top)}V{_c(self.bottom)}")
        if self.measure.target is not None:
            paths["un-chart__target"].append(_h(self.left, self.right, self.y(self.measure.target)))
        return tuple(Shape(css, "".join(parts)) for css, parts in paths.items() if parts)

    def _segments(self):
        if isinstance(self.analysis, RunResult):
            return [(0, len(self.xs), self.analysis.median, [])]
        return [
            (
                s.start,
                s.stop,
                s.mean,
                [
                    ("un-chart__near", s.near_lower),
                    ("un-chart__near", s.near_upper),
                    ("un-chart__limit", s.lower),
                    ("un-chart__limit", s.upper),
                ],
            )
            for s in self.analysis.segments
        ]

    def _segment_span(self, start: int, stop: int) -> tuple[float, float]:
        x1 = self.left if start == 0 else (self.xs[start - 1] + self.xs[start]) / 2
        x2 = self.right if stop == len(self.xs) else (self.xs[stop - 1] + self.xs[stop]) / 2
        return x1, x2

    def shapes(self) -> tuple[Shape, ...]:
        paths: dict[str, list[str]] = {}
        for point, x, y in zip(self.analysis.points, self.xs, self.point_ys(), strict=True):
            css = CLASS_CSS[point.point_class]
            paths.setdefault(css, []).append(marker(point.point_class, point.side, x, y))
        order = [css for css in CLASS_CSS.values() if css in paths]
        return tuple(Shape(f"un-chart__pt un-chart__pt--{css}", "".join(paths[css])) for css in order)

    def texts(self) -> tuple[Text, ...]:
        texts = [
            Text("un-chart__tick", _c(self.left - 8), _c(self.y(t) + FONT * 0.35), "end", _tick_label(t, self.tick_decimals))
            for t in self.ticks
        ]
        texts.extend(self._period_labels())
        return tuple(texts)

    def _period_labels(self) -> list[Text]:
        periods = [point.period for point in self.measure.points]
        shown = label_indices(periods, self.xs)
        texts, last_year = [], None
        for i in shown:
            x = _c(self.xs[i])
            texts.append(Text("un-chart__tick", x, _c(self.bottom + 20), "middle", periods[i].short_label()))
            if periods[i].year() != last_year:
                texts.append(Text("un-chart__tick", x, _c(self.bottom + 38), "middle", str(periods[i].year())))
                last_year = periods[i].year()
        return texts

    def note_markers(self) -> tuple[NoteMarker, ...]:
        index = {point.period: i for i, point in enumerate(self.measure.points)}
        markers = []
        for period, label, x, width, row in self.notes:
            y = TOP - 10 + NOTE_ROW * row
            markers.append(
                NoteMarker(
                    _c(x - width / 2),
                    _c(y),
                    _c(width),
                    _c(x),
                    _c(y + 15),
                    _c(self.xs[index[period]]),
                    _c(y + 20),
                    _c(self.bottom),
                    label,
                )
            )
        return tuple(markers)


def _h(x1: float, x2: float, y: float) -> str:
    return f"M{_c(x1)},{_c(y)}H{_c(x2)}"


def place_notes(measure: Measure, xs: tuple[float, ...]) -> tuple[tuple[Period, str, float, float, int], ...]:
    """Note markers as (period, label, centre x, width, row), in two rows when they would
    overlap. Notes on the same period share one marker labelled with all their numbers."""
    groups: dict[Period, list[str]] = {}
    for number, note in enumerate(measure.annotations, start=1):
        groups.setdefault(note.period, []).append(str(number))
    index = {point.period: i for i, point in enumerate(measure.points)}
    placed, row_ends = [], [-math.inf, -math.inf]
    for period, numbers in groups.items():
        label = ",".join(numbers)
        width = 12 + CHAR * len(label)
        x = min(max(xs[index[period]], width / 2 + 2), WIDTH - width / 2 - 2)
        row = next((r for r, end in enumerate(row_ends) if x - width / 2 > end + 2), 0)
        row_ends[row] = x + width / 2
        placed.append((period, label, x, width, row))
    return tuple(placed)


def _xs(measure: Measure, left: float, right: float) -> tuple[float, ...]:
    days = [point.period.key for point in measure.points]
    span = days[-1] - days[0]
    width = right - left - 2 * PAD
    return tuple(left + PAD + width * (day - days[0]) / span for day in days)


def _extent(measure: Measure, analysis) -> tuple[Fraction, Fraction]:
    values = list(measure.values)
    if isinstance(analysis, XmrResult):
        values += [limit for s in analysis.segments for limit in (s.lower, s.upper)]
    else:
        values.append(analysis.median)
    if measure.target is not None:
        values.append(measure.target)
    return Fraction(min(values)), Fraction(max(values))


def nice_scale(extent: tuple[Fraction, Fraction], count: int = 5) -> tuple[Fraction, Fraction, tuple[Fraction, ...], int]:
    """A y-axis range and about ``count`` ticks at 1, 2 or 5 × 10ⁿ covering ``extent``.

    Returns (low, high, ticks, decimals for the tick labels).
    """
    low, high = extent
    if low == high:
        half = abs(low) / 10 or Fraction(1)
        low, high = low - half, high + half
    raw = (high - low) / count
    exponent = math.floor(math.log10(raw))
    base = Fraction(10) ** exponent
    step = next(base * m for m in (1, 2, 5, 10) if base * m >= raw)
    first = math.floor(low / step)
    last = math.ceil(high / step)
    ticks = tuple(step * k for k in range(first, last + 1))
    decimals = 0
    while (step * 10**decimals).denominator != 1:
        decimals += 1
    return ticks[0], ticks[-1], ticks, decimals


def _tick_label(value: Fraction, decimals: int) -> str:
    text = _minus(f"{float(value):,.{decimals}f}")
    return "0" if text.strip(f"{MINUS}0.,") == "" else text


def label_indices(periods: list[Period], xs: tuple[float, ...]) -> list[int]:
    """Which periods get an x-axis label, thinned so that labels do not overlap.

    Months are labelled on calendar boundaries (with a 3-month step: Jan, Apr, Jul, Oct),
    weeks and days by position, using the smallest step whose labels fit.
    """
    widest = max(len(period.short_label()) for period in periods) * CHAR + 10
    spacing = (xs[-1] - xs[0]) / max(1, len(xs) - 1)
    kind = periods[0].kind
    steps = STEPS.get(kind, DAY_STEPS)
    step = next((s for s in steps if s * spacing >= widest), steps[-1])
    if kind == MONTH:
        months = [p.start.year * 12 + p.start.month - 1 for p in periods]
        chosen = [i for i, month in enumerate(months) if month % step == 0]
    else:
        chosen = list(range(0, len(periods), step))
    return _spaced(chosen or [0], xs, widest)


def _spaced(chosen: list[int], xs: tuple[float, ...], widest: float) -> list[int]:
    """Drop any label that would still overlap the previous one (irregular gaps)."""
    kept = [chosen[0]]
    for i in chosen[1:]:
        if xs[i] - xs[kept[-1]] >= widest:
            kept.append(i)
    return kept


# -- markers, icons and legend ---------------------------------------------------------------


def marker(point_class: str, side: str | None, x: float, y: float) -> str:
    """SVG path data for one point: circle (common cause), triangle pointing to the side
    (improvement), square (concern) or diamond (neutral)."""
    if point_class == COMMON:
        r = 4.5
        return f"M{_c(x - r)},{_c(y)}a{r},{r} 0 1 0 {_c(2 * r)},0a{r},{r} 0 1 0 {_c(-2 * r)},0Z"
    if point_class == IMPROVEMENT:
        s = 6.5 if side == HIGH else -6.5
        return f"M{_c(x)},{_c(y - 1.15 * s)}L{_c(x + abs(s))},{_c(y + 0.85 * s)}L{_c(x - abs(s))},{_c(y + 0.85 * s)}Z"
    if point_class == CONCERN:
        s = 5.5
        return f"M{_c(x - s)},{_c(y - s)}h{_c(2 * s)}v{_c(2 * s)}h{_c(-2 * s)}Z"
    s = 7
    return f"M{_c(x)},{_c(y - s)}L{_c(x + s)},{_c(y)}L{_c(x)},{_c(y + s)}L{_c(x - s)},{_c(y)}Z"


def _svg(view_box: str, body: str, css: str) -> Markup:
    return Markup(f'<svg class="{css}" viewBox="{view_box}" aria-hidden="true" focusable="false">{body}</svg>')


def _swatch_marker(point_class: str, side: str | None) -> str:
    return f'<path class="un-chart__pt un-chart__pt--{CLASS_CSS[point_class]}" d="{marker(point_class, side, 10, 10)}"/>'


def _swatch_line(css: str) -> Markup:
    return _svg("0 0 32 20", f'<line class="{css}" x1="2" y1="10" x2="30" y2="10"/>', "un-chart__swatch")


def legend(analysis: XmrResult | RunResult, measure: Measure) -> tuple[LegendItem, ...]:
    """Legend entries for the marks this chart actually shows."""
    is_xmr = isinstance(analysis, XmrResult)
    present = {point.point_class for point in analysis.points} | {COMMON}
    signal = "special cause" if is_xmr else "signal of"
    items = []
    if COMMON in present:
        items.append(
            LegendItem(
                _svg("0 0 20 20", _swatch_marker(COMMON, None), "un-chart__swatch"),
                "Common cause variation" if is_xmr else "No signal",
            )
        )
    if IMPROVEMENT in present:
        body = _swatch_marker(IMPROVEMENT, HIGH).replace("<path", '<path transform="translate(-4 0)"') + _swatch_marker(
            IMPROVEMENT, LOW
        ).replace("<path", '<path transform="translate(12 0)"')
        items.append(
            LegendItem(
                _svg("0 0 32 20", body, "un-chart__swatch"), f"{signal.capitalize()} improvement (triangle points to high or low)"
            )
        )
    if CONCERN in present:
        items.append(
            LegendItem(_svg("0 0 20 20", _swatch_marker(CONCERN, None), "un-chart__swatch"), f"{signal.capitalize()} concern")
        )
    if NEUTRAL in present:
        label = (
            "Special cause, neither direction is better"
            if is_xmr
            else "Signal with no direction (too few or too many runs, or no better direction)"
        )
        items.append(LegendItem(_svg("0 0 20 20", _swatch_marker(NEUTRAL, None), "un-chart__swatch"), label))
    items.append(LegendItem(_swatch_line("un-chart__centre"), "Mean" if is_xmr else "Median"))
    if is_xmr:
        items.append(LegendItem(_swatch_line("un-chart__limit"), "Process limits"))
        items.append(LegendItem(_swatch_line("un-chart__near"), "Two-thirds of the way to a limit"))
        if isinstance(analysis, XmrResult) and len(analysis.segments) > 1:
            items.append(
                LegendItem(
                    _svg("0 0 32 20", '<line class="un-chart__rebase" x1="16" y1="1" x2="16" y2="19"/>', "un-chart__swatch"),
                    "Limits recalculated",
                )
            )
    if measure.target is not None:
        items.append(LegendItem(_swatch_line("un-chart__target"), "Target"))
    return tuple(items)


_RING = '<circle class="un-icon__ring" cx="20" cy="20" r="17"/>'
_VARIATION_MARKS = {
    None: '<path class="un-icon__mark" d="M8 22l6-6 6 8 6-10 6 6"/>',
    HIGH: '<path class="un-icon__mark" d="M20 30V11M13 18l7-7 7 7"/>',
    LOW: '<path class="un-icon__mark" d="M20 10v19M13 22l7 7 7-7"/>',
}
_ASSURANCE_MARKS = {
    PASS: ("improvement", '<path class="un-icon__mark" d="M11 21l6 6 12-14"/>'),
    FAIL: ("concern", '<path class="un-icon__mark" d="M13 13l14 14M27 13L13 27"/>'),
    HIT_AND_MISS: (
        "common",
        '<path class="un-icon__mark un-icon__mark--thin" d="M7 20h26"/><path class="un-icon__mark" d="M9 26l6-12 6 12 6-12 4 8"/>',
    ),
}
_ASSURANCE_WORDS = {
    PASS: "consistently passes the target",
    HIT_AND_MISS: "hit and miss against the target",
    FAIL: "consistently fails the target",
}


def icons(result: XmrResult) -> tuple[Icon, ...]:
    """The variation icon, and the assurance icon when there is an assurance."""
    variation = result.variation
    css = CLASS_CSS[variation.point_class]
    side = f" ({variation.side})" if variation.side else ""
    found = [
        Icon(
            css,
            _svg("0 0 40 40", _RING + _VARIATION_MARKS[variation.side], f"un-icon un-icon--{css}"),
            f"Variation: {variation.point_class}{side}",
        )
    ]
    if result.assurance is not None:
        tone, mark = _ASSURANCE_MARKS[result.assurance]
        last = result.segments[-1]
        # Assurance compares the target with the limits; limits held from a baseline describe
        # the process as it was then, which a reader of the icon alone must be told.
        held = f" (judged on the limits of its first {last.n_used} points)" if last.n_used < last.stop - last.start else ""
        found.append(
            Icon(
                tone,
                _svg("0 0 40 40", _RING + mark, f"un-icon un-icon--{tone}"),
                f"Assurance: {_ASSURANCE_WORDS[result.assurance]}{held}",
            )
        )
    return tuple(found)


# -- words ---------------------------------------------------------------------------------


RULE_WORDS = {
    OUTSIDE: ("point outside the limits", "points outside the limits"),
    TREND: ("point in a trend", "points in a trend"),
    TWO_OF_THREE: ("point in two of three near a limit", "points in two of three near a limit"),
    SHIFT: ("point in a shift", "points in a shift"),
}


def xmr_summary(measure: Measure, result: XmrResult, numbers: Numbers) -> str:
    """The plain-English summary of an XmR chart: latest point, target, signals, caveats."""
    latest = measure.points[-1]
    variation = result.variation
    side = f" ({variation.side})" if variation.side else ""
    kind = "common cause variation" if variation.point_class == COMMON else variation.point_class
    opening = f"The latest point ({latest.period.label()}: {numbers.value(latest.value)}) shows {kind}{side}"
    target = _target_clause(measure, result, numbers)
    sentences = [f"{opening}; {target}." if target else f"{opening}."]
    sentences.append(_signal_sentence(result))
    if len(result.segments) > 1:
        starts = ", ".join(measure.points[s.start].period.label() for s in result.segments[1:])
        sentences.append(f"The limits were recalculated from {starts}.")
    if measure.baseline is not None:
        sentences.append(f"The mean and limits come from the first {measure.baseline} points of each stretch and are then held.")
    sentences.extend(_trial_sentences(measure, result))
    return " ".join(sentences)


def _target_clause(measure: Measure, result: XmrResult, numbers: Numbers) -> str:
    if measure.target is None:
        return ""
    target = f"the target of {numbers.value(measure.target)}"
    if result.assurance is None:
        return f"{target} is shown for reference, as neither direction is better"
    if result.assurance == HIT_AND_MISS:
        return f"{target} sits between the limits, so it will be hit and missed"
    above = measure.target > result.segments[-1].upper
    where = "above the upper limit" if above else "below the lower limit"
    if result.assurance == PASS:
        return f"{target} sits {where}, so it will be met consistently"
    return f"{target} sits {where}, so it will be missed consistently unless the process changes"


def _signal_sentence(result: XmrResult) -> str:
    counts = [(rule, sum(rule in p.rules for p in result.points)) for rule in (OUTSIDE, TREND, TWO_OF_THREE, SHIFT)]
    parts = [f"{n} {RULE_WORDS[rule][n != 1]}" for rule, n in counts if n]
    if not parts:
        return "No special cause signals anywhere on the chart."
    return f"Signals on the chart: {', '.join(parts)}."


def _trial_sentences(measure: Measure, result: XmrResult) -> list[str]:
    trial = [s for s in result.segments if s.trial]
    if not trial:
        return []
    if len(trial) == len(result.segments):
        return [f"These are trial limits: fewer than {TRIAL_BELOW} points."]
    spans = ", ".join(f"{measure.points[s.start].period.label()} to {measure.points[s.stop - 1].period.label()}" for s in trial)
    return [f"The limits for {spans} are trial limits: fewer than {TRIAL_BELOW} points."]


def run_summary(measure: Measure, result: RunResult, numbers: Numbers) -> str:
    """The plain-English summary of a run chart: median, then each rule's verdict."""
    source = f"the first {result.n_used} points" if measure.baseline is not None else f"all {result.n_used} points"
    sentences = [f"The median is {numbers.computed(result.median)}, from {source}."]
    for verdict in result.verdicts:
        name = verdict.rule.capitalize()
        if verdict.rule == RUNS and verdict.status == NOT_APPLIED:
            sentences.append(f"{name}: not applied, as it {verdict.detail}.")
        elif verdict.rule == RUNS:
            sentences.append(f"{name}: {verdict.status}; {verdict.detail}.")
        elif verdict.status == SIGNAL:
            count = sum(verdict.rule in p.rules for p in result.points)
            sentences.append(f"{name}: signal ({count} points; {verdict.detail}).")
        else:
            sentences.append(f"{name}: no signal.")
    if measure.target is not None:
        sentences.append(f"The target of {numbers.value(measure.target)} is shown as a line.")
    return " ".join(sentences)


def table_rows(measure: Measure, analysis: XmrResult | RunResult, numbers: Numbers) -> tuple[Row, ...]:
    """One row per point: period, value, centre, lower and upper limit, and its signals."""
    rows = []
    for data, point in zip(measure.points, analysis.points, strict=True):
        if isinstance(point, XmrPoint):
            centre, lower, upper = (numbers.computed(v) for v in (point.centre, point.lower, point.upper))
        elif isinstance(analysis, RunResult):
            centre, lower, upper = numbers.computed(analysis.median), DASH, DASH
        rows.append(
            Row(data.period.text, data.period.label(), numbers.value(data.value), centre, lower, upper, ", ".join(point.signals))
        )
    return tuple(rows)


def measure_badge(measure: Measure, analysis: XmrResult | RunResult, *, study_title: str, study_url: str) -> Markup:
    """One line of HTML summarising a measure for its neighbourhood's page: the variation
    icon with its words (SPC), or the run chart's signals, and a link to the case study."""
    if isinstance(analysis, XmrResult):
        icon = icons(analysis)[0]
        status = Markup('<span class="un-measure-badge">{} {}</span>').format(icon.svg, icon.label)
    else:
        found = [v.rule for v in analysis.verdicts if v.status == SIGNAL]
        status = escape("Run chart: " + (", ".join(found) + " signal" if found else "no signal"))
    return Markup('{} ({}): {}. From <a href="{}">{}</a>').format(measure.title, measure.unit, status, study_url, study_title)
