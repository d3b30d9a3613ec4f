"""Hover definitions: each glossary abbreviation a page uses, marked up where it is used.

:meth:`Abbreviations.in_html` takes a page's converted content and wraps every use of a
glossary abbreviation in its text in ``<abbr title="expansion">``, as Python-Markdown's
``abbr`` extension would with definitions appended to the page, but in one pass over the
HTML instead of a walk over every element of every page (most of that extension's cost
on a large site). The content is sanitized afterwards as usual, so this pass decides
nothing about safety; the expansion is escaped.
"""

from __future__ import annotations

import html
import re

from ..model import GlossaryTerm

# A tag, read so that a "<" never scans past the next "<": the text between tags is what
# a reader sees (the sanitizer, which runs next, has the last word on markup).
_TAGS = re.compile(r"(<[^<>]*>)")
# Elements whose text is code, markup or already marked: nothing in them is abbreviated.
_LEAVE_ALONE = re.compile(
    r"<(/?)(code|pre|kbd|samp|abbr|script|style|textarea|title|svg|math)[\t\n\f\r />]", re.IGNORECASE | re.ASCII
)
_MAYBE_LEFT_ALONE = frozenset("cCpPkKsSaAtTmM/")


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
        self._pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])") if words else None

    def in_html(self, content: str) -> str:
        """``content`` (a page's converted HTML) with each abbreviation in its text wrapped in
        ``<abbr>``; text inside code, preformatted text, existing ``<abbr>``, scripts,
        styles, SVG and MathML, and anything inside a tag, is left as it is."""
        pattern = self._pattern
        if pattern is None or pattern.search(content) is None:
            return content
        parts = _TAGS.split(content)  # text, tag, text, tag, ..., text
        inside: str | None = None  # the element being left alone
        depth = 0
        for index in range(0, len(parts), 2):
            if inside is None and pattern.search(parts[index]):
                parts[index] = pattern.sub(self._abbr, parts[index])
            if index + 1 == len(parts):
                break
            tag = parts[index + 1]
            if tag[1] not in _MAYBE_LEFT_ALONE:
                continue
            found = _LEAVE_ALONE.match(tag)
            if found is None:
                continue
            closing, name = found.group(1) == "/", found.group(2).lower()
            if inside is None and not closing and not tag.endswith("/>"):
                inside, depth = name, 1
            elif name == inside:
                depth += -1 if closing else 0 if tag.endswith("/>") else 1
                if depth == 0:
                    inside = None
        return "".join(parts)

    def _abbr(self, match: re.Match[str]) -> str:
        term = match.group()
        return f'<abbr title="{self._titles[term]}">{term}</abbr>'
