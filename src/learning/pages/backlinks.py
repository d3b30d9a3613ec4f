"""Backlinks on a tool guide: the published case studies that used the tool."""

from __future__ import annotations

from ..content.catalogue import Catalogue
from ..templating import render_template
from .fragments import placeholder
from .urls import case_study_uri, relative_url, tool_uri


def tool_backlinks(uri: str, studies) -> str:
    """HTML list of the published case studies that used the tool whose guide is ``uri``."""
    items = [dict(title=s.title, url=relative_url(uri, case_study_uri(s.slug)), example=s.is_example) for s in studies]
    return render_template("pages/tool-backlinks.html.j2", studies=items)


def backlink_sections(cat: Catalogue) -> dict[str, str]:
    """Markdown to append to each tool guide that case studies used: a heading and the
    placeholder of its list (see :func:`backlink_fragments`)."""
    section = "\n\n## Case studies that used this tool\n\n" + placeholder("backlinks") + "\n"
    return {tool_uri(slug): section for slug in cat.studies_by_tool}


def backlink_fragments(cat: Catalogue) -> dict[str, dict[str, str]]:
    """Each such tool guide's list of case studies, as an HTML fragment."""
    return {
        tool_uri(slug): {"backlinks": tool_backlinks(tool_uri(slug), studies)} for slug, studies in cat.studies_by_tool.items()
    }
