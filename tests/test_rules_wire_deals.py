"""Deals as wire copy states them: a seller naming what it sells in an apposition or a list of
names before a plural noun, bids for a company's shares, offers the bought company accepts and
shares tendered to a bidder. Sentences written for the project (invented names), run through
the real spaCy model and graphbuild's components."""

from __future__ import annotations

import pytest
from test_rules_real import assert_found, found

POSITIVE = [
    # the seller's unit named in an apposition the parser hangs on the governing verb
    (
        "Halden Group said it agreed to sell its remaining European business, Lumen Labs Ltd, "
        "to Corvane Inc for undisclosed terms.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    # names joined before a plural unit noun are each one of the units sold
    (
        "Halden Corp said it agreed to sell its Lumen and Orvell subsidiaries to Corvane PLC "
        "for 400 mln dlrs.",
        ("Corvane", "ACQUIRED", "Orvell"),
    ),
    (
        "Halden Corp said it agreed to sell its Lumen and Orvell subsidiaries to Corvane PLC "
        "for 400 mln dlrs.",
        ("Corvane", "ACQUIRED", "Lumen"),
    ),
    # a bid for all of a company's shares is a bid for the company
    (
        "Kestrel Partners said it started a tender offer for all of Corvane Inc's shares for "
        "100 dlrs a share.",
        ("Kestrel Partners", "ACQUIRED", "Corvane"),
    ),
    # a named company's stock is its own, bought by whoever buys it
    (
        "Corvane Inc said it bought 51 pct of Lumen Corp's common stock.",
        ("Corvane", "ACQUIRED", "Lumen"),
    ),
    (
        "Lumen Corp and Corvane Inc said they signed a definitive agreement under which "
        "Corvane will buy 46.2 mln shares, or 63 pct, of Lumen's common stock.",
        ("Corvane", "ACQUIRED", "Lumen"),
    ),
    # the price's "for" hung on the verb
    (
        "Kestrel Ltd has once more extended its offer of 27 dlrs a share for 1.8 mln Lumen "
        "Development Corp shares to next Friday.",
        ("Kestrel", "ACQUIRED", "Lumen Development"),
    ),
    # the bought company accepting the bid
    (
        "Lumen Labs said it accepted a takeover offer from Corvane Inc.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Lumen Labs accepted Corvane Inc's offer of 12 dlrs a share.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    # a name on the common noun before the plural unit noun
    (
        "Halden Inc said it agreed to sell its Lumen and Orvell security subsidiaries to "
        "Corvane PLC.",
        ("Corvane", "ACQUIRED", "Orvell"),
    ),
    # an executed letter of intent is an agreed deal; the board that signs it acts for its
    # company
    (
        "Corvane Savings Bank said its board has executed a letter of intent to acquire Lumen "
        "Savings Bank for 8 mln dlrs in cash.",
        ("Corvane Savings Bank", "ACQUIRED", "Lumen Savings Bank"),
    ),
    (
        "Corvane Savings Bank said it has executed a letter of intent to acquire Lumen Savings "
        "Bank for 8 mln dlrs in cash.",
        ("Corvane Savings Bank", "ACQUIRED", "Lumen Savings Bank"),
    ),
    # shares tendered to the bidder
    (
        "Orvell Systems said 2,088,461 Lumen Industries Inc common shares have been tendered in "
        "response to Orvell's offer.",
        ("Orvell Systems", "ACQUIRED", "Lumen Industries"),
    ),
]

NEGATIVE = [
    "Kestrel Ltd withdrew its offer of 10 dlrs a share for Lumen Inc shares.",
    # a board backing a bidder neither invests in nor buys it
    "Lumen Inc's directors have backed Corvane Corp, despite its lower offer.",
    "Lumen Labs said it would not accept Corvane Inc's offer.",
    "Lumen Labs rejected a takeover offer from Corvane Inc.",
    "Halden Group said it refused to sell its European business, Lumen Labs Ltd, to Corvane Inc.",
    "Corvane Inc said it has not received any shares of Lumen Labs in response to its offer.",
    "Kestrel Partners said it does not plan to make a tender offer for all of Corvane Inc's "
    "shares.",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t for t, _ in POSITIVE])
def test_rules_wire_deals_finds_the_stated_deal(nlp, text: str, expected) -> None:
    assert_found(found(nlp, text), expected)


@pytest.mark.parametrize("text", NEGATIVE)
def test_rules_wire_deals_states_no_deal(nlp, text: str) -> None:
    triples = found(nlp, text)
    assert not [t for t in triples if t[1] == "ACQUIRED"], sorted(triples)


def test_rules_wire_deals_sale_names_the_apposition_not_a_unit(nlp) -> None:
    # the named company is what is sold, not an unnamed "business" of the seller
    triples = found(
        nlp,
        "Halden Group said it agreed to sell its remaining European business, Lumen Labs Ltd, "
        "to Corvane Inc.",
    )
    assert [t for t in triples if t[1] == "ACQUIRED"] == [("Corvane", "ACQUIRED", "Lumen Labs")]


def test_rules_wire_deals_name_before_a_common_noun_names_the_unit_sold(nlp) -> None:
    # "its Lumen Systems printer business": the named company's business, sold to each buyer
    triples = found(
        nlp,
        "Halden Inc has finished selling 34 pct of its Lumen Information Systems printer "
        "business to Compagnie des Machines Corvane of Belgium and Orvell Corp of Korea.",
    )
    assert ("Orvell", "ACQUIRED", "Lumen Information Systems") in triples, sorted(triples)
    assert ("Compagnie des Machines Corvane", "ACQUIRED", "Lumen Information Systems") in triples


def test_rules_wire_deals_name_before_a_product_noun_makes_no_maker(nlp) -> None:
    # the system named after a product is not that product: its builder does not develop it
    triples = found(
        nlp,
        "Halden Inc has designed ticketing solutions for cities, including Kestrel's Orvell "
        "card system.",
    )
    assert ("Halden", "DEVELOPS", "Orvell") not in triples, sorted(triples)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Corvane Bancorp said it completed the acquisition of three suburban banks. The "
            "banks are Lumen National Bank, Orvell State Bank and Kestrel Savings Bank.",
            {"Lumen National Bank", "Orvell State Bank", "Kestrel Savings Bank"},
        ),
        (
            "Corvane Inc said it agreed to buy two privately held computer retailers. Corvane "
            "said the retailers had revenues of seven mln dlrs. They are Lumen Data Systems Inc, "
            "which sells software, and Orvell Micro Inc, which distributes computers.",
            {"Lumen Data Systems", "Orvell Micro"},
        ),
        (
            "Halden Inc has sold three of its divisions to Corvane Products Inc for 14 mln dlrs. "
            "Included in the sale were Lumen Railway Products, Orvell Appliances Inc and "
            "Kestrel Axle Co.",
            {"Lumen Railway Products", "Orvell Appliances", "Kestrel Axle"},
        ),
    ],
)
def test_rules_wire_deals_counted_plural_named_in_the_next_sentence(nlp, text, expected) -> None:
    bought = {t[2] for t in found(nlp, text) if t[1] == "ACQUIRED"}
    assert bought == expected


def test_rules_wire_deals_names_not_matching_the_count_are_not_the_ones_bought(nlp) -> None:
    # three names for "two banks": the sentence lists something else
    text = (
        "Corvane Bancorp said it completed the acquisition of two banks. The banks are Lumen "
        "National Bank, Orvell State Bank and Kestrel Savings Bank."
    )
    assert not [t for t in found(nlp, text) if t[1] == "ACQUIRED"]


@pytest.mark.parametrize(
    "text",
    [
        "Corvane Corp said it acquired Lumen Inc of Dalton, Ga., and Orvell Inc of Milford, Del.",
        "Corvane Corp has bought the assets of Lumen Inc of Dalton, Ga., and Orvell "
        "Inc, of Milford, Del., at a price it did not give.",
    ],
)
def test_rules_wire_deals_list_with_towns_goes_on_after_the_state(nlp, text) -> None:
    bought = {t[2] for t in found(nlp, text) if t[1] == "ACQUIRED"}
    assert bought == {"Lumen", "Orvell"}


def test_rules_wire_deals_name_after_a_town_in_another_clause_is_no_item(nlp) -> None:
    # "Orvell Inc" is the subject of its own clause, not the next thing bought
    triples = found(
        nlp,
        "Corvane Corp said it acquired Lumen Inc of Dalton, Ga., and Orvell Inc said it "
        "expects to sell its unit.",
    )
    assert ("Corvane", "ACQUIRED", "Orvell") not in triples, sorted(triples)


def test_rules_wire_deals_paragraph_after_an_abbreviation_is_a_new_sentence(nlp) -> None:
    # run together, the two paragraphs parse as one sentence and the bid is lost
    text = (
        "Kestrel Holdings Ltd said the government approved its bid for Lumen Breweries Ltd.\n"
        "    Kestrel had said it was buying 7.6 mln shares, or 52.4 pct of Lumen, "
        "from a subsidiary of Orvell Plc."
    )
    assert ("Kestrel Holdings", "ACQUIRED", "Lumen Breweries") in found(nlp, text)
