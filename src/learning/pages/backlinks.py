"""Backlinks on a tool guide: the published case studies that used the tool.
"""

from __future__ import annotations

from ..templating import render_template
from .urls import relative_url


def tool_backlinks(uri: str, studies) -> str:
    """HTML list of the published case studies that used the tool whose guide is ``uri``."""
    items = [dict(title=s.title, url=relative_url(uri, f"case-studies/{s.slug}.md"), example=s.is_example) for s in studies]
    return render_template("pages/tool-backlinks.html.j2", studies=items)
