"""What each page's link card says: :func:`link_cards` is the entry point.

Every case study, neighbourhood, tool guide and report has a card of its own; every other
page shows the site's card. The cards are drawn by :mod:`learning.graphics.cards` (in the
build's second process), each published at :func:`~learning.pages.urls.link_card`.
"""

from __future__ import annotations

from ..graphics.cards import Card
from ..model import Content, Report
from ..pages.tools_index import CATEGORY_TEXT
from ..pages.urls import case_study_uri, neighbourhood_uri, report_uri, tool_uri
from ..text import TBC, long_date, long_range

SITE = ""  # the key of the site's own card
SITE_CARD = Card(
    title="Proactive care for people living with severe frailty",
    context="Case studies, tool guides and neighbourhoods of a Gloucestershire coaching programme",
)


def link_cards(content: Content, reports: list[tuple[Report, bool]]) -> dict[str, Card]:
    """Each page's card, keyed by the page's source (``""`` for the site's own card).
    ``reports``: each report with a page, and whether it holds an illustrative example."""
    names = {n.slug: n.name for n in content.neighbourhoods}
    cards = {SITE: SITE_CARD}
    for study in content.case_studies:
        where = ", ".join(names.get(slug, slug) for slug in study.neighbourhoods)
        cards[case_study_uri(study.slug)] = Card(
            study.title, f"{long_date(study.date)} · {where}", "Case study", example=study.is_example
        )
    for n in content.neighbourhoods:
        locality = f"{n.locality} locality" + (f" ({TBC})" if "locality" in n.unconfirmed else "")
        cards[neighbourhood_uri(n.slug)] = Card(n.name, locality, "Neighbourhood")
    for tool in content.tools:
        category = CATEGORY_TEXT.get(tool.category, (tool.category, ""))[0]
        cards[tool_uri(tool.slug)] = Card(tool.title, category, "Tool guide")
    for report, has_examples in reports:
        cards[report_uri(report.slug)] = Card(
            report.title, long_range(report.period_from, report.period_to), "Report", example=has_examples
        )
    return cards
