"""A report's PDF, read back: its pages, the case studies' titles in order, the contents'
page numbers, and the charts' text on the pages that hold them. A machine without
WeasyPrint is told in one line what to install."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from conftest import build_project, copy_project

pytestmark = pytest.mark.site

ENV = {"SOURCE_DATE_EPOCH": "1764115200", "SITE_URL": "https://example.org/"}
STALE_CARD = "0" * 32 + ".png"
TITLES = ["Huddles with two charts", "Mapping falls first", "Care plan reviews booked from one list"]


def _case_study(source: Path, title: str, measures: list) -> str:
    _, meta, body = source.read_text(encoding="utf-8").split("---\n", 2)
    fields = yaml.safe_load(meta)
    fields.update(title=title, example=False, measures=measures)
    fields.pop("measures") if not measures else None
    return (
        "---\n"
        + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
        + "---\n"
        + body.replace("Illustrative example", "Note")
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    project = copy_project(base / "project")
    studies = project / "case_studies"
    huddle, falls, plans = (
        studies / f"example-{name}.md" for name in ("weekly-frailty-huddle", "falls-pathway-mapping", "care-plan-reviews")
    )
    run = yaml.safe_load(huddle.read_text().split("---\n")[1])["measures"]
    xmr = yaml.safe_load(plans.read_text().split("---\n")[1])["measures"]
    (studies / "two-charts.md").write_text(_case_study(huddle, TITLES[0], run + xmr))
    (studies / "falls-first.md").write_text(_case_study(falls, TITLES[1], []))
    (studies / "plans-list.md").write_text(_case_study(plans, TITLES[2], xmr))
    shutil.rmtree(project / "data" / "reports")
    (project / "data" / "reports").mkdir()
    (project / "data" / "reports" / "three.yml").write_text(
        "title: Three case studies\n"
        "period: {from: 2024-01-01, to: 2025-11-26}\n"
        "case_studies: [two-charts, falls-first, plans-list]\n"
        "authors: [Programme team]\n"
        "introduction: Three case studies, one with two charts.\n"
    )
    # An earlier build's card no page uses any more, and a file the cache did not write.
    cache = project / ".cache" / "link-cards"
    cache.mkdir(parents=True)
    (cache / STALE_CARD).write_bytes(b"an old card")
    (cache / "notes.txt").write_text("not a card")
    site = base / "site"
    result = build_project(project, site, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, run + xmr


def pages_of(site: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(site / "reports" / "three.pdf").pages]


def test_the_pdf_has_the_case_studies_in_order_and_its_contents_give_the_pages_they_start_on(built):
    site, _ = built
    pages = pages_of(site)
    assert 4 <= len(pages) <= 30
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, start=1))
    contents = pages[0]
    listed = [(title, int(number)) for title, number in re.findall(r"([A-Z][A-Za-z ]+?) (?:\. )+\.? ?(\d+)", contents)]
    numbers = dict(listed)
    assert [title for title, _ in listed if title in TITLES] == TITLES
    for title in TITLES:
        start = numbers[title]
        # Each case study starts a page; its running header names it from there on.
        assert pages[start - 1].startswith("Neighbourhood"), title
        assert title in pages[start - 1], title
        assert all(title not in text for text in pages[: start - 1] if "Contents" not in text), title
    assert numbers["Summary of measures"] > numbers[TITLES[2]]
    assert "Summary of measures" in pages[numbers["Summary of measures"] - 1]


def test_the_chart_pages_hold_the_charts_text_and_the_summary_lists_every_measure(built):
    site, measures = built
    pages = pages_of(site)
    for measure in measures:
        caption = " ".join(measure["title"].split())
        holding = [n for n, text in enumerate(pages, start=1) if caption in text and measure["unit"] in text]
        assert holding, caption
    assert sum(text.count("Variation:") for text in pages) >= 2
    assert "As of 26 November 2025" in pages[-1]


def test_the_pdf_writes_out_the_address_of_each_case_study_it_holds(built):
    site, _ = built
    sources = next(text for text in pages_of(site) if text.startswith("Sources"))
    for slug in ("two-charts", "falls-first", "plans-list"):
        assert f"https://example.org/case-studies/{slug}/" in sources.replace("- ", "-").replace("/ ", "/"), slug


def test_the_report_page_links_its_pdf_and_says_what_it_is_as_of(built):
    site, _ = built
    page = (site / "reports" / "three" / "index.html").read_text()
    assert 'href="../three.pdf"' in page
    assert "26 November 2025" in page
    assert page.count('<figure class="un-chart ') == 3


def test_after_a_build_the_card_cache_holds_exactly_its_cards_and_files_of_other_names(built):
    site, _ = built
    cache = site.parent / "project" / ".cache" / "link-cards"
    cards = sorted(p.read_bytes() for p in (site / "assets" / "cards").rglob("*.png"))
    assert sorted(p.read_bytes() for p in cache.glob("*.png")) == cards
    assert not (cache / STALE_CARD).exists() and (cache / "notes.txt").read_text() == "not a card"


def test_without_weasyprint_the_build_names_what_to_install_in_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0'\")\n")
    result = build_project(project, tmp_path / "site", env={**ENV, "PYTHONPATH": str(tmp_path / "fake")})
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    (line,) = [line for line in output.splitlines() if "WeasyPrint" in line]
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in line


def _meta(page: str, key: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', page)
    assert match, key
    return match.group(1)


@pytest.mark.parametrize(
    ("page", "card", "mark"),
    [
        ("case-studies/two-charts/index.html", "assets/cards/case-studies/two-charts.png", False),
        (
            "case-studies/example-weekly-frailty-huddle/index.html",
            "assets/cards/case-studies/example-weekly-frailty-huddle.png",
            True,
        ),
        ("neighbourhoods/aspen/index.html", "assets/cards/neighbourhoods/aspen.png", False),
        ("tools/pdsa/index.html", "assets/cards/tools/pdsa.png", False),
        ("reports/three/index.html", "assets/cards/reports/three.png", False),
        ("glossary/index.html", "assets/cards/site.png", False),
    ],
)
def test_each_page_points_its_link_preview_at_a_1200_by_630_card_that_exists(built, page, card, mark):
    site, _ = built
    html = (site / page).read_text()
    assert _meta(html, "og:image") == "https://example.org/" + card
    assert (_meta(html, "og:image:width"), _meta(html, "og:image:height")) == ("1200", "630")
    assert _meta(html, "twitter:card") == "summary_large_image"
    assert _meta(html, "og:image:alt").endswith("Illustrative example") == mark
    with Image.open(site / card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
