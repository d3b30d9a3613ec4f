"""The neighbourhoods swimlane: one static, accessible SVG timeline of the whole programme.

:func:`render_swimlane` draws one lane for the programme and one per neighbourhood, on a
shared month axis: timeline events are diamonds, case studies are circles, and a dashed
line marks today. Beside the chart sit a legend (shape as well as colour tells the marks
apart) and a caption; after it, a table inside ``<details>`` lists every mark, so nothing
is available only as a picture.

All geometry, labels, links and CSS classes are computed here; the template
(``templates/swimlane.html.j2``, autoescaped, StrictUndefined) only loops and prints, so
every contributed string is escaped. It must make no blank line, which would end the
Markdown HTML block, so tags are joined on lines and block tags sit alone on theirs. Colours live in
``docs/assets/stylesheets/swimlane.css``, one palette per Material scheme, and the fragment
carries no inline colour. Output is deterministic: coordinates are rounded to one decimal
place, dates are formatted without the locale, and nothing depends on the clock (``today``
is passed in) or on set order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from ..model import CaseStudy, Neighbourhood, TimelineEvent
from ..templating import render_template
from ..text import SHORT_MONTHS, count, month_label, short_range
from .svg import Shape, Text
from .svg import coordinate as _c
from .svg import one_line as _clean

TITLE = "Timeline of the programme and every neighbourhood"
PROGRAMME = "Programme"
EVENT, STUDY = "Event", "Case study"

# Geometry, in SVG user units. The stylesheet scales the SVG to the content width (about
# 690 px beside Material's two sidebars at a 1280 px window) and never below 600 px, so
# FONT stays between roughly 12 and 14 px on screen; narrower screens scroll sideways.
WIDTH = 720
FONT = 14  # must match `font-size` for `.un-swimlane__svg text` in swimlane.css
LEFT = 196  # the lane-label column ends here and the plot begins
LABEL_GAP = 10  # between a lane label's right edge and the plot
LABEL_MARGIN = 6  # left edge of the longest label
RIGHT = 36  # room for a quarter label centred on the last tick
TOP = 44  # tick labels, then the "Today" label, then the first lane
BOTTOM = 10
LANE = 34
LINE = 15  # distance between the two lines of a wrapped lane label
TICK_LABEL_Y = 15
TODAY_LABEL_Y = 32
MONTH_TICK, QUARTER_TICK = 4, 8
DIAMOND = 7  # half the diagonal
RADIUS = 6
LABEL_SPACE = 12  # clear space between neighbouring tick labels
PLOT = WIDTH - LEFT - RIGHT


TITLE_ID, DESC_ID = "swimlane-title", "swimlane-desc"


@dataclass(frozen=True)
class Rect:
    css: str
    y: str
    height: str


@dataclass(frozen=True)
class Line:
    css: str
    x1: str
    y1: str
    x2: str
    y2: str


@dataclass(frozen=True, slots=True)
class Circle:
    cx: str
    cy: str
    title: str


@dataclass(frozen=True, slots=True)
class Diamond:
    d: str
    title: str


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the table: ``lane``, ``date`` and ``what`` are escaped HTML, ready to print."""

    lane: Markup
    date: Markup
    what: Markup
    type: str


@dataclass(frozen=True)
class SwimlaneView:
    """Everything the template prints, already computed and in drawing order."""

    width: int
    height: int
    radius: int
    title_id: str
    desc_id: str
    title: str
    desc: str
    backgrounds: tuple[Rect, ...]
    paths: tuple[Shape, ...]  # grid, the programme lane's divider, then the axis
    today_lines: tuple[Line, ...]
    circles: tuple[Circle, ...]
    diamonds: tuple[Diamond, ...]
    texts: tuple[Text, ...]
    legend: tuple[tuple[str, Markup, str], ...]  # (swatch CSS class, swatch shape, label)
    caption: str
    rows: tuple[Row, ...]
    empty: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Mark:
    """One mark on one lane, before layout."""

    lane: int
    date: dt.date
    last_day: dt.date
    title: str
    type: str
    slug: str  # the case study's slug; "" for an event

    @property
    def order(self) -> tuple:
        # Events before case studies on the same day: the table then reads cause before effect.
        return (self.lane, self.date, self.type != EVENT, self.title, self.last_day, self.slug)


def render_swimlane(
    neighbourhoods: Sequence[Neighbourhood],
    programme: Sequence[TimelineEvent],
    studies: Sequence[CaseStudy],
    *,
    today: dt.date,
    page_links: Mapping[str, str],
) -> str:
    """One HTML block (no blank lines, no trailing newline) with the swimlane and its table.

    Lanes: the programme first, then one per neighbourhood in the order given (the caller
    groups them by locality). The programme lane holds ``programme``; a neighbourhood's lane
    holds its own ``timeline`` and every study that names it, so a study naming two lanes
    is drawn (and listed) twice. A study naming none of the given neighbourhoods is left
    out; studies are drawn whatever their status, so the caller filters drafts.

    ``page_links`` maps each study's slug, and ``"n:" + slug`` for each neighbourhood, to a
    URL relative to the page the fragment is embedded in. The axis covers every date (event
    end days included) padded by a whole month either side; with no dates at all it shows
    the twelve months up to ``today``'s month. The "Today" line is drawn only when ``today``
    falls inside the axis. The SVG's title and desc have the fixed ids ``swimlane-title``
    and ``swimlane-desc``, so a page holds at most one swimlane.

    Raises ValueError for a neighbourhood slug given twice or a missing page link.
    """
    return render_template(
        "graphics/swimlane.html.j2", v=build_view(neighbourhoods, programme, studies, today=today, page_links=page_links)
    )


def build_view(
    neighbourhoods: Sequence[Neighbourhood],
    programme: Sequence[TimelineEvent],
    studies: Sequence[CaseStudy],
    *,
    today: dt.date,
    page_links: Mapping[str, str],
) -> SwimlaneView:
    """Compute every coordinate, label, link and class of the swimlane (pure)."""
    lane_of: dict[str, int] = {}
    for index, neighbourhood in enumerate(neighbourhoods, start=1):
        if neighbourhood.slug in lane_of:
            raise ValueError(f"neighbourhood {neighbourhood.slug!r} is given twice")
        lane_of[neighbourhood.slug] = index
    marks = _marks(neighbourhoods, programme, studies, lane_of)
    _check_links(neighbourhoods, marks, page_links)

    start, end = axis_range(marks, today)
    scale = _Scale(start, end)
    lane_names = (PROGRAMME, *(_clean(n.name) for n in neighbourhoods))
    bottom = TOP + LANE * len(lane_names)
    today_inside = start <= today < end

    circles, diamonds = [], []
    for mark in marks:
        x, y = scale.x(mark.date), TOP + LANE * mark.lane + LANE / 2
        title = f"{mark.title} ({mark.type.lower()}, {short_range(mark.date, mark.last_day)})"
        if mark.type == EVENT:
            diamonds.append(Diamond(diamond(x, y), title))
        else:
            circles.append(Circle(_c(x), _c(y), title))

    ticks, labels, grid = axis_ticks(start, end, scale, bottom)
    texts = [*labels, *lane_labels(lane_names)]
    today_lines: tuple[Line, ...] = ()
    if today_inside:
        x = scale.x(today)
        today_lines = (Line("un-swimlane__today", _c(x), _c(TOP - QUARTER_TICK), _c(x), _c(bottom)),)
        half = text_width("Today") / 2
        texts.append(
            Text("un-swimlane__today-label", _c(min(max(x, half + 2), WIDTH - half - 2)), _c(TODAY_LABEL_Y), "middle", "Today")
        )

    return SwimlaneView(
        width=WIDTH,
        height=bottom + BOTTOM,
        radius=RADIUS,
        title_id=TITLE_ID,
        desc_id=DESC_ID,
        title=TITLE,
        desc=describe(len(lane_names), marks, start, end, today if today_inside else None),
        backgrounds=tuple(Rect("un-swimlane__lane", _c(TOP + LANE * lane), _c(LANE)) for lane in range(1, len(lane_names), 2)),
        paths=tuple(
            p
            for p in (
                Shape("un-swimlane__grid", grid),
                # The programme lane is set apart from the neighbourhoods it serves.
                Shape("un-swimlane__divider", f"M0,{_c(TOP + LANE)}H{WIDTH}" if len(lane_names) > 1 else ""),
                Shape("un-swimlane__axis", f"M{LEFT},{TOP}H{WIDTH - RIGHT}{ticks}"),
            )
            if p.d
        ),
        today_lines=today_lines,
        circles=tuple(circles),
        diamonds=tuple(diamonds),
        texts=tuple(texts),
        legend=(
            ("un-swimlane__swatch", Markup(f'<path class="un-swimlane__event" d="{diamond(10, 10)}"/>'), "Event"),
            ("un-swimlane__swatch", Markup(f'<circle class="un-swimlane__study" cx="10" cy="10" r="{RADIUS}"/>'), "Case study"),
        ),
        caption=caption(start, end),
        rows=table_rows(marks, neighbourhoods, page_links),
        empty=() if marks else ("No events or case studies yet.",),
    )


def _marks(neighbourhoods, programme, studies, lane_of) -> list[_Mark]:
    """Every mark, sorted by lane and then as the table lists them."""
    marks = [_event(0, e) for e in programme]
    for lane, neighbourhood in enumerate(neighbourhoods, start=1):
        marks.extend(_event(lane, e) for e in neighbourhood.timeline)
    for study in studies:
        title = _clean(study.title)
        # dict.fromkeys: a slug named twice is one mark, and order stays as written.
        for slug in dict.fromkeys(study.neighbourhoods):
            if slug in lane_of:
                marks.append(_Mark(lane_of[slug], study.date, study.date, title, STUDY, study.slug))
    marks.sort(key=lambda m: m.order)
    return marks


def _event(lane: int, event: TimelineEvent) -> _Mark:
    return _Mark(lane, event.date, event.last_day, _clean(event.title), EVENT, "")


def _check_links(neighbourhoods, marks: list[_Mark], page_links: Mapping[str, str]) -> None:
    needed = [f"n:{n.slug}" for n in neighbourhoods] + [m.slug for m in marks if m.type == STUDY]
    missing = sorted({key for key in needed if key not in page_links})
    if missing:
        raise ValueError(f"page_links has no URL for {', '.join(missing)}")


# -- the time axis ---------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def axis_range(marks: Sequence[_Mark], today: dt.date) -> tuple[dt.date, dt.date]:
    """The axis as ``(first day, day after the last)``: whole months, one spare either side.

    With no marks, the twelve months ending with ``today``'s month.
    """
    if not marks:
        end = _add_months(today, 1)
        return _add_months(end, -12), end
    first = min(m.date for m in marks)
    last = max(m.last_day for m in marks)
    return _add_months(first, -1), _add_months(last, 2)


class _Scale:
    """Maps a date to an x coordinate, linearly in days across the plot."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start = start
        self.per_day = PLOT / (end - start).days

    def x(self, day: dt.date) -> float:
        return LEFT + (day - self.start).days * self.per_day


def axis_ticks(start: dt.date, end: dt.date, scale: _Scale, bottom: float) -> tuple[str, list[Text], str]:
    """Tick path data, tick labels and grid path data for the month axis.

    A short tick marks every month (when months are at least 4 units apart), a longer one
    every quarter. Quarters are labelled like "Jan 2025"; when the labels would crowd, only
    every 2nd, 4th (January), 8th ... quarter is labelled, counted from January of year 0
    so the choice does not move as the range grows. A faint grid line runs down from each
    labelled tick.
    """
    months = []
    day = start
    while day <= end:
        months.append(day)
        day = _add_months(day, 1)
    month_gap = scale.per_day * 30.44
    widest = text_width("May 2025") + LABEL_SPACE
    step = 1
    while step * 3 * month_gap < widest:
        step *= 2
    ticks, labels, grid = [], [], []
    for day in months:
        x = _c(scale.x(day))
        quarter = day.month % 3 == 1
        if quarter:
            ticks.append(f"M{x},{TOP}v-{QUARTER_TICK}")
        elif month_gap >= 4:
            ticks.append(f"M{x},{TOP}v-{MONTH_TICK}")
        if quarter and (day.year * 4 + day.month // 3) % step == 0:
            labels.append(
                Text("un-swimlane__tick-label", x, _c(TICK_LABEL_Y), "middle", f"{SHORT_MONTHS[day.month - 1]} {day.year}")
            )
            grid.append(f"M{x},{TOP}V{_c(bottom)}")
    return "".join(ticks), labels, "".join(grid)


# -- lanes and marks -------------------------------------------------------------------------


def diamond(x: float, y: float) -> str:
    """SVG path data for an event's diamond centred on (x, y)."""
    return f"M{_c(x)},{_c(y - DIAMOND)}l{DIAMOND},{DIAMOND}-{DIAMOND},{DIAMOND}-{DIAMOND}-{DIAMOND}Z"


def lane_labels(names: Sequence[str]) -> list[Text]:
    """Right-aligned lane labels, wrapped onto two lines when too wide for the column."""
    x = _c(LEFT - LABEL_GAP)
    texts: list[Text] = []
    for lane, name in enumerate(names):
        css = "un-swimlane__label un-swimlane__label--programme" if lane == 0 else "un-swimlane__label"
        middle = TOP + LANE * lane + LANE / 2
        lines = wrap(name, LEFT - LABEL_GAP - LABEL_MARGIN)
        # Baselines sit about 0.35 em below the centre of the line they belong to.
        first = middle + 0.35 * FONT - (len(lines) - 1) * LINE / 2
        texts.extend(Text(css, x, _c(first + i * LINE), "end", line) for i, line in enumerate(lines))
    return texts


def wrap(text: str, width: float, lines: int = 2) -> tuple[str, ...]:
    """``text`` in at most ``lines`` lines of at most ``width`` units, breaking between
    words; a line that still does not fit ends with "…" (the table holds the full name)."""
    words = text.split()
    result: list[str] = []
    while words and len(result) < lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        result.append(line)
    if words:
        result[-1] = " ".join([result[-1], *words])
    return tuple(_truncate(line, width) for line in result)


def _truncate(line: str, width: float) -> str:
    if text_width(line) <= width:
        return line
    while line and text_width(line + "…") > width:
        line = line[:-1]
    return line.rstrip(" ,&") + "…"


_NARROW = frozenset("fijlrtI.,;:'!|()[]- ")
_WIDE = frozenset("mwMW@%")


def text_width(text: str, size: float = FONT) -> float:
    """A deliberately generous estimate of ``text``'s width in a sans-serif font."""
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += 0.32
        elif char in _WIDE:
            total += 0.9
        elif char.isupper() or char.isdigit():
            total += 0.66 if char.isupper() else 0.56
        else:
            total += 0.55
    return total * size


# -- words -----------------------------------------------------------------------------------


def describe(lanes: int, marks: Sequence[_Mark], start: dt.date, end: dt.date, today: dt.date | None) -> str:
    """The SVG's desc: lanes, dates, and how many events and case studies it shows."""
    neighbourhoods = count(lanes - 1, "neighbourhood", "neighbourhoods")
    parts = [f"{count(lanes, 'lane', 'lanes')}: the programme and {neighbourhoods}."]
    events = sum(1 for m in marks if m.type == EVENT)
    study_marks = len(marks) - events
    studies = len({m.slug for m in marks if m.type == STUDY})
    if marks:
        first = min(m.date for m in marks)
        last = max(m.last_day for m in marks)
        span = f"on {short_range(first)}" if first == last else f"from {short_range(first)} to {short_range(last)}"
        shown = f"{count(events, 'event', 'events')} (diamonds) and {count(studies, 'case study', 'case studies')} (circles), dated {span}."
        parts.append(shown[0].upper() + shown[1:])
        if study_marks != studies:
            parts.append(
                f"Case studies naming several neighbourhoods appear in each of their lanes, so there are {study_marks} circles."
            )
    else:
        parts.append("No events or case studies yet.")
    parts.append(f"The axis runs from {month_label(start)} to {month_label(_add_months(end, -1))}, by month.")
    if today is not None:
        parts.append(f"A dashed line marks today, {short_range(today)}.")
    return " ".join(parts)


def caption(start: dt.date, end: dt.date) -> str:
    return (
        f"Events (diamonds) and case studies (circles) for the coaching programme and each neighbourhood team, "
        f"{month_label(start)} to {month_label(_add_months(end, -1))}. On a narrow screen the chart scrolls "
        f"sideways; the table below lists the same information."
    )


def table_rows(marks: Sequence[_Mark], neighbourhoods: Sequence[Neighbourhood], page_links: Mapping[str, str]) -> tuple[Row, ...]:
    """One row per mark, in the chart's order: lane by lane, then by date.

    Cells are built with ``escape`` on every interpolated value rather than with
    ``Markup.format``, which is ten times slower and dominated a 1,000-study render.
    """
    lanes = [Markup(escape(PROGRAMME))]
    lanes += [_link(page_links[f"n:{n.slug}"], _clean(n.name)) for n in neighbourhoods]
    studies: dict[str, Markup] = {}
    rows = []
    for m in marks:
        date = _time(m.date)
        if m.last_day != m.date:
            date = Markup(f"{date} to {_time(m.last_day)}")
        if m.type == STUDY:
            what = studies.get(m.slug) or studies.setdefault(m.slug, _link(page_links[m.slug], m.title))
        else:
            what = escape(m.title)
        rows.append(Row(lanes[m.lane], date, what, m.type))
    return tuple(rows)


def _link(href: str, text: str) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


@lru_cache(maxsize=4096)
def _time(day: dt.date) -> Markup:
    # An ISO date and a month name: nothing here can need escaping. Cached because a
    # thousand studies share a few hundred dates.
    return Markup(f'<time datetime="{day.isoformat()}">{short_range(day)}</time>')
