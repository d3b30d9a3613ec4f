"""Build-time and memory benchmark: ``make bench`` (sizes with ``N='100 1000 3000'``).

For each N, generates N synthetic, contract-valid case studies (about 900 words each, with
headings, a table, a list and an admonition; every other one with a 36-point monthly XmR
measure) into a temporary copy of the project, then builds it two ways, interleaved in this
one run:

* **ours**: ``mkdocs build --strict`` of the copy, exactly as ``make build`` does (hooks on);
* **plain**: the same hand-written pages and the same case-study Markdown (placed at
  ``docs/case-studies/<slug>.md``) with the same ``mkdocs.yml`` minus ``hooks:``, so the same
  theme and Markdown extensions but no generated pages, no validation and no charts.

Each build runs in its own subprocess, which reports its peak memory: the most resident
memory it and the worker process it starts held at once (see ``_WRAPPER``; the JSON also
has ``peak_mb_upper_bound``, the two processes' peaks added as if they coincided); wall
time is measured around it. With N=1000 among the sizes (or ``--measures-check``), a third
comparison builds ours with every case study carrying a measure against ours with none.
Prints a table and the budget checks (PASS/FAIL), and writes everything, with machine
information, to ``bench-results/bench.json``. It is a benchmark, not a test: it exits 0
when a budget fails, and 1 only when a build itself fails.

    python scripts/bench.py 100 1000 3000 [--repeat 3] [--out FILE] [--keep]

Each timing is the median of 3 builds up to N=1000 (the timed budgets; this machine is
shared and short builds vary by 10% or more) and of 1 build above; `--repeat` overrides.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (100, 1000, 3000)
LINEARITY_REFERENCE = 300
SOURCE_DATE_EPOCH = "1764115200"  # 2025-11-26, as in the tests: builds are reproducible
PROJECT_PARTS = ("docs", "data", "hooks", "overrides", "mkdocs.yml")
CODE = "src"  # the learning package: snapshotted too, and imported from the snapshot
CASE_STUDIES = "case_studies"
BODY_WORDS = 900
MEASURE_POINTS = 36
CHART_MARKER = 'class="un-chart__svg"'

# The budgets: ratios measured on the same machine in the same run.
BUDGET_TIME_N, BUDGET_TIME, TARGET_TIME = 1000, 1.20, 1.10
BUDGET_LINEAR_LARGE, BUDGET_LINEAR = 3000, 1.15
BUDGET_MEMORY_N, BUDGET_MEMORY = 3000, 2.0
BUDGET_MEASURES_N, BUDGET_MEASURES = 1000, 1.15
DEFAULT_REPEAT, DEFAULT_REPEAT_UP_TO = 3, 1000

# Runs mkdocs' own command line in this process, then reports peak memory. The build may use a
# second process (the background worker), so the figure is the most memory the build held
# at once: this process's own peak (ru_maxrss, exact), or the largest sum of this process's
# and its children's resident memory sampled every 0.1 s while they ran, whichever is
# larger. Also reported, as an upper bound, this process's peak plus the worker's peak. A
# child's ru_maxrss is no use here: Linux carries the parent's size at fork into it, so the
# worker's own high-water mark (VmHWM) is read from /proc. Without /proc (macOS), the
# children's ru_maxrss is added, which overstates.
_WRAPPER = r"""
import os, resource, sys, threading, time
from pathlib import Path
from mkdocs.__main__ import cli

child_peaks = {}
together = [0]

def status(path, field):
    for line in path.read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0

def watch():
    me = str(os.getpid())
    own = Path("/proc/self/status")
    while True:
        total = status(own, "VmRSS:")
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if stat.read_text().rsplit(")", 1)[1].split()[1] != me:
                    continue
                child = stat.parent / "status"
                child_peaks[stat.parent.name] = status(child, "VmHWM:")
                total += status(child, "VmRSS:")
            except (OSError, IndexError, ValueError):
                pass
        together[0] = max(together[0], total)
        time.sleep(0.1)

proc = Path("/proc/self/status").exists()
if proc:
    threading.Thread(target=watch, daemon=True).start()
code = 0
try:
    cli.main(args=sys.argv[1:], prog_name="mkdocs")
except SystemExit as stop:
    code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
sys.stdout.flush()
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if proc:
    bound = own + max(child_peaks.values(), default=0)
    peak = max(own, together[0])
else:
    bound = peak = own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write("\nBENCH-MAXRSS %d %d\n" % (peak, bound))
learning = sys.modules.get("learning")
sys.stderr.write("BENCH-LEARNING %s\n" % (getattr(learning, "__file__", None) or "-"))
sys.stderr.flush()
sys.exit(code)
"""
_MAXRSS = re.compile(r"^BENCH-MAXRSS (\d+) (\d+)$", re.MULTILINE)
_LEARNING = re.compile(r"^BENCH-LEARNING (.*)$", re.MULTILINE)


class BenchError(Exception):
    """A build or a project copy failed: the benchmark cannot go on."""


# -- synthetic case studies ---------------------------------------------------------------

THEMES = (
    "falls", "care-homes", "carers", "medicines", "hospital-discharge", "care-planning",
    "proactive-care", "loneliness", "nutrition", "end-of-life", "dementia", "continence",
)
STAGES = ("planning", "testing", "implementing", "sustaining", "spreading")
SECTIONS = (
    "Why we started", "Our aim", "What we changed", "How we measured",
    "What happened", "What we learned", "Limitations", "Sustaining and spreading",
)
TOPICS = (
    "Weekly frailty huddle", "Shared care plan reviews", "Falls pathway redesign", "Medicines review clinic",
    "Discharge to assess follow-up", "Carers' support check-ins", "Care home ward round", "Hydration prompts",
    "Proactive phone calls", "Joint home visits", "Anticipatory care planning", "Continence assessment",
)
SUBJECTS = (
    "The team", "Our care coordinator", "District nurses", "The practice", "Two social workers",
    "A link worker", "The community therapists", "Our coach", "The pharmacist", "Carers",
    "Reception staff", "The neighbourhood manager", "Care home staff", "Each partner", "Most people",
)
VERBS = (
    "reviewed", "tested", "shared", "changed", "agreed", "mapped", "counted", "discussed",
    "booked", "planned", "noticed", "recorded", "followed up", "simplified", "explained",
)
OBJECTS = (
    "the frailty list", "one small change", "the weekly huddle", "the referral form", "a shared template",
    "the falls data", "every overdue review", "the discharge letters", "the visit rota", "the care plans",
    "a simple checklist", "the waiting list", "their own process map", "the monthly figures", "the next PDSA cycle",
)
ENDINGS = (
    "before the next meeting", "with people and their carers", "over the following month", "across the neighbourhood",
    "at the Tuesday huddle", "without extra funding", "in the first three weeks", "so that nothing was missed",
    "after a long discussion", "with help from the coach", "as part of the big room", "for people with severe frailty",
    "when the data came in", "by the end of the quarter", "in each practice",
)
MEASURES = (
    ("Emergency admissions, people with severe frailty (synthetic data)", "admissions per month", "down"),
    ("Falls reported in care homes (synthetic data)", "falls per month", "down"),
    ("Care plan reviews completed (synthetic data)", "reviews per month", "up"),
    ("Days from discharge to first contact (synthetic data)", "days, monthly mean", "down"),
)


@dataclass(frozen=True)
class Vocabulary:
    """The real identifiers a case study may refer to, read from the project."""

    neighbourhoods: tuple[str, ...]
    tools: tuple[str, ...]
    partners: tuple[str, ...]

    @classmethod
    def from_project(cls, root: Path) -> Vocabulary:
        import yaml

        neighbourhoods = tuple(sorted(p.stem for p in (root / "data" / "neighbourhoods").glob("*.yml")))
        tools = tuple(sorted(p.stem for p in (root / "docs" / "tools").glob("*.md") if p.stem != "index"))
        partners = tuple(item["id"] for item in yaml.safe_load((root / "data" / "partners.yml").read_text(encoding="utf-8")))
        if not (neighbourhoods and tools and partners):
            raise BenchError(f"{root}: need data/neighbourhoods/*.yml, docs/tools/*.md and data/partners.yml to generate case studies")
        return cls(neighbourhoods, tools, partners)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}."


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9'’-]+", text))


def body_words(text: str) -> int:
    """Words in a case study's body (after the front matter), as the bench counts them."""
    return _words(text.split("\n---\n", 1)[1] if text.startswith("---\n") else text)


def _month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _measure_yaml(rng: random.Random, end: dt.date) -> str:
    """One 36-point monthly XmR measure ending in the month of ``end``, as front matter."""
    title, unit, improvement = rng.choice(MEASURES)
    mean = rng.randint(10, 40)
    spread = max(1.0, mean * 0.12)
    shift = (-1 if improvement == "down" else 1) * mean * rng.uniform(0.15, 0.3)
    start = _month(end.year, end.month, -(MEASURE_POINTS - 1))
    periods = [_month(*start, i) for i in range(MEASURE_POINTS)]
    lines = [
        f"  - title: {_q(title)}",
        f"    unit: {unit}",
        f"    improvement: {improvement}",
        "    chart: xmr",
        f"    target: {round(mean + shift)}",
        "    baseline: 12",
        "    annotations:",
        f"      - {{period: {periods[12][0]}-{periods[12][1]:02d}, text: \"PDSA 1: first test of the change\"}}",
        "    data:",
    ]
    for index, (year, month) in enumerate(periods):
        value = max(0, round(rng.gauss(mean + (shift if index >= 12 else 0), spread)))
        lines.append(f"      - {{period: {year}-{month:02d}, value: {value}}}")
    return "measures:\n" + "\n".join(lines) + "\n"


def case_study_text(n: int, index: int, rng: random.Random, vocabulary: Vocabulary, *, with_measure: bool) -> str:
    """The Markdown of synthetic case study ``index`` of ``n``: front matter and ~900-word body.

    Everything but the measure comes from ``rng`` (shared by the whole set, so the bodies do
    not depend on which studies carry a measure); the measure has its own seeded generator.
    """
    place = rng.choice(vocabulary.neighbourhoods)
    neighbourhoods = [place] + ([rng.choice([s for s in vocabulary.neighbourhoods if s != place])] if rng.random() < 0.2 else [])
    tools = rng.sample(vocabulary.tools, rng.randint(1, min(4, len(vocabulary.tools))))
    partners = rng.sample(vocabulary.partners, rng.randint(2, min(4, len(vocabulary.partners))))
    themes = sorted(rng.sample(THEMES, rng.randint(1, 3)))
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange((dt.date(2026, 12, 31) - dt.date(2024, 1, 1)).days + 1))
    topic = rng.choice(TOPICS)
    place_name = place.replace("-", " ").title()
    title = f"Synthetic case study {index + 1} of {n}: {topic} in {place_name}"
    summary = f"A generated case study for the build benchmark: {topic.lower()} in {place_name}. {_sentence(rng)}"
    front = [
        "---",
        f"title: {_q(title)}",
        f"summary: {_q(summary)}",
        f"date: {date.isoformat()}",
        f"neighbourhoods: [{', '.join(neighbourhoods)}]",
        f"authors: [{_q(place_name + ' INT team ' + str(rng.randint(1, 9)))}]",
        "consent: true",
        "status: published",
        f"stage: {rng.choice(STAGES)}",
        f"tools: [{', '.join(tools)}]",
        f"themes: [{', '.join(themes)}]",
        f"partners: [{', '.join(partners)}]",
        f"review_due: {date.replace(year=date.year + 1, day=min(date.day, 28)).isoformat()}",
    ]
    measure = _measure_yaml(random.Random(f"bench-measure-{n}-{index}"), date)
    if with_measure:
        front.append(measure.rstrip("\n"))
    front.append("---")

    chosen = sorted(rng.sample(range(len(SECTIONS)), rng.randint(6, 8)))
    headings = [SECTIONS[i] for i in chosen]
    table_at, list_at = rng.sample(range(len(headings)), 2)
    fixed: dict[int, str] = {}
    fixed[table_at] = "\n".join([
        "| Measure | Before | After | Source |",
        "|---|---:|---:|---|",
        *(f"| {rng.choice(OBJECTS).capitalize()} | {rng.randint(5, 60)} | {rng.randint(5, 60)} | {rng.choice(('GP record', 'Team log', 'Audit', 'Survey'))} |" for _ in range(4)),
    ])
    fixed[list_at] = "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(4, 6)))
    tool = tools[0]
    link = f"We used the [{tool.replace('-', ' ')} guide](../tools/{tool}.md) to plan each step."
    admonition = f'!!! note "About this case study"\n    {_sentence(rng)} {_sentence(rng)}\n    It was generated for the build benchmark and describes no real team.'
    paragraphs: list[list[list[str]]] = [[[link] if i == 0 else [], []] for i in range(len(headings))]

    def render() -> str:
        parts = [admonition]
        for i, heading in enumerate(headings):
            parts.append(f"## {heading}")
            first, second = (" ".join(p) for p in paragraphs[i])
            parts.extend(p for p in (first, fixed.get(i, ""), second) if p)
        return "\n\n".join(parts) + "\n"

    words = _words(render())
    slot = 0
    while words < BODY_WORDS:
        sentence = _sentence(rng)
        section = slot % len(headings)
        paragraphs[section][(slot // len(headings)) % 2].append(sentence)
        words += _words(sentence)
        slot += 1
    return "\n".join(front) + "\n\n" + render()


def generate_case_studies(root: Path, n: int, *, measures: str = "half") -> list[Path]:
    """Write ``n`` synthetic case studies into ``root/case_studies`` (deterministic per ``n``).

    ``measures``: ``"half"`` (those with an even index carry a 36-point measure), ``"all"``
    or ``"none"``. The identifiers come from ``root``'s data/ and docs/tools/.
    """
    if measures not in ("half", "all", "none"):
        raise ValueError(f"measures must be half, all or none, got {measures!r}")
    vocabulary = Vocabulary.from_project(root)
    folder = root / CASE_STUDIES
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    width = max(4, len(str(n)))
    paths = []
    for index in range(n):
        with_measure = measures == "all" or (measures == "half" and index % 2 == 0)
        path = folder / f"bench-{index:0{width}d}.md"
        path.write_text(case_study_text(n, index, rng, vocabulary, with_measure=with_measure), encoding="utf-8")
        paths.append(path)
    return paths


# -- temporary projects -----------------------------------------------------------------------


def snapshot(source: Path, dest: Path) -> Path:
    """Copy the parts of the project a build reads (not the real case studies) once, so
    every size is built from the same files while others edit the working tree.

    The ``learning`` package is copied to ``dest.parent/src`` (outside the projects) and
    byte-compiled there; builds import it from there (see :func:`build_environment`).
    """
    dest.mkdir(parents=True)
    code = dest.parent / CODE
    if (source / CODE).is_dir() and not code.exists():
        shutil.copytree(source / CODE, code, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        compileall.compile_dir(code, quiet=1)
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
        else:
            raise BenchError(f"{src} is missing")
    (dest / CASE_STUDIES).mkdir()
    readme = source / CASE_STUDIES / "README.md"
    if readme.is_file():
        shutil.copy2(readme, dest / CASE_STUDIES / "README.md")
    return dest


def make_project(base: Path, dest: Path, n: int, *, measures: str = "half") -> Path:
    """A copy of the snapshot ``base`` with ``n`` generated case studies."""
    shutil.copytree(base, dest)
    generate_case_studies(dest, n, measures=measures)
    return dest


def without_key(config: str, key: str) -> str:
    """``config`` (YAML text) without the top-level ``key`` and its block."""
    kept, skipping = [], False
    for line in config.splitlines(keepends=True):
        if skipping and (not line.strip() or line[0] in " \t-"):
            continue
        skipping = bool(re.match(rf"{re.escape(key)}\s*:", line))
        if not skipping:
            kept.append(line)
    return "".join(kept)


def make_plain_project(base: Path, ours: Path, dest: Path) -> Path:
    """The plain-Material twin of ``ours``: same pages and case-study Markdown, no hooks."""
    shutil.copytree(base, dest)
    config = (base / "mkdocs.yml").read_text(encoding="utf-8")
    plain = without_key(config, "hooks")
    if plain == config or re.search(r"^hooks\s*:", plain, re.MULTILINE):
        raise BenchError("could not remove the hooks: key from mkdocs.yml for the plain build")
    (dest / "mkdocs.yml").write_text(plain, encoding="utf-8")
    shutil.rmtree(dest / "hooks")
    target = dest / "docs" / "case-studies"
    target.mkdir(parents=True, exist_ok=True)
    for study in (ours / CASE_STUDIES).glob("*.md"):
        if study.name != "README.md":
            shutil.copy2(study, target / study.name)
    return dest


# -- builds ---------------------------------------------------------------------------------


def build_environment(code: Path | None = None) -> dict[str, str]:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    if code is not None:
        # Ahead of the editable install: every build uses the code as it was at the start.
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))
    return environment


def _peak_mb(maxrss: int) -> float:
    # Linux reports kibibytes, macOS bytes.
    return maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run_build(project: Path, *, strict: bool, quiet: bool = True, code: Path | None = None) -> dict:
    """Build ``project`` in a fresh interpreter; wall seconds, peak MB and the output.

    ``code``: a folder to import the ``learning`` package from (the snapshot's src/).
    """
    site = project / "site"
    if site.exists():
        shutil.rmtree(site)
    command = [sys.executable, "-c", _WRAPPER, "build", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    command += ["--strict"] * strict + ["-q"] * quiet
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=build_environment(code), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    match = _MAXRSS.search(result.stderr)
    learning = _LEARNING.search(result.stderr)
    output = _LEARNING.sub("", _MAXRSS.sub("", result.stdout + result.stderr)).strip()
    return {
        "ok": result.returncode == 0 and match is not None,
        "seconds": seconds,
        "peak_mb": _peak_mb(int(match.group(1))) if match else None,
        "peak_mb_upper_bound": _peak_mb(int(match.group(2))) if match else None,
        "learning": learning.group(1) if learning and learning.group(1) != "-" else None,
        "output": output,
    }


def _failed(what: str, run: dict) -> BenchError:
    tail = "\n".join(run["output"].splitlines()[-25:])
    return BenchError(f"{what} failed:\n{tail}")


def _has_chart(site: Path, slug: str) -> bool:
    page = site / "case-studies" / slug / "index.html"
    if not page.is_file():
        raise BenchError(f"{page} was not built")
    return CHART_MARKER in page.read_text(encoding="utf-8")


def check_sites(ours: Path, plain: Path, n: int) -> None:
    """Both builds published every case study; ours drew charts, plain none."""
    for project in (ours, plain):
        pages = sum(1 for _ in (project / "site" / "case-studies").glob("bench-*/index.html"))
        if pages != n:
            raise BenchError(f"{project.name}: {pages} case study pages built, expected {n}")
    if n:
        first = f"bench-{0:0{max(4, len(str(n)))}d}"
        if not _has_chart(ours / "site", first):
            raise BenchError(f"ours: {first} has no chart")
        if _has_chart(plain / "site", first):
            raise BenchError(f"plain: {first} has a chart (the plain build must not run our hooks)")


def summarise(runs: list[dict], n: int) -> dict:
    seconds = statistics.median(r["seconds"] for r in runs)
    return {
        "runs": [
            {"seconds": round(r["seconds"], 3), "peak_mb": round(r["peak_mb"], 1), "peak_mb_upper_bound": round(r["peak_mb_upper_bound"], 1)}
            for r in runs
        ],
        "seconds": round(seconds, 3),
        "ms_per_case_study": round(seconds * 1000 / n, 3) if n else None,
        "peak_mb": round(statistics.median(r["peak_mb"] for r in runs), 1),
        "peak_mb_upper_bound": round(statistics.median(r["peak_mb_upper_bound"] for r in runs), 1),
    }


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


class Bench:
    """One invocation: the temporary snapshot, the plain build's strictness, progress output."""

    def __init__(self, base: Path, repeat: int | None, root: Path = ROOT):
        self.base = base
        self._repeat = repeat
        self.snapshot = snapshot(root, base / "source")
        self.code = base / CODE if (base / CODE).is_dir() else None
        self.plain_strict: bool | None = None
        self.plain_note = ""
        self.plain_warnings: list[str] = []

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def repeat(self, n: int) -> int:
        """Builds of each kind at size ``n``: as asked, else DEFAULT_REPEAT up to
        DEFAULT_REPEAT_UP_TO case studies (the timed budgets; short builds vary most
        on a shared machine) and one above."""
        if self._repeat is not None:
            return self._repeat
        return DEFAULT_REPEAT if n <= DEFAULT_REPEAT_UP_TO else 1

    def timed(self, label: str, project: Path, *, strict: bool) -> dict:
        run = run_build(project, strict=strict, code=self.code)
        if not run["ok"]:
            raise _failed(f"{label} build of {project}", run)
        if label != "plain" and self.code is not None and not (run["learning"] or "").startswith(str(self.code)):
            raise BenchError(f"{label} build imported learning from {run['learning']}, not from the snapshot {self.code}")
        self.log(f"  {label:<14} {run['seconds']:8.2f} s {run['peak_mb']:8.1f} MB")
        return run

    def decide_plain_strictness(self, plain: Path) -> None:
        """Try the plain build strict once (untimed); without our generated pages its nav
        and links point at missing files, so it may have to build non-strict."""
        run = run_build(plain, strict=True, quiet=False, code=self.code)
        self.plain_strict = run["ok"]
        if run["ok"]:
            self.plain_note = "plain build runs with --strict"
            return
        warnings = [line for line in run["output"].splitlines() if line.startswith("WARNING")]
        if not warnings:
            raise _failed("plain build (strict probe)", run)
        self.plain_note = (
            f"plain build runs without --strict: strict stops on {len(warnings)} warning(s) about pages "
            "our hook generates, which the plain build lacks"
        )
        self.plain_warnings = warnings[:10]
        self.log(f"  note: {self.plain_note}")

    def size(self, n: int, keep: bool) -> dict:
        self.log(f"N={n}: generating {n} case studies")
        ours = make_project(self.snapshot, self.base / f"n{n}-ours", n)
        plain = make_plain_project(self.snapshot, ours, self.base / f"n{n}-plain")
        if self.plain_strict is None:
            self.decide_plain_strictness(plain)
        ours_runs, plain_runs = [], []
        for _ in range(self.repeat(n)):
            ours_runs.append(self.timed("ours", ours, strict=True))
            plain_runs.append(self.timed("plain", plain, strict=bool(self.plain_strict)))
        check_sites(ours, plain, n)
        if not keep:
            shutil.rmtree(ours)
            shutil.rmtree(plain)
        ours_s, plain_s = summarise(ours_runs, n), summarise(plain_runs, n)
        return {
            "n": n,
            "ours": ours_s,
            "plain": plain_s,
            "ratio_time": _ratio(ours_s["seconds"], plain_s["seconds"]),
            "ratio_memory": _ratio(ours_s["peak_mb"], plain_s["peak_mb"]),
        }

    def measures(self, n: int, keep: bool) -> dict:
        self.log(f"N={n}: measures check (every case study with a {MEASURE_POINTS}-point measure vs none)")
        with_all = make_project(self.snapshot, self.base / f"n{n}-measures-all", n, measures="all")
        with_none = make_project(self.snapshot, self.base / f"n{n}-measures-none", n, measures="none")
        all_runs, none_runs = [], []
        for _ in range(self.repeat(n)):
            all_runs.append(self.timed("all measures", with_all, strict=True))
            none_runs.append(self.timed("no measures", with_none, strict=True))
        if not keep:
            shutil.rmtree(with_all)
            shutil.rmtree(with_none)
        all_s, none_s = summarise(all_runs, n), summarise(none_runs, n)
        return {
            "n": n,
            "with_measures": all_s,
            "without_measures": none_s,
            "ratio_time": _ratio(all_s["seconds"], none_s["seconds"]),
            "ratio_memory": _ratio(all_s["peak_mb"], none_s["peak_mb"]),
        }


# -- budgets and report ---------------------------------------------------------------------------


def _at(results: list[dict], n: int) -> tuple[dict, str]:
    """The result at size ``n``, or the nearest size run, with a note saying so."""
    exact = next((r for r in results if r["n"] == n), None)
    if exact is not None:
        return exact, ""
    nearest = min(results, key=lambda r: (abs(r["n"] - n), -r["n"]))
    return nearest, f"N={n} not run; checked at N={nearest['n']}"


def _budget(name: str, value: float | None, limit: float, detail: str, note: str = "", **extra) -> dict:
    status = "SKIP" if value is None else ("PASS" if value <= limit else "FAIL")
    return {"name": name, "status": status, "value": value, "limit": limit, "detail": detail, "note": note, **extra}


def budgets(results: list[dict], measures: dict | None) -> list[dict]:
    checks = []
    r, note = _at(results, BUDGET_TIME_N)
    checks.append(_budget(
        f"build time at N={r['n']}: ours / plain", r["ratio_time"], BUDGET_TIME,
        f"ours {r['ours']['seconds']:.2f} s, plain {r['plain']['seconds']:.2f} s: {r['ratio_time']:.2f}x (budget <= {BUDGET_TIME:.2f}x, target {TARGET_TIME:.2f}x)",
        note, target=TARGET_TIME, met_target=r["ratio_time"] is not None and r["ratio_time"] <= TARGET_TIME,
    ))
    if len(results) >= 2:
        large = max(results, key=lambda r: r["n"])
        reference = next((x for x in results if x["n"] == LINEARITY_REFERENCE), None)
        lin_note = "" if large["n"] == BUDGET_LINEAR_LARGE else f"budget is stated at N={BUDGET_LINEAR_LARGE}; largest run is N={large['n']}"
        if reference is None:
            reference = min(results, key=lambda r: r["n"])
            lin_note = "; ".join(filter(None, [lin_note, f"N={LINEARITY_REFERENCE} not run: comparing smallest (N={reference['n']}) with largest"]))
        a, b = large["ours"]["ms_per_case_study"], reference["ours"]["ms_per_case_study"]
        checks.append(_budget(
            f"linear cost: ms per case study at N={large['n']} / at N={reference['n']}", _ratio(a, b), BUDGET_LINEAR,
            f"{a:.1f} ms vs {b:.1f} ms: {a / b:.2f}x (budget <= {BUDGET_LINEAR:.2f}x)", lin_note,
        ))
    else:
        checks.append(_budget("linear cost", None, BUDGET_LINEAR, "needs at least two sizes", "only one size run"))
    r, note = _at(results, BUDGET_MEMORY_N)
    checks.append(_budget(
        f"peak memory at N={r['n']}: ours / plain", r["ratio_memory"], BUDGET_MEMORY,
        f"ours {r['ours']['peak_mb']:.0f} MB, plain {r['plain']['peak_mb']:.0f} MB: {r['ratio_memory']:.2f}x (budget <= {BUDGET_MEMORY:.2f}x)", note,
    ))
    if measures is None:
        checks.append(_budget("measures", None, BUDGET_MEASURES, "not run", "measures check off (N=1000 not among the sizes, or --no-measures-check)"))
    else:
        m = measures
        checks.append(_budget(
            f"measures at N={m['n']}: all with a {MEASURE_POINTS}-point measure / none", m["ratio_time"], BUDGET_MEASURES,
            f"{m['with_measures']['seconds']:.2f} s vs {m['without_measures']['seconds']:.2f} s: {m['ratio_time']:.2f}x (budget <= {BUDGET_MEASURES:.2f}x)",
            "" if m["n"] == BUDGET_MEASURES_N else f"budget is stated at N={BUDGET_MEASURES_N}",
        ))
    return checks


def marginal_costs(results: list[dict], side: str) -> list[dict]:
    """ms per extra case study between consecutive sizes: the slope, without fixed costs."""
    ordered = sorted(results, key=lambda r: r["n"])
    return [
        {"from": a["n"], "to": b["n"], "ms_per_case_study": round((b[side]["seconds"] - a[side]["seconds"]) * 1000 / (b["n"] - a["n"]), 3)}
        for a, b in zip(ordered, ordered[1:])
    ]


def table(results: list[dict]) -> str:
    header = ("N", "ours s", "ms/case study", "peak MB", "plain s", "plain ms/cs", "plain MB", "ratio (time)", "ratio (memory)")
    rows = [header]
    for r in results:
        o, p = r["ours"], r["plain"]
        rows.append((
            str(r["n"]), f"{o['seconds']:.2f}", f"{o['ms_per_case_study']:.1f}", f"{o['peak_mb']:.0f}",
            f"{p['seconds']:.2f}", f"{p['ms_per_case_study']:.1f}", f"{p['peak_mb']:.0f}",
            f"{r['ratio_time']:.2f}x", f"{r['ratio_memory']:.2f}x",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def machine_info(root: Path = ROOT) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def version_of(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    status = git("status", "--porcelain")
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "mkdocs": version_of("mkdocs"),
        "mkdocs_material": version_of("mkdocs-material"),
        "markdown": version_of("markdown"),
        "pymdown_extensions": version_of("pymdown-extensions"),
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": None if status is None else bool(status),
    }


# -- command line -------------------------------------------------------------------------------


def _size(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"N must be at least 1, got {value}")
    return value


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", metavar="N", nargs="*", type=_size, help=f"numbers of case studies (default: {' '.join(map(str, DEFAULT_SIZES))}, plus {LINEARITY_REFERENCE} for the linearity budget)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "bench.json", help="JSON results file (default: bench-results/bench.json)")
    parser.add_argument(
        "--repeat", type=int, default=None,
        help=f"builds of each kind per size, interleaved ours, plain, ours, plain; the median is reported "
        f"(default: {DEFAULT_REPEAT} up to N={DEFAULT_REPEAT_UP_TO}, 1 above)",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="project to benchmark, e.g. an exported older commit (default: this checkout)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites (their folder is printed)")
    parser.add_argument(
        "--measures-check", action=argparse.BooleanOptionalAction, default=None,
        help=f"also build ours with every case study carrying a measure vs none (default: on when {BUDGET_MEASURES_N} is among N)",
    )
    args = parser.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def plan(args: argparse.Namespace) -> tuple[list[int], int | None, list[str]]:
    """The sizes to run, the size of the measures check (or None), and notes about both."""
    notes = []
    sizes = sorted(set(args.sizes or DEFAULT_SIZES))
    if sizes == sorted(DEFAULT_SIZES):
        sizes = sorted({*sizes, LINEARITY_REFERENCE})
        notes.append(f"default sizes: added N={LINEARITY_REFERENCE} so the linearity budget can be checked")
    measures_n = None
    if args.measures_check is not False and (args.measures_check or BUDGET_MEASURES_N in sizes):
        if BUDGET_MEASURES_N in sizes:
            measures_n = BUDGET_MEASURES_N
        else:
            measures_n = max((n for n in sizes if n >= BUDGET_MEASURES_N), default=max(sizes))
            notes.append(f"measures check at N={measures_n} (the budget is stated at N={BUDGET_MEASURES_N})")
    return sizes, measures_n, notes


def main(argv=None) -> int:
    args = parse_args(argv)
    sizes, measures_n, notes = plan(args)
    base = Path(tempfile.mkdtemp(prefix="learning-bench-"))
    started = dt.datetime.now(dt.timezone.utc)
    print(f"Benchmarking N = {', '.join(map(str, sizes))}" + (f"; measures check at N={measures_n}" if measures_n else "") + f"; repeat {args.repeat or f'{DEFAULT_REPEAT} up to N={DEFAULT_REPEAT_UP_TO}, 1 above'}", flush=True)
    try:
        bench = Bench(base, args.repeat, args.root.resolve())
        results = [bench.size(n, args.keep) for n in sizes]
        measures = bench.measures(measures_n, args.keep) if measures_n else None
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"Temporary projects kept in {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)
    notes.append(bench.plain_note)
    checks = budgets(results, measures)
    report = {
        "schema": 1,
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": [Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])],
        "machine": machine_info(args.root.resolve()),
        "settings": {
            "sizes": sizes,
            "root": str(args.root.resolve()),
            "repeat": {str(n): bench.repeat(n) for n in sizes + ([measures_n] if measures_n else [])},
            "statistic": "median of repeats",
            "source_date_epoch": SOURCE_DATE_EPOCH,
            "body_words": BODY_WORDS,
            "measure_points": MEASURE_POINTS,
            "case_studies_with_measure": "even indexes (half)",
            "plain_strict": bench.plain_strict,
            "plain_strict_warnings": bench.plain_warnings,
            "measures_check_n": measures_n,
        },
        "results": results,
        "marginal": {"ours": marginal_costs(results, "ours"), "plain": marginal_costs(results, "plain")},
        "measures": measures,
        "budgets": checks,
        "notes": notes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print()
    print(table(results))
    slopes = report["marginal"]["ours"]
    if slopes:
        plain_slopes = report["marginal"]["plain"]
        print("marginal ms per extra case study (ours / plain): " + ", ".join(
            f"{s['from']}->{s['to']}: {s['ms_per_case_study']:.1f} / {p['ms_per_case_study']:.1f}" for s, p in zip(slopes, plain_slopes)
        ))
    if measures:
        w, wo = measures["with_measures"], measures["without_measures"]
        print(f"measures at N={measures['n']}: all {w['seconds']:.2f} s / {w['peak_mb']:.0f} MB, none {wo['seconds']:.2f} s / {wo['peak_mb']:.0f} MB")
    print()
    for check in checks:
        line = f"{check['status']:<4}  {check['name']}: {check['detail']}"
        print(line + (f"  [{check['note']}]" if check["note"] else ""))
    for note in notes:
        print(f"note: {note}")
    print(f"\nResults written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
