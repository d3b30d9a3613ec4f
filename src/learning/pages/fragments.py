"""Placeholders for HTML fragments that go into a page after it is converted.

Large or purely structural HTML (charts, listings, summary boxes) is inserted after the
page is converted and indexed, so it costs nothing in Markdown or search processing. A
placeholder is a paragraph of text in the page's Markdown; once the page is converted and
sanitized it becomes an HTML comment (:func:`mark`), which search indexing ignores, and the
fragment replaces the comment in the finished page. Both carry :data:`TOKEN`, a random
value made afresh in each process, so no contributed text can forge one and move a chart.
"""

from __future__ import annotations

import secrets

TOKEN = secrets.token_hex(12)


def placeholder(key: str) -> str:
    """The paragraph text that marks where HTML fragment ``key`` goes in a page's Markdown."""
    return f"@@un-fragment:{TOKEN}:{key}@@"


def marker(key: str) -> str:
    """The HTML comment that stands for fragment ``key`` in a converted page."""
    return f"<!--un-fragment:{TOKEN}:{key}-->"


def mark(html: str, keys) -> str:
    """``html`` with the placeholder paragraph of each of ``keys`` turned into its marker."""
    for key in keys:
        html = html.replace(f"<p>{placeholder(key)}</p>", marker(key), 1)
    return html


def insert(html: str, fragments: dict[str, str]) -> str:
    """``html`` with each marker replaced by its fragment's HTML."""
    for key, fragment in fragments.items():
        html = html.replace(marker(key), fragment, 1)
    return html
