"""The compiled gazetteer index: the names spaCy's entity_ruler marked, found in worker builds,
compiled again when the gazetteer changes or the file is not a sound index, and never written
through a symlink. Names are invented."""

from __future__ import annotations

import doctest
import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graphbuild import gazetteer_index
from graphbuild.canonical import Canonicalizer, gazetteer_entries
from graphbuild.entities.gazetteer import GazetteerRuler
from graphbuild.errors import GraphbuildWarning, RulesError
from graphbuild.gazetteer_index import GazetteerIndex, open_index, prepare_index
from graphbuild.graph import to_node_link
from graphbuild.pipeline import BuildOptions, build_corpus

ENTRIES = [
    {"name": "Quillon Vantor", "label": "Organization", "aliases": ["QV", "Quillon-Vantor Inc."]},
    {"name": "Duneway", "label": "Organization", "aliases": ["Duneway Mining"]},
    {"name": "Duneway Mining Holdings", "label": "Organization"},
    {"name": "Tessaly Zorbphone", "label": "Product", "aliases": ["Zorbphone"]},
    # an alias another entry also claims: the first entry keeps the key
    {"name": "Marrow Labs", "label": "Organization", "aliases": ["QV"]},
    # tokens the tokenizer splits differently in a text than in the name alone
    {"name": "Fenwick & Co.", "label": "Organization", "aliases": ["Fenwick(Europe)"]},
    {"name": "Bellwood  Capital", "label": "Organization"},
]
TEXTS = [
    "Quillon Vantor said on Monday it bought Duneway Mining Holdings for $40 million.",
    "QV and Duneway Mining agreed terms; the Quillon-Vantor Inc. board approved.",
    "Shares of Fenwick & Co. rose after Fenwick(Europe) sold its Zorbphone unit.",
    "Tessaly Zorbphones sold well.  Bellwood  Capital and Bellwood Capital declined.",
    "Duneway\n\nMining, Quillon\tVantor and QuillonVantor were not named as such.",
    "Marrow Labs, duneway mining and Duneway Mining Holdings Ltd. traded.",
]


def write_gazetteer(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    return path


@pytest.fixture
def gazetteer(tmp_path: Path) -> Path:
    return write_gazetteer(tmp_path / "names.jsonl", ENTRIES)


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def _ents(doc: Doc) -> list[tuple[int, int, str, str]]:
    return [(span.start, span.end, span.label_, span.id_) for span in doc.ents]


@pytest.mark.parametrize("text", TEXTS)
def test_gazetteer_index_ruler_marks_what_the_entity_ruler_marked(
    blank: Language, gazetteer: Path, tmp_path: Path, text: str
) -> None:
    # the reference: spaCy's entity_ruler with every name and alias as a phrase pattern,
    # as graphbuild configured it before the index
    reference = spacy.blank("en")
    ruler = reference.add_pipe(
        "entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}
    )
    patterns = [
        {"label": "ORG" if entry.label == "Organization" else "PRODUCT", "pattern": alias,
         "id": Canonicalizer([entry]).key(entry.name)}
        for entry in gazetteer_entries([gazetteer])
        for alias in sorted({entry.name, *entry.aliases})
    ]  # fmt: skip
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    index = GazetteerIndex.open(prepare_index([gazetteer], tmp_path / "cache"))
    ours = GazetteerRuler(blank, index)

    # the model's entities, which the gazetteer's names overwrite where they overlap
    def with_model_entities(nlp: Language) -> Doc:
        doc = nlp.make_doc(text)
        doc.ents = [doc.char_span(0, len(doc[0].text), label="GPE")] if doc[0].is_alpha else []
        return doc

    expected = _ents(ruler(with_model_entities(reference)))
    assert expected, "the reference found nothing: the comparison would prove nothing"
    assert _ents(ours(with_model_entities(blank))) == expected


def test_gazetteer_index_canonicalizer_answers_as_the_in_memory_one(
    gazetteer: Path, tmp_path: Path
) -> None:
    in_memory = Canonicalizer(gazetteer_entries([gazetteer]))
    index = GazetteerIndex.open(prepare_index([gazetteer], tmp_path))
    indexed = Canonicalizer.over(index.entry)
    names = [
        "QV", "Quillon-Vantor Inc.", "the Quillon Vantor's", "Zorbphones", "Zorbphone AB",
        "Marrow Labs", "Fenwick & Co", "Bellwood Capital", "Nobody Known", "Lenovo",
    ]  # fmt: skip
    for name in names:
        assert indexed.key(name) == in_memory.key(name), name
        assert indexed.display_name(name) == in_memory.display_name(name), name
        assert indexed.known_label(name) == in_memory.known_label(name), name


def test_gazetteer_index_is_reused_while_the_file_is_unchanged(
    gazetteer: Path, tmp_path: Path
) -> None:
    path = prepare_index([gazetteer], tmp_path)
    compiled = path.stat()
    assert prepare_index([gazetteer], tmp_path) == path
    assert path.stat().st_ino == compiled.st_ino  # not compiled again


def test_gazetteer_index_is_compiled_again_when_the_file_changes(
    gazetteer: Path, tmp_path: Path
) -> None:
    before = prepare_index([gazetteer], tmp_path)
    write_gazetteer(gazetteer, [*ENTRIES, {"name": "Kestrel Orvell", "label": "Product"}])
    after = prepare_index([gazetteer], tmp_path)
    assert after != before
    assert not before.exists()  # the index of the old content is removed
    assert [path.name for path in tmp_path.glob("gazetteer-*")] == [after.name]
    assert Canonicalizer.over(open_index([gazetteer], after).entry).known_label(
        "Kestrel Orvell"
    ) == ("Product")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(b"not a database" * 100), id="garbage"),
        pytest.param(lambda path: os.truncate(path, path.stat().st_size // 2), id="cut-short"),
        pytest.param(lambda path: path.write_bytes(b""), id="empty"),
    ],
)
def test_gazetteer_index_corrupt_is_compiled_again_with_a_warning(
    gazetteer: Path, tmp_path: Path, damage: object
) -> None:
    path = prepare_index([gazetteer], tmp_path)
    damage(path)  # type: ignore[operator]
    with pytest.warns(GraphbuildWarning, match="not a sound gazetteer index"):
        assert prepare_index([gazetteer], tmp_path) == path
    assert GazetteerIndex.open(path).entry("quillon-vantor") is not None


def test_gazetteer_index_symlink_in_its_place_is_replaced_not_followed(
    gazetteer: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    path = prepare_index([gazetteer], cache)
    path.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's file", encoding="utf-8")
    path.symlink_to(victim)
    with pytest.warns(GraphbuildWarning, match="not a regular file"):
        prepare_index([gazetteer], cache)
    assert victim.read_text(encoding="utf-8") == "the victim's file"
    assert not path.is_symlink() and GazetteerIndex.open(path).entry("duneway") is not None


def test_gazetteer_index_malformed_gazetteer_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "names.jsonl"
    path.write_text('{"name": "Quillon", "label": "Place"}\n', encoding="utf-8")
    with pytest.raises(RulesError, match="line 1"):
        prepare_index([path], tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*gazetteer-*"))


def _documents(folder: Path) -> Path:
    path = folder / "news.jsonl"
    lines = [json.dumps({"id": f"d{number}", "text": text}) for number, text in enumerate(TEXTS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_gazetteer_index_names_are_found_in_worker_builds(
    gazetteer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = _documents(tmp_path)
    # batches of two documents: three batches, so the work goes to the worker processes
    options = BuildOptions(gazetteer_files=(gazetteer,), batch_size=2, processes=2)
    cache = tmp_path / "cache"
    in_workers = build_corpus([news], options=replace(options, cache_dir=cache))
    names = {node["name"]: node["label"] for _, node in in_workers.graph.nodes(data=True)}
    assert names["Quillon Vantor"] == "Organization"
    assert names["Duneway Mining Holdings"] == "Organization"
    assert "Quillon-Vantor Inc." not in names and "QV" not in names  # aliases merged
    assert len(list(cache.glob("gazetteer-*"))) == 1  # compiled once, in the cache folder
    # the same graph in one process, and without a cache folder (the index is then compiled
    # in a temporary folder, removed after the build)
    alone = build_corpus([news], options=replace(options, processes=1))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    no_cache = build_corpus([news], options=options)
    assert to_node_link(in_workers.graph) == to_node_link(alone.graph)
    assert to_node_link(no_cache.graph) == to_node_link(alone.graph)
    assert not list(temporary.iterdir())


def test_gazetteer_index_doctests() -> None:
    assert doctest.testmod(gazetteer_index).failed == 0
