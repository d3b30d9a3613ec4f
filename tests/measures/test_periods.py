"""Periods: the three accepted forms, and every impossible date refused."""

from datetime import date

import pytest

from learning.measures.periods import parse_period

VALID = [
    # text, kind, start, label
    ("2024-01", "month", date(2024, 1, 1), "Jan 2024"),
    ("2024-12", "month", date(2024, 12, 1), "Dec 2024"),
    ("2024-02-29", "day", date(2024, 2, 29), "29 Feb 2024"),
    ("2023-12-31", "day", date(2023, 12, 31), "31 Dec 2023"),
    ("2024-W01", "week", date(2024, 1, 1), "Week 1, 2024"),
    ("2025-W01", "week", date(2024, 12, 30), "Week 1, 2025"),
    ("2020-W53", "week", date(2020, 12, 28), "Week 53, 2020"),
    ("2026-W53", "week", date(2026, 12, 28), "Week 53, 2026"),
]

INVALID = [
    "2024-13",  # no 13th month
    "2024-00",
    "2024-02-30",  # February never has 30 days
    "2023-02-29",  # not a leap year
    "2024-04-31",
    "2024-W54",
    "2024-W00",
    "2023-W53",  # 2023 has only 52 ISO weeks
    "2024-1",
    "24-01",
    "2024/01",
    "2024-01-1",
    "2024-w05",  # ISO weeks use a capital W
    "2024-W5",
    "0000-01",
    " 2024-01",
    "2024-01 ",
    "January 2024",
    "",
    202401,
    None,
    True,
    2024.01,
]


@pytest.mark.parametrize(("text", "kind", "start", "label"), VALID)
def test_a_valid_period_parses_to_its_kind_start_and_label(text, kind, start, label):
    period = parse_period(text)
    assert (period.text, period.kind, period.start, period.label()) == (text, kind, start, label)
    assert period.key == start.toordinal()


@pytest.mark.parametrize("text", INVALID)
def test_an_impossible_or_malformed_period_is_refused(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("earlier", "later"),
    [("2024-01", "2024-02"), ("2023-12", "2024-01"), ("2024-01-31", "2024-02-01"), ("2024-W52", "2025-W01")],
)
def test_periods_of_one_kind_sort_in_time_order(earlier, later):
    assert parse_period(earlier) < parse_period(later)


@pytest.mark.parametrize(
    ("text", "short", "year"),
    [("2024-03", "Mar", 2024), ("2024-03-05", "5 Mar", 2024), ("2025-W01", "W01", 2025)],
)
def test_an_axis_label_is_short_and_knows_its_year(text, short, year):
    period = parse_period(text)
    assert (period.short_label(), period.year()) == (short, year)
