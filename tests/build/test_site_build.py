"""The real site builds strictly, with no warnings, and has the pages and metadata it promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
