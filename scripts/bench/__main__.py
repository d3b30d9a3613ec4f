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
memory it and the worker process it starts held at once (see ``wrapper.py``; the JSON also
has ``peak_mb_upper_bound``, the two processes' peaks added as if they coincided); wall
time is measured around it. With N=1000 among the sizes (or ``--measures-check``), a third
comparison builds ours with every case study carrying a measure against ours with none.
Prints a table and the budget checks (PASS/FAIL), and writes everything, with machine
information, to ``bench-results/bench.json``. It is a benchmark, not a test: it exits 0
when a budget fails, and 1 only when a build itself fails.

    python -m scripts.bench 100 1000 3000 [--repeat 3] [--out FILE] [--keep]

(from the project root). Each timing is the median of 3 builds up to N=1000 (the timed
budgets; this machine is shared and short builds vary by 10% or more) and of 1 build
above; `--repeat` overrides.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

from . import ROOT, BenchError
from .budgets import BUDGET_MEASURES_N, LINEARITY_REFERENCE, budgets
from .corpus import BODY_WORDS, MEASURE_POINTS
from .measure import SOURCE_DATE_EPOCH, WRAPPER, check_sites, failed, ratio, run_build, summarise
from .projects import CODE, make_plain_project, make_project, snapshot
from .reader import CPU_SLOWDOWN, measure_reader
from .report import document, machine_info, summary

PROG = "python -m scripts.bench"
DEFAULT_SIZES = (500, 1000, 2000, 5000)
DEFAULT_REPEAT, DEFAULT_REPEAT_UP_TO = 3, 1000


class Bench:
    """One invocation: the temporary snapshot, the plain build's strictness, progress output."""

    def __init__(self, base: Path, repeat: int | None, root: Path = ROOT, reader: bool = False):
        self.base = base
        self._repeat = repeat
        self.reader = reader
        self.snapshot = snapshot(root, base / "source")
        self.code = base / CODE if (base / CODE).is_dir() else None
        # Copied, like the code: every build runs the wrapper as it was at the start.
        self.wrapper = Path(shutil.copy2(WRAPPER, base / WRAPPER.name))
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

    def build(self, project: Path, *, strict: bool, quiet: bool = True) -> dict:
        return run_build(project, strict=strict, quiet=quiet, code=self.code, wrapper=self.wrapper)

    def timed(self, label: str, project: Path, *, strict: bool) -> dict:
        run = self.build(project, strict=strict)
        if not run["ok"]:
            raise failed(f"{label} build of {project}", run)
        if label != "plain" and self.code is not None and not (run["learning"] or "").startswith(str(self.code)):
            raise BenchError(f"{label} build imported learning from {run['learning']}, not from the snapshot {self.code}")
        self.log(f"  {label:<14} {run['seconds']:8.2f} s {run['peak_mb']:8.1f} MB")
        return run

    def decide_plain_strictness(self, plain: Path) -> None:
        """Try the plain build strict once (untimed); without our generated pages its nav
        and links point at missing files, so it may have to build non-strict."""
        run = self.build(plain, strict=True, quiet=False)
        self.plain_strict = run["ok"]
        if run["ok"]:
            self.plain_note = "plain build runs with --strict"
            return
        warnings = [line for line in run["output"].splitlines() if line.startswith("WARNING")]
        if not warnings:
            raise failed("plain build (strict probe)", run)
        self.plain_note = (
            f"plain build runs without --strict: strict stops on {len(warnings)} warning(s) about pages "
            "our hook generates, which the plain build lacks"
        )
        self.plain_warnings = warnings[:10]
        self.log(f"  note: {self.plain_note}")

    def size(self, n: int, keep: bool) -> dict:
        """Ours and plain at ``n`` case studies, built in turn ``repeat(n)`` times each."""
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
        if self.reader:
            self.log(f"N={n}: reader-side figures (Chromium, CPU {CPU_SLOWDOWN}x slower)")
            reader = measure_reader(ours / "site")
        if not keep:
            shutil.rmtree(ours)
            shutil.rmtree(plain)
        ours_s, plain_s = summarise(ours_runs, n), summarise(plain_runs, n)
        return {
            "n": n,
            "ours": ours_s,
            "plain": plain_s,
            "ratio_time": ratio(ours_s["seconds"], plain_s["seconds"]),
            "ratio_memory": ratio(ours_s["peak_mb"], plain_s["peak_mb"]),
            **({"reader": reader} if self.reader else {}),
        }

    def measures(self, n: int, keep: bool) -> dict:
        """Ours at ``n`` with every case study carrying a measure and with none, in turn."""
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
            "ratio_time": ratio(all_s["seconds"], none_s["seconds"]),
            "ratio_memory": ratio(all_s["peak_mb"], none_s["peak_mb"]),
        }


def _size(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"N must be at least 1, got {value}")
    return value


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=PROG, description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "sizes",
        metavar="N",
        nargs="*",
        type=_size,
        help=f"numbers of case studies (default: {' '.join(map(str, DEFAULT_SIZES))}, plus {LINEARITY_REFERENCE} for the linearity budget)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "bench-results" / "bench.json",
        help="JSON results file (default: bench-results/bench.json)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help=f"builds of each kind per size, interleaved ours, plain, ours, plain; the median is reported "
        f"(default: {DEFAULT_REPEAT} up to N={DEFAULT_REPEAT_UP_TO}, 1 above)",
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="project to benchmark, e.g. an exported older commit (default: this checkout)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites (their folder is printed)")
    parser.add_argument(
        "--measures-check",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"also build ours with every case study carrying a measure vs none (default: on when {BUDGET_MEASURES_N} is among N)",
    )
    parser.add_argument(
        "--reader",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=f"measure the reader-side figures of each size's site in Chromium, CPU {CPU_SLOWDOWN}x slower (default: on)",
    )
    args = parser.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def plan(args: argparse.Namespace) -> tuple[list[int], int | None, list[str]]:
    """The sizes to run, the size of the measures check (or None), and notes about both."""
    notes = []
    sizes = sorted(set(args.sizes or DEFAULT_SIZES))
    if sizes == sorted(DEFAULT_SIZES) and LINEARITY_REFERENCE not in sizes:
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
    """Run the benchmark; 0 when every build succeeded (whatever the budgets say), else 1."""
    args = parse_args(argv)
    sizes, measures_n, notes = plan(args)
    base = Path(tempfile.mkdtemp(prefix="learning-bench-"))
    started = dt.datetime.now(dt.UTC)
    print(
        f"Benchmarking N = {', '.join(map(str, sizes))}"
        + (f"; measures check at N={measures_n}" if measures_n else "")
        + f"; repeat {args.repeat or f'{DEFAULT_REPEAT} up to N={DEFAULT_REPEAT_UP_TO}, 1 above'}",
        flush=True,
    )
    try:
        bench = Bench(base, args.repeat, args.root.resolve(), reader=args.reader)
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
    report = document(
        started=started.isoformat(timespec="seconds"),
        finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        command=[PROG, *(argv if argv is not None else sys.argv[1:])],
        machine=machine_info(args.root.resolve()),
        settings={
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
        results=results,
        measures=measures,
        checks=budgets(results, measures),
        notes=notes,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(summary(report))
    print(f"\nResults written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
