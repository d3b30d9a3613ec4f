"""The tools index, ``/tools/``: the hand-written guides grouped by what they help a team do."""

from __future__ import annotations

from ..content.tools import CATEGORIES
from ..model import ToolGuide
from ..templating import render_template

CATEGORY_TEXT = {
    "understand": ("Understand the problem", "Tools for seeing how things work now, and why, before changing anything."),
    "plan": ("Plan the work", "Tools for agreeing an aim and a theory of how to reach it."),
    "test": ("Test changes", "Tools for trying a change on a small scale and learning from it."),
    "measure": ("Measure", "Tools for knowing whether a change is an improvement."),
    "engage": ("Engage people", "Tools for involving everyone who affects, or is affected by, the work."),
    "team-rhythm": ("Team rhythm", "Regular meetings that keep a cross-organisational team improving together."),
}


def tools_index_page(tools: tuple[ToolGuide, ...]) -> str:
    """The tools index: guides grouped by category in the fixed category order, by title."""
    groups = []
    for category in CATEGORIES:
        members = sorted((t for t in tools if t.category == category), key=lambda t: t.title.lower())
        if members:
            label, description = CATEGORY_TEXT[category]
            groups.append(dict(label=label, description=description, tools=members))
    return render_template("pages/tools-index.md.j2", groups=groups)
