"""Checks on a contributed Markdown body, each mistake located at its line, in one pass.

:func:`check_body` reports script-capable markup (on every line, code blocks included:
a body has no need to show markup that runs, and a checker that skipped "code" could be
fooled about where code ends), a second top-level heading (``# ``, a setext ``===``
underline or ``<h1>``; the page title comes from the ``title`` field), text reserved for
the build's own markers, and more links than a page may hold. It returns the link targets
it saw, so that links to other case studies can be checked once all are loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..problems import Problem
from .markup import printable, unsafe_markup

MAX_LINKS = 300
# A case study is a few thousand words; past these, Markdown conversion itself slows down
# (nested brackets cost it time in the square of their depth).
MAX_CHARACTERS = 200_000
MAX_BRACKET_DEPTH = 16
# Tag-like openings (`<a `) and deep indentation (nested lists) also cost Markdown time
# faster than their length grows.
MAX_TAGS = 500
MAX_INDENT = 64
_TAG_OPENING = re.compile(r"<[A-Za-z/!?]")
RESERVED = "@@un-"

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX_H1 = re.compile(r" {0,3}#(?:[ \t]|$)")
_SETEXT_H1 = re.compile(r" {0,3}=+[ \t]*")
_HTML_H1 = re.compile(r"<h1(?![a-z0-9-])", re.ASCII | re.IGNORECASE)
# Link targets: Markdown inline links and reference definitions, autolinks, and href values.
_LINK = re.compile(
    r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]]{1,999}\]:\s*<?(\S*?)>?(?:\s|$)|<(https?://[^>\s]*)>|href\s*=\s*[\"']?([^\"'\s>]*)", re.I
)


@dataclass(frozen=True)
class Link:
    """A link target written in a body, and its line."""

    line: int
    target: str


def not_allowed_in_body(markup: str) -> str:
    """The message for a line of a body holding ``markup`` that could run a script (also
    the browser form's, see learning.files.proposal)."""
    return f"contains '{markup}', which is not allowed ({_WHY})"


def check_body(body: str, first_line: int, path: str, problems: list[Problem], *, markup: bool = True) -> tuple[Link, ...]:
    """Report every mistake in ``body`` (whose first line is line ``first_line`` of ``path``)
    and return its links, in order. Without ``markup`` (a hand-written page, which may show
    markup in its examples) only the limits are checked."""
    links: list[Link] = []
    if len(body) > MAX_CHARACTERS:
        problems.append(
            Problem(path, first_line, "body", f"is {len(body):,} characters; the limit is {MAX_CHARACTERS:,}, so split it")
        )
        return ()
    fence: str | None = None
    previous_is_text = False
    depth = tags = 0
    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        if tags <= MAX_TAGS:
            tags += len(_TAG_OPENING.findall(line))
            if tags > MAX_TAGS:
                problems.append(
                    Problem(path, number, "body", f"has more than {MAX_TAGS} HTML tags; write it in Markdown, or split it")
                )
        if len(line) - len(line.lstrip(" \t>")) > MAX_INDENT:
            problems.append(
                Problem(path, number, "body", f"is indented or quoted more than {MAX_INDENT} levels deep; flatten the list")
            )
            break
        if depth <= MAX_BRACKET_DEPTH:
            depth = _bracket_depth(line, depth, path, number, problems)
        if not markup:
            continue
        bad = unsafe_markup(line)
        if bad:
            problems.append(Problem(path, number, "body", not_allowed_in_body(printable(bad))))
        if RESERVED in line:
            problems.append(Problem(path, number, "body", f"contains '{RESERVED}', which the site reserves for its own markers"))
        opening = _FENCE.match(line)
        if fence is not None:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not line[opening.end() :].strip()
            ):
                fence = None
            previous_is_text = False
            continue
        if opening and not (opening.group(1)[0] == "`" and "`" in line[opening.end() :]):
            fence = opening.group(1)
            previous_is_text = False
            continue
        if _ATX_H1.match(line) or _HTML_H1.search(line) or (previous_is_text and _SETEXT_H1.fullmatch(line)):
            problems.append(Problem(path, number, "body", "use '## ' for headings; the page title comes from the `title` field"))
        previous_is_text = bool(line.strip()) and not line.startswith(("    ", "\t"))
        for match in _LINK.finditer(line):
            target = next(group for group in match.groups() if group is not None)
            links.append(Link(number, target))
    if len(links) > MAX_LINKS:
        problems.append(
            Problem(path, links[MAX_LINKS].line, "body", f"has {len(links)} links; the limit is {MAX_LINKS} a page, so split it")
        )
    return tuple(links)


def _bracket_depth(line: str, depth: int, path: str, number: int, problems: list[Problem]) -> int:
    if "[" not in line and (depth == 0 or "]" not in line):
        return depth  # most lines: nothing to count
    for bracket in _BRACKET.finditer(line):
        depth += 1 if bracket.group() == "[" else -1 if depth > 0 else 0
        if depth > MAX_BRACKET_DEPTH:
            message = f"has square brackets nested more than {MAX_BRACKET_DEPTH} deep; close them or write them as \\["
            problems.append(Problem(path, number, "body", message))
            break
    return depth


_BRACKET = re.compile(r"[\[\]]")
_WHY = "no scripts, frames, forms, event handlers or javascript: links"
