"""Validation of ``measures:`` in a case study's front matter: every mistake, located.

Each bad input is a row: the front matter (built from a good measure with one change) and
the exact ``path:line: field: message`` lines the contributor sees. Front matter starts on
line 2 (below ``---``), so in a measure built by :func:`front_matter` the lines are:
``measures:`` 2, title 3, unit 4, improvement 5, chart 6, ``data:`` 7, points 8–10, and any
extra fields from line 11 (from line 7 when there is no ``data``).
"""

import os

import pytest

from learning.measures.runchart import RunResult
from learning.measures.spc import XmrResult
from learning.measures.validate import Measure, analyse_measure, validate_measures
from learning.source.strict_yaml import parse_yaml

P = "case_studies/falls/index.md"
CSV = "case_studies/falls/falls.csv"
POINTS = ("{period: 2024-01, value: 5}", "{period: 2024-02, value: 7}", "{period: 2024-03, value: 6}")
PERIOD_FORMS = "a month (YYYY-MM, e.g. 2024-01), a day (YYYY-MM-DD, e.g. 2024-01-31) or an ISO week (YYYY-Www, e.g. 2024-W05)"
NOT_A_NUMBER = "expected a number written in plain digits, e.g. `value: 21`, got"
NO_HTML = "contains '<', and raw HTML is not allowed here; write 'less than' or 'under' instead"


def front_matter(*, title="Falls", unit="falls per month", improvement="down", chart="xmr", data=POINTS, extra=()):
    """YAML for one measure; a field given as None is left out."""
    fields = [
        f"{key}: {value}"
        for key, value in (("title", title), ("unit", unit), ("improvement", improvement), ("chart", chart))
        if value is not None
    ]
    if data is not None:
        fields += ["data:", *(f"  - {point}" for point in data)]
    fields += list(extra)
    return "\n".join(["measures:", f"  - {fields[0]}", *(f"    {field}" for field in fields[1:])]) + "\n"


def validate(tmp_path, text: str, files: dict[str, str | bytes] | None = None):
    """Validate ``text`` as a case study's front matter; returns (measures, problem lines)."""
    root = tmp_path / "case_studies"
    folder = root / "falls"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (files or {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")
    problems = []
    meta = parse_yaml(text, P, problems, line_offset=1)
    assert not problems, problems
    measures = validate_measures(
        meta["measures"],
        path=P,
        line=meta.line_of("measures"),
        case_study_file=folder / "index.md",
        case_studies_dir=root,
        problems=problems,
    )
    return measures, sorted(str(problem) for problem in problems)


def months(count: int) -> tuple[str, ...]:
    return tuple(f"{{period: {1980 + i // 12}-{i % 12 + 1:02d}, value: 1}}" for i in range(count))


BAD = [
    # name, front matter, CSV files, expected problems
    (
        "measures is not a list",
        "measures: yes\n",
        None,
        [f"{P}:2: measures: expected a list of measures, each starting '- title: Emergency admissions', got 'yes'"],
    ),
    (
        "a measure is not a group of fields",
        "measures:\n  - Falls\n",
        None,
        [f"{P}:3: measures[0]: expected a measure with the fields title, unit, improvement, chart and data, got 'Falls'"],
    ),
    (
        "required fields are missing",
        front_matter(title=None, chart=None),
        None,
        [
            f"{P}:3: measures[0].chart: required field is missing; add e.g. `chart: xmr`",
            f"{P}:3: measures[0].title: required field is missing; add e.g. `title: Emergency admissions, people with severe frailty`",
        ],
    ),
    (
        "an unknown field gets a did-you-mean",
        front_matter(extra=["targte: 12"]),
        None,
        [
            f"{P}:11: measures[0].targte: unknown field (did you mean 'target'?); allowed fields are title, unit, improvement, chart, target, rebase, baseline, annotations, data, csv"
        ],
    ),
    (
        "an unknown field with no close match lists the fields",
        front_matter(extra=["colour: red"]),
        None,
        [
            f"{P}:11: measures[0].colour: unknown field; allowed fields are title, unit, improvement, chart, target, "
            "rebase, baseline, annotations, data, csv"
        ],
    ),
    (
        "improvement is not a direction",
        front_matter(improvement="lower"),
        None,
        [f"{P}:5: measures[0].improvement: expected one of up, down, neutral, got 'lower'"],
    ),
    (
        "chart is not a chart type",
        front_matter(chart="spc"),
        None,
        [f"{P}:6: measures[0].chart: expected one of xmr, run, got 'spc'"],
    ),
    (
        "title is a number",
        front_matter(title="12"),
        None,
        [
            f"{P}:3: measures[0].title: expected text, e.g. `title: Emergency admissions, people with severe frailty`, got the number 12"
        ],
    ),
    (
        "unit is empty",
        front_matter(unit='""'),
        None,
        [f"{P}:4: measures[0].unit: is empty; write e.g. `unit: admissions per month`"],
    ),
    (
        "title contains raw HTML",
        front_matter(title='"Falls <b>in care homes</b>"'),
        None,
        [f"{P}:3: measures[0].title: {NO_HTML}"],
    ),
    (
        "target is in exponent form",
        front_matter(extra=["target: 1e3"]),
        None,
        [f"{P}:11: measures[0].target: expected a number written in plain digits, e.g. `target: 12`, got '1e3'"],
    ),
    (
        "target is a bool",
        front_matter(extra=["target: true"]),
        None,
        [f"{P}:11: measures[0].target: expected a number written in plain digits, e.g. `target: 12`, got true"],
    ),
    (
        "baseline is a fraction",
        front_matter(extra=["baseline: 1.5"]),
        None,
        [f"{P}:11: measures[0].baseline: expected a whole number of points, at least 2, e.g. `baseline: 12`, got the number 1.5"],
    ),
    (
        "baseline is below 2",
        front_matter(extra=["baseline: 1"]),
        None,
        [f"{P}:11: measures[0].baseline: expected a whole number of points, at least 2, e.g. `baseline: 12`, got the number 1"],
    ),
    (
        "baseline is larger than the data",
        front_matter(extra=["baseline: 5"]),
        None,
        [f"{P}:11: measures[0].baseline: is 5 but the measure has only 3 points; use at most 3"],
    ),
    (
        "both data and csv",
        front_matter(extra=["csv: falls.csv"]),
        None,
        [f"{P}:11: measures[0]: has both 'data' and 'csv'; give the points in one of them"],
    ),
    (
        "neither data nor csv",
        front_matter(data=None),
        None,
        [
            f"{P}:3: measures[0].data: is required (or 'csv'): list the points, e.g. `- {{period: 2024-01, value: 21}}`, "
            "or name a CSV file, e.g. `csv: admissions.csv`"
        ],
    ),
    (
        "data is not a list",
        front_matter(data=None, extra=["data: 5"]),
        None,
        [f"{P}:7: measures[0].data: expected a list of points, e.g. `- {{period: 2024-01, value: 21}}`, got the number 5"],
    ),
    (
        "a point is not a group of fields",
        front_matter(data=("2024-01", *POINTS[1:])),
        None,
        [
            f"{P}:8: measures[0].data[0]: expected a point with a period and a value, e.g. `{{period: 2024-01, value: 21}}`, got '2024-01'"
        ],
    ),
    (
        "a point has a misspelt field",
        front_matter(data=("{period: 2024-01, valeu: 5}", *POINTS[1:])),
        None,
        [
            f"{P}:8: measures[0].data[0].value: required field is missing; add e.g. `value: 21`",
            f"{P}:8: measures[0].data[0].valeu: unknown field (did you mean 'value'?); allowed fields are period, value",
        ],
    ),
    (
        "a value is missing",
        front_matter(data=("{period: 2024-01, value: null}", *POINTS[1:])),
        None,
        [f"{P}:8: measures[0].data[0].value: {NOT_A_NUMBER} nothing (an empty value)"],
    ),
    (
        "a value is a bool",
        front_matter(data=("{period: 2024-01, value: true}", *POINTS[1:])),
        None,
        [f"{P}:8: measures[0].data[0].value: {NOT_A_NUMBER} true"],
    ),
    (
        "a value is text",
        front_matter(data=(*POINTS[:2], "{period: 2024-03, value: n/a}")),
        None,
        [f"{P}:10: measures[0].data[2].value: {NOT_A_NUMBER} 'n/a'"],
    ),
    (
        "a value has a thousands separator",
        front_matter(data=(*POINTS[:2], "{period: 2024-03, value: '1,234'}")),
        None,
        [f"{P}:10: measures[0].data[2].value: {NOT_A_NUMBER} '1,234'"],
    ),
    (
        "a period is an impossible date",
        front_matter(data=("{period: 2024-02-30, value: 5}", *POINTS[1:])),
        None,
        [f"{P}:8: measures[0].data[0].period: expected {PERIOD_FORMS}, got '2024-02-30'"],
    ),
    (
        "a period is a bare number",
        front_matter(data=("{period: 202401, value: 5}", *POINTS[1:])),
        None,
        [f"{P}:8: measures[0].data[0].period: expected {PERIOD_FORMS}, got the number 202401"],
    ),
    (
        "periods mix months and days",
        front_matter(data=(POINTS[0], "{period: 2024-02-01, value: 7}", POINTS[2])),
        None,
        [
            f"{P}:9: measures[0].data[1].period: '2024-02-01' is a day but the first period, '2024-01', is a month; "
            "use one form for every period of a measure"
        ],
    ),
    (
        "periods are out of order",
        front_matter(data=(POINTS[0], POINTS[2], POINTS[1])),
        None,
        [f"{P}:10: measures[0].data[2].period: '2024-02' is earlier than '2024-03' above it; list the points in time order"],
    ),
    (
        "a period is repeated",
        front_matter(data=(POINTS[0], POINTS[1], "{period: 2024-02, value: 9}")),
        None,
        [f"{P}:10: measures[0].data[2].period: repeats '2024-02' (first given on line 9); give each period once"],
    ),
    (
        "one point is too few",
        front_matter(data=POINTS[:1]),
        None,
        [f"{P}:7: measures[0].data: has 1 point; a chart needs at least 2"],
    ),
    (
        "an empty list has no points",
        front_matter(data=None, extra=["data: []"]),
        None,
        [f"{P}:7: measures[0].data: has 0 points; a chart needs at least 2"],
    ),
    (
        "more than 500 points",
        front_matter(data=months(501)),
        None,
        [f"{P}:7: measures[0].data: has 501 points; the limit is 500, so chart a shorter stretch of time or use longer periods"],
    ),
    (
        "rebase on a run chart",
        front_matter(chart="run", extra=["rebase: [2024-02]"]),
        None,
        [f"{P}:11: measures[0].rebase: is only for xmr charts, where it recalculates the limits; remove it, or use 'chart: xmr'"],
    ),
    (
        "rebase is not a list",
        front_matter(extra=["rebase: 2024-02"]),
        None,
        [f"{P}:11: measures[0].rebase: expected a list of periods, e.g. `rebase: [2024-06]`, got '2024-02'"],
    ),
    (
        "a rebase period is invalid",
        front_matter(extra=["rebase: [2024-13]"]),
        None,
        [f"{P}:11: measures[0].rebase[0]: expected {PERIOD_FORMS}, got '2024-13'"],
    ),
    (
        "a rebase period is not in the data",
        front_matter(data=months(6), extra=["rebase: [2024-05]"]),
        None,
        [
            f"{P}:14: measures[0].rebase[0]: '2024-05' is not one of the measure's periods; rebase at a period that has a data point"
        ],
    ),
    (
        "a rebase on the first period",
        front_matter(extra=["rebase: [2024-01]"]),
        None,
        [
            f"{P}:11: measures[0].rebase[0]: '2024-01' is the first period, where the limits already start; rebase at a later period"
        ],
    ),
    (
        "a rebase leaves a single point at the end",
        front_matter(extra=["rebase: [2024-03]"]),
        None,
        [
            f"{P}:11: measures[0].rebase: leaves only 1 point from '2024-03'; each set of limits needs at least 2 points, "
            "so move or remove a rebase period"
        ],
    ),
    (
        "a rebase leaves a single point at the start",
        front_matter(extra=["rebase: [2024-02]"]),
        None,
        [
            f"{P}:11: measures[0].rebase: leaves only 1 point from '2024-01'; each set of limits needs at least 2 points, "
            "so move or remove a rebase period"
        ],
    ),
    (
        "a rebase period is repeated",
        front_matter(data=months(6), extra=["rebase: [1980-03, 1980-03]"]),
        None,
        [f"{P}:14: measures[0].rebase[1]: repeats '1980-03'; give each rebase period once"],
    ),
    (
        "annotations is not a list",
        front_matter(extra=["annotations: PDSA 1"]),
        None,
        [
            f"{P}:11: measures[0].annotations: expected a list of notes, e.g. "
            "`- {period: 2024-06, text: \"PDSA 1: weekly huddle starts\"}`, got 'PDSA 1'"
        ],
    ),
    (
        "an annotation's period is not in the data",
        front_matter(extra=["annotations:", "  - {period: 2024-06, text: PDSA 1}"]),
        None,
        [
            f"{P}:12: measures[0].annotations[0].period: '2024-06' is not one of the measure's periods; "
            "put the note on a period that has a data point"
        ],
    ),
    (
        "an annotation's text contains raw HTML",
        front_matter(extra=["annotations:", "  - {period: 2024-02, text: 'PDSA <1>'}"]),
        None,
        [f"{P}:12: measures[0].annotations[0].text: {NO_HTML}"],
    ),
    (
        "an annotation has an unknown field and no text",
        front_matter(extra=["annotations:", "  - {period: 2024-02, note: PDSA 1}"]),
        None,
        [
            f"{P}:12: measures[0].annotations[0].note: unknown field; allowed fields are period, text",
            f'{P}:12: measures[0].annotations[0].text: required field is missing; add e.g. `text: "PDSA 1: weekly huddle starts"`',
        ],
    ),
    (
        "the CSV file is missing",
        front_matter(data=None, extra=["csv: falls.csv"]),
        None,
        [f"{P}:7: measures[0].csv: file not found: {CSV}; save the CSV (columns period,value) in the case study's folder"],
    ),
    (
        "the CSV file name is not text",
        front_matter(data=None, extra=["csv: 12"]),
        None,
        [f"{P}:7: measures[0].csv: expected a file name, e.g. `csv: admissions.csv`, got the number 12"],
    ),
    (
        "the CSV path is absolute",
        front_matter(data=None, extra=["csv: /etc/passwd"]),
        None,
        [
            f"{P}:7: measures[0].csv: must be a file name relative to the case study's folder, e.g. `admissions.csv`, got '/etc/passwd'"
        ],
    ),
    (
        "the CSV path escapes case_studies",
        front_matter(data=None, extra=["csv: ../../secrets.csv"]),
        None,
        [
            f"{P}:7: measures[0].csv: must be inside case_studies/, but '../../secrets.csv' points outside it; "
            "move the file next to the case study"
        ],
    ),
    (
        "the CSV path is a folder",
        front_matter(data=None, extra=["csv: sub"]),
        {"sub/placeholder.txt": ""},
        [f"{P}:7: measures[0].csv: case_studies/falls/sub is a folder, not a CSV file"],
    ),
    (
        "the CSV is not UTF-8",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": b"period,value\n2024-01,5\n2024-02,\xff\n"},
        [f"{CSV}:3: is not UTF-8 text; save it with UTF-8 encoding (most editors offer this under 'Save as')"],
    ),
    (
        "the CSV is empty",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": ""},
        [f"{CSV}:1: is empty; the first line must be the header 'period,value'"],
    ),
    (
        "the CSV header is wrong",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": "date,count\n2024-01,5\n2024-02,6\n"},
        [f"{CSV}:1: the first line must be the header 'period,value', got 'date,count'"],
    ),
    (
        "a CSV row has a bad value",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": "period,value\n2024-01,5\n2024-02,n/a\n2024-03,6\n"},
        [f"{CSV}:3: value: expected a number written in plain digits, e.g. `21`, got 'n/a'"],
    ),
    (
        "a CSV row has an empty value",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": "period,value\n2024-01,5\n2024-02,\n2024-03,6\n"},
        [f"{CSV}:3: value: expected a number written in plain digits, e.g. `21`, got an empty cell"],
    ),
    (
        "a CSV row has three columns",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": "period,value\n2024-01,5,x\n2024-02,6\n2024-03,7\n"},
        [f"{CSV}:2: expected 2 columns, period and value (e.g. '2024-01,21'), got 3"],
    ),
    (
        "CSV rows are out of order",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": "period,value\n2024-02,5\n2024-01,6\n2024-03,7\n"},
        [f"{CSV}:3: period: '2024-01' is earlier than '2024-02' above it; list the points in time order"],
    ),
    (
        "a CSV period is invalid",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": "period,value\n2024-01,5\n2024-W60,6\n2024-03,7\n"},
        [f"{CSV}:3: period: expected {PERIOD_FORMS}, got '2024-W60'"],
    ),
    (
        "a CSV with only a header has no points",
        front_matter(data=None, extra=["csv: falls.csv"]),
        {"falls.csv": "period,value\n"},
        [f"{P}:7: measures[0].csv: has 0 points; a chart needs at least 2"],
    ),
]


@pytest.mark.parametrize(("name", "text", "files", "expected"), BAD, ids=[case[0] for case in BAD])
def test_a_mistake_is_reported_with_its_line_and_an_example(tmp_path, name, text, files, expected):
    measures, problems = validate(tmp_path, text, files)
    assert problems == sorted(expected)
    assert measures == ()


def test_a_csv_link_that_resolves_outside_case_studies_is_refused(tmp_path):
    (tmp_path / "outside.csv").write_text("period,value\n2024-01,5\n2024-02,6\n", encoding="utf-8")
    folder = tmp_path / "case_studies" / "falls"
    folder.mkdir(parents=True)
    os.symlink(tmp_path / "outside.csv", folder / "link.csv")
    _, problems = validate(tmp_path, front_matter(data=None, extra=["csv: link.csv"]))
    assert problems == [
        f"{P}:7: measures[0].csv: must be inside case_studies/, but 'link.csv' is a link to a file outside it; copy the file in instead"
    ]


def test_every_mistake_is_reported_not_just_the_first(tmp_path):
    text = front_matter(
        title='"<b>Falls</b>"',
        improvement="lower",
        chart="spc",
        data=("{period: 2024-13, value: x}", "{period: 2024-02, value: true}"),
        extra=["colour: red"],
    )
    _, problems = validate(tmp_path, text)
    assert sorted(problem.split(": ")[1] for problem in problems) == sorted(
        [
            "measures[0].title",
            "measures[0].improvement",
            "measures[0].chart",
            "measures[0].colour",
            "measures[0].data[0].period",
            "measures[0].data[0].value",
            "measures[0].data[1].value",
        ]
    )


def test_a_good_measure_becomes_a_frozen_measure(tmp_path):
    text = front_matter(
        title='"Falls   in care\n      homes"',
        data=months(14),
        extra=[
            "target: 0.5",
            "baseline: 12",
            "rebase: [1980-12, 1980-07]",
            "annotations:",
            "  - {period: 1980-09, text: PDSA 2}",
            "  - {period: 1980-03, text: PDSA 1}",
        ],
    )
    (measure,), problems = validate(tmp_path, text)
    assert problems == []
    assert isinstance(measure, Measure)
    assert (measure.title, measure.unit, measure.improvement, measure.chart) == (
        "Falls in care homes",
        "falls per month",
        "down",
        "xmr",
    )
    assert (measure.target, measure.baseline, measure.path, measure.line) == (0.5, 12, P, 3)
    assert [p.text for p in measure.rebase] == ["1980-07", "1980-12"]
    assert measure.segment_starts == (6, 11)
    assert [(a.period.text, a.text) for a in measure.annotations] == [("1980-03", "PDSA 1"), ("1980-09", "PDSA 2")]
    assert measure.values == (1.0,) * 14
    assert isinstance(analyse_measure(measure), XmrResult)


def test_a_csv_beside_the_case_study_is_read_with_bom_crlf_quotes_and_blank_lines(tmp_path):
    content = '\ufeffperiod,value\r\n2024-W01,"5"\r\n\r\n 2024-W02 , 6.5 \r\n2024-W03,-1\r\n'
    (measure,), problems = validate(
        tmp_path, front_matter(chart="run", data=None, extra=["csv: falls.csv"]), {"falls.csv": content}
    )
    assert problems == []
    assert [(p.period.text, p.value) for p in measure.points] == [("2024-W01", 5.0), ("2024-W02", 6.5), ("2024-W03", -1.0)]
    assert isinstance(analyse_measure(measure), RunResult)


def test_a_csv_in_a_subfolder_of_the_case_study_is_allowed(tmp_path):
    files = {"data/falls.csv": "period,value\n2024-01-01,5\n2024-01-02,6\n"}
    (measure,), problems = validate(tmp_path, front_matter(data=None, extra=["csv: data/falls.csv"]), files)
    assert problems == [] and len(measure.points) == 2


def test_only_measures_without_mistakes_are_returned(tmp_path):
    good = front_matter()
    bad = front_matter(improvement="lower").removeprefix("measures:\n")
    measures, problems = validate(tmp_path, good + bad)
    assert [m.line for m in measures] == [3]
    assert problems == [f"{P}:13: measures[1].improvement: expected one of up, down, neutral, got 'lower'"]


def test_an_empty_list_of_measures_is_fine(tmp_path):
    assert validate(tmp_path, "measures: []\n") == ((), [])
