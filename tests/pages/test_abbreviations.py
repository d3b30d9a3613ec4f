"""The glossary's hover definitions in a page's sanitized HTML: each use of an abbreviation
in the page's text is wrapped in ``<abbr>``, and nothing else is touched. The rows are
sanitized HTML, as the sanitizer writes it; the last tests go through the sanitizer."""

from __future__ import annotations

import time

import pytest

from learning.model import GlossaryTerm
from learning.pages.abbreviations import Abbreviations
from learning.pages.sanitize import sanitize_content

TERMS = (
    GlossaryTerm("GP", "A family doctor.", expansion="General practitioner"),
    GlossaryTerm("PDSA", "A cycle.", expansion="Plan, Do, Study, Act"),
    GlossaryTerm("A&E", "The emergency department.", expansion='Accident & "emergency"'),
    GlossaryTerm("Frailty", "A state.", abbreviation=False),
    GlossaryTerm("ICB", "A board.", expansion=None),
)
GP = '<abbr title="General practitioner">GP</abbr>'
PDSA = '<abbr title="Plan, Do, Study, Act">PDSA</abbr>'


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>The GP ran a PDSA.</p>", f"<p>The {GP} ran a {PDSA}.</p>"),
        ("<p>GP, GP and GP</p>", f"<p>{GP}, {GP} and {GP}</p>"),
        # Whole words only: not inside longer words, plurals or hyphenated words.
        ("<p>GPs, GP-led, NGP, PDSA2, GP_x</p>", "<p>GPs, GP-led, NGP, PDSA2, GP_x</p>"),
        # Text in links, headings and emphasis is text; attributes are not.
        (
            '<h2 id="gp">The GP<a class="headerlink" href="#gp" title="GP">¶</a></h2>',
            f'<h2 id="gp">The {GP}<a class="headerlink" href="#gp" title="GP">¶</a></h2>',
        ),
        (
            '<p><a href="/gp/" title="GP">GP</a> <img alt="GP" src="a.png"></p>',
            f'<p><a href="/gp/" title="GP">{GP}</a> <img alt="GP" src="a.png"></p>',
        ),
        ("<p><em>GP</em></p>", f"<p><em>{GP}</em></p>"),
        # Code, preformatted text and marks already made are left alone, up to their end.
        ("<p><code>GP</code> GP</p>", f"<p><code>GP</code> {GP}</p>"),
        ("<pre><code>GP\nPDSA</code></pre><p>GP</p>", f"<pre><code>GP\nPDSA</code></pre><p>{GP}</p>"),
        ('<p><abbr title="Mine">GP</abbr> GP</p>', f'<p><abbr title="Mine">GP</abbr> {GP}</p>'),
        ("<p><KBD>GP</KBD><samp>GP</samp>GP</p>", f"<p><KBD>GP</KBD><samp>GP</samp>{GP}</p>"),
        (
            "<svg><svg><text>GP</text></svg><text>GP</text></svg><p>GP</p>",
            f"<svg><svg><text>GP</text></svg><text>GP</text></svg><p>{GP}</p>",
        ),
        ("<svg/><p>GP</p>", f"<svg/><p>{GP}</p>"),
        # A term with a markup character is found as the HTML writes it.
        ("<p>A&amp;E</p>", '<p><abbr title="Accident &amp; &quot;emergency&quot;">A&amp;E</abbr></p>'),
        # Terms that are not abbreviations, or have no expansion, get no hover.
        ("<p>Frailty and the ICB</p>", "<p>Frailty and the ICB</p>"),
        ("", ""),
        ("<p>No terms at all.</p>", "<p>No terms at all.</p>"),
        # Text angle brackets are escaped, so they start no tag.
        ("<p>a &lt; b GP &gt; c</p>", f"<p>a &lt; b {GP} &gt; c</p>"),
        # Inside any tag is not text.
        ('<p title="a GP b">x</p><img alt="a &gt; GP" src="a.png">', '<p title="a GP b">x</p><img alt="a &gt; GP" src="a.png">'),
        # An element left open is left alone to the end; an end tag alone opens nothing.
        ("<p><code>GP</p><p>GP</p>", "<p><code>GP</p><p>GP</p>"),
        ("<p></code>GP</p>", f"<p></code>{GP}</p>"),
        ('<p><code class="x"/>GP</p>', f'<p><code class="x"/>{GP}</p>'),
    ],
)
def test_each_use_of_an_abbreviation_in_the_text_gets_its_hover_definition(content, expected):
    assert Abbreviations(TERMS).in_html(content) == expected


def test_an_expansion_is_escaped_for_its_attribute():
    terms = (GlossaryTerm("AE", "x", expansion='Accident <&> "emergency"\n  department'),)
    assert (
        Abbreviations(terms).in_html("<p>AE</p>")
        == '<p><abbr title="Accident &lt;&amp;&gt; &quot;emergency&quot; department">AE</abbr></p>'
    )


def test_a_longer_term_wins_over_a_shorter_one_it_begins_with():
    terms = (GlossaryTerm("NHS", "x", expansion="National Health Service"), GlossaryTerm("NHSE", "y", expansion="NHS England"))
    assert Abbreviations(terms).in_html("<p>NHSE and NHS</p>") == (
        '<p><abbr title="NHS England">NHSE</abbr> and <abbr title="National Health Service">NHS</abbr></p>'
    )


def test_a_site_without_abbreviations_changes_nothing():
    assert Abbreviations(()).in_html("<p>GP</p>") == "<p>GP</p>"


def test_marking_takes_linear_time_on_hostile_markup():
    abbreviations = Abbreviations(TERMS)
    hostile = (
        "<" * 200_000 + "GP",
        "<code>" * 50_000 + "GP",
        "<code " * 50_000 + "GP",
        "GP " * 100_000,
        "<" + "GP " * 100_000,
        "<p>" * 100_000 + "GP",
        "<a x='" + "GP " * 100_000 + "'>",
    )
    for content in hostile:
        start = time.perf_counter()
        abbreviations.in_html(content)
        assert time.perf_counter() - start < 2, content[:20]


@pytest.mark.parametrize(
    ("contributed", "expected"),
    [
        # An attribute value holding ">" stays one value: the sanitizer escapes it first.
        ('<span title="a>GP" onmouseover="alert(1)">GP</span>', f'<span title="a&gt;GP">{GP}</span>'),
        ("<p title='GP\">'>GP</p>", f'<p title="GP&quot;&gt;">{GP}</p>'),
        ("<p>GP<!-- GP > GP --></p>", f"<p>{GP}</p>"),
        ("<p>a < GP > b</p>", f"<p>a &lt; {GP} &gt; b</p>"),
    ],
)
def test_contributed_markup_is_sanitized_first_so_only_its_text_gets_hover_definitions(contributed, expected):
    assert Abbreviations(TERMS).in_html(sanitize_content(contributed)) == expected
