"""An illustrative example is labelled everywhere it appears and never counts as real work.

One build of the project with a real case study beside the site's examples, in the same
neighbourhood, and every place a case study shows up is read back.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import build_project, copy_project, search_pages

pytestmark = pytest.mark.site

EXAMPLE = "example-weekly-frailty-huddle"
REAL = "real-huddle"
BADGE = "Illustrative example"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("examples")
    project = copy_project(base / "project")
    example = (project / "case_studies" / f"{EXAMPLE}.md").read_text(encoding="utf-8")
    real = example.replace("example: true\n", "").replace('title: "Example: ', 'title: "Real: ', 1)
    (project / "case_studies" / f"{REAL}.md").write_text(real, encoding="utf-8")
    site = base / "site"
    result = build_project(project, site, env={"SOURCE_DATE_EPOCH": "1764115200"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def neighbourhood_of(site: Path) -> str:
    record = next(r for r in json.loads((site / "data" / "case-studies.json").read_text())["case_studies"] if r["id"] == REAL)
    return record["neighbourhoods"][0]


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_the_example_page_is_badged_and_titled_as_an_example_and_the_real_one_is_not(site):
    example, real = page(site, f"case-studies/{EXAMPLE}"), page(site, f"case-studies/{REAL}")
    assert BADGE in example and "(illustrative example) - " in example.split("</title>")[0]
    assert f'<span class="un-badge">{BADGE}</span> This case study is invented' in example
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", real, re.S)
    assert heading is not None and "illustrative" not in heading.group(1).lower()
    assert f'<span class="un-badge">{BADGE}</span> This case study is invented' not in real
    assert "(illustrative example) - " not in real.split("</title>")[0]


def test_the_library_badges_examples_and_counts_them_apart(site):
    library = page(site, "case-studies")
    cards = dict(re.findall(r'<li class="un-card"[^>]*data-slug="([^"]+)"(.*?)</li>', library, re.S))
    assert BADGE in cards[EXAMPLE] and BADGE not in cards[REAL]
    assert "The library holds 4 case studies, of which 3 are illustrative examples." in library


def test_a_neighbourhood_lists_the_example_apart_badged_and_counts_only_real_work(site):
    slug = neighbourhood_of(site)
    html = page(site, f"neighbourhoods/{slug}")
    listed, examples = html.split("worked examples", 1)
    assert REAL in listed and EXAMPLE not in listed
    assert EXAMPLE in examples and BADGE in examples
    overview = page(site, "neighbourhoods")
    row = re.search(rf'href="{slug}/"[^\n]*', overview)
    assert row is not None


def test_measure_summaries_and_tool_backlinks_say_which_study_is_an_example(site):
    slug = neighbourhood_of(site)
    measures = page(site, f"neighbourhoods/{slug}").split('class="un-measure-list"', 1)[1].split("</ul>", 1)[0]
    lines = re.findall(r"<li>(.*?)</li>", measures, re.S)
    assert any("(illustrative example)" in line and EXAMPLE in line for line in lines)
    assert any(REAL in line and "(illustrative example)" not in line for line in lines)
    backlinks = next(
        page(site, f"tools/{tool}")
        for tool in ("huddles", "pdsa", "run-chart", "spc-chart")
        if (site / "tools" / tool).is_dir() and EXAMPLE in page(site, f"tools/{tool}")
    )
    item = re.search(rf'<li><a href="[^"]*{EXAMPLE}/">.*?</li>', backlinks)
    assert item is not None and BADGE in item.group(0)


def test_search_feeds_and_open_data_mark_the_example(site):
    titles = {url: title for url, title, _ in search_pages(site)}
    assert titles[f"case-studies/{EXAMPLE}/"].endswith("(illustrative example)")
    assert not titles[f"case-studies/{REAL}/"].endswith("(illustrative example)")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {
        e.findtext(atom + "id"): e.findtext(atom + "title") for e in ElementTree.parse(site / "feed.xml").iter(atom + "entry")
    }
    assert any(id_.endswith(f"/{EXAMPLE}/") and title.endswith("(illustrative example)") for id_, title in entries.items())
    assert any(id_.endswith(f"/{REAL}/") and not title.endswith("(illustrative example)") for id_, title in entries.items())
    records = {r["id"]: r for r in json.loads((site / "data" / "case-studies.json").read_text())["case_studies"]}
    assert records[EXAMPLE]["example"] is True and records[REAL]["example"] is False
