"""The Jinja2 environment for generated pages: strict, escaped, and deterministic.

Templates in ``templates/`` only loop and print; the view data they receive is prepared in
Python. ``StrictUndefined`` makes a misspelt variable fail loudly, and autoescaping stops
markup in contributed text from reaching the page. The ``md`` filter additionally escapes
Markdown punctuation, so a title such as ``*Falls* [draft]`` prints literally.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#|!])")


def markdown_text(value) -> Markup:
    """Escape ``value`` for HTML and for Markdown inline syntax."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(value))))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("learning", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    return env


def render_template(name: str, **context) -> str:
    """Render ``templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)
