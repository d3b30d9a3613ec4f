"""Reports as A4 PDFs, made with WeasyPrint from a report's finished page content.

:func:`report_document` wraps a report's content (its converted, sanitized page with the
charts in place) in a document of its own: no site chrome, the site's chart colours and
:file:`pdf.css` (page numbers, running headers, contents with page numbers, charts kept
whole), set in the DejaVu Sans shipped with the package. :func:`render_pdf` turns it into
PDF bytes; it imports WeasyPrint only when called, so a machine without WeasyPrint or the
Pango library it needs can still preview the site, and is told in one line what to install
(:class:`PdfUnavailable`).

The same document gives the same bytes: WeasyPrint writes no creation date here, and its
document identifier is derived from the content. Nothing is fetched from the network: the
only files the document may load are the fonts.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "graphics" / "fonts"
STYLESHEET = Path(__file__).resolve().parent / "pdf.css"

INSTALL = (
    "PDF reports need WeasyPrint and the Pango library: run `make .venv/.installed` for WeasyPrint, and on Debian or "
    "Ubuntu `apt-get install libpango-1.0-0 libpangoft2-1.0-0` (macOS: `brew install pango`)"
)


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing; the message says what to install."""


def report_document(content: str, *, title: str, lang: str, charts_css: str, as_of: str) -> str:
    """A whole HTML document holding a report's page ``content``, ready for :func:`render_pdf`."""
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{charts_css}\n{STYLESHEET.read_text(encoding='utf-8')}\n"
        f"@page {{ @bottom-left {{ content: {_css_string(as_of)}; }} }}</style>"
        f'</head><body data-md-color-scheme="default"><article class="md-typeset">{content}</article></body></html>'
    )


def _css_string(text: str) -> str:
    # A CSS string holding ``text`` as it is, whatever it holds.
    return '"' + "".join(ch if ch.isalnum() or ch in " ,.-" else f"\\{ord(ch):x} " for ch in text) + '"'


def render_pdf(document: str, *, base_url: str) -> bytes:
    """The PDF of ``document``; links that are relative resolve against ``base_url`` (the
    report's published address). Raises :class:`PdfUnavailable` without WeasyPrint or Pango."""
    try:
        import weasyprint  # noqa: PLC0415 - imported only when a PDF is made
    except (ImportError, OSError) as error:
        raise PdfUnavailable(f"{INSTALL} ({type(error).__name__}: {str(error)[:120]})") from None
    html = weasyprint.HTML(string=document, base_url=base_url, url_fetcher=_fonts_only)
    return html.write_pdf(stylesheets=[], presentational_hints=False, uncompressed_pdf=False) or b""


def _fonts_only(url: str, timeout: int = 10, ssl_context=None) -> dict:
    # The fonts are named by file name in pdf.css; every other address (an image in a case
    # study, a link target) is refused, so a build never asks another host for anything.
    name = url.rsplit("/", 1)[-1]
    font = FONTS / name
    if name.endswith(".ttf") and font.is_file():
        return {"string": font.read_bytes(), "mime_type": "font/ttf"}
    raise ValueError(f"the PDF loads nothing but its fonts, not {url}")
