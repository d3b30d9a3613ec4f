"""The package's layout is its build order, and a test keeps it so.

``src/learning/`` has one subpackage per stage of the build. A stage may import the base
modules and earlier stages, never a later one; only the build stage starts processes;
nothing imports MkDocs, so the same code can feed MkDocs, ProperDocs or another engine.
The checker reads imports from the source (it runs nothing), and is itself tested on a
small tree with forbidden imports, so a rule that stopped working would be noticed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "learning"

# Modules every stage may use, then the stages in build order.
BASE = ("model", "problems", "text", "templating")
STAGES = ("source", "measures", "content", "graphics", "pages", "files", "build")
ENGINES = ("mkdocs", "material", "properdocs", "zensical")
PROCESS_MODULES = ("multiprocessing", "concurrent", "subprocess", "threading")


def imports_of(file: Path, package_root: Path, package: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``file``, relative ones resolved."""
    module = ".".join((package, *file.relative_to(package_root).with_suffix("").parts))
    if file.name == "__init__.py":
        module = module.removesuffix(".__init__") + ".__init__"
    found = []
    for node in ast.walk(ast.parse(file.read_text(), str(file))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: -node.level]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if not node.module or name == package:
                # `from . import x` and `from learning import x` import submodules by name.
                found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, name))
    return found


def stage_of(module: str, package: str) -> str | None:
    """The stage (or ``"base"``) a module of ``package`` belongs to; None outside it."""
    parts = module.split(".")
    if parts[0] != package or len(parts) < 2:
        return None
    return parts[1] if parts[1] in STAGES else "base" if parts[1] in BASE else parts[1]


def layering_problems(package_root: Path, package: str = "learning") -> list[str]:
    """Every import in ``package_root`` that breaks the stage rules, as ``file:line: why``."""
    rank = {"base": -1, **{stage: i for i, stage in enumerate(STAGES)}}
    problems = []
    for file in sorted(package_root.rglob("*.py")):
        where = file.relative_to(package_root).parts
        own = "base" if len(where) == 1 else where[0]
        if own not in rank:
            problems.append(f"{file.relative_to(package_root)}:1: is in no stage; put it in one of {', '.join(STAGES)}")
            continue
        for line, name in imports_of(file, package_root, package):
            top = name.split(".")[0]
            at = f"{file.relative_to(package_root)}:{line}"
            if top in ENGINES:
                problems.append(f"{at}: imports {name}; the package must not depend on a site engine")
            if top in PROCESS_MODULES and own != "build":
                problems.append(f"{at}: imports {name}; only the build stage starts processes or threads")
            other = stage_of(name, package)
            if other is None or other == own:
                continue
            if other not in rank:
                problems.append(f"{at}: imports {name}, which is in no stage")
            elif rank[other] > rank[own]:
                problems.append(f"{at}: {own} imports {name} from the later stage {other}")
    return problems


def test_every_stage_imports_only_base_modules_and_earlier_stages():
    assert layering_problems(PACKAGE) == []


def test_every_stage_is_a_package_with_a_docstring_saying_what_it_takes_and_gives():
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text())) or ""
        assert "Takes" in doc and "give" in doc, f"{init} should say what the stage takes and gives"


@pytest.mark.parametrize(
    ("file", "source", "expected"),
    [
        (
            "content/x.py",
            "from ..pages import library\n",
            "content/x.py:1: content imports learning.pages from the later stage pages",
        ),
        (
            "source/x.py",
            "from learning.build.site import build_site\n",
            "source/x.py:1: source imports learning.build.site from the later stage build",
        ),
        (
            "measures/x.py",
            "from ..content.catalogue import Catalogue\n",
            "measures/x.py:1: measures imports learning.content.catalogue from the later stage content",
        ),
        ("text.py", "from .graphics import svg\n", "text.py:1: base imports learning.graphics from the later stage graphics"),
        ("pages/x.py", "from learning import build\n", "pages/x.py:1: pages imports learning.build from the later stage build"),
        (
            "graphics/x.py",
            "def f():\n    from mkdocs.structure.files import File\n",
            "graphics/x.py:2: imports mkdocs.structure.files; the package must not depend on a site engine",
        ),
        (
            "files/x.py",
            "import multiprocessing\n",
            "files/x.py:1: imports multiprocessing; only the build stage starts processes or threads",
        ),
        (
            "content/x.py",
            "from concurrent.futures import ProcessPoolExecutor\n",
            "content/x.py:1: imports concurrent.futures; only the build stage starts processes or threads",
        ),
        (
            "extras/x.py",
            "x = 1\n",
            "extras/x.py:1: is in no stage; put it in one of source, measures, content, graphics, pages, files, build",
        ),
    ],
)
def test_the_checker_reports_a_forbidden_import(tmp_path, file, source, expected):
    target = tmp_path / file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source)
    assert layering_problems(tmp_path) == [expected]


def test_the_checker_allows_earlier_stages_and_the_build_stages_processes(tmp_path):
    for file, source in {
        "pages/x.py": "from ..content.catalogue import Catalogue\nfrom ..text import long_date\nfrom .urls import page_url\n",
        "build/x.py": "import multiprocessing\nfrom ..files import site_files\n",
        "source/x.py": "from ..problems import Problem\nimport yaml\n",
    }.items():
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file).write_text(source)
    assert layering_problems(tmp_path) == []


def test_importing_every_module_loads_no_site_engine():
    code = (
        "import pkgutil, sys, learning\n"
        "for m in pkgutil.walk_packages(learning.__path__, 'learning.'): __import__(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_tests_mirror_the_stages():
    folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    assert set(STAGES) <= folders
