"""The Content-Security-Policy of a finished page, written into the page itself.

GitHub Pages sends no headers of a site's choosing, so the policy travels in the page as
``<meta http-equiv="Content-Security-Policy">``. :func:`with_content_security_policy` takes
a page's final HTML, as the theme wrote it, and gives the same HTML with that one element
added. The policy lets the page load scripts, styles, images, fonts, the search worker and
the pages instant navigation fetches from the site itself only; images may also be
``data:`` URLs, which the theme's stylesheet uses for its icons. No plugin content, no
``<base>`` and no form sent anywhere but the site.

**No inline script runs, on any page.** The policy is the same for every page and allows
scripts from the site's own files only: it lists no hash, no nonce and no
``'unsafe-inline'``. The theme's few inline scripts are served as files instead (see
``overrides/partials/javascripts/``), so nothing on a page needs to be told apart: a
``<script>`` element, an event-handler attribute or a ``javascript:`` URL is blocked
wherever it is written and however it is spelled. Nothing in a page is read to decide what
runs, so no markup can change the decision.

The element goes straight after ``<head>`` (after a ``<meta charset>`` that opens the head,
which must stay first), so the policy covers everything the page loads. Only the start of
the page is read to find that place, which the theme writes, up to the head's first
element. A page without a ``<head>``, with a script before it, or with a policy already in
its head is refused with :class:`ValueError`: the build must not publish a page it cannot
protect.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Styles: the theme's stylesheets only (it writes no style attributes and no <style>
# elements; its scripts style elements through the CSSOM, which a policy does not
# restrict). Images: data: for the icons in the theme's stylesheet.
POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    )
)
_META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
# A policy is made of directive names, keywords and host sources: never a character that
# would need escaping in an attribute.
assert not any(c in POLICY for c in '"&<>'), POLICY

# The head ends at the first "<body" written in the page, or before it: the head can only
# be read as longer than a browser reads it, so a policy in it is never missed. Everything
# the theme interpolates there (titles, descriptions) is escaped, so contributed text
# cannot write "<meta" or "<body" into it.
_BODY_START = re.compile(r"<body[\t\n\f\r />]", re.IGNORECASE | re.ASCII)
# A meta tag's text runs to the next "<" or ">", so tags are read one after another, each
# character once.
_META_TAG = re.compile(r"<meta[^<>]*", re.IGNORECASE | re.ASCII)
_POLICY_EQUIV = re.compile(r"http-equiv[\t\n\f\r ]*=[\t\n\f\r \"']*content-security-policy", re.IGNORECASE | re.ASCII)
_ASCII_WHITESPACE = "\t\n\f\r "


def with_content_security_policy(html: str) -> str:
    """``html`` with its Content-Security-Policy ``<meta>`` element added (see the module)."""
    body = _BODY_START.search(html)
    head = html[: body.start()] if body else html
    if any(_POLICY_EQUIV.search(tag.group()) for tag in _META_TAG.finditer(head)):
        raise ValueError("the page already has a Content-Security-Policy")
    insert_at = _Start(head).insert_at
    if insert_at is None:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    return html[:insert_at] + _META + html[insert_at:]


def content_security_policy() -> str:
    """The policy every page of the site carries."""
    return POLICY


class _Found(Exception):
    """Ends the reading once the policy's place is known."""


class _Start(HTMLParser):
    """Reads the start of a page, up to the first element in its head, to find the offset
    just after ``<head>`` (or after a ``<meta charset>`` that opens the head)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.insert_at: int | None = None
        self._html = html
        self._head_end: int | None = None
        try:
            self.feed(html)
            self.close()
        except _Found:
            pass
        if self.insert_at is None and self._head_end is not None:
            self.insert_at = self._head_end

    def _offset(self) -> int:
        # The offset of the tag being handled, from the parser's line and column (lines are
        # counted at each LF only). Called at most twice, near the start of the page.
        line, column = self.getpos()
        start = 0
        for _ in range(line - 1):
            start = self._html.index("\n", start) + 1
        return start + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._head_end is None:
            if tag == "script":
                raise ValueError("the page has a script before <head>, where no policy would cover it")
            if tag == "body":
                raise _Found
            if tag == "head":
                self._head_end = self._offset() + len(self.get_starttag_text() or "")
            return
        if tag == "meta" and any(key == "charset" for key, _ in attrs):
            # The encoding declaration stays the head's first element.
            self.insert_at = self._offset() + len(self.get_starttag_text() or "")
        raise _Found

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._head_end is not None and data.strip(_ASCII_WHITESPACE):
            raise _Found

    def handle_endtag(self, tag: str) -> None:
        if self._head_end is not None:
            raise _Found
