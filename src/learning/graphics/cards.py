"""Link cards: the 1200×630 PNG a chat or social app shows when a page's link is pasted.

:func:`draw_cards` draws each :class:`Card` (the site's name, the page's kind and title,
one line of context, and an "Illustrative example" mark for examples) with the DejaVu Sans
shipped in ``fonts/`` (licence beside it), so a card looks the same on every machine and
the build downloads nothing. The same card gives the same bytes.

Cards must be cheap, since a site of a thousand case studies has a thousand: each is drawn
in one 8-bit channel on a copy of a ready-made background, and stored as a palette PNG
whose 256 colours run from white to the text colour (and, for the brand band, NHS blue), so
there is no colour conversion and little to compress. All text is #212b32 on
white, or white on #212b32 (15:1); the blue band and rule are decoration.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent / "fonts"
_LEFT, _RIGHT = 96, 1200 - 80

# Channel values, mapped to colours by the palette: 0 is white, 1 to 127 blend white into
# the text colour #212b32 (antialiased text is drawn in between), 255 is NHS blue (shapes
# only, which have no blended edge).
_TEXT, _BLUE = 127, 255
_INK = (0x21, 0x2B, 0x32)
_NHS_BLUE = (0x00, 0x5E, 0xB8)


@dataclass(frozen=True)
class Card:
    """What one card says. ``kind``: "Case study", "Neighbourhood", "Tool guide", "Report"
    or "" (the site's own card)."""

    title: str
    context: str
    kind: str = ""
    example: bool = False

    @property
    def alt(self) -> str:
        """The card's text alternative (``og:image:alt``)."""
        parts = [self.kind, self.title, self.context]
        text = ": ".join(part for part in parts[:2] if part) + (f". {self.context}" if self.context else "")
        return text + (". Illustrative example" if self.example else "")


def card_key(card: Card, *, site_name: str) -> str:
    """A name for ``card``'s PNG that changes whenever its picture would: its text, the
    site's name, this drawing code and the fonts."""
    text = "\x1f".join((_drawing(), site_name, card.title, card.context, card.kind, str(card.example)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@cache
def _drawing() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for font in sorted(FONTS.glob("*.ttf")):
        digest.update(font.read_bytes())
    return digest.hexdigest()


def draw_cards(cards: Iterable[tuple[str, Card]], *, site_name: str) -> dict[str, bytes]:
    """Each card's PNG, by the path it was given with."""
    return {path: draw_card(card, site_name=site_name) for path, card in cards}


def draw_card(card: Card, *, site_name: str) -> bytes:
    """The PNG of ``card``."""
    image = _background(site_name).copy()
    draw = ImageDraw.Draw(image)
    top = 150
    if card.kind:
        draw.text((_LEFT, top), card.kind.upper(), font=_font(True, 30), fill=_TEXT)
        top += 56
    size, lines = _fit(card.title)
    font = _font(True, size)
    step = round(size * 1.22)
    for line in lines:
        draw.text((_LEFT, top), line, font=font, fill=_TEXT)
        top += step
    if card.context:
        context = _font(False, 32)
        draw.text((_LEFT, top + 14), _shorten(card.context, context, _RIGHT - _LEFT), font=context, fill=_TEXT)
    if card.example:
        label = "Illustrative example"
        mark = _font(True, 30)
        width = round(mark.getlength(label))
        draw.rounded_rectangle((_LEFT, 526, _LEFT + width + 40, 580), radius=10, fill=_TEXT)
        # Drawn with value 0 on the mark: white text, antialiased into the mark's colour.
        draw.text((_LEFT + 20, 535), label, font=mark, fill=0)
    # The channel becomes the palette's indices as it is: no colour conversion.
    image = Image.frombytes("P", image.size, image.tobytes())
    image.putpalette(_palette())
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


@cache
def _background(site_name: str) -> Image.Image:
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 32, HEIGHT), fill=_BLUE)
    draw.rectangle((_LEFT, 118, _LEFT + 120, 124), fill=_BLUE)
    draw.text((_LEFT, 60), _shorten(site_name, _font(True, 34), _RIGHT - _LEFT), font=_font(True, 34), fill=_TEXT)
    return image


@cache
def _palette() -> list[int]:
    colours = [_blend(_INK, min(value, _TEXT) / _TEXT) for value in range(_BLUE)] + [_NHS_BLUE]
    return [channel for colour in colours for channel in colour]


def _blend(ink: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    r, g, b = (round(255 + (c - 255) * share) for c in ink)
    return r, g, b


def _fit(title: str) -> tuple[int, list[str]]:
    """The largest of a few sizes at which ``title`` fits (three lines, or four at the
    smallest, where a longer title is cut short), leaving room for the context and the mark."""
    for size, most in ((64, 3), (56, 3), (48, 4)):
        lines = _wrap(title, _font(True, size), _RIGHT - _LEFT)
        if len(lines) <= most:
            return size, lines
    lines = _wrap(title, _font(True, 48), _RIGHT - _LEFT)
    return 48, [*lines[:3], _shorten(" ".join(lines[3:]), _font(True, 48), _RIGHT - _LEFT)]


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return [_shorten(line, font, width) for line in lines]


def _shorten(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
