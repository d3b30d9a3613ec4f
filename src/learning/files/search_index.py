"""The search index, split so that a page that is not searched downloads none of it.

The theme fetches ``search/search_index.json`` on every page it opens. :func:`split_index`
turns the index the theme's search plugin wrote into two files: that one, made tiny (the
search configuration, naming the second file, and no documents), and
:data:`~learning.pages.urls.SEARCH_DOCUMENTS`, the documents, which the site's search worker
(``docs/assets/javascripts/search-worker.js``) fetches when a reader first searches.

Case studies are most of the index, and a reader's device builds the whole index before it
can answer: each section of a case study keeps its title and only its first
:data:`SECTION_CHARACTERS` characters of text (cut at a word), so the index grows by a
bounded amount per case study. Every other page is indexed in full.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Collection

from ..pages.urls import SEARCH_DOCUMENTS, SEARCH_INDEX

SECTION_CHARACTERS = 300


def split_index(text: str, *, case_studies: Collection[str]) -> tuple[str, str]:
    """The tiny index every page fetches and the documents, from the theme's index ``text``.
    ``case_studies``: the locations (site paths, such as ``case-studies/<slug>/``) of the
    case-study pages, whose sections are shortened."""
    index = json.loads(text)
    documents = {
        "config": index["config"],
        "docs": [_shortened(doc) if _page_of(doc["location"]) in case_studies else doc for doc in index["docs"]],
    }
    # The worker finds the documents beside the index.
    assert posixpath.dirname(SEARCH_DOCUMENTS) == posixpath.dirname(SEARCH_INDEX)
    stub = {"config": dict(index["config"], index=posixpath.basename(SEARCH_DOCUMENTS)), "docs": []}
    return _dumps(stub), _dumps(documents)


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def _shortened(doc: dict) -> dict:
    text = doc.get("text", "")
    if len(text) <= SECTION_CHARACTERS:
        return doc
    cut = text.rfind(" ", 0, SECTION_CHARACTERS + 1)
    kept = text[: cut if cut > 0 else SECTION_CHARACTERS]
    # Never end inside a tag: the theme shows the text as HTML.
    if kept.rfind("<") > kept.rfind(">"):
        kept = kept[: kept.rfind("<")]
    return dict(doc, text=kept.rstrip() + " …")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
