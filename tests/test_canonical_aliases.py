"""Short forms a document defines for a name ("Halvern Data Systems (HDS)") and the test that
decides whether a short form spells a name; aliases are names, never "it" or "the company"."""

from __future__ import annotations

import pytest

from graphbuild.canonical import is_reference
from graphbuild.graph import GraphBuilder
from graphbuild.nlp import COREF_KEY, MENTIONS_KEY, _abbreviates, make_doc
from graphbuild.records import Document, DocumentResult, Mention


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("HDS", "Halvern Data Systems", True),
        ("ETL", "Evrimond Tasman Ltd", True),  # the legal form counts
        ("NC Gas", "Northern Continental Gas Association", True),
        ("BWA", "Borel-Wendt Australia Ltd", True),
        ("UK", "Castlebury Holdings", False),
        ("HP", "Cisco", False),
        ("X", "Xerafin", False),  # one letter is no abbreviation
    ],
)
def test_canonical_aliases_abbreviation_test(short: str, full: str, expected: bool) -> None:
    assert _abbreviates(short, full) is expected


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("Halvern Data Systems (HDS) said HDS would expand.", "HDS", "Halvern Data Systems"),
        (
            "Castlebury Holdings UK Ltd. ('Brackwell') agreed to buy the plant."
            " Brackwell said the deal would close in May.",
            "Brackwell",
            "Castlebury Holdings UK",
        ),
        (
            "Northern Continental Gas Association, NC Gas, said it bought Pellow Group.",
            "NC Gas",
            "Northern Continental Gas Association",
        ),
    ],
)
def test_canonical_aliases_defined_short_form_means_the_full_name(nlp, text, short, full) -> None:
    doc = nlp(make_doc(nlp, text))
    mentions = [(span.text, span.id_) for span in doc.spans[MENTIONS_KEY]]
    assert any(name == full for _, name in mentions)
    uses = [name for surface, name in mentions if surface == short]
    assert uses and all(name == full for name in uses)  # every use, not only the definition


def test_canonical_aliases_name_before_the_brackets_is_kept_whole(nlp) -> None:
    doc = nlp(make_doc(nlp, "Halvern Data Systems (HDS) said HDS would expand its business."))
    assert "Halvern Data Systems" in {span.text for span in doc.ents}
    assert "Halvern" not in {span.text for span in doc.ents}
    assert {span.id_ for span in doc.spans[COREF_KEY]} <= {"Halvern Data Systems"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it", True),
        ("Its", True),
        ("they", True),
        ("The company", True),
        ("the Danish shipping group", True),
        ("this subsidiary company", True),
        ("retail division", True),  # a description in lower case names nothing
        ("Tessaly Foods", False),
        ("The Marrow Company", False),  # a name that begins with "The"
        ("eVanto", False),
        ("3Q Labs", False),
        ("TMC", False),
    ],
)
def test_canonical_aliases_reference_or_name(text: str, expected: bool) -> None:
    assert is_reference(text) is expected


def _mention(text: str, name: str, *, unnamed: bool = False) -> Mention:
    return Mention(text=text, name=name, label="Organization", start=0, end=1, unnamed=unnamed)


def test_canonical_aliases_list_names_only_and_unnamed_nodes_keep_references() -> None:
    document = Document(id="d1", text="...")
    mentions = (
        _mention("Tessaly Foods Inc.", "Tessaly Foods"),
        _mention("it", "Tessaly Foods"),
        _mention("the company", "Tessaly Foods"),
        _mention("its", "Tessaly Foods"),
        _mention("It", "unnamed organisation in d1", unnamed=True),
        _mention("The store", "unnamed organisation in d1", unnamed=True),
    )
    builder = GraphBuilder()
    builder.add(DocumentResult(document=document, mentions=mentions))
    graph = builder.graph()
    assert graph.nodes["tessaly-foods"]["aliases"] == ["Tessaly Foods Inc."]
    (unnamed,) = [attrs for _, attrs in graph.nodes(data=True) if attrs.get("unnamed")]
    assert unnamed["name"] == "unnamed organisation in d1"
    # a company the text never names is known by how the text refers to it
    assert unnamed["aliases"] == ["It", "The store"]


def test_canonical_aliases_of_the_seeds_hold_no_pronoun(seeds_graph) -> None:
    for _, attributes in seeds_graph.nodes(data=True):
        if attributes.get("unnamed"):
            continue
        references = [alias for alias in attributes["aliases"] if is_reference(alias)]
        assert references == [], attributes["name"]
        lowered = {alias.casefold() for alias in attributes["aliases"]}
        assert not lowered & {"it", "its", "the company", "the project"}, attributes["name"]
