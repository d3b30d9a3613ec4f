"""What is published, as of the build date: drafts and case studies dated in the future wait.

:func:`publishable` gives the content a build publishes, with a notice for each case study
held back until its date (the daily deploy publishes it then). :func:`links_to_drafts`
reports a published case study that links to a draft, which would be a broken link once
published, at the line of the link.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import replace

from ..model import CaseStudy, Content
from ..problems import Problem
from ..text import long_date


def publishable(content: Content, today: dt.date, *, include_drafts: bool) -> tuple[Content, list[Problem]]:
    """``content`` without the case studies a build as of ``today`` leaves out, and a notice
    for each one dated in the future. The preview (``include_drafts``) keeps them all."""
    notices = [
        Problem(s.path, 1, "date", f"is {long_date(s.date)}, after today; the case study is published on that date, not before")
        for s in content.case_studies
        if s.date > today and not s.is_draft
    ]
    if include_drafts:
        return content, notices
    kept = tuple(s for s in content.case_studies if not s.is_draft and s.date <= today)
    return replace(content, case_studies=kept), notices


def links_to_drafts(studies: tuple[CaseStudy, ...]) -> list[Problem]:
    """A problem for each link from a published case study to a draft one."""
    drafts = {s.slug for s in studies if s.is_draft}
    if not drafts:
        return []
    problems = []
    for study in studies:
        if study.is_draft:
            continue
        for line, target in study.links:
            slug = _case_study_named(target)
            if slug in drafts:
                problems.append(
                    Problem(
                        study.path,
                        line,
                        "body",
                        f"links to '{slug}', which is a draft and not published; remove the link or publish it first",
                    )
                )
    return problems


def _case_study_named(target: str) -> str | None:
    """The slug of the case study a link from a case-study page points to, if it does."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path or "://" in path or path.startswith("mailto:"):
        return None
    resolved = posixpath.normpath(posixpath.join("case-studies", path))
    folder, _, name = resolved.rstrip("/").rpartition("/")
    if folder.lstrip("/") != "case-studies":
        return None
    return name.removesuffix(".md") or None
