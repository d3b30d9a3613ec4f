"""The results: the JSON document (:func:`document`, with :func:`machine_info`) and the text
printed at the end of a run (:func:`summary`, around :func:`table`)."""

from __future__ import annotations

import itertools
import os
import platform
import subprocess
from pathlib import Path

from . import ROOT

SCHEMA = 1


def marginal_costs(results: list[dict], side: str) -> list[dict]:
    """ms per extra case study between consecutive sizes: the slope, without fixed costs."""
    ordered = sorted(results, key=lambda r: r["n"])
    return [
        {
            "from": a["n"],
            "to": b["n"],
            "ms_per_case_study": round((b[side]["seconds"] - a[side]["seconds"]) * 1000 / (b["n"] - a["n"]), 3),
        }
        for a, b in itertools.pairwise(ordered)
    ]


def table(results: list[dict]) -> str:
    """One row per size: ours and plain, seconds, ms per case study and MB, and the ratios;
    columns right-aligned, a rule under the header."""
    header = ("N", "ours s", "ms/case study", "peak MB", "plain s", "plain ms/cs", "plain MB", "ratio (time)", "ratio (memory)")
    rows = [header]
    for r in results:
        o, p = r["ours"], r["plain"]
        rows.append(
            (
                str(r["n"]),
                f"{o['seconds']:.2f}",
                f"{o['ms_per_case_study']:.1f}",
                f"{o['peak_mb']:.0f}",
                f"{p['seconds']:.2f}",
                f"{p['ms_per_case_study']:.1f}",
                f"{p['peak_mb']:.0f}",
                f"{r['ratio_time']:.2f}x",
                f"{r['ratio_memory']:.2f}x",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def reader_table(results: list[dict]) -> str:
    """One row per size with reader figures: the library's HTML and DOM, the search
    downloads, and the times with the CPU slowed (empty when no size has them)."""
    header = (
        "N",
        "library KB",
        "gzip KB",
        "DOM",
        "search/page B",
        "search/query KB",
        "index gz MB",
        "1st result ms",
        "next ms",
        "filter ms",
        "1st filter ms",
    )
    rows = [header]
    for r in results:
        f = r.get("reader")
        if not f:
            continue
        rows.append(
            (
                str(r["n"]),
                f"{f['library_html_bytes'] / 1024:.0f}",
                f"{f['library_html_gzip_bytes'] / 1024:.1f}",
                str(f["library_dom_elements"]),
                str(f["search_download_per_page_bytes"]),
                f"{f['search_download_per_query_bytes'] / 1e3:.0f}",
                f"{f['search_index_gzip_bytes'] / 1e6:.1f}",
                f"{f['search_first_result_ms']:.0f}",
                f"{f['search_next_query_ms']:.0f}",
                f"{f['filter_ms']:.0f}",
                f"{f['filter_first_ms']:.0f}",
            )
        )
    if len(rows) == 1:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def machine_info(root: Path = ROOT) -> dict:
    """The platform, Python and package versions, and ``root``'s git commit and whether its
    working tree has changes (None where unknown)."""
    from importlib.metadata import PackageNotFoundError, version

    def version_of(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", *args], check=False, cwd=root, capture_output=True, text=True, timeout=30)
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


def document(
    *,
    started: str,
    finished: str,
    command: list[str],
    machine: dict,
    settings: dict,
    results: list[dict],
    measures: dict | None,
    checks: list[dict],
    notes: list[str],
) -> dict:
    """The JSON results of one run (bench-results/bench.json), fields in this order."""
    return {
        "schema": SCHEMA,
        "started": started,
        "finished": finished,
        "command": command,
        "machine": machine,
        "settings": settings,
        "results": results,
        "marginal": {"ours": marginal_costs(results, "ours"), "plain": marginal_costs(results, "plain")},
        "measures": measures,
        "budgets": checks,
        "notes": notes,
    }


def summary(report: dict) -> str:
    """The text printed after a run: a blank line, the table, the marginal costs (with two
    sizes or more), the measures comparison (if run), a blank line, one line per budget
    check and one per note."""
    lines = ["", table(report["results"])]
    slopes, plain_slopes = report["marginal"]["ours"], report["marginal"]["plain"]
    if slopes:
        lines.append(
            "marginal ms per extra case study (ours / plain): "
            + ", ".join(
                f"{s['from']}->{s['to']}: {s['ms_per_case_study']:.1f} / {p['ms_per_case_study']:.1f}"
                for s, p in zip(slopes, plain_slopes, strict=True)
            )
        )
    measures = report["measures"]
    if measures:
        w, wo = measures["with_measures"], measures["without_measures"]
        lines.append(
            f"measures at N={measures['n']}: all {w['seconds']:.2f} s / {w['peak_mb']:.0f} MB, none {wo['seconds']:.2f} s / {wo['peak_mb']:.0f} MB"
        )
    readers = reader_table(report["results"])
    if readers:
        lines += ["", "reader side (Chromium, CPU 4x slower; search/query = the first query's download):", readers]
    lines.append("")
    for check in report["budgets"]:
        line = f"{check['status']:<4}  {check['name']}: {check['detail']}"
        lines.append(line + (f"  [{check['note']}]" if check["note"] else ""))
    lines.extend(f"note: {note}" for note in report["notes"])
    return "\n".join(lines)
