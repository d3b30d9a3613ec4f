"""The Content-Security-Policy of every built page, in the built files and in a real
headless Chromium.

Every page carries the one policy at the top of its head, and has no inline script: the
theme's are files. Script written into a page after the build (an event handler, an inline
script, a ``javascript:`` link) does not run, whether the page is opened directly or
reached by instant navigation (which re-inserts the content's scripts), and Chromium
reports each one. The theme runs without a single violation across instant navigation
between pages at different depths, and in the timeline filter; test_browser.py fails on
any violation during search, the palette toggle, the library filter and its axe checks.
Text a contributor writes reaches the head as text, never as a script.
"""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM_FLAGS, Visitor, chromium_path

from conftest import build_project, copy_project, serve_directory
from learning.build.policy import POLICY

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
# The only kinds of script element the site writes: a file, or the theme's data block.
SERVED_OR_DATA = re.compile(
    r'<script src="[^"]+"(?: data-(?:scope|base)="[^"]*")?>|<script id="__config" type="application/json">'
)
ATTACK = '<img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script><a id="pwn" href="javascript:window.__pwned = 3">Open</a>'
ATTACKED = "/glossary/"


@pytest.mark.site
def test_every_page_has_the_one_policy_before_any_script_and_no_inline_script(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert built_site / "404.html" in pages
    for file in pages:
        html = file.read_text()
        metas = META.findall(html)
        assert len(metas) == 1, f"{file}: {len(metas)} policies"
        assert metas[0] == POLICY, file
        where = html.index('<meta http-equiv="Content-Security-Policy"')
        assert html.index('<meta charset="utf-8">') < where < html.index("<script"), file
        scripts = SCRIPT.findall(html)
        assert scripts, file
        # Any other script element would be blocked: a page that needs one is broken.
        assert all(SERVED_OR_DATA.fullmatch(tag) for tag in scripts), f"{file}: {scripts}"


@pytest.mark.site
def test_markup_in_a_case_study_title_or_summary_never_becomes_a_script_the_policy_allows(tmp_path):
    # The title and summary are written into the head and the navigation: they must be
    # refused or arrive as text.
    project = copy_project(tmp_path / "project")
    study = project / "case_studies" / "example-care-plan-reviews.md"
    attack = "&quot;&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;"
    text = study.read_text()
    text = re.sub(r"^title: .*$", f'title: "Reviews {attack}"', text, count=1, flags=re.MULTILINE)
    text = text.replace("summary: >-\n", f"summary: >-\n  Reviews {attack}\n", 1)
    study.write_text(text)
    result = build_project(project, tmp_path / "site", env={"SITE_URL": "http://127.0.0.1/"})
    if result.returncode != 0:
        assert "case_studies/example-care-plan-reviews.md" in result.stdout + result.stderr
        return
    attacked = (tmp_path / "site" / "case-studies" / "example-care-plan-reviews" / "index.html").read_text()
    sibling = (tmp_path / "site" / "case-studies" / "example-falls-pathway-mapping" / "index.html").read_text()
    assert "<script>window.__pwned" not in attacked
    assert META.findall(attacked) == META.findall(sibling) == [POLICY]
    assert len(SCRIPT.findall(attacked)) == len(SCRIPT.findall(sibling))


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launch = dict(args=CHROMIUM_FLAGS, headless=True)
        if executable := chromium_path():
            launch["executable_path"] = executable
        try:
            browser = playwright.chromium.launch(**launch)
        except Exception as error:  # a missing browser must fail loudly, never skip
            pytest.fail(f"cannot start Chromium ({error}); install Debian's chromium package (see .ci/run)")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def attacked_site(built_site, tmp_path_factory):
    """A copy of the built site, served, with script written into one page's content area
    after the build. Its sitemap gives the served address, so instant navigation works."""
    site = tmp_path_factory.mktemp("attacked") / "site"
    shutil.copytree(built_site, site)
    page = site / ATTACKED.strip("/") / "index.html"
    html = page.read_text()
    content = html.index(">", html.index('<article class="md-content__inner')) + 1
    page.write_text(html[:content] + ATTACK + html[content:])
    url, server = serve_directory(site)
    sitemap = site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text().replace("http://127.0.0.1/", url + "/"))
    yield url
    server.shutdown()
    server.server_close()


class Reporter(Visitor):
    """A tab that also keeps the effective directive of every violation its pages report."""

    def __init__(self, browser, base_url: str):
        super().__init__(browser, base_url, "light", 1280)
        self.page.add_init_script(
            "window.__blocked = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__blocked.push(e.effectiveDirective), true);"
        )

    def blocked(self) -> list[str]:
        return sorted(self.page.evaluate("window.__blocked"))

    def pwned(self):
        return self.page.evaluate("window.__pwned")


def _attack_runs_nowhere(visitor: Reporter) -> None:
    # Each blocked script is reported once for each policy in force: after instant
    # navigation, the first page's policy and the new page's.
    page = visitor.page
    assert visitor.pwned() is None
    page.wait_for_function("() => window.__blocked.includes('script-src-attr') && window.__blocked.includes('script-src-elem')")
    scripts = visitor.blocked().count("script-src-elem")
    page.click("#pwn")
    page.wait_for_function("n => window.__blocked.filter(d => d === 'script-src-elem').length > n", arg=scripts)
    assert visitor.pwned() is None
    assert set(visitor.blocked()) == {"script-src-attr", "script-src-elem"}
    assert visitor.policy_violations, "Chromium reported nothing in the console"
    assert visitor.off_host == []


@pytest.mark.browser
def test_script_written_into_a_page_after_the_build_does_not_run_and_is_reported(browser, attacked_site):
    visitor = Reporter(browser, attacked_site)
    try:
        visitor.open(ATTACKED)
        _attack_runs_nowhere(visitor)
    finally:
        visitor.close()


@pytest.mark.browser
def test_script_in_a_page_reached_by_instant_navigation_does_not_run_either(browser, attacked_site):
    visitor = Reporter(browser, attacked_site)
    try:
        visitor.open("/")
        visitor.page.evaluate("window.__stayed = true")
        visitor.page.click(f"a.md-tabs__link[href$='{ATTACKED.strip('/')}/']")
        visitor.page.wait_for_url(f"**{ATTACKED}")
        assert visitor.page.evaluate("window.__stayed") is True, "instant navigation replaced the page"
        _attack_runs_nowhere(visitor)
    finally:
        visitor.close()


@pytest.mark.browser
def test_the_theme_runs_without_a_violation_through_instant_navigation_and_the_timeline_filter(browser, attacked_site):
    visitor = Visitor(browser, attacked_site, "light", 1280)
    page = visitor.page
    try:
        visitor.open("/")
        page.evaluate("window.__stayed = true")
        # Pages at different depths give the theme's scripts different scopes; each keeps working.
        page.click("a.md-tabs__link[href$='case-studies/']")
        page.wait_for_selector(".un-filter:not([hidden])")
        page.click("a.md-tabs__link[href$='programme/']")
        page.wait_for_url("**/programme/")
        page.click("a.md-nav__link[href$='/timeline/']:visible")
        page.wait_for_selector(".un-timeline-filter:not([hidden])")
        total = page.locator(".un-event").count()
        assert page.locator("[data-timeline-status]").inner_text() == f"Showing {total} of {total} events."
        page.select_option(".un-timeline-filter select", "programme")
        assert page.url.endswith("/timeline/?for=programme")
        shown = page.locator(".un-event:not([hidden])").count()
        assert page.locator("[data-timeline-status]").inner_text() == f"Showing {shown} of {total} events."
        page.go_back()
        page.wait_for_url("**/programme/")
        page.locator(".md-footer__link--next").click()
        page.wait_for_url("**/programme/why-frailty/")
        assert page.evaluate("window.__stayed") is True, "instant navigation replaced the page"
        failures = visitor.policy_violations + [f"request to a third party: {u}" for u in visitor.off_host]
    finally:
        visitor.close()
    assert not failures, "\n".join(failures)
