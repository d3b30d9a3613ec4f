"""Link cards drawn once per content: a folder of PNGs named by :func:`card_key`.

A build asks for every page's card; a card whose text, site name, drawing code and fonts
are unchanged since an earlier build is already in the folder, so only new or changed
cards are drawn. The site engine copies each card from the folder into the built site, so
the thousands of PNG bytes never pass through its process. The folder (``.cache/`` in the
project, ignored by git) can be deleted at any time: a missing card is drawn again.

So that the folder does not grow as titles change, a build holds it (:class:`CacheHold`)
while it draws and copies cards, and after a full build removes the cards it did not use
(:meth:`CacheHold.prune`). Two builds at once are safe: each holds the folder shared, and
one removes cards only when it is the only build holding it; otherwise the cards are left
for a later build to remove.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..graphics.cards import Card, draw_card

try:
    import fcntl
except ImportError:  # no advisory locks (Windows): the cache is then never pruned
    fcntl = None  # type: ignore[assignment]

FOLDER = ".cache/link-cards"
# The only names this cache writes: a card, named by card_key's 32 hexadecimal digits, and
# the partial file it is written as first (left behind only by a build that was stopped).
_CARD = re.compile(r"[0-9a-f]{32}\.png")
_PARTIAL = re.compile(r"\.[0-9a-f]{32}\.[0-9]+\.tmp")
LOCK = ".lock"


def draw_missing(folder: str, cards: list[tuple[str, Card]], *, site_name: str) -> int:
    """Draw each ``(name, card)`` not yet in ``folder`` as ``<name>.png``; the number drawn.
    Each file is written whole under another name first, so a build never reads half a card."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    drawn = 0
    for name, card in cards:
        file = target / f"{name}.png"
        if file.is_file():
            continue
        partial = target / f".{name}.{os.getpid()}.tmp"
        partial.write_bytes(draw_card(card, site_name=site_name))
        os.replace(partial, file)
        drawn += 1
    return drawn


class CacheHold:
    """One build's hold on the card cache of the project at ``root``, from before it draws
    its first card until :meth:`prune` or :meth:`release`: a shared lock on the folder's
    lock file, which every build takes and a pruning build must have alone. Without locks
    (no ``fcntl``, or a lock file that cannot be opened safely) the build goes on holding
    nothing, and never prunes."""

    def __init__(self, root: Path):
        self.folder = root / FOLDER
        # The folder must be the project's own: no symbolic link on the way to it, so that
        # pruning can never remove files anywhere else.
        self._own = os.path.realpath(self.folder) == os.path.join(os.path.realpath(root), *FOLDER.split("/"))
        self._fd: int | None = None
        if fcntl is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError:
            return
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while another build prunes
        self._fd = fd

    def prune(self, used: Iterable[str]) -> int | None:
        """Remove every card in the folder not named in ``used`` (file names, ``<key>.png``),
        and partial files stopped builds left, then release the hold. The number removed, or
        None when another build holds the folder too (or it cannot be held), which removes
        nothing. Only regular files with this cache's own names are removed, never a
        symbolic link or a folder, and only in the folder itself."""
        if self._fd is None or not self._own:
            self.release()
            return None
        assert fcntl is not None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.release()
            return None
        keep = set(used)
        removed = 0
        try:
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    stale = (_CARD.fullmatch(entry.name) and entry.name not in keep) or _PARTIAL.fullmatch(entry.name)
                    if stale and entry.is_file(follow_symlinks=False):
                        try:
                            os.unlink(entry.path)
                        except FileNotFoundError:  # removed by hand meanwhile
                            continue
                        removed += 1
        finally:
            self.release()
        return removed

    def release(self) -> None:
        """Let go of the folder (closing the lock file releases the lock); idempotent."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.release()
