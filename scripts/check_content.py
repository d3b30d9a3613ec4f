"""Validate all site content without building the site: ``make check``.

Prints every problem as ``path:line: field: message`` and exits 1 if there are any; notices
(a case study waiting for its date, a page due for review) are printed too but never fail.
Under GitHub Actions (``GITHUB_ACTIONS=true``) it also prints ``::error`` workflow commands,
so each problem appears inline on the pull request.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from learning.build.site import build_date, build_site

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Validate the site's content without building it.")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this repository)")
    root = parser.parse_args(argv).root
    started = time.perf_counter()
    site = build_site(root, today=build_date(), include_drafts=True)
    for problem in site.problems:
        print(problem)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(problem.github_annotation())
    for notice in site.notices:
        print(f"notice: {notice}")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(notice.github_annotation().replace("::error ", "::notice ", 1))
    content = site.content
    elapsed = time.perf_counter() - started
    if site.problems:
        count = len(site.problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found. Fix them and run `make check` again.", file=sys.stderr)
        return 1
    print(
        f"Content OK: {len(content.case_studies)} case studies, {len(content.neighbourhoods)} neighbourhoods, "
        f"{len(content.tools)} tool guides, {len(content.glossary)} glossary terms ({elapsed:.2f} s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
