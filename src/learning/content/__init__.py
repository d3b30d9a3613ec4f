"""Content: every file the site is generated from, loaded, validated and cross-checked.

Takes the project folder; gives one :class:`~learning.model.Content` (case studies,
neighbourhoods, timeline events, coaches, glossary, tool guides, fixed lists) and the
problems found, with :func:`load_content` as the entry point, plus a
:class:`~learning.content.catalogue.Catalogue` of lookups over it. Renders nothing.
"""
