"""The search indexer reads pages' words in a second process and gives the same index as here."""

from __future__ import annotations

from learning.build.search import BATCH, SearchIndexer
from learning.files.search_index import SearchIndex, read_page

PAGE = '<html><body><article class="md-content__inner"><h1>Page {n}</h1><p>Words {n} about frailty and huddles.</p></article></body></html>'


def pages(count: int) -> list[tuple[str, str]]:
    return [(f"p{n}/", PAGE.format(n=n)) for n in range(count)]


def here(given: list[tuple[str, str]], case_studies=()) -> dict[str, str]:
    index = SearchIndex(case_studies)
    for url, page in given:
        index.add(read_page(url, page))
    return index.files()


def test_pages_read_in_a_second_process_give_the_same_index_as_pages_read_here():
    given = pages(2 * BATCH + 5)
    indexer = SearchIndexer(["p3/"], background=True)
    for url, page in given:
        indexer.add(url, page)
    assert indexer.files() == here(given, ["p3/"])


def test_without_a_second_process_the_index_is_the_same():
    given = pages(BATCH + 1)
    indexer = SearchIndexer(background=False)
    for url, page in given:
        indexer.add(url, page)
    assert indexer.files() == here(given)


def test_an_index_of_no_page_is_written_and_empty():
    files = SearchIndexer(background=False).files()
    assert list(files) == ["search/meta.json"]
