"""Files that are not pages: Atom feeds, iCalendar files, open data and the JSON Schema.

Takes :class:`~learning.model.Content`; gives each file's text or bytes keyed by its path
in the built site, with :func:`~learning.files.site_files.render_site_files` as the entry
point. Imports little, so the build's second process that makes them stays small.
"""
