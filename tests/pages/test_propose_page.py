"""The propose page's form: its controls carry the names the contract fixes (issue 14), each
has a label, and without JavaScript the page points to the template."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from tests.content.test_case_study_validation import FIXTURE

from learning.content.load import load_content
from learning.content.template import SECTIONS
from learning.files.proposal import proposal_spec
from learning.pages.propose import propose_page

TEMPLATE = "https://github.com/o/r/new/main/case_studies?filename=my-case-study.md&value=x"


class Controls(HTMLParser):
    """Every form control's name and id, every label's target and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.ids: list[str] = []
        self.controls: list[str] = []
        self.labelled: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag in ("input", "textarea", "select") and attributes.get("name"):
            self.names.append(attributes["name"])
            self.controls.append(attributes["id"])
        if tag == "label":
            self.labelled.add(attributes["for"])
        if tag == "a":
            self.links.append(attributes.get("href", ""))


@pytest.fixture(scope="module")
def form():
    content, problems = load_content(FIXTURE, include_drafts=True)
    assert problems == []
    spec = proposal_spec(content, taken=[], new_file_url="https://github.com/o/r/new/main/case_studies")
    markdown, html = propose_page(spec, template_url=TEMPLATE, placeholder="PLACEHOLDER")
    assert markdown.rstrip().endswith("PLACEHOLDER")
    parsed = Controls()
    parsed.feed(html)
    return parsed


def test_controls_are_named_after_the_front_matter_fields_sections_and_measures(form):
    names = set(form.names)
    fields = {"title", "summary", "date", "neighbourhoods", "authors", "consent", "status", "stage", "tools", "themes"}
    assert fields | {"partners", "review_due", "example", "slug"} <= names
    assert {f"section:{heading}" for heading, _ in SECTIONS} <= names
    measure = {f"measure-__N__-{part}" for part in ("title", "unit", "improvement", "chart", "target", "data")}
    assert measure <= names
    assert "result" in form.ids


def test_every_control_has_a_label_and_ids_are_unique(form):
    assert sorted(set(form.ids)) == sorted(form.ids)
    assert [c for c in form.controls if c not in form.labelled] == []


def test_without_javascript_the_page_links_the_template_and_the_guide(form):
    assert TEMPLATE in form.links
    assert "../" in form.links
