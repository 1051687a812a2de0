"""Deals, investments, memberships and sponsorships said the ways tech news says them, and
their status in the deal's own clause: sentences written for the project (invented names),
run through the real spaCy model and graphbuild's components."""

from __future__ import annotations

import pytest
from test_rules_real import KEEPING, assert_found, assert_none_of, found

POSITIVE = [
    # a possessive said with a curly apostrophe is a possessive
    (
        "Halvard Corp\u2019s purchase of Keel Solutions Corp closed in May.",
        ("Halvard", "ACQUIRED", "Keel Solutions"),
    ),
    (
        "Glint, which Norvane bought in 2016, now has a million users.",
        ("Norvane", "ACQUIRED", "Glint"),
    ),
    ("After buying Glint, Norvane expanded into Asia.", ("Norvane", "ACQUIRED", "Glint")),
    ("Norvane snapped up Glint for $40 million.", ("Norvane", "ACQUIRED", "Glint")),
    # the round's company is the investee, whoever leads it
    (
        "Tessaly Ventures led a $10 million round in Lumen Labs.",
        ("Tessaly Ventures", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Brightwater Corp signed on to the Lumen Alliance in 2020.",
        ("Brightwater", "MEMBER_OF", "Lumen Alliance"),
    ),
    (
        "Brightwater Corp joined the Lumen Foundation as a gold member.",
        ("Brightwater", "MEMBER_OF", "Lumen Foundation"),
    ),
    (
        "Brightwater Corp began its sponsorship of the Lumen Project in 2015.",
        ("Brightwater", "SPONSORS", "Lumen Project"),
    ),
    (
        "Lumen Engine, a project of the Orvell Foundation, is popular.",
        ("Lumen Engine", "PART_OF", "Orvell Foundation"),
    ),
    (
        "The Lumen Alliance is a consortium formed by Brightwater Corp and Corvane Inc.",
        ("Corvane", "FOUNDED", "Lumen Alliance"),
    ),
    (
        "Brightwater Corp, Corvane Inc and Halden Group form the Lumen Alliance.",
        ("Halden Group", "FOUNDED", "Lumen Alliance"),
    ),
]

# who acts: a company's board, the subject of "in the midst of", a relative clause's antecedent
POSITIVE += [
    (
        "Halvard Corp's board has agreed to purchase Keel Systems.",
        ("Halvard", "ACQUIRED", "Keel Systems"),
    ),
    (
        "Halvard Corp is currently in the midst of buying Keel Systems for $40 billion.",
        ("Halvard", "ACQUIRED", "Keel Systems"),
    ),
    (
        "Tovi Labs is a rival to Quillon Inc, which makes Marlo and is backed by Brightwater Corp.",
        ("Brightwater", "INVESTS_IN", "Quillon"),
    ),
    (
        "Lumen Labs was founded in 2001 and is backed by Tessaly Ventures.",
        ("Tessaly Ventures", "INVESTS_IN", "Lumen Labs"),
    ),
]

# who puts the money in: the one leading or joining a round, not the one it is of
POSITIVE += [
    (
        "Tessaly Ventures participated in the seed funding round of Lumen Labs.",
        ("Tessaly Ventures", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Tessaly Ventures joined a $5 million round in Lumen Labs.",
        ("Tessaly Ventures", "INVESTS_IN", "Lumen Labs"),
    ),
]

# what a reduced relative clause is about
POSITIVE += [
    (
        "Spar, the photo app Glint Corp bought in March, now has a million users.",
        ("Glint", "ACQUIRED", "Spar"),
    ),
    (
        "Brightwater Corp shifted the files to Lumen Labs, the code host it bought earlier "
        "this year.",
        ("Brightwater", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Brightwater Corp has opened its wallet again, acquiring photo sharing platform "
        "Lumen Labs for $250 million, sources said on Tuesday.",
        ("Brightwater", "ACQUIRED", "Lumen Labs"),
    ),
]

POSITIVE += [
    (
        "Brightwater Corp's 2019 purchase of a firm called Lumen Labs paid off.",
        ("Brightwater", "ACQUIRED", "Lumen Labs"),
    ),
]

POSITIVE += [
    (
        "Brightwater Corp contributed the Lumen Engine to the Orvell Foundation.",
        ("Lumen Engine", "PART_OF", "Orvell Foundation"),
    ),
]

POSITIVE += [
    (
        "Brightwater Corp renewed its membership of the Orvell Consortium.",
        ("Brightwater", "MEMBER_OF", "Orvell Consortium"),
    ),
]

NEGATIVE = [
    # failed, blocked, only weighed or talked about: no deal in the default graph
    ("Corvane Inc's purchase of Lumen Labs fell through.", "ACQUIRED"),
    ("Corvane Inc's acquisition of Lumen Labs was derailed by regulators.", "ACQUIRED"),
    ("Corvane Inc is reportedly planning to buy Lumen Labs.", "ACQUIRED"),
    ("Corvane Inc is in the running to buy Lumen Labs.", "ACQUIRED"),
    ("Corvane Inc is a potential suitor for Lumen Labs.", "ACQUIRED"),
    ("Tessaly Ventures is considering buying a stake in Lumen Labs.", "INVESTS_IN"),
    ("Corvane Inc denied reports of its purchase of Lumen Labs.", "ACQUIRED"),
    # hoped for, given up or no longer so
    ("Lumen Labs hopes to join the Orvell Foundation.", "MEMBER_OF"),
    ("Brightwater Corp is not a member of the Lumen Foundation.", "MEMBER_OF"),
    ("Brightwater Corp is no longer a member of the Lumen Foundation.", "MEMBER_OF"),
    ("Brightwater Corp no longer sponsors the Lumen Project.", "SPONSORS"),
    ("Brightwater Corp no longer sponsors the Lumen Project.", "INVESTS_IN"),
    ("Brightwater Corp stopped sponsoring the Lumen Foundation.", "INVESTS_IN"),
    ("Brightwater Corp stopped sponsoring the Lumen Foundation.", "SPONSORS"),
    ("Brightwater Corp ended its sponsorship of the Lumen Project in 2015.", "SPONSORS"),
    ("Its sponsorship of the Lumen Project ended in 2018.", "SPONSORS"),
    ("Tessaly Ventures sold its stake in Lumen Labs.", "INVESTS_IN"),
    ("Brightwater Corp left the Lumen Foundation in 2019.", "MEMBER_OF"),
    ("Brightwater Corp declined to join the Lumen Foundation.", "MEMBER_OF"),
    ("Shares of Lumen Labs may be sold or bought by Tessaly Ventures.", "ACQUIRED"),
    ("Talks on Corvane Inc joining the Orvell Foundation collapsed.", "MEMBER_OF"),
    ("Brightwater Corp's membership of the Orvell Consortium was suspended.", "MEMBER_OF"),
    # only a body hosts projects
    ("The Lumen Engine is a project of Brightwater Corp.", "PART_OF"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t for t, _ in POSITIVE])
def test_rules_deals_finds_the_stated_relation(nlp, text: str, expected) -> None:
    assert_found(found(nlp, text), expected)


@pytest.mark.parametrize(("text", "relation_type"), NEGATIVE, ids=[t for t, _ in NEGATIVE])
def test_rules_deals_states_nothing_unstated(nlp, text: str, relation_type: str) -> None:
    assert_none_of(found(nlp, text), relation_type)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Corvane Inc's purchase of Lumen Labs fell through.", "terminated"),
        ("Corvane Inc's acquisition of Lumen Labs was derailed by regulators.", "terminated"),
        ("Corvane Inc is reportedly planning to buy Lumen Labs.", "rumoured"),
        ("Corvane Inc is in the running to buy Lumen Labs.", "rumoured"),
        # "turned upside down" turns nothing down
        (
            "After Corvane Inc announced on Monday its plan to acquire Lumen Labs, the "
            "sector was turned upside down.",
            "announced",
        ),
    ],
)
def test_rules_deals_status_in_the_deals_own_clause(nlp, text: str, status: str) -> None:
    triples = found(nlp, text, KEEPING)
    assert triples.get(("Corvane", "ACQUIRED", "Lumen Labs")) == status, triples


def test_rules_deals_respectively_pairs_by_position(nlp) -> None:
    text = (
        "Lumen Labs and Orvell Systems were sold to Brightwater Corp and Corvane Inc respectively."
    )
    acquired = {t for t in found(nlp, text) if t[1] == "ACQUIRED"}
    assert acquired == {
        ("Brightwater", "ACQUIRED", "Lumen Labs"),
        ("Corvane", "ACQUIRED", "Orvell Systems"),
    }
