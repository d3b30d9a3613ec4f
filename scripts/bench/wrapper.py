"""Run mkdocs' own command line in this process, then report how much memory the build held.

Each benchmark build runs ``python wrapper.py build ...`` (the arguments of ``mkdocs``).
It exits with mkdocs' exit code and ends its stderr with two lines (see :func:`report_lines`)::

    BENCH-MAXRSS <peak> <upper bound>
    BENCH-LEARNING <file of the learning package the build imported, or ->

both figures in ru_maxrss units (kibibytes on Linux, bytes on macOS).

The build may use a second process (the background worker), so the peak is the most memory
the build held at once: this process's own peak (ru_maxrss, exact), or the largest sum of
this process's and its children's resident memory sampled every 0.1 s while they ran,
whichever is larger. The upper bound is this process's peak plus the worker's peak. A
child's ru_maxrss is no use here: Linux carries the parent's size at fork into it, so the
worker's own high-water mark (VmHWM) is read from /proc. Without /proc (macOS), the
children's ru_maxrss is added to both, which overstates.

This file runs on its own (standard library and mkdocs only), not as part of the bench
package. Importing it does nothing: the worker is started with multiprocessing's "spawn",
which runs the main script again in the worker (as ``__mp_main__``), so the work, and the
import of mkdocs, happen only when it runs as ``__main__``.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from pathlib import Path

MAXRSS_TAG = "BENCH-MAXRSS"
LEARNING_TAG = "BENCH-LEARNING"
INTERVAL = 0.1


def status_field(text: str, field: str) -> int:
    """The number after ``field`` (such as ``"VmRSS:"``) in the text of a /proc/<pid>/status
    file, or 0 when the field is absent."""
    for line in text.splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def parent_pid(stat: str) -> str:
    """The parent's process id in the text of a /proc/<pid>/stat file.

    The second field, the command name in brackets, may itself hold spaces and ``)``, so
    the fields are counted from its last ``)``."""
    return stat.rsplit(")", 1)[1].split()[1]


class Sampler:
    """The resident memory of this process and its children, sampled from /proc.

    ``together`` is the largest sum seen in one sample; ``child_peaks`` maps each child's
    process id to its high-water mark (VmHWM) when last seen."""

    def __init__(self, proc: Path = Path("/proc")):
        self.proc = proc
        self.together = 0
        self.child_peaks: dict[str, int] = {}

    def sample(self) -> None:
        me = str(os.getpid())
        total = status_field((self.proc / "self" / "status").read_text(), "VmRSS:")
        for stat in self.proc.glob("[0-9]*/stat"):
            try:
                if parent_pid(stat.read_text()) != me:
                    continue
                child = (stat.parent / "status").read_text()
                self.child_peaks[stat.parent.name] = status_field(child, "VmHWM:")
                total += status_field(child, "VmRSS:")
            except (OSError, IndexError, ValueError):
                # A child may end between listing /proc and reading its files.
                pass
        self.together = max(self.together, total)

    def watch(self) -> None:
        """Sample every :data:`INTERVAL` seconds, for ever (run it in a daemon thread)."""
        while True:
            self.sample()
            time.sleep(INTERVAL)


def exit_code(code: object) -> int:
    """The exit status for ``SystemExit(code)``: an int as given, None as 0, anything else
    (a message) as 1."""
    return code if isinstance(code, int) else (0 if code is None else 1)


def report_lines(peak: int, bound: int, learning: str | None) -> str:
    """The text this program ends its stderr with (``learning``: the package's file)."""
    return f"\n{MAXRSS_TAG} {peak:d} {bound:d}\n{LEARNING_TAG} {learning or '-'}\n"


def _import_from_the_current_folder() -> None:
    # Python puts a script's folder first on the import path. `python -m mkdocs build`, as
    # `make build` runs, has the current folder (the project) there instead, and so, as
    # `python -c` would, does this program: its own folder must not shadow a module.
    here = os.path.dirname(os.path.realpath(__file__))
    if sys.path and os.path.realpath(sys.path[0] or os.curdir) == here:
        sys.path[0] = ""


def main(argv: list[str]) -> int:
    """Run ``mkdocs`` with ``argv``, report memory on stderr, return mkdocs' exit status."""
    _import_from_the_current_folder()
    from mkdocs.__main__ import cli  # here, not at the top: see the module's docstring

    sampler = Sampler() if Path("/proc/self/status").exists() else None
    if sampler is not None:
        threading.Thread(target=sampler.watch, daemon=True).start()
    code = 0
    try:
        cli.main(args=argv, prog_name="mkdocs")
    except SystemExit as stop:
        code = exit_code(stop.code)
    sys.stdout.flush()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sampler is not None:
        peak, bound = max(own, sampler.together), own + max(sampler.child_peaks.values(), default=0)
    else:
        peak = bound = own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    learning = sys.modules.get("learning")
    sys.stderr.write(report_lines(peak, bound, getattr(learning, "__file__", None)))
    sys.stderr.flush()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
