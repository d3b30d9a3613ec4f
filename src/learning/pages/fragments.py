"""Placeholders for HTML fragments that go into a page after it is converted.

Large or purely structural HTML (charts, listings, summary boxes) is inserted after the
page is converted and indexed, so it costs nothing in Markdown or search processing.
"""

from __future__ import annotations

FRAGMENT = "@@un-fragment:{}@@"


def placeholder(key: str) -> str:
    """The paragraph text that marks where HTML fragment ``key`` goes in a finished page.

    Large or purely structural HTML (charts, listings, summary boxes) is inserted after the
    page is converted and indexed, so it costs nothing in Markdown or search processing.
    """
    return FRAGMENT.format(key)
