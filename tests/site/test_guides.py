"""Every tool guide follows the one structure, cites its sources, and is two clicks from Home."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from learning.content.load import load_content

ROOT = Path(__file__).resolve().parents[2]
GUIDES = sorted(p for p in (ROOT / "docs" / "tools").glob("*.md") if p.name != "index.md")
SECTIONS = [
    "What it is",
    "Use it when",
    "How to do it",
    "Example from a neighbourhood team",
    "Common pitfalls",
    "Questions a coach might ask",
    "Where it fits",
    "Sources",
]
REQUIRED = {
    "model-for-improvement",
    "pdsa",
    "driver-diagram",
    "action-effect-diagram",
    "process-mapping",
    "patient-journey-mapping",
    "fishbone",
    "five-whys",
    "stakeholder-mapping",
    "measurement-plan",
    "run-chart",
    "spc-chart",
    "big-room",
    "huddles",
}


def test_all_fourteen_required_guides_exist():
    assert {p.stem for p in GUIDES} >= REQUIRED


@pytest.mark.parametrize("guide", GUIDES, ids=[p.stem for p in GUIDES])
def test_each_guide_has_the_eight_sections_in_order(guide: Path):
    headings = re.findall(r"^## (.+)$", guide.read_text(), flags=re.M)
    assert headings == SECTIONS


@pytest.mark.parametrize("guide", GUIDES, ids=[p.stem for p in GUIDES])
def test_each_guide_has_one_labelled_illustrative_example(guide: Path):
    assert guide.read_text().count('!!! example "Illustrative example"') == 1


@pytest.mark.parametrize("guide", GUIDES, ids=[p.stem for p in GUIDES])
def test_every_source_in_the_front_matter_is_cited_in_the_sources_section(guide: Path):
    content, _ = load_content(ROOT)
    tool = next(t for t in content.tools if t.slug == guide.stem)
    sources_section = guide.read_text().split("## Sources", 1)[1]
    for url in tool.sources:
        assert url in sources_section


def test_home_links_to_the_tools_index_which_lists_every_guide():
    from learning.pages.tools_index import tools_index_page

    assert "(tools/index.md)" in (ROOT / "docs" / "index.md").read_text()
    content, _ = load_content(ROOT)
    index = tools_index_page(content.tools)
    for guide in GUIDES:
        assert f"]({guide.stem}.md)" in index
