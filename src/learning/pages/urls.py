"""Every address of a generated page, made in one place.

Pages are named by their source path under ``docs/`` (``case-studies/<slug>.md``); the
site engine turns those into directory URLs (``/case-studies/<slug>/``). Links between
pages are written to sources, so the engine checks and rewrites them.
"""

from __future__ import annotations


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


