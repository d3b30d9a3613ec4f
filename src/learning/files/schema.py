"""The JSON Schemas (draft 2020-12) of case-study front matter,
``/schema/case-study.schema.json``, and of report definitions, ``/schema/report.schema.json``.

:func:`case_study_schema` makes the first from the definitions the build validates with: the
case-study fields, the measure validator's constants, the unsafe-markup pattern and the
calendar that the date and period parsers use, so that an editor using it flags what the
build would refuse. :func:`report_schema` makes the second, the same way, from the report
loader's fields and limits.

Some rules no JSON Schema can state; those are left to the build: references to other files
(apart from the lists of known ids passed in), the contents of CSV and Markdown files, what a
report's selection finds, and comparisons between values (a report period's two dates, the
time order and uniqueness of periods, rebase and annotation periods that must be data
periods, a baseline no longer than the data). Where the build is lenient,
the schema asks for the canonical form: text where text is expected (the build also takes
numbers and true/false), a list where a list is expected (the build also takes one bare id),
and values without surrounding spaces.

Patterns are written in the syntax that ECMA 262 and Python's ``re`` share, and mean the same
in both for ASCII text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import string
from collections.abc import Iterable, Sequence

from ..content.case_studies import CASE_STUDY_FIELDS, NOT_A_THEME
from ..content.reports import FILTERS, MAX_CASE_STUDIES, MAX_MARKDOWN, NESTED_FIELDS, REPORT_FIELDS
from ..measures.spc import DIRECTIONS
from ..measures.validate import (
    _PLAIN_NUMBER,
    CHARTS,
    FIELDS,
    MARKUP,
    MAX_POINTS,
    MEASURE_FIELDS,
    MIN_POINTS,
    NOTE_FIELDS,
    POINT_FIELDS,
    REQUIRED,
    RUN,
)
from ..source.fields import FIRST_YEAR, LAST_YEAR, SLUG, Field
from ..source.markup import UNSAFE

# Python's ``$`` also matches before a final newline, which the build's full matches refuse.
_END = r"$(?!\n)"
_NOT_BLANK = r"\S"
# How a CSV name the build refuses as absolute begins: a POSIX or Windows root or a Windows
# drive. A single leading backslash, which the build takes as part of a file name, is refused.
_ABSOLUTE_PATH = r"^(?:[/\\]|[A-Za-z]:)"
# The non-ASCII letters Python's re.IGNORECASE matches to ASCII ones (İ and ı to i, K the
# Kelvin sign to k, ſ the long s to s); JSON Schema patterns take no flags, so they are listed.
_OTHER_CASES = "\u0130\u0131\u212a\u017f"


def case_study_schema(*, neighbourhoods, tools, partners) -> dict:
    """The schema, with ``neighbourhoods``, ``tools`` and ``partners`` the ids the build knows
    (every other value of those fields is refused, as the build refuses it)."""
    choices = {"neighbourhoods": list(neighbourhoods), "tools": list(tools), "partners": list(partners)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "case-study.schema.json",
        "title": "United Neighbourhoods case study front matter",
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in CASE_STUDY_FIELDS if f.required],
        "properties": _with_reserved_theme({f.name: _property(f, choices) for f in CASE_STUDY_FIELDS}),
        **_consent_rule(),
        "$defs": _definitions(),
    }


def report_schema(*, neighbourhoods, tools) -> dict:
    """The schema of a report definition, ``data/reports/<slug>.yml``, with ``neighbourhoods``
    and ``tools`` the ids the build knows."""
    choices = {"neighbourhoods": list(neighbourhoods), "tools": list(tools)}
    # The fields the loader reads itself (kind "any"), shaped as it reads them.
    # Text that could run a script is refused on any line of it, as in a case study's body.
    markdown = {
        "type": "string",
        "pattern": _NOT_BLANK,
        "maxLength": MAX_MARKDOWN,
        "not": {"type": "string", "pattern": _UNSAFE_PATTERN},
    }
    shapes: dict[str, dict] = {"introduction": markdown, "conclusion": markdown}
    for name, fields in NESTED_FIELDS.items():
        shapes[name] = {
            "type": "object",
            "additionalProperties": False,
            "required": [f.name for f in fields if f.required],
            "properties": {f.name: _property(f, choices) for f in fields},
        }
    properties = {
        f.name: {"description": f.description} | shapes[f.name] if f.name in shapes else _property(f, choices)
        for f in REPORT_FIELDS
    }
    properties["case_studies"] |= {"minItems": 1, "maxItems": MAX_CASE_STUDIES}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "report.schema.json",
        "title": "United Neighbourhoods learning report definition",
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in REPORT_FIELDS if f.required],
        "properties": properties,
        # A report lists its case studies or selects them with filters, never both.
        "dependentSchemas": {"case_studies": {"not": {"anyOf": [{"required": [name]} for name in FILTERS]}}},
    }


def _with_reserved_theme(properties: dict) -> dict:
    properties["themes"]["items"]["not"] = {"const": NOT_A_THEME}
    return properties


def _consent_rule() -> dict:
    # The build refuses `consent: false` when the status, or its default when it is absent,
    # is published.
    status = next(f for f in CASE_STUDY_FIELDS if f.name == "status")
    return {
        "if": {
            "required": [status.name],
            "properties": {status.name: {"enum": [s for s in status.choices if s != status.default]}},
        },
        "then": {"$comment": "A draft may be saved before everyone named has agreed."},
        "else": {"properties": {"consent": {"const": True}}},
    }


def form_patterns() -> dict[str, str]:
    """The schema's patterns that the browser form checks values with (see
    :mod:`.proposal`), anchored: text that could run a script (found anywhere, not
    anchored), a date the build takes, each period form, and a plain number."""
    return {
        "unsafe": _UNSAFE_PATTERN,
        "date": _whole(f"(?={_YEARS}-)(?:{_DAY})"),
        "month": _whole(_MONTH),
        "day": _whole(_DAY),
        "week": _whole(_WEEK),
        "number": _whole(_PLAIN_NUMBER.pattern),
    }


def _property(spec: Field, choices: dict[str, list[str]]) -> dict:
    kind = spec.kind.removesuffix("_list")
    if kind == "text":
        value: dict = {"type": "string", "pattern": _NOT_BLANK, "not": {"type": "string", "pattern": _UNSAFE_PATTERN}}
        if spec.max_length:
            value["maxLength"] = spec.max_length
    elif kind == "date":
        value = {"type": "string", "pattern": _whole(f"(?={_YEARS}-)(?:{_DAY})"), "format": "date"}
    elif kind == "bool":
        value = {"type": "boolean"}
    elif kind in ("int", "number"):
        value = {"type": "integer" if kind == "int" else "number"}
        if spec.extra.get("minimum") == 0:
            value["minimum"] = 0
    elif kind == "slug":
        value = {"type": "string", "pattern": _whole(SLUG.pattern)}
    elif kind == "choice":
        value = {"type": "string", "enum": choices[spec.name] if spec.name in choices else list(spec.choices)}
    elif spec.name == "measures":
        value = {"type": "array", "items": {"$ref": "#/$defs/measure"}}
    else:
        raise ValueError(f"no JSON Schema for the {spec.kind} field {spec.name!r}")
    if spec.kind.endswith("_list"):
        value = {"type": "array", "items": value, "minItems": spec.min_items, "uniqueItems": True}
    return {"description": spec.description} | value


def _definitions() -> dict:
    docs = {f.name: f.description for f in MEASURE_FIELDS}
    text, number, period = ({"$ref": f"#/$defs/{name}"} for name in ("measureText", "number", "period"))
    shapes: dict[str, dict] = {
        "title": text,
        "unit": text,
        "improvement": {"type": "string", "enum": list(DIRECTIONS)},
        "chart": {"type": "string", "enum": list(CHARTS)},
        "target": number,
        "rebase": {"type": "array", "items": period, "minItems": 1, "uniqueItems": True},
        "baseline": {"type": "integer", "minimum": MIN_POINTS},
        "annotations": {"type": "array", "items": _record(NOTE_FIELDS, {"period": period, "text": text})},
        "data": {
            "type": "array",
            "items": _record(POINT_FIELDS, {"period": period, "value": number}),
            "minItems": MIN_POINTS,
            "maxItems": MAX_POINTS,
            "anyOf": [{"items": {"properties": {"period": {"pattern": _whole(form)}}}} for form in (_MONTH, _DAY, _WEEK)],
            "$comment": "Every period of a measure has the same form.",
        },
        "csv": {"type": "string", "pattern": _NOT_BLANK, "not": {"type": "string", "pattern": _ABSOLUTE_PATH}},
    }
    measure = {
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED),
        "properties": {name: {"description": docs[name]} | shapes[name] for name in FIELDS},
        "oneOf": [{"required": ["data"]}, {"required": ["csv"]}],
        "if": {"required": ["chart"], "properties": {"chart": {"const": RUN}}},
        "then": {"properties": {"rebase": False}},
    }
    return {
        "measure": measure,
        "measureText": {"type": "string", "pattern": _NOT_BLANK, "not": {"type": "string", "pattern": re.escape(MARKUP)}},
        "number": {
            "description": "A number, or text of a number in plain digits.",
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": rf"^\s*(?:{_PLAIN_NUMBER.pattern})\s*$"}],
        },
        "period": {
            "description": "A month (YYYY-MM), a day (YYYY-MM-DD) or an ISO week (YYYY-Www) that exists.",
            "type": "string",
            "pattern": _whole(f"{_MONTH}|{_DAY}|{_WEEK}"),
        },
    }


def _record(names: Sequence[str], shapes: dict) -> dict:
    return {"type": "object", "additionalProperties": False, "required": list(names), "properties": {n: shapes[n] for n in names}}


# -- the calendar --------------------------------------------------------------------------


def _calendar() -> tuple[str, str, str]:
    """Patterns of the months (YYYY-MM), days (YYYY-MM-DD) and ISO weeks (YYYY-Www) of the
    years 0001-9999 that exist, as ``datetime.date`` has them; not anchored."""
    # The Gregorian calendar repeats every 400 years, so one cycle says which month lengths
    # and week counts each year has; a year is placed in the cycle by its remainder.
    cycle = range(2000, 2400)
    lengths = {m: {y % 400: calendar.monthrange(y, m)[1] for y in cycle} for m in range(1, 13)}
    weeks = {y % 400: dt.date(y, 12, 28).isocalendar().week for y in cycle}
    day_parts = []
    for shortest in sorted({min(by_year.values()) for by_year in lengths.values()}):
        months = [m for m, by_year in lengths.items() if min(by_year.values()) == shortest]
        day_parts.append(f"[0-9]{{4}}-{_numbers(months)}-{_numbers(range(1, shortest + 1))}")
    for m, by_year in lengths.items():
        for d in range(min(by_year.values()) + 1, max(by_year.values()) + 1):
            day_parts.append(f"{_years(r for r, n in by_year.items() if n >= d)}-{m:02d}-{d:02d}")
    week_parts = [f"[0-9]{{4}}-W{_numbers(range(1, min(weeks.values()) + 1))}"]
    for w in range(min(weeks.values()) + 1, max(weeks.values()) + 1):
        week_parts.append(f"{_years(r for r, n in weeks.items() if n >= w)}-W{w:02d}")
    # datetime has no year 0000.
    month, day, week = (
        f"(?!0000)(?:{'|'.join(parts)})" for parts in ([f"[0-9]{{4}}-{_numbers(range(1, 13))}"], day_parts, week_parts)
    )
    return month, day, week


def _whole(pattern: str) -> str:
    """``pattern`` matched against the whole text."""
    return f"^(?:{pattern}){_END}"


def _years(remainders: Iterable[int]) -> str:
    """A pattern of the four-digit years whose remainder on division by 400 is in ``remainders``."""
    chosen = set(remainders)
    parts = []
    for r in range(4):
        in_century = [y - 100 * r for y in sorted(chosen) if 100 * r <= y < 100 * (r + 1)]
        if in_century:
            parts.append(_numbers(c for c in range(100) if c % 4 == r) + _numbers(in_century))
    return f"(?:{'|'.join(parts)})"


def _numbers(values: Iterable[int]) -> str:
    """A pattern of exactly the two-digit numbers ``values`` (0-99), written 00-99."""
    units_by_tens: dict[int, list[int]] = {}
    for value in sorted(set(values)):
        units_by_tens.setdefault(value // 10, []).append(value % 10)
    tens_by_units: dict[tuple[int, ...], list[int]] = {}
    for tens, units in units_by_tens.items():
        tens_by_units.setdefault(tuple(units), []).append(tens)
    parts = [_digits(tens) + _digits(units) for units, tens in tens_by_units.items()]
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def _digits(digits: Sequence[int]) -> str:
    if len(digits) == 1:
        return str(digits[0])
    if len(digits) > 2 and list(digits) == list(range(digits[0], digits[-1] + 1)):
        return f"[{digits[0]}-{digits[-1]}]"
    return f"[{''.join(map(str, digits))}]"


# -- case-insensitive patterns without flags -------------------------------------------------

_PIECE = re.compile(r"\\.|\[\^?\]?[^\]]*\]|\(\?[^:!=]|[A-Za-z]")


def _without_ignorecase(pattern: re.Pattern[str]) -> str:
    """``pattern``, compiled with only re.IGNORECASE, rewritten to match the same text with no
    flags: each letter becomes the set of its cases. Raises ValueError for a construct this
    does not rewrite (inline flags, named groups, escapes inside a set of letters)."""
    if pattern.flags & ~re.UNICODE != re.IGNORECASE:
        raise ValueError(f"expected a pattern compiled with re.IGNORECASE only, got flags {pattern.flags}")

    def rewrite(match: re.Match[str]) -> str:
        piece = match.group()
        if piece.startswith("\\"):
            return piece
        if piece.startswith("(?"):
            raise ValueError(f"cannot rewrite {piece!r} in {pattern.pattern!r}")
        if not piece.startswith("["):
            return f"[{''.join(_cases(piece))}]"
        body = piece[1:-1]
        letters = {
            chr(c)
            for start, end, single in re.findall(r"(.)-(.)|(.)", body.removeprefix("^"))
            for c in (range(ord(start), ord(end) + 1) if start else [ord(single)])
            if chr(c) in string.ascii_letters
        }
        if not letters:
            return piece
        if "\\" in body:
            raise ValueError(f"cannot rewrite {piece!r} in {pattern.pattern!r}")
        others = sorted({case for letter in letters for case in _cases(letter)} - letters)
        return f"[{body}{_ranges(others)}]"

    return _PIECE.sub(rewrite, pattern.pattern)


def _ranges(chars: list[str]) -> str:
    """``chars``, in order, with each run of three or more consecutive ones written as a range."""
    runs: list[list[str]] = []
    for char in chars:
        if runs and ord(char) == ord(runs[-1][-1]) + 1:
            runs[-1].append(char)
        else:
            runs.append([char])
    return "".join(f"{run[0]}-{run[-1]}" if len(run) > 2 else "".join(run) for run in runs)


def _cases(letter: str) -> list[str]:
    return [c for c in string.ascii_letters + _OTHER_CASES if re.fullmatch(letter, c, re.IGNORECASE)]


_MONTH, _DAY, _WEEK = _calendar()
_YEARS = "(?:" + "|".join(str(year) for year in range(FIRST_YEAR, LAST_YEAR + 1)) + ")"
_UNSAFE_PATTERN = _without_ignorecase(UNSAFE)
