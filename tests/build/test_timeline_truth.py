"""A planned date is not an event that happened: built as of 1 December 2026, every planned
entry of the real programme says its outcome is not yet recorded, and the calendars say
TENTATIVE, never CONFIRMED."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest

from conftest import ROOT, build_project
from learning.content.load import load_content

pytestmark = pytest.mark.site

AS_OF = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("timeline") / "site"
    result = build_project(ROOT, out, env={"SOURCE_DATE_EPOCH": str(int(AS_OF.timestamp()))})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_no_planned_event_is_presented_as_done_or_past(site):
    content, _ = load_content(ROOT)
    planned = [e for e in content.programme if e.status == "planned"]
    assert planned, "the programme's plan has events"
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    entries = re.findall(
        r'<li class="un-event un-event--([a-z]+)"[^>]*><span class="un-badge">([^<]+)</span> <time[^>]*>([^<]+)</time>', html
    )
    assert len(entries) >= len(planned)
    for css, badge, when in entries:
        assert badge not in ("Done", "Past") and css not in ("done", "past"), (css, badge, when)
    for event in planned:
        if event.last_day < AS_OF.date():
            assert f"planned for {event.date.day} " in html
    assert html.count("outcome not yet recorded") >= sum(1 for e in planned if e.last_day < AS_OF.date())
    assert "no event has been recorded as done" in html


def test_calendar_statuses_match_the_recorded_status(site):
    calendar = icalendar.Calendar.from_ical((site / "timeline.ics").read_bytes())
    statuses = {str(event["SUMMARY"]): str(event["STATUS"]) for event in calendar.walk("VEVENT")}
    content, _ = load_content(ROOT)
    expected = {"planned": "TENTATIVE", "done": "CONFIRMED", "moved": "TENTATIVE", "cancelled": "CANCELLED"}
    assert statuses and all(statuses[e.title] == expected[e.status] for e in content.programme)
    for path in (site / "neighbourhoods").glob("*/calendar.ics"):
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            assert str(event["STATUS"]) in ("TENTATIVE", "CONFIRMED", "CANCELLED")
