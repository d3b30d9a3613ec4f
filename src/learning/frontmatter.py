"""Front matter for generated pages: a ``---`` block that any title or summary survives."""

from __future__ import annotations

import json
import re

import yaml

# Text made only of these characters is written as a JSON string, which is also a YAML
# double-quoted scalar meaning exactly the same text. Line-break-like characters (U+0085,
# U+2028, U+2029), controls and surrogates are left to yaml.safe_dump, which is slower,
# with every non-ASCII character escaped: written raw, U+0085 would read back as a space.
_PLAIN_TEXT = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd]*")


def front_matter(**fields) -> str:
    """A ``---`` block holding ``fields`` (None values are left out), keys in given order.

    Values are text or booleans; each reads back (with any YAML loader) as given."""
    data = {key: value for key, value in fields.items() if value is not None}
    lines = []
    for key, value in data.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}\n")
        elif isinstance(value, str) and _PLAIN_TEXT.fullmatch(value):
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")
        else:
            return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=1000) + "---\n"
    return "---\n" + "".join(lines) + "---\n"
