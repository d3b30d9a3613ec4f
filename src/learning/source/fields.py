"""Field schemas as data: one source for validation, the contributor field reference and
the published JSON Schema.

A :class:`Field` says what one front-matter or YAML key may hold. :func:`check_fields`
validates a parsed :class:`~learning.yamlsource.Mapping` against a tuple of fields, records
every mistake as a located :class:`~learning.problems.Problem`, and returns the cleaned
values (``datetime.date`` for dates, tuples for lists). Cross-references (does this
neighbourhood exist?) are checked later, by the loaders that know the other files.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem
from ..text import count
from .markup import odd_character, printable, unsafe_markup
from .strict_yaml import Mapping, Sequence

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # always used with fullmatch
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
URL = re.compile(r"https?://[^\s<>\"'`]+")
EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"'.]+(?:\.[^@\s<>\"'.]+)+")
# Longest value of each kind, checked before any pattern so that work stays bounded.
_LIMITS = {"text": 5000, "slug": 100, "choice": 200, "date": 40, "url": 2000, "email": 254}
# Dates a case study, event or review can carry: the programme's era, with room either side.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# Numbers beyond this are mistakes (and float arithmetic on them loses meaning).
LARGEST_NUMBER = 10**12


@dataclass(frozen=True)
class Field:
    """One allowed key: its kind, whether it is required, and how to explain it."""

    name: str
    kind: str
    description: str
    example: str
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    min_items: int = 0
    nullable: bool = False
    default: Any = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def suggest(word: str, options) -> str:
    """A did-you-mean hint for ``word`` among ``options`` (empty when nothing is close)."""
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_fields(
    mapping: Mapping, fields: tuple[Field, ...], path: str, problems: list[Problem], prefix: str = ""
) -> dict[str, Any]:
    """Validate ``mapping`` against ``fields``; return cleaned values for the valid keys.

    Unknown keys, missing required keys and wrong values each add one problem. Keys whose
    value is invalid are left out of the result.
    """
    known = {f.name: f for f in fields}
    for key in mapping:
        if key not in known:
            problems.append(Problem(path, mapping.line_of(key), prefix + str(key), unknown_field(key, known)))
    values: dict[str, Any] = {}
    for spec in fields:
        name = prefix + spec.name
        if spec.name not in mapping:
            if spec.required:
                problems.append(Problem(path, mapping.line, name, missing_field(f"{spec.name}: {spec.example}")))
            continue
        line = mapping.line_of(spec.name)
        raw = mapping[spec.name]
        if raw is None and spec.nullable:
            values[spec.name] = None
            continue
        before = len(problems)
        value = _check_value(spec, raw, path, line, name, problems)
        if len(problems) == before:
            values[spec.name] = value
    return values


def _check_value(spec: Field, raw: Any, path: str, line: int, name: str, problems: list[Problem]):
    def fail(message: str, at: int = line) -> None:
        problems.append(Problem(path, at, name, message))

    if spec.kind.endswith("_list"):
        if isinstance(raw, str) and spec.kind != "text_list":
            raw = [raw] if raw else []
            if not raw:
                fail(f"expected a list, e.g. `{spec.example}`")
                return None
        if not isinstance(raw, list):
            fail(f"expected a list, e.g. `{spec.example}`, got {describe(raw)}")
            return None
        if len(raw) < spec.min_items:
            fail(too_few(count(spec.min_items, "item", "items"), spec.example))
            return None
        item_kind = spec.kind.removesuffix("_list")
        items = []
        for index, item in enumerate(raw):
            at = raw.line_of(index) if isinstance(raw, Sequence) else line
            value = _check_scalar(item_kind, spec, item, lambda m, at=at: fail(m, at))
            if value is not None:
                if value in items:
                    fail(listed_twice(str(value)), at)
                items.append(value)
        return tuple(items)
    return _check_scalar(spec.kind, spec, raw, fail)


def _check_scalar(kind: str, spec: Field, raw: Any, fail):
    if kind == "any":
        return raw
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        return fail(f"expected true or false, got {describe(raw)}")
    if kind in ("int", "number"):
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or (kind == "int" and not isinstance(raw, int)):
            example = "12" if kind == "int" else "12 or 3.5"
            return fail(f"expected a {'whole number' if kind == 'int' else 'number'} like {example}, got {describe(raw)}")
        if not math.isfinite(raw) or abs(raw) > LARGEST_NUMBER:
            return fail(f"is too large; numbers here are at most {LARGEST_NUMBER:,}")
        if raw < 0 and spec.extra.get("minimum", None) == 0:
            return fail(f"must not be negative, got {raw}")
        return raw
    if not isinstance(raw, str) or isinstance(raw, bool):
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and kind in ("text", "choice", "slug"):
            raw = str(raw)
        else:
            return fail(f"expected text, e.g. `{spec.example}`, got {describe(raw)}")
    text = raw.strip()
    if not text:
        return fail(empty_value(spec.example))
    limit = spec.max_length if kind == "text" and spec.max_length else _LIMITS[kind]
    if len(text) > limit:
        return fail(too_long(f"{len(text):,}", f"{limit:,}"))
    odd = odd_character(text)
    if odd:
        return fail(f"contains {odd}; write it on one line with visible characters only (retype it if it was pasted)")
    bad = unsafe_markup(text)
    if bad:
        return fail(not_allowed(printable(bad)))
    if kind == "text":
        return text
    if kind == "slug":
        if not SLUG.fullmatch(text):
            return fail(not_an_id(text, spec.example))
        return text
    if kind == "choice":
        if text in spec.choices:
            return text
        if "noun" in spec.extra:
            return fail(f"unknown {spec.extra['noun']} '{text}'{suggest(text, spec.choices)}; {spec.extra['see']}")
        return fail(f"expected one of {', '.join(spec.choices)}, got '{text}'{suggest(text, spec.choices)}")
    if kind == "date":
        return parse_date(text, fail)
    if kind == "url":
        if not URL.fullmatch(text):
            return fail(f"'{text}' is not a web address; it must start with https:// or http://")
        return text
    if kind == "email":
        if not EMAIL.fullmatch(text):
            return fail(f"'{text}' is not an email address like name@nhs.net")
        return text
    raise ValueError(f"unknown field kind {kind!r}")


def parse_date(text: str, fail) -> dt.date | None:
    """Parse ``YYYY-MM-DD`` strictly, reporting impossible dates through ``fail``."""
    if not DATE.fullmatch(text):
        return fail(not_a_date(printable(text[:40])))
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return fail(not_a_real_date(text))
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return fail(outside_years(text))
    return day


def describe(value: Any) -> str:
    """How a wrong value is quoted back to the contributor (long text is cut short)."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{printable(value)}'" if len(value) <= 60 else f"'{printable(value[:57])}...'"
    if isinstance(value, dict):
        return "a set of fields"
    return "a list"


def unknown_field(key: str, known) -> str:
    """The message for a key that is not one of ``known``."""
    return f"unknown field{suggest(key, known)}; allowed fields are {', '.join(known)}"


def missing_field(example: str) -> str:
    """The message for a required key that is absent; ``example`` is a whole ``key: value``."""
    return f"required field is missing; add e.g. `{example}`"


def empty_value(example: str) -> str:
    """The message for a value that is blank."""
    return f"is empty; write e.g. `{example}`"


# The messages below are also the browser form's (see learning.content.proposal), which
# fills in the same words: each takes its values as text, so the form can pass placeholders.


def too_long(length: str, limit: str) -> str:
    """The message for text of ``length`` characters where at most ``limit`` are allowed."""
    return f"is {length} characters; the limit is {limit}. Shorten it"


def too_few(items: str, example: str) -> str:
    """The message for a list with fewer than ``items`` (e.g. '1 item')."""
    return f"needs at least {items}, e.g. `{example}`"


def listed_twice(value: str) -> str:
    """The message for a list that holds ``value`` twice."""
    return f"'{value}' is listed twice; keep one"


def not_allowed(markup: str) -> str:
    """The message for text holding ``markup`` that could run a script."""
    return f"contains '{markup}', which is not allowed (no scripts, frames, event handlers or javascript: links)"


def not_an_id(text: str, example: str) -> str:
    """The message for an id (a theme, a file name) that breaks the :data:`SLUG` rule."""
    return f"'{text}' is not a valid id: use lower-case letters, digits and single hyphens, e.g. `{example}`"


def not_a_date(text: str) -> str:
    """The message for a date not written YYYY-MM-DD."""
    return f"expected a date written YYYY-MM-DD, like 2025-03-14, got '{text}'"


def not_a_real_date(text: str) -> str:
    """The message for a YYYY-MM-DD date that does not exist."""
    return f"'{text}' is not a real date (check the month is 01-12 and the day exists in that month)"


def outside_years(text: str) -> str:
    """The message for a date before :data:`FIRST_YEAR` or after :data:`LAST_YEAR`."""
    return f"'{text}' is outside the years {FIRST_YEAR} to {LAST_YEAR}; check the year"
