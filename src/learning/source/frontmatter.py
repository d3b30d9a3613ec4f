"""Front matter: the ``---`` block at the top of a Markdown file, read and written.

:func:`split_front_matter` parses a contributed file's block strictly (through
:mod:`learning.source.strict_yaml`); :func:`front_matter` writes the block of a generated
page so that any title or summary survives.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..problems import Problem
from .files import read_text
from .strict_yaml import Mapping, parse_yaml


@dataclass(frozen=True)
class FrontMatterDocument:
    """A Markdown file split into its parsed front matter and its body."""

    meta: Mapping | None
    body: str
    body_line: int


_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


def split_front_matter(text: str, path: str, problems: list[Problem]) -> FrontMatterDocument:
    """Split ``---`` front matter from a Markdown body and parse it strictly.

    Records a problem (and returns ``meta=None``) when the front matter is missing,
    unterminated, invalid YAML, or not a mapping.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        problems.append(
            Problem(path, 1, "", "the file must start with front matter: a line '---', the fields, then another '---'")
        )
        return FrontMatterDocument(None, text, 1)
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            yaml_text = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            meta = parse_yaml(yaml_text, path, problems, line_offset=1)
            if meta is not None and not isinstance(meta, Mapping):
                problems.append(Problem(path, 2, "", "front matter must be a list of 'field: value' lines"))
                meta = None
            elif meta is None and not yaml_text.strip():
                problems.append(Problem(path, 2, "", "front matter is empty; add the required fields"))
            return FrontMatterDocument(meta, body, index + 2)
    problems.append(Problem(path, 1, "", "front matter is not closed: add a line '---' after the last field"))
    return FrontMatterDocument(None, "", len(lines) + 1)


# Text made only of these characters is written as a JSON string, which is also a YAML
# double-quoted scalar meaning exactly the same text. Line-break-like characters (U+0085,
# U+2028, U+2029), controls and surrogates are left to yaml.safe_dump, which is slower,
# with every non-ASCII character escaped: written raw, U+0085 would read back as a space.
_PLAIN_TEXT = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd]*")


def front_matter(**fields) -> str:
    """A ``---`` block holding ``fields`` (None values are left out), keys in given order.

    Values are text or booleans; each reads back (with any YAML loader) as given."""
    data = {key: value for key, value in fields.items() if value is not None}
    lines = []
    for key, value in data.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}\n")
        elif isinstance(value, str) and _PLAIN_TEXT.fullmatch(value):
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")
        else:
            return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=1000) + "---\n"
    return "---\n" + "".join(lines) + "---\n"


def read_front_matter(file: Path, path: str, problems: list[Problem]) -> FrontMatterDocument | None:
    """Read a contributed Markdown file (see :func:`~learning.source.files.read_text`) and
    split off its front matter; None, with the problems recorded, when either fails."""
    text = read_text(file, path, problems)
    if text is None:
        return None
    document = split_front_matter(text, path, problems)
    return None if document.meta is None else document
