"""YAML files that hold a list of records (localities, partners, skills, coaches, glossary).

:func:`load_records` reads such a file strictly, validates each record against its fields,
rejects duplicate identifiers, and returns only the records without mistakes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..problems import Problem, guarded
from .fields import Field, check_fields
from .strict_yaml import Mapping, Sequence, load_yaml_file


def load_records(
    root: Path,
    relative: str,
    fields: tuple[Field, ...],
    problems: list[Problem],
    *,
    unique: str,
    required: bool = False,
    check: Callable[[dict[str, Any], Mapping, str, list[Problem]], None] | None = None,
) -> list[dict[str, Any]]:
    """Validated records of ``relative``; a missing file is a problem only if ``required``.
    ``check(values, item, prefix, problems)`` adds the checks that span several fields."""
    return guarded(relative, problems, partial(_load_records, root, relative, fields, problems, unique, required, check)) or []


def _load_records(
    root: Path,
    relative: str,
    fields: tuple[Field, ...],
    problems: list[Problem],
    unique: str,
    required: bool,
    check: Callable[[dict[str, Any], Mapping, str, list[Problem]], None] | None,
) -> list[dict[str, Any]]:
    file = root / relative
    if not file.is_file():
        if required:
            problems.append(Problem(relative, 1, "", "file is missing; it defines values that other files refer to"))
        return []
    raw = load_yaml_file(file, relative, problems)
    if raw is None:
        return []
    if not isinstance(raw, Sequence):
        problems.append(Problem(relative, 1, "", f"expected a list of entries, each starting with '- {unique}: ...'"))
        return []
    records: list[dict[str, Any]] = []
    seen: dict[Any, int] = {}
    for prefix, item in entries(
        raw, relative, "", problems, f"expected an entry with the fields {', '.join(f.name for f in fields)}"
    ):
        before = len(problems)
        values = check_fields(item, fields, relative, problems, prefix=prefix)
        if check is not None:
            check(values, item, prefix, problems)
        key = values.get(unique)
        if key in seen:
            problems.append(
                Problem(
                    relative,
                    item.line_of(unique),
                    prefix + unique,
                    f"'{key}' is already used on line {seen[key]}; each {unique} must be unique",
                )
            )
        if len(problems) == before:
            seen[key] = item.line_of(unique)
            records.append(values)
    return records


def entries(raw: Sequence, path: str, field: str, problems: list[Problem], expected: str) -> Iterator[tuple[str, Mapping]]:
    """Each item of the list ``raw`` that is a set of fields, with the prefix that names its
    fields in messages (``field[2].``); any other item is reported with the message ``expected``."""
    for index, item in enumerate(raw):
        where = f"{field}[{index}]"
        if isinstance(item, Mapping):
            yield where + ".", item
        else:
            problems.append(Problem(path, raw.line_of(index), where, expected))
