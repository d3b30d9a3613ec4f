"""The synthetic case studies: contract-valid, about 900 words each, with headings, a table,
a list, an admonition and a link to a tool guide; some with a 36-point monthly XmR measure.

Generation is deterministic per N, and whether a study carries a measure changes nothing
else in it (the measure has its own seeded generator).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

from learning.source.frontmatter import front_matter

from . import BenchError

CASE_STUDIES = "case_studies"
BODY_WORDS = 900
MEASURE_POINTS = 36
MEASURE_CHOICES = ("half", "all", "none")

THEMES = (
    "falls",
    "care-homes",
    "carers",
    "medicines",
    "hospital-discharge",
    "care-planning",
    "proactive-care",
    "loneliness",
    "nutrition",
    "end-of-life",
    "dementia",
    "continence",
)
STAGES = ("planning", "testing", "implementing", "sustaining", "spreading")
SECTIONS = (
    "Why we started",
    "Our aim",
    "What we changed",
    "How we measured",
    "What happened",
    "What we learned",
    "Limitations",
    "Sustaining and spreading",
)
TOPICS = (
    "Weekly frailty huddle",
    "Shared care plan reviews",
    "Falls pathway redesign",
    "Medicines review clinic",
    "Discharge to assess follow-up",
    "Carers' support check-ins",
    "Care home ward round",
    "Hydration prompts",
    "Proactive phone calls",
    "Joint home visits",
    "Anticipatory care planning",
    "Continence assessment",
)
SUBJECTS = (
    "The team",
    "Our care coordinator",
    "District nurses",
    "The practice",
    "Two social workers",
    "A link worker",
    "The community therapists",
    "Our coach",
    "The pharmacist",
    "Carers",
    "Reception staff",
    "The neighbourhood manager",
    "Care home staff",
    "Each partner",
    "Most people",
)
VERBS = (
    "reviewed",
    "tested",
    "shared",
    "changed",
    "agreed",
    "mapped",
    "counted",
    "discussed",
    "booked",
    "planned",
    "noticed",
    "recorded",
    "followed up",
    "simplified",
    "explained",
)
OBJECTS = (
    "the frailty list",
    "one small change",
    "the weekly huddle",
    "the referral form",
    "a shared template",
    "the falls data",
    "every overdue review",
    "the discharge letters",
    "the visit rota",
    "the care plans",
    "a simple checklist",
    "the waiting list",
    "their own process map",
    "the monthly figures",
    "the next PDSA cycle",
)
ENDINGS = (
    "before the next meeting",
    "with people and their carers",
    "over the following month",
    "across the neighbourhood",
    "at the Tuesday huddle",
    "without extra funding",
    "in the first three weeks",
    "so that nothing was missed",
    "after a long discussion",
    "with help from the coach",
    "as part of the big room",
    "for people with severe frailty",
    "when the data came in",
    "by the end of the quarter",
    "in each practice",
)
MEASURES = (
    ("Emergency admissions, people with severe frailty (synthetic data)", "admissions per month", "down"),
    ("Falls reported in care homes (synthetic data)", "falls per month", "down"),
    ("Care plan reviews completed (synthetic data)", "reviews per month", "up"),
    ("Days from discharge to first contact (synthetic data)", "days, monthly mean", "down"),
)
# All before the builds' date (SOURCE_DATE_EPOCH in measure.py), so every case study is published.
FIRST_DATE, LAST_DATE = dt.date(2022, 11, 1), dt.date(2025, 10, 31)


@dataclass(frozen=True)
class Vocabulary:
    """The real identifiers a case study may refer to, read from the project."""

    neighbourhoods: tuple[str, ...]
    tools: tuple[str, ...]
    partners: tuple[str, ...]

    @classmethod
    def from_project(cls, root: Path) -> Vocabulary:
        import yaml

        neighbourhoods = tuple(sorted(p.stem for p in (root / "data" / "neighbourhoods").glob("*.yml")))
        tools = tuple(sorted(p.stem for p in (root / "docs" / "tools").glob("*.md") if p.stem != "index"))
        partners = tuple(item["id"] for item in yaml.safe_load((root / "data" / "partners.yml").read_text(encoding="utf-8")))
        if not (neighbourhoods and tools and partners):
            raise BenchError(
                f"{root}: need data/neighbourhoods/*.yml, docs/tools/*.md and data/partners.yml to generate case studies"
            )
        return cls(neighbourhoods, tools, partners)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}."


def words(text: str) -> int:
    """Words in ``text``: runs of letters, digits, apostrophes and hyphens."""
    return len(re.findall(r"[A-Za-z0-9'’-]+", text))


def body_words(text: str) -> int:
    """Words in a case study's body (after the front matter), as the bench counts them."""
    return words(text.split("\n---\n", 1)[1] if text.startswith("---\n") else text)


def add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    """The (year, month) ``offset`` months after ``year``-``month`` (before, if negative)."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _period(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def measure(rng: random.Random, end: dt.date) -> dict:
    """One :data:`MEASURE_POINTS`-point monthly XmR measure ending in the month of ``end``,
    as a case study's ``measures`` entry: the process shifts after 12 months, the
    improving way, with a PDSA annotation there."""
    title, unit, improvement = rng.choice(MEASURES)
    mean = rng.randint(10, 40)
    spread = max(1.0, mean * 0.12)
    shift = (-1 if improvement == "down" else 1) * mean * rng.uniform(0.15, 0.3)
    start = add_months(end.year, end.month, -(MEASURE_POINTS - 1))
    periods = [add_months(*start, i) for i in range(MEASURE_POINTS)]
    return {
        "title": title,
        "unit": unit,
        "improvement": improvement,
        "chart": "xmr",
        "target": round(mean + shift),
        "baseline": 12,
        "annotations": [{"period": _period(*periods[12]), "text": "PDSA 1: first test of the change"}],
        "data": [
            {"period": _period(*period), "value": max(0, round(rng.gauss(mean + (shift if index >= 12 else 0), spread)))}
            for index, period in enumerate(periods)
        ],
    }


def case_study_text(n: int, index: int, rng: random.Random, vocabulary: Vocabulary, *, with_measure: bool) -> str:
    """The Markdown of synthetic case study ``index`` of ``n``: front matter and ~900-word body.

    Everything but the measure comes from ``rng`` (shared by the whole set, so the bodies do
    not depend on which studies carry a measure); the measure has its own seeded generator.
    """
    place = rng.choice(vocabulary.neighbourhoods)
    neighbourhoods = [place] + ([rng.choice([s for s in vocabulary.neighbourhoods if s != place])] if rng.random() < 0.2 else [])
    tools = rng.sample(vocabulary.tools, rng.randint(1, min(4, len(vocabulary.tools))))
    partners = rng.sample(vocabulary.partners, rng.randint(2, min(4, len(vocabulary.partners))))
    themes = sorted(rng.sample(THEMES, rng.randint(1, 3)))
    date = FIRST_DATE + dt.timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days + 1))
    topic = rng.choice(TOPICS)
    place_name = place.replace("-", " ").title()
    summary = f"A generated case study for the build benchmark: {topic.lower()} in {place_name}. {_sentence(rng)}"
    authors = [f"{place_name} INT team {rng.randint(1, 9)}"]
    # front_matter documents text and booleans; lists, and the measure's mappings and
    # numbers, go through its yaml.safe_dump branch, as the case-study template's lists do.
    # The tests read the block back through the strict loader.
    meta = front_matter(
        title=f"Synthetic case study {index + 1} of {n}: {topic} in {place_name}",
        summary=summary,
        date=date.isoformat(),
        neighbourhoods=neighbourhoods,
        authors=authors,
        consent=True,
        status="published",
        stage=rng.choice(STAGES),
        tools=tools,
        themes=themes,
        partners=partners,
        review_due=date.replace(year=date.year + 1, day=min(date.day, 28)).isoformat(),
        measures=[measure(random.Random(f"bench-measure-{n}-{index}"), date)] if with_measure else None,
    )
    return meta + "\n" + _body(rng, tools[0])


def _body(rng: random.Random, tool: str) -> str:
    """An admonition, then 6 to 8 of :data:`SECTIONS` with sentences up to
    :data:`BODY_WORDS`; one holds a table, another a list, the first a link to ``tool``."""
    chosen = sorted(rng.sample(range(len(SECTIONS)), rng.randint(6, 8)))
    headings = [SECTIONS[i] for i in chosen]
    table_at, list_at = rng.sample(range(len(headings)), 2)
    fixed: dict[int, str] = {}
    fixed[table_at] = "\n".join(
        [
            "| Measure | Before | After | Source |",
            "|---|---:|---:|---|",
            *(
                f"| {rng.choice(OBJECTS).capitalize()} | {rng.randint(5, 60)} | {rng.randint(5, 60)} | {rng.choice(('GP record', 'Team log', 'Audit', 'Survey'))} |"
                for _ in range(4)
            ),
        ]
    )
    fixed[list_at] = "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(4, 6)))
    link = f"We used the [{tool.replace('-', ' ')} guide](../tools/{tool}.md) to plan each step."
    admonition = f'!!! note "About this case study"\n    {_sentence(rng)} {_sentence(rng)}\n    It was generated for the build benchmark and describes no real team.'
    paragraphs: list[list[list[str]]] = [[[link] if i == 0 else [], []] for i in range(len(headings))]

    def render() -> str:
        parts = [admonition]
        for i, heading in enumerate(headings):
            parts.append(f"## {heading}")
            first, second = (" ".join(p) for p in paragraphs[i])
            parts.extend(p for p in (first, fixed.get(i, ""), second) if p)
        return "\n\n".join(parts) + "\n"

    count = words(render())
    slot = 0
    while count < BODY_WORDS:
        sentence = _sentence(rng)
        section = slot % len(headings)
        paragraphs[section][(slot // len(headings)) % 2].append(sentence)
        count += words(sentence)
        slot += 1
    return render()


def generate_case_studies(root: Path, n: int, *, measures: str = "half") -> list[Path]:
    """Write ``n`` synthetic case studies into ``root/case_studies`` (deterministic per ``n``).

    ``measures``: ``"half"`` (those with an even index carry a 36-point measure), ``"all"``
    or ``"none"``. The identifiers come from ``root``'s data/ and docs/tools/.
    """
    if measures not in MEASURE_CHOICES:
        raise ValueError(f"measures must be half, all or none, got {measures!r}")
    vocabulary = Vocabulary.from_project(root)
    folder = root / CASE_STUDIES
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    width = max(4, len(str(n)))
    paths = []
    for index in range(n):
        with_measure = measures == "all" or (measures == "half" and index % 2 == 0)
        path = folder / f"bench-{index:0{width}d}.md"
        path.write_text(case_study_text(n, index, rng, vocabulary, with_measure=with_measure), encoding="utf-8")
        paths.append(path)
    return paths
