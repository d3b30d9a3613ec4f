"""Tool guides: hand-written ``docs/tools/<slug>.md`` pages, known here by their front matter.

The guides themselves are rendered by the site engine as ordinary pages; this module reads
their front matter strictly so the tools index, backlinks and case-study references can be
generated and checked.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from ..model import ToolGuide
from ..problems import Problem, guarded
from ..source.fields import SLUG, Field, check_fields
from ..source.frontmatter import read_front_matter

FOLDER = "docs/tools"
CATEGORIES = ("understand", "plan", "test", "measure", "engage", "team-rhythm")

REVIEW_KEYS = ("last_reviewed", "review_due")
# How fields naming tool guides refer to docs/tools/, in messages.
TOOL_GUIDES = {"noun": "tool guide", "see": "the list is the files in docs/tools/"}

TOOL_FIELDS = (
    Field("title", "text", "The tool's name.", "PDSA cycles", required=True, max_length=100),
    Field(
        "summary",
        "text",
        "One or two sentences on what the tool is for.",
        "Test a change on a small scale before relying on it.",
        required=True,
        max_length=300,
    ),
    Field("category", "choice", "What the tool helps a team do.", "test", required=True, choices=CATEGORIES),
    Field("time_needed", "text", "How long it typically takes.", "30 minutes to plan a cycle", required=True, max_length=120),
    Field(
        "related",
        "choice_list",
        "Slugs of related tool guides.",
        "[model-for-improvement, run-chart]",
        extra=TOOL_GUIDES,
    ),
    # Checked with every other page's review dates (see docs_pages).
    Field("last_reviewed", "any", "When the guide was last checked, YYYY-MM-DD.", "2026-12-01"),
    Field("review_due", "any", "When it should be checked again, YYYY-MM-DD.", "2027-06-01"),
    Field(
        "sources", "url_list", "Web addresses cited in the guide.", "[https://www.england.nhs.uk/]", required=True, min_items=1
    ),
)


def load_tools(root: Path, problems: list[Problem]) -> tuple[ToolGuide, ...]:
    """Read every tool guide's front matter; guides with mistakes are reported and left out."""
    files = [f for f in sorted((root / FOLDER).glob("*.md")) if f.name != "index.md"]
    fields = tuple(replace(f, choices=tuple(p.stem for p in files)) if f.name == "related" else f for f in TOOL_FIELDS)
    guides = []
    for file in files:
        path = file.relative_to(root).as_posix()
        if not SLUG.fullmatch(file.stem):
            problems.append(Problem(path, 1, "", f"file name '{file.name}' must be a slug, e.g. run-chart.md"))
            continue
        guide = guarded(path, problems, partial(_read, file, path, fields, problems))
        if guide is not None:
            guides.append(guide)
    return tuple(guides)


def _read(file: Path, path: str, fields: tuple[Field, ...], problems: list[Problem]) -> ToolGuide | None:
    before = len(problems)
    document = read_front_matter(file, path, problems)
    if document is None or document.meta is None:
        return None
    values = check_fields(document.meta, fields, path, problems)
    for key in REVIEW_KEYS:
        values.pop(key, None)  # held by the page's DocPage
    return ToolGuide(slug=file.stem, path=path, **values) if len(problems) == before else None
