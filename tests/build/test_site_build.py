"""The real site builds strictly, with no warnings, and has the pages and metadata it promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import search_pages

pytestmark = pytest.mark.site


def test_the_strict_build_prints_no_warnings(built_site: Path):
    log = (built_site / ".build-log").read_text()
    assert "WARNING" not in log and "ERROR" not in log, log


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "programme/index.html",
        "neighbourhoods/index.html",
        "case-studies/index.html",
        "tools/index.html",
        "coaching/index.html",
        "timeline/index.html",
        "contribute/index.html",
        "404.html",
        "glossary/index.html",
    ],
)
def test_every_section_landing_page_is_built(built_site: Path, page: str):
    assert (built_site / page).is_file()


def test_pages_carry_open_graph_title_and_description(built_site: Path):
    html = (built_site / "programme" / "index.html").read_text()
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    assert re.search(r'<meta property="og:description" content="[^"]{20,}">', html)
    assert '<meta name="description"' in html


def test_no_page_links_to_google_fonts_or_calls_the_github_api(built_site: Path):
    for html in built_site.rglob("*.html"):
        text = html.read_text()
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, html
        assert 'data-md-component="source"' not in text, html


def test_hand_written_pages_have_an_edit_link_to_their_source(built_site: Path):
    html = (built_site / "programme" / "index.html").read_text()
    assert re.search(r'href="https://github\.com/[^"]+/edit/main/docs/programme/index\.md"', html)


def test_the_sitemap_lists_the_pages(built_site: Path):
    sitemap = (built_site / "sitemap.xml").read_text()
    assert "/programme/</loc>" in sitemap


def test_every_page_runs_search_in_the_site_s_worker_which_reads_the_site_s_index(built_site: Path):
    pages = [built_site / "index.html", built_site / "case-studies" / "index.html"]
    for page in pages:
        [address] = re.findall(r'"search": "([^"]+)"', page.read_text())
        assert address.endswith("assets/javascripts/search-worker.js")
    # The theme's index, which every page fetches, holds no page; the site's index holds all.
    assert json.loads((built_site / "search" / "search_index.json").read_text())["docs"] == []
    indexed = [url for url, _, _ in search_pages(built_site)]
    assert {"", "programme/", "case-studies/", "tools/pdsa/"} <= set(indexed)
    assert len(indexed) == len(list(built_site.rglob("index.html")))


def test_the_library_data_lists_every_published_case_study_and_each_year_has_a_listing(built_site: Path):
    data = json.loads((built_site / "case-studies" / "library.json").read_text())
    listed = {study[0].rstrip("/") for study in data["studies"]}
    pages = {p.parent.name for p in (built_site / "case-studies").glob("*/index.html")} - {"year"}
    assert listed == pages
    years = {study[4][:4] for study in data["studies"]}
    assert {p.parent.name for p in (built_site / "case-studies" / "year").glob("*/index.html")} == years
