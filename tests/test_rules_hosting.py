"""Hosting, founding, makers, parents and deals said the ways tech news says them: sentences
written for the project (invented names), run through the real spaCy model and graphbuild's
components.

Each positive case names a triple the sentence states (the reverse must not be found); each
negative case states no fact of the type named.
"""

from __future__ import annotations

import pytest
from test_rules_real import assert_found, assert_none_of, found

POSITIVE = [
    # a possessor the parser hung elsewhere ("... in the spring and X's purchase of Y")
    (
        "Investors expected a bid after Halden AG\u2019s offer for Lumen Software in the spring "
        "and Tessaly Corp\u2019s purchase of Corvane Systems Corp.",
        ("Tessaly", "ACQUIRED", "Corvane Systems"),
    ),
    # "to" + a description read by the parser as an infinitive
    (
        "Lumen Labs, which was sold for $275 million last May to chip giant Corvane, has grown.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    # the deals a company's people made, named as examples
    (
        "In earlier years, acquisitions made by Corvane's former chiefs, including Lumen Labs, an "
        "early chat site, and Kestrel Soft, a photo website, have been shuttered.",
        ("Corvane", "ACQUIRED", "Kestrel Soft"),
    ),
    # founding said with a noun, or by whoever led a body's launch
    (
        "The Lumen Ledger Project was launched in 2019 led by the Orvell Foundation.",
        ("Orvell Foundation", "FOUNDED", "Lumen Ledger Project"),
    ),
    (
        "The Orvell Foundation on Monday announced the formation of the Lumen Security Alliance.",
        ("Orvell Foundation", "FOUNDED", "Lumen Security Alliance"),
    ),
    # hosting: run (brought together) under a body, under its wing, overseen by it
    (
        "Both the Lumen Engine and the Orbit Project are run under the Orvell Foundation.",
        ("Orbit Project", "PART_OF", "Orvell Foundation"),
    ),
    (
        "The coders created Lumen Office under the wing of the Orvell Foundation.",
        ("Lumen Office", "PART_OF", "Orvell Foundation"),
    ),
    (
        "The Orvell Foundation will continue to oversee Lumen Engine.",
        ("Lumen Engine", "PART_OF", "Orvell Foundation"),
    ),
    # subsidiaries: a description before its name, a venture of two owners
    (
        "The quickest-growing branch of Brightwater Corp, Lumen Labs was often said to be "
        "held back.",
        ("Lumen Labs", "SUBSIDIARY_OF", "Brightwater"),
    ),
    (
        "Corvane Inc, a venture of Brightwater Corp and Halden Group, makes pumps.",
        ("Corvane", "SUBSIDIARY_OF", "Halden Group"),
    ),
    # a name joined to a participle by a hyphen acts on what it describes
    (
        "The Halden Group-owned Lumen Labs sued Orvell Systems.",
        ("Lumen Labs", "SUBSIDIARY_OF", "Halden Group"),
    ),
    (
        "Lumen Labs, a Brightwater-backed startup, sued Halden Corp.",
        ("Brightwater", "INVESTS_IN", "Lumen Labs"),
    ),
    # what a named unit runs is a company within the company
    (
        "A spokesman for Brightwater Corp's Kestrel unit, which oversees Lumen Labs, declined to "
        "comment.",
        ("Lumen Labs", "SUBSIDIARY_OF", "Kestrel"),
    ),
    # makers: the name a described product is given
    (
        "Tessaly Ventures is putting money into the startup Lumen Labs, which makes a chat "
        "tool called Kestrel Chat.",
        ("Lumen Labs", "DEVELOPS", "Kestrel Chat"),
    ),
    (
        "Last week, Brightwater Corp released the full source code for LumenDOS on Codehub.",
        ("Brightwater", "DEVELOPS", "LumenDOS"),
    ),
    # backers: "by" hung on a manner phrase
    (
        "Halden, which makes Orbita and is funded in a large way by Corvane Capital, raised money.",
        ("Corvane Capital", "INVESTS_IN", "Halden"),
    ),
    (
        "In 2021, Brightwater and Corvane formed the Lumen Foundation -- a fresh non-profit "
        "body to steward the Kestrel programming language.",
        ("Kestrel", "PART_OF", "Lumen Foundation"),
    ),
    (
        "With its many members, the Lumen Foundation will also help to direct such projects as "
        "Kestrel Engine, Orbit DB and Pelta Mesh.",
        ("Kestrel Engine", "PART_OF", "Lumen Foundation"),
    ),
    # "a pair of the projects that ...": the subject is among them
    (
        "The Lumen Initiative and the Kestrel Coalition are just a pair of the projects that "
        "shall be gathered under the new Orvell Foundation.",
        ("Kestrel Coalition", "PART_OF", "Orvell Foundation"),
    ),
    # a participle on the second of two names describes the second alone
    (
        "The Lumen Engine, founded in 2014, and the Orbit Coalition, founded by Brightwater "
        "Corp, will merge.",
        ("Brightwater", "FOUNDED", "Orbit Coalition"),
    ),
]

NEGATIVE = [
    (
        "The Orvell Trade Commission, which oversees Lumen Labs, declined to comment.",
        "SUBSIDIARY_OF",
    ),
    # deals are done, not made
    (
        "In earlier years, acquisitions made by Corvane's former chiefs, including Lumen Labs, "
        "have been shuttered.",
        "DEVELOPS",
    ),
    # a term the text only ever owns or brackets is no company of the owner's
    (
        "Lumen Labs signed a license agreement (LLA) with Kestrel. Kestrel later sought to end "
        "its LLA. Brightwater rose. Brightwater's LLA was upheld.",
        "SUBSIDIARY_OF",
    ),
    # a name on a deal noun names the deal, not a product the clause's cue is about
    (
        "Brightwater Corp admitted the rush in its statement about its Kestrel deal.",
        "DEVELOPS",
    ),
    ("Brightwater Corp released a version for LumenDOS.", "DEVELOPS"),
    ("Lumen Labs is run under Brightwater Corp.", "PART_OF"),
    ("Brightwater Corp will continue to oversee Lumen Engine.", "PART_OF"),
    ("Brightwater Corp opposed the formation of the Lumen Security Alliance.", "FOUNDED"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t for t, _ in POSITIVE])
def test_rules_hosting_finds_the_stated_relation(nlp, text: str, expected) -> None:
    assert_found(found(nlp, text), expected)


@pytest.mark.parametrize(("text", "relation_type"), NEGATIVE, ids=[t for t, _ in NEGATIVE])
def test_rules_hosting_states_nothing_unstated(nlp, text: str, relation_type: str) -> None:
    assert_none_of(found(nlp, text), relation_type)


def test_rules_hosting_participle_describes_its_own_conjunct(nlp) -> None:
    text = (
        "The Lumen Engine, founded in 2014, and the Orbit Coalition, founded by Brightwater "
        "Corp, will merge."
    )
    assert ("Brightwater", "FOUNDED", "Lumen Engine") not in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Brightwater Corp had a weak year. Orvell Systems ended its deal with Brightwater "
            "Corp\u2019s Lumen Labs. Lumen Labs will appeal.",
            {("Lumen Labs", "SUBSIDIARY_OF", "Brightwater")},
        ),
        # a country's company, a name split at its "'s", a department named by its kind
        (
            "Norway had a weak year. Orvell Systems ended its deal with Norway's Lumen Labs. Lumen "
            "Labs will appeal.",
            set(),
        ),
        ("Orvell Systems ended its deal with Halden's Lumen Labs.", set()),
        (
            "Brightwater Corp had a weak year. Brightwater Corp's Cloud Tools Group grew. The "
            "Cloud Tools Group has 40 staff.",
            set(),
        ),
    ],
)
def test_rules_hosting_company_after_a_possessive_is_a_unit(nlp, text: str, expected) -> None:
    units = {t for t in found(nlp, text) if t[1] == "SUBSIDIARY_OF"}
    assert units == expected, units
