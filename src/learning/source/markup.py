"""Checks on contributed text that give a coach a located message, in time linear in the text.

These are not what keeps readers safe: every page's HTML passes an allowlist sanitizer
when it is written (see :mod:`learning.pages.sanitize`). They exist so that a contributor
learns, at the line where it is, that something will not be published as written.

:func:`unsafe_markup` finds script-capable markup; :func:`odd_character` finds characters
that have no place in a one-line text (line breaks, controls, lone surrogates, invisible
formatting such as bidi overrides and zero-width spaces). Neither uses a pattern that can
backtrack: each regular expression below is anchored on a literal and moves forward only.
"""

from __future__ import annotations

import html
import re
import unicodedata

from ..text import printable as printable

# Elements that can run script, load other documents or change where the page points.
_ELEMENTS = "script|iframe|frame|frameset|object|embed|applet|style|form|base|meta|link|svg|math|template|noscript"
_SPACE = " \t\n\r\f\v"  # the characters themselves, not \\s, so the JSON Schema can use these patterns
_TAG = re.compile(rf"<[{_SPACE}/]*(?:{_ELEMENTS})(?![a-z0-9-])", re.ASCII)
# An attribute that names an event handler: on...= after a space, slash or quote, as HTML
# (and attr_list's `{: onerror=... }`) read it.
_HANDLER = re.compile(rf"(?:^|[{_SPACE}/\"'`{{;])on[a-z]+[{_SPACE}]*=", re.ASCII)
_SCHEME = re.compile(r"(?:javascript|vbscript|livescript)\s*:|data\s*:\s*text/html", re.ASCII)
# The three checks as one pattern over text in any letter case, for the published JSON
# Schema; unlike unsafe_markup it cannot decode character references or join split words.
UNSAFE = re.compile("|".join(pattern.pattern for pattern in (_TAG, _HANDLER, _SCHEME)), re.IGNORECASE)
# What a browser ignores inside a URL scheme (tabs and line breaks) and other separators.
_IGNORED_IN_SCHEMES = dict.fromkeys(map(ord, "\t\n\r\f\v \x00"), None)


def unsafe_markup(text: str) -> str | None:
    """The offending fragment if ``text`` contains script-capable markup, else None.

    Tag names and attributes are matched as browsers match them (ASCII, any case);
    ``javascript:`` is also found when written with character references (``&#106;``)
    or split by tabs and line breaks."""
    lowered = text.lower()
    if "<" in lowered:
        match = _TAG.search(lowered)
        if match:
            return text[match.start() : match.end()]
    if "on" in lowered and "=" in lowered:
        match = _HANDLER.search(lowered)
        if match:
            return text[match.start() : match.end()].lstrip(" \t\n/\"'`{;")
    if ":" in lowered or "&" in lowered:
        plain = lowered
        if "&" in plain:
            plain = html.unescape(plain).lower()
        plain = plain.translate(_IGNORED_IN_SCHEMES)
        match = _SCHEME.search(plain)
        if match:
            return match.group(0)
    return None


_ALLOWED_FORMAT = frozenset("\u200d")  # the zero-width joiner inside emoji sequences
_NAMES = {"\n": "a line break", "\r": "a line break", "\t": "a tab", "\u2028": "a line break", "\u2029": "a line break"}


def odd_character(text: str, *, allow_joiner: bool = True) -> str | None:
    """A description of the first character in ``text`` that one-line text may not hold:
    line breaks, tabs, control characters, unpaired surrogates and invisible formatting
    characters (bidi controls, zero-width spaces, byte-order marks). None when there is none."""
    for char in text:
        if char.isprintable() and char != "\u00ad":
            continue
        if char == " " or (allow_joiner and char in _ALLOWED_FORMAT):
            continue
        category = unicodedata.category(char)
        if category in ("Zs",):
            continue
        if char in _NAMES:
            return _NAMES[char]
        if category == "Cs":
            return f"an unpaired surrogate (U+{ord(char):04X})"
        if category == "Cf" or char == "\u00ad":
            return f"an invisible formatting character (U+{ord(char):04X}, {unicodedata.name(char, 'unnamed')})"
        return f"a control character (U+{ord(char):04X})"
    return None
