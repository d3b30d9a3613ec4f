"""Measures in a case study's front matter: validation into frozen :class:`Measure` values.

The ``measures:`` field is a list; each item names a chart (see :data:`FIELDS`) and gives
its data inline (``data:``) or as a CSV file beside the case study (``csv:``, columns
``period,value``). :func:`validate_measures` reports every mistake as a located
:class:`~learning.problems.Problem` (the YAML line, or the CSV file and its line) and
returns only the measures without mistakes. :func:`analyse_measure` runs the chart rules.
"""

from __future__ import annotations

import csv
import io
import math
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..problems import Problem
from ..source.fields import (
    LARGEST_NUMBER,
    Field,
    describe,
    empty_value,
    missing_field,
    suggest,
    unknown_field,
)
from ..source.files import read_text
from ..source.strict_yaml import Mapping, Sequence
from ..text import count as counted
from .periods import Period, parse_period
from .runchart import RunResult, analyse_run
from .spc import DIRECTIONS, XmrResult, analyse_xmr

FIELDS = ("title", "unit", "improvement", "chart", "target", "rebase", "baseline", "annotations", "data", "csv")
REQUIRED = ("title", "unit", "improvement", "chart")
XMR, RUN = "xmr", "run"
CHARTS = (XMR, RUN)
MIN_POINTS = 2
# Charts a case study may carry: each is a large block of the page.
MAX_MEASURES = 12
MAX_POINTS = 500
CSV_HEADER = ["period", "value"]
POINT_FIELDS = ("period", "value")
NOTE_FIELDS = ("period", "text")
# The text fields of a measure refuse this character, which would start raw HTML.
MARKUP = "<"

EXAMPLES = {
    "title": "title: Emergency admissions, people with severe frailty",
    "unit": "unit: admissions per month",
    "improvement": "improvement: down",
    "chart": "chart: xmr",
    "target": "target: 12",
    "baseline": "baseline: 12",
    "rebase": "rebase: [2024-06]",
    "annotations": '- {period: 2024-06, text: "PDSA 1: weekly huddle starts"}',
    "data": "- {period: 2024-01, value: 21}",
    "csv": "csv: admissions.csv",
    "period": "period: 2024-01",
    "value": "value: 21",
    "text": 'text: "PDSA 1: weekly huddle starts"',
}

# Documentation of the fields above, for the contributor field reference (kept in step with
# FIELDS by a test).
MEASURE_FIELDS = (
    Field("title", "text", "What is measured.", "Emergency admissions, people with severe frailty", required=True),
    Field("unit", "text", "The unit of each value.", "admissions per month", required=True),
    Field(
        "improvement",
        "choice",
        "Which direction is better: up, down or neutral.",
        "down",
        required=True,
        choices=("up", "down", "neutral"),
    ),
    Field(
        "chart",
        "choice",
        "xmr (SPC chart with Making Data Count rules) or run (run chart with a median).",
        "xmr",
        required=True,
        choices=("xmr", "run"),
    ),
    Field("target", "number", "A target value, drawn as a line (optional).", "12"),
    Field("rebase", "text_list", "xmr only: periods from which the limits are recalculated (optional).", "[2024-06]"),
    Field("baseline", "int", "Number of points the centre line and limits are computed from, then held (optional).", "12"),
    Field(
        "annotations",
        "any",
        "Notes marked on the chart, such as PDSA cycles (optional).",
        '[{period: 2024-06, text: "PDSA 1: huddle starts"}]',
    ),
    Field(
        "data",
        "any",
        "The data, one entry per period: YYYY-MM, YYYY-MM-DD or YYYY-Www, in time order. Required unless csv is given.",
        "[{period: 2024-01, value: 21}]",
    ),
    Field("csv", "text", "Instead of data: a CSV file beside the case study, with columns period,value.", "admissions.csv"),
)

PERIOD_FORMS = "a month (YYYY-MM, e.g. 2024-01), a day (YYYY-MM-DD, e.g. 2024-01-31) or an ISO week (YYYY-Www, e.g. 2024-W05)"
_PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


@dataclass(frozen=True)
class DataPoint:
    """One observation: its period and value."""

    period: Period
    value: float


@dataclass(frozen=True)
class Annotation:
    """A numbered note on the chart, e.g. the start of a PDSA cycle."""

    period: Period
    text: str


@dataclass(frozen=True)
class Measure:
    """One validated measure of a case study, ready to analyse and render."""

    title: str
    unit: str
    improvement: str
    chart: str
    target: float | None
    rebase: tuple[Period, ...]
    baseline: int | None
    annotations: tuple[Annotation, ...]
    points: tuple[DataPoint, ...]
    path: str
    line: int

    @property
    def values(self) -> tuple[float, ...]:
        """The values in time order."""
        return tuple(point.value for point in self.points)

    @property
    def segment_starts(self) -> tuple[int, ...]:
        """Indices of the points where the limits are recalculated (the rebase periods)."""
        index = {point.period: i for i, point in enumerate(self.points)}
        return tuple(sorted(index[period] for period in self.rebase))


def analyse_measure(measure: Measure) -> XmrResult | RunResult:
    """Run the measure's chart rules: MDC XmR for ``xmr``, IHI run chart for ``run``."""
    if measure.chart == XMR:
        return analyse_xmr(
            measure.values,
            improvement=measure.improvement,
            segment_starts=measure.segment_starts,
            baseline=measure.baseline,
            target=measure.target,
        )
    return analyse_run(measure.values, improvement=measure.improvement, baseline=measure.baseline)


def validate_measures(
    raw: object,
    *,
    path: str,
    line: int,
    case_study_file: Path,
    case_studies_dir: Path,
    problems: list[Problem],
) -> tuple[Measure, ...]:
    """Validate the raw ``measures:`` value from strict YAML; append a Problem per mistake.

    ``path`` is the case study's display path (e.g. ``case_studies/x/index.md``) and
    ``line`` the line of its ``measures:`` key. CSV files are read relative to
    ``case_study_file``'s folder and must resolve inside ``case_studies_dir``. Returns
    the measures that have no mistakes, in order.
    """
    if not isinstance(raw, Sequence):
        example = "- title: Emergency admissions"
        problems.append(
            Problem(path, line, "measures", f"expected a list of measures, each starting '{example}', got {describe(raw)}")
        )
        return ()
    if len(raw) > MAX_MEASURES:
        problems.append(
            Problem(
                path,
                line,
                "measures",
                f"has {len(raw)} measures; the limit is {MAX_MEASURES} a case study, so keep the ones that tell the story",
            )
        )
        return ()
    measures = []
    for index, item in enumerate(raw):
        checker = _Checker(path, f"measures[{index}]", case_study_file, case_studies_dir)
        measure = checker.measure(item, raw.line_of(index))
        problems.extend(checker.problems)
        if measure is not None and not checker.problems:
            measures.append(measure)
    return tuple(measures)


class _Checker:
    """Validates one measure, collecting its problems; one instance per measure."""

    def __init__(self, path: str, field: str, case_study_file: Path, case_studies_dir: Path):
        self.path = path
        self.field = field
        self.case_study_file = case_study_file
        self.case_studies_dir = case_studies_dir
        self.problems: list[Problem] = []

    def report(self, line: int, field: str, message: str, path: str | None = None) -> None:
        self.problems.append(Problem(path or self.path, line, field, message))

    # -- the measure as a whole ------------------------------------------------------

    def measure(self, item: object, line: int) -> Measure | None:
        if not isinstance(item, Mapping):
            self.report(
                line, self.field, f"expected a measure with the fields {', '.join(REQUIRED)} and data, got {describe(item)}"
            )
            return None
        self.fields(item, FIELDS, self.field)
        for name in REQUIRED:
            if name not in item:
                self.report(item.line, f"{self.field}.{name}", missing_field(EXAMPLES[name]))
        title = self.text(item, "title")
        unit = self.text(item, "unit")
        improvement = self.choice(item, "improvement", DIRECTIONS)
        chart = self.choice(item, "chart", CHARTS)
        target = self.number(item, "target")
        baseline = self.baseline(item)
        points = self.points(item)
        rebase = self.rebase(item, chart, points)
        annotations = self.annotations(item, points)
        if points is not None:
            self.counts(item, points, baseline)
        if self.problems or points is None:
            return None
        return Measure(title, unit, improvement, chart, target, rebase, baseline, annotations, points, self.path, line)

    def entries(
        self, items: Sequence, field: str, keys: tuple[str, ...], what: str, example: str
    ) -> Iterator[tuple[str, Mapping]]:
        """Each item of ``items`` that is a set of fields, with its name in messages, after
        reporting unknown and missing ``keys``; any other item is reported as not ``what``."""
        for index, entry in enumerate(items):
            where = f"{field}[{index}]"
            if not isinstance(entry, Mapping):
                self.report(items.line_of(index), where, f"expected {what}, e.g. `{example}`, got {describe(entry)}")
                continue
            self.fields(entry, keys, where)
            for key in keys:
                if key not in entry:
                    self.report(entry.line, f"{where}.{key}", missing_field(EXAMPLES[key]))
            yield where, entry

    def fields(self, mapping: Mapping, known: tuple[str, ...], prefix: str) -> None:
        for key in mapping:
            if key not in known:
                self.report(mapping.line_of(key), f"{prefix}.{key}", unknown_field(key, known))

    def counts(self, item: Mapping, points: tuple[DataPoint, ...], baseline: int | None) -> None:
        key = "csv" if "csv" in item else "data"
        count = len(points)
        if count < MIN_POINTS:
            self.report(item.line_of(key), f"{self.field}.{key}", too_few_points(counted(count, "point", "points")))
        if count > MAX_POINTS:
            self.report(
                item.line_of(key),
                f"{self.field}.{key}",
                too_many_points(str(count)),
            )
        if baseline is not None and baseline > count:
            self.report(
                item.line_of("baseline"),
                f"{self.field}.baseline",
                f"is {baseline} but the measure has only {count} points; use at most {count}",
            )

    # -- scalar fields -----------------------------------------------------------------

    def text(self, mapping: Mapping, key: str, prefix: str | None = None) -> str:
        field = f"{prefix or self.field}.{key}"
        if key not in mapping:
            return ""
        value = mapping[key]
        line = mapping.line_of(key)
        if not isinstance(value, str):
            self.report(line, field, f"expected text, e.g. `{EXAMPLES[key]}`, got {describe(value)}")
            return ""
        if not value.strip():
            self.report(line, field, empty_value(EXAMPLES[key]))
        elif MARKUP in value:
            self.report(line, field, "contains '<', and raw HTML is not allowed here; write 'less than' or 'under' instead")
        return " ".join(value.split())

    def choice(self, mapping: Mapping, key: str, options: tuple[str, ...]) -> str:
        value = mapping.get(key)
        if key in mapping and value not in options:
            self.report(
                mapping.line_of(key),
                f"{self.field}.{key}",
                f"expected one of {', '.join(options)}, got {describe(value)}{suggest(str(value), options)}",
            )
        return value if value in options else ""

    def number(self, mapping: Mapping, key: str) -> float | None:
        if key not in mapping:
            return None
        value = number_or_none(mapping[key])
        if value is None:
            self.report(mapping.line_of(key), f"{self.field}.{key}", number_message(mapping[key], EXAMPLES[key]))
        return value

    def baseline(self, item: Mapping) -> int | None:
        if "baseline" not in item:
            return None
        value = item["baseline"]
        if isinstance(value, bool) or not isinstance(value, int) or value < MIN_POINTS:
            self.report(
                item.line_of("baseline"),
                f"{self.field}.baseline",
                f"expected a whole number of points, at least {MIN_POINTS}, e.g. `{EXAMPLES['baseline']}`, got {describe(value)}",
            )
            return None
        return value

    # -- data points -------------------------------------------------------------------

    def points(self, item: Mapping) -> tuple[DataPoint, ...] | None:
        """The points from ``data`` or ``csv``; None when either had a mistake."""
        has_data, has_csv = "data" in item, "csv" in item
        if has_data and has_csv:
            self.report(item.line_of("csv"), self.field, "has both 'data' and 'csv'; give the points in one of them")
            return None
        if not has_data and not has_csv:
            self.report(
                item.line,
                f"{self.field}.data",
                f"is required (or 'csv'): list the points, e.g. `{EXAMPLES['data']}`, or name a CSV file, e.g. `{EXAMPLES['csv']}`",
            )
            return None
        before = len(self.problems)
        rows = self.yaml_rows(item) if has_data else self.csv_rows(item)
        if rows is None:
            return None
        points = self.ordered(rows)
        return points if len(self.problems) == before else None

    def yaml_rows(self, item: Mapping) -> list[_Row] | None:
        data = item["data"]
        field = f"{self.field}.data"
        if not isinstance(data, Sequence):
            self.report(
                item.line_of("data"), field, f"expected a list of points, e.g. `{EXAMPLES['data']}`, got {describe(data)}"
            )
            return None
        rows = []
        for where, entry in self.entries(data, field, POINT_FIELDS, "a point with a period and a value", EXAMPLES["data"][2:]):
            if "period" in entry and "value" in entry:
                rows.append(
                    _Row(entry["period"], entry["value"], self.path, entry.line_of("period"), entry.line_of("value"), f"{where}.")
                )
        return rows

    def csv_rows(self, item: Mapping) -> list[_Row] | None:
        file, shown = self.csv_file(item)
        if file is None:
            return None
        text = read_text(file, shown, self.problems)
        if text is None:
            return None
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            self.report(1, "", "is empty; the first line must be the header 'period,value'", shown)
            return None
        if [cell.strip() for cell in header] != CSV_HEADER:
            self.report(1, "", f"the first line must be the header 'period,value', got '{','.join(header)}'", shown)
            return None
        rows = []
        try:
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != 2:
                    self.report(reader.line_num, "", wrong_columns(str(len(cells))), shown)
                    continue
                period, value = (cell.strip() for cell in cells)
                rows.append(_Row(period, value, shown, reader.line_num, reader.line_num, ""))
        except csv.Error as error:
            self.report(reader.line_num, "", f"cannot be read as CSV ({error}); save it as plain comma-separated text", shown)
            return None
        return rows

    def csv_file(self, item: Mapping) -> tuple[Path | None, str]:
        """The CSV file and its display path, or None after reporting why it cannot be used."""
        value = item["csv"]
        line, field = item.line_of("csv"), f"{self.field}.csv"
        if not isinstance(value, str) or not value.strip():
            self.report(line, field, f"expected a file name, e.g. `{EXAMPLES['csv']}`, got {describe(value)}")
            return None, ""
        if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() or PureWindowsPath(value).drive:
            self.report(
                line,
                field,
                f"must be a file name relative to the case study's folder, e.g. `admissions.csv`, got {describe(value)}",
            )
            return None, ""
        shown = posixpath.normpath(posixpath.join(posixpath.dirname(self.path), value))
        root = self.case_studies_dir.resolve()
        file = self.case_study_file.parent.resolve() / value
        if not _inside(Path(posixpath.normpath(file.as_posix())), root):
            self.report(
                line,
                field,
                f"must be inside case_studies/, but {describe(value)} points outside it; move the file next to the case study",
            )
            return None, ""
        if not file.exists():
            self.report(line, field, f"file not found: {shown}; save the CSV (columns period,value) in the case study's folder")
            return None, ""
        if not _inside(file.resolve(), root):
            self.report(
                line,
                field,
                f"must be inside case_studies/, but {describe(value)} is a link to a file outside it; copy the file in instead",
            )
            return None, ""
        if not file.is_file():
            self.report(line, field, f"{shown} is a folder, not a CSV file")
            return None, ""
        return file, shown

    def ordered(self, rows: list[_Row]) -> tuple[DataPoint, ...]:
        """Parse each row; report bad values, mixed forms, duplicates and disorder."""
        points: list[DataPoint] = []
        seen: dict[Period, int] = {}
        for row in rows:
            period = self.period(row.period, row.path, row.period_line, f"{row.prefix}period")
            value = number_or_none(row.value)
            if value is None:
                example = EXAMPLES["value"] if row.prefix else "21"
                self.report(row.value_line, f"{row.prefix}value", number_message(row.value, example), row.path)
            if period is None or not self.in_sequence(row, period, seen):
                continue
            seen[period] = row.period_line
            if value is not None:
                points.append(DataPoint(period, value))
        return tuple(points)

    def in_sequence(self, row: _Row, period: Period, seen: dict[Period, int]) -> bool:
        """Whether ``period`` may follow the periods ``seen`` so far (kept in time order)."""
        field = f"{row.prefix}period"
        first = next(iter(seen), period)
        latest = next(reversed(seen), None)
        if period.kind != first.kind:
            message = mixed_periods(period.text, period.kind, first.text, first.kind)
        elif period in seen:
            message = repeated_period(period.text, str(seen[period]))
        elif latest is not None and period < latest:
            message = out_of_order(period.text, latest.text)
        else:
            return True
        self.report(row.period_line, field, message, row.path)
        return False

    def period(self, value: object, path: str, line: int, field: str) -> Period | None:
        period = parse_period(value)
        if period is None:
            self.report(line, field, not_a_period(describe(value) if value != "" else "an empty cell"), path)
        return period

    # -- rebase and annotations ----------------------------------------------------------

    def rebase(self, item: Mapping, chart: str, points: tuple[DataPoint, ...] | None) -> tuple[Period, ...]:
        if "rebase" not in item:
            return ()
        field, line = f"{self.field}.rebase", item.line_of("rebase")
        if chart == RUN:
            self.report(line, field, "is only for xmr charts, where it recalculates the limits; remove it, or use 'chart: xmr'")
            return ()
        listed = self.period_list(item, "rebase")
        if listed is None:
            return ()
        chosen: list[Period] = []
        for where, period_line, period in listed:
            if period in chosen:
                self.report(period_line, where, f"repeats '{period.text}'; give each rebase period once")
            elif points is not None and self.at_a_point(
                period, points, period_line, where, "rebase at a period that has a data point"
            ):
                if period == points[0].period:
                    self.report(
                        period_line,
                        where,
                        f"'{period.text}' is the first period, where the limits already start; rebase at a later period",
                    )
                else:
                    chosen.append(period)
        if points is not None:
            self.segments_long_enough(chosen, points, line, field)
        return tuple(sorted(chosen))

    def segments_long_enough(self, chosen: list[Period], points: tuple[DataPoint, ...], line: int, field: str) -> None:
        index = {point.period: i for i, point in enumerate(points)}
        starts = sorted(index[period] for period in chosen)
        for start, stop in zip([0, *starts], [*starts, len(points)], strict=True):
            if stop - start < MIN_POINTS:
                self.report(
                    line,
                    field,
                    f"leaves only 1 point from '{points[start].period.text}'; each set of limits needs at least {MIN_POINTS} points, so move or remove a rebase period",
                )

    def annotations(self, item: Mapping, points: tuple[DataPoint, ...] | None) -> tuple[Annotation, ...]:
        if "annotations" not in item:
            return ()
        notes = item["annotations"]
        field = f"{self.field}.annotations"
        if not isinstance(notes, Sequence):
            self.report(
                item.line_of("annotations"),
                field,
                f"expected a list of notes, e.g. `{EXAMPLES['annotations']}`, got {describe(notes)}",
            )
            return ()
        result = []
        for where, note in self.entries(notes, field, NOTE_FIELDS, "a note with a period and text", EXAMPLES["annotations"][2:]):
            text = self.text(note, "text", where)
            if "period" not in note:
                continue
            period = self.period(note["period"], self.path, note.line_of("period"), f"{where}.period")
            if (
                period is not None
                and points is not None
                and self.at_a_point(
                    period, points, note.line_of("period"), f"{where}.period", "put the note on a period that has a data point"
                )
            ):
                result.append(Annotation(period, text))
        return tuple(sorted(result, key=lambda note: note.period))

    def period_list(self, item: Mapping, key: str) -> list[tuple[str, int, Period]] | None:
        value = item[key]
        field = f"{self.field}.{key}"
        if not isinstance(value, Sequence) or not value:
            self.report(item.line_of(key), field, f"expected a list of periods, e.g. `{EXAMPLES[key]}`, got {describe(value)}")
            return None
        listed = []
        for index, text in enumerate(value):
            period = self.period(text, self.path, value.line_of(index), f"{field}[{index}]")
            if period is not None:
                listed.append((f"{field}[{index}]", value.line_of(index), period))
        return listed

    def at_a_point(self, period: Period, points: tuple[DataPoint, ...], line: int, field: str, advice: str) -> bool:
        if any(point.period == period for point in points):
            return True
        self.report(line, field, f"'{period.text}' is not one of the measure's periods; {advice}")
        return False


@dataclass(frozen=True)
class _Row:
    """One raw point before parsing, from YAML or CSV, with where to report its mistakes."""

    period: object
    value: object
    path: str
    period_line: int
    value_line: int
    prefix: str


def number_or_none(value: object) -> float | None:
    """A YAML number (not a bool) or a CSV cell in plain digits, as a float; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or isinstance(value, str) and len(value) <= 40 and _PLAIN_NUMBER.fullmatch(value.strip()):
        number = float(value)
    else:
        return None
    # Beyond this a value is a mistake, and the chart arithmetic would lose it.
    return number if math.isfinite(number) and abs(number) <= LARGEST_NUMBER else None


def number_message(value: object, example: str) -> str:
    """The message for a value that is not a plain number."""
    return not_a_number("an empty cell" if value == "" else describe(value), example)


# The messages below are also the browser form's (see learning.content.proposal), which
# fills in the same words: each takes its values as text, so the form can pass placeholders.


def not_a_number(got: str, example: str) -> str:
    """The message for a value that is not a plain number; ``got`` quotes it."""
    return f"expected a number written in plain digits, e.g. `{example}`, got {got}"


def wrong_columns(got: str) -> str:
    """The message for a row of data with other than two columns."""
    return f"expected 2 columns, period and value (e.g. '2024-01,21'), got {got}"


def not_a_period(got: str) -> str:
    """The message for a period in none of the three forms; ``got`` quotes it."""
    return f"expected {PERIOD_FORMS}, got {got}"


def too_few_points(points: str) -> str:
    """The message for a measure with too few points (``points`` as in '1 point')."""
    return f"has {points}; a chart needs at least {MIN_POINTS}"


def too_many_points(count: str) -> str:
    """The message for a measure with more than :data:`MAX_POINTS` points."""
    return f"has {count} points; the limit is {MAX_POINTS}, so chart a shorter stretch of time or use longer periods"


def mixed_periods(text: str, kind: str, first: str, first_kind: str) -> str:
    """The message for a period of another form than the measure's first."""
    return f"'{text}' is a {kind} but the first period, '{first}', is a {first_kind}; use one form for every period of a measure"


def repeated_period(text: str, line: str) -> str:
    """The message for a period given twice (first on ``line``)."""
    return f"repeats '{text}' (first given on line {line}); give each period once"


def out_of_order(text: str, latest: str) -> str:
    """The message for a period earlier than the one above it."""
    return f"'{text}' is earlier than '{latest}' above it; list the points in time order"


def _inside(file: Path, root: Path) -> bool:
    return file == root or file.is_relative_to(root)
