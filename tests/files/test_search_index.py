"""The search index is split: every page fetches a tiny index, the documents come on search."""

from __future__ import annotations

import json

import pytest

from learning.files.search_index import SECTION_CHARACTERS, split_index

CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}}}
LONG = " ".join(["word"] * 200)


def index(*docs: dict) -> str:
    return json.dumps({"config": CONFIG, "docs": list(docs)})


def test_the_index_every_page_fetches_holds_the_configuration_naming_the_documents_and_no_document():
    stub, _ = split_index(index({"location": "", "title": "Home", "text": "Hello"}), case_studies=set())
    assert json.loads(stub) == {"config": {**CONFIG, "index": "documents.json"}, "docs": []}


def test_pages_that_are_not_case_studies_keep_their_whole_text():
    doc = {"location": "tools/pdsa/#why", "title": "Why", "text": LONG}
    _, documents = split_index(index(doc), case_studies={"case-studies/a/"})
    assert json.loads(documents) == {"config": CONFIG, "docs": [doc]}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Short text.", "Short text."),
        (LONG, " ".join(["word"] * 60) + " …"),
        ("x" * 290 + ' <a href="y z">link</a>', "x" * 290 + " …"),
    ],
)
def test_each_case_study_section_keeps_its_title_and_the_start_of_its_text(text, kept):
    doc = {"location": "case-studies/a/#our-aim", "title": "Our aim", "text": text}
    _, documents = split_index(index(doc), case_studies={"case-studies/a/"})
    [shortened] = json.loads(documents)["docs"]
    assert shortened == {**doc, "text": kept}
    assert len(shortened["text"]) <= SECTION_CHARACTERS + 2
