"""Link cards: 1200×630 palette PNGs, the same bytes for the same card, text in readable
contrast, and an "Illustrative example" mark only on examples."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from contrast import contrast
from learning.graphics.cards import HEIGHT, WIDTH, Card, draw_card, draw_cards

SITE = "United Neighbourhoods learning site"
STUDY = Card("A ten-minute weekly huddle", "20 August 2025 · Forest of Dean", "Case study")


def image_of(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_card_is_a_1200_by_630_png_and_the_same_card_gives_the_same_bytes():
    data = draw_card(STUDY, site_name=SITE)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert image_of(data).size == (WIDTH, HEIGHT) == (1200, 630)
    assert draw_card(STUDY, site_name=SITE) == data
    assert draw_cards([("a.png", STUDY)], site_name=SITE) == {"a.png": data}


def test_every_colour_a_card_prints_text_in_reads_at_aa_contrast_on_white():
    image = image_of(draw_card(Card(STUDY.title, STUDY.context, STUDY.kind, example=True), site_name=SITE)).convert("RGB")
    used = {colour for _, colour in image.getcolors(maxcolors=256 * 256)}
    darkest = min(used, key=sum)
    assert contrast("#{:02x}{:02x}{:02x}".format(*darkest), "#ffffff") >= 4.5
    assert contrast("#212b32", "#ffffff") >= 4.5


@pytest.mark.parametrize(
    ("card", "alt"),
    [
        (STUDY, "Case study: A ten-minute weekly huddle. 20 August 2025 · Forest of Dean"),
        (
            Card("Example: huddle", "20 August 2025 · Aspen", "Case study", example=True),
            "Case study: Example: huddle. 20 August 2025 · Aspen. Illustrative example",
        ),
        (
            Card("Forest of Dean", "Forest of Dean locality", "Neighbourhood"),
            "Neighbourhood: Forest of Dean. Forest of Dean locality",
        ),
    ],
)
def test_a_cards_text_alternative_says_what_it_shows(card, alt):
    assert card.alt == alt


def test_an_example_carries_a_mark_that_a_real_case_study_does_not():
    real = image_of(draw_card(STUDY, site_name=SITE)).convert("L")
    example = image_of(draw_card(Card(STUDY.title, STUDY.context, STUDY.kind, example=True), site_name=SITE)).convert("L")
    band = (96, 520, 600, 590)  # where the mark sits
    assert real.crop(band).getextrema() == (255, 255)
    assert example.crop(band).getextrema()[0] < 64


@pytest.mark.parametrize("title", ["x" * 150, "word " * 30, "Ünïcödé — “quotes” & <tags>"])
def test_long_or_unusual_titles_still_make_a_card(title):
    assert image_of(draw_card(Card(title, "context " * 20, "Report", example=True), site_name=SITE)).size == (1200, 630)
