"""Hover definitions: the glossary terms a page uses, as Python-Markdown ``abbr`` lines."""

from __future__ import annotations

import re

from ..model import GlossaryTerm


class Abbreviations:
    """Python-Markdown ``abbr`` definitions for hover definitions, per page.

    Only the terms a page uses are appended to it: the ``abbr`` extension's cost grows with
    the number of definitions times the page's text, so a page gets just its own.
    """

    def __init__(self, terms: tuple[GlossaryTerm, ...]):
        self._definitions = {t.term: f"*[{t.term}]: {t.expansion}" for t in terms if t.abbreviation and t.expansion}
        words = sorted(self._definitions, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])") if words else None

    def for_markdown(self, markdown: str) -> str:
        """The definitions of the terms that occur in ``markdown`` (empty when none do)."""
        if self._pattern is None:
            return ""
        used = sorted(set(self._pattern.findall(markdown)))
        return "\n\n" + "\n".join(self._definitions[term] for term in used) + "\n" if used else ""
