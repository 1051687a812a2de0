"""Rivals, makers, users, partners and parents said the ways tech news says them: sentences
written for the project, run through the real spaCy model and graphbuild's components.

Each positive case names a triple the sentence states (the reverse must not be found unless
the type is symmetric); each negative case states no fact of the type named.
"""

from __future__ import annotations

import pytest
from test_rules_real import assert_none_of, found

from graphbuild.records import SYMMETRIC_TYPES

POSITIVE = [
    # a present-tense verb the tagger reads as a plural noun in a sentence without a verb
    (
        "Nimbus Analytics competes with Brightwater Corp.",
        ("Nimbus Analytics", "COMPETES_WITH", "Brightwater"),
    ),
    (
        "Nimbus Analytics competes against Brightwater Corp.",
        ("Nimbus Analytics", "COMPETES_WITH", "Brightwater"),
    ),
    (
        "Nimbus Analytics partners with Brightwater Corp.",
        ("Nimbus Analytics", "PARTNERS_WITH", "Brightwater"),
    ),
    # rivalry said indirectly
    (
        "Billed as an alternative to Vantor Systems, Glint Software signed up 40,000 shops.",
        ("Glint Software", "COMPETES_WITH", "Vantor Systems"),
    ),
    (
        "As an alternative database to Vantor Systems, Glint Software had won early fans.",
        ("Glint Software", "COMPETES_WITH", "Vantor Systems"),
    ),
    (
        "The deal will enable Beacon Software to better compete against Glint Systems.",
        ("Beacon Software", "COMPETES_WITH", "Glint Systems"),
    ),
    (
        "Halden Media now takes on Streamly Inc, Pindle TV and Vue Networks.",
        ("Halden Media", "COMPETES_WITH", "Vue Networks"),
    ),
    (
        "Orvell Systems is a direct challenge to Lumen Labs.",
        ("Orvell Systems", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "So the deal was a boost to Glint Software, the only viable Vantor Systems competitor.",
        ("Glint Software", "COMPETES_WITH", "Vantor Systems"),
    ),
    # "as a rival" hung by the parser on the name it describes
    (
        "The deal cements Glint Software as a strong rival to Lumen Labs.",
        ("Glint Software", "COMPETES_WITH", "Lumen Labs"),
    ),
    # an apposition after a relative clause describes the name right before its comma
    (
        "Another backer is Brixo Holdings, which has put money not only in Glint Software "
        "but in Orvell Systems, yet another rival to Lumen Labs.",
        ("Orvell Systems", "COMPETES_WITH", "Lumen Labs"),
    ),
    # a bare plural naming the rivals right after it, each with its country, in a
    # hypothetical clause: the noun still names them rivals
    (
        "A bigger Lumen Orvell Networks would compete better against rivals Sweden's Corvane "
        "Systems, China's Halden Group and France's Brixo Holdings.",
        ("Lumen Orvell Networks", "COMPETES_WITH", "Brixo Holdings"),
    ),
    (
        "A bigger Lumen Orvell Networks would compete better against rivals Sweden's Corvane "
        "Systems, China's Halden Group and France's Brixo Holdings.",
        ("Lumen Orvell Networks", "COMPETES_WITH", "Corvane Systems"),
    ),
    (
        "Lumen Orvell Networks wants to buy rivals Corvane Systems and Halden Group.",
        ("Lumen Orvell Networks", "COMPETES_WITH", "Halden Group"),
    ),
    # rivalry, partnership and use said indirectly
    (
        "Varga praised Orvell Systems as being the market counterpart to Lumen Labs.",
        ("Orvell Systems", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp has been losing ground to Lumen Labs in Europe.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "There is no love lost between Glint Software and Lumen Labs.",
        ("Glint Software", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Corvane Inc is fourth and makes up 6.2% of Lumen Labs's top line.",
        ("Corvane", "USES", "Lumen Labs"),
    ),
    (
        "Then comes Corvane Inc which contributes 2.7% of Lumen Labs's revenue.",
        ("Corvane", "USES", "Lumen Labs"),
    ),
    # the relative pronoun is the infinitive's object, not the partner
    (
        "Many focus on Orbix, the mobile OS which Glint Software and Vantor Systems teamed up "
        "to push last year.",
        ("Glint Software", "PARTNERS_WITH", "Vantor Systems"),
    ),
    (
        "Lumen Orvell Networks, a venture of Lumen Labs and Orvell Systems, makes routers.",
        ("Lumen Labs", "PARTNERS_WITH", "Orvell Systems"),
    ),
    (
        "Orbix turned into a niche system after Brixo Holdings dropped it in favour of Lumen Labs' "
        "Zephyr software.",
        ("Brixo Holdings", "USES", "Zephyr"),
    ),
    (
        "In a surprise move, Lumen Labs declared Orvell Search as its default web browser.",
        ("Lumen Labs", "USES", "Orvell Search"),
    ),
    # the ground lost to a rival is lost, whatever is tried to win it back
    (
        "Halden Media launches its Streamly service in an attempt to regain ground lost to "
        "Pindle Inc.",
        ("Halden Media", "COMPETES_WITH", "Pindle"),
    ),
    (
        "Halden Media will try to win back customers lost to Pindle Inc.",
        ("Halden Media", "COMPETES_WITH", "Pindle"),
    ),
    (
        "Corvane Inc lags behind Lumen Labs in cloud computing.",
        ("Corvane", "COMPETES_WITH", "Lumen Labs"),
    ),
    # every item of the list after "a challenge to", its last a product with its maker
    (
        "Streamly is a direct challenge to Pindle, Vue Networks, smaller start-up Tovara and "
        "Brixo's Orbit Radio.",
        ("Streamly", "COMPETES_WITH", "Tovara"),
    ),
    (
        "Streamly is a direct challenge to Pindle, Vue Networks, smaller start-up Tovara and "
        "Brixo's Orbit Radio.",
        ("Streamly", "COMPETES_WITH", "Orbit Radio"),
    ),
    (
        "The partnership unites Corvane Inc and Halden Group against market leader Lumen Labs.",
        ("Halden Group", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Tovara Inc had signed a master license agreement (MLA) with Orvell Systems.",
        ("Tovara", "PARTNERS_WITH", "Orvell Systems"),
    ),
    (
        "Corvane Inc squares off against Lumen Labs in the tablet market.",
        ("Corvane", "COMPETES_WITH", "Lumen Labs"),
    ),
    ("Corvane Inc is going up against Lumen Labs.", ("Corvane", "COMPETES_WITH", "Lumen Labs")),
    (
        "Corvane Inc is a serious threat to Lumen Labs.",
        ("Corvane", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Corvane Inc has been eating into Lumen Labs' market share.",
        ("Corvane", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Corvane Inc has taken market share from Lumen Labs.",
        ("Corvane", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Corvane Inc and Lumen Labs joined forces last year.",
        ("Corvane", "PARTNERS_WITH", "Lumen Labs"),
    ),
    ("Corvane Inc sources its chips from Lumen Labs.", ("Corvane", "USES", "Lumen Labs")),
    # the makers of unnamed products stand for them
    ("Corvane Inc's phones use Lumen Labs' chips.", ("Corvane", "USES", "Lumen Labs")),
    ("Corvane Inc uses chips made by Lumen Labs.", ("Corvane", "USES", "Lumen Labs")),
    # a rival named with its trade, in a clause hedged on something else
    (
        "For three years Brightwater Corp has been trying to acquire rival chip maker Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    # references back: the "by" agent of a passive owns "its"; an object is not its own
    # infinitive's subject; a possessive in what is said of a subject is not the subject
    (
        "Tarnwell Holdings licensed the cores. Those CPU cores were marketed by Drayton Semi "
        "under its Ember brand.",
        ("Drayton Semi", "DEVELOPS", "Ember"),
    ),
    (
        "Glint Software made designs so good that Drayton Semi, also a Nixa Systems licensee, "
        "chose to buy the company.",
        ("Drayton Semi", "ACQUIRED", "Glint Software"),
    ),
    (
        "Brightwater Corp said Lumen Labs is one of its main competitors.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    # a parent named in an apposition or a compound, and a unit's own name before "of"
    (
        "Lumen Labs, a Brightwater Corp subsidiary, makes pumps.",
        ("Lumen Labs", "SUBSIDIARY_OF", "Brightwater"),
    ),
    (
        "Brixo Holdings, the parent company of Lumen Labs, reported losses.",
        ("Lumen Labs", "SUBSIDIARY_OF", "Brixo Holdings"),
    ),
    (
        "The Lumen Labs unit of Brightwater Corp makes pumps.",
        ("Lumen Labs", "SUBSIDIARY_OF", "Brightwater"),
    ),
]

NEGATIVE = [
    # a relational noun under a negated verb
    ("Brightwater Corp is not a rival of Lumen Labs.", "COMPETES_WITH"),
    ("Lumen Labs is not one of Brightwater Corp's biggest competitors.", "COMPETES_WITH"),
    ("Lumen Labs is not a unit of Brightwater Corp.", "SUBSIDIARY_OF"),
    ("Brightwater Corp is not the parent company of Lumen Labs.", "SUBSIDIARY_OF"),
    ("Lumen Labs was taken on by Brightwater Corp to run its adverts.", "COMPETES_WITH"),
    ("Brightwater Corp filed a legal challenge to the merger of Lumen Labs.", "COMPETES_WITH"),
    (
        "Lumen Orvell Networks does not face rivals Corvane Systems and Halden Group.",
        "COMPETES_WITH",
    ),
    ("Brightwater Corp did not lose customers to Lumen Labs.", "COMPETES_WITH"),
    ("Analysts do not see Glint Software as being a rival to Lumen Labs.", "COMPETES_WITH"),
    ("Brightwater Corp lost a lawsuit to Lumen Labs.", "COMPETES_WITH"),
    ("Halden Media recouped the money lost to Pindle Inc.", "COMPETES_WITH"),
    ("Corvane Inc fell behind schedule after Lumen Labs left.", "COMPETES_WITH"),
    ("Corvane Inc took over the business from Lumen Labs.", "COMPETES_WITH"),
    ("Corvane Inc's engineers do not use Lumen Labs' chips.", "USES"),
    ("Corvane Inc's engineers praised Lumen Labs' chips.", "USES"),
    ("Corvane Inc's shares went up against the dollar.", "COMPETES_WITH"),
    ("Corvane Inc is no threat to Lumen Labs.", "COMPETES_WITH"),
    ("Rising costs ate into Corvane Inc's margins.", "COMPETES_WITH"),
    ("Corvane Inc refused to join forces with Lumen Labs.", "PARTNERS_WITH"),
    ("Corvane Inc said cloud services made up 40% of its revenue.", "USES"),
    ("The venture of Lumen Labs, Orvell Systems and Halden Group failed.", "PARTNERS_WITH"),
    # a grade of membership is not a member
    ("We are glad to be a Gold member of the Lumen Foundation.", "MEMBER_OF"),
    # patents and stakes are held, not made
    ("Brightwater Corp sued Lumen Labs over its Glint phone patents.", "DEVELOPS"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_rules_rivals_finds_the_stated_relation(nlp, text: str, expected) -> None:
    triples = found(nlp, text)
    head, relation_type, tail = expected
    assert expected in triples or (
        relation_type in SYMMETRIC_TYPES and (tail, relation_type, head) in triples
    ), sorted(triples)
    if relation_type not in SYMMETRIC_TYPES:
        assert (tail, relation_type, head) not in triples, sorted(triples)


@pytest.mark.parametrize(("text", "relation_type"), NEGATIVE)
def test_rules_rivals_states_nothing_unstated(nlp, text: str, relation_type: str) -> None:
    assert_none_of(found(nlp, text), relation_type)


WRONG = [
    # an apposition after a list describes the last item only
    (
        "Its portfolio includes Glint Systems, Zephra Inc, as well as Brixo Holdings, the parent "
        "company of Chirp.",
        ("Chirp", "SUBSIDIARY_OF", "Glint Systems"),
    ),
    (
        "Tarnwell Holdings licensed the cores. Those CPU cores were marketed by Drayton Semi "
        "under its Ember brand.",
        ("Tarnwell Holdings", "DEVELOPS", "Ember"),
    ),
    (
        "Glint Software made designs so good that Drayton Semi, also a Nixa Systems licensee, "
        "chose to buy the company.",
        ("Drayton Semi", "ACQUIRED", "Nixa Systems"),
    ),
    # the apposition after the relative clause is not the subject's
    (
        "Another backer is Brixo Holdings, which has put money not only in Glint Software "
        "but in Orvell Systems, yet another rival to Lumen Labs.",
        ("Brixo Holdings", "COMPETES_WITH", "Lumen Labs"),
    ),
    # rivals named after a clause without a subject of its own: not each other's
    (
        "Banca Lumen held a market share of 41% in Calabria, comparing to rivals Cassa "
        "di Orvell e Lucania (15%) and Banco di Halden (11%).",
        ("Cassa di Orvell", "COMPETES_WITH", "Lucania"),
    ),
    (
        "Many focus on Orbix, the mobile OS which Glint Software and Vantor Systems teamed up "
        "to push last year.",
        ("Glint Software", "PARTNERS_WITH", "Orbix"),
    ),
    # a round led by an investor says nothing of the investors listed after it
    (
        "In May 2019, Halden Home raised $25 million of Series B money in a round led by "
        "Tessaly Ventures with participation from Quillon Capital, as well as earlier investors "
        "Zorin Ventures, Brixo Capital, and Orvell Labs.",
        ("Tessaly Ventures", "INVESTS_IN", "Brixo Capital"),
    ),
    # goods bought along with a company are not what the buyer uses
    (
        "In May 2016, Allery Corp bought Dagmar Inc with web products from Berner Group "
        "for about 250 million kroner.",
        ("Allery", "USES", "Berner Group"),
    ),
    # a word of a name is no object noun ("Power" of a fund's name)
    (
        "In 2011, Halden Home got $7.5 million of venture capital from Power Ventures.",
        ("Halden Home", "USES", "Power Ventures"),
    ),
    # rivals a subjectless clause falls behind are not each other's
    (
        "The first release of Orbix is now falling behind rivals such as Lumen Labs and "
        "Orvell Systems.",
        ("Lumen Labs", "COMPETES_WITH", "Orvell Systems"),
    ),
    # an agreement's abbreviation is no partner
    (
        "Tovara Inc had signed a master license agreement (MLA) with Orvell Systems.",
        ("Tovara", "PARTNERS_WITH", "MLA"),
    ),
    # an epithet after a name in its own sentence is some other company: no guess
    (
        "The spinoff will let Tovi Pay Inc compete in a market warming up with newcomers such "
        "as Beacon Wallet, which the Lakeside, Ore., company showed in May.",
        ("Tovi Pay", "DEVELOPS", "Beacon Wallet"),
    ),
]


@pytest.mark.parametrize(("text", "triple"), WRONG)
def test_rules_rivals_reference_back_resolved_to_the_right_name(nlp, text: str, triple) -> None:
    assert triple not in found(nlp, text)


def test_rules_rivals_place_epithet_without_a_name_in_its_sentence_resolves(nlp) -> None:
    text = (
        "Vantor Inc reported strong sales. On Friday it was reported that the Lakeside-based "
        "software giant had joined the Orbit Foundation."
    )
    assert ("Vantor", "MEMBER_OF", "Orbit Foundation") in found(nlp, text)
