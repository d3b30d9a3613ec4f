"""The temporary projects the benchmark builds: one snapshot of the project, and per size a
copy with generated case studies ("ours") and its plain-Material twin ("plain")."""

from __future__ import annotations

import compileall
import re
import shutil
from pathlib import Path

from . import BenchError
from .corpus import CASE_STUDIES, generate_case_studies

PROJECT_PARTS = ("docs", "data", "hooks", "overrides", "mkdocs.yml")
# The real reports name the real case studies, which the benchmark leaves out; each project
# gets one report of its first three generated case studies instead (a page and a PDF).
REPORTS = "data/reports"
CODE = "src"  # the learning package: snapshotted too, and imported from the snapshot


def snapshot(source: Path, dest: Path) -> Path:
    """Copy the parts of the project a build reads (not the real case studies) once, so
    every size is built from the same files while others edit the working tree.

    The ``learning`` package is copied to ``dest.parent/src`` (outside the projects) and
    byte-compiled there; builds import it from there (see
    :func:`scripts.bench.measure.build_environment`).
    """
    dest.mkdir(parents=True)
    code = dest.parent / CODE
    if (source / CODE).is_dir() and not code.exists():
        shutil.copytree(source / CODE, code, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        compileall.compile_dir(code, quiet=1)
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "reports"))
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
    studies = generate_case_studies(dest, n, measures=measures)
    if studies:
        (dest / REPORTS).mkdir(parents=True, exist_ok=True)
        (dest / REPORTS / "bench.yml").write_text(
            "title: Benchmark report\n"
            "period: {from: 2000-01-01, to: 2100-12-31}\n"
            f"case_studies: [{', '.join(p.stem for p in studies[:3])}]\n"
            "authors: [Benchmark]\n"
            "introduction: The first three generated case studies.\n",
            encoding="utf-8",
        )
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
