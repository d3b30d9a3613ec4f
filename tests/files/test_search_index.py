"""The search index is split: every page fetches a tiny index, the documents come on search."""

from __future__ import annotations

import json

import pytest

from learning.files.search_index import split_index

CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}}}
LONG = " ".join(["word"] * 200)
STUDY = {"case-studies/a/": "Huddles & <b>falls</b>."}


def index(*docs: dict) -> str:
    return json.dumps({"config": CONFIG, "docs": list(docs)})


def documents(*docs: dict) -> list[dict]:
    return json.loads(split_index(index(*docs), case_studies=STUDY)[1])["docs"]


def test_the_index_every_page_fetches_holds_the_configuration_naming_the_documents_and_no_document():
    stub, _ = split_index(index({"location": "", "title": "Home", "text": "Hello"}), case_studies={})
    assert json.loads(stub) == {"config": {**CONFIG, "index": "documents.json"}, "docs": []}


def test_pages_that_are_not_case_studies_keep_every_section_and_their_whole_text():
    docs = [
        {"location": "tools/pdsa/", "title": "PDSA", "text": LONG},
        {"location": "tools/pdsa/#why", "title": "Why", "text": LONG},
    ]
    assert documents(*docs) == docs


def test_a_case_study_is_one_document_and_its_sections_are_left_out():
    page = {"location": "case-studies/a/", "title": "A", "text": "Intro."}
    section = {"location": "case-studies/a/#our-aim", "title": "Our aim", "text": "Aim."}
    assert [d["location"] for d in documents(page, section)] == ["case-studies/a/"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Short text.", "Short text."),
        (LONG, " ".join(["word"] * 60) + " …"),
        ("x" * 290 + ' <a href="y z">link</a>', "x" * 290 + " …"),
    ],
)
def test_a_case_study_is_indexed_at_half_weight_by_its_escaped_summary_and_the_start_of_its_opening_text(text, kept):
    [doc] = documents({"location": "case-studies/a/", "title": "A", "text": text})
    assert doc == {
        "location": "case-studies/a/",
        "title": "A",
        "text": "<p>Huddles &amp; &lt;b&gt;falls&lt;/b&gt;.</p> " + kept,
        "boost": 0.5,
    }
