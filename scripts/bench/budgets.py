"""The budget checks: ratios measured on the same machine in the same run.

Each check is a dict ``name, status, value, limit, detail, note`` (the time check also has
``target`` and ``met_target``); ``status`` is PASS (``value <= limit``), FAIL, or SKIP when
there is no value.
"""

from __future__ import annotations

from .corpus import MEASURE_POINTS
from .measure import ratio

BUDGET_TIME_N, BUDGET_TIME, TARGET_TIME = 1000, 1.20, 1.10
BUDGET_LINEAR_LARGE, BUDGET_LINEAR = 5000, 1.15
BUDGET_MEMORY_N, BUDGET_MEMORY = 5000, 2.0
BUDGET_MEASURES_N, BUDGET_MEASURES = 1000, 1.15
LINEARITY_REFERENCE = 500
# Reader-side budgets, each checked at every size with reader figures (CPU slowed 4x).
BUDGET_LIBRARY_GZIP_KB = 150
BUDGET_FIRST_RESULT_MS = 1500
BUDGET_FILTER_MS = 100


def at(results: list[dict], n: int) -> tuple[dict, str]:
    """The result at size ``n``, or the nearest size run (the larger on a tie), with a note
    saying so."""
    exact = next((r for r in results if r["n"] == n), None)
    if exact is not None:
        return exact, ""
    nearest = min(results, key=lambda r: (abs(r["n"] - n), -r["n"]))
    return nearest, f"N={n} not run; checked at N={nearest['n']}"


def check(name: str, value: float | None, limit: float, detail: str, note: str = "", **extra) -> dict:
    """One budget check (see the module's docstring)."""
    status = "SKIP" if value is None else ("PASS" if value <= limit else "FAIL")
    return {"name": name, "status": status, "value": value, "limit": limit, "detail": detail, "note": note, **extra}


def reader_budgets(results: list[dict]) -> list[dict]:
    """For each size with reader figures: the library's gzipped HTML, no file of the search index
    on a page that is not searched, the first search result, a filter change (the median of
    later changes; the first, which fetches the data, is reported beside it), and no failed
    request or console error."""
    checks = []
    for r in results:
        f = r.get("reader")
        if not f:
            continue
        n = r["n"]
        kb = f["library_html_gzip_bytes"] / 1024
        checks.append(
            check(
                f"library HTML at N={n}, gzipped",
                round(kb, 1),
                BUDGET_LIBRARY_GZIP_KB,
                f"{kb:.1f} KB gzipped ({f['library_html_bytes'] / 1024:.0f} KB raw, {f['library_dom_elements']} DOM elements; budget <= {BUDGET_LIBRARY_GZIP_KB} KB)",
            )
        )
        checks.append(
            check(
                f"search index downloaded by a page not searched, N={n}",
                int(f["search_index_fetched_without_searching"]),
                0,
                f"{f['search_download_per_page_bytes']} bytes from search/ per page; {f['search_download_per_query_bytes'] / 1e3:.0f} KB on the first query, of an index of {f['search_index_bytes'] / 1e6:.1f} MB ({f['search_index_gzip_bytes'] / 1e6:.1f} MB gzipped) in {f['search_index_files']} files",
            )
        )
        checks.append(
            check(
                f"first search result at N={n}, CPU 4x slower",
                f["search_first_result_ms"],
                BUDGET_FIRST_RESULT_MS,
                f"{f['search_first_result_ms']:.0f} ms from the first key (next query {f['search_next_query_ms']:.0f} ms; budget <= {BUDGET_FIRST_RESULT_MS} ms)",
            )
        )
        checks.append(
            check(
                f"filter change at N={n}, CPU 4x slower",
                f["filter_ms"],
                BUDGET_FILTER_MS,
                f"median {f['filter_ms']:.0f} ms, slowest {f['filter_max_ms']:.0f} ms; the first, fetching the data, {f['filter_first_ms']:.0f} ms (budget <= {BUDGET_FILTER_MS} ms)",
            )
        )
        missed = [q["query"] for q in f["relevance"] if not q["found"]]
        checks.append(
            check(
                f"relevance queries at N={n}",
                len(missed),
                0,
                f"{len(f['relevance']) - len(missed)} of {len(f['relevance'])} find what they should in their first ten results"
                + (f"; missed: {', '.join(missed)}" if missed else ""),
            )
        )
        problems = f["failed_requests_and_console_errors"]
        checks.append(
            check(
                f"failed requests and console errors at N={n}",
                len(problems),
                0,
                "; ".join(problems[:3]) or "none",
            )
        )
    return checks


def budgets(results: list[dict], measures: dict | None) -> list[dict]:
    """The four build checks, in order: build time, linear cost, peak memory, measures;
    then the reader-side checks (:func:`reader_budgets`).

    ``results``: one entry per size run (at least one); ``measures``: the measures
    comparison, or None when it was not run.
    """
    checks = []
    r, note = at(results, BUDGET_TIME_N)
    checks.append(
        check(
            f"build time at N={r['n']}: ours / plain",
            r["ratio_time"],
            BUDGET_TIME,
            f"ours {r['ours']['seconds']:.2f} s, plain {r['plain']['seconds']:.2f} s: {r['ratio_time']:.2f}x (budget <= {BUDGET_TIME:.2f}x, target {TARGET_TIME:.2f}x)",
            note,
            target=TARGET_TIME,
            met_target=r["ratio_time"] is not None and r["ratio_time"] <= TARGET_TIME,
        )
    )
    if len(results) >= 2:
        large = max(results, key=lambda r: r["n"])
        reference = next((x for x in results if x["n"] == LINEARITY_REFERENCE), None)
        lin_note = (
            ""
            if large["n"] == BUDGET_LINEAR_LARGE
            else f"budget is stated at N={BUDGET_LINEAR_LARGE}; largest run is N={large['n']}"
        )
        if reference is None:
            reference = min(results, key=lambda r: r["n"])
            lin_note = "; ".join(
                filter(None, [lin_note, f"N={LINEARITY_REFERENCE} not run: comparing smallest (N={reference['n']}) with largest"])
            )
        a, b = large["ours"]["ms_per_case_study"], reference["ours"]["ms_per_case_study"]
        checks.append(
            check(
                f"linear cost: ms per case study at N={large['n']} / at N={reference['n']}",
                ratio(a, b),
                BUDGET_LINEAR,
                f"{a:.1f} ms vs {b:.1f} ms: {a / b:.2f}x (budget <= {BUDGET_LINEAR:.2f}x)",
                lin_note,
            )
        )
    else:
        checks.append(check("linear cost", None, BUDGET_LINEAR, "needs at least two sizes", "only one size run"))
    r, note = at(results, BUDGET_MEMORY_N)
    checks.append(
        check(
            f"peak memory at N={r['n']}: ours / plain",
            r["ratio_memory"],
            BUDGET_MEMORY,
            f"ours {r['ours']['peak_mb']:.0f} MB, plain {r['plain']['peak_mb']:.0f} MB: {r['ratio_memory']:.2f}x (budget <= {BUDGET_MEMORY:.2f}x)",
            note,
        )
    )
    if measures is None:
        checks.append(
            check(
                "measures",
                None,
                BUDGET_MEASURES,
                "not run",
                "measures check off (N=1000 not among the sizes, or --no-measures-check)",
            )
        )
    else:
        m = measures
        checks.append(
            check(
                f"measures at N={m['n']}: all with a {MEASURE_POINTS}-point measure / none",
                m["ratio_time"],
                BUDGET_MEASURES,
                f"{m['with_measures']['seconds']:.2f} s vs {m['without_measures']['seconds']:.2f} s: {m['ratio_time']:.2f}x (budget <= {BUDGET_MEASURES:.2f}x)",
                "" if m["n"] == BUDGET_MEASURES_N else f"budget is stated at N={BUDGET_MEASURES_N}",
            )
        )
    return checks + reader_budgets(results)
