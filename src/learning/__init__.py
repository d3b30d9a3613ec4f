"""Content logic for the United Neighbourhoods learning site.

Everything under this package is plain Python: it reads the YAML data in ``data/``, the
case studies in ``case_studies/`` and the tool guides' front matter, validates them, and
renders generated pages as Markdown. It never imports MkDocs, so the same code can feed
MkDocs (through ``hooks/``), another engine, or the command-line scripts in ``scripts/``.
"""
