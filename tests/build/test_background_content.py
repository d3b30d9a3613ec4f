"""Pages' converted contents finished in the build's second process (sanitized, hover
definitions added, placeholders marked) are exactly those finished here; until then a page
holds only a comment, never its unsanitized content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from learning.build.site import PENDING_CONTENT, SiteSettings, build_site
from learning.pages.fragments import placeholder

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2025, 11, 26)


def test_contents_finished_in_the_second_process_are_those_finished_here():
    here = build_site(ROOT, today=TODAY, settings=SiteSettings())
    there = build_site(ROOT, today=TODAY, settings=SiteSettings(), background=True, with_search=True)
    try:
        pages = sorted(there.pages)[:30] + ["index.md", "glossary.md", "tools/pdsa.md"]
        contents = {
            uri: (
                f"<h1>Page</h1><p>The GP ran a PDSA.</p><p>{placeholder(key)}</p>"
                '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>'
            )
            for uri, key in (
                (uri, next(iter(there.pages[uri].fragments), "none") if uri in there.pages else "none") for uri in pages
            )
        }
        started = {uri: there.start_content(uri, html) for uri, html in contents.items()}
        assert set(started.values()) == {PENDING_CONTENT}
        there.send_contents()
        for uri, html in contents.items():
            finished = there.content_of(uri)
            assert finished == here.finish_content(uri, html), uri
            assert "<script" not in finished and "onerror" not in finished and "javascript:" not in finished
    finally:
        there.close()


def test_a_content_asked_for_before_it_was_sent_is_sent_then():
    site = build_site(ROOT, today=TODAY, settings=SiteSettings(), background=True, with_search=True)
    try:
        assert site.start_content("index.md", "<p>GP</p>") == PENDING_CONTENT
        assert site.content_of("index.md") == site.finish_content("index.md", "<p>GP</p>")
    finally:
        site.close()


def test_the_pending_content_is_a_comment_that_shows_nothing():
    assert PENDING_CONTENT.startswith("<!--") and PENDING_CONTENT.endswith("-->") and PENDING_CONTENT.count("--") == 2
