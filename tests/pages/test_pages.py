"""Generated pages match their golden files, and follow the site's rules.

The fixture project in ``tests/fixtures/project`` is rendered with a pinned build date. Each
generated page is compared with ``tests/golden/pages/<path>``; run with ``UPDATE_GOLDEN=1``
to rewrite the golden files after an intended change, then review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import pytest

from learning.build.site import SiteSettings, build_site
from learning.content.catalogue import catalogue
from learning.pages import fragments
from learning.pages.backlinks import backlink_sections
from learning.pages.fragments import placeholder

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "pages"
TODAY = dt.date(2025, 11, 26)
SETTINGS = SiteSettings(site_url="https://example.org/", repo_url="https://github.com/example/learning-site")


@pytest.fixture(autouse=True, scope="module")
def fixed_fragment_token():
    # Placeholders carry a random token per process; golden files need a fixed one.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fragments, "TOKEN", "golden")
        yield


@pytest.fixture(scope="module")
def site(fixed_fragment_token):
    return build_site(FIXTURE, today=TODAY, settings=SETTINGS)


def golden_names() -> list[str]:
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())


def rendered(site) -> dict[str, str]:
    """Every generated page's Markdown, and each of its HTML fragments as ``<page>.<id>.html``."""
    files = {uri: page.markdown for uri, page in site.pages.items()}
    for uri, page in site.pages.items():
        files.update({f"{uri}.{key}.html": page.fragment(key) for key in page.fragments})
    return files


def test_the_fixture_builds_without_problems(site):
    assert site.problems == ()


def test_every_generated_page_has_a_golden_file_and_no_more(site):
    if os.environ.get("UPDATE_GOLDEN"):
        for name, text in rendered(site).items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
    assert sorted(rendered(site)) == golden_names()


@pytest.mark.parametrize("name", golden_names())
def test_each_generated_page_matches_its_golden_file(site, name):
    assert rendered(site)[name] == (GOLDEN / name).read_text()


def test_rendering_twice_gives_identical_pages(site):
    again = build_site(FIXTURE, today=TODAY, settings=SETTINGS)
    assert rendered(again) == rendered(site)


def test_generated_pages_point_their_edit_link_at_the_real_source(site):
    assert site.pages["case-studies/weekly-huddle.md"].source == "case_studies/weekly-huddle.md"
    assert site.pages["neighbourhoods/aspen.md"].source == "data/neighbourhoods/aspen.yml"


def test_drafts_get_no_page_in_a_published_build_but_a_banner_in_the_preview(site):
    assert "case-studies/draft-idea.md" not in site.pages
    preview = build_site(FIXTURE, today=TODAY, include_drafts=True, settings=SETTINGS)
    assert '!!! warning "Draft: not published"' in preview.pages["case-studies/draft-idea.md"].markdown


def test_a_past_review_date_shows_a_notice(site):
    late = build_site(FIXTURE, today=dt.date(2026, 4, 1), settings=SETTINGS)
    assert "was due for review on 14 March 2026" in late.pages["case-studies/weekly-huddle.md"].markdown
    assert "was due for review" not in site.pages["case-studies/weekly-huddle.md"].markdown


def test_neighbourhood_pages_say_to_be_confirmed_instead_of_guessing(site):
    aspen = site.pages["neighbourhoods/aspen.md"].markdown
    assert 'Registered population\n:   <span class="un-tbc">To be confirmed</span>' in aspen
    assert "The name is taken from a 2022 source and is to be confirmed." in aspen


@pytest.mark.parametrize(
    "entry",
    [
        'un-event--unrecorded" data-for="forest-of-dean"><span class="un-badge">Planned</span> <time datetime="2025-01-10">'
        "planned for 10 January 2025; outcome not yet recorded</time>",
        'un-event--current" data-for="forest-of-dean"><span class="un-badge">Planned for now</span> <time datetime="2025-11-20">',
        'un-event--upcoming" data-for="forest-of-dean"><span class="un-badge">Upcoming</span> <time datetime="2026-02-01">',
        'un-event--done" data-for="forest-of-dean"><span class="un-badge">Done</span> <time datetime="2025-02-14">14 February 2025</time>',
        '<span class="un-badge">Moved</span> <time datetime="2025-03-01">was planned for 1 March 2025; moved to 5 April 2025</time>',
        '<span class="un-badge">Cancelled</span> <time datetime="2025-05-01">was planned for 1 May 2025; cancelled</time>',
    ],
)
def test_the_timeline_tells_a_plan_from_what_happened_as_of_the_build_date(site, entry):
    assert entry in site.pages["timeline.md"].markdown


def test_the_timeline_says_when_the_last_recorded_event_was(site):
    assert "the latest event recorded as done is “Huddle launch”, on 14 February 2025." in site.pages["timeline.md"].markdown


def test_tool_guides_list_the_case_studies_that_used_them(site):
    assert "## Case studies that used this tool" in site.additions_for("tools/pdsa.md")
    converted = site.finish_content("tools/pdsa.md", "<h1>PDSA</h1>\n<p>" + placeholder("backlinks") + "</p>")
    page = site.insert_fragments("tools/pdsa.md", converted)
    assert page.index('href="../../case-studies/weekly-huddle/"') < page.index('href="../../case-studies/care-plans/"')
    unused = backlink_sections(catalogue(replace(site.content, case_studies=())))["tools/run-chart.md"]
    assert "## Case studies that used this tool\n\nNo published case study has used this tool yet." in unused
    assert "[Propose a case study that used this tool](../contribute/propose.md?tools=run-chart)" in unused


def test_tool_guides_link_the_propose_form_with_the_tool_ticked(site):
    assert "[Propose a case study that used this tool](../contribute/propose.md?tools=pdsa)" in site.additions_for(
        "tools/pdsa.md"
    )


@pytest.mark.parametrize(
    "title",
    [
        "Weekly huddle",
        "Quotes \"double\" and 'single'",
        "Colon: hash # and back\\slash",
        "- starts like a list item",
        "yes",
        "null",
        "2025-01-01",
        "Café, naïve, em—dash",
        "Emoji 🙂 and astral 𝒳",
        "Tab\there",
        "Line\nbreak",
        "Separator\u2028inside",
        "Next line\x85inside",
        "Control\x07char",
        "",
    ],
)
def test_generated_front_matter_reads_back_exactly_whatever_the_title(title):
    import yaml

    from learning.source.frontmatter import front_matter

    text = front_matter(title=title, description="Summary: short.", case_study=True, empty=None)
    assert text.startswith("---\n") and text.endswith("---\n")
    assert yaml.safe_load(text[4:-4]) == {"title": title, "description": "Summary: short.", "case_study": True}


@pytest.mark.parametrize("with_pdfs", [True, False], ids=["a build that makes PDFs", "a preview that makes none"])
def test_a_report_links_its_pdf_only_when_the_build_makes_it_and_otherwise_says_what_does(with_pdfs):
    site = build_site(FIXTURE, today=TODAY, settings=SETTINGS, with_pdfs=with_pdfs)
    cover = site.pages["reports/first-months.md"].fragment("cover")
    index = site.pages["reports/index.md"].markdown
    notices = [
        "This preview makes no PDF: <code>make build</code> makes this report's A4 PDF.",
        "`make build` makes each report's A4 PDF",
    ]
    if with_pdfs:
        assert '<a href="../first-months.pdf">' in cover and '<a href="first-months.pdf">' in index
        assert not any(notice in cover + index for notice in notices)
        assert list(site.reports) == ["reports/first-months.md"]
    else:
        assert ".pdf" not in cover and ".pdf" not in index
        assert notices[0] in cover and notices[1] in index
        assert site.reports == {}
