"""Stop with one clear line when the Python running `make` is too old for this site.

Written to run on any Python 3 (no f-strings beyond 3.6 features), because its whole job is
to explain an old interpreter instead of failing with a traceback.
"""

import sys

REQUIRED = (3, 11)

if sys.version_info < REQUIRED:
    found = ".".join(str(part) for part in sys.version_info[:3])
    sys.stderr.write(
        "This site needs Python %d.%d or newer, but '%s' is Python %s. "  # noqa: UP031 - must run on the old Pythons it turns away
        "Install a newer Python, or run: make PYTHON=/path/to/python3.11 ...\n"
        % (REQUIRED[0], REQUIRED[1], sys.executable, found)
    )
    sys.exit(1)
