"""Hover definitions: each glossary abbreviation a page uses, marked up where it is used.

:meth:`Abbreviations.in_html` takes a page's sanitized content and wraps every use of a
glossary abbreviation in its text in ``<abbr title="expansion">``, as Python-Markdown's
``abbr`` extension would with definitions appended to the page, but in one pass over the
uses of terms instead of a walk over every element of every page (most of that extension's
cost on a large site). It reads sanitized HTML, as the sanitizer writes it, in which every
``<`` starts a tag and no attribute value holds ``<``, ``>`` or ``"``: so whether a use is
inside a tag is exact. What it adds is its own markup, with the expansion escaped.
"""

from __future__ import annotations

import html
import re

from ..model import GlossaryTerm

# Elements whose text is code, markup or already marked: nothing in them is abbreviated.
# Each start or end tag is read so that it never scans past the next "<" (linear on any text).
_LEAVE_ALONE = re.compile(
    r"<(/?)(code|pre|kbd|samp|abbr|script|style|textarea|title|svg|math)(?:[\t\n\f\r /][^<>]*)?>", re.IGNORECASE | re.ASCII
)


class Abbreviations:
    """The glossary's abbreviations (the terms marked ``abbreviation`` that have an
    expansion), found as whole words: not inside a longer word or a hyphenated one."""

    def __init__(self, terms: tuple[GlossaryTerm, ...]):
        # Keyed by the term as HTML text writes it ("A&E" as "A&amp;E").
        self._titles = {
            html.escape(t.term, quote=False): html.escape(" ".join(t.expansion.split()), quote=True)
            for t in terms
            if t.abbreviation and t.expansion
        }
        words = sorted(self._titles, key=len, reverse=True)
        # The word before a use is checked in Python (_joined_on): a look-behind at the front
        # of the pattern would make the engine try every position, several times slower.
        self._pattern = re.compile(r"(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])") if words else None

    def in_html(self, content: str) -> str:
        """``content``, a page's sanitized HTML (see
        :func:`~learning.pages.sanitize.sanitize_content`), with each abbreviation in its text
        wrapped in ``<abbr>``; text inside code, preformatted text, an existing ``<abbr>``,
        scripts, styles, SVG and MathML, and anything inside a tag, is left as it is.

        Only the uses of terms are visited, never every element: the text before each is
        looked through once, from the use before, so the time is linear in ``content``."""
        pattern = self._pattern
        if pattern is None:
            return content
        uses = list(pattern.finditer(content))
        if not uses:
            return content
        regions = _left_alone(content)
        out: list[str] = []
        written = looked = region = 0
        last_open = last_close = -1  # the last "<" and ">" before the use
        for use in uses:
            at = use.start()
            found = content.rfind("<", looked, at)
            last_open = found if found >= 0 else last_open
            found = content.rfind(">", looked, at)
            last_close = found if found >= 0 else last_close
            looked = at
            if last_open > last_close or _joined_on(content, at):
                continue  # inside a tag, or part of a longer word
            while region < len(regions) and regions[region][1] <= at:
                region += 1
            if region < len(regions) and regions[region][0] <= at:
                continue
            out += (content[written:at], self._abbr(use))
            written = use.end()
        out.append(content[written:])
        return "".join(out)

    def _abbr(self, match: re.Match[str]) -> str:
        term = match.group()
        return f'<abbr title="{self._titles[term]}">{term}</abbr>'


def _joined_on(content: str, at: int) -> bool:
    """Whether the text at ``at`` continues a word or a hyphenated word (``[\\w-]`` before it)."""
    return at > 0 and (content[at - 1].isalnum() or content[at - 1] in "_-")


def _left_alone(content: str) -> list[tuple[int, int]]:
    """The spans of ``content``, in order, inside elements whose text is left alone: from
    the start tag to the end of its end tag (or of the content, if never closed)."""
    regions: list[tuple[int, int]] = []
    inside: str | None = None
    depth = start = 0
    for tag in _LEAVE_ALONE.finditer(content):
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        empty = tag.group().endswith("/>")
        if inside is None:
            if not closing and not empty:
                inside, depth, start = name, 1, tag.start()
        elif name == inside and not empty:
            depth += -1 if closing else 1
            if depth == 0:
                regions.append((start, tag.end()))
                inside = None
    if inside is not None:
        regions.append((start, len(content)))
    return regions
