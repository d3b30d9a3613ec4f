"""Every built page, in a real headless Chromium: axe-core finds no WCAG 2.2 AA violation
(light and dark, desktop and mobile, plus the opened states a plain scan misses), and no
request leaves 127.0.0.1.

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
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]
VIEWS = [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)]


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
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
        executable = _chromium_path()
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
    """One browser tab with a colour scheme and width, recording off-host requests."""

    def __init__(self, browser, base_url: str, scheme: str, width: int):
        self.base_url = base_url
        self.view = f"{scheme} {width}px"
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme if scheme == "dark" else "light",
            service_workers="block",
        )
        self.off_host: list[str] = []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()

    def _guard(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.off_host.append(route.request.url)
            route.abort()

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path, wait_until="load")
        self.page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') !== null")

    def axe(self, where: str) -> list[str]:
        self.page.evaluate(AXE_SOURCE)
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
        )
        return [
            f"{where} [{self.view}]: {v['id']} ({v['impact']}): {v['help']} -> {' '.join(node['target'])}: "
            + " ".join(node.get("failureSummary", "").split())
            for v in result["violations"]
            for node in v["nodes"]
        ]

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("scheme,width", VIEWS, ids=[f"{s}-{w}px" for s, w in VIEWS])
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
def test_search_results_pass_axe(browser, site_server, scheme):
    visitor = Visitor(browser, site_server, scheme, 1280)
    try:
        visitor.open("/")
        visitor.page.keyboard.press("/")
        # The search index loads in a web worker; type only once it is ready.
        visitor.page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')", timeout=60_000
        )
        visitor.page.keyboard.type("frailty", delay=50)
        visitor.page.wait_for_selector(".md-search-result__item", timeout=30_000)
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
