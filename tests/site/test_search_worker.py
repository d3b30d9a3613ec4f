"""The search worker, in Chromium, answers from an index the build wrote: the two read words
alike (accents, case, unfinished words), rank as the index means, and escape every text."""

from __future__ import annotations

import shutil

import pytest
from test_browser import browser  # noqa: F401  (the module's Chromium)

from conftest import ROOT, serve_directory
from learning.files.search_index import SearchIndex

pytestmark = pytest.mark.browser

SETUP, READY, QUERY, RESULT = 0, 1, 2, 3


def page(title: str, body: str) -> str:
    return f'<html><body><article class="md-content__inner"><h1>{title}</h1><p>{body}</p></article></body></html>'


PAGES = [
    ("neighbourhoods/aspen/", page("Aspen", "The Aspen neighbourhood team.")),
    ("case-studies/a/", page("A huddle in Aspen", "Aspen tried a Tuesday huddle with the pharmacist.")),
    ("case-studies/b/", page("Café visits", "Naïve questions at the café; résumé of the Tuesday review.")),
    ("case-studies/c/", page("&lt;img src=x onerror=alert(1)&gt;", "&lt;script&gt;window.__pwned=1&lt;/script&gt; huddle")),
] + [(f"p{n}/", page(f"Filler {n}", "Words about frailty and proactive care.")) for n in range(45)]

# Posts each query to the worker and resolves with the result items, in order.
ASK = """async queries => {
  const worker = new Worker("/assets/javascripts/search-worker.js");
  const next = () => new Promise(resolve => worker.addEventListener("message", e => resolve(e.data), { once: true }));
  worker.postMessage({ type: 0, data: {} });
  const answers = [(await next()).type];
  for (const query of queries) {
    worker.postMessage({ type: 2, data: query });
    answers.push((await next()).data.items.map(group => group[0]));
  }
  worker.terminate();
  return answers;
}"""


@pytest.fixture(scope="module")
def index_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("search-site")
    index = SearchIndex(["case-studies/a/", "case-studies/b/", "case-studies/c/"])
    for url, html in PAGES:
        index.add(url, html)
    for name, text in index.files().items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    (site / "assets" / "javascripts").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "assets" / "javascripts" / "search-worker.js", site / "assets" / "javascripts")
    (site / "index.html").write_text("<!doctype html><title>Search</title><p>Search test</p>", encoding="utf-8")
    url, server = serve_directory(site)
    yield url
    server.shutdown()
    server.server_close()


def ask(browser, url: str, *queries: str) -> list:  # noqa: F811
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(url + "/")
        return tab.evaluate(ASK, list(queries))
    finally:
        context.close()


def test_the_worker_is_ready_at_once_and_an_empty_query_has_no_result(browser, index_site):  # noqa: F811
    assert ask(browser, index_site, "", "   ") == [READY, [], []]


def test_a_neighbourhoods_page_ranks_above_the_case_studies_that_name_it(browser, index_site):  # noqa: F811
    [_, results] = ask(browser, index_site, "aspen")
    assert [r["location"] for r in results] == ["neighbourhoods/aspen/", "case-studies/a/"]
    assert results[0]["title"] == "<mark>Aspen</mark>"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("CAFE", "case-studies/b/"),
        ("café résumé", "case-studies/b/"),
        ("naive", "case-studies/b/"),
        ("pharm", "case-studies/a/"),
        ("tuesday huddle", "case-studies/a/"),
    ],
)
def test_the_worker_reads_words_as_the_index_does(browser, index_site, query, found):  # noqa: F811
    [_, results] = ask(browser, index_site, query)
    assert results and results[0]["location"] == found


def test_every_word_must_match_when_some_page_has_them_all(browser, index_site):  # noqa: F811
    [_, both, either] = ask(browser, index_site, "tuesday review", "tuesday zebra")
    assert [r["location"] for r in both] == ["case-studies/b/"]
    assert {r["location"] for r in either} == {"case-studies/a/", "case-studies/b/"}


def test_at_most_twenty_pages_are_shown_best_first(browser, index_site):  # noqa: F811
    [_, results] = ask(browser, index_site, "frailty")
    assert len(results) == 20
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_text_from_the_index_is_escaped_and_only_marks_are_markup(browser, index_site):  # noqa: F811
    [_, results] = ask(browser, index_site, "huddle onerror")
    hostile = next(r for r in results if r["location"] == "case-studies/c/")
    assert hostile["title"] == "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;"
    assert "<script" not in hostile["text"] and "&lt;script&gt;" in hostile["text"]


def test_a_query_of_many_words_fetches_the_files_of_its_first_ten_only(browser, index_site):  # noqa: F811
    context = browser.new_context()
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url))
    try:
        tab = context.new_page()
        tab.goto(index_site + "/")
        # Thirty words the index holds ("Filler 10" to "Filler 39"), each in a group of its own.
        query = " ".join(str(n) for n in range(10, 40))
        tab.evaluate(ASK, [query])
    finally:
        context.close()
    assert len([url for url in fetched if "/search/words/" in url]) == 10
