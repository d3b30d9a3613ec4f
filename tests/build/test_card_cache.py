"""The link-card cache draws a card once for its content: a second build draws nothing, and
a changed title is a new card."""

from __future__ import annotations

from learning.build.card_cache import draw_missing
from learning.graphics.cards import Card, card_key, draw_card

SITE = "United Neighbourhoods learning site"


def test_a_card_is_drawn_once_and_a_changed_card_has_a_new_name(tmp_path):
    card = Card("Weekly huddle", "20 August 2025 · Aspen", "Case study")
    key = card_key(card, site_name=SITE)
    assert draw_missing(str(tmp_path), [(key, card)], site_name=SITE) == 1
    assert draw_missing(str(tmp_path), [(key, card)], site_name=SITE) == 0
    assert (tmp_path / f"{key}.png").read_bytes() == draw_card(card, site_name=SITE)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{key}.png"]
    changed = Card("Weekly huddle, revised", card.context, card.kind)
    assert card_key(changed, site_name=SITE) != key
    assert card_key(card, site_name="Another site") != key
    assert card_key(Card(card.title, card.context, card.kind, example=True), site_name=SITE) != key
