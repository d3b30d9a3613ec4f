"""One build, timed and measured (:func:`run_build`), and what is checked and kept of its
runs: that both sites were built (:func:`check_sites`) and the medians (:func:`summarise`)."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import BenchError
from .wrapper import LEARNING_TAG, MAXRSS_TAG

WRAPPER = Path(__file__).resolve().with_name("wrapper.py")
SOURCE_DATE_EPOCH = "1764115200"  # 2025-11-26, as in the tests: builds are reproducible
CHART_MARKER = 'class="un-chart__svg"'

_MAXRSS = re.compile(rf"^{MAXRSS_TAG} (\d+) (\d+)$", re.MULTILINE)
_LEARNING = re.compile(rf"^{LEARNING_TAG} (.*)$", re.MULTILINE)


def build_environment(code: Path | None = None) -> dict[str, str]:
    """The environment of a build: reproducible dates, no MkDocs 2 notice, and ``code``
    (a folder holding the ``learning`` package), if given, first on PYTHONPATH."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    if code is not None:
        # Ahead of the editable install: every build uses the code as it was at the start.
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))
    return environment


def peak_mb(maxrss: int, platform: str = sys.platform) -> float:
    """Megabytes (MiB) from a ru_maxrss figure: Linux reports kibibytes, macOS bytes."""
    return maxrss / (1024 * 1024 if platform == "darwin" else 1024)


def read_output(stdout: str, stderr: str) -> dict:
    """What the wrapper reported, and the build's own output without those lines.

    ``peak`` and ``bound`` are ru_maxrss figures, None when the wrapper did not report
    (the build crashed first); ``learning`` is the package's file, None if not imported.
    """
    memory = _MAXRSS.search(stderr)
    learning = _LEARNING.search(stderr)
    return {
        "peak": int(memory.group(1)) if memory else None,
        "bound": int(memory.group(2)) if memory else None,
        "learning": learning.group(1) if learning and learning.group(1) != "-" else None,
        "output": _LEARNING.sub("", _MAXRSS.sub("", stdout + stderr)).strip(),
    }


def run_build(project: Path, *, strict: bool, quiet: bool = True, code: Path | None = None, wrapper: Path = WRAPPER) -> dict:
    """Build ``project`` in a fresh interpreter; wall seconds, peak MB and the output.

    ``code``: a folder to import the ``learning`` package from (the snapshot's src/);
    ``wrapper``: the copy of wrapper.py to run.
    """
    site = project / "site"
    if site.exists():
        shutil.rmtree(site)
    command = [sys.executable, str(wrapper), "build", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    command += ["--strict"] * strict + ["-q"] * quiet
    start = time.perf_counter()
    result = subprocess.run(command, check=False, cwd=project, env=build_environment(code), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    report = read_output(result.stdout, result.stderr)
    reported = report["peak"] is not None
    return {
        "ok": result.returncode == 0 and reported,
        "seconds": seconds,
        "peak_mb": peak_mb(report["peak"]) if reported else None,
        "peak_mb_upper_bound": peak_mb(report["bound"]) if reported else None,
        "learning": report["learning"],
        "output": report["output"],
    }


def failed(what: str, run: dict) -> BenchError:
    """The error for a failed build: ``what`` and the last 25 lines of its output."""
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
    """The runs of one kind at size ``n``, rounded, and their medians."""
    seconds = statistics.median(r["seconds"] for r in runs)
    return {
        "runs": [
            {
                "seconds": round(r["seconds"], 3),
                "peak_mb": round(r["peak_mb"], 1),
                "peak_mb_upper_bound": round(r["peak_mb_upper_bound"], 1),
            }
            for r in runs
        ],
        "seconds": round(seconds, 3),
        "ms_per_case_study": round(seconds * 1000 / n, 3) if n else None,
        "peak_mb": round(statistics.median(r["peak_mb"] for r in runs), 1),
        "peak_mb_upper_bound": round(statistics.median(r["peak_mb_upper_bound"] for r in runs), 1),
    }


def ratio(a: float, b: float) -> float | None:
    """``a / b`` to three places, or None when ``b`` is zero."""
    return round(a / b, 3) if b else None
