"""The real content under data/, docs/tools/ and case_studies/ loads with no problems."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from learning.build.site import build_date, build_site
from learning.content.load import load_content


def test_the_published_content_has_no_problems(root: Path):
    content, problems = load_content(root, include_drafts=True)
    assert [str(p) for p in problems] == []
    assert len(content.neighbourhoods) == 15
    assert len(content.localities) == 6


def test_every_neighbourhood_is_in_one_of_the_six_localities(root: Path):
    content, _ = load_content(root)
    labels = {locality.label for locality in content.localities}
    assert {n.locality for n in content.neighbourhoods} <= labels


def test_the_programme_timeline_has_the_seed_plan_dates(root: Path):
    content, _ = load_content(root)
    assert [e.date.isoformat() for e in content.programme] == [
        "2024-07-07",
        "2024-08-04",
        "2024-08-19",
        "2024-09-22",
        "2024-10-13",
        "2024-11-07",
        "2024-12-15",
        "2025-01-12",
        "2025-01-26",
        "2025-03-09",
        "2025-06-02",
    ]


def test_the_build_date_comes_from_source_date_epoch_when_set():
    assert build_date({"SOURCE_DATE_EPOCH": "1764115200"}) == dt.date(2025, 11, 26)


def test_every_abbreviation_is_offered_as_a_hover_definition_where_it_is_used_and_other_terms_are_not(root: Path):
    site = build_site(root, today=dt.date(2025, 11, 26))
    for term in site.content.glossary:
        text = f"<p>A sentence that mentions {html.escape(term.term)} once.</p>"
        hover = f'<abbr title="{html.escape(" ".join((term.expansion or "").split()), quote=True)}">{term.term}</abbr>'
        assert (hover in site.finish_content("index.md", text)) == term.abbreviation, term.term
    assert any(not term.abbreviation for term in site.content.glossary)
    assert "<abbr" not in site.finish_content("index.md", "<p>No abbreviations here; INTERNAL and PDSAs are not terms.</p>")
