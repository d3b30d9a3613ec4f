"""The Content-Security-Policy of a finished page, written into the page itself.

GitHub Pages sends no headers of a site's choosing, so the policy travels in the page as
``<meta http-equiv="Content-Security-Policy">``. :func:`with_content_security_policy` takes
a page's final HTML, as the theme wrote it, and gives the same HTML with that one element
added. The policy lets the page load scripts, styles, images, fonts, the search worker and
the pages instant navigation fetches from the site itself only; images may also be
``data:`` URLs, which the theme's stylesheet uses for its icons. No plugin content, no
``<base>`` and no form sent anywhere but the site.

Inline scripts run only when their SHA-256 hash is listed, so event-handler attributes and
``javascript:`` URLs never run. The hashes are those of the theme's inline scripts: every
inline JavaScript ``<script>`` outside the content area. The content area, which
contributors write, runs from the first ``<article class="md-content__inner`` in the page's
text to the last ``</article`` in it, both found in the raw text: the theme's own tags are
there, so the area can only come out larger, and no markup inside it (an early
``</article>``, an unclosed ``<script>``, ``<textarea>`` or comment that would swallow the
theme's closing tag) can move its end. The text before and the text after the content area
are parsed separately, each from a clean start, so nothing written in the content area
changes how they are read. Outside the content area, the theme is trusted to escape what
it interpolates (titles, labels).

A script counts as an inline JavaScript script, and is hashed, when its type is a
JavaScript type or ``module`` (so not ``application/json`` and other data blocks), it has
no ``src``, it is closed by ``</script>``, and it is not inside a ``<template>``, inside
SVG or MathML, after ``<plaintext>``, or inside an element whose content a browser reads
as text (``<title>``, ``<textarea>``, ``<noscript>``, ``<style>`` and the like). Anything
this parser might read differently from a browser is therefore left unhashed, so at worst
blocked, never allowed.

The element goes straight after ``<head>`` (after a ``<meta charset>`` that opens the head,
which must stay first), so the policy covers everything the page loads. A page without a
``<head>``, with a script before it, without the content area, or with a policy already in
its head is refused with :class:`ValueError`: the build must not publish a page it cannot
protect.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# The whole policy but script-src. Styles: the theme's stylesheets only (it writes no style
# attributes and no <style> elements; its scripts style elements through the CSSOM, which
# a policy does not restrict). Images: data: for the icons in the theme's stylesheet.
_DIRECTIVES = (
    "default-src 'self'",
    "{scripts}",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)

_CONTENT_CLASS = "md-content__inner"
# The content area's start tag as the theme writes it, found in the raw text: the first
# match is at or before the theme's tag, so the area can start early, never late. Its end is
# the last "</article" in the text, at or after the theme's closing tag.
_CONTENT_START = re.compile(f'<article class="{_CONTENT_CLASS}[\t\n\f\r "]')
_ARTICLE_END = re.compile(r"</article", re.IGNORECASE | re.ASCII)
_SCRIPT_START = re.compile(r"<script", re.IGNORECASE | re.ASCII)
_ASCII_WHITESPACE = "\t\n\f\r "
_ASCII_SPACES = re.compile(r"[\t\n\f\r ]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# The type strings a browser runs as JavaScript (HTML's "JavaScript MIME type essence
# match", compared after stripping ASCII whitespace and ignoring ASCII case), and modules.
_JAVASCRIPT_TYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
        "module",
    }
)
# Elements whose content a browser with scripting on reads as text up to their end tag.
_TEXT_ELEMENTS = frozenset({"title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
_FOREIGN = frozenset({"svg", "math"})


def with_content_security_policy(html: str) -> str:
    """``html`` with its Content-Security-Policy ``<meta>`` element added (see the module)."""
    page = _read(html)
    return html[: page.insert_at] + _meta_element(_policy(page.hashes)) + html[page.insert_at :]


def content_security_policy(html: str) -> str:
    """The policy for the page ``html``: the fixed directives and its theme scripts' hashes."""
    return _policy(_read(html).hashes)


def theme_script_hashes(html: str) -> tuple[str, ...]:
    """``sha256-...`` of each distinct inline JavaScript script outside the content area of
    the page ``html``, in the order they first appear."""
    return _read(html).hashes


def _policy(hashes: tuple[str, ...]) -> str:
    scripts = " ".join(("script-src", "'self'", *(f"'{digest}'" for digest in hashes)))
    return "; ".join(directive.format(scripts=scripts) for directive in _DIRECTIVES)


def _meta_element(policy: str) -> str:
    # A policy is made of directive names, keywords, hashes and host sources: never a
    # character that would need escaping in an attribute.
    assert not any(c in policy for c in '"&<>'), policy
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def script_hash(text: str) -> str:
    """The source expression (without its quotes) that allows an inline script whose text,
    as written in the page, is ``text``. A browser hashes the text it read, in which CR LF
    and lone CR have become LF and NUL has become U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@dataclass(frozen=True)
class _Page:
    """What the policy needs from a page: where it goes, and the theme's scripts' hashes."""

    insert_at: int
    hashes: tuple[str, ...]


def _read(html: str) -> _Page:
    start, end = _content_area(html)
    # No script element can start where no "<script" is written, so reading the start of
    # the page stops after the last one before the content area: the theme's navigation,
    # the bulk of a page, is not read.
    last_script = None
    for match in _SCRIPT_START.finditer(html, 0, start):
        last_script = match.start()
    before = _Reader(html[:start], page_start=True, last_script=last_script)
    if before.insert_at is None:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    hashes = dict.fromkeys(script_hash(text) for text in (*before.scripts, *_scripts_in_end(html[end:])))
    return _Page(before.insert_at, tuple(hashes))


@functools.lru_cache(maxsize=256)
def _scripts_in_end(text: str) -> tuple[str, ...]:
    """The inline JavaScript scripts in ``text``, the end of a page after its content area.
    Read once per distinct text: most pages of a site end with the same theme markup, and
    the same text always reads the same, so a page's reading never depends on another's."""
    return tuple(_Reader(text, page_start=False).scripts)


def _content_area(html: str) -> tuple[int, int]:
    """Offsets of the content area's start and of the first character after it."""
    start = _CONTENT_START.search(html)
    if start is None:
        raise ValueError(f'the page has no <article class="{_CONTENT_CLASS} ...">, so its content cannot be told from the theme')
    end = -1
    for match in _ARTICLE_END.finditer(html, start.start()):
        end = match.end()
    close = html.find(">", end) if end >= 0 else -1
    if close < 0:
        raise ValueError("the page's content area is never closed with </article>")
    return start.start(), close + 1


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


def _first(attrs: list[tuple[str, str | None]], name: str) -> str | None:
    # A browser keeps the first of repeated attributes; a bare attribute's value is "".
    for key, value in attrs:
        if key == name:
            return value or ""
    return None


def _is_javascript(attrs: list[tuple[str, str | None]]) -> bool:
    kind = _first(attrs, "type")
    language = _first(attrs, "language")
    if kind == "" or (kind is None and not language):
        return True
    written = kind.strip(_ASCII_WHITESPACE) if kind is not None else f"text/{language}"
    return written.isascii() and _ascii_lower(written) in _JAVASCRIPT_TYPES


class _Stop(Exception):
    """Ends a parse once the rest of the text can hold nothing the reader looks for."""


class _Reader(HTMLParser):
    """Reads a piece of HTML from a clean start and collects its inline JavaScript scripts.

    With ``page_start``, the piece is the start of a page: the reader also finds where the policy
    goes (``insert_at``), refusing a script before it and a policy already in the head, and
    stops once past both the head and ``last_script``, the offset of the last "<script"."""

    def __init__(self, html: str, *, page_start: bool, last_script: int | None = None):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.insert_at: int | None = None
        self._html = html
        self._line_starts = [0]
        self._page_start = page_start
        self._in_head = page_start
        self._head_opening = False
        self._stop_after = None if last_script is None else self._position(last_script)
        self._script: list[str] | None = None
        self._template = 0
        self._foreign = 0
        self._as_text = False  # after <plaintext>, a browser reads the rest as text
        try:
            self.feed(html)
            self.close()
        except _Stop:
            pass

    def _position(self, offset: int) -> tuple[int, int]:
        # The parser's (line, column) of an offset: lines are counted at each LF only.
        return self._html.count("\n", 0, offset) + 1, offset - (self._html.rfind("\n", 0, offset) + 1)

    def _offset(self) -> int:
        # The offset of the tag being handled, from the parser's line and column.
        line, column = self.getpos()
        while len(self._line_starts) < line:
            self._line_starts.append(self._html.index("\n", self._line_starts[-1]) + 1)
        return self._line_starts[line - 1] + column

    def _stop_if_done(self) -> None:
        if not self._page_start or self._in_head or self._script is not None:
            return
        if self._stop_after is None or self.getpos() > self._stop_after:
            raise _Stop

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._as_text:
            return
        if self._in_head:
            self._look_for_head(tag, attrs)
        if self._foreign:
            self._foreign += tag in _FOREIGN
        elif tag in _FOREIGN:
            self._foreign = 1
        elif tag == "template":
            self._template += 1
        elif tag == "plaintext":
            self._as_text = True
        elif tag == "script":
            wanted = not self._template and _first(attrs, "src") is None and _is_javascript(attrs)
            self._script = [] if wanted else None
            self.set_cdata_mode(tag)
        elif tag in _TEXT_ELEMENTS:
            self.set_cdata_mode(tag)
        self._stop_if_done()

    def _look_for_head(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        opening, self._head_opening = self._head_opening, False
        if tag == "body":
            self._in_head = False
        elif tag == "meta" and _ascii_lower(_first(attrs, "http-equiv") or "") == "content-security-policy":
            raise ValueError("the page already has a Content-Security-Policy")
        elif self.insert_at is None:
            if tag == "script":
                raise ValueError("the page has a script before <head>, where no policy would cover it")
            if tag == "head":
                self.insert_at = self._offset() + len(self.get_starttag_text() or "")
                self._head_opening = True
        elif opening and tag == "meta" and _first(attrs, "charset") is not None:
            # The encoding declaration stays the head's first element.
            self.insert_at = self._offset() + len(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A browser ignores the "/" of "<script/>" and other HTML elements that are not
        # void; inside SVG and MathML it closes the element.
        self.handle_starttag(tag, attrs)
        if self._foreign and tag in _FOREIGN:
            self._foreign -= 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._head_opening and data.strip(_ASCII_WHITESPACE):
            self._head_opening = False

    def handle_endtag(self, tag: str) -> None:
        self._head_opening = False
        if self._as_text:
            return
        if self._foreign:
            self._foreign -= tag in _FOREIGN
        elif tag == "template":
            self._template = max(0, self._template - 1)
        elif tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
        if tag == "script":
            self._script = None
        if tag == "head":
            self._in_head = False
        self._stop_if_done()
