"""The link-card cache draws a card once for its content: a second build draws nothing, and
a changed title is a new card. After a full build the cache holds exactly that build's
cards: the others are removed, but only files the cache itself wrote, in its own folder, and
never while another build holds it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from learning.build.card_cache import FOLDER, LOCK, CacheHold, draw_missing
from learning.build.site import build_site
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


# -- the cache holds exactly the current cards ----------------------------------------------

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"
TODAY = dt.date(2025, 11, 26)
HUDDLE = "assets/cards/case-studies/weekly-huddle.png"
OLD_TITLE = "title: Weekly frailty huddle cuts repeat falls admissions"
STALE = "0" * 32 + ".png"


def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns(".cache"))
    return target


def cache_names(root: Path) -> set[str]:
    return {p.name for p in (root / FOLDER).iterdir()}


def cards_of(site) -> set[str]:
    return {cached.source.name for cached in site.copied.values()}


def test_a_full_build_after_a_title_changed_removes_the_old_card_and_nothing_but_its_own_files(tmp_path):
    root = project(tmp_path)
    first = build_site(root, today=TODAY)
    assert first.prune_cards() == 0
    old = first.copied[HUDDLE].source.name
    folder = root / FOLDER
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"not the cache's")
    (folder / "notes.txt").write_text("a stray file of another name")
    (folder / ("1" * 32 + ".png")).symlink_to(outside)  # named like a card, but a link
    (folder / ("2" * 32 + ".png")).mkdir()  # named like a card, but a folder
    (folder / f".{'3' * 32}.4242.tmp").write_bytes(b"left by a stopped build")
    study = root / "case_studies" / "weekly-huddle.md"
    study.write_text(study.read_text().replace(OLD_TITLE, OLD_TITLE + ", revised"))
    second = build_site(root, today=TODAY)
    new = second.copied[HUDDLE].source.name
    assert new != old
    assert second.prune_cards() == 2  # the old card and the partial file
    assert cache_names(root) == cards_of(second) | {LOCK, "notes.txt", "1" * 32 + ".png", "2" * 32 + ".png"}
    assert old not in cache_names(root) and new in cache_names(root)
    assert outside.read_bytes() == b"not the cache's"


def test_a_card_removed_from_the_cache_is_drawn_again(tmp_path):
    root = project(tmp_path)
    first = build_site(root, today=TODAY)
    first.prune_cards()
    (root / FOLDER / first.copied[HUDDLE].source.name).unlink()
    second = build_site(root, today=TODAY)
    second.copied[HUDDLE].ready()
    assert second.copied[HUDDLE].source.is_file()


def test_a_build_removes_nothing_while_another_build_holds_the_cache(tmp_path):
    root = project(tmp_path)
    (root / FOLDER).mkdir(parents=True)
    (root / FOLDER / STALE).write_bytes(b"an old card")
    other = CacheHold(root)  # another build, still drawing or copying its cards
    site = build_site(root, today=TODAY)
    assert site.prune_cards() is None
    assert STALE in cache_names(root)
    other.release()
    assert build_site(root, today=TODAY).prune_cards() == 1
    assert STALE not in cache_names(root)


def test_a_cache_folder_reached_through_a_symbolic_link_is_never_pruned(tmp_path):
    root = project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "link-cards").mkdir(parents=True)
    (elsewhere / "link-cards" / STALE).write_bytes(b"someone else's file")
    (root / ".cache").symlink_to(elsewhere)
    assert build_site(root, today=TODAY).prune_cards() is None
    assert (elsewhere / "link-cards" / STALE).read_bytes() == b"someone else's file"
