"""Nothing vanishes: every file in ``case_studies/`` and ``data/`` that the site would not
read is reported, so a misnamed or misplaced file is never silently left out.

The site reads ``case_studies/<slug>.md`` (and the CSV files their measures name), the
fixed files in ``data/``, ``data/neighbourhoods/<slug>.yml``, and ``data/reports/<slug>.yml``
with the Markdown files those name. :func:`unread_files`
reports everything else with what to do about it.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem
from .case_studies import FOLDER, NOT_CASE_STUDIES
from .reports import FOLDER as REPORTS
from .reports import markdown_files

DATA_FILES = ("localities.yml", "partners.yml", "skills.yml", "coaches.yml", "glossary.yml", "programme.yml")
NEIGHBOURHOODS = "data/neighbourhoods"


def unread_files(root: Path) -> list[Problem]:
    """A problem for each file or folder under ``case_studies/`` and ``data/`` that no loader reads."""
    problems = []
    studies = root / FOLDER
    for entry in sorted(studies.iterdir()) if studies.is_dir() else ():
        if entry.name.startswith(".") or entry.is_symlink():
            continue  # hidden files are git's and editors'; links are reported on their own
        name = entry.name
        if entry.is_dir():
            problems.append(
                _unread(
                    root, entry, f"case studies are files directly in {FOLDER}/, not in folders; move it up as {FOLDER}/{name}.md"
                )
            )
        elif not name.endswith((".md", ".csv")) and name not in NOT_CASE_STUDIES:
            stem = name.rsplit(".", 1)[0]
            problems.append(
                _unread(
                    root,
                    entry,
                    f"only .md case studies and .csv measure files are read here; rename it {stem.lower()}.md if it is a case study",
                )
            )
    data = root / "data"
    for entry in sorted(data.iterdir()) if data.is_dir() else ():
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir() and entry.name in ("neighbourhoods", "reports"):
            continue
        if entry.name not in DATA_FILES:
            problems.append(
                _unread(root, entry, f"the site reads only {', '.join(DATA_FILES)}, data/neighbourhoods/ and data/reports/ here")
            )
    folder = root / NEIGHBOURHOODS
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir() or entry.suffix not in (".yml", ".yaml"):
            problems.append(_unread(root, entry, "each neighbourhood is one <slug>.yml file here"))
    folder = root / REPORTS
    named = markdown_files(root)
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir() or not (entry.suffix == ".yml" or entry.name in named):
            problems.append(
                _unread(
                    root,
                    entry,
                    "each report is one <slug>.yml file here, with the Markdown files its introduction or conclusion names",
                )
            )
    return problems


def _unread(root: Path, entry: Path, advice: str) -> Problem:
    return Problem(entry.relative_to(root).as_posix(), 1, "", f"is not read by the site: {advice}")
