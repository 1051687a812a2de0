"""A holding counted out ("the group, which owns 30% of Y") makes its owner an investor in Y,
not Y's parent, whichever ownership rule reads it; on real parses of invented sentences."""

from __future__ import annotations

from test_rules_real import found


def test_rules_holdings_counted_out_make_no_parent(nlp) -> None:
    # the rule that reads a unit running Y retypes it as the ownership rule does
    triples = found(nlp, "He returned to the Kestrel group, which owns 30% of Lumen Labs.")
    assert ("Kestrel", "INVESTS_IN", "Lumen Labs") in triples, sorted(triples)
    assert ("Lumen Labs", "SUBSIDIARY_OF", "Kestrel") not in triples, sorted(triples)


def test_rules_holdings_a_bought_holding_is_not_its_sellers_company(nlp) -> None:
    # "bought X's stake in Y": X held the stake and sold it; the buyer invests in Y
    for text in (
        "Orvell Systems agreed to buy Halden Group's stake in Corvane Inc.",
        "Orvell Systems agreed to buy Halden Group's 4.8% holding in Corvane Inc.",
    ):
        triples = found(nlp, text)
        assert ("Orvell Systems", "INVESTS_IN", "Corvane") in triples, sorted(triples)
        assert not [t for t in triples if t[0] == "Orvell Systems" and t[2] == "Halden Group"]


def test_rules_holdings_a_bought_unit_is_still_its_owners(nlp) -> None:
    # what a company owns outright (its business, its unit) is bought from it, as before
    triples = found(nlp, "Orvell Systems bought Halden Group's retail business.")
    assert ("Orvell Systems", "ACQUIRED", "Halden Group") in triples, sorted(triples)


def test_rules_holdings_an_owned_brand_is_no_subsidiary(nlp) -> None:
    # "owns the X and Y brands": products of the owner, not companies within it
    triples = found(
        nlp,
        "Halden Group, which also owns the Quillon and Marrow stout brands, said it would cut "
        "costs.",
    )
    assert not [t for t in triples if t[1] == "SUBSIDIARY_OF"], sorted(triples)
    # what it owns by a company's name is still a company within it
    triples = found(nlp, "Halden Group owns Quillon Ltd and Marrow Inc.")
    assert ("Quillon", "SUBSIDIARY_OF", "Halden Group") in triples, sorted(triples)
