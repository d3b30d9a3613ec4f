"""Index finished pages for search in the build's second process: :class:`BackgroundSearch`.

Reading a page's words is the build's own work, which the site engine never waits for:
this process only cuts each finished page's content area out (a slice of the text) and
hands the worker :data:`PAGES_PER_TASK` at a time; the worker reads their words
(:func:`~learning.files.search_index.index_pages`), and each part comes back to be added in
order as soon as it is done, so no page's text is held for long. The index is the same as
:class:`~learning.files.search_index.SearchIndex` gives when it reads every page itself.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from ..files.search_index import IndexPart, SearchIndex, content_area, index_pages
from .worker import Pending, Worker

# Pages per piece of work: enough that handing them over costs little, few enough that
# the last piece, which the build waits for, is quick.
PAGES_PER_TASK = 50


class BackgroundSearch:
    """The search index of the pages given to :meth:`add`, read by ``worker``, for a site
    whose case-study pages are at the site paths ``case_studies``."""

    def __init__(self, worker: Worker, case_studies: Iterable[str] = ()):
        self._worker = worker
        self._index = SearchIndex(case_studies)
        self._batch: list[tuple[str, str]] = []
        self._next = 0
        self._parts: deque[Pending[IndexPart]] = deque()

    def add(self, url: str, page: str) -> None:
        """Index the finished ``page`` at site path ``url`` as the next page."""
        self._batch.append((url, content_area(page)))
        if len(self._batch) >= PAGES_PER_TASK:
            self._submit()
            self._collect(wait=False)

    def files(self) -> dict[str, str]:
        """Every file of the index (see :meth:`SearchIndex.files`), once every page is read."""
        self._submit()
        self._collect(wait=True)
        return self._index.files()

    def _submit(self) -> None:
        if self._batch:
            self._parts.append(self._worker.submit(index_pages, self._next, self._batch))
            self._next += len(self._batch)
            self._batch = []

    def _collect(self, *, wait: bool) -> None:
        while self._parts and (wait or self._parts[0].ready()):
            self._index.add_part(self._parts.popleft()())
