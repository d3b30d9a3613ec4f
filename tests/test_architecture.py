"""The content logic stays engine-free, so it can feed MkDocs, ProperDocs or another engine."""

from __future__ import annotations

import subprocess
import sys


def test_the_learning_package_never_imports_mkdocs():
    code = (
        "import pkgutil, sys, learning\n"
        "for m in pkgutil.walk_packages(learning.__path__, 'learning.'): __import__(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
