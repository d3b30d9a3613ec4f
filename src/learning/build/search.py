"""The site's search index, made while MkDocs writes the pages: :class:`SearchIndexer`.

Reading a page's words (:func:`learning.files.search_index.read_page`) is most of the
index's cost, so it is done in a second process, in batches of :data:`BATCH` pages, while
this one goes on converting pages; this process only adds each page's words to the index, in
the order the pages came, and writes the files at the end. Without ``background`` (the
preview, or a machine that cannot start a process) the same work runs here, so the index is
the same wherever its words were read.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..files.search_index import PageWords, SearchIndex, read_pages
from .worker import Pending, Worker

BATCH = 64


class SearchIndexer:
    """The search index of the pages given to :meth:`add`, for a site whose case-study pages
    are at the site paths ``case_studies``."""

    def __init__(self, case_studies: Iterable[str] = (), *, background: bool = True):
        self._index = SearchIndex(case_studies)
        self._worker = Worker(in_process=not background)
        self._batch: list[tuple[str, str]] = []
        self._read: list[Pending[list[PageWords]]] = []

    def add(self, url: str, page: str) -> None:
        """Index the finished ``page`` at site path ``url`` (``""`` for the home page)."""
        self._batch.append((url, page))
        if len(self._batch) >= BATCH:
            self._send()

    def files(self) -> dict[str, str]:
        """Every file of the index of the pages added, by its path in the site."""
        self._send()
        self._worker.close()
        for pending in self._read:
            for page in pending():
                self._index.add(page)
        self._read = []
        return self._index.files()

    def discard(self) -> None:
        """Drop the work not yet done (a build that stopped)."""
        self._worker.close(cancel=True)

    def _send(self) -> None:
        if self._batch:
            self._read.append(self._worker.submit(read_pages, self._batch))
            self._batch = []
