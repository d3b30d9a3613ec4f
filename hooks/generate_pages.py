"""MkDocs adapter for the learning site's generated pages.

All decisions live in the ``learning`` package (plain Python, no MkDocs). This hook only:
reads the project root and build mode from MkDocs, calls :func:`learning.site.build_site`,
adds each generated page or file with ``File.generated``, points each page's edit link at
its real source, refuses to let a generated page shadow a hand-written one, and appends the
site-wide additions (backlinks, glossary hover definitions) to hand-written pages.

Content problems stop ``mkdocs build`` with one clean error listing every problem. Under
``mkdocs serve`` they are logged and the broken files are left out, so the preview keeps
running and recovers as soon as the file is fixed.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from learning.build.pdf import PdfUnavailable
from learning.build.policy import with_content_security_policy
from learning.build.site import PENDING_CONTENT, SiteBuild, SiteSettings, build_date, build_site, case_study_pages
from learning.files.search_index import THEME_SEARCH_META, SearchIndex, page_url_of_file
from learning.model import Contact
from learning.pages.sanitize import sanitize_content, theme_text
from learning.problems import Problem, could_not_process
from learning.source.fields import EMAIL

T = TypeVar("T")

log = logging.getLogger("mkdocs.hooks.generate_pages")

# Front-matter values the theme prints without escaping them.
_THEME_TEXT = ("title", "description", "summary")

_serving = False
_dirty = False
_site: SiteBuild | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _serving, _dirty
    _serving = command == "serve"
    _dirty = dirty


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _site
    if _site is not None:
        _site.discard()  # a preview's earlier build that stopped half-way
    _site = None
    root = Path(config.config_file_path).parent
    settings = SiteSettings(
        site_url=config.site_url or "/", repo_url=config.repo_url, contact=_programme_contact(config), site_name=config.site_name
    )
    try:
        # Charts, feeds, calendars and open data are made by a second process while MkDocs
        # converts pages; a --dirty preview draws only the charts of the pages it rewrites.
        site = build_site(
            root,
            today=build_date(),
            include_drafts=_serving,
            settings=settings,
            background=True,
            charts_on_demand=_serving and _dirty,
            with_cards=not _serving,
            # The preview makes no PDFs (it needs no WeasyPrint), so its pages link to none.
            with_pdfs=not _serving,
            # Search reads each page as it is written, in the second process; the preview
            # reads its site folder instead (a --dirty rebuild writes only some pages).
            with_search=not _serving,
        )
    except Exception as error:  # a fault in our code: one line, never a traceback, and the preview stays up
        _report((could_not_process("data/ and case_studies/", error),), None)
        return files
    for notice in site.notices:
        log.info(f"notice: {notice}")
    for file in list(files):
        if _is_under(f"docs/{file.src_uri}", site.linked):
            files.remove(file)  # never published, whatever it points to; reported as a problem
    # Files.append invalidates MkDocs' lookup table, so look up existing paths in a set
    # taken once: checking each new page against `files` would cost O(pages^2).
    existing = {file.src_uri for file in files}
    shadowed = [
        Problem(f"docs/{uri}", 1, "", f"is also made from {_made_from(page.source)}; rename or remove the hand-written file")
        for uri, page in site.pages.items()
        if uri in existing
    ] + [
        Problem(f"docs/{uri}", 1, "", "is also a file the site makes (a feed, calendar or data file); rename or remove it")
        for uri in [*site.files, *site.copied]
        if uri in existing
    ]
    if site.problems or shadowed:
        _report(tuple(sorted([*site.problems, *shadowed])), site)
    _site = site
    inputs_changed = _newest_input(root)
    climb = _climb_out_of_docs(config, root)
    for uri, page in site.pages.items():
        if uri in existing:
            continue
        file = File.generated(config, uri, content=page.markdown)
        # The edit button opens the file a contributor really edits (case study or YAML).
        file.edit_uri = _edit_uri(climb, page.source)
        if _dirty and page.source and page.source.startswith("case_studies/"):
            _skip_if_unchanged(file, root / page.source, inputs_changed)
        files.append(file)
    for uri, cached in site.copied.items():
        if uri not in existing:
            # Link cards: copied from the card cache once the worker has drawn them (on_env).
            files.append(File.generated(config, uri, abs_src_path=str(cached.source)))
    for uri in site.files:
        if uri not in existing:
            # Feeds, calendars and open data are made while MkDocs converts pages; on_env,
            # just before MkDocs copies files, fills them in.
            files.append(File.generated(config, uri, content=b""))
    # The content and pages just made live until the build ends: set them aside from the
    # garbage collector, which would otherwise walk them again and again while MkDocs makes
    # its many short-lived objects (about 3% of a 1,000-case-study build). A preview gives
    # them back in on_post_build, so its earlier builds are collected.
    gc.freeze()
    return files


def _on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if _site is not None:
        _site.send_contents()  # every page is converted
        for cached in _site.copied.values():
            cached.ready()
        for uri, make in _site.files.items():
            content = make()
            file = files.get_file_from_path(uri)
            assert file is not None, f"{uri} was added in on_files"
            if isinstance(content, bytes):
                file.content_bytes = content
            else:
                file.content_string = content
    return env


def _on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The site's own search index holds every page (on_post_page); the theme's would go unread.
    page.meta["search"] = dict(THEME_SEARCH_META)
    if page.meta.get("summary") and not page.meta.get("description"):
        page.meta["description"] = page.meta["summary"]
    # The theme prints these as they are, in <title>, <meta> and the navigation: escape once.
    for key in _THEME_TEXT:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = theme_text(page.meta[key])
    if _site is None:
        return markdown
    card = _site.card_for(page.file.src_uri)
    # Link previews (overrides/main.html): the page's own card, or the site's.
    page.meta["card"] = {"url": card.url, "alt": card.alt} if card else None
    return _site.finish_markdown(page.file.src_uri, markdown)


def _on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "title" not in page.meta and page.title:
        # A title taken from the page's first heading is HTML text; make it plain, then escape.
        page.meta["title"] = theme_text(unescape(page.title))
    if html.count("<h1") > 1:
        log.error(f"{_source_of(page)}:1: body: has more than one top-level heading; use '## ' for the headings inside a page")
    if _site is None:
        return sanitize_content(html)
    # Sanitized in the second process while MkDocs converts the other pages; the page's
    # content is a placeholder until on_page_context, when its template is about to print it.
    return _site.start_content(page.file.src_uri, html)


def _on_page_context(context: dict, page: Page) -> dict:
    if _site is not None and page.content == PENDING_CONTENT:
        page.content = _site.content_of(page.file.src_uri)
    return context


def _on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Large ready-made HTML (charts, long listings) goes in last: search indexing and the
    # theme then handle a one-line marker instead of it, which keeps builds fast.
    if _site is not None:
        _site.index_page(page.url, output)
    output = _site.insert_fragments(page.file.src_uri, output) if _site else output
    if _site and page.file.src_uri in _site.reports:
        # A report's PDF is made from its content alone (no site chrome), in the background
        # while the remaining pages are written. The preview makes none (its reports are {}).
        content = _site.insert_fragments(page.file.src_uri, page.content or "")
        _site.start_pdf(page.file.src_uri, content, lang=str(config.theme.get("language") or "en"))
    # The policy runs no inline script, and `mkdocs serve` adds its live-reload script
    # inline as it serves each page, so the preview goes without the policy.
    return output if _serving else with_content_security_policy(output)


@event_priority(-100)  # after every plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if not _serving:
        _add_policy_to_not_found_page(site / "404.html")
        _write_pdfs(site)
        if _site is not None:
            # The card cache keeps only this build's cards (unless another build is running).
            removed = _site.prune_cards()
            if removed:
                log.info(f"link-card cache: removed {removed} card{'s' if removed != 1 else ''} no page uses any more")
    _write_search_index(site)
    if _site is not None:
        _site.close()
    if _serving:
        gc.unfreeze()  # a build ends its process: collecting once more there costs time


def on_build_error(error: Exception) -> None:
    # The build stops: the second process need not wait for pages that will never come.
    if _site is not None:
        _site.discard()
    gc.unfreeze()


def _write_search_index(site: Path) -> None:
    if _serving:
        # A --dirty rebuild writes only the pages that changed: the preview's search reads
        # every page as it is in the preview's folder, so it covers them all.
        search = SearchIndex(case_study_pages(_site.content) if _site else ())
        for path in sorted(site.rglob("index.html")):
            url = page_url_of_file(path.relative_to(site).as_posix())
            # Only pages the build wrote: a link in the folder is never followed.
            if url is not None and not path.is_symlink():
                search.add(url, path.read_text(encoding="utf-8"))
        index = search.files()
    elif _site is not None:
        index = _site.search_files()
    else:
        return
    for name, text in index.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _write_pdfs(site_dir: Path) -> None:
    if _site is None:
        return
    try:
        pdfs = _site.finish_pdfs()
    except PdfUnavailable as missing:  # one line naming what to install, never a traceback
        raise PluginError(str(missing)) from None
    except Exception as error:  # a fault in our code or WeasyPrint's: one located line
        raise PluginError(str(could_not_process("data/reports/", error))) from None
    for path, pdf in pdfs.items():
        (site_dir / path).write_bytes(pdf)


def _add_policy_to_not_found_page(path: Path) -> None:
    # MkDocs renders the theme's 404 page as a template, which on_post_page never sees.
    if path.exists():
        path.write_bytes(with_content_security_policy(path.read_bytes().decode("utf-8")).encode("utf-8"))


def _report(problems: tuple[Problem, ...], site: SiteBuild | None) -> None:
    for problem in problems:
        log.error(str(problem))
    count = len(problems)
    summary = f"{count} content problem{'s' if count != 1 else ''} found (listed above)."
    if _serving:
        log.error(summary + " The preview leaves the affected files out until they are fixed.")
        return
    if site is not None:
        site.discard()
    raise PluginError(summary + " Fix them and build again; `make check` lists them without building.")


def _made_from(source: str | None) -> str:
    return source if source else "the site's data (a generated page)"


def _is_under(path: str, folders: frozenset[str]) -> bool:
    return path in folders or any(path.startswith(folder + "/") for folder in folders)


def _newest_input(root: Path) -> float:
    """Newest modification time among the shared inputs every case-study page depends on."""
    shared = [p for p in (root / "data").rglob("*") if p.is_file()]
    shared += list((root / "case_studies").glob("*.csv"))
    return max((p.stat().st_mtime for p in shared), default=0.0)


def _skip_if_unchanged(file: File, source: Path, inputs_changed: float) -> None:
    # `mkdocs serve --dirty`: a generated page counts as modified on every build, so a one-file
    # edit would rebuild all case studies. Rebuild a case study only when its own file, or
    # data it depends on, is newer than its last output. The full build ignores this.
    destination = Path(file.abs_dest_path)
    if destination.exists() and destination.stat().st_mtime > max(source.stat().st_mtime, inputs_changed):
        file.is_modified = lambda: False  # type: ignore[method-assign]  # the one File whose answer changes


def _edit_uri(climb: str | None, source: str | None) -> str | None:
    return None if source is None or climb is None else climb + source


def _climb_out_of_docs(config: MkDocsConfig, root: Path) -> str | None:
    # edit_uri points into docs/; climb out of it to reach files elsewhere in the repository.
    if not config.edit_uri:
        return None
    return "../" * len(Path(config.docs_dir).resolve().relative_to(root.resolve()).parts)


def _source_of(page: Page) -> str:
    generated = _site.pages.get(page.file.src_uri) if _site else None
    return generated.source if generated and generated.source else f"docs/{page.file.src_uri}"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    return _guard("the site's feeds, calendars and data files", env, _on_env, env, config, files)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _guard(_source_of(page), markdown, _on_page_markdown, markdown, page, config, files)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Unlike the others, content that could not be finished is never published unsanitized.
    return _guard(_source_of(page), "", _on_page_content, html, page, config, files)


@event_priority(100)  # before any plugin reads the page's content
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    return _guard(_source_of(page), context, _on_page_context, context, page)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _guard(_source_of(page), output, _on_post_page, output, page, config)


def _guard(source: str, fallback: T, work: Callable[..., T], *args: Any) -> T:
    # A fault in the site's code while finishing one page is one located error (which stops
    # a strict build), never a traceback, and the preview keeps serving.
    try:
        return work(*args)
    except Exception as error:
        log.error(str(could_not_process(source, error)))
        return fallback


def _programme_contact(config: MkDocsConfig) -> Contact:
    # extra.contact in mkdocs.yml: one name and one email, each null until confirmed.
    given = config.extra.get("contact") or {}
    name, email = given.get("name"), given.get("email")
    if email is not None and not (isinstance(email, str) and EMAIL.fullmatch(email)):
        raise PluginError(f"mkdocs.yml: extra.contact.email: {email!r} is not an email address like name@nhs.net")
    if name is not None and not isinstance(name, str):
        raise PluginError("mkdocs.yml: extra.contact.name: expected text, or null until it is confirmed")
    return Contact(name=" ".join(name.split()) if name else None, email=email)
