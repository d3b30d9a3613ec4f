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


FRAGMENT = "@@un-fragment:{}@@"


def placeholder(key: str) -> str:
    """The paragraph text that marks where HTML fragment ``key`` goes in a finished page.

    Large or purely structural HTML (charts, listings, summary boxes) is inserted after the
    page is converted and indexed, so it costs nothing in Markdown or search processing.
    """
    return FRAGMENT.format(key)


def page_url(uri: str) -> str:
    """The site path of the page whose source is ``uri`` (directory URLs): a/b.md -> a/b/."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_uri: str, to_uri: str) -> str:
    """A link from the page at ``from_uri`` to the page at ``to_uri``, both sources."""
    here, there = page_url(from_uri), page_url(to_uri)
    depth = here.count("/")
    return "../" * depth + there if there else ("../" * depth or "./")


def render_template(name: str, **context) -> str:
    """Render ``templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)
