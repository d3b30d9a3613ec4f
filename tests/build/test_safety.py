"""Whole builds with hostile input: every text the theme prints is escaped, nothing from
outside the repository is published, and the preview survives broken content.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build_project, copy_project, search_pages

pytestmark = pytest.mark.site

# Passes `make check` (which refuses script-capable markup) but breaks any head that prints it raw.
HOSTILE = 'Falls "quoted" <b>bold</b> &quot;&gt; </title><i>x</i> & more'
# A hand-written page's front matter is not checked that way: only the escaping stands.
SCRIPTED = HOSTILE + " <script>alert(1)</script>"
REVIEWED = "last_reviewed: 2026-12-01\nreview_due: 2027-06-01\n"


class Head(HTMLParser):
    """The texts and attributes of a page's <head>, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.scripts_in_head = 0
        self._in_head = self._in_title = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif self._in_head and tag == "title":
            self._in_title = True
        elif self._in_head and tag == "meta":
            key = values.get("name") or values.get("property") or values.get("http-equiv")
            if key:
                self.meta[key] = values.get("content") or ""

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project")
    study = project / "case_studies" / "example-falls-pathway-mapping.md"
    text = study.read_text(encoding="utf-8")
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if skipping and line.startswith(" "):
            continue  # the rest of a folded value
        skipping = line.startswith(("title:", "summary:"))
        if skipping:
            line = f"{line.split(':', 1)[0]}: '{HOSTILE}'\n"
        kept.append(line)
    study.write_text("".join(kept), encoding="utf-8")
    page = project / "docs" / "hostile.md"
    page.write_text(
        f"---\n{REVIEWED}title: '{SCRIPTED}'\ndescription: '{SCRIPTED}'\n---\n\n# Hostile\n\nText.\n", encoding="utf-8"
    )
    untitled = project / "docs" / "untitled.md"
    untitled.write_text(f"---\n{REVIEWED}---\n\n# Heading &lt;script&gt; &amp; &quot;\n\nText.\n", encoding="utf-8")
    site = base / "site"
    result = build_project(project, site, env={"SOURCE_DATE_EPOCH": "1764115200"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.parametrize(
    ("page", "text", "title"),
    [
        ("case-studies/example-falls-pathway-mapping/index.html", HOSTILE, f"{HOSTILE} (illustrative example)"),
        ("hostile/index.html", SCRIPTED, SCRIPTED),
    ],
)
def test_a_title_and_description_with_markup_reach_the_head_as_the_exact_text(hostile_site, page, text, title):
    head = head_of(hostile_site / page)
    assert head.title == f"{title} - United Neighbourhoods learning site"
    assert head.meta["description"] == text
    assert head.meta["og:title"] == title
    assert head.meta["og:description"] == text
    assert "refresh" not in head.meta
    html = (hostile_site / page).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html.split("<body", 1)[0]


def test_a_title_taken_from_the_first_heading_is_escaped_once(hostile_site):
    head = head_of(hostile_site / "untitled" / "index.html")
    assert head.title == 'Heading <script> & " - United Neighbourhoods learning site'


def test_the_search_index_holds_no_fragment_markers(hostile_site):
    # Markup a contributor wrote is in the index as the text a reader saw; the search worker
    # escapes all of it (tests/site/test_hostile.py searches the hostile site).
    for path in (hostile_site / "search").rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert "@@un-fragment" not in text and "un-fragment:" not in text, path


def _serve(project: Path, port: int, log: Path):
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )


def test_the_preview_starts_with_hostile_content_present_keeps_answering_and_recovers(tmp_path):
    from test_build_behaviour import _free_port, _get, _wait_for

    project = copy_project(tmp_path / "project")
    aspen = project / "data" / "neighbourhoods" / "aspen.yml"
    good_aspen = aspen.read_text(encoding="utf-8")
    aspen.write_text(good_aspen.replace("population: null", "population: " + "9" * 5000), encoding="utf-8")
    (project / "docs" / "leak.txt").symlink_to("/proc/self/environ")
    (project / "case_studies" / "index.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    port, log = _free_port(), tmp_path / "serve.log"
    server = _serve(project, port, log)
    try:
        base = f"http://127.0.0.1:{port}/learning-site/"
        assert _wait_for(lambda: _get(base) == 200, 90), log.read_text()
        assert _wait_for(lambda: "docs/leak.txt:1: is a symbolic link" in log.read_text(), 30), log.read_text()
        text = log.read_text()
        assert "data/neighbourhoods/aspen.yml" in text and "at most 30 digits" in text
        assert "case_studies/index.md:1: 'index.md' is a name the site keeps" in text
        assert "Traceback" not in text
        assert _get(base + "leak.txt") == 404
        assert _get(base + "case-studies/") == 200
        aspen.write_text(good_aspen, encoding="utf-8")
        assert _wait_for(lambda: _get(base + "neighbourhoods/aspen/") == 200, 90), log.read_text()
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_search_results_show_readers_text_only(hostile_site):
    pages = search_pages(hostile_site)
    assert pages
    for url, title, shown in pages:
        assert "@@" not in title + shown and "un-fragment" not in title + shown, url
        assert "Page last reviewed" not in shown, url
    urls = [url for url, _, _ in pages]
    assert len(urls) == len(set(urls))
