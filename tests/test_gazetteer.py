"""The packaged gazetteer is valid, unambiguous and sorted; a malformed file names file and line."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from graphbuild.canonical import (
    Canonicalizer,
    GazetteerEntry,
    clean_name,
    default_gazetteer,
    load_gazetteer,
    name_key,
)
from graphbuild.errors import RulesError
from graphbuild.records import ENTITY_LABELS


@pytest.fixture(scope="module")
def gazetteer() -> tuple[GazetteerEntry, ...]:
    return default_gazetteer()


@pytest.fixture(scope="module")
def packaged_lines() -> list[str]:
    resource = resources.files("graphbuild") / "data" / "gazetteer.jsonl"
    return resource.read_text(encoding="utf-8").splitlines()


def test_gazetteer_packaged_file_validates(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    assert gazetteer, "the packaged gazetteer is empty"
    for entry in gazetteer:
        assert entry.label in ENTITY_LABELS, entry
        assert entry.name == entry.name.strip() and entry.name, entry
        assert all(alias == alias.strip() for alias in entry.aliases), entry


def test_gazetteer_has_no_duplicate_names(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    by_key: dict[str, list[str]] = defaultdict(list)
    for entry in gazetteer:
        by_key[name_key(entry.name)].append(entry.name)
    duplicates = {key: names for key, names in by_key.items() if len(names) > 1}
    assert not duplicates


def test_gazetteer_no_alias_maps_to_two_entries(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer:
        for surface in (entry.name, *entry.aliases):
            owners[name_key(surface)].add(entry.name)
    ambiguous = {key: sorted(names) for key, names in owners.items() if len(names) > 1}
    assert not ambiguous


def test_gazetteer_aliases_merge_into_their_entry(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    canonicalizer = Canonicalizer(gazetteer)
    for entry in gazetteer:
        for alias in entry.aliases:
            assert canonicalizer.display_name(alias) == entry.name, (alias, entry.name)
            assert canonicalizer.known_label(alias) == entry.label, (alias, entry.label)


def test_gazetteer_aliases_are_not_suffix_or_repeat_variants(
    gazetteer: tuple[GazetteerEntry, ...],
) -> None:
    # Legal suffixes are stripped when matching, so "X Inc" beside "X" only adds noise; a full
    # name that happens to end in one ("British Broadcasting Corporation") is kept.
    for entry in gazetteer:
        surfaces = (entry.name, *entry.aliases)
        assert len(set(surfaces)) == len(surfaces), entry
        for surface in surfaces:
            stripped = clean_name(surface)
            assert stripped == surface or stripped not in surfaces, (entry.name, surface)


def test_gazetteer_entries_sorted_within_sections(packaged_lines: list[str]) -> None:
    sections: list[list[str]] = [[]]
    for line in packaged_lines:
        if line.lstrip().startswith("//"):
            if sections[-1]:
                sections.append([])
        elif line.strip():
            sections[-1].append(json.loads(line)["name"])
    assert len(sections) > 1, "expected the file to be grouped under // section comments"
    for names in sections:
        assert names == sorted(names, key=lambda name: (name.casefold(), name))


_GOOD_LINE = json.dumps({"name": "Example Systems", "label": "Organization", "aliases": ["ES"]})


@pytest.mark.parametrize(
    ("bad_line", "problem"),
    [
        ('{"name": "Broken", "label": ', "Expecting value"),
        ('["Example", "Organization"]', "expected a JSON object"),
        ('{"label": "Organization"}', "'name' must be a non-empty string"),
        ('{"name": "  ", "label": "Organization"}', "'name' must be a non-empty string"),
        ('{"name": "Example", "label": "Place"}', "'label' must be one of"),
        ('{"name": "Example", "label": "Product", "aliases": "EX"}', "'aliases' must be a list"),
        ('{"name": "Example", "label": "Product", "aliases": [""]}', "'aliases' must be a list"),
        ('{"name": "Example", "label": "Product", "alias": ["EX"]}', "unknown field(s)"),
    ],
)
def test_gazetteer_malformed_line_names_file_and_line(
    tmp_path: Path, bad_line: str, problem: str
) -> None:
    path = tmp_path / "custom-gazetteer.jsonl"
    path.write_text(f"// my entries\n{_GOOD_LINE}\n\n{bad_line}\n{_GOOD_LINE}\n", encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_gazetteer(path)
    message = str(caught.value)
    assert str(path) in message
    assert "line 4" in message
    assert problem in message


def test_gazetteer_custom_file_loads_with_comments(tmp_path: Path) -> None:
    path = tmp_path / "custom-gazetteer.jsonl"
    path.write_text(f"// my entries\n\n{_GOOD_LINE}\n", encoding="utf-8")
    assert load_gazetteer(path) == [
        GazetteerEntry(name="Example Systems", label="Organization", aliases=("ES",))
    ]
