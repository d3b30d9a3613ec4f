"""Strict, located YAML for contributed content.

``load_yaml_file`` and ``split_front_matter`` are the only places where raw YAML text is
parsed. The loader is PyYAML's safe loader narrowed further, so that a contributor's file
means exactly what it says:

* plain scalars resolve only to ``null``/``~``/empty (None), ``true``/``false`` (bool),
  decimal integers and decimal fractions; everything else, dates included, stays text
  (``no``, ``on``, ``1e3`` and ``2024-13-45`` are strings, which validators then judge);
* duplicate keys, explicit tags (``!!python/object``), anchors and aliases are errors,
  and nesting deeper than :data:`MAX_DEPTH` is refused, so work is bounded;
* files larger than :data:`MAX_BYTES` or not valid UTF-8 are refused before parsing.

Mappings load as :class:`Mapping` and sequences as :class:`Sequence`; both remember the
1-based source line of every key or item so validators can report ``path:line``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..problems import Problem
from .files import read_text

MAX_DEPTH = 32

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class Mapping(dict):
    """A YAML mapping that knows the source line of itself and of each key."""

    line: int = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """Line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML sequence that knows the source line of itself and of each item."""

    line: int = 1

    def __init__(self, *args):
        super().__init__(*args)
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        """Line of item ``index``, or of the sequence itself when out of range."""
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _Resolver(BaseResolver):
    """YAML 1.2-like core schema without exponents, sexagesimals, timestamps or yes/no."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$"),
    list("-+0123456789."),
)


class _StrictComposer(Composer):
    """Refuses aliases and anchors, and bounds nesting depth while composing."""

    _depth = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(AliasEvent):
            event = self.get_event()
            raise _Refused("anchors and aliases (& and *) are not allowed here; write the value out in full", event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused("anchors and aliases (& and *) are not allowed here; write the value out in full", event.start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Refused(Exception):
    def __init__(self, message: str, mark):
        super().__init__(message)
        self.message = message
        self.mark = mark


class _LocatedConstructor(SafeConstructor):
    """Builds :class:`Mapping`/:class:`Sequence` with lines; rejects duplicates and tags."""

    line_offset = 0

    def _line(self, node: Node) -> int:
        return node.start_mark.line + 1 + self.line_offset

    def construct_object(self, node, deep=False):
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(
                f"the tag {tag} is not allowed; remove it (only plain values, lists and fields are supported)", node.start_mark
            )
        return super().construct_object(node, deep=True)

    def construct_located_mapping(self, node: MappingNode) -> Mapping:
        mapping = Mapping()
        mapping.line = self._line(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused("a key must be a plain word, not a list or mapping", key_node.start_mark)
            key = str(self.construct_object(key_node))
            if key in mapping:
                first = mapping.key_lines[key]
                raise _Refused(f"duplicate key '{key}' (first given on line {first}); keep one", key_node.start_mark)
            mapping[key] = self.construct_object(value_node)
            mapping.key_lines[key] = self._line(key_node)
        return mapping

    def construct_located_sequence(self, node: SequenceNode) -> Sequence:
        sequence = Sequence(self.construct_object(child) for child in node.value)
        sequence.line = self._line(node)
        sequence.item_lines = [self._line(child) for child in node.value]
        return sequence

    def construct_decimal_int(self, node: ScalarNode) -> int:
        # PyYAML reads a leading zero as octal (012 -> 10); people mean decimal.
        return int(_short_number(self.construct_scalar(node), node), 10)

    def construct_short_float(self, node: ScalarNode) -> float:
        return float(_short_number(self.construct_scalar(node), node))


# Longer numerals are mistakes; refusing them keeps int() and float() fast and finite.
MAX_DIGITS = 30


def _short_number(text: str, node: ScalarNode) -> str:
    if len(text) > MAX_DIGITS:
        raise _Refused(
            f"a number may have at most {MAX_DIGITS} digits; check this value, or put it in quotes if it is text", node.start_mark
        )
    return text


_LocatedConstructor.add_constructor("tag:yaml.org,2002:int", _LocatedConstructor.construct_decimal_int)
_LocatedConstructor.add_constructor("tag:yaml.org,2002:float", _LocatedConstructor.construct_short_float)
_LocatedConstructor.add_constructor("tag:yaml.org,2002:map", _LocatedConstructor.construct_located_mapping)
_LocatedConstructor.add_constructor("tag:yaml.org,2002:seq", _LocatedConstructor.construct_located_sequence)


class _PythonEvents(Reader, Scanner, Parser):
    """PyYAML's pure-Python scanner and parser: the fallback when LibYAML is missing."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:
    # LibYAML scans and parses in C, several times faster; composing (where the strict
    # checks live), resolving and constructing stay in Python either way.
    from yaml._yaml import CParser as _Events
except ImportError:  # pragma: no cover - PyYAML built without LibYAML
    _Events = _PythonEvents


def _loader_class(events: Any) -> Any:
    class Loader(_StrictComposer, _LocatedConstructor, _Resolver, events):
        def __init__(self, stream: str, line_offset: int):
            events.__init__(self, stream)
            _StrictComposer.__init__(self)
            _LocatedConstructor.__init__(self)
            _Resolver.__init__(self)
            self.line_offset = line_offset

    return Loader


_Loader = _loader_class(_Events)
# Syntax errors are re-read with the Python parser: its messages are the clearer ones.
_ExplainingLoader = _loader_class(_PythonEvents)


def parse_yaml(text: str, path: str, problems: list[Problem], line_offset: int = 0):
    """Parse ``text`` strictly; on error append one located problem and return None.

    ``line_offset`` is added to every line number (front matter starts below ``---``).
    """
    if _Events is not _PythonEvents:
        try:
            return _build_from_events(_Events(text), line_offset)
        except (_Unusual, yaml.YAMLError):
            pass
    try:
        return _parse(_Loader, text, path, problems, line_offset, reraise=True)
    except yaml.MarkedYAMLError:
        return _parse(_ExplainingLoader, text, path, problems, line_offset)


class _Unusual(Exception):
    """Raised by the fast path for anything it leaves to the full strict loader."""


_PLAIN_SPECIAL = re.compile(r"[-+]?(?:[0-9]+|[0-9]+\.[0-9]*|\.[0-9]+)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE")
_INTEGER = re.compile(r"[-+]?[0-9]+")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))


def _plain_value(text: str):
    # The same answers as _Resolver plus _LocatedConstructor, for an untagged plain scalar.
    if text in _NULLS:
        return None
    if not _PLAIN_SPECIAL.fullmatch(text):
        return text
    if text[-1] in "eE":  # true, True, TRUE, false, False, FALSE (the null forms returned above)
        return text in _TRUES
    if len(text) > MAX_DIGITS:
        raise _Unusual  # the strict loader reports it
    if _INTEGER.fullmatch(text):
        return int(text, 10)
    return float(text)


def _build_from_events(parser, line_offset: int):
    """The common case, fast: a single untagged, anchor-free document within the depth limit,
    built straight from LibYAML's events into :class:`Mapping`/:class:`Sequence`.

    Anything else (tags, anchors, aliases, duplicate keys, non-scalar keys, deep nesting,
    several documents) raises :class:`_Unusual`, and the full strict loader, which owns every
    message, reads the text again. The two must give equal values for every input the fast
    path accepts; tests compare them.
    """
    events = parser.get_event
    event = events()
    if type(event) is not StreamStartEvent:
        raise _Unusual
    event = events()
    if type(event) is StreamEndEvent:
        return None
    if type(event) is not DocumentStartEvent:
        raise _Unusual
    offset = line_offset + 1
    stack: list = []  # open containers; for a mapping, its pending key sits on `keys`
    keys: list = []
    root = _NOTHING
    while True:
        event = events()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            value = _plain_value(event.value) if event.implicit[0] else event.value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH - 1:
                raise _Unusual
            if kind is MappingStartEvent:
                value = Mapping()
                keys.append(_NOTHING)
            else:
                value = Sequence()
            value.line = event.start_mark.line + offset
        elif kind is MappingEndEvent:
            keys.pop()
            stack.pop()
            continue
        elif kind is SequenceEndEvent:
            stack.pop()
            continue
        elif kind is DocumentEndEvent:
            break
        else:
            raise _Unusual
        line = event.start_mark.line + offset
        if not stack:
            root = value
        else:
            parent = stack[-1]
            if type(parent) is Sequence:
                parent.append(value)
                parent.item_lines.append(line)
            elif keys[-1] is _NOTHING:
                if kind is not ScalarEvent:
                    raise _Unusual
                key = str(value)
                if key in parent:
                    raise _Unusual
                parent.key_lines[key] = line
                keys[-1] = key
            else:
                parent[keys[-1]] = value
                keys[-1] = _NOTHING
        if kind is not ScalarEvent:
            stack.append(value)
    if type(events()) is not StreamEndEvent:
        raise _Unusual
    return root


_NOTHING = object()


def _parse(loader_class, text: str, path: str, problems: list[Problem], line_offset: int, reraise: bool = False):
    loader = loader_class(text, line_offset)
    try:
        return loader.get_single_data()
    except _Refused as error:
        problems.append(Problem(path, error.mark.line + 1 + line_offset, "", error.message))
    except yaml.MarkedYAMLError as error:
        if reraise:
            raise
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        what = " ".join(part for part in (error.context, error.problem) if part)
        problems.append(Problem(path, line, "", f"this is not valid YAML ({what}); {_YAML_HINT}"))
    except yaml.YAMLError as error:
        problems.append(Problem(path, 1 + line_offset, "", f"this is not valid YAML ({error}); {_YAML_HINT}"))
    except (ValueError, TypeError, RecursionError) as error:
        # e.g. an explicit `!!int abc`: the value cannot be what its tag claims.
        problems.append(Problem(path, 1 + line_offset, "", f"a value could not be read ({error}); {_YAML_HINT}"))
    finally:
        loader.dispose()
    return None


_YAML_HINT = "check indentation, colons after field names, and quotes around text containing ': ' or '#'"


def load_yaml_file(file: Path, path: str, problems: list[Problem]):
    """Read and strictly parse one YAML file; None (with problems recorded) on failure."""
    text = read_text(file, path, problems)
    return None if text is None else parse_yaml(text, path, problems)
