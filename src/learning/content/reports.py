"""Learning reports: ``data/reports/<slug>.yml``, each a title, a period, a selection of
case studies and an introduction, assembled into a web page and a PDF by later stages.

:func:`load_reports` reads and validates the files (every mistake located, all at once);
:func:`check_case_study_names` checks the case studies they name once those are loaded;
:func:`select_case_studies` gives a report's case studies as of the build, and
:func:`selection_problems` reports a report that would be empty or name an unpublished one.
A report with mistakes is reported and left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

from ..model import CaseStudy, Report
from ..problems import Problem, guarded
from ..source.body import check_body
from ..source.fields import SLUG, Field, check_fields, describe, empty_value
from ..source.files import read_text
from ..source.markup import printable
from ..source.strict_yaml import Mapping, load_yaml_file
from .case_studies import Known
from .tools import TOOL_GUIDES

FOLDER = "data/reports"
# The reports index is reports/index: no report may take that name.
RESERVED_SLUGS = ("index",)
# Every case study of a report is printed in full: past this, split it into several reports.
MAX_CASE_STUDIES = 40
# An introduction or conclusion is a few paragraphs; a longer text goes in a file beside it.
MAX_MARKDOWN = 20_000
_MARKDOWN_FILE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.md")

_INTRODUCTION = "Markdown text (a `|` block), or the name of a Markdown file beside this one"

REPORT_FIELDS = (
    Field("title", "text", "The report's title.", "Learning so far", required=True, max_length=150),
    Field("subtitle", "text", "One line under the title (optional).", "What the first year has shown", max_length=300),
    Field(
        "period",
        "any",
        "The dates the report covers: {from: YYYY-MM-DD, to: YYYY-MM-DD}.",
        "{from: 2024-10-01, to: 2025-06-30}",
        required=True,
    ),
    Field(
        "case_studies",
        "slug_list",
        "The case studies to include, in order (file names in case_studies/ without .md); "
        "leave out to include every case study published in the period that matches the filters.",
        "[weekly-frailty-huddle, falls-pathway-mapping]",
    ),
    Field(
        "neighbourhoods",
        "choice_list",
        "Only case studies from these neighbourhoods (file names in data/neighbourhoods/ without .yml).",
        "[forest-of-dean]",
        extra={"noun": "neighbourhood", "see": "the list is the files in data/neighbourhoods/"},
    ),
    Field("tools", "choice_list", "Only case studies that used these tool guides.", "[pdsa]", extra=TOOL_GUIDES),
    Field("themes", "slug_list", "Only case studies with one of these themes.", "[falls]"),
    Field("introduction", "any", f"The introduction: {_INTRODUCTION}.", "learning-so-far.md", required=True),
    Field("conclusion", "any", f"The conclusion (optional): {_INTRODUCTION}.", "learning-so-far-conclusion.md"),
    Field("authors", "text_list", "Who wrote the report.", "[Programme team]", required=True, min_items=1),
    Field("measures", "bool", "Show each case study's measures (charts and tables); true by default.", "true", default=True),
    Field(
        "include_examples",
        "bool",
        "Include illustrative examples (labelled as such); false by default.",
        "false",
        default=False,
    ),
)
PERIOD_FIELDS = (
    Field("from", "date", "First day the report covers.", "2024-10-01", required=True),
    Field("to", "date", "Last day the report covers.", "2025-06-30", required=True),
)
# Fields whose value is itself a mapping of fields, checked as ``<name>.<field>``.
NESTED_FIELDS = {"period": PERIOD_FIELDS}
# The fields that select case studies when a report does not list them.
FILTERS = ("neighbourhoods", "tools", "themes")


def report_files(root: Path) -> list[Path]:
    """Every report definition under ``root``, by name."""
    folder = root / FOLDER
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def load_reports(root: Path, known: Known, problems: list[Problem]) -> tuple[Report, ...]:
    """Every valid report under ``root``; files with mistakes are reported and left out.
    Case-study names are checked later (:func:`check_case_study_names`)."""
    reports = []
    choices = {"neighbourhoods": tuple(sorted(known.neighbourhoods)), "tools": tuple(sorted(known.tools))}
    fields = tuple(replace(f, choices=choices[f.name]) if f.name in choices else f for f in REPORT_FIELDS)
    for file in report_files(root):
        path = file.relative_to(root).as_posix()
        if file.stem in RESERVED_SLUGS or not SLUG.fullmatch(file.stem):
            problems.append(
                Problem(path, 1, "", f"'{printable(file.name)}' must be a slug other than index, e.g. learning-so-far.yml")
            )
            continue
        report = guarded(path, problems, partial(_read, root, file, path, fields, problems))
        if report is not None:
            reports.append(report)
    return tuple(reports)


def _read(root: Path, file: Path, path: str, fields: tuple[Field, ...], problems: list[Problem]) -> Report | None:
    raw = load_yaml_file(file, path, problems)
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.append(
            Problem(path, 1, "", "expected fields such as `title: Learning so far` and `period: {from: ..., to: ...}`")
        )
        return None
    before = len(problems)
    values = check_fields(raw, fields, path, problems)
    period = _period(raw, path, problems) if "period" in values else None
    texts = {name: _markdown(root, raw, name, path, problems) for name in ("introduction", "conclusion") if name in values}
    if "case_studies" in values:
        for name in FILTERS:
            if name in values:
                problems.append(
                    Problem(
                        path,
                        raw.line_of(name),
                        name,
                        "cannot be combined with `case_studies:`, which lists the case studies itself; keep one of them",
                    )
                )
        if not values["case_studies"]:
            problems.append(Problem(path, raw.line_of("case_studies"), "case_studies", empty_value("[weekly-frailty-huddle]")))
        elif len(values["case_studies"]) > MAX_CASE_STUDIES:
            problems.append(
                Problem(
                    path,
                    raw.line_of("case_studies"),
                    "case_studies",
                    f"lists {len(values['case_studies'])} case studies; a report holds at most {MAX_CASE_STUDIES}, so split it",
                )
            )
    if len(problems) != before or period is None or texts.get("introduction") is None:
        return None
    selection = "case_studies" if "case_studies" in values else next((f for f in FILTERS if f in values), "period")
    return Report(
        slug=file.stem,
        path=path,
        title=values["title"],
        subtitle=values.get("subtitle"),
        period_from=period[0],
        period_to=period[1],
        introduction=texts["introduction"] or "",
        conclusion=texts.get("conclusion"),
        authors=values["authors"],
        case_studies=values.get("case_studies", ()),
        neighbourhoods=values.get("neighbourhoods", ()),
        tools=values.get("tools", ()),
        themes=values.get("themes", ()),
        measures=values.get("measures", True),
        include_examples=values.get("include_examples", False),
        line=raw.line,
        selection_line=raw.line_of(selection),
    )


def _period(raw: Mapping, path: str, problems: list[Problem]):
    value, line = raw["period"], raw.line_of("period")
    example = "{from: 2024-10-01, to: 2025-06-30}"
    if value is None or (isinstance(value, Mapping) and not value):
        problems.append(Problem(path, line, "period", empty_value(example)))
        return None
    if not isinstance(value, Mapping):
        problems.append(Problem(path, line, "period", f"expected `{example}`, got {describe(value)}"))
        return None
    before = len(problems)
    dates = check_fields(value, NESTED_FIELDS["period"], path, problems, prefix="period.")
    if len(problems) != before:
        return None
    if dates["from"] > dates["to"]:
        problems.append(
            Problem(
                path,
                value.line_of("from"),
                "period.from",
                f"is {dates['from']}, after `to` ({dates['to']}); a period runs from its first day to its last",
            )
        )
        return None
    return dates["from"], dates["to"]


def _markdown(root: Path, raw: Mapping, name: str, path: str, problems: list[Problem]) -> str | None:
    """The Markdown of field ``name``: its text, or the file beside the report it names."""
    value, line = raw[name], raw.line_of(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(path, line, name, f"expected {_INTRODUCTION}, got {describe(value)}"))
        return None
    text, first, source = value, line + 1, path
    if _MARKDOWN_FILE.fullmatch(value.strip()):
        source = f"{FOLDER}/{value.strip()}"
        file = root / source
        if not file.is_file():
            problems.append(Problem(path, line, name, f"names {source}, which does not exist; add it or write the text here"))
            return None
        read = read_text(file, source, problems)
        if read is None:
            return None
        text, first = read, 1
    if len(text) > MAX_MARKDOWN:
        problems.append(
            Problem(source, first, name, f"is {len(text):,} characters; the limit is {MAX_MARKDOWN:,}, so shorten it")
        )
        return None
    before = len(problems)
    check_body(text, first, source, problems)
    return text if len(problems) == before else None


def markdown_files(root: Path) -> frozenset[str]:
    """The Markdown files in ``data/reports/`` that some report names (any other is unread)."""
    named = set()
    for file in report_files(root):
        # Read as every contributed file is (no links, bounded size); what cannot be read is
        # reported when the report itself is loaded.
        text = read_text(file, file.name, [])
        for line in (text or "").splitlines():
            key, _, value = line.partition(":")
            if key in ("introduction", "conclusion") and _MARKDOWN_FILE.fullmatch(value.strip()):
                named.add(value.strip())
    return frozenset(named)


def check_case_study_names(
    reports: Iterable[Report], studies: Iterable[CaseStudy], files: frozenset[str], problems: list[Problem]
) -> list[Report]:
    """The reports whose listed case studies all loaded (drafts included); a problem for each
    name that is not a case study. ``files``: the names of every case-study file, so that a
    report naming one with mistakes of its own waits for it without a second problem."""
    slugs = {s.slug for s in studies}
    kept = []
    for report in reports:
        unknown = [slug for slug in report.case_studies if slug not in slugs and slug not in files]
        for slug in unknown:
            problems.append(
                Problem(
                    report.path,
                    report.selection_line,
                    "case_studies",
                    f"names '{slug}', which is not a case study; the list is the files in case_studies/ without .md",
                )
            )
        if all(slug in slugs for slug in report.case_studies):
            kept.append(report)
    return kept


def select_case_studies(report: Report, studies: tuple[CaseStudy, ...]) -> tuple[CaseStudy, ...]:
    """The case studies of ``report`` among the published ``studies`` (newest first): its
    list in its order, or those dated in its period that match every filter given, oldest
    first. Examples are left out unless the report includes them."""
    if report.case_studies:
        by_slug = {s.slug: s for s in studies}
        chosen = [by_slug[slug] for slug in report.case_studies if slug in by_slug]
    else:
        chosen = [
            s
            for s in reversed(studies)
            if report.period_from <= s.date <= report.period_to
            and (not report.neighbourhoods or set(report.neighbourhoods) & set(s.neighbourhoods))
            and (not report.tools or set(report.tools) & set(s.tools))
            and (not report.themes or set(report.themes) & set(s.themes))
        ]
    return tuple(s for s in chosen if report.include_examples or not s.is_example)[:MAX_CASE_STUDIES]


def selection_problems(
    reports: Iterable[Report], published: tuple[CaseStudy, ...], every: tuple[CaseStudy, ...]
) -> tuple[list[Problem], list[Problem]]:
    """Problems and notices about what each report selects from the ``published`` case
    studies (``every``: drafts and future-dated ones too). A report that selects nothing, or
    lists a draft or an example it leaves out, is a problem; one that lists a case study
    dated after today is a notice (the case study, and the report with it, waits for its date)."""
    problems, notices = [], []
    shown = {s.slug: s for s in published}
    waiting = {s.slug: s for s in every if s.slug not in shown}
    for report in reports:
        for slug in report.case_studies:
            study = shown.get(slug)
            if study is None:
                later = waiting.get(slug)
                if later is not None and not later.is_draft:
                    notices.append(
                        Problem(
                            report.path,
                            report.selection_line,
                            "case_studies",
                            f"names '{slug}', dated {later.date}, after today; the report includes it from that date",
                        )
                    )
                    continue
                problems.append(
                    Problem(
                        report.path,
                        report.selection_line,
                        "case_studies",
                        f"names '{slug}', which is a draft; remove it or publish the case study",
                    )
                )
            elif study.is_example and not report.include_examples:
                problems.append(
                    Problem(
                        report.path,
                        report.selection_line,
                        "case_studies",
                        f"names '{slug}', an illustrative example; add `include_examples: true` to include it (it is labelled)",
                    )
                )
        if not report.case_studies and not select_case_studies(report, published):
            problems.append(
                Problem(
                    report.path,
                    report.selection_line,
                    _selection_field(report),
                    f"selects no published case study from {report.period_from} to {report.period_to}"
                    + ("" if report.include_examples else " (examples are left out unless `include_examples: true`)")
                    + "; widen the period or the filters",
                )
            )
    return problems, notices


def _selection_field(report: Report) -> str:
    return next((name for name in FILTERS if getattr(report, name)), "period")
