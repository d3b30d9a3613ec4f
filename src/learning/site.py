"""Build the whole generated part of the site: :func:`build_site` is the one entry point.

It loads and validates all content, then returns every generated page as Markdown keyed by
its path under ``docs/`` (``{"glossary.md": "...", ...}``), every generated non-page file
(feeds, calendars, open data), the problems found, and the text to append to hand-written
pages. Nothing is written to disk: the caller (an MkDocs hook, or a script) decides.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .content import load_content
from .model import Content
from .pages import glossary_page, tools_index_page, abbreviations
from .problems import Problem


@dataclass(frozen=True)
class GeneratedPage:
    """A generated page: its Markdown and the repository file a reader should edit."""

    markdown: str
    source: str | None = None


@dataclass(frozen=True)
class SiteBuild:
    content: Content
    pages: dict[str, GeneratedPage]
    files: dict[str, str | bytes]
    problems: tuple[Problem, ...]
    page_additions: dict[str, str] = field(default_factory=dict)
    common_addition: str = ""

    def additions_for(self, src_uri: str) -> str:
        """Text appended to the Markdown of the page at ``src_uri`` (hand-written or not)."""
        return self.page_additions.get(src_uri, "") + self.common_addition


def build_date(environ=os.environ) -> dt.date:
    """The date the build is 'as of': SOURCE_DATE_EPOCH when set (reproducible), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def build_site(root: Path, *, today: dt.date, include_drafts: bool = False) -> SiteBuild:
    """Load, validate and render everything generated from ``data/`` and ``case_studies/``."""
    content, problems = load_content(root, include_drafts=include_drafts)
    pages: dict[str, GeneratedPage] = {}
    if content.glossary:
        pages["glossary.md"] = GeneratedPage(glossary_page(content.glossary), "data/glossary.yml")
    if content.tools:
        pages["tools/index.md"] = GeneratedPage(tools_index_page(content.tools))
    return SiteBuild(
        content=content,
        pages=pages,
        files={},
        problems=tuple(sorted(problems)),
        common_addition=abbreviations(content.glossary),
    )
