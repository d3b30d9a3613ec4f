"""Chart fragments: golden files, determinism, escaping, accessibility, contrast and speed.

Golden files live in ``tests/golden/charts/``; after an intended change, regenerate them
with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/graphics/test_charts.py`` and review the diff.
"""

import os
import re
import statistics
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import markdown
import pytest

from contrast import contrast
from learning.graphics.charts import icons, label_indices, nice_scale, render_measure
from learning.measures.periods import parse_period
from learning.measures.validate import Annotation, DataPoint, Measure, analyse_measure

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "charts"
STYLESHEET = ROOT / "docs" / "assets" / "stylesheets" / "charts.css"


def measure(
    periods,
    values,
    *,
    title="Falls",
    unit="falls per month",
    improvement="down",
    chart="xmr",
    target=None,
    rebase=(),
    baseline=None,
    notes=(),
) -> Measure:
    return Measure(
        title=title,
        unit=unit,
        improvement=improvement,
        chart=chart,
        target=target,
        rebase=tuple(parse_period(p) for p in rebase),
        baseline=baseline,
        annotations=tuple(Annotation(parse_period(p), text) for p, text in notes),
        points=tuple(DataPoint(parse_period(p), float(v)) for p, v in zip(periods, values, strict=False)),
        path="case_studies/falls/index.md",
        line=3,
    )


def months(count: int, start: int = 2023) -> list[str]:
    return [f"{start + i // 12}-{i % 12 + 1:02d}" for i in range(count)]


ADMISSIONS = [
    20,
    22,
    19,
    23,
    21,
    24,
    18,
    22,
    20,
    21,
    23,
    19,
    17,
    16,
    18,
    15,
    17,
    16,
    14,
    15,
    13,
    12,
    14,
    13,
    25,
    12,
    13,
    11,
    14,
    12,
    13,
    12,
    11,
    10,
    9,
    8,
]
CASES = {
    "xmr-monthly-rebase-target-notes": measure(
        months(36),
        ADMISSIONS,
        title="Emergency admissions, people with severe frailty",
        unit="admissions per month",
        target=12,
        rebase=["2024-01"],
        baseline=12,
        notes=[("2023-12", "PDSA 1: weekly huddle starts"), ("2024-06", "PDSA 2: care plans reviewed")],
    ),
    "run-weekly-baseline": measure(
        [f"2024-W{w:02d}" for w in range(1, 31)],
        [5, 6, 4, 6, 5, 7, 5, 4, 6, 5, 6, 7, 8, 9, 10, 11, 12, 11, 10, 12, 11, 12, 13, 11, 12, 12, 13, 12, 11, 12],
        title="People with a care plan",
        unit="% of cohort",
        improvement="up",
        chart="run",
        baseline=10,
        notes=[("2024-W11", "Template changed")],
    ),
    "xmr-daily-neutral-trial": measure(
        [f"2024-03-{d:02d}" for d in range(1, 11)],
        [1.25, 2, 1, 2, 12, 1, 2, -1, 2, 1],
        title="Calls to the hub",
        unit="calls per day",
        improvement="neutral",
        target=3,
    ),
    "run-monthly-too-few-for-runs": measure(
        months(8),
        [3, 5, 4, 6, 5, 7, 6, 8],
        title="Referrals",
        unit="referrals per month",
        improvement="up",
        chart="run",
    ),
}


def render(name: str) -> str:
    m = CASES[name]
    return render_measure(m, analyse_measure(m), chart_id=f"chart-{name}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_chart_matches_its_golden_file(name):
    html = render(name)
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == golden.read_text(encoding="utf-8")


def test_rendering_is_byte_identical_across_processes_and_hash_seeds():
    script = (
        "import sys; sys.path[:0] = ['tests/graphics', 'tests']; import test_charts as t; "
        "sys.stdout.write(''.join(t.render(n) for n in sorted(t.CASES)))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert outputs == {"".join(render(n) for n in sorted(CASES))}


def test_contributed_text_is_escaped_everywhere():
    m = measure(
        months(3),
        [1, 2, 3],
        title="<script>alert(1)</script> & co",
        unit="<i>per</i> month",
        notes=[("2023-02", '<img src=x onerror="alert(2)">')],
    )
    html = render_measure(m, analyse_measure(m), chart_id="c1")
    assert "<script" not in html and "<i>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html


def test_every_point_is_listed_in_the_data_table_with_its_signals():
    m = CASES["xmr-monthly-rebase-target-notes"]
    result = analyse_measure(m)
    html = render_measure(m, result, chart_id="c1")
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = re.findall(r'<tr><th scope="row"><time datetime="([^"]+)">[^<]+</time></th>((?:<td>[^<]*</td>){5})</tr>', table)
    assert [period for period, _ in rows] == [p.period.text for p in m.points]
    signals = [re.findall(r"<td>([^<]*)</td>", cells)[-1] for _, cells in rows]
    assert signals == [", ".join(p.signals) for p in result.points]
    assert "outside limits, shift" in signals


def test_a_run_chart_table_shows_a_dash_for_the_limits():
    html = render("run-weekly-baseline")
    assert "<td>5.00</td><td>–</td><td>–</td>" in html


def test_the_fragment_is_one_html_block_that_markdown_leaves_alone():
    html = render("xmr-monthly-rebase-target-notes")
    assert "\n\n" not in html and not html.startswith((" ", "\n"))
    assert html.startswith('<div class="un-measure">') and html.endswith("</div>")
    page = f"## Results\n\nBefore.\n\n{html}\n\nAfter *this*.\n"
    for extensions in ([], ["md_in_html"]):
        assert html in markdown.markdown(page, extensions=extensions)


def test_the_svg_is_an_image_labelled_by_its_title_and_description():
    html = render("xmr-monthly-rebase-target-notes")
    assert re.search(
        r'<svg class="un-chart__svg" viewBox="0 0 640 360" width="100%" role="img" '
        r'aria-labelledby="chart-xmr-monthly-rebase-target-notes-title chart-xmr-monthly-rebase-target-notes-desc">',
        html,
    )
    assert '<title id="chart-xmr-monthly-rebase-target-notes-title">' in html
    assert '<desc id="chart-xmr-monthly-rebase-target-notes-desc">' in html
    assert "style=" not in html and 'fill="#' not in html and 'stroke="#' not in html


def test_special_cause_points_differ_by_shape_not_only_colour():
    html = render("xmr-monthly-rebase-target-notes")
    shapes = dict(re.findall(r'<path class="un-chart__pt un-chart__pt--(\w+)" d="(M[^"a-zA-Z]*[a-zA-Z])', html))
    assert shapes["common"].endswith("a")  # circle: arcs
    assert shapes["improvement"].endswith("L")  # triangle
    assert shapes["concern"].endswith("h")  # square


SUMMARIES = [
    (
        "xmr-monthly-rebase-target-notes",
        "The latest point (Dec 2025: 8) shows special cause improvement (low); the target of 12 sits between the "
        "limits, so it will be hit and missed. Signals on the chart: 4 points outside the limits, 5 points in two of "
        "three near a limit, 11 points in a shift. The limits were recalculated from Jan 2024. The mean and limits "
        "come from the first 12 points of each stretch and are then held.",
    ),
    (
        "xmr-daily-neutral-trial",
        "The latest point (10 Mar 2024: 1) shows common cause variation; the target of 3 is shown for reference, as "
        "neither direction is better. Signals on the chart: 1 point outside the limits. These are trial limits: "
        "fewer than 12 points.",
    ),
    (
        "run-monthly-too-few-for-runs",
        "The median is 5.50, from all 8 points. Shift: no signal. Trend: no signal. Runs: not applied, as it needs "
        "at least 10 points off the median; this chart has 8.",
    ),
]


@pytest.mark.parametrize(("name", "summary"), SUMMARIES)
def test_the_summary_says_what_the_chart_shows_in_plain_english(name, summary):
    assert f'<p class="un-chart__summary">{summary}</p>' in render(name)


@pytest.mark.parametrize(
    ("target", "improvement", "sentence"),
    [
        (30, "down", "the target of 30 sits above the upper limit, so it will be met consistently"),
        (30, "up", "the target of 30 sits above the upper limit, so it will be missed consistently unless the process changes"),
        (1, "up", "the target of 1 sits below the lower limit, so it will be met consistently"),
        (1, "down", "the target of 1 sits below the lower limit, so it will be missed consistently unless the process changes"),
    ],
)
def test_the_summary_explains_the_assurance(target, improvement, sentence):
    m = measure(months(12), [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13], target=target, improvement=improvement)
    assert sentence in render_measure(m, analyse_measure(m), chart_id="c1")


@pytest.mark.parametrize(
    ("baseline", "label"),
    [
        (None, "Assurance: consistently fails the target"),
        (12, "Assurance: consistently fails the target"),
        (8, "Assurance: consistently fails the target (judged on the limits of its first 8 points)"),
    ],
)
def test_an_assurance_judged_on_held_limits_says_so(baseline, label):
    values = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13]
    m = measure(months(12), values, target=30, improvement="up", baseline=baseline)
    [assurance] = [icon for icon in icons(analyse_measure(m)) if icon.label.startswith("Assurance:")]
    assert assurance.label == label


@pytest.mark.parametrize(
    ("extent", "low", "high", "step", "decimals"),
    [
        ((Fraction(-3), Fraction(10)), -5, 10, 5, 0),
        ((Fraction(0), Fraction(1)), 0, 1, Fraction(1, 5), 1),
        ((Fraction(5), Fraction(5)), Fraction(22, 5), Fraction(28, 5), Fraction(1, 5), 1),
        ((Fraction(0), Fraction(0)), -1, 1, Fraction(1, 2), 1),
        ((Fraction(1200), Fraction(1690)), 1200, 1700, 100, 0),
    ],
)
def test_the_value_axis_uses_nice_round_ticks(extent, low, high, step, decimals):
    got_low, got_high, ticks, got_decimals = nice_scale(extent)
    assert (got_low, got_high, got_decimals) == (low, high, decimals)
    assert {b - a for a, b in zip(ticks, ticks[1:], strict=False)} == {step}


@pytest.mark.parametrize(
    ("periods", "width", "expected"),
    [
        (
            months(36),
            560,
            [
                "2023-01",
                "2023-04",
                "2023-07",
                "2023-10",
                "2024-01",
                "2024-04",
                "2024-07",
                "2024-10",
                "2025-01",
                "2025-04",
                "2025-07",
                "2025-10",
            ],
        ),
        (months(6), 560, months(6)),
        ([f"2024-W{w:02d}" for w in range(1, 53)], 560, [f"2024-W{w:02d}" for w in range(1, 53, 4)]),
    ],
)
def test_period_labels_are_thinned_so_they_never_overlap(periods, width, expected):
    parsed = [parse_period(p) for p in periods]
    xs = tuple(width * i / (len(periods) - 1) for i in range(len(periods)))
    assert [parsed[i].text for i in label_indices(parsed, xs)] == expected


def test_a_bad_chart_id_is_refused():
    m = CASES["run-monthly-too-few-for-runs"]
    with pytest.raises(ValueError):
        render_measure(m, analyse_measure(m), chart_id='x" onload="alert(1)')


def test_a_36_point_chart_renders_in_well_under_5_ms():
    m = CASES["xmr-monthly-rebase-target-notes"]
    result = analyse_measure(m)
    render_measure(m, result, chart_id="warm-up")
    timings = []
    for _ in range(30):
        # CPU time, so that other work on a busy machine does not count against the chart.
        start = time.process_time()
        render_measure(m, result, chart_id="c1")
        timings.append(time.process_time() - start)
    assert statistics.median(timings) < 0.005


TEXT = {"text"}
MARKS = {"axis", "data", "centre", "limit", "near", "target", "rebase", "note", "common", "improvement", "concern", "neutral"}


@pytest.mark.parametrize(("scheme", "background"), [("default", "#ffffff"), ("slate", "#1e2329")])
def test_both_palettes_meet_wcag_aa_contrast_against_the_page(scheme, background):
    css = STYLESHEET.read_text(encoding="utf-8")
    block = re.search(rf'\[data-md-color-scheme="{scheme}"\] \.un-chart \{{([^}}]*)\}}', css).group(1)
    palette = dict(re.findall(r"--un-chart-([a-z]+):\s*(#[0-9a-f]{6});", block))
    assert palette["bg"] == background
    assert palette.keys() >= TEXT | MARKS
    for name in TEXT:
        assert contrast(palette[name], background) >= 4.5, name
    for name in MARKS:
        assert contrast(palette[name], background) >= 3, name
