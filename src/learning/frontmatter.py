"""Front matter for generated pages, written with ``yaml.safe_dump`` so any title is safe."""

from __future__ import annotations

import yaml


def front_matter(**fields) -> str:
    """A ``---`` block holding ``fields`` (None values are left out), keys in given order."""
    data = {key: value for key, value in fields.items() if value is not None}
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000) + "---\n"
