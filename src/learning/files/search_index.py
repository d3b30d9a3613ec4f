"""The site's search index, in small files, so that a query downloads only what it needs.

The theme's search box stays, answered by the site's worker
(``docs/assets/javascripts/search-worker.js``) from this index; the theme's own search
plugin stays on for its search box only and indexes no page (:data:`THEME_SEARCH_META`).
The theme's index built the whole index in the reader's browser before its first answer,
which at 5,000 case studies took seconds on a phone; this one is built here, once.

:class:`SearchIndex` is given each finished page (:meth:`~SearchIndex.add`) and gives the
files (:meth:`~SearchIndex.files`), named in :mod:`learning.pages.urls`. A build can also
read pages in pieces elsewhere: :func:`content_area` is all it takes from a page, and
:func:`index_pages` turns a run of them into an :class:`IndexPart`, which
:meth:`~SearchIndex.add_part` takes in order; the index is the same either way.

* :data:`~learning.pages.urls.SEARCH_META`: for every page, its number of words and its
  weight (a case study counts :data:`CASE_STUDY_WEIGHT` as much as another page, so a page
  about a neighbourhood or a tool ranks above the case studies that merely name it), and the
  groups of words that have a file;
* one file of words per group (:func:`~learning.pages.urls.search_words_file`): the words
  whose first :data:`GROUP_CHARACTERS` characters are the group's, each with the pages it is
  in and how often, in the text and in the title. A word typed so far is looked up in its
  group's file only, and matches every word it begins;
* one file of pages per :data:`PAGES_PER_FILE` pages (:func:`~learning.pages.urls.search_pages_file`):
  their addresses, titles and opening words, fetched only for the results shown.

A page is read as the reader sees it: its content area's text (:func:`page_text`), taken
before its ready-made fragments (charts, listings, summary boxes) go in, so every word of
its text is found, deep in a case study's body too, and no chart label or list of other
pages' titles is. Words are its runs of letters and digits, lower-cased with accents
removed (:func:`words`), less one-letter words and :data:`STOPWORDS`; the worker reads a
query the same way. Everything runs in time linear in the pages' size.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..pages.urls import SEARCH_META, search_pages_file, search_words_file

# Front matter for every page that makes the theme's search plugin leave it out of its own
# index, which nothing reads any more (the theme's search box needs the plugin on).
THEME_SEARCH_META = {"exclude": True}

CASE_STUDY_WEIGHT = 0.5
GROUP_CHARACTERS = 2
PAGES_PER_FILE = 20
OPENING_CHARACTERS = 220

# Words so common that a query is better without them (they would be most of every group's file).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "that",
        "the",
        "their",
        "them",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)

_CONTENT_START = '<article class="md-content__inner'
_CONTENT_END = "</article>"
# A tag, matched so that a "<" never scans past the next "<" (linear on any text).
_TAG = re.compile(r"<[^<>]*>")
_SCRIPT = re.compile(r"<script\b[^<>]*>[^<]*</script\s*>", re.IGNORECASE)
# Runs of letters and digits, two or more long (one-letter words are not indexed).
_WORD = re.compile(r"[^\W_]{2,}")
# The combining marks that accents decompose into (the worker removes the same ranges).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def content_area(page: str) -> str:
    """The markup of the finished ``page``'s content area: from the theme's content start tag
    to the last ``</article>``, or the whole page when it has no such area."""
    start = page.find(_CONTENT_START)
    end = page.rfind(_CONTENT_END)
    return page[start:end] if 0 <= start < end else page


def page_text(page: str) -> tuple[str, str]:
    """The title (the first top-level heading's text) and the whole text a reader sees in the
    content area of the finished ``page``, each as plain text with spaces collapsed."""
    return _area_text(content_area(page))


def _area_text(content: str) -> tuple[str, str]:
    content = _SCRIPT.sub(" ", content)
    title = ""
    heading = content.find("<h1")
    if heading >= 0:
        close = content.find("</h1>", heading)
        if close > heading:
            title = _plain(content[content.find(">", heading) + 1 : close])
    return title, _plain(content)


def _plain(markup: str) -> str:
    # The heading permalinks' pilcrows are not words; a NUL is no text a reader sees.
    text = html.unescape(_TAG.sub(" ", markup)).replace("¶", " ").replace("\x00", "")
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The words of ``text`` as the index holds them (the worker splits a query the same way)."""
    return [w for w in _WORD.findall(_folded(text)) if w not in STOPWORDS]


def _word_counts(text: str) -> Counter[str]:
    counts = Counter(_WORD.findall(_folded(text)))
    for stopword in STOPWORDS & counts.keys():
        del counts[stopword]
    return counts


def _folded(text: str) -> str:
    text = text.lower()
    return text if text.isascii() else _MARKS.sub("", unicodedata.normalize("NFKD", text))


def group_of(word: str) -> str:
    """The group a word's file is named by: its first :data:`GROUP_CHARACTERS` characters."""
    return word[:GROUP_CHARACTERS]


def opening(text: str, title: str) -> str:
    """The opening words shown under a result: the text after the title, cut at a word."""
    if title and text.startswith(title):
        text = text[len(title) :].lstrip(" .")
    if len(text) <= OPENING_CHARACTERS:
        return text
    cut = text.rfind(" ", 0, OPENING_CHARACTERS + 1)
    return text[: cut if cut > 0 else OPENING_CHARACTERS].rstrip(" ,;:") + " …"


@dataclass(frozen=True)
class IndexPart:
    """The index of a run of pages, numbered from ``first``: for each page its address, title
    and opening words, and its number of words; for each word, flat
    ``[page, times in the text, times in the title, page, ...]``."""

    first: int
    pages: tuple[tuple[str, str, str], ...]
    lengths: array
    postings: dict[str, array]


def index_pages(first: int, pages: Sequence[tuple[str, str]]) -> IndexPart:
    """The :class:`IndexPart` of ``pages``, each ``(site path, content area)`` (see
    :func:`content_area`), numbered from ``first``."""
    entries = []
    lengths = array("I")
    postings: dict[str, array] = {}
    for number, (url, area) in enumerate(pages, start=first):
        title, text = _area_text(area)
        in_text = _word_counts(text)
        in_title = _word_counts(title)
        entries.append((url, title or url or "Home", opening(text, title)))
        lengths.append(sum(in_text.values()))
        for word in in_text.keys() | in_title.keys():
            found = postings.get(word)
            if found is None:
                found = postings[word] = array("I")
            found.extend((number, in_text[word], in_title[word]))
    return IndexPart(first, tuple(entries), lengths, postings)


class SearchIndex:
    """The index of the pages added so far, for a site whose case-study pages are at the
    site paths ``case_studies`` (such as ``case-studies/<slug>/``)."""

    def __init__(self, case_studies: Iterable[str] = ()):
        self._case_studies = frozenset(case_studies)
        self._pages: list[tuple[str, str, str]] = []
        self._lengths = array("I")
        self._weights: list[float] = []
        # word -> flat [page, times in the text, times in the title, page, ...]
        self._postings: dict[str, array] = {}

    def __len__(self) -> int:
        return len(self._pages)

    def add(self, url: str, page: str) -> None:
        """Index the finished ``page`` at site path ``url`` (``""`` for the home page) as the next page."""
        self.add_part(index_pages(len(self._pages), [(url, content_area(page))]))

    def add_part(self, part: IndexPart) -> None:
        """Add the pages of ``part``, which must be numbered from the next page."""
        if part.first != len(self._pages):
            raise ValueError(f"index part starts at page {part.first}, but the next page is {len(self._pages)}")
        self._pages += part.pages
        self._lengths += part.lengths
        self._weights += [CASE_STUDY_WEIGHT if url in self._case_studies else 1.0 for url, _, _ in part.pages]
        for word, found in part.postings.items():
            postings = self._postings.get(word)
            if postings is None:
                self._postings[word] = found
            else:
                postings += found

    def files(self) -> dict[str, str]:
        """Every file of the index, by its path in the site (see the module)."""
        groups: dict[str, dict[str, list[int]]] = {}
        for word in sorted(self._postings):
            flat = self._postings[word]
            # Pages by their gap from the one before: most are small numbers.
            encoded: list[int] = []
            previous = 0
            for i in range(0, len(flat), 3):
                encoded += (flat[i] - previous, flat[i + 1], flat[i + 2])
                previous = flat[i]
            groups.setdefault(group_of(word), {})[word] = encoded
        files = {search_words_file(group): _dumps(entries) for group, entries in groups.items()}
        for first in range(0, len(self._pages), PAGES_PER_FILE):
            files[search_pages_file(first // PAGES_PER_FILE)] = _dumps(
                [list(p) for p in self._pages[first : first + PAGES_PER_FILE]]
            )
        count = len(self._pages)
        files[SEARCH_META] = _dumps(
            {
                "pages": count,
                "pages_per_file": PAGES_PER_FILE,
                "group_characters": GROUP_CHARACTERS,
                "average_length": round(sum(self._lengths) / count, 2) if count else 0,
                "lengths": list(self._lengths),
                "weights": self._weights,
                "groups": sorted(groups),
                "stopwords": sorted(STOPWORDS),
            }
        )
        return files


def page_url_of_file(path: str) -> str | None:
    """The site path of the page written at ``path`` in the site folder
    (``tools/pdsa/index.html`` → ``tools/pdsa/``), or None for a file that is not a page."""
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return None


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
