"""Create a new case study from the template: ``make case-study`` or
``python scripts/new_case_study.py --title "..." --neighbourhood aspen --author "Aspen INT"``.

Asks for anything not given as a flag (when run interactively). Never overwrites a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from learning.content.scaffold import ScaffoldError, new_case_study

ROOT = Path(__file__).resolve().parent.parent


def ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        return ""
    return input(prompt).strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Start a new case study in case_studies/.")
    parser.add_argument("--title", help="what changed, for whom")
    parser.add_argument(
        "--neighbourhood", action="append", default=[], help="neighbourhood file name, e.g. forest-of-dean (repeat for more)"
    )
    parser.add_argument("--author", action="append", default=[], help="author or team (repeat for more)")
    parser.add_argument("--slug", help="file name to use instead of one made from the title")
    args = parser.parse_args(argv)
    title = args.title or ask("Title (what changed, for whom): ")
    neighbourhoods = args.neighbourhood or ask("Neighbourhood(s), comma-separated (e.g. forest-of-dean): ").replace(
        " ", ""
    ).split(",")
    authors = args.author or ask("Author(s) or team, comma-separated: ").split(",")
    try:
        path = new_case_study(
            ROOT,
            title=title or "",
            neighbourhoods=[n for n in neighbourhoods if n],
            authors=authors,
            today=dt.date.today(),
            slug=args.slug,
        )
    except ScaffoldError as error:
        print(f"Could not create the case study: {error}", file=sys.stderr)
        return 1
    print(f"Created {path.relative_to(ROOT)}. It is a draft: fill in each section, set `consent: true` and")
    print("`status: published` once everyone named has agreed, then run `make check` and `make serve`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
