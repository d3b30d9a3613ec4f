"""Strict YAML: no guessing, no duplicates, no tags or aliases, bounded work, located errors."""

from __future__ import annotations

import time

import pytest

from learning.source.frontmatter import split_front_matter
from learning.source.strict_yaml import load_yaml_file, parse_yaml


def parse(text: str):
    problems = []
    return parse_yaml(text, "x.yml", problems), [str(p) for p in problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no", {"a": "no"}),
        ("a: on", {"a": "on"}),
        ("a: yes", {"a": "yes"}),
        ("a: 1e3", {"a": "1e3"}),
        ("a: 2024-13-45", {"a": "2024-13-45"}),
        ("a: 2024-03-14", {"a": "2024-03-14"}),
        ("a: 0x1F", {"a": "0x1F"}),
        ("a: 1:30", {"a": "1:30"}),
        ("a: 012", {"a": 12}),
        ("a: 3.5", {"a": 3.5}),
        ("a: true", {"a": True}),
        ("a: ~", {"a": None}),
        ("a:", {"a": None}),
        ("a: '12'", {"a": "12"}),
    ],
)
def test_plain_values_are_never_guessed_into_surprising_types(text, expected):
    assert parse(text) == (expected, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "x.yml:2: duplicate key 'a' (first given on line 1); keep one"),
        (
            "a: !!python/object:os.system x\n",
            "x.yml:1: the tag !!python/object:os.system is not allowed; remove it (only plain values, lists and fields are supported)",
        ),
        (
            "a: !!binary aGk=\n",
            "x.yml:1: the tag !!binary is not allowed; remove it (only plain values, lists and fields are supported)",
        ),
        ("a: &x [1]\nb: *x\n", "x.yml:1: anchors and aliases (& and *) are not allowed here; write the value out in full"),
        ("a: " + "[" * 40 + "]" * 40, "x.yml:1: nested more than 32 levels deep"),
        (
            "a: [1\n",
            "x.yml:2: this is not valid YAML (while parsing a flow sequence expected ',' or ']', but got '<stream end>'); check indentation, colons after field names, and quotes around text containing ': ' or '#'",
        ),
        ("? [a]\n: 1\n", "x.yml:1: a key must be a plain word, not a list or mapping"),
        (
            "a: 1\nb: !!int 0x1F\n",
            "x.yml:1: a value could not be read (invalid literal for int() with base 10: '0x1F'); check indentation, colons after field names, and quotes around text containing ': ' or '#'",
        ),
    ],
)
def test_unsafe_or_ambiguous_yaml_is_refused_with_its_line(text, message):
    assert parse(text) == (None, [message])


def test_an_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    started = time.perf_counter()
    value, problems = parse(bomb)
    assert value is None and "anchors and aliases" in problems[0]
    assert time.perf_counter() - started < 1


def test_every_key_and_item_knows_its_source_line():
    value, _ = parse("title: x\nlist:\n  - one\n  - two: 2\n    three: 3\n")
    assert value.line_of("list") == 2
    assert value["list"].line_of(1) == 4
    assert value["list"][1].line_of("three") == 5


def test_front_matter_lines_are_counted_from_the_top_of_the_file():
    problems = []
    document = split_front_matter("---\ntitle: x\ndate: 2025-01-01\n---\n## Body\n", "c.md", problems)
    assert document.meta.line_of("date") == 3 and document.body_line == 5 and document.body == "## Body\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: x\n", "c.md:1: the file must start with front matter: a line '---', the fields, then another '---'"),
        ("---\ntitle: x\n", "c.md:1: front matter is not closed: add a line '---' after the last field"),
        ("---\n- a\n---\n", "c.md:2: front matter must be a list of 'field: value' lines"),
        ("---\n---\nbody", "c.md:2: front matter is empty; add the required fields"),
        (
            "---\ntitle: a: b\n---\n",
            "c.md:2: this is not valid YAML (mapping values are not allowed here); check indentation, colons after field names, and quotes around text containing ': ' or '#'",
        ),
    ],
)
def test_broken_front_matter_is_reported_not_swallowed(text, message):
    problems = []
    assert split_front_matter(text, "c.md", problems).meta is None
    assert [str(p) for p in problems] == [message]


def test_huge_and_non_utf8_files_are_refused_before_parsing(tmp_path):
    big = tmp_path / "big.yml"
    big.write_text("a: " + "x" * 1_100_000)
    latin = tmp_path / "latin.yml"
    latin.write_bytes("a: 1\nname: caf\xe9\n".encode("latin-1"))
    problems = []
    assert load_yaml_file(big, "big.yml", problems) is None
    assert load_yaml_file(latin, "latin.yml", problems) is None
    assert [str(p) for p in problems] == [
        "big.yml:1: file is larger than 1,000,000 bytes, the limit; split it or move data to a CSV file",
        "latin.yml:2: is not UTF-8 text; save it with UTF-8 encoding (most editors offer this under 'Save as')",
    ]


def _shape(value):
    """A value with its types and every recorded source line, for exact comparison."""
    if isinstance(value, dict):
        return ("map", value.line, [(key, value.key_lines[key], _shape(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("seq", value.line, value.item_lines, [_shape(item) for item in value])
    return (type(value).__name__, value)


_FAST_PATH_CASES = [
    "a: no\nb: on\nc: yes\nd: 1e3\ne: 0x1F\nf: 1:30\ng: 012\nh: -7\ni: +3\nj: 3.5\nk: .5\nl: 1.\nm: -.25\n",
    "a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\ng: tRUE\nh: ~\ni: null\nj: Null\nk: NULL\nl:\nm: nULL\n",
    "a: '12'\nb: \"true\"\nc: 'null'\nd: ''\ne: |\n  text\n  more\nf: >\n  folded\n",
    "1: one\ntrue: yes\n~: nothing\n3.5: x\n",
    "list:\n  - one\n  - two: 2\n    three: [3, 4, {five: 5}]\n  - []\n  - {}\nempty: []\n",
    "- a\n- - b\n  - c\n- d: e\n",
    "just text\n",
    "",
    "---\na: 1\n...\n",
    "a: " + "[" * 30 + "]" * 30,
]


@pytest.mark.parametrize("text", _FAST_PATH_CASES)
def test_the_fast_path_and_the_full_strict_loader_read_the_same_values_and_lines(text):
    from learning.source import strict_yaml as yamlsource

    for offset in (0, 1):
        problems = []
        full = yamlsource._parse(yamlsource._Loader, text, "x.yml", problems, offset)
        assert problems == []
        fast = yamlsource._build_from_events(yamlsource._Events(text), offset)
        assert _shape(fast) == _shape(full)


def test_the_fast_path_agrees_with_the_full_loader_on_every_file_in_the_repository():
    from pathlib import Path

    from learning.source import strict_yaml as yamlsource

    root = Path(__file__).resolve().parents[2]
    texts = [path.read_text(encoding="utf-8") for path in sorted(root.glob("data/**/*.yml"))]
    for path in sorted(root.glob("case_studies/*.md")) + sorted(root.glob("tests/fixtures/**/*.md")):
        parts = path.read_text(encoding="utf-8").split("\n---\n", 1)
        if parts[0].startswith("---\n") and len(parts) == 2:
            texts.append(parts[0][4:])
    assert len(texts) > 20
    for text in texts:
        problems = []
        full = yamlsource._parse(yamlsource._Loader, text, "x.yml", problems, 0)
        try:
            fast = yamlsource._build_from_events(yamlsource._Events(text), 0)
        except yamlsource._Unusual:
            continue  # left to the full loader, which then reports or reads it
        assert not problems and _shape(fast) == _shape(full)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n",
        "a: *x\n",
        "a: !!str 1\n",
        "a: !x 1\n",
        "? [a]\n: 1\n",
        "a: 1\na: 2\n",
        "a: " + "[" * 40 + "]" * 40,
        "a: 1\n---\nb: 2\n",
        "!!map {a: 1}\n",
    ],
)
def test_the_fast_path_leaves_anything_unusual_to_the_full_loader(text):
    import yaml

    from learning.source import strict_yaml as yamlsource

    with pytest.raises((yamlsource._Unusual, yaml.YAMLError)):
        yamlsource._build_from_events(yamlsource._Events(text), 0)
