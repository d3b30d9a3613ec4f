"""Link cards drawn once per content: a folder of PNGs named by :func:`card_key`.

A build asks for every page's card; a card whose text, site name, drawing code and fonts
are unchanged since an earlier build is already in the folder, so only new or changed
cards are drawn. The site engine copies each card from the folder into the built site, so
the thousands of PNG bytes never pass through its process. The folder (``.cache/`` in the
project, ignored by git) can be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..graphics.cards import Card, draw_card

FOLDER = ".cache/link-cards"


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
