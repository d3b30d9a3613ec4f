"""Reader-side figures of a built bench site (:func:`measure_reader`): what a reader
downloads and waits for, in headless Chromium with the CPU slowed :data:`CPU_SLOWDOWN`
times (Chrome DevTools' ``Emulation.setCPUThrottlingRate``, as Lighthouse's mobile runs).

* the library page's HTML, raw and gzipped (level 6, as a web server sends it), and its
  DOM elements once its script has run;
* what a page that is not searched downloads from ``search/`` (the theme's configuration
  only, no file of the site's index), and what the first query downloads from the index;
* from the first key typed to the first result shown, and from a second query to its results;
* from ticking a filter option to the new list: the first time (which fetches the list of
  every case study) and the median of later changes;
* every failed request (4xx/5xx) and console error on the pages opened;
* whether each of :func:`queries` finds what it should in its first ten results.

The site is served from 127.0.0.1 without compression: network time is not the point here.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

CPU_SLOWDOWN = 4
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

# Resolves with the milliseconds from ticking `selector` to the status line giving the new count.
_FILTER = """async selector => {
  const status = document.querySelector("[data-status]");
  const box = document.querySelector(selector);
  const start = performance.now();
  // The script rewrites the status line after every change, even with the same count.
  const changed = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!status.textContent.startsWith("Loading")) { observer.disconnect(); resolve(); }
    });
    observer.observe(status, {childList: true, characterData: true, subtree: true});
    setTimeout(() => reject(new Error("the filter did not answer within 60 s")), 60000);
  });
  box.click();
  await changed;
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
}"""


def chromium() -> str | None:
    """The Chromium to drive, as the browser tests choose it ($CHROMIUM, Debian's, or on PATH)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def gzipped(data: bytes) -> int:
    """Bytes of ``data`` gzipped at level 6 (a web server's usual setting)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def queries(site: Path) -> list[dict]:
    """The relevance queries, each with what must be among its first ten results: a case
    study's title words, a neighbourhood's name, a tool's name, words from case-study
    bodies and from a hand-written page."""
    return [
        {
            "kind": "title",
            "query": "proactive phone calls",
            "expect": "case-studies/bench-",
            "title_has": "Proactive phone calls",
        },
        {"kind": "neighbourhood name", "query": "aspen", "expect": "neighbourhoods/aspen/"},
        {"kind": "tool name", "query": "driver diagram", "expect": "tools/driver-diagram/"},
        {"kind": "words in bodies", "query": "tuesday huddle", "expect": "case-studies/bench-"},
        {"kind": "words in bodies", "query": "pharmacist overdue review", "expect": "case-studies/bench-"},
        {"kind": "words in a hand-written page", "query": "severe frailty", "expect": ""},
    ]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def static_figures(site: Path) -> dict:
    """The figures read from the files: the library's HTML and the search files' sizes."""
    library = (site / "case-studies" / "index.html").read_bytes()
    stub = (site / "search" / "search_index.json").read_bytes()
    index = [path for path in (site / "search").rglob("*") if path.is_file() and path.name != "search_index.json"]
    data = (site / "case-studies" / "library.json").read_bytes()
    return {
        "library_html_bytes": len(library),
        "library_html_gzip_bytes": gzipped(library),
        "search_index_every_page_bytes": len(stub),
        "search_index_files": len(index),
        "search_index_bytes": sum(path.stat().st_size for path in index),
        "search_index_gzip_bytes": sum(gzipped(path.read_bytes()) for path in index),
        "library_data_bytes": len(data),
        "library_data_gzip_bytes": gzipped(data),
    }


def measure_reader(site: Path) -> dict:
    """Every figure in the module's list for the built site ``site`` (see the module)."""
    from playwright.sync_api import sync_playwright  # only the bench's reader figures need it

    figures = static_figures(site)
    launch: dict = {"args": CHROMIUM_FLAGS, "headless": True}
    if executable := chromium():
        launch["executable_path"] = executable
    problems: list[str] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)
        try:
            context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            fetched: list[tuple[str, int]] = []

            def response(r) -> None:
                if r.status >= 400:
                    problems.append(f"HTTP {r.status}: {r.url}")
                elif "/search/" in r.url or r.url.endswith("library.json"):
                    fetched.append((r.url.removeprefix(base), len(r.body())))

            page.on("response", response)
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"script error: {e}"))

            page.goto(base + "/case-studies/", wait_until="load")
            page.wait_for_selector(".un-filter:not([hidden])")
            page.wait_for_load_state("networkidle")
            figures["library_dom_elements"] = page.evaluate("document.getElementsByTagName('*').length")
            figures["search_download_per_page_bytes"] = sum(size for url, size in fetched if "/search/" in url)
            figures["search_index_fetched_without_searching"] = any(
                "/search/" in url and not url.endswith("/search_index.json") for url, _ in fetched
            )

            boxes = page.locator(".un-filter input[type=checkbox]")
            names = boxes.evaluate_all("els => els.map(e => `input[name='${e.name}'][value='${e.value}']`)")
            figures["filter_first_ms"] = round(page.evaluate(_FILTER, names[0]), 1)
            later = [page.evaluate(_FILTER, selector) for selector in names[1:7]]
            figures["filter_ms"] = round(statistics.median(later), 1) if later else None
            figures["filter_max_ms"] = round(max(later), 1) if later else None

            before = len(fetched)
            page.keyboard.press("/")
            page.wait_for_function(
                "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
                timeout=120_000,
            )
            start = time.perf_counter()
            page.keyboard.type("huddle")
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            figures["search_first_result_ms"] = round((time.perf_counter() - start) * 1000, 1)
            figures["search_download_per_query_bytes"] = sum(size for url, size in fetched[before:] if "/search/" in url)
            page.wait_for_load_state("networkidle")
            page.fill("input[data-md-component='search-query']", "")
            page.wait_for_selector(".md-search-result__item", state="detached", timeout=120_000)
            start = time.perf_counter()
            page.keyboard.type("carers")
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            figures["search_next_query_ms"] = round((time.perf_counter() - start) * 1000, 1)

            figures["relevance"] = [_ask(page, q) for q in queries(site)]
        finally:
            browser.close()
    figures["failed_requests_and_console_errors"] = problems
    return figures


def _ask(page, question: dict) -> dict:
    """The first ten results of ``question``'s query, and whether the expected one is there."""
    page.fill("input[data-md-component='search-query']", "")
    page.wait_for_selector(".md-search-result__item", state="detached", timeout=60_000)
    page.keyboard.type(question["query"])
    with contextlib.suppress(Exception):  # no result at all is an answer too
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
    page.wait_for_timeout(500)  # answers to earlier letters are replaced by the word's
    results = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "els => els.slice(0, 10).map(e => [e.getAttribute('href'), e.textContent.trim().slice(0, 120)])"
    )
    found = (
        any(question["expect"] in href and question.get("title_has", "") in text for href, text in results) if results else False
    )
    return {**question, "found": found, "results": [href for href, _ in results]}
