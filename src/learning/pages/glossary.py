"""The glossary page, ``/glossary/``: every term with its expansion, definition and source."""

from __future__ import annotations

import re

from ..model import GlossaryTerm
from ..templating import render_template


def glossary_page(terms: tuple[GlossaryTerm, ...]) -> str:
    """The glossary page: every term with its expansion, definition and source."""
    view = [
        dict(term=t.term, expansion=t.expansion, definition=t.definition, source=t.source, anchor=_anchor(t.term)) for t in terms
    ]
    return render_template("pages/glossary.md.j2", terms=view)


def _anchor(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
