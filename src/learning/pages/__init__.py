"""Pages: one module per generated page, each content in, Markdown out.

Takes :class:`~learning.content.catalogue.Catalogue` and the build date; gives each page's
Markdown (with front matter) and its HTML fragments. :mod:`.urls` makes every address;
templates in ``templates/`` only loop and print.
"""
