"""Hostile and careless contributions (``tests/fixtures/hostile/corpus.json``) give a located
problem, or build into a site whose pages run no script, go nowhere and ask no other host.

Each corpus entry names where its payload goes (``where``) and what it expects (``expect``):
``{"problem": "path:line: field: message"}`` or ``{"safe": true}``. Problem entries are
checked one copy of the project each, in-process (``build_site``, as ``make check`` does)
unless the entry says ``"mkdocs": true``: then only the hook's checks during a real
``mkdocs build`` see it (a second top-level heading, a hand-written page that shadows a
generated one). Safe entries share a few copies, built once each and opened in Chromium.

Payloads that call ``alert(`` call ``alert(window.__pwned=1,`` instead, so that a script
that runs is seen even where a dialog is not. Paths under ``{outside}`` point at a folder
outside the project that holds the text ``OUTSIDE-SECRET-4242``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build_project, copy_project, serve_directory
from learning.build.site import build_site

CORPUS = json.loads((ROOT / "tests/fixtures/hostile/corpus.json").read_text())
TODAY = dt.date(2025, 11, 26)
EPOCH = "1764115200"  # 2025-11-26, the same day as TODAY
CANARY = "canary-7f3a9e1d-build-secret"  # in the build's environment: /proc/self/environ
SECRET = "OUTSIDE-SECRET-4242"  # in the folder outside the project
LEAK_MARKERS = (CANARY, SECRET, "root:x:0:0:")
LOCATED = re.compile(r"^[^\n]+?:\d+: ")

FRONT = {
    "title": "Hostile case study {tag}",
    "summary": "A case study used to test the site.",
    "date": "2025-01-15",
    "neighbourhoods": "[aspen]",
    "authors": "[Red Team]",
    "consent": "true",
    "status": "published",
    "tools": "[pdsa]",
    "themes": "[testing]",
}
CSV_MEASURE = "measures:\n  - {{title: From CSV, unit: per month, improvement: up, chart: run, csv: {name}}}\n"
FORGED_MEASURE = (
    "measures:\n  - title: Admissions\n    unit: per month\n    improvement: down\n    chart: xmr\n    data:\n"
    + "".join(
        f"      - {{period: 2024-{month:02d}, value: {value}}}\n"
        for month, value in zip(range(1, 13), [5, 6, 7] * 4, strict=True)
    )
)
OUTSIDE_FILES = {
    "secret.md": "---\ntitle: Outside secret case study\nsummary: This file lives outside the repository.\n"
    "date: 2025-02-02\nneighbourhoods: [aspen]\nauthors: [Nobody]\nconsent: true\n---\n\n"
    f"{SECRET}: this text comes from a file outside the repository.\n",
    "nbh.yml": f"name: Outside Neighbourhood {SECRET}\nlocality: Gloucester\nsummary: Read from a file outside the repository.\n",
    "nbhs/nbh.yml": f"name: Outside Neighbourhood {SECRET}\nlocality: Gloucester\nsummary: Read from a file outside the repository.\n",
    "private.txt": f"{SECRET} private key material\n",
}


# ------------------------------------------------------------------ materializing entries


def payload_of(entry: dict) -> str:
    if entry["where"] == "size":
        return eval(entry["payload"], {"__builtins__": {"range": range}})  # our own fixture: a short expression
    return entry["payload"]


def make_outside(folder: Path) -> Path:
    for name, text in OUTSIDE_FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


@dataclass
class Placed:
    """Where one entry went: the pages to open and the text that must be published."""

    entry: dict
    pages: list[str] = field(default_factory=list)
    sentinel: str | None = None


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))


def _front(tag: str, overrides: dict[str, str] | None = None, extra: str = "") -> str:
    fields = {**FRONT, "title": FRONT["title"].format(tag=tag), **(overrides or {})}
    return "".join(f"{key}: {value}\n" for key, value in fields.items()) + extra


def _study(front: str, body: str) -> str:
    return f"---\n{front.rstrip(chr(10))}\n---\n\n{body}"


def _body(tag: str, middle: str = "") -> str:
    if middle:
        return f"## What we did\n\nZsentinelstart\n\n{middle}\n\n{tag} ZQX\n"
    return f"## What we did\n\n{tag} ZQX\n"


def _add_nav(project: Path, uri: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().rstrip("\n") + f"\n  - Hostile {uri}: {uri}\n")


def _insert_first(path: Path, item: str) -> None:
    """Put ``item`` before the first entry of the YAML list in ``path``: its line then stays
    put when entries are added to or removed from the real file."""
    text = path.read_text()
    start = re.search(r"^- ", text, re.MULTILINE)
    assert start, path
    path.write_text(text[: start.start()] + item + text[start.start() :])


def _replace_top_key(text: str, key: str, value: str) -> str:
    out: list[str] = []
    skipping = found = False
    for line in text.split("\n"):
        if skipping:
            if line.startswith(("- ", " ", "\t")):
                continue
            skipping = False
        if re.match(rf"^{re.escape(key)}\s*:", line):
            out.append(f"{key}: {value}")
            skipping = found = True
            continue
        out.append(line)
    if not found:
        while out and out[-1] == "":
            out.pop()
        out += [f"{key}: {value}", ""]
    return "\n".join(out)


def materialize(entry: dict, project: Path, n: int, outside: Path) -> Placed:
    """Put ``entry`` into the copy at ``project`` as the ``n``-th hostile file."""
    kind, _, name = entry["where"].partition(":")
    payload = payload_of(entry)
    stem = f"hostile-{n}"
    tag = f"Zsentinel{n}x"
    studies = project / "case_studies"
    placed = Placed(entry, [f"case-studies/{stem}/"], tag)
    study = studies / f"{stem}.md"
    if kind == "body":
        extra = FORGED_MEASURE if entry["id"] == "body-fragment-forge-measure" else ""
        if entry["id"] == "body-link-to-draft":
            payload = payload.replace("attack-draft.md", f"{stem}-draft.md")
            draft = _front(f"Zdraft{n}", {"status": "draft", "title": f"Secret draft Zdraft{n}"})
            _write(studies / f"{stem}-draft.md", _study(draft, f"Zdraft{n} draft body\n"))
        _write(study, _study(_front(tag, extra=extra), _body(tag, payload)))
    elif kind == "size":
        _write(study, _study(_front(tag), _body(tag, payload)))
    elif kind == "frontmatter":
        _write(study, _study(_front(tag, {name: payload}), _body(tag)))
        if name == "title":
            placed.sentinel = tag + " ZQX"
    elif kind == "frontmatter-raw":
        text = _study(payload, _body(tag))
        if entry["id"] == "raw-crlf-whole-file":
            text = text.replace("\n", "\r\n")
        data = text.encode("cp1252") if entry["id"] == "raw-cp1252-bytes" else text.encode("utf-8", "surrogatepass")
        _write(study, b"\xef\xbb\xbf" + data if entry["id"] == "raw-bom" else data)
    elif kind == "measure":
        _write(study, _study(_front(tag, extra="measures:" + payload + "\n"), _body(tag)))
    elif kind == "csv":
        _write(studies / f"{stem}.csv", payload)
        _write(study, _study(_front(tag, extra=CSV_MEASURE.format(name=f"{stem}.csv")), _body(tag)))
    elif kind == "filename":
        target = studies / payload
        if payload.endswith((".yml", ".yaml")):
            _write(target, f"name: Shadow neighbourhood {tag}\nlocality: Gloucester\nsummary: Written by the test {tag}.\n")
        else:
            _write(target, _study(_front(tag), _body(tag)))
        placed.pages, placed.sentinel = ["case-studies/", "neighbourhoods/"], None
    elif kind == "symlink":
        link, _, dest = (part.strip() for part in payload.replace("{outside}", str(outside)).partition("->"))
        link_path = project / link
        if link_path.is_dir() and not link_path.is_symlink():
            shutil.rmtree(link_path)
        elif link_path.is_symlink() or link_path.exists():
            link_path.unlink()
        link_path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(dest, link_path)
        placed.pages, placed.sentinel = [], None
        if link.endswith(".csv"):
            study = link_path.with_suffix(".md")
            _write(study, _study(_front(tag, extra=CSV_MEASURE.format(name=link_path.name)), _body(tag)))
            placed.pages, placed.sentinel = [f"case-studies/{study.stem}/"], tag
        if link.startswith("docs/") and link.endswith(".md"):
            _add_nav(project, link.removeprefix("docs/"))
    elif kind == "neighbourhood":
        path = project / "data/neighbourhoods/aspen.yml"
        path.write_text(_replace_top_key(path.read_text(), name, payload))
        placed.pages, placed.sentinel = ["neighbourhoods/aspen/", "neighbourhoods/", "case-studies/"], None
    elif kind == "glossary" and entry["id"].endswith("-sitewide"):
        path = project / "data/glossary.yml"
        text = path.read_text()
        assert "  expansion: Integrated Neighbourhood Team\n" in text
        path.write_text(text.replace("  expansion: Integrated Neighbourhood Team\n", f"  {name}: {payload}\n", 1))
        placed.pages, placed.sentinel = ["", "glossary/", "tools/pdsa/"], None
    elif kind == "glossary":
        term = "ZQX"
        fields = {"term": term, "expansion": "Zed Quux Xylophone", "definition": f"A made-up term used for testing, {tag}."}
        if name == "definition":
            fields["expansion"] = f"Zed {tag}"
        fields[name] = payload
        _insert_first(
            project / "data/glossary.yml", "- " + "\n  ".join(f"{key}: {value}" for key, value in fields.items()) + "\n\n"
        )
        _write(study, _study(_front(tag), _body(tag)))
        placed.pages.append("glossary/")
    elif kind == "programme":
        event = {"date": "2025-05-05", "title": f"Hostile event {tag}", "kind": "milestone"}
        if name == "title":
            event["detail"] = f"Detail {tag}"
        event[name] = payload
        _insert_first(
            project / "data/programme.yml", "- " + "\n  ".join(f"{key}: {value}" for key, value in event.items()) + "\n"
        )
        placed.pages, placed.sentinel = ["timeline/"], None
    elif kind in ("docs-body", "docs-frontmatter"):
        meta = {
            "last_reviewed": "2026-12-01",
            "review_due": "2027-06-01",
            "title": f"Hostile page {tag}",
            "description": "A hand-written page used for testing.",
        }
        body = "## Hostile\n\nZsentinelstart\n\n"
        if kind == "docs-frontmatter":
            if name == "summary":
                del meta["description"]  # the hook copies summary to description only when there is none
            meta[name] = payload
            body += f"{tag}\n"
        else:
            body += f"{payload}\n\n{tag}\n"
        _write(project / f"docs/{stem}.md", "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n\n" + body)
        _add_nav(project, f"{stem}.md")
        placed.pages = [f"{stem}/"]
    else:
        raise ValueError(entry["where"])
    return placed


def mkdocs_problems(log: str) -> list[str]:
    """The problems a strict ``mkdocs build`` printed (its ``ERROR -`` lines), summary left out."""
    found = [line.split(" -  ", 1)[1] for line in log.splitlines() if line.startswith("ERROR") and " -  " in line]
    return [line for line in found if not re.match(r"\d+ content problems? found", line)]


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return build_project(project, site, env={"SOURCE_DATE_EPOCH": EPOCH, "ATTACK_CANARY": CANARY})


# ------------------------------------------------------------------ entries that are problems

PROBLEMS = [entry for entry in CORPUS if "problem" in entry["expect"]]
SAFE = [entry for entry in CORPUS if entry["expect"].get("safe")]


def test_the_corpus_covers_every_place_and_intent_and_expects_one_outcome_each():
    assert len(CORPUS) >= 110 and len(PROBLEMS) + len(SAFE) == len(CORPUS)
    places = Counter(entry["where"].partition(":")[0] for entry in CORPUS)
    assert set(places) >= {"body", "frontmatter", "frontmatter-raw", "measure", "csv", "size", "filename", "symlink"}
    assert set(places) >= {"neighbourhood", "glossary", "programme", "docs-body", "docs-frontmatter"}
    intents = {entry["intent"] for entry in CORPUS}
    assert intents >= {"xss", "redirect", "leak", "crash", "vanish", "inject", "spoof", "careless", "hang"}
    assert len({entry["id"] for entry in CORPUS}) == len(CORPUS)
    assert all(LOCATED.match(entry["expect"]["problem"]) for entry in PROBLEMS)


@pytest.mark.parametrize("entry", PROBLEMS, ids=[entry["id"] for entry in PROBLEMS])
def test_a_hostile_entry_is_refused_with_its_located_problem_and_no_fault_of_the_code(entry, tmp_path):
    project = copy_project(tmp_path / "project")
    materialize(entry, project, 0, make_outside(tmp_path / "outside"))
    if entry.get("mkdocs"):
        result = build(project, tmp_path / "site")
        assert result.returncode != 0, "the strict build accepted it"
        problems = mkdocs_problems(result.stdout + result.stderr)
    else:
        problems = [str(problem) for problem in build_site(project, today=TODAY, include_drafts=True).problems]
    assert entry["expect"]["problem"] in problems
    assert all(LOCATED.match(problem) for problem in problems), problems
    assert not [problem for problem in problems if "could not be processed" in problem]


def test_make_check_answers_within_two_seconds_on_150_kb_of_angle_brackets(tmp_path):
    entry = next(entry for entry in CORPUS if entry["id"] == "size-lt-150k")
    assert len(payload_of(entry)) == 150_000
    project = copy_project(tmp_path / "project")
    materialize(entry, project, 0, make_outside(tmp_path / "outside"))
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_content.py"), "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=10,
    )
    elapsed = time.perf_counter() - started
    assert elapsed < 2, f"make check took {elapsed:.1f} s"
    assert result.returncode == (1 if "problem" in entry["expect"] else 0), result.stdout + result.stderr


# ------------------------------------------------------------------ entries that build safely


def _sharing(entry: dict) -> str | None:
    """What an entry changes that another entry of the same kind would change too."""
    kind = entry["where"].partition(":")[0]
    if kind == "neighbourhood":
        return entry["where"]
    if kind == "glossary":
        return "glossary-sitewide" if entry["id"].endswith("-sitewide") else "glossary"
    return None


@dataclass
class Built:
    site: Path
    result: subprocess.CompletedProcess
    placed: list[Placed]


@pytest.fixture(scope="module")
def safe_sites(tmp_path_factory) -> dict[str, Built]:
    """Every safe entry in as few copies of the project as they fit, each built once."""
    groups: list[list[dict]] = []
    seen: Counter[str | None] = Counter()
    for entry in SAFE:
        key = _sharing(entry)
        index = seen[key] if key else 0
        seen[key] += 1
        while len(groups) <= index:
            groups.append([])
        groups[index].append(entry)
    base = tmp_path_factory.mktemp("hostile")
    outside = make_outside(base / "outside")
    projects = []
    for number, group in enumerate(groups):
        project = copy_project(base / f"project-{number}")
        placed = [materialize(entry, project, n, outside) for n, entry in enumerate(group)]
        projects.append((project, base / f"site-{number}", placed))
    # Two builds at a time, one per core.
    running: list[tuple[subprocess.Popen, Path, list[Placed]]] = []
    built: dict[str, Built] = {}
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, ATTACK_CANARY=CANARY)

    def finish(process: subprocess.Popen, site: Path, placed: list[Placed]) -> None:
        out, err = process.communicate(timeout=300)
        result = subprocess.CompletedProcess(process.args, process.returncode, out, err)
        for item in placed:
            built[item.entry["id"]] = Built(site, result, placed)

    for project, site, placed in projects:
        if len(running) == 2:
            finish(*running.pop(0))
        args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
        process = subprocess.Popen(args, cwd=project, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        running.append((process, site, placed))
    for item in running:
        finish(*item)
    return built


def test_the_safe_entries_build_strictly_in_a_few_projects(safe_sites):
    results = {id(built.result): built.result for built in safe_sites.values()}
    assert len(results) <= 6
    for result in results.values():
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_no_symlinked_or_outside_file_or_build_secret_is_published(safe_sites):
    for site in {built.site for built in safe_sites.values()}:
        for path in site.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not path.is_symlink(), path
                for marker in LEAK_MARKERS:
                    assert marker.encode() not in data, f"{marker} in {path.relative_to(site)}"


@pytest.mark.parametrize("entry", SAFE, ids=[entry["id"] for entry in SAFE])
def test_a_safe_entry_publishes_its_text_where_it_was_put(safe_sites, entry):
    built = safe_sites[entry["id"]]
    placed = next(item for item in built.placed if item.entry is entry)
    for page in placed.pages:
        assert (built.site / page / "index.html").is_file(), page
    if placed.sentinel:
        html = (built.site / placed.pages[0] / "index.html").read_text()
        assert placed.sentinel in html


# ------------------------------------------------------------------ safe entries in Chromium

BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Links whose address, without the spaces and control characters a browser ignores, runs code.
POKE_LINKS = """() => {
  let clicked = 0;
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    const href = a.getAttribute('href').replace(/[\\x00-\\x20]/g, '').toLowerCase();
    if (/^(javascript|vbscript|data|livescript):/.test(href)) { a.click(); clicked++; }
  }
  return clicked;
}"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=BROWSER_FLAGS)
        except Exception as error:  # a missing browser must fail loudly, never skip
            pytest.fail(f"cannot start Chromium ({error}); install Debian's chromium package (see .ci/run)")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def servers(safe_sites):
    """Each safe project's site served on 127.0.0.1."""
    started = {site: serve_directory(site) for site in {built.site for built in safe_sites.values()}}
    yield {site: url for site, (url, _) in started.items()}
    for _, server in started.values():
        server.shutdown()
        server.server_close()


def visit(browser, url: str) -> list[str]:
    """Open ``url``, hover, tab and click once; what ran, went or asked elsewhere."""
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
    failures: list[str] = []
    state = {"loaded": False}

    def guard(route) -> None:
        request = route.request
        if state["loaded"] and request.is_navigation_request() and request.frame == page.main_frame:
            failures.append(f"navigated to {request.url[:120]}")
            route.abort()
        elif request.url.startswith(("data:", "blob:")) or urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            failures.append(f"asked another host for {request.url[:120]}")
            route.abort()

    def pwned(stage: str) -> None:
        for frame in page.frames:
            try:
                if frame.evaluate("() => typeof window.__pwned !== 'undefined'"):
                    failures.append(f"script ran ({stage}) in {frame.url[:80]}")
            except Exception:  # a frame that went away ran nothing more of ours
                pass

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda dialog: (failures.append(f"{dialog.type} dialog: {dialog.message[:60]}"), dialog.dismiss()))
    try:
        page.goto(url, wait_until="load")
        state["loaded"] = True
        page.wait_for_timeout(150)
        pwned("on load")
        page.mouse.move(20, 20)
        page.mouse.move(640, 450, steps=4)
        for _ in range(4):
            page.keyboard.press("Tab")
        page.mouse.click(4, 890)
        page.evaluate(POKE_LINKS)
        page.wait_for_timeout(150)
        pwned("on interaction")
        if page.url.split("#")[0] != url:
            failures.append(f"left the page for {page.url[:120]}")
    finally:
        context.close()
    return failures


@pytest.mark.browser
@pytest.mark.parametrize("entry", SAFE, ids=[entry["id"] for entry in SAFE])
def test_a_safe_entry_runs_no_script_goes_nowhere_and_asks_no_other_host(browser, servers, safe_sites, entry):
    built = safe_sites[entry["id"]]
    placed = next(item for item in built.placed if item.entry is entry)
    failures = [f"/{page}: {failure}" for page in placed.pages for failure in visit(browser, f"{servers[built.site]}/{page}")]
    assert not failures, "\n".join(failures)


CONTROLS = {
    "on load": ("<img src=x onerror=alert(window.__pwned=1,1)>", "dialog"),
    "on hover": ('<p style="position:fixed;inset:0" onmouseover="window.__pwned=1">x</p>', "script ran (on interaction)"),
    "by tabbing": ('<a href="#" onfocus="window.__pwned=1">x</a>', "script ran (on interaction)"),
    "by a javascript: link": ('<a href="java&#10;script:window.__pwned=1">x</a>', "script ran (on interaction)"),
    "by redirecting": ("<script>setTimeout(() => location.href = '/elsewhere/', 50)</script>", "navigated to"),
    "by asking elsewhere": ('<img src="https://evil.invalid/pixel.png">', "asked another host"),
}


@pytest.mark.browser
@pytest.mark.parametrize(("markup", "seen"), CONTROLS.values(), ids=list(CONTROLS))
def test_the_browser_check_sees_a_page_that_runs_script_or_leaves(browser, tmp_path, markup, seen):
    (tmp_path / "page").mkdir()
    (tmp_path / "page/index.html").write_text(f"<!doctype html><title>Control</title><body><p>Text</p>{markup}</body>")
    url, server = serve_directory(tmp_path)
    try:
        failures = visit(browser, f"{url}/page/")
    finally:
        server.shutdown()
        server.server_close()
    assert any(seen in failure for failure in failures), failures


# The elements the theme's search results are made of; the search worker adds only <mark>.
SEARCH_RESULT_TAGS = {"LI", "A", "ARTICLE", "DIV", "H1", "H2", "P", "MARK", "DETAILS", "SUMMARY", "NAV", "SPAN", "DEL"}


@pytest.mark.browser
def test_search_results_show_hostile_titles_and_text_as_text(browser, servers, safe_sites):
    url = next(iter(servers.values()))
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"{url}/", wait_until="load")
        page.click(".md-search__input")
        page.keyboard.type("hostile case study", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=60_000)
        page.wait_for_timeout(500)
        tags = set(page.eval_on_selector_all(".md-search-result__list *", "els => els.map(e => e.tagName)"))
        shown = page.inner_text(".md-search-result__list")
        ran = page.evaluate("() => typeof window.__pwned !== 'undefined'")
    finally:
        context.close()
    assert "Hostile case study" in shown
    assert tags <= SEARCH_RESULT_TAGS, f"markup from the index became elements: {tags - SEARCH_RESULT_TAGS}"
    assert not ran and not dialogs
