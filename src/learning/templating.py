"""The Jinja2 environment for everything the site renders: strict, escaped, deterministic.

Templates only loop and print; the view data they receive is prepared in Python.
``StrictUndefined`` makes a misspelt variable fail loudly, and autoescaping stops markup in
contributed text from reaching the page. The ``md`` filter also escapes Markdown
punctuation, so a title such as ``*Falls* [draft]`` prints literally. Each stage keeps its
templates in its own ``templates/`` folder and renders them with :func:`renderer`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, PrefixLoader, StrictUndefined
from markupsafe import Markup, escape

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#|!])")


def markdown_text(value) -> Markup:
    """Escape ``value`` for HTML and for Markdown inline syntax."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(value))))


# The stages that have templates; a template is named after its stage, e.g. "pages/glossary.md.j2".
STAGES_WITH_TEMPLATES = ("graphics", "pages")


@cache
def environment() -> Environment:
    """The one environment: each stage's ``templates/`` folder under the stage's name."""
    env = Environment(
        loader=PrefixLoader({stage: PackageLoader(f"learning.{stage}", "templates") for stage in STAGES_WITH_TEMPLATES}),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    return env


def render_template(name: str, **context) -> str:
    """Render the template ``name`` (``<stage>/<file>``) with ``context``."""
    return environment().get_template(name).render(**context)


def render_templates(jobs: Sequence[tuple[str, Mapping[str, Any]]]) -> list[str]:
    """:func:`render_template` of each ``(name, context)``, in order (a piece of work for
    the build's second process)."""
    return [render_template(name, **context) for name, context in jobs]
