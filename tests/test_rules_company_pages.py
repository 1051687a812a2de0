"""Readings of the way company histories and profiles state relations: sentences written for
the project, run through the real spaCy model and graphbuild's components.

Each positive case names a triple the sentence states (the reverse must not be found unless
the type is symmetric); each negative case states no fact of the type named.
"""

from __future__ import annotations

import pytest
from test_rules_real import assert_found, assert_none_of, found

from graphbuild.nlp import UNNAMED_SUBJECT

POSITIVE = [
    # the one credited with a deed named after "for" does it
    (
        "Halden Games is best known for developing Ember Quest.",
        ("Halden Games", "DEVELOPS", "Ember Quest"),
    ),
    (
        "Halden Games is responsible for developing the Orvex engine.",
        ("Halden Games", "DEVELOPS", "Orvex"),
    ),
    (
        "Halden Games, known for producing Ember Quest, was sold in 2010.",
        ("Halden Games", "DEVELOPS", "Ember Quest"),
    ),
    (
        "It is best known today for producing the Ember Quest game series.",
        (UNNAMED_SUBJECT, "DEVELOPS", "Ember Quest"),
    ),
    # "the company" as a verb's object is never that verb's own subject: in a passage naming
    # no other company, it is the one the passage is about
    (
        "In June 2016, Orvell Systems acquired the company for $8.2 million.",
        ("Orvell Systems", "ACQUIRED", UNNAMED_SUBJECT),
    ),
    ("Orvell Systems acquired it in 2001.", ("Orvell Systems", "ACQUIRED", UNNAMED_SUBJECT)),
    (
        "Lumen Labs makes pumps. Orvell Systems acquired the company in 2001.",
        ("Orvell Systems", "ACQUIRED", "Lumen Labs"),
    ),
    # the other name a company is given in brackets is the same company's
    (
        "Halden Park Inc (now Orvell Entertainment) makes pumps. In 2001 Orvell Entertainment "
        "acquired Lumen Labs.",
        ("Halden Park", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Lumen Labs (now part of Orvell Systems) makes pumps. In 2001 Orvell Systems acquired "
        "Corvane Inc.",
        ("Orvell Systems", "ACQUIRED", "Corvane"),
    ),
    # "The company partnered with X" read as a noun with a participle: still its verb
    (
        "By 2011, the company partnered with Orvell Systems to run a ferry line.",
        (UNNAMED_SUBJECT, "PARTNERS_WITH", "Orvell Systems"),
    ),
    # coordinated participles share their passive's subject and their agent
    (
        "The family-owned firm was run from Oslo and funded by Kestrel Capital.",
        ("Kestrel Capital", "INVESTS_IN", UNNAMED_SUBJECT),
    ),
    (
        "It was later bought and taken private by Orvell Systems in May 2020.",
        ("Orvell Systems", "ACQUIRED", UNNAMED_SUBJECT),
    ),
    # a noun standing for the names its relative clause lists
    (
        "Lumen Labs partnered with two firms that include Orvell Systems.",
        ("Lumen Labs", "PARTNERS_WITH", "Orvell Systems"),
    ),
    # a list with words between the noun and its verb
    (
        "In 2017, Lumen Labs raised $13.5 million. Investors across both rounds included "
        "Kestrel Capital and Halden Ventures.",
        ("Kestrel Capital", "INVESTS_IN", "Lumen Labs"),
    ),
    # a passive gerund after a preposition of time is said of the clause's subject
    (
        "After being acquired by Orvell Systems, Lumen Labs became a part of Halden Group.",
        ("Orvell Systems", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Since being bought by Orvell Systems in 2001, Lumen Labs has grown.",
        ("Orvell Systems", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Lumen Labs was absorbed by Orvell Systems in 1999.",
        ("Orvell Systems", "ACQUIRED", "Lumen Labs"),
    ),
    # a round named without its company is the one the sentence before raised
    (
        "Lumen Labs raised $6 million in new funding. Kestrel Capital led this round, "
        "with participation from Halden Group.",
        ("Halden Group", "INVESTS_IN", "Lumen Labs"),
    ),
    # what a company belongs to is its parent; what it belongs to as a body, its membership
    (
        "Since 2001 Lumen Bank belongs to the major bank Orvell Group.",
        ("Lumen Bank", "SUBSIDIARY_OF", "Orvell Group"),
    ),
    (
        "Lumen Labs belongs to the Orvell Foundation.",
        ("Lumen Labs", "MEMBER_OF", "Orvell Foundation"),
    ),
    # nor is the object of a preposition on that verb or its object
    (
        "The firm began in Leeds. In 2020, Orvell Corporation invested $4 million in the company.",
        ("Orvell", "INVESTS_IN", UNNAMED_SUBJECT),
    ),
    # the release (launch) its maker announced
    (
        "This spring Lumen Labs announced the release of a smart lamp, the LumenSound X2.",
        ("Lumen Labs", "DEVELOPS", "LumenSound X2"),
    ),
    # examples after a "for" phrase are of the noun in it: the clients the work is for
    (
        "Lumen Studio creates cookery shows for networks in Canada, including Orvell TV "
        "and Halden Network.",
        ("Orvell TV", "USES", "Lumen Studio"),
    ),
    # a list opening its sentence, without an owner, is of what the sentence before was about
    (
        "Lumen Labs has raised $20 million since 2010. Other investors include Kestrel Capital "
        "and Halden Group.",
        ("Halden Group", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Lumen Labs was listed in 1968. Major shareholders were Kestrel Capital and Halden Group.",
        ("Kestrel Capital", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Lumen Labs makes pumps. Customers include Orvell Systems and Halden Group.",
        ("Orvell Systems", "USES", "Lumen Labs"),
    ),
]

NEGATIVE = [
    ("Halden Games is not known for producing Ember Quest.", "DEVELOPS"),
    # who pays for a deed is not credited with it
    ("Halden Games paid Lumen Labs for developing Ember Quest.", "DEVELOPS"),
    # a modal shared by coordinated participles hedges both
    ("Lumen Labs may be sold or purchased by Kestrel Capital.", "ACQUIRED"),
    # only participles side by side share an agent
    ("Lumen Labs was founded in 2001 and acquired by Orvell Systems in 2005.", "FOUNDED"),
    # a verb's object naming a role others play is no product
    ("Lumen Films has developed lenders such as Orvell Bank.", "DEVELOPS"),
    ("After being rejected by Orvell Systems, Lumen Labs sought other buyers.", "ACQUIRED"),
    ("Orvell Systems absorbed the costs of Lumen Labs.", "ACQUIRED"),
    # another company's launch
    ("Lumen Labs welcomed the launch of Orvell Systems's OrvPhone 3.", "DEVELOPS"),
    # who leads a round is no company raising it
    ("Kestrel Capital led this round, with participation from Halden Group.", "INVESTS_IN"),
    # the networks a studio makes content for are its clients, not its products
    (
        "Lumen Studio creates cookery shows for networks in Canada, including Orvell TV "
        "and Halden Network.",
        "DEVELOPS",
    ),
    (
        "Halden Games develops games for mobile phones, including the Orvex phone.",
        "DEVELOPS",
    ),
    # former customers are no customers, whoever they were of
    ("Lumen Labs makes pumps. Former customers include Orvell Systems.", "USES"),
    # the noun says whose they are
    (
        "Lumen Labs raised $5 million. The other investors among the startups in Oslo are "
        "funds such as Kestrel Capital and Halden Group.",
        "INVESTS_IN",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t for t, _ in POSITIVE])
def test_rules_company_pages_finds_the_stated_relation(nlp, text: str, expected) -> None:
    assert_found(found(nlp, text), expected)


@pytest.mark.parametrize(("text", "relation_type"), NEGATIVE, ids=[t for t, _ in NEGATIVE])
def test_rules_company_pages_states_nothing_unstated(nlp, text: str, relation_type: str) -> None:
    assert_none_of(found(nlp, text), relation_type)


def test_rules_company_pages_owned_list_is_not_the_sentence_befores(nlp) -> None:
    """A list with an owner of its own keeps it."""
    triples = found(
        nlp, "Lumen Labs makes pumps. Orvell Systems says its customers include Halden Group."
    )
    assert ("Halden Group", "USES", "Orvell Systems") in triples, sorted(triples)
    assert ("Halden Group", "USES", "Lumen Labs") not in triples, sorted(triples)
