"""Search words read in the build's second process, some pages at a time, give the same
index as reading every page here; parts are taken in order only."""

from __future__ import annotations

import pytest

from learning.build import search as background_search
from learning.build.search import BackgroundSearch
from learning.build.worker import Worker
from learning.files.search_index import SearchIndex, index_pages


def page(number: int) -> str:
    words = " ".join(f"word{number % 7} shared café{number % 3}" for _ in range(number % 5 + 1))
    return (
        f'<html><body><article class="md-content__inner md-typeset"><h1>Page {number}</h1><p>{words}</p></article></body></html>'
    )


PAGES = [(f"p/{number}/", page(number)) for number in range(137)]
CASE_STUDIES = [f"p/{number}/" for number in range(0, 137, 4)]


def here() -> dict[str, str]:
    index = SearchIndex(CASE_STUDIES)
    for url, html in PAGES:
        index.add(url, html)
    return index.files()


@pytest.mark.parametrize("in_process", [False, True])
def test_pages_read_in_the_second_process_give_the_index_read_here(monkeypatch, in_process):
    monkeypatch.setattr(background_search, "PAGES_PER_TASK", 10)  # several parts, one short
    worker = Worker(in_process=in_process)
    search = BackgroundSearch(worker, CASE_STUDIES)
    for url, html in PAGES:
        search.add(url, html)
    try:
        assert search.files() == here()
    finally:
        worker.close()


def test_an_index_part_is_only_taken_as_the_next_pages():
    index = SearchIndex()
    index.add_part(index_pages(0, [("a/", page(1))]))
    with pytest.raises(ValueError, match="starts at page 2, but the next page is 1"):
        index.add_part(index_pages(2, [("c/", page(3))]))
    index.add_part(index_pages(1, [("b/", page(2))]))
    assert len(index) == 2
