"""At 2,000 generated case studies (the bench's corpus), in Chromium: the library's filter
and the search work, every case study is reached without JavaScript, and no page opened
makes a failed request or a console error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import sync_playwright
from scripts.bench.corpus import generate_case_studies
from scripts.bench.projects import snapshot
from test_browser import CHROMIUM_FLAGS, Visitor, chromium_path

from conftest import ROOT, build_project, serve_directory

pytestmark = pytest.mark.browser

N = 2000
CASE_STUDY_LINK = re.compile(r'href="(?:\.\./)*(bench-\d+)/"')


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("scale")
    project = snapshot(ROOT, base / "project")
    # No measures: charts are the bench's concern, and drawing 1,000 would only add minutes.
    generate_case_studies(project, N, measures="none")
    site = base / "site"
    result = build_project(project, site, env={"SOURCE_DATE_EPOCH": "1764115200", "SITE_URL": "http://127.0.0.1/"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    url, server = serve_directory(site)
    yield site, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        launch: dict = {"args": CHROMIUM_FLAGS, "headless": True}
        if executable := chromium_path():
            launch["executable_path"] = executable
        browser = playwright.chromium.launch(**launch)
        yield browser
        browser.close()


def test_every_case_study_is_reached_without_javascript_from_the_library(large_site, chromium):
    site, url = large_site
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url + "/case-studies/")
        assert page.locator(".un-library__results .un-card").count() == 50
        to_visit = page.locator(".un-library__years a[href^='year/']").evaluate_all("els => els.map(e => e.href)")
        seen_pages, reached = set(), set()
        while to_visit:
            address = to_visit.pop()
            if address in seen_pages:
                continue
            seen_pages.add(address)
            page.goto(address)
            reached.update(CASE_STUDY_LINK.findall(page.locator(".un-library__list").inner_html()))
            to_visit += page.locator(".un-library__pages a").evaluate_all("els => els.map(e => e.href)")
    finally:
        context.close()
    assert reached == {p.parent.name for p in (site / "case-studies").glob("bench-*/index.html")}
    assert len(reached) == N


def test_the_filter_and_the_search_work_over_every_case_study_without_a_failed_request(large_site, chromium):
    _, url = large_site
    visitor = Visitor(chromium, url, "light", 1280)
    try:
        page = visitor.page
        visitor.open("/case-studies/")
        page.wait_for_selector(".un-filter:not([hidden])")
        assert page.locator("[data-status]").inner_text() == f"Showing the 50 newest of {N} case studies."
        expected = int(page.locator("label:has(input[name='neighbourhood'][value='aspen']) [data-count]").inner_text())
        page.check("input[name='neighbourhood'][value='aspen']")
        page.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('matching')")
        assert (
            page.locator("[data-status]").inner_text()
            == f"Showing the 20 newest of {expected} matching case studies ({N} in all)."
        )
        cards = page.locator(".un-library__results .un-card")
        assert cards.count() == 20
        assert all("aspen" in value.split() for value in cards.evaluate_all("els => els.map(e => e.dataset.neighbourhood)"))
        page.click("[data-more]")
        page.wait_for_function("() => document.querySelectorAll('.un-library__results .un-card').length === 40")
        assert "neighbourhood=aspen" in page.url
        page.keyboard.press("/")
        page.keyboard.type("proactive phone calls")
        # Results come for each prefix typed; the last query's include the case studies.
        page.wait_for_selector(".md-search-result__item a[href*='case-studies/bench-']", timeout=60_000)
        visitor.page.wait_for_load_state("networkidle")
        problems = visitor.failed + visitor.off_host + visitor.policy_violations
    finally:
        visitor.close()
    assert not problems, problems
