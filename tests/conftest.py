"""Shared fixtures: the project root, one strict build of the real site per test session,
and that build served on 127.0.0.1 for browser tests."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def build_project(project: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict ``mkdocs build`` of ``project`` into ``site_dir`` in a subprocess."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
            *extra,
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=project,
    )


PROJECT_PARTS = ("docs", "data", "case_studies", "hooks", "overrides", "mkdocs.yml")


def copy_project(target: Path) -> Path:
    """A copy of the site's sources (not the code, which is installed) at ``target``."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def serve_directory(directory: Path):
    """Start serving ``directory`` on 127.0.0.1; returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict; the build's log is checked by a test."""
    site = tmp_path_factory.mktemp("site")
    # Served from the root of 127.0.0.1 in tests, so absolute links (the 404 page's) must be too.
    result = build_project(ROOT, site, env={"SOURCE_DATE_EPOCH": "1764115200", "SITE_URL": "http://127.0.0.1/"})
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    (site / ".build-log").write_text(result.stdout + result.stderr)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """Serve the built site on 127.0.0.1 (a free port); yields the base URL."""
    url, server = serve_directory(built_site)
    yield url
    server.shutdown()
    server.server_close()


def search_pages(site: Path) -> list[list[str]]:
    """Every page the site's search index holds: [address, title, opening words], in order."""
    import json

    files = sorted((site / "search" / "pages").glob("*.json"), key=lambda path: int(path.stem))
    return [entry for path in files for entry in json.loads(path.read_text(encoding="utf-8"))]
