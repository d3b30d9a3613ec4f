"""Timeline events: the shape shared by ``data/programme.yml`` and neighbourhood timelines."""

from __future__ import annotations

from ..model import TimelineEvent
from ..problems import Problem
from ..source.fields import Field, check_fields
from ..source.records import entries
from ..source.strict_yaml import Sequence

# planned: a date in a plan, not a record that anything happened; done: it happened as dated;
# moved: it will happen, or happened, on moved_to instead; cancelled: it will not happen.
EVENT_STATUSES = ("planned", "done", "moved", "cancelled")

EVENT_KINDS = ("milestone", "session", "review", "report", "other")

EVENT_FIELDS = (
    Field("date", "date", "First (or only) day of the event, YYYY-MM-DD.", "2024-10-13", required=True),
    Field("end", "date", "Last day, for events lasting several days (optional).", "2024-10-15"),
    Field("title", "text", "What happens, in a few words.", "Coach assigned", required=True, max_length=150),
    Field("detail", "text", "A sentence or two of detail (optional).", "First Big Room meeting.", max_length=1000),
    Field("kind", "choice", "Type of event.", "milestone", required=True, choices=EVENT_KINDS),
    Field(
        "status",
        "choice",
        "planned (the default: a date in a plan), done (it happened on that date), moved or cancelled.",
        "planned",
        choices=EVENT_STATUSES,
        default="planned",
    ),
    Field("moved_to", "date", "With status moved: the new date, YYYY-MM-DD.", "2025-04-06"),
    Field("note", "text", "What happened, or why it moved or was cancelled (optional).", "Held online.", max_length=600),
    Field("source", "url", "Where the outcome is recorded (optional).", "https://www.example.nhs.uk/minutes"),
)


def read_events(
    raw, path: str, field: str, problems: list[Problem], neighbourhood: str | None = None
) -> tuple[TimelineEvent, ...]:
    """Validate a YAML list of events; events with mistakes are reported and left out."""
    if not isinstance(raw, Sequence):
        line = getattr(raw, "line", 1)
        problems.append(
            Problem(
                path,
                line,
                field,
                "expected a list of events, each like `- {date: 2024-10-13, title: Coach assigned, kind: milestone}`",
            )
        )
        return ()
    events = []
    expected = "expected an event like `{date: 2024-10-13, title: Coach assigned, kind: milestone}`"
    for prefix, item in entries(raw, path, field, problems, expected):
        before = len(problems)
        values = check_fields(item, EVENT_FIELDS, path, problems, prefix=prefix)
        if values.get("end") and values.get("date") and values["end"] < values["date"]:
            problems.append(
                Problem(path, item.line_of("end"), prefix + "end", f"ends ({values['end']}) before it starts ({values['date']})")
            )
        if values.get("status") == "moved" and "moved_to" not in values:
            problems.append(
                Problem(path, item.line_of("status"), prefix + "status", "is moved; add `moved_to:` with the new date")
            )
        if "moved_to" in values and values.get("status") != "moved":
            problems.append(
                Problem(
                    path,
                    item.line_of("moved_to"),
                    prefix + "moved_to",
                    "is only for `status: moved`; remove it or set the status",
                )
            )
        if len(problems) == before:
            events.append(TimelineEvent(neighbourhood=neighbourhood, path=path, line=item.line, **values))
    return tuple(sorted(events, key=lambda e: (e.date, e.title)))
