"""The text of a new case study: valid front matter and the eight guiding headings.

The same template feeds ``make case-study``, the "Propose a case study" link and the
Contribute pages, so a new file always passes validation.
"""

from __future__ import annotations

import datetime as dt

from ..source.frontmatter import front_matter

SECTIONS = (
    ("Why we started", "What was the problem, for whom, and why did it matter to people and staff?"),
    ("Our aim", "What did you want to achieve, for whom, by how much and by when?"),
    ("What we changed", "Which change ideas did you test, in what order, and who did what?"),
    ("How we measured", "Which measures did you use? Say exactly how each was counted, and where the data came from."),
    ("What happened", "What did the data and people's experience show? Include what did not work."),
    ("What we learned", "What would you tell another neighbourhood team starting the same work?"),
    ("Limitations", "What might make the results less certain, or less likely to apply elsewhere?"),
    ("Sustaining and spreading", "How will the change last, and where else could it help?"),
)


def case_study_template(
    *,
    title: str = "Your title: what changed, for whom",
    neighbourhoods=("your-neighbourhood",),
    authors=("Your team",),
    today: dt.date | None = None,
) -> str:
    """A new case study: valid front matter (draft until consent is confirmed) and guiding headings."""
    meta = front_matter(
        title=title,
        summary="One or two sentences saying what you changed and what happened.",
        date=(today or dt.date.today()).isoformat(),
        neighbourhoods=list(neighbourhoods),
        authors=list(authors),
        consent=False,
        status="draft",
    )
    body = "\n".join(f"## {heading}\n\n{prompt}\n" for heading, prompt in SECTIONS)
    return meta + "\n" + body
