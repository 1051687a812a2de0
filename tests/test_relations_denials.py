"""What the sentence denies gives no edge: a negated list verb, "no" before a relational noun,
and a verb that carries a deal rather than making something.

Sentences are written for the project (invented names), run through the real spaCy model.
"""

from __future__ import annotations

import pytest
from test_rules_real import found


@pytest.mark.parametrize(
    "text",
    [
        "The Orrin Foundation's members do not include Brightwater Corp.",
        "The Orrin Foundation does not count Brightwater Corp among its members.",
        "Lumen Labs' investors no longer include Brightwater Corp.",
        "Lumen Labs' clients do not include Brightwater Corp.",
        "Brightwater Corp is no partner of Lumen Labs.",
        "Brightwater Corp has no stake in Lumen Labs.",
    ],
)
def test_relations_denials_give_no_edge(nlp, text):
    assert found(nlp, text) == {}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "The Orrin Foundation counts Brightwater Corp among its members.",
            ("Brightwater", "MEMBER_OF", "Orrin Foundation"),
        ),
        # a "no" further up denies the other noun, not the purchase
        (
            "Brightwater Corp saw no problems with its purchase of Lumen Labs.",
            ("Brightwater", "ACQUIRED", "Lumen Labs"),
        ),
    ],
)
def test_relations_denials_stay_where_they_are(nlp, text, kept):
    assert kept in found(nlp, text)


def test_relations_denials_an_offer_is_made_for_a_target_not_a_client(nlp):
    # "made an offer for Y" is a bid; "made shows for Y" would make Y a client
    triples = found(nlp, "Corvane Studios made an offer for Lumen Broadcasting.")
    assert ("Corvane Studios", "ACQUIRED", "Lumen Broadcasting") in triples
    assert not [t for t in triples if t[1] == "USES"]
