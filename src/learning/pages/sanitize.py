"""The allowlist every page's content passes before it is published, and the escaping of
text the theme prints outside the content.

Safety does not rest on spotting bad input: :func:`sanitize_content` keeps only the tags,
attributes and URL schemes listed here and drops everything else, whatever the Markdown
pipeline (raw HTML, ``attr_list``, ``md_in_html``) made of a contributor's text. It runs on
the HTML of every page, hand-written or generated, after Markdown conversion and before the
theme places it. Our own large fragments (charts, listings) go in afterwards: they are
built from escaped values and need no sanitizing.

Why each entry is allowed:

* text structure and emphasis (``p``, headings, lists, tables, ``blockquote``, ``pre``,
  ``code``, ``em``, ``strong``, ...): what Markdown and its extensions produce;
* ``a`` with ``href`` (``http``, ``https``, ``mailto`` and relative addresses only) and
  ``title``; ``img`` with ``src`` (relative addresses only: an image from another host would
  be a request to it from every reader), ``alt``, sizes;
* ``abbr`` with ``title``: the glossary's hover definitions;
* ``details``/``summary`` with ``open``: collapsible notes (``pymdownx.details``);
* ``input`` of type ``checkbox``, ``checked``/``disabled`` only: task lists;
* ``time`` with ``datetime``; ``td``/``th`` with spans, ``scope`` and a ``style`` that may
  hold nothing but ``text-align`` (Markdown table alignment);
* ``class``, ``id``, ``title`` and ``lang`` on any element: the theme's styles
  (admonitions, buttons, badges), heading anchors and footnotes.

Pages made only from our templates and escaped data (the library, timeline, neighbourhood
and index pages) also keep the form controls, ``data-`` and ``aria-`` attributes, ``role``,
``hidden`` and ``tabindex`` their scripts and accessibility need.
"""

from __future__ import annotations

import html

import nh3

_TEXT = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
_CONTROLS = {"button", "fieldset", "form", "label", "legend", "option", "section", "select"}

_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "details": {"open"},
    "input": {"checked", "disabled"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "col": {"span"},
    "colgroup": {"span"},
}
_CONTROL_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"role", "hidden", "tabindex", "aria-label", "aria-labelledby", "aria-describedby", "aria-live", "aria-hidden"},
    "form": {"aria-label"},
    "label": {"for"},
    "input": {"name", "value"},
    "select": {"name"},
    "option": {"value", "selected"},
    "button": {"type", "disabled"},
    "section": {"aria-labelledby"},
}
_INPUT_TYPES = {"checkbox"}
_CONTROL_INPUT_TYPES = {"checkbox", "radio", "search", "text"}
URL_SCHEMES = {"http", "https", "mailto"}


def _merged(*maps: dict[str, set[str]]) -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {}
    for mapping in maps:
        for tag, names in mapping.items():
            merged.setdefault(tag, set()).update(names)
    return merged


def _same_site_images(tag: str, attribute: str, value: str) -> str | None:
    # An image loads without a click: one from another host would tell that host who reads
    # the page. Images are kept only at relative addresses, on the site itself.
    if tag == "img" and attribute == "src" and (value.startswith("//") or ":" in value.split("/", 1)[0]):
        return None
    return value


_CONTRIBUTED = nh3.Cleaner(
    tags=_TEXT,
    attributes=_ATTRIBUTES,
    tag_attribute_values={"input": {"type": _INPUT_TYPES}},
    url_schemes=URL_SCHEMES,
    filter_style_properties={"text-align"},
    link_rel=None,
    strip_comments=True,
    attribute_filter=_same_site_images,
)
_GENERATED = nh3.Cleaner(
    tags=_TEXT | _CONTROLS,
    attributes=_merged(_ATTRIBUTES, _CONTROL_ATTRIBUTES),
    tag_attribute_values={"input": {"type": _CONTROL_INPUT_TYPES}},
    generic_attribute_prefixes={"data-"},
    url_schemes=URL_SCHEMES,
    filter_style_properties={"text-align"},
    link_rel=None,
    strip_comments=True,
    attribute_filter=_same_site_images,
)


def sanitize_content(content: str, *, generated_only: bool = False) -> str:
    """``content`` (a page's HTML, without the theme) with only allowlisted markup left.
    ``generated_only``: the page was made from our templates and escaped data alone, and
    keeps the form controls and attributes its scripts use."""
    return (_GENERATED if generated_only else _CONTRIBUTED).clean(content)


def theme_text(value: object) -> str:
    """A contributed value (a title, a description) as the theme must print it: one line of
    plain text, HTML-escaped, quotes included, for element content and attribute values alike.
    The theme prints these values as they are, so they are escaped once, here."""
    return html.escape(" ".join(str(value).split()), quote=True)
