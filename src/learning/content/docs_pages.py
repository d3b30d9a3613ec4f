"""Hand-written pages under ``docs/``, known here by their review dates.

Every page carries ``last_reviewed`` and ``review_due`` in its front matter (the GOV.UK
technical documentation pattern): the page shows both at its foot, a page past its review
date says so at the top, and ``make check`` lists such pages as notices. Other front-matter
keys belong to the site engine and the theme and are not checked here (tool guides'
keys are: see :mod:`.tools`).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..model import DocPage
from ..problems import Problem, guarded
from ..source.body import check_body
from ..source.fields import Field, check_fields
from ..source.frontmatter import read_front_matter

FOLDER = "docs"

# Folders of docs/ whose pages the site makes, and where their sources belong instead.
GENERATED_FOLDERS = {
    "case-studies/": "case studies go in case_studies/",
    "neighbourhoods/": "neighbourhoods are YAML files in data/neighbourhoods/",
}

REVIEW_FIELDS = (
    Field(
        "last_reviewed", "date", "When the page was last checked against its sources, YYYY-MM-DD.", "2026-12-01", required=True
    ),
    Field("review_due", "date", "When it should be checked again, YYYY-MM-DD.", "2027-06-01", required=True),
)


def load_doc_pages(root: Path, problems: list[Problem]) -> tuple[DocPage, ...]:
    """The review dates of every Markdown page under ``docs/``; a page with a missing or
    impossible date is reported (and left out of the review notices)."""
    pages = []
    for file in sorted((root / FOLDER).rglob("*.md")):
        if file.is_symlink():
            continue  # reported as a link, and never published
        path = file.relative_to(root).as_posix()
        page = guarded(path, problems, partial(_read, root, file, path, problems))
        if page is not None:
            pages.append(page)
    return tuple(pages)


def _read(root: Path, file: Path, path: str, problems: list[Problem]) -> DocPage | None:
    document = read_front_matter(file, path, problems)
    if document is None or document.meta is None:
        return None
    uri = file.relative_to(root / FOLDER).as_posix()
    if uri.startswith(tuple(GENERATED_FOLDERS)):
        problems.append(
            Problem(
                path,
                1,
                "",
                f"is in {FOLDER}/{uri.split('/')[0]}/, which the site makes; {GENERATED_FOLDERS[uri.split('/')[0] + '/']}",
            )
        )
        return None
    if "template" in document.meta:
        problems.append(
            Problem(path, document.meta.line_of("template"), "template", "is not allowed; pages use the site's own templates")
        )
    check_body(document.body, document.body_line, path, problems, markup=False)
    others = tuple(Field(key, "any", "", "") for key in document.meta if key not in ("last_reviewed", "review_due"))
    before = len(problems)
    values = check_fields(document.meta, REVIEW_FIELDS + others, path, problems)
    if len(problems) != before:
        return None
    if values["review_due"] < values["last_reviewed"]:
        problems.append(
            Problem(path, document.meta.line_of("review_due"), "review_due", "is before last_reviewed; check the dates")
        )
        return None
    return DocPage(uri, path, values["last_reviewed"], values["review_due"])
