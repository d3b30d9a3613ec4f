"""Every built page, in a real headless Chromium: axe-core finds no WCAG 2.2 AA violation
(light and dark, desktop and mobile, plus the opened states a plain scan misses), no
request leaves 127.0.0.1, and the theme runs without a Content-Security-Policy violation.

Chromium is Debian's ``/usr/bin/chromium`` (installed by ``.ci/run``), or Playwright's own
browser where one is installed. These tests never skip: a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright

pytestmark = pytest.mark.browser

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
VIEWS = [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)]
# Each page reports what its policy blocks; the report reaches the test through the console.
# Scripts Playwright adds run outside the page's policy.
POLICY_VIOLATION = "Content-Security-Policy violation:"
REPORT_POLICY_VIOLATIONS = f"""
document.addEventListener("securitypolicyviolation", event => console.error(
  "{POLICY_VIOLATION} " + event.effectiveDirective + " blocked " + event.blockedURI
  + " at " + event.sourceFile + ":" + event.lineNumber), true);
"""


def chromium_path() -> str | None:
    """The Chromium to drive: $CHROMIUM, Debian's, or one on PATH (None: Playwright's own)."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page in the built site, 404 page included."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append("/" + relative.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        executable = chromium_path()
        launch = dict(args=CHROMIUM_FLAGS, headless=True)
        if executable:
            launch["executable_path"] = executable
        try:
            browser = playwright.chromium.launch(**launch)
        except Exception as error:  # a missing browser must fail loudly, never skip
            pytest.fail(f"cannot start Chromium ({error}); install Debian's chromium package (see .ci/run)")
        yield browser
        browser.close()


class Visitor:
    """One browser tab with a colour scheme and width, recording off-host requests,
    Content-Security-Policy violations (the page's reports and Chromium's own messages),
    failed requests (any 4xx or 5xx), console errors and uncaught script errors."""

    def __init__(self, browser, base_url: str, scheme: str, width: int):
        self.base_url = base_url
        self.view = f"{scheme} {width}px"
        self.context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=scheme if scheme == "dark" else "light",
            service_workers="block",
        )
        self.off_host: list[str] = []
        self.policy_violations: list[str] = []
        self.context.route("**/*", self._guard)
        self.context.add_init_script(REPORT_POLICY_VIOLATIONS)
        self.failed: list[str] = []
        self.context.on("response", self._response)
        self.context.on("requestfailed", lambda request: self.failed.append(f"request failed: {request.url}"))
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.failed.append(f"script error: {error}"))

    def _guard(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.off_host.append(route.request.url)
            route.abort()

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message) -> None:
        if message.text.startswith(POLICY_VIOLATION) or "Content Security Policy" in message.text:
            self.policy_violations.append(message.text)
        elif message.type == "error":
            self.failed.append(f"console error: {message.text}")

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path, wait_until="load")
        self.page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') !== null")

    def axe(self, where: str) -> list[str]:
        """axe-core's violations on the page as it is now, then each Content-Security-Policy
        violation the tab reported since the last check: the theme must run without one."""
        # Evaluated through the DevTools protocol, axe-core runs outside the page's policy.
        self.page.evaluate(AXE_SOURCE)
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
        )
        failures = [
            f"{where} [{self.view}]: {v['id']} ({v['impact']}): {v['help']} -> {' '.join(node['target'])}: "
            + " ".join(node.get("failureSummary", "").split())
            for v in result["violations"]
            for node in v["nodes"]
        ]
        failures += [f"{where} [{self.view}]: {violation}" for violation in self.policy_violations]
        # A page makes no failed request and logs no error (an aborted off-host request is
        # reported as such, below, not here).
        failures += [
            f"{where} [{self.view}]: {failure}" for failure in self.failed if "127.0.0.1" in failure or "error" in failure
        ]
        self.policy_violations.clear()
        self.failed.clear()
        return failures

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize(("scheme", "width"), VIEWS, ids=[f"{s}-{w}px" for s, w in VIEWS])
def test_every_page_passes_axe_and_stays_on_127_0_0_1(browser, site_server, built_site, scheme, width):
    visitor = Visitor(browser, site_server, scheme, width)
    failures: list[str] = []
    try:
        for path in site_pages(built_site):
            visitor.open(path)
            actual = visitor.page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
            expected = "slate" if scheme == "dark" else "default"
            assert actual == expected, f"{path}: expected the {expected} palette, got {actual}"
            failures += visitor.axe(path)
        failures += [f"request to a third party: {url}" for url in visitor.off_host]
    finally:
        visitor.close()
    assert not failures, summarise(failures)


def summarise(failures: list[str], limit: int = 60) -> str:
    """The failures, one line each, the same rule and element across pages folded together."""
    folded: dict[str, list[str]] = {}
    for failure in failures:
        page, _, rest = failure.partition(" [")
        folded.setdefault("[" + rest, []).append(page)
    lines = [f"{len(pages)} page(s), e.g. {pages[0]} {rest}" for rest, pages in folded.items()]
    return f"{len(failures)} failures:\n" + "\n".join(lines[:limit])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_reads_its_index_only_when_a_reader_searches_and_its_results_pass_axe(browser, site_server, scheme):
    visitor = Visitor(browser, site_server, scheme, 1280)
    fetched: list[str] = []
    visitor.context.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    try:
        visitor.open("/")
        visitor.page.click("a[href$='case-studies/']")
        visitor.page.wait_for_selector(".un-library")
        # Opened by clicking: a "/" pressed while instant navigation is still binding the new
        # page's keys can be lost, and the typing then goes nowhere.
        visitor.page.click(".md-search__input")
        visitor.page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
        # The worker answers "ready" at once, having loaded nothing.
        visitor.page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')", timeout=60_000
        )
        index = [path for path in fetched if "/search/" in path and not path.endswith("/search_index.json")]
        assert not index, "a page that is not searched downloads no file of the index"
        visitor.page.keyboard.type("huddle", delay=50)
        visitor.page.wait_for_selector(".md-search-result__item", timeout=30_000)
        searched = [path for path in fetched if "/search/" in path]
        assert "/search/meta.json" in searched and "/search/words/6875.json" in searched
        first = visitor.page.locator(".md-search-result__item > .md-search-result__link").first
        assert (first.get_attribute("href") or "").split("?")[0].endswith("/tools/huddles/")
        assert "huddle" in first.locator("mark").first.inner_text().lower()
        failures = visitor.axe("/ with search results open") + [f"request to a third party: {u}" for u in visitor.off_host]
    finally:
        visitor.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_mobile_navigation_drawer_passes_axe(browser, site_server, scheme):
    visitor = Visitor(browser, site_server, scheme, 375)
    try:
        visitor.open("/programme/")
        visitor.page.click("label.md-header__button[for='__drawer']")
        visitor.page.wait_for_selector(".md-nav--primary", state="visible")
        visitor.page.wait_for_timeout(300)
        failures = visitor.axe("/programme/ with the navigation drawer open")
    finally:
        visitor.close()
    assert not failures, "\n".join(failures)


def test_the_colour_scheme_toggle_switches_palette_and_passes_axe(browser, site_server):
    visitor = Visitor(browser, site_server, "light", 1280)
    try:
        visitor.open("/")
        visitor.page.click("form[data-md-component='palette'] label:visible")
        visitor.page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        failures = visitor.axe("/ after toggling to dark")
    finally:
        visitor.close()
    assert not failures, "\n".join(failures)


def test_the_library_filter_narrows_the_list_keeps_the_choice_in_the_address_and_passes_axe(browser, site_server, built_site):
    visitor = Visitor(browser, site_server, "light", 1280)
    try:
        visitor.open("/case-studies/")
        page = visitor.page
        total = page.locator(".un-library__results .un-card").count()
        assert total >= 3
        assert page.locator("[data-status]").inner_text() == f"Showing {total} of {total} case studies."
        page.check("input[name='neighbourhood'][value='aspen']")
        page.wait_for_function("() => document.querySelector('[data-status]').textContent.startsWith('Showing 1 ')")
        visible = page.locator(".un-library__results .un-card:not([hidden])")
        assert visible.count() == 1 and "aspen" in visible.first.get_attribute("data-neighbourhood")
        assert page.locator("[data-status]").inner_text() == f"Showing 1 of {total} case studies."
        assert "neighbourhood=aspen" in page.url
        failures = visitor.axe("/case-studies/ filtered")
        page.goto(page.url)
        page.wait_for_selector(".un-filter:not([hidden])")
        page.wait_for_function("() => document.querySelector('[data-status]').textContent.startsWith('Showing 1 ')")
        assert page.is_checked("input[name='neighbourhood'][value='aspen']"), "a shared filtered address restores the filter"
        assert page.locator(".un-library__results .un-card:not([hidden])").count() == 1
    finally:
        visitor.close()
    assert not failures, summarise(failures)


def test_without_javascript_the_library_lists_the_newest_and_links_every_year(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server + "/case-studies/")
        assert page.locator(".un-filter").is_hidden()
        dates = page.locator(".un-library__results .un-card time").evaluate_all("els => els.map(e => e.dateTime)")
        assert len(dates) >= 3 and dates == sorted(dates, reverse=True), "newest first"
        years = page.locator(".un-library__years a[href^='year/']")
        assert years.count() >= 1
        reached = 0
        for href in years.evaluate_all("els => els.map(e => e.href)"):
            page.goto(href)
            reached += page.locator(".un-library__list .un-card").count()
        assert reached == len(dates), "the year listings hold every case study"
    finally:
        context.close()


THREE_MEASURES = """---
title: Three measures on one page
summary: A test page with one SPC chart, one run chart and one weekly SPC chart.
date: 2025-05-01
neighbourhoods: [aspen]
authors: [Test team]
consent: true
example: true
measures:
  - title: Admissions
    unit: admissions per month
    improvement: down
    chart: xmr
    target: 12
    annotations:
      - {period: 2024-06, text: "PDSA 1: huddle & review start"}
    data: [%s]
  - title: Plans reviewed
    unit: reviews per month
    improvement: up
    chart: run
    data: [%s]
  - title: Calls answered
    unit: calls per week
    improvement: neutral
    chart: xmr
    data: [%s]
---

## Why we started

To check that three charts on one page stay accessible.
"""


@pytest.fixture(scope="module")
def three_measure_site(tmp_path_factory):
    from conftest import build_project, copy_project, serve_directory

    project = copy_project(tmp_path_factory.mktemp("three") / "project")
    months = [f"2024-{m:02d}" for m in range(1, 13)] + [f"2025-{m:02d}" for m in range(1, 13)]
    spc = ", ".join(
        f"{{period: {p}, value: {v}}}"
        for p, v in zip(
            months, [21, 19, 22, 20, 23, 18, 17, 15, 16, 14, 13, 15, 12, 13, 11, 12, 14, 10, 11, 12, 9, 11, 10, 12], strict=False
        )
    )
    run = ", ".join(
        f"{{period: {p}, value: {v}}}"
        for p, v in zip(months[:16], [5, 6, 5, 7, 6, 5, 8, 9, 9, 10, 11, 10, 12, 11, 12, 13], strict=False)
    )
    weeks = ", ".join(
        f"{{period: 2025-W{w:02d}, value: {v}}}"
        for w, v in zip(
            range(1, 21), [40, 42, 38, 41, 39, 44, 40, 37, 43, 41, 39, 40, 42, 38, 41, 40, 39, 43, 41, 40], strict=False
        )
    )
    (project / "case_studies" / "three-measures.md").write_text(THREE_MEASURES % (spc, run, weeks))
    site = project / "site"
    result = build_project(project, site, env={"SITE_URL": "http://127.0.0.1/"})
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve_directory(site)
    yield url
    server.shutdown()


@pytest.mark.parametrize(("scheme", "width"), VIEWS, ids=[f"{s}-{w}px" for s, w in VIEWS])
def test_a_case_study_with_three_charts_passes_axe(browser, three_measure_site, scheme, width):
    visitor = Visitor(browser, three_measure_site, scheme, width)
    try:
        visitor.open("/case-studies/three-measures/")
        assert visitor.page.locator("figure svg[role='img']").count() == 3
        visitor.page.locator("details").evaluate_all("nodes => nodes.forEach(n => n.open = true)")
        failures = visitor.axe("/case-studies/three-measures/ (tables open)") + [
            f"request to a third party: {u}" for u in visitor.off_host
        ]
    finally:
        visitor.close()
    assert not failures, summarise(failures)
