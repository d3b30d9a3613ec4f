"""The search index, split so that a page that is not searched downloads none of it.

The theme fetches ``search/search_index.json`` on every page it opens. :func:`split_index`
turns the index the theme's search plugin wrote into two files: that one, made tiny (the
search configuration, naming the second file, and no documents), and
:data:`~learning.pages.urls.SEARCH_DOCUMENTS`, the documents, which the site's search worker
(``docs/assets/javascripts/search-worker.js``) fetches when a reader first searches.

Case studies are most of the index, and a reader's device builds the whole index before it
can answer (the theme's search builds it in the browser, and the time grows with its words):
each case study is one document, its title with its summary and the first
:data:`SECTION_CHARACTERS` characters of its opening text (cut at a word), so the index grows
by a few hundred bytes per case study. Its sections are not indexed: measured in Chromium with
the CPU slowed four times, 5,000 case studies indexed by section (300 characters each) took
over ten seconds to a first result, and by page about two. A case study counts half as much
as another page (:data:`CASE_STUDY_BOOST`). Every other page is indexed in full.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Mapping

from ..pages.urls import SEARCH_DOCUMENTS, SEARCH_INDEX

SECTION_CHARACTERS = 300
CASE_STUDY_BOOST = 0.5


def split_index(text: str, *, case_studies: Mapping[str, str]) -> tuple[str, str]:
    """The tiny index every page fetches and the documents, from the theme's index ``text``.
    ``case_studies``: the summary (plain text) of each case-study page, by its location (its
    site path, such as ``case-studies/<slug>/``)."""
    index = json.loads(text)
    docs = []
    for doc in index["docs"]:
        page, _, section = doc["location"].partition("#")
        if page not in case_studies:
            docs.append(doc)
        elif not section:
            docs.append(_shortened(doc, case_studies[page]))
    documents = {"config": index["config"], "docs": docs}
    # The worker finds the documents beside the index.
    assert posixpath.dirname(SEARCH_DOCUMENTS) == posixpath.dirname(SEARCH_INDEX)
    stub = {"config": dict(index["config"], index=posixpath.basename(SEARCH_DOCUMENTS)), "docs": []}
    return _dumps(stub), _dumps(documents)


def _shortened(doc: dict, summary: str) -> dict:
    text = doc.get("text", "")
    if len(text) > SECTION_CHARACTERS:
        cut = text.rfind(" ", 0, SECTION_CHARACTERS + 1)
        kept = text[: cut if cut > 0 else SECTION_CHARACTERS]
        # Never end inside a tag: the theme shows the text as HTML.
        if kept.rfind("<") > kept.rfind(">"):
            kept = kept[: kept.rfind("<")]
        text = kept.rstrip() + " …"
    # Half weight: a page about a neighbourhood or a tool ranks above the case studies that
    # merely name it (a case study's title names its neighbourhood).
    return dict(doc, text=(f"<p>{html.escape(summary)}</p> " if summary else "") + text, boost=CASE_STUDY_BOOST)


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
