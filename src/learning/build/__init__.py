"""The build: loads content, makes every page and file, and shares the work between processes.

Takes the project folder and the build's settings; gives a :class:`SiteBuild` (pages,
files, fragments and problems) that an engine adapter such as the MkDocs hook publishes.
The only stage that knows about processes (:mod:`.worker`). Takes a finished page, too,
and gives it back with its Content-Security-Policy (:mod:`.policy`).
"""
