"""The "Propose a case study" page, ``/contribute/propose/``: :func:`propose_page` is the
entry point.

The page holds a form whose controls are made from the form's spec (see
:mod:`learning.files.proposal`, which the build also publishes beside the page as
``form.json`` for ``propose.js`` to check values with). Controls are named after the
front-matter fields (``title``, ``neighbourhoods``, ...), body sections ``section:<heading>``
and measure controls ``measure-<n>-<field>``. Nothing is sent anywhere: the script assembles
the file in the browser, shows it in ``#result`` and hands it to GitHub or saves it. The
script is named in the form's ``data-script`` and loaded by ``site.js`` on this page only.

Without JavaScript the form stays hidden and the page points to the template on GitHub and
to the Contribute guide instead.
"""

from __future__ import annotations

from typing import Any

from ..source.frontmatter import front_matter
from ..templating import render_template
from .urls import (
    CONTRIBUTE,
    FIELD_REFERENCE,
    PROPOSE,
    PROPOSE_SCRIPT,
    PROPOSE_SPEC,
    relative_file_url,
    relative_url,
    source_link,
)

# The measure group the script copies for each measure; it replaces this with the number.
MEASURE_NUMBER = "__N__"


def propose_page(spec: dict[str, Any], *, template_url: str | None, placeholder: str) -> tuple[str, str]:
    """The page's Markdown, with ``placeholder`` where the form goes, and the form's HTML.
    ``template_url`` is GitHub's editor prefilled with the case-study template (the path
    without JavaScript), None when the repository is not on GitHub."""
    meta = front_matter(
        title="Propose a case study",
        description="Write a case study in a form that checks it as you go, then send it to GitHub for review. Nothing leaves your computer until you choose.",
        hide=["toc"],
    )
    markdown = meta + "\n" + render_template("pages/propose.md.j2", form=placeholder, guide=source_link(PROPOSE, CONTRIBUTE))
    fields = [_control(f) for f in spec["fields"]]
    html = render_template(
        "pages/propose-form.html.j2",
        spec_url=relative_file_url(PROPOSE, PROPOSE_SPEC),
        script_url=relative_file_url(PROPOSE, PROPOSE_SCRIPT),
        template_url=template_url,
        guide_url=relative_url(PROPOSE, CONTRIBUTE),
        reference_url=relative_url(PROPOSE, FIELD_REFERENCE),
        about=[f for f in fields if f["name"] not in _LATER],
        publishing=[f for f in fields if f["name"] in _LATER],
        slug=spec["slug"],
        sections=[dict(s, id=f"section-{number}") for number, s in enumerate(spec["sections"], start=1)],
        measure=[_control(f, prefix=f"measure-{MEASURE_NUMBER}-") for f in spec["measures"]["fields"]],
        max_measures=spec["measures"]["max"],
        github=spec["github"] is not None,
        number=MEASURE_NUMBER,
    )
    return markdown, html


# Asked after the write-up: how it is published.
_LATER = ("consent", "status", "example", "review_due")


def _control(field: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """What the template prints for one control: ``name`` is the control's name, ``id`` its
    element id and the options' ids."""
    name = prefix + field["name"]
    options = [dict(o, id=f"{name}-{number}") for number, o in enumerate(field["options"], start=1)]
    return dict(field, name=name, id=name, options=options, hint_id=f"{name}-hint", error_id=f"{name}-error")
