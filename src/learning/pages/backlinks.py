"""Backlinks on a tool guide: the published case studies that used the tool, and a link to
propose one that did."""

from __future__ import annotations

from ..content.catalogue import Catalogue
from ..templating import render_template
from .fragments import placeholder
from .urls import case_study_uri, propose_url, relative_url, tool_uri


def tool_backlinks(uri: str, studies) -> str:
    """HTML list of the published case studies that used the tool whose guide is ``uri``."""
    items = [dict(title=s.title, url=relative_url(uri, case_study_uri(s.slug)), example=s.is_example) for s in studies]
    return render_template("pages/tool-backlinks.html.j2", studies=items)


def backlink_sections(cat: Catalogue) -> dict[str, str]:
    """Markdown to append to each tool guide: a heading, the placeholder of the list of case
    studies that used the tool (see :func:`backlink_fragments`) when there are any, and a
    link to the propose form with the tool ticked."""
    sections = {}
    for slug in cat.tools:
        uri = tool_uri(slug)
        used = slug in cat.studies_by_tool
        listing = placeholder("backlinks") if used else "No published case study has used this tool yet."
        propose = f"[Propose a case study that used this tool]({propose_url(uri, tools=(slug,))}){{ .md-button }}\n"
        sections[uri] = "\n\n## Case studies that used this tool\n\n" + listing + "\n\n" + propose
    return sections


def backlink_fragments(cat: Catalogue) -> dict[str, dict[str, str]]:
    """Each such tool guide's list of case studies, as an HTML fragment."""
    return {
        tool_uri(slug): {"backlinks": tool_backlinks(tool_uri(slug), studies)} for slug, studies in cat.studies_by_tool.items()
    }
