"""Calendars, Atom feeds and open data: parsed back, stable across builds, drafts never out."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from learning.files.exports import (
    LICENCE,
    LICENCE_URL,
    PRODID,
    event_uid,
    render_calendar,
    render_feed,
    render_open_data,
)
from learning.model import CaseStudy, Contact, Content, Neighbourhood, TimelineEvent

SITE = "https://example.org/learning/"
BUILT = date(2025, 11, 26)
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def study(slug: str, day: date, **fields) -> CaseStudy:
    values = dict(
        path=f"case_studies/{slug}.md",
        title=f"Title of {slug}",
        summary=f"Summary of {slug}.",
        neighbourhoods=("aspen",),
        authors=("District Nursing Team",),
        consent=True,
        body="Body.",
    )
    return CaseStudy(slug=slug, date=day, **{**values, **fields})


EVENTS = (
    TimelineEvent(date(2024, 10, 13), "Coach assigned", "milestone", neighbourhood="aspen"),
    TimelineEvent(date(2024, 10, 13), "Coach assigned", "milestone", neighbourhood="severn-health"),
    TimelineEvent(date(2024, 10, 13), "Coach assigned", "milestone"),
    TimelineEvent(date(2024, 7, 7), "Launch event", "session", detail="First Big Room meeting."),
    TimelineEvent(date(2024, 9, 22), "Training days", "session", end=date(2024, 9, 24)),
    TimelineEvent(date(2024, 12, 31), "Year-end review", "review", end=date(2025, 1, 1)),
)

STUDIES = (
    study(
        "falls-huddle",
        date(2025, 3, 14),
        neighbourhoods=("aspen", "severn-health"),
        themes=("falls",),
        authors=("Ann Lee", "Community Nursing"),
        example=True,
    ),
    study(
        "care-homes",
        date(2025, 5, 1),
        stage="testing",
        tools=("pdsa",),
        partners=("general-practice",),
        review_due=date(2026, 5, 1),
    ),
    study("same-day-b", date(2024, 11, 2), neighbourhoods=("severn-health",)),
    study("same-day-a", date(2024, 11, 2), neighbourhoods=("severn-health",)),
    study("unfinished", date(2025, 9, 9), status="draft", title="A draft"),
)

NAMES = {"aspen": "Aspen", "severn-health": "Severn Health"}

CONTENT = Content(
    neighbourhoods=(
        Neighbourhood(
            slug="severn-health",
            name="Severn Health",
            locality="Stroud & Berkeley Vale",
            path="data/neighbourhoods/severn-health.yml",
            phase=1,
            population=41000,
            coaches=("coach-a",),
            contact=Contact(name="Neighbourhood lead", email="team@nhs.net"),
            timeline=(EVENTS[1],),
        ),
        Neighbourhood(
            slug="aspen",
            name="Aspen",
            locality="Gloucester",
            path="data/neighbourhoods/aspen.yml",
            unconfirmed=("name",),
            timeline=(EVENTS[0],),
        ),
        Neighbourhood(slug="quiet", name="Quiet", locality="Cotswolds", path="data/neighbourhoods/quiet.yml"),
    ),
    case_studies=STUDIES,
)


def calendar_events(events=EVENTS, name="Programme") -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(render_calendar(events, name=name, site_url=SITE, built=BUILT)).walk("VEVENT")


FEED_OPTIONS = dict(
    title="Case studies", feed_url=SITE + "case-studies/feed.xml", site_url=SITE, neighbourhood_names=NAMES, built=BUILT
)


def feed(studies=STUDIES, **options) -> ET.Element:
    return ET.fromstring(render_feed(studies, **{**FEED_OPTIONS, **options}))


def open_data() -> dict[str, str]:
    return render_open_data(CONTENT, site_url=SITE, built=BUILT)


# Calendar


def test_the_calendar_states_its_product_version_scale_and_name():
    calendar = icalendar.Calendar.from_ical(render_calendar(EVENTS, name="Aspen timeline", site_url=SITE, built=BUILT))
    assert (str(calendar["PRODID"]), str(calendar["VERSION"]), str(calendar["CALSCALE"]), str(calendar["X-WR-CALNAME"])) == (
        PRODID,
        "2.0",
        "GREGORIAN",
        "Aspen timeline",
    )


ALL_DAY = [
    # event, DTSTART, DTEND (exclusive: the day after the last day)
    (TimelineEvent(date(2024, 7, 7), "One day", "session"), date(2024, 7, 7), date(2024, 7, 8)),
    (TimelineEvent(date(2024, 9, 22), "Three days", "session", end=date(2024, 9, 24)), date(2024, 9, 22), date(2024, 9, 25)),
    (TimelineEvent(date(2024, 12, 31), "Over new year", "review", end=date(2025, 1, 1)), date(2024, 12, 31), date(2025, 1, 2)),
    (TimelineEvent(date(2024, 2, 28), "Over a leap day", "review", end=date(2024, 2, 29)), date(2024, 2, 28), date(2024, 3, 1)),
]


@pytest.mark.parametrize(("event", "start", "end"), ALL_DAY)
def test_an_event_is_all_day_and_ends_the_day_after_its_last_day(event, start, end):
    [parsed] = calendar_events([event])
    assert (parsed.decoded("DTSTART"), parsed.decoded("DTEND")) == (start, end)
    assert not isinstance(parsed.decoded("DTSTART"), datetime)
    assert parsed["DTSTART"].params["VALUE"] == "DATE"


def test_events_are_listed_by_date_then_title():
    keys = [(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in calendar_events()]
    assert keys == sorted(keys)
    assert len(keys) == len(EVENTS)


def test_every_uid_is_unique_and_the_same_on_a_rebuild():
    first = [str(e["UID"]) for e in calendar_events()]
    again = [str(e["UID"]) for e in calendar_events(tuple(reversed(EVENTS)))]
    assert len(set(first)) == len(EVENTS)
    assert first == again
    assert all(uid.endswith("@united-neighbourhoods") for uid in first)


UID_CHANGES = [
    # what changed, the edited event: a new title, date or owner is a new event to subscribers
    ("title", TimelineEvent(date(2024, 7, 7), "Launch day", "session")),
    ("date", TimelineEvent(date(2024, 7, 8), "Launch event", "session")),
    ("neighbourhood", TimelineEvent(date(2024, 7, 7), "Launch event", "session", neighbourhood="aspen")),
]


@pytest.mark.parametrize(("changed", "edited"), UID_CHANGES)
def test_editing_an_events_identity_changes_its_uid(changed, edited):
    assert event_uid(edited) != event_uid(TimelineEvent(date(2024, 7, 7), "Launch event", "session"))


def test_editing_an_events_detail_keeps_its_uid():
    original = TimelineEvent(date(2024, 7, 7), "Launch event", "session")
    edited = TimelineEvent(date(2024, 7, 7), "Launch event", "milestone", detail="Moved online.", end=date(2024, 7, 8))
    assert event_uid(edited) == event_uid(original)


def test_two_events_with_the_same_identity_still_get_distinct_uids():
    twins = (
        TimelineEvent(date(2024, 7, 7), "Launch", "session"),
        TimelineEvent(date(2024, 7, 7), "Launch", "session", detail="Again."),
    )
    uids = [str(e["UID"]) for e in calendar_events(twins)]
    assert uids[0] == event_uid(twins[0])
    assert len(set(uids)) == 2


def test_each_event_carries_its_title_detail_kind_link_and_the_build_stamp():
    launch = next(e for e in calendar_events() if str(e["SUMMARY"]) == "Launch event")
    assert str(launch["DESCRIPTION"]) == "First Big Room meeting."
    assert launch.categories == ["session"]
    assert str(launch["URL"]) == SITE + "timeline/"
    assert launch.decoded("DTSTAMP") == datetime(2025, 11, 26, tzinfo=UTC)


def test_an_event_without_detail_has_no_description():
    [event] = calendar_events([TimelineEvent(date(2024, 7, 7), "Launch", "session")])
    assert "DESCRIPTION" not in event


def test_a_calendar_with_no_events_is_still_a_named_calendar():
    calendar = icalendar.Calendar.from_ical(render_calendar([], name="Quiet", site_url=SITE, built=BUILT))
    assert (str(calendar["X-WR-CALNAME"]), calendar.walk("VEVENT")) == ("Quiet", [])


# Feed


def test_feed_entries_are_published_studies_newest_first_with_ties_by_slug():
    ids = [entry.findtext(ATOM + "id") for entry in feed().iter(ATOM + "entry")]
    assert ids == [SITE + f"case-studies/{slug}/" for slug in ("care-homes", "falls-huddle", "same-day-a", "same-day-b")]


@pytest.mark.parametrize("studies", [STUDIES, STUDIES[4:], tuple(reversed(STUDIES))])
def test_drafts_never_appear_in_a_feed(studies):
    text = render_feed(studies, **FEED_OPTIONS)
    assert b"unfinished" not in text and b"A draft" not in text


def test_the_feed_links_to_itself_and_to_its_page():
    root = feed(alternate_url=SITE + "neighbourhoods/aspen/")
    links = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert links == {"self": SITE + "case-studies/feed.xml", "alternate": SITE + "neighbourhoods/aspen/"}
    assert root.findtext(ATOM + "id") == SITE + "case-studies/feed.xml"


def test_a_feed_without_its_own_page_links_to_the_site():
    links = {link.get("rel"): link.get("href") for link in feed().findall(ATOM + "link")}
    assert links["alternate"] == SITE


FEED_FIELDS = [
    # path from the feed root, expected text
    ("title", "Case studies"),
    ("author/" + ATOM + "name", "System Improvement Coaching for United Neighbourhoods"),
    ("rights", "Open Government Licence v3.0"),
    ("updated", "2025-05-01T00:00:00+00:00"),
]


@pytest.mark.parametrize(("path", "text"), FEED_FIELDS)
def test_the_feed_states_its_title_author_licence_and_newest_date(path, text):
    assert feed().findtext(ATOM + path) == text


def test_the_feed_is_in_british_english():
    assert feed().get(XML_LANG) == "en-GB"


def test_an_empty_feed_is_updated_as_of_the_build():
    root = feed(studies=())
    assert (root.findtext(ATOM + "updated"), root.findall(ATOM + "entry")) == ("2025-11-26T00:00:00+00:00", [])


def test_an_entry_has_its_summary_link_date_authors_and_categories():
    entry = next(e for e in feed().iter(ATOM + "entry") if e.findtext(ATOM + "id").endswith("/falls-huddle/"))
    assert entry.findtext(ATOM + "title") == "Title of falls-huddle (illustrative example)"
    assert entry.findtext(ATOM + "summary") == "Summary of falls-huddle."
    [link] = entry.findall(ATOM + "link")
    assert (link.get("href"), link.get("rel", "alternate")) == (SITE + "case-studies/falls-huddle/", "alternate")
    assert entry.findtext(ATOM + "published") == entry.findtext(ATOM + "updated") == "2025-03-14T00:00:00+00:00"
    assert [a.findtext(ATOM + "name") for a in entry.findall(ATOM + "author")] == ["Ann Lee", "Community Nursing"]
    assert [c.get("term") for c in entry.findall(ATOM + "category")] == ["Aspen", "Severn Health", "falls"]


def test_an_entry_is_updated_as_of_its_last_change_and_the_feed_as_of_its_latest_entry():
    changed = study("care-plans", date(2024, 11, 2), updated=date(2025, 6, 2))
    root = feed(studies=(*STUDIES, changed))
    entry = next(e for e in root.iter(ATOM + "entry") if e.findtext(ATOM + "id").endswith("/care-plans/"))
    assert (entry.findtext(ATOM + "published"), entry.findtext(ATOM + "updated")) == (
        "2024-11-02T00:00:00+00:00",
        "2025-06-02T00:00:00+00:00",
    )
    assert root.findtext(ATOM + "updated") == "2025-06-02T00:00:00+00:00"


def test_every_date_in_the_feed_comes_from_the_content_never_the_clock():
    root = feed()
    stamps = {e.text for e in root.iter() if e.tag in (ATOM + "updated", ATOM + "published")}
    assert stamps == {f"{s.date.isoformat()}T00:00:00+00:00" for s in STUDIES if not s.is_draft}
    assert root.find(ATOM + "generator").get("version") is None


# Open data


def test_each_open_data_file_states_the_licence_source_and_build_date():
    files = open_data()
    for path in ("data/case-studies.json", "data/neighbourhoods.json"):
        data = json.loads(files[path])
        assert (data["licence"], data["licence_url"], data["source"], data["generated"]) == (
            LICENCE,
            LICENCE_URL,
            SITE,
            "2025-11-26",
        )


def test_open_data_lists_published_case_studies_newest_first_with_absolute_urls():
    rows = json.loads(open_data()["data/case-studies.json"])["case_studies"]
    assert [row["id"] for row in rows] == ["care-homes", "falls-huddle", "same-day-a", "same-day-b"]
    assert all(row["url"] == f"{SITE}case-studies/{row['id']}/" for row in rows)


def test_a_case_study_record_holds_every_field_with_localities_from_its_neighbourhoods():
    rows = {row["id"]: row for row in json.loads(open_data()["data/case-studies.json"])["case_studies"]}
    assert rows["falls-huddle"] == {
        "id": "falls-huddle",
        "url": SITE + "case-studies/falls-huddle/",
        "title": "Title of falls-huddle",
        "summary": "Summary of falls-huddle.",
        "date": "2025-03-14",
        "updated": None,
        "neighbourhoods": ["aspen", "severn-health"],
        "localities": ["Gloucester", "Stroud & Berkeley Vale"],
        "authors": ["Ann Lee", "Community Nursing"],
        "stage": None,
        "tools": [],
        "themes": ["falls"],
        "partners": [],
        "review_due": None,
        "example": True,
    }
    assert (rows["care-homes"]["stage"], rows["care-homes"]["review_due"], rows["care-homes"]["example"]) == (
        "testing",
        "2026-05-01",
        False,
    )


def test_a_case_study_changed_since_publication_says_when_in_the_open_data():
    changed = replace(CONTENT, case_studies=(study("changed", date(2025, 3, 14), updated=date(2025, 6, 2)),))
    files = render_open_data(changed, site_url=SITE, built=BUILT)
    assert json.loads(files["data/case-studies.json"])["case_studies"][0]["updated"] == "2025-06-02"
    assert next(csv.DictReader(io.StringIO(files["data/case-studies.csv"])))["updated"] == "2025-06-02"


def csv_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(open_data()["data/case-studies.csv"])))


def test_the_csv_has_a_header_row_then_the_json_rows_in_the_same_order():
    files = open_data()
    json_rows = json.loads(files["data/case-studies.json"])["case_studies"]
    assert files["data/case-studies.csv"].split("\n", 1)[0] == ",".join(json_rows[0])
    assert [(r["id"], r["url"], r["title"], r["summary"], r["date"]) for r in csv_rows()] == [
        (r["id"], r["url"], r["title"], r["summary"], r["date"]) for r in json_rows
    ]
    assert "\r" not in files["data/case-studies.csv"]


CSV_CELLS = [
    # case study, column, cell: lists joined with "; ", null empty, booleans as in JSON
    ("falls-huddle", "neighbourhoods", "aspen; severn-health"),
    ("falls-huddle", "localities", "Gloucester; Stroud & Berkeley Vale"),
    ("falls-huddle", "authors", "Ann Lee; Community Nursing"),
    ("falls-huddle", "themes", "falls"),
    ("falls-huddle", "tools", ""),
    ("falls-huddle", "stage", ""),
    ("falls-huddle", "review_due", ""),
    ("falls-huddle", "updated", ""),
    ("falls-huddle", "example", "true"),
    ("care-homes", "example", "false"),
    ("care-homes", "stage", "testing"),
    ("care-homes", "review_due", "2026-05-01"),
    ("care-homes", "partners", "general-practice"),
]


@pytest.mark.parametrize(("slug", "column", "cell"), CSV_CELLS)
def test_a_csv_cell_holds_the_json_value_as_text(slug, column, cell):
    row = next(r for r in csv_rows() if r["id"] == slug)
    assert row[column] == cell


NEIGHBOURHOOD_CASE_STUDIES = [
    # slug, its published case studies, newest first
    ("aspen", ["care-homes", "falls-huddle"]),
    ("severn-health", ["falls-huddle", "same-day-a", "same-day-b"]),
    ("quiet", []),
]


@pytest.mark.parametrize(("slug", "case_studies"), NEIGHBOURHOOD_CASE_STUDIES)
def test_a_neighbourhood_lists_every_published_case_study_naming_it(slug, case_studies):
    records = {n["id"]: n for n in json.loads(open_data()["data/neighbourhoods.json"])["neighbourhoods"]}
    assert records[slug]["case_studies"] == case_studies


def test_a_neighbourhood_record_holds_its_facts_gaps_and_timeline():
    records = json.loads(open_data()["data/neighbourhoods.json"])["neighbourhoods"]
    assert [n["id"] for n in records] == ["aspen", "quiet", "severn-health"]
    aspen, _, severn = records
    assert (aspen["url"], aspen["population"], aspen["phase"], aspen["unconfirmed"]) == (
        SITE + "neighbourhoods/aspen/",
        None,
        None,
        ["name"],
    )
    assert (severn["population"], severn["coaches"], severn["locality"]) == (41000, ["coach-a"], "Stroud & Berkeley Vale")
    assert severn["contact"] == {"name": "Neighbourhood lead", "email": "team@nhs.net", "url": None}
    assert severn["timeline"] == [
        {"date": "2024-10-13", "end": None, "title": "Coach assigned", "detail": None, "kind": "milestone"}
    ]


def test_open_data_json_keeps_non_ascii_text_readable():
    text = open_data()["data/neighbourhoods.json"]
    assert text.endswith("}\n") and "Stroud & Berkeley Vale" in text


# Determinism


RENDERS = [
    ("calendar", lambda: render_calendar(EVENTS, name="Programme", site_url=SITE, built=BUILT)),
    ("feed", lambda: render_feed(STUDIES, **FEED_OPTIONS)),
    ("open data", open_data),
]


@pytest.mark.parametrize(("name", "render"), RENDERS)
def test_each_export_is_byte_identical_across_two_calls(name, render):
    assert render() == render()


def exported_bytes() -> bytes:
    """Every export of the fixtures, as one byte string."""
    outputs = [render() for _, render in RENDERS]
    return b"".join(out if isinstance(out, bytes) else json.dumps(out).encode() for out in outputs)


def test_exports_are_byte_identical_across_processes_with_different_hash_seeds():
    # Set and dict order can vary between processes; two calls in one process would not show it.
    code = "import hashlib, test_exports as t; print(hashlib.sha256(t.exported_bytes()).hexdigest())"
    here = Path(__file__).parent
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=here,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(here)},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(digests) == 1 and len(digests.pop()) == 64


@pytest.mark.parametrize(
    "render",
    [
        lambda url: render_calendar(EVENTS, name="Programme", site_url=url, built=BUILT),
        lambda url: render_feed(STUDIES, **{**FEED_OPTIONS, "site_url": url}),
        lambda url: render_open_data(CONTENT, site_url=url, built=BUILT),
    ],
)
def test_a_site_url_without_a_trailing_slash_is_refused(render):
    with pytest.raises(ValueError, match="must end with '/'"):
        render("https://example.org/learning")


def test_a_feed_carries_the_newest_fifty_case_studies_and_the_open_data_every_one():
    many = [study(f"s-{n:03d}", date(2024, 1, 1) + timedelta(days=n)) for n in range(120)]
    root = ET.fromstring(
        render_feed(
            many, title="T", feed_url=SITE + "feed.xml", site_url=SITE, neighbourhood_names={"aspen": "Aspen"}, built=BUILT
        )
    )
    ids = [e.findtext(ATOM + "id") for e in root.iter(ATOM + "entry")]
    assert len(ids) == 50 and ids[0].endswith("/s-119/") and ids[-1].endswith("/s-070/")
    content = replace(CONTENT, case_studies=tuple(many))
    records = json.loads(render_open_data(content, site_url=SITE, built=BUILT)["data/case-studies.json"])["case_studies"]
    assert len(records) == 120
