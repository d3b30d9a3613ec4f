"""Graphics: SVG charts of measures and the timeline swimlane, as accessible HTML.

Takes validated measures and their analyses, or neighbourhoods and events; gives HTML
blocks with inline SVG, a text alternative and a data table. Every string is escaped by the
templates in ``templates/``.
"""
