"""The site's search index: the words of each page's content area, in small files."""

from __future__ import annotations

import json

import pytest

from learning.files.search_index import (
    CASE_STUDY_WEIGHT,
    OPENING_CHARACTERS,
    PAGES_PER_FILE,
    STOPWORDS,
    SearchIndex,
    opening,
    page_text,
    page_url_of_file,
    words,
)
from learning.pages.urls import SEARCH_META, search_pages_file, search_words_file


def page(
    title: str, body: str, *, before: str = "<nav>Navigation words</nav>", after: str = "<footer>Footer words</footer>"
) -> str:
    return (
        f'<html><head><title>{title} - Site</title></head><body>{before}<article class="md-content__inner md-typeset">'
        f'<a class="md-content__button md-icon" title="Edit this page"><svg></svg></a>'
        f'<h1 id="t">{title}<a class="headerlink" href="#t" title="Permanent link">¶</a></h1>{body}</article>{after}</body></html>'
    )


def built(*pages: tuple[str, str], case_studies: tuple[str, ...] = ()) -> dict:
    index = SearchIndex(case_studies=case_studies)
    for url, html in pages:
        index.add(url, html)
    return {name: json.loads(text) for name, text in index.files().items()}


def postings(files: dict, word: str) -> list[tuple[int, int, int]]:
    """(page, times in text, times in title) for ``word``, gaps decoded."""
    flat = files[search_words_file(word[:2])][word]
    decoded, page_number = [], 0
    for i in range(0, len(flat), 3):
        page_number += flat[i]
        decoded.append((page_number, flat[i + 1], flat[i + 2]))
    return decoded


def test_a_page_is_read_as_its_content_areas_text_without_navigation_buttons_or_permalinks():
    title, text = page_text(page("Huddles &amp; <em>more</em>", "<p>A <b>brief</b> meeting.</p><!--un-fragment:t:chart-->"))
    assert title == "Huddles & more"
    assert text == "Huddles & more A brief meeting."


def test_a_nul_byte_and_a_closing_title_tag_written_as_text_stay_text_without_the_nul():
    assert page_text(page('Q "x" &lt;/title&gt;\x00', "<p>a\x00b</p>")) == ('Q "x" </title>', 'Q "x" </title> ab')


def test_a_script_in_the_content_area_is_not_text():
    assert page_text(page("T", '<script type="application/json">{"secret": 1}</script><p>Seen.</p>'))[1] == "T Seen."


def test_a_page_without_a_content_area_is_read_whole():
    assert page_text("<html><body><h1>Only</h1><p>words</p></body></html>") == ("Only", "Only words")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Tuesday HUDDLE, and a review.", ["tuesday", "huddle", "review"]),
        ("Café naïve résumé", ["cafe", "naive", "resume"]),
        ("team's 10 x_y 2025-01", ["team", "10", "2025", "01"]),
        ("a I ¶ — …", []),
    ],
)
def test_words_are_lower_case_runs_of_letters_and_digits_without_accents_short_words_or_stopwords(text, expected):
    assert words(text) == expected


def test_stopwords_are_common_words_only():
    assert {"the", "and", "of"} <= STOPWORDS and not {"frailty", "huddle", "care"} & STOPWORDS


def test_each_word_lists_its_pages_with_how_often_it_is_in_the_text_and_the_title():
    files = built(
        ("", page("Home", "<p>Frailty care.</p>")), ("tools/huddles/", page("Huddles", "<p>A huddle about frailty, frailty.</p>"))
    )
    assert postings(files, "frailty") == [(0, 1, 0), (1, 2, 0)]
    assert postings(files, "huddles") == [(1, 1, 1)]
    assert postings(files, "huddle") == [(1, 1, 0)]


def test_words_are_grouped_in_files_by_their_first_two_letters_named_in_hex():
    files = built(("x/", page("Frailty", "<p>Friday fridge.</p>")))
    group = files[search_words_file("fr")]
    assert search_words_file("fr") == "search/words/6672.json"
    assert sorted(group) == ["frailty", "friday", "fridge"]
    assert files[SEARCH_META]["groups"] == ["fr"]


def test_meta_gives_each_pages_length_and_weight_with_case_studies_at_half():
    files = built(
        ("tools/pdsa/", page("PDSA", "<p>Plan do study act.</p>")),
        ("case-studies/a/", page("A", "<p>Plan.</p>")),
        case_studies=("case-studies/a/",),
    )
    meta = files[SEARCH_META]
    assert meta["pages"] == 2
    assert meta["lengths"] == [5, 1]
    assert meta["weights"] == [1.0, CASE_STUDY_WEIGHT]
    assert meta["stopwords"] == sorted(STOPWORDS)


def test_pages_files_hold_address_title_and_opening_words_in_groups_of_twenty():
    pages = [(f"p{n}/", page(f"Page {n}", f"<p>Text of page {n}.</p>")) for n in range(PAGES_PER_FILE + 1)]
    files = built(*pages)
    assert files[search_pages_file(0)][3] == ["p3/", "Page 3", "Text of page 3."]
    assert files[search_pages_file(1)] == [[f"p{PAGES_PER_FILE}/", f"Page {PAGES_PER_FILE}", f"Text of page {PAGES_PER_FILE}."]]


def test_the_opening_is_cut_at_a_word():
    text = "Title " + "word " * 100
    cut = opening(text, "Title")
    assert cut.endswith(" …") and len(cut) <= OPENING_CHARACTERS + 2 and not cut.startswith("Title")


def test_text_that_looks_like_markup_is_kept_as_text_for_the_worker_to_escape():
    files = built(("x/", page("&lt;script&gt;alert(1)&lt;/script&gt;", "<p>&lt;img src=x onerror=alert(1)&gt;</p>")))
    [[_, title, shown]] = files[search_pages_file(0)]
    assert title == "<script>alert(1)</script>" and shown == "<img src=x onerror=alert(1)>"


def test_two_indexes_of_the_same_pages_are_identical():
    pages = [(f"p{n}/", page(f"Page {n}", f"<p>Words {n} frailty huddle.</p>")) for n in range(50)]
    assert built(*pages) == built(*pages)


@pytest.mark.parametrize(
    ("path", "url"),
    [("index.html", ""), ("tools/pdsa/index.html", "tools/pdsa/"), ("404.html", None), ("assets/x.html", None)],
)
def test_a_written_file_is_the_page_at_its_folder(path, url):
    assert page_url_of_file(path) == url


def test_reading_a_page_takes_linear_time_on_unclosed_angle_brackets():
    # A "<" never scans past the next "<": 200,000 of them are read at once.
    title, text = page_text(page("T", "<p>" + "<" * 200_000 + "</p>"))
    assert title == "T"
