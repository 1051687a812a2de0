"""A relation noun that states no present fact gives no edge: a role that is over ("a former
unit of Y", "X, once the owner of Y"), a holding given up ("is offloading its stake in Y", "the
sale of its stake in Y"), a prospect ("a possible alliance with Y", "its proposed investment in
Y") or a relation only sought ("plans a joint venture with Y").

Sentences are written for the project (invented names), run through the real spaCy model.
"""

from __future__ import annotations

import pytest
from test_rules_real import KEEPING, found


@pytest.mark.parametrize(
    "text",
    [
        "Lumen Labs, a former unit of Brightwater Corp, makes pumps.",
        "Corvane Inc, once the owner of Lumen Labs, said nothing.",
        "Halden Group is offloading its stake in Lumen Labs.",
        "Kestrel Capital has handed over its entire stake in Lumen Labs to Corvane Inc.",
        "Kestrel Capital has transferred its controlling stake in Lumen Labs to Corvane Inc.",
        "Halden Group expects to report the sale of its minority stake in Lumen Labs in March.",
        "Orvell Systems says it plans a Chilean joint venture with Lumen Labs.",
        "Orvell Systems is seeking a partnership with Lumen Labs.",
        "Orvell Systems is in talks with its bankers about a possible alliance with Lumen Labs.",
        "Orvell Systems announced a potential partnership with Lumen Labs.",
    ],
)
def test_modality_relation_not_current_gives_no_edge(nlp, text: str) -> None:
    assert found(nlp, text) == {}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Lumen Labs, a unit of Brightwater Corp, makes pumps.",
            ("Lumen Labs", "SUBSIDIARY_OF", "Brightwater"),
        ),
        (
            "Corvane Inc, the owner of Lumen Labs, said nothing.",
            ("Corvane", "INVESTS_IN", "Lumen Labs"),
        ),
        ("Halden Group holds a stake in Lumen Labs.", ("Halden Group", "INVESTS_IN", "Lumen Labs")),
        (
            "Orvell Systems has a joint venture with Lumen Labs.",
            ("Orvell Systems", "PARTNERS_WITH", "Lumen Labs"),
        ),
        (
            "Orvell Systems formed a partnership with Lumen Labs.",
            ("Orvell Systems", "PARTNERS_WITH", "Lumen Labs"),
        ),
        # a past word on a verb's object describes the object, not the relation
        (
            "Brightwater Corp, which owns former building society Lumen Labs, grew.",
            ("Lumen Labs", "SUBSIDIARY_OF", "Brightwater"),
        ),
        # studying one's rivals states them
        (
            "After studying competitors like Halden Group, Lumen Labs opened in 1979.",
            ("Lumen Labs", "COMPETES_WITH", "Halden Group"),
        ),
        # a deal keeps its status instead: an agreed sale is a deal, not a stake given up
        (
            "Halden Group agreed the sale of Lumen Labs to Corvane Inc.",
            ("Corvane", "ACQUIRED", "Lumen Labs"),
        ),
    ],
)
def test_modality_current_relation_is_kept(nlp, text: str, kept: tuple[str, str, str]) -> None:
    triples = found(nlp, text)
    assert kept in triples or (kept[2], kept[1], kept[0]) in triples, sorted(triples)


def test_modality_a_buyer_only_tipped_is_rumoured(nlp) -> None:
    text = "Corvane Inc, long tipped to buy Lumen Labs, was shut out of the auction."
    assert found(nlp, text, KEEPING).get(("Corvane", "ACQUIRED", "Lumen Labs")) == "rumoured"
    assert found(nlp, text) == {}
