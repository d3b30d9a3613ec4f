"""Every address of a generated page or file, made in one place.

Pages are named by their source path under ``docs/`` (``case-studies/<slug>.md``); the
site engine publishes each at a directory URL (``/case-studies/<slug>/``). Markdown links
between pages go to sources (:func:`source_link`), so the engine checks and rewrites them;
HTML put into a page after conversion links to URLs (:func:`relative_url`), and feeds and
open data carry absolute addresses (:func:`absolute_url`).
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlencode

LIBRARY = "case-studies/index.md"
NEIGHBOURHOODS = "neighbourhoods/index.md"
TIMELINE = "timeline.md"
COACHES = "coaches.md"
GLOSSARY = "glossary.md"
TOOLS = "tools/index.md"
FIELD_REFERENCE = "contribute/field-reference.md"
CONTRIBUTE = "contribute/index.md"
PROPOSE = "contribute/propose.md"
REPORTS = "reports/index.md"

SCHEMA = "schema/case-study.schema.json"
REPORT_SCHEMA = "schema/report.schema.json"
LIBRARY_DATA = "case-studies/library.json"
# The theme's search index, which every page fetches (its configuration, and no page), and
# the site's own index, which the site's search worker reads when a reader searches.
SEARCH_INDEX = "search/search_index.json"
SEARCH_META = "search/meta.json"
PROGRAMME_CALENDAR = "timeline.ics"
SITE_FEED = "feed.xml"
PROPOSE_SPEC = "contribute/propose/form.json"
# Hand-written files in docs/ that generated HTML refers to.
PROPOSE_SCRIPT = "assets/javascripts/propose.js"
OPEN_DATA = ("data/case-studies.json", "data/case-studies.csv", "data/neighbourhoods.json")


def search_words_file(group: str) -> str:
    """The search index's file of the words that begin with ``group``, named by the group's
    UTF-8 bytes in hex, so any letters make a plain file name."""
    return f"search/words/{group.encode('utf-8').hex()}.json"


def search_pages_file(number: int) -> str:
    """The search index's ``number``-th file of pages (addresses, titles, opening words)."""
    return f"search/pages/{number}.json"


def case_study_uri(slug: str) -> str:
    """The page of case study ``slug``: ``/case-studies/<slug>/``."""
    return f"case-studies/{slug}.md"


def library_year_uri(year: int, page: int = 1) -> str:
    """Page ``page`` of the case studies published in ``year``, newest first:
    ``/case-studies/year/<year>/``, then ``/case-studies/year/<year>-page-<page>/``. No
    case study's page can take these addresses: a case study's is one folder deep."""
    return f"case-studies/year/{year}.md" if page == 1 else f"case-studies/year/{year}-page-{page}.md"


def neighbourhood_uri(slug: str) -> str:
    """The page of neighbourhood ``slug``: ``/neighbourhoods/<slug>/``."""
    return f"neighbourhoods/{slug}.md"


def tool_uri(slug: str) -> str:
    """The hand-written guide of tool ``slug``: ``/tools/<slug>/``."""
    return f"tools/{slug}.md"


def report_uri(slug: str) -> str:
    """The web page of report ``slug``: ``/reports/<slug>/``."""
    return f"reports/{slug}.md"


def report_pdf(slug: str) -> str:
    """The PDF of report ``slug``, beside its page: ``/reports/<slug>.pdf``."""
    return f"reports/{slug}.pdf"


def reports_for_neighbourhood(slug: str) -> str:
    """The reports index, at the list of the reports that hold neighbourhood ``slug``'s case studies."""
    return f"{REPORTS}#neighbourhood-{slug}"


def link_card(uri: str) -> str:
    """The link-preview image (PNG) of the page whose source is ``uri``, or of the whole site
    for ``uri=""``: ``assets/cards/<page path>.png``."""
    stem = uri.removesuffix(".md") or "site"
    return f"assets/cards/{stem}.png"


def neighbourhood_feed(slug: str) -> str:
    """The Atom feed of a neighbourhood's case studies, beside its page."""
    return f"neighbourhoods/{slug}/feed.xml"


def neighbourhood_calendar(slug: str) -> str:
    """The iCalendar file of a neighbourhood's timeline, beside its page."""
    return f"neighbourhoods/{slug}/calendar.ics"


def propose_url(from_uri: str, *, neighbourhoods: tuple[str, ...] = (), tools: tuple[str, ...] = ()) -> str:
    """A Markdown link from the source ``from_uri`` to the propose form, prefilled with
    these neighbourhoods and tools (``?neighbourhoods=a&tools=pdsa,run-chart``)."""
    query = {key: ",".join(values) for key, values in (("neighbourhoods", neighbourhoods), ("tools", tools)) if values}
    return source_link(from_uri, PROPOSE) + ("?" + urlencode(query, safe=",") if query else "")


def github_new_file(repo_url: str | None, folder: str, *, filename: str | None = None, value: str | None = None) -> str | None:
    """GitHub's editor for a new file in ``folder`` of the repository's main branch, with
    the file name and text prefilled when given; None when the repository is not on GitHub."""
    if not repo_url or not repo_url.startswith("https://github.com/"):
        return None
    query = "&".join(f"{key}={quote(text, safe='')}" for key, text in (("filename", filename), ("value", value)) if text)
    return f"{repo_url.rstrip('/')}/new/main/{folder}" + ("?" + query if query else "")


def page_url(uri: str) -> str:
    """The site path of the page whose source is ``uri`` (directory URLs): a/b.md -> a/b/."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_uri: str, to_uri: str) -> str:
    """The shortest link from the page at ``from_uri`` to the page at ``to_uri`` (both
    sources), for HTML that the site engine does not rewrite."""
    here = page_url(from_uri).split("/")[:-1]
    there = page_url(to_uri).split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def relative_file_url(from_uri: str, path: str) -> str:
    """The link from the page at ``from_uri`` (a source) to the site file ``path`` (a feed,
    a data file), for HTML that the site engine does not rewrite."""
    return posixpath.relpath(path, page_url(from_uri).rstrip("/") or ".")


def source_link(from_uri: str, to_uri: str) -> str:
    """A Markdown link from the source ``from_uri`` to the source ``to_uri``."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def absolute_url(site_url: str, uri: str) -> str:
    """The full address of the page at ``uri``; ``site_url`` ends with ``/``."""
    return site_url + page_url(uri)
