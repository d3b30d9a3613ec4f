"""Start a new case study: a slug from the title, and a file that passes validation.

:func:`new_case_study` writes ``case_studies/<slug>.md`` from the template in
:mod:`learning.contributor`, and never overwrites an existing file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from .template import case_study_template


class ScaffoldError(Exception):
    """A reason the case study could not be created, phrased for the contributor."""


def slugify(title: str) -> str:
    """``"Falls: what we learned!"`` -> ``"falls-what-we-learned"`` (at most 60 characters)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-")


def new_case_study(
    root: Path, *, title: str, neighbourhoods: list[str], authors: list[str], today: dt.date, slug: str | None = None
) -> Path:
    """Create the file and return its path; raise :class:`ScaffoldError` on a bad request."""
    title = title.strip()
    if not title:
        raise ScaffoldError("a title is needed, e.g. 'Weekly huddle cuts repeat falls admissions'")
    known = sorted(p.stem for p in (root / "data" / "neighbourhoods").glob("*.yml"))
    unknown = [n for n in neighbourhoods if n not in known]
    if not neighbourhoods or unknown:
        raise ScaffoldError(f"unknown neighbourhood {', '.join(unknown) or '(none given)'}; choose from: {', '.join(known)}")
    authors = [a.strip() for a in authors if a.strip()]
    if not authors:
        raise ScaffoldError("at least one author is needed (a team name is fine)")
    slug = slug or slugify(title)
    if not slug:
        raise ScaffoldError("the title has no letters or digits to make a file name from; pass --slug")
    target = root / "case_studies" / f"{slug}.md"
    text = case_study_template(title=title, neighbourhoods=neighbourhoods, authors=authors, today=today)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{target.relative_to(root)} already exists; nothing was changed. Choose another title or --slug"
        ) from None
    return target
