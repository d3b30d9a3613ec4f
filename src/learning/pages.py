"""Renderers for generated pages: content in, Markdown out. No I/O, no MkDocs.

Each ``*_page`` function prepares plain view data (sorting, grouping, labels) and hands it
to a template that only loops and prints.
"""

from __future__ import annotations

import re

from .model import GlossaryTerm, ToolGuide
from .render import relative_url, render_template
from .tools import CATEGORIES

CATEGORY_TEXT = {
    "understand": ("Understand the problem", "Tools for seeing how things work now, and why, before changing anything."),
    "plan": ("Plan the work", "Tools for agreeing an aim and a theory of how to reach it."),
    "test": ("Test changes", "Tools for trying a change on a small scale and learning from it."),
    "measure": ("Measure", "Tools for knowing whether a change is an improvement."),
    "engage": ("Engage people", "Tools for involving everyone who affects, or is affected by, the work."),
    "team-rhythm": ("Team rhythm", "Regular meetings that keep a cross-organisational team improving together."),
}


def glossary_page(terms: tuple[GlossaryTerm, ...]) -> str:
    """The glossary page: every term with its expansion, definition and source."""
    view = [dict(term=t.term, expansion=t.expansion, definition=t.definition, source=t.source, anchor=_anchor(t.term)) for t in terms]
    return render_template("glossary.md.j2", terms=view)


class Abbreviations:
    """Python-Markdown ``abbr`` definitions for hover definitions, per page.

    Only the terms a page uses are appended to it: the ``abbr`` extension's cost grows with
    the number of definitions times the page's text, so a page gets just its own.
    """

    def __init__(self, terms: tuple[GlossaryTerm, ...]):
        self._definitions = {t.term: f"*[{t.term}]: {t.expansion}" for t in terms}
        words = sorted(self._definitions, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])") if words else None

    def for_markdown(self, markdown: str) -> str:
        """The definitions of the terms that occur in ``markdown`` (empty when none do)."""
        if self._pattern is None:
            return ""
        used = sorted(set(self._pattern.findall(markdown)))
        return "\n\n" + "\n".join(self._definitions[term] for term in used) + "\n" if used else ""


def tools_index_page(tools: tuple[ToolGuide, ...]) -> str:
    """The tools index: guides grouped by category in the fixed category order, by title."""
    groups = []
    for category in CATEGORIES:
        members = sorted((t for t in tools if t.category == category), key=lambda t: t.title.lower())
        if members:
            label, description = CATEGORY_TEXT[category]
            groups.append(dict(label=label, description=description, tools=members))
    return render_template("tools-index.md.j2", groups=groups)


def _anchor(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def tool_backlinks(uri: str, studies) -> str:
    """HTML list of the published case studies that used the tool whose guide is ``uri``."""
    items = [dict(title=s.title, url=relative_url(uri, f"case-studies/{s.slug}.md"), example=s.is_example) for s in studies]
    return render_template("tool-backlinks.html.j2", studies=items)
