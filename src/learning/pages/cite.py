"""Cite this page: a short citation a reader can paste into a slide or a paper.

:func:`citation` gives the text (authors, year, title, site, address, and the accessed date
left for the reader to fill in); :func:`cite_block` the HTML block that shows it.
"""

from __future__ import annotations

from ..templating import render_template


def citation(*, authors: tuple[str, ...], year: int, title: str, site_name: str, url: str) -> str:
    """``Authors (year). Title. Site. Address (accessed [date]).``"""
    who = "; ".join(authors) if authors else site_name
    return f"{who} ({year}). {title.rstrip('.')}. {site_name}. {url} (accessed [date])."


def cite_block(text: str, *, what: str, heading: bool = True) -> str:
    """The "Cite this …" block showing ``text``; ``what`` is "case study" or "report".
    Without ``heading`` (the page gives it a heading of its own) it shows the text alone."""
    return render_template("pages/cite.html.j2", text=text, what=what, heading=heading).removesuffix("\n")
