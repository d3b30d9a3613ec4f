"""The "Propose a case study" form, driven in headless Chromium as a coach would use it.

A filled-in form gives a file that ``make check`` accepts and the build publishes with its
chart; each mistake shows in the error summary and beside its field in make check's words;
answers survive a reload; the GitHub hand-off carries the file in its address, or copies it
when the address would be too long; tricky text round-trips through the strict loader; the
page passes axe in every state, reflows at 400% zoom, works offline once loaded and asks no
other host for anything. Without JavaScript it points to the template.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from test_browser import Visitor, browser  # noqa: F401  (the browser fixture)

from conftest import ROOT, build_project, copy_project
from learning.content.template import SECTIONS
from learning.files.proposal import GITHUB_URL_LIMIT
from learning.measures.periods import parse_period
from learning.problems import Problem
from learning.source.fields import empty_value, parse_date, too_few
from learning.source.frontmatter import split_front_matter

pytestmark = pytest.mark.browser

PAGE = "/contribute/propose/"
REPO = "https://github.com/united-neighbourhoods/learning-site"
SLUG = "home-visits-after-falls"
# 24 months copied from a spreadsheet: a header row, then period and value split by a tab.
DATA = "Month\tFalls admissions\n" + "".join(f"{2023 + (m // 12)}-{m % 12 + 1:02d}\t{20 + (m * 7) % 9}\n" for m in range(24))


def visit(browser, site_server, scheme="light", width=1280, path=PAGE) -> Visitor:  # noqa: F811
    visitor = Visitor(browser, site_server, scheme, width)
    visitor.open(path)
    visitor.page.wait_for_selector("#propose-form:not([hidden])")
    return visitor


def settled_axe(visitor: Visitor, where: str) -> list[str]:
    """axe once the theme's transitions have ended: scrolling to the error summary fades in
    its "Back to top" button, whose colours half-way through are not its colours."""
    visitor.page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    return visitor.axe(where)


def fill_everything(page) -> None:
    """Every field, as the done-when of issue 14 lists them."""
    page.fill("[name=title]", "Home visits after a fall: a first test")
    page.fill("[name=summary]", "A nurse and a social care officer visit together within two days of a fall.")
    page.fill("[name=date]", "2025-06-02")
    for value in ("forest-of-dean", "cheltenham-central"):
        page.check(f"input[name=neighbourhoods][value={value}]")
    for value in ("pdsa", "run-chart", "process-mapping"):
        page.check(f"input[name=tools][value={value}]")
    page.check("input[name=themes][type=checkbox] >> nth=0")
    page.fill("#themes-new", "joint-visits")
    page.check("input[name=partners] >> nth=0")
    page.fill("[name=authors]", "Community Nursing Team\nA. Coach")
    page.select_option("[name=stage]", "testing")
    for number, (heading, _) in enumerate(SECTIONS, start=1):
        page.fill(f"#section-{number}", f"What we wrote under {heading}.\n\nA second paragraph.")
    page.click("[data-add-measure]")
    page.fill("[name=measure-1-title]", "Emergency admissions after a fall")
    page.fill("[name=measure-1-unit]", "admissions per month")
    page.check("input[name=measure-1-improvement][value=down]")
    page.check("input[name=measure-1-chart][value=run]")
    page.fill("[name=measure-1-target]", "15")
    page.fill("[name=measure-1-data]", DATA)
    page.check("input[name=consent]")
    page.check("input[name=status][value=published]")


def make_file(page) -> str:
    page.click("[data-make]")
    page.wait_for_selector("#result:visible")
    return page.text_content("#result")


def plain(message: str) -> str:
    """A message as the page shows it: its `code` spans are elements, not backticks."""
    return message.replace("`", "")


def snapshot(page) -> dict:
    return page.evaluate(
        """() => Array.from(document.querySelector('#propose-form').elements).filter(e => e.name)
             .map(e => [e.name, e.type === 'checkbox' || e.type === 'radio' ? e.value + ':' + e.checked : e.value])"""
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("proposed") / "project")


def test_a_filled_in_form_makes_a_file_that_make_check_accepts_and_the_build_charts(browser, site_server, project):  # noqa: F811
    visitor = visit(browser, site_server)
    try:
        fill_everything(visitor.page)
        assert visitor.page.input_value("#slug") == "home-visits-after-a-fall-a-first-test"
        visitor.page.fill("#slug", SLUG)
        preview = visitor.page.locator("[data-measure='1'] [data-preview]")
        assert "Read 24 points (the first row was read as a header and left out)" in preview.inner_text()
        assert preview.locator("svg.un-preview__plot circle").count() == 24
        text = make_file(visitor.page)
        assert settled_axe(visitor, "filled-in form with its file") == []
    finally:
        visitor.close()
    (project / "case_studies" / f"{SLUG}.md").write_text(text, encoding="utf-8")
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_content.py"), "--root", str(project)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Content OK: 4 case studies" in check.stdout
    site = project.parent / "site"
    built = build_project(project, site, env={"SITE_URL": "http://127.0.0.1/"})
    assert built.returncode == 0, built.stdout + built.stderr
    page = (site / "case-studies" / SLUG / "index.html").read_text()
    assert "Home visits after a fall: a first test" in page
    assert page.count('class="un-chart un-chart--run"') == 1
    assert "Emergency admissions after a fall" in page


def test_each_required_field_left_empty_is_named_in_the_summary_and_beside_the_field(browser, site_server):  # noqa: F811
    visitor = visit(browser, site_server)
    page = visitor.page
    try:
        fill_everything(page)
        cases = [
            ("[name=title]", "title-group", empty_value("Weekly frailty huddle cuts repeat falls admissions")),
            ("[name=summary]", "summary-group", empty_value("One or two sentences for listings, feeds and link previews.")),
            ("[name=date]", "date-group", empty_value("2025-03-14")),
            ("[name=authors]", "authors-group", too_few("1 item", "[District Nursing Team, Forest of Dean INT]")),
            ("#slug", "slug-group", empty_value("weekly-frailty-huddle")),
            ("[name=measure-1-unit]", "measure-1-unit-group", empty_value("admissions per month")),
        ]
        for selector, group, message in cases:
            kept = page.input_value(selector)
            page.fill(selector, "")
            page.click("[data-make]")
            summary = page.locator("[data-error-summary]")
            assert summary.is_visible(), selector
            assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
            assert plain(message) in summary.inner_text(), (selector, summary.inner_text())
            inline = page.locator(f"#{group} .un-error-message")
            assert inline.is_visible() and plain(message) in inline.inner_text(), selector
            # Each summary entry links to its field.
            target = summary.locator("a").first.get_attribute("href")
            assert page.locator(target).count() == 1
            if selector == "[name=title]":
                assert settled_axe(visitor, "form with an error showing") == []
            page.fill(selector, kept)
        # Neighbourhoods: unticked, the list is too short.
        for value in ("forest-of-dean", "cheltenham-central"):
            page.uncheck(f"input[name=neighbourhoods][value={value}]")
        page.click("[data-make]")
        assert plain(too_few("1 item", "[forest-of-dean]")) in page.inner_text("#neighbourhoods-group .un-error-message")
        page.check("input[name=neighbourhoods][value=forest-of-dean]")
        # Published without consent: make check's own rule and words.
        page.uncheck("input[name=consent]")
        page.click("[data-make]")
        assert "must be true to publish; until everyone named has agreed, set status: draft" in page.inner_text(
            "[data-error-summary]"
        )
        page.check("input[name=consent]")
        make_file(page)
        assert not page.locator("[data-error-summary]").is_visible()
        assert visitor.off_host == []
    finally:
        visitor.close()


def test_a_file_name_already_taken_or_against_the_rule_is_refused_as_it_is_typed(browser, site_server):  # noqa: F811
    visitor = visit(browser, site_server)
    page = visitor.page
    try:
        page.fill("#slug", "example-weekly-frailty-huddle")
        assert "'example-weekly-frailty-huddle.md' is already a case study; choose another file name" in page.inner_text(
            "#slug-error"
        )
        assert page.get_attribute("#slug", "aria-invalid") == "true"
        assert "slug-error" in page.get_attribute("#slug", "aria-describedby")
        page.fill("#slug", "Weekly_Huddle")
        assert "file name 'Weekly_Huddle.md' must be lower-case letters" in page.inner_text("#slug-error")
        page.fill("#slug", "index")
        assert "'index.md' is a name the site keeps for its own page" in page.inner_text("#slug-error")
        page.fill("#slug", "a-new-name")
        assert not page.locator("#slug-error").is_visible()
    finally:
        visitor.close()


def test_answers_are_restored_after_a_reload_and_start_again_asks_first(browser, site_server):  # noqa: F811
    visitor = visit(browser, site_server)
    page = visitor.page
    try:
        fill_everything(page)
        page.click("[data-add-measure]")
        page.fill("[name=measure-2-title]", "Second measure")
        before = snapshot(page)
        page.reload()
        page.wait_for_selector("#propose-form:not([hidden])")
        assert snapshot(page) == before
        assert "restored" in page.inner_text("[data-save-status]")
        assert page.locator("[data-measure='1'] [data-preview] svg").count() == 1
        # Removing the first measure renumbers the second.
        page.click("[data-measure='1'] [data-remove-measure]")
        assert page.input_value("[name=measure-1-title]") == "Second measure"
        assert page.locator("[data-measure]").count() == 1
        page.click("[data-reset]")
        assert page.locator("[data-confirm]").is_visible()
        page.click("[data-reset-no]")
        assert page.input_value("[name=title]") == "Home visits after a fall: a first test"
        page.click("[data-reset]")
        page.click("[data-reset-yes]")
        assert page.input_value("[name=title]") == ""
        assert page.locator("[data-measure]").count() == 0
        page.reload()
        page.wait_for_selector("#propose-form:not([hidden])")
        assert page.input_value("[name=title]") == ""
    finally:
        visitor.close()


def test_open_in_github_carries_the_file_in_its_address_or_copies_it_when_too_long(browser, site_server):  # noqa: F811
    visitor = visit(browser, site_server)
    page = visitor.page
    try:
        visitor.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
        fill_everything(page)
        page.fill("#slug", SLUG)
        text = make_file(page)
        href = page.get_attribute("#open-github", "href")
        address = urlsplit(href)
        assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO}/new/main/case_studies"
        query = parse_qs(address.query)
        assert query == {"filename": [f"{SLUG}.md"], "value": [text]}
        assert len(href) <= GITHUB_URL_LIMIT
        # A long write-up: the address would be too long, so the file is copied instead.
        page.fill("#section-3", "We tested one change a week. " * 400)
        text = make_file(page)
        href = page.get_attribute("#open-github", "href")
        assert parse_qs(urlsplit(href).query) == {"filename": [f"{SLUG}.md"]}
        assert "too long for GitHub to receive in a link" in page.inner_text("[data-handoff-status]")
        asked: list[str] = []
        visitor.context.route("https://github.com/**", lambda route: (asked.append(route.request.url), route.abort()))
        with visitor.context.expect_page() as opened:
            page.click("#open-github")
        opened.value.close()
        assert asked == [f"{REPO}/new/main/case_studies?filename={SLUG}.md"]
        page.wait_for_function("() => document.querySelector('[data-handoff-status]').textContent.includes('copied')")
        assert page.evaluate("navigator.clipboard.readText()") == text
        with page.expect_download() as download:
            page.click("[data-download] >> nth=0")
        assert download.value.suggested_filename == f"{SLUG}.md"
        assert Path(download.value.path()).read_text(encoding="utf-8") == text
        # Only the chosen hand-off left the site.
        assert all(url.startswith("https://github.com/") for url in visitor.off_host)
    finally:
        visitor.close()


TRICKY = [
    "no",
    "on",
    "012",
    "1e3",
    "null",
    "a: b # c",
    "'single' and \"double\"",
    "back\\slash",
    "Café – ünïcödé 🙂",
    "- dash",
    "[x]",
]


def test_tricky_text_reads_back_unchanged_through_the_strict_loader(browser, site_server):  # noqa: F811
    visitor = visit(browser, site_server)
    page = visitor.page
    try:
        fill_everything(page)
        page.fill("[name=title]", " ".join(TRICKY))
        page.fill("[name=summary]", "yes")
        page.fill("[name=authors]", "\n".join(TRICKY))
        page.fill("[name=measure-1-title]", "on: 012")
        text = make_file(page)
    finally:
        visitor.close()
    problems: list[Problem] = []
    document = split_front_matter(text, "case_studies/x.md", problems)
    assert problems == []
    meta = document.meta
    assert meta["title"] == " ".join(TRICKY)
    assert meta["summary"] == "yes"
    assert list(meta["authors"]) == TRICKY
    assert meta["date"] == "2025-06-02"
    assert meta["consent"] is True
    measure = meta["measures"][0]
    assert measure["title"] == "on: 012"
    assert measure["target"] == 15
    assert [p["value"] for p in measure["data"]] == [20 + (m * 7) % 9 for m in range(24)]


def test_the_patterns_from_the_spec_agree_with_the_python_parsers(browser, site_server):  # noqa: F811
    visitor = visit(browser, site_server)
    try:
        dates = ["2024-02-29", "2023-02-29", "2025-04-31", "1999-12-31", "2000-01-01", "2100-12-31", "2101-01-01", "2025-13-01"]
        periods = ["2024-01", "2024-13", "2024-00", "2020-W53", "2021-W53", "2024-W00", "2024-02-30", "2024-1", "0000-01"]
        spec = visitor.page.evaluate(f"fetch('{PAGE}form.json').then(r => r.json())")
        patterns = spec["patterns"]
        found = visitor.page.evaluate(
            """([patterns, dates, periods]) => ({
                dates: dates.map(d => new RegExp(patterns.date).test(d)),
                periods: periods.map(p => ['month', 'day', 'week'].some(k => new RegExp(patterns[k]).test(p))),
            })""",
            [patterns, dates, periods],
        )
        assert found["dates"] == [parse_date(d, lambda message: None) is not None for d in dates]
        assert found["periods"] == [parse_period(p) is not None for p in periods]
    finally:
        visitor.close()


def test_pasted_rows_that_cannot_be_read_are_flagged_with_their_row_number(browser, site_server):  # noqa: F811
    visitor = visit(browser, site_server)
    page = visitor.page
    try:
        page.click("[data-add-measure]")
        page.fill("[name=measure-1-data]", "period,value\n2024-01,21\nFeb 2024,19\n2024-03,lots\n2024-02,4\n2024-05\n")
        problems = page.inner_text("[data-measure='1'] .un-preview__problems")
        assert "Row 4: expected a number written in plain digits, e.g. 21, got 'lots'" in problems
        assert "Row 5: '2024-02' is earlier than '2024-02' above it" not in problems
        assert "Row 5: repeats '2024-02' (first given on line 3); give each period once" in problems
        assert "Row 6: expected 2 columns, period and value (e.g. '2024-01,21'), got 1" in problems
        assert "2024-02 (from Feb 2024)" in page.inner_text("[data-measure='1'] .un-preview__table")
    finally:
        visitor.close()


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)])
def test_the_form_passes_axe_with_errors_a_preview_and_its_file_showing(browser, site_server, scheme, width):  # noqa: F811
    visitor = visit(browser, site_server, scheme, width)
    page = visitor.page
    try:
        failures = settled_axe(visitor, "empty form")
        page.click("[data-add-measure]")
        page.fill("[name=measure-1-data]", DATA + "2025-13\tx\n")
        page.click("[data-make]")
        failures += settled_axe(visitor, "errors and a measure preview showing")
        page.click("[data-reset]")
        page.click("[data-reset-yes]")
        fill_everything(page)
        make_file(page)
        failures += settled_axe(visitor, "the finished file showing")
        page.click("[data-reset]")
        failures += settled_axe(visitor, "start again asking first")
        assert failures == []
        assert visitor.off_host == []
    finally:
        visitor.close()


def test_the_form_reflows_at_400_percent_zoom_and_works_by_keyboard(browser, site_server):  # noqa: F811
    # 1280 CSS pixels at 400% zoom are 320 wide (WCAG 1.4.10).
    visitor = visit(browser, site_server, "light", 320)
    page = visitor.page
    try:
        page.click("[data-add-measure]")
        page.fill("[name=measure-1-data]", DATA)
        page.click("[data-make]")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.focus("[name=title]")
        page.keyboard.type("Typed by keyboard")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "summary"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"
    finally:
        visitor.close()


def test_the_form_works_offline_once_loaded_and_prefills_from_its_address(browser, site_server):  # noqa: F811
    visitor = visit(browser, site_server, path=PAGE + "?neighbourhoods=forest-of-dean&tools=pdsa,run-chart")
    page = visitor.page
    try:
        checked = page.evaluate(
            "Array.from(document.querySelectorAll('#propose-form input[type=checkbox]:checked')).map(e => e.name + '=' + e.value)"
        )
        assert checked == ["neighbourhoods=forest-of-dean", "tools=pdsa", "tools=run-chart"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.input_value("[name=date]"))
        requests: list[str] = []
        visitor.context.on("request", lambda request: requests.append(request.url))
        visitor.context.set_offline(True)
        fill_everything(page)
        assert "title: " in make_file(page)
        assert requests == []
    finally:
        visitor.close()


def test_without_javascript_the_page_explains_and_links_the_template(browser, site_server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server + PAGE)
        assert page.locator("[data-nojs]").is_visible()
        assert not page.locator("#propose-form").is_visible()
        assert "This form needs JavaScript" in page.inner_text("[data-nojs]")
        link = page.locator("[data-nojs] a").first.get_attribute("href")
        assert link.startswith(f"{REPO}/new/main/case_studies?filename=my-case-study.md&value=")
    finally:
        context.close()


def test_only_the_propose_page_loads_its_script_and_it_starts_after_instant_navigation(browser, site_server):  # noqa: F811
    visitor = Visitor(browser, site_server, "light", 1280)
    page = visitor.page
    try:
        scripts: list[str] = []
        visitor.context.on("request", lambda request: scripts.append(request.url) if request.url.endswith(".js") else None)
        visitor.open("/contribute/")
        assert not [url for url in scripts if url.endswith("/propose.js")]
        # The theme's instant navigation swaps the content in without loading a new page.
        page.click("article a[href$='propose/']")
        page.wait_for_selector("#propose-form:not([hidden])")
        assert [url for url in scripts if url.endswith("/propose.js")] == [site_server + "/assets/javascripts/propose.js"]
        page.fill("[name=title]", "After navigation")
        assert page.input_value("#slug") == "after-navigation"
        assert settled_axe(visitor, "propose page reached by instant navigation") == []
    finally:
        visitor.close()
