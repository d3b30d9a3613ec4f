"""Build the whole generated part of the site: :func:`build_site` is the one entry point.

It loads and validates all content, then returns every generated page as Markdown keyed by
its path under ``docs/`` (``{"timeline.md": "...", ...}``), every generated non-page file
(feeds, calendars, open data, schema), the problems found, and the text to append to
hand-written pages. Nothing is written to disk: the caller (an MkDocs hook, or a script)
decides what to do with it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from ..content.case_studies import FOLDER, case_study_files, load_case_studies
from ..content.catalogue import Catalogue, catalogue
from ..content.load import assemble_content, load_references
from ..content.publishing import links_to_drafts, publishable
from ..content.reports import select_case_studies, selection_problems
from ..content.template import case_study_template
from ..files.link_cards import SITE, link_cards
from ..files.proposal import proposal_spec
from ..files.site_files import render_site_files, site_file_paths
from ..graphics.cards import Card, card_key
from ..graphics.measure_views import (
    MeasureViews,
    StudyMeasures,
    chart_id,
    render_chart,
    render_measure_views,
    summary_list,
)
from ..measures.validate import MEASURE_FIELDS
from ..model import CaseStudy, Contact, Content, Neighbourhood, Report
from ..pages import urls
from ..pages.abbreviations import Abbreviations
from ..pages.backlinks import backlink_fragments, backlink_sections
from ..pages.case_study import case_study_page
from ..pages.cite import citation, cite_block
from ..pages.coaches import coaches_page
from ..pages.field_reference import field_reference_page
from ..pages.fragments import insert, mark, placeholder
from ..pages.glossary import glossary_page
from ..pages.home import HOME, home_section
from ..pages.library import library_data, library_page, year_pages
from ..pages.neighbourhood import neighbourhood_page
from ..pages.neighbourhoods_index import neighbourhoods_index, overview_swimlane
from ..pages.propose import propose_page
from ..pages.report import report_page, reports_index
from ..pages.review import review_notes
from ..pages.sanitize import sanitize_content
from ..pages.timeline import timeline_page
from ..pages.tools_index import tools_index_page
from ..problems import Problem, guarded
from ..templating import render_template, render_templates
from ..text import long_date
from .card_cache import FOLDER as CARD_CACHE
from .card_cache import CacheHold, draw_missing
from .pdf import report_document
from .search import BackgroundSearch
from .worker import Pending, Worker


@dataclass(frozen=True)
class CachedFile:
    """A file of the built site that is ready, in ``source``, once ``ready()`` has returned."""

    source: Path
    ready: Callable[[], object]


@dataclass(frozen=True)
class LinkCard:
    """A page's link-preview image: its full address and its text alternative."""

    url: str
    alt: str


@dataclass(frozen=True)
class ReportFile:
    """A report's PDF: where it goes in the built site, and what its document needs."""

    path: str
    title: str
    url: str
    as_of: str


@dataclass(frozen=True)
class GeneratedPage:
    """A generated page: its Markdown, the repository file a reader should edit, and HTML
    fragments (charts, long listings) to put in place of their placeholders in the finished
    page (see :mod:`learning.pages.fragments`). Large ready-made HTML then need not be parsed
    as Markdown or indexed for search (the pages the fragments link to are indexed).

    A fragment may be given as a function returning the HTML: it is only called when the
    page is actually written, so a preview rebuild that skips the page skips its charts.
    ``contributed`` says the Markdown holds a contributor's own Markdown (a case study's
    body); other generated pages are made from templates and escaped values alone."""

    markdown: str
    source: str | None = None
    fragments: dict[str, str | Callable[[], str]] = field(default_factory=dict)
    contributed: bool = False

    def fragment(self, key: str) -> str:
        """The HTML of fragment ``key``."""
        value = self.fragments[key]
        return value if isinstance(value, str) else value()


@dataclass(frozen=True)
class SiteBuild:
    """What :func:`build_site` returns. ``files`` maps each generated non-page file's path to
    a function giving its content (made when first asked for, possibly in another process);
    ``copied`` maps others (the link cards) to a file to copy once it is ready.
    ``problems`` stop a build; ``notices`` are worth saying but stop nothing. ``linked``: the
    repository paths that are symbolic links, which must never be published."""

    content: Content
    pages: dict[str, GeneratedPage]
    files: dict[str, Callable[[], str | bytes]]
    problems: tuple[Problem, ...]
    notices: tuple[Problem, ...] = ()
    linked: frozenset[str] = frozenset()
    page_additions: dict[str, str] = field(default_factory=dict)
    page_prefixes: dict[str, str] = field(default_factory=dict)
    page_fragments: dict[str, dict[str, str]] = field(default_factory=dict)
    abbreviations: Abbreviations = Abbreviations(())
    reports: dict[str, ReportFile] = field(default_factory=dict)
    cards: dict[str, LinkCard] = field(default_factory=dict)
    copied: dict[str, CachedFile] = field(default_factory=dict)
    root: Path | None = None
    worker: Worker = field(default_factory=lambda: Worker(in_process=True), compare=False, repr=False)
    _pdfs: dict[str, Pending[bytes]] = field(default_factory=dict, compare=False, repr=False)
    card_hold: CacheHold | None = field(default=None, compare=False, repr=False)
    search: BackgroundSearch | None = field(default=None, compare=False, repr=False)
    _waiting: list[tuple[str, str, bool]] = field(default_factory=list, compare=False, repr=False)
    _contents: dict[str, tuple[Pending[list[str]], int]] = field(default_factory=dict, compare=False, repr=False)

    def index_page(self, url: str, page: str) -> None:
        """Give search the finished page at site path ``url`` (before its fragments go in),
        read in the background; :meth:`search_files` gives the index. A build made without
        ``with_search`` has no search index and ignores it."""
        if self.search is not None:
            self.search.add(url, page)

    def search_files(self) -> dict[str, str]:
        """The search index of the pages given to :meth:`index_page`, by path in the site,
        once they are all read. Empty without ``with_search``."""
        return self.search.files() if self.search is not None else {}

    def close(self) -> None:
        """No more background work: wait for the second process to finish what it has and exit."""
        self.worker.close(wait=True)

    def discard(self) -> None:
        """Drop background work not yet started (the build is stopping), and wait for the
        second process to exit."""
        self.worker.close(cancel=True, wait=True)
        if self.card_hold is not None:
            self.card_hold.release()

    def prune_cards(self) -> int | None:
        """After a full build: wait for every card, then remove from the card cache each card
        this build did not use, and let go of the cache (see
        :meth:`~learning.build.card_cache.CacheHold.prune`). The number removed; None when
        the build has no cards or another build holds the cache, which removes nothing."""
        if self.card_hold is None:
            return None
        for cached in self.copied.values():
            cached.ready()
        return self.card_hold.prune(cached.source.name for cached in self.copied.values())

    def card_for(self, src_uri: str) -> LinkCard | None:
        """The link card of the page at ``src_uri``: its own, or the site's (None without cards)."""
        return self.cards.get(src_uri) or self.cards.get(SITE)

    def start_pdf(self, src_uri: str, content: str, *, lang: str = "en") -> None:
        """Start making the PDF of the report page at ``src_uri`` from its finished
        ``content`` (converted, with its fragments in place), in the background when the
        build has a second process; :meth:`finish_pdfs` collects it."""
        report = self.reports[src_uri]
        charts = (self.root / "docs" / "assets" / "stylesheets" / "charts.css") if self.root else None
        document = report_document(
            content,
            title=report.title,
            lang=lang,
            charts_css=charts.read_text(encoding="utf-8") if charts and charts.is_file() else "",
            as_of=report.as_of,
        )
        self._pdfs[report.path] = self.worker.submit(_render_pdf, document, base_url=report.url)

    def finish_pdfs(self) -> dict[str, bytes]:
        """The PDF of every report started, by its path in the built site. Raises
        :class:`~learning.build.pdf.PdfUnavailable` when WeasyPrint or Pango is missing."""
        return {path: pending() for path, pending in sorted(self._pdfs.items())}

    def finish_markdown(self, src_uri: str, markdown: str) -> str:
        """The Markdown of the page at ``src_uri`` (hand-written or not) with what the build
        adds: a notice after its first heading when its review is overdue, and at its end
        generated sections and its review dates."""
        top = self.page_prefixes.get(src_uri)
        if top:
            markdown = _after_first_heading(markdown, top)
        return markdown + self.additions_for(src_uri)

    def additions_for(self, src_uri: str) -> str:
        """Text to append to the Markdown of the page at ``src_uri`` (hand-written or not):
        generated sections such as backlinks."""
        return self.page_additions.get(src_uri, "")

    def finish_content(self, src_uri: str, html: str) -> str:
        """The converted content of the page at ``src_uri``, sanitized (see
        :func:`~learning.pages.sanitize.sanitize_content`), with the glossary's hover
        definitions and its fragments' placeholders turned into markers that search
        indexing skips."""
        return mark(_sanitized(html, self._generated_only(src_uri), self.abbreviations), self._fragment_keys(src_uri))

    def start_content(self, src_uri: str, html: str) -> str:
        """Start finishing the converted content of the page at ``src_uri`` as
        :meth:`finish_content` does, in the second process, and return
        :data:`PENDING_CONTENT`, which stands for it until :meth:`content_of` gives it. Call
        :meth:`send_contents` once every page is converted."""
        self._waiting.append((src_uri, html, self._generated_only(src_uri)))
        if len(self._waiting) >= _CONTENTS_PER_TASK:
            self.send_contents()
        return PENDING_CONTENT

    def send_contents(self) -> None:
        """Hand the second process the contents started since it was last handed any."""
        if self._waiting:
            jobs = list(self._waiting)
            self._waiting.clear()
            finished = self.worker.submit(
                _sanitized_contents, [(html, generated_only) for _, html, generated_only in jobs], self.abbreviations
            )
            for number, job in enumerate(jobs):
                self._contents[job[0]] = (finished, number)

    def content_of(self, src_uri: str) -> str:
        """The finished content of the page at ``src_uri``, started by :meth:`start_content`
        (once: it is then let go)."""
        if src_uri not in self._contents:
            self.send_contents()
        finished, number = self._contents.pop(src_uri)
        # Placeholders are marked here: their token is this process's own.
        return mark(finished()[number], self._fragment_keys(src_uri))

    def _generated_only(self, src_uri: str) -> bool:
        page = self.pages.get(src_uri)
        return page is not None and not page.contributed

    def _fragment_keys(self, src_uri: str) -> tuple[str, ...]:
        page = self.pages.get(src_uri)
        return (*(page.fragments if page else ()), *self.page_fragments.get(src_uri, ()))

    def insert_fragments(self, src_uri: str, html: str) -> str:
        """The finished page at ``src_uri`` with its HTML fragments in place (if it has any)."""
        page = self.pages.get(src_uri)
        if page is not None and page.fragments:
            html = insert(html, {key: page.fragment(key) for key in page.fragments})
        extra = self.page_fragments.get(src_uri)
        return insert(html, extra) if extra else html


def case_study_pages(content: Content) -> list[str]:
    """The site paths of ``content``'s case-study pages (search weighs them less)."""
    return [urls.page_url(urls.case_study_uri(study.slug)) for study in content.case_studies]


# What a page's content is while the second process finishes it: a comment, so a page
# whose content never came back shows nothing (and the build reports it).
PENDING_CONTENT = "<!--un-content-pending-->"
# Pages' contents per background task.
_CONTENTS_PER_TASK = 25


def _sanitized(html: str, generated_only: bool, abbreviations: Abbreviations) -> str:
    # Hover definitions go into the sanitized HTML, which is exact about what is text.
    return abbreviations.in_html(sanitize_content(html, generated_only=generated_only))


def _sanitized_contents(jobs: list[tuple[str, bool]], abbreviations: Abbreviations) -> list[str]:
    return [_sanitized(html, generated_only, abbreviations) for html, generated_only in jobs]


@dataclass(frozen=True)
class SiteSettings:
    """What the build needs to know about where the site lives."""

    site_url: str = "https://example.org/"
    repo_url: str | None = None
    contact: Contact = Contact()
    site_name: str = "United Neighbourhoods learning site"


def build_date(environ=os.environ) -> dt.date:
    """The date the build is 'as of': SOURCE_DATE_EPOCH when set (reproducible), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def build_site(
    root: Path,
    *,
    today: dt.date,
    include_drafts: bool = False,
    settings: SiteSettings = SiteSettings(),
    background: bool = False,
    charts_on_demand: bool = False,
    with_cards: bool = True,
    with_pdfs: bool = True,
    with_search: bool = False,
) -> SiteBuild:
    """Load, validate and render everything generated from ``data/`` and ``case_studies/``.

    Non-page files are made, and measures analysed and drawn, only when asked for (when
    MkDocs writes them). With ``background`` a second process (see :mod:`.worker`)
    shares the loading of case studies, then starts on that work at once; with ``charts_on_demand`` too, each chart is drawn
    here when its page is written (a preview that rewrites one page draws one chart).
    The site is the same either way.

    ``with_cards``: draw the pages' link cards (a preview has no need of them), holding the
    card cache until :meth:`SiteBuild.prune_cards`. ``with_pdfs``: the reports' PDFs will be
    made (:meth:`SiteBuild.start_pdf`), so their pages link to them; without, a report page
    says what makes its PDF instead, and ``reports`` is empty. ``with_search``: the caller
    gives every finished page to :meth:`SiteBuild.index_page` and then takes
    :meth:`SiteBuild.search_files`, so the second process stays open to read them (and
    make the PDFs) until :meth:`SiteBuild.close`. Without it, the second process exits
    once its work is done, and PDFs are made in this process.
    """
    worker = Worker(in_process=not background)
    everything, problems, linked = _load(root, worker, include_drafts=True)
    problems += links_to_drafts(everything.case_studies)
    content, notices = publishable(everything, today, include_drafts=include_drafts)
    report_problems, report_notices = selection_problems(content.reports, content.case_studies, everything.case_studies)
    problems += report_problems
    notices += report_notices
    cat = catalogue(content)
    site_url = settings.site_url if settings.site_url.endswith("/") else settings.site_url + "/"
    settings = replace(settings, site_url=site_url)
    # Bodies and measures are not needed for the files: leaving them out keeps the worker small.
    lean = replace(content, case_studies=tuple(replace(s, body="", measures=()) for s in content.case_studies))
    made = worker.submit(render_site_files, lean, today=today, site_url=site_url)
    charts = _charts(cat, worker, charts_on_demand=charts_on_demand or not background)
    chosen = [(report, select_case_studies(report, content.case_studies)) for report in content.reports]
    cards = (
        link_cards(content, [(report, any(s.is_example for s in studies)) for report, studies in chosen if studies])
        if with_cards
        else {}
    )
    # Held from before the first card is drawn, so that no other build prunes it meanwhile.
    card_hold = CacheHold(root) if with_cards else None
    card_files = _card_files(cards, worker, root=root, site_name=settings.site_name)
    # Every file name in case_studies/ is taken, drafts and files with mistakes included.
    spec = proposal_spec(
        content,
        taken=[file.stem for file in case_study_files(root)],
        new_file_url=urls.github_new_file(settings.repo_url, FOLDER),
    )
    pages = _pages(cat, charts, chosen, problems, today=today, settings=settings, spec=spec, with_pdfs=with_pdfs)
    if background and not charts_on_demand:
        _fragments_in_background(pages, worker)
    if not with_search:
        worker.close()
    review_tops, review_feet, review_notices = review_notes(content.pages, today)
    return SiteBuild(
        content=content,
        pages=pages,
        files={
            **{path: partial(_file, made, path) for path in site_file_paths(content)},
            urls.LIBRARY_DATA: partial(library_data, cat),
            urls.PROPOSE_SPEC: partial(_json, spec),
        },
        copied=card_files,
        card_hold=card_hold,
        problems=tuple(sorted(set(problems))),  # one line for a mistake two checks both find
        notices=tuple(sorted([*notices, *review_notices])),
        linked=linked,
        page_additions=_joined(
            {HOME: home_section(cat, today)},
            backlink_sections(cat),
            dict.fromkeys(review_feet, "\n\n" + placeholder("review") + "\n"),
        ),
        page_prefixes=review_tops,
        reports={
            urls.report_uri(r.slug): ReportFile(
                urls.report_pdf(r.slug),
                r.title,
                urls.absolute_url(settings.site_url, urls.report_uri(r.slug)),
                f"As of {long_date(today)}",
            )
            for r in content.reports
            if with_pdfs and urls.report_uri(r.slug) in pages
        },
        cards={
            uri: LinkCard(site_url + urls.link_card(uri), card.alt)
            for uri, card in cards.items()
            if uri == SITE or uri in pages or uri.startswith("tools/")
        },
        root=root,
        page_fragments=_merged(backlink_fragments(cat), {uri: {"review": html} for uri, html in review_feet.items()}),
        abbreviations=Abbreviations(content.glossary),
        worker=worker,
        search=BackgroundSearch(worker, case_study_pages(content)) if with_search else None,
    )


# Case-study files per piece of work when two processes share the loading.
_FILES_PER_PIECE = 40


def _load(root: Path, worker: Worker, *, include_drafts: bool) -> tuple[Content, list[Problem], frozenset[str]]:
    """:func:`~learning.content.load.load_content`, with the case studies loaded in pieces
    by both processes: the worker takes pieces from the end of the list while this process
    claims them from the start, until they meet. The result is the same either way."""
    references = load_references(root)
    files = case_study_files(root)
    pieces = [files[start : start + _FILES_PER_PIECE] for start in range(0, len(files), _FILES_PER_PIECE)]
    pending = [worker.submit(load_case_studies, root, piece, references.known) for piece in reversed(pieces)]
    studies: list[CaseStudy] = []
    problems: list[Problem] = []
    for piece in reversed(pending):
        piece.claim()
        found, mistakes = piece()
        studies += found
        problems += mistakes
    content, every_problem = assemble_content(references, studies, problems, include_drafts=include_drafts)
    return content, every_problem, references.linked


def _joined(*parts: dict[str, str]) -> dict[str, str]:
    joined: dict[str, str] = {}
    for part in parts:
        for key, text in part.items():
            joined[key] = joined.get(key, "") + text
    return joined


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        for key, fragments in part.items():
            merged.setdefault(key, {}).update(fragments)
    return merged


def _after_first_heading(markdown: str, text: str) -> str:
    lines = markdown.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "".join([*lines[: index + 1], "\n", text, *lines[index + 1 :]])
    return text + markdown


def _json(data: dict) -> str:
    # Read by a script, not people: compact, as it lists every case study's file name.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _render_pdf(document: str, *, base_url: str) -> bytes:
    # Imported here, in whichever process makes the PDF: WeasyPrint is loaded only there.
    from .pdf import render_pdf

    return render_pdf(document, base_url=base_url)


# Cards per background task: the first pages' cards are ready soon, and a task is small.
_CARDS_PER_TASK = 100


def _card_files(cards: dict[str, Card], worker: Worker, *, root: Path, site_name: str) -> dict[str, CachedFile]:
    """Each card's file in the built site: a PNG in the card cache, drawn there by the
    worker after its other work unless an earlier build drew it."""
    folder = root / CARD_CACHE
    items = sorted(
        ((urls.link_card(uri), card_key(card, site_name=site_name), card) for uri, card in cards.items()), key=lambda i: i[0]
    )
    files: dict[str, CachedFile] = {}
    for start in range(0, len(items), _CARDS_PER_TASK):
        task = items[start : start + _CARDS_PER_TASK]
        drawn = worker.submit(draw_missing, str(folder), [(key, card) for _, key, card in task], site_name=site_name)
        files.update({path: CachedFile(folder / f"{key}.png", drawn) for path, key, _ in task})
    return files


def _file(made: Callable[[], Mapping[str, str | bytes]], path: str) -> str | bytes:
    return made()[path]


@dataclass(frozen=True)
class _Charts:
    """Each case study's charts, and each neighbourhood's measure summary, as fragments."""

    by_study: dict[str, dict[str, Callable[[], str]]]
    summaries: dict[str, Callable[[], str]]


# Measures per background task: the worker then holds little at a time, and the first
# charts are ready long before MkDocs writes the first page.
_STUDIES_PER_TASK = 50


def _charts(cat: Catalogue, worker: Worker, *, charts_on_demand: bool) -> _Charts:
    # Each measure is analysed once and used by both the case study and its neighbourhoods.
    # A summary links to its case study from any neighbourhood page: all are one folder deep.
    studies = [
        StudyMeasures.of(
            study, url=urls.relative_url(urls.neighbourhood_uri(study.neighbourhoods[0]), urls.case_study_uri(study.slug))
        )
        for study in cat.content.case_studies
        if study.measures
    ]
    tasks = [studies[start : start + _STUDIES_PER_TASK] for start in range(0, len(studies), _STUDIES_PER_TASK)]
    results = [worker.submit(render_measure_views, task, charts=not charts_on_demand) for task in tasks]
    by_study: dict[str, dict[str, Callable[[], str]]] = {}
    for task, views in zip(tasks, results, strict=True):
        for study in task:
            by_study[study.slug] = {
                chart_id(number): partial(render_chart, measure, number)
                if charts_on_demand
                else partial(_chart, views, study.slug, measure, number)
                for number, measure in enumerate(study.measures, start=1)
            }
    neighbourhoods = sorted({slug for study in studies for slug in study.neighbourhoods})
    return _Charts(by_study, {slug: partial(_summary, results, slug) for slug in neighbourhoods})


def _chart(views: Callable[[], MeasureViews], study: str, measure, number: int) -> str:
    # A page is written once per build, so each chart is handed over once and then let go
    # (thousands of charts need not stay in memory); asked for again, it is drawn here.
    drawn = views().charts[study].pop(chart_id(number), None)
    return drawn if drawn is not None else render_chart(measure, number)


def _summary(results: Sequence[Callable[[], MeasureViews]], neighbourhood: str) -> str:
    return summary_list(line for views in results for line in views().summaries.get(neighbourhood, ()))


# Template fragments per background task.
_FRAGMENTS_PER_TASK = 100


def _fragments_in_background(pages: dict[str, GeneratedPage], worker: Worker) -> None:
    """Have the worker fill in the pages' template fragments (such as each case study's "at
    a glance" box), which are needed only when MkDocs writes the pages, long after."""
    jobs = [
        (page, key, made)
        for page in pages.values()
        for key, made in page.fragments.items()
        if isinstance(made, partial) and made.func is render_template and len(made.args) == 1
    ]
    for start in range(0, len(jobs), _FRAGMENTS_PER_TASK):
        task = jobs[start : start + _FRAGMENTS_PER_TASK]
        rendered = worker.submit(render_templates, [(made.args[0], made.keywords) for _, _, made in task])
        for number, (page, key, _) in enumerate(task):
            page.fragments[key] = partial(_rendered, rendered, number)


def _rendered(rendered: Callable[[], list[str]], number: int) -> str:
    return rendered()[number]


def _pages(
    cat: Catalogue,
    charts: _Charts,
    chosen: list[tuple[Report, tuple[CaseStudy, ...]]],
    problems: list[Problem],
    *,
    today: dt.date,
    settings: SiteSettings,
    spec: dict,
    with_pdfs: bool,
) -> dict[str, GeneratedPage]:
    """Every generated page. A page the site's code fails to make is one problem for its
    source, and two pages at one address are a problem naming both sources."""
    content = cat.content
    pages: dict[str, GeneratedPage] = {}

    def add(uri: str, source: str | None, make: Callable[[], GeneratedPage]) -> None:
        page = guarded(source or f"docs/{uri}", problems, make)
        if page is None:
            return
        if uri in pages:
            first = pages[uri].source or "the site's own page"
            problems.append(
                Problem(page.source or uri, 1, "", f"would make the page {uri}, which {first} already makes; rename one")
            )
            return
        pages[uri] = page

    def library() -> GeneratedPage:
        propose = urls.propose_url(urls.LIBRARY)
        markdown, listing = library_page(cat, propose_url=propose, placeholder=placeholder("listing"))
        return GeneratedPage(markdown, fragments={"listing": listing})

    def propose() -> GeneratedPage:
        template = urls.github_new_file(
            settings.repo_url, FOLDER, filename="my-case-study.md", value=case_study_template(today=today)
        )
        markdown, form = propose_page(spec, template_url=template, placeholder=placeholder("form"))
        return GeneratedPage(markdown, fragments={"form": form})

    add(urls.LIBRARY, None, library)
    add(urls.PROPOSE, None, propose)
    listings = guarded(f"docs/{urls.LIBRARY}", problems, lambda: year_pages(cat, placeholder=placeholder("listing"))) or {}
    for uri, (markdown, listing) in listings.items():
        add(uri, None, partial(GeneratedPage, markdown, fragments={"listing": listing}))
    add(
        urls.NEIGHBOURHOODS,
        None,
        lambda: GeneratedPage(
            neighbourhoods_index(cat, swimlane=placeholder("swimlane")), fragments={"swimlane": overview_swimlane(cat, today)}
        ),
    )
    add(urls.TIMELINE, "data/programme.yml", lambda: GeneratedPage(timeline_page(cat, today=today), "data/programme.yml"))
    add(urls.COACHES, "data/coaches.yml", lambda: GeneratedPage(coaches_page(cat), "data/coaches.yml"))
    add(urls.FIELD_REFERENCE, None, lambda: GeneratedPage(field_reference_page(content.partners, MEASURE_FIELDS)))
    if content.glossary:
        add(urls.GLOSSARY, "data/glossary.yml", lambda: GeneratedPage(glossary_page(content.glossary), "data/glossary.yml"))
    if content.tools:
        add(urls.TOOLS, None, lambda: GeneratedPage(tools_index_page(content.tools)))
    # Reports first: the site engine writes pages in this order, and a report's PDF is
    # made from its finished page while the case studies are written.
    add(urls.REPORTS, None, lambda: GeneratedPage(reports_index(chosen, cat, with_pdfs=with_pdfs)))
    for report, studies in chosen:
        if studies:
            add(urls.report_uri(report.slug), report.path, partial(_report, report, studies, cat, today, settings, with_pdfs))
    for study in content.case_studies:
        add(urls.case_study_uri(study.slug), study.path, partial(_case_study, study, cat, charts, today, settings))
    for n in content.neighbourhoods:
        add(urls.neighbourhood_uri(n.slug), n.path, partial(_neighbourhood, n, cat, charts, today, settings.contact))
    return pages


def _case_study(study: CaseStudy, cat: Catalogue, charts: _Charts, today: dt.date, settings: SiteSettings) -> GeneratedPage:
    cite = citation(
        authors=study.authors,
        year=study.date.year,
        title=study.title,
        site_name=settings.site_name,
        url=urls.absolute_url(settings.site_url, urls.case_study_uri(study.slug)),
    )
    page, fragments = case_study_page(
        study, cat, today=today, charts=charts.by_study.get(study.slug, {}), cite=cite_block(cite, what="case study")
    )
    return GeneratedPage(page, study.path, fragments, contributed=True)


def _report(
    report: Report, studies: tuple[CaseStudy, ...], cat: Catalogue, today: dt.date, settings: SiteSettings, with_pdf: bool
) -> GeneratedPage:
    page, fragments = report_page(
        report, studies, cat, today=today, site_name=settings.site_name, site_url=settings.site_url, with_pdf=with_pdf
    )
    return GeneratedPage(page, report.path, fragments, contributed=True)


def _neighbourhood(n: Neighbourhood, cat: Catalogue, charts: _Charts, today: dt.date, contact: Contact) -> GeneratedPage:
    page, fragments = neighbourhood_page(n, cat, today=today, measures=charts.summaries.get(n.slug), programme_contact=contact)
    return GeneratedPage(page, n.path, fragments)
