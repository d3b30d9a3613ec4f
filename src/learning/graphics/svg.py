"""Small building blocks shared by the site's static SVG graphics (charts, swimlane).

Coordinates are printed with one decimal place so output is deterministic and compact, and
contributed text is kept on one line because a blank line would end the Markdown HTML block
the graphic is embedded in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A positioned text label: CSS class, coordinates, text-anchor and the text."""

    css: str
    x: str
    y: str
    anchor: str
    text: str


@dataclass(frozen=True)
class Shape:
    """A path with a CSS class."""

    css: str
    d: str


def coordinate(number: float) -> str:
    """A coordinate rounded to 1 decimal place, without a trailing '.0' or a '-0'."""
    text = f"{number:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def one_line(text: str) -> str:
    """Contributed text on one line: a blank line would end Markdown's HTML block."""
    return " ".join(text.split())
