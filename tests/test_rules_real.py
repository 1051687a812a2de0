"""Relation rules on real parses: sentences written for the project, run through the real
spaCy model and graphbuild's components, as ``graphbuild build`` runs them.

Each positive case names the triple the sentence states; the reverse must not be found
(direction matters). Each negative case states no fact of its type (negated, hedged, only
talked about, or the names play other roles). Names are invented or generic, or well-known
companies where a case needs the gazetteer or the way the model reads a known name.
"""

from __future__ import annotations

import pytest

from graphbuild.nlp import UNNAMED_SUBJECT, make_doc
from graphbuild.records import SYMMETRIC_TYPES, Document
from graphbuild.rules import Extractor, rule_set

EXTRACTOR = Extractor(rule_set())
KEEPING = Extractor(rule_set(), keep_uncertain=True)


def found(nlp, text: str, extractor: Extractor = EXTRACTOR) -> dict[tuple[str, str, str], str]:
    """The (head, type, tail) triples in ``text`` and the status of each."""
    document = Document(id="test", text=text)
    return {
        (r.head.name, r.type, r.tail.name): r.evidence.status or ""
        for r in extractor.relations(nlp(make_doc(nlp, text)), document)
    }


def assert_found(triples: dict[tuple[str, str, str], str], expected: tuple[str, str, str]) -> None:
    """``expected`` is among ``triples``, and not the other way round unless its type is
    symmetric."""
    assert expected in triples, sorted(triples)
    head, relation_type, tail = expected
    if relation_type not in SYMMETRIC_TYPES:
        assert (tail, relation_type, head) not in triples, sorted(triples)


def assert_none_of(triples: dict[tuple[str, str, str], str], relation_type: str) -> None:
    """No triple of ``relation_type`` is among ``triples``."""
    assert not [t for t in triples if t[1] == relation_type], sorted(triples)


POSITIVE = [
    # ACQUIRED: buyer -> bought
    # clients and shareholders the subject has are its clients and shareholders
    (
        "The agency serves over 40 clients, of which 60% are foreign, including Lumen Labs.",
        ("Lumen Labs", "USES", UNNAMED_SUBJECT),
    ),
    (
        "Corvane Inc had more than 900 shareholders, with large parts owned by Lumen Labs.",
        ("Lumen Labs", "INVESTS_IN", "Corvane"),
    ),
    # the company the passage is about, not the date before it
    (
        "In March 2017, the company acquired Lumen Labs.",
        (UNNAMED_SUBJECT, "ACQUIRED", "Lumen Labs"),
    ),
    ("Brightwater Corp acquired Lumen Labs in 2019.", ("Brightwater", "ACQUIRED", "Lumen Labs")),
    ("Lumen Labs was bought by Brightwater Corp.", ("Brightwater", "ACQUIRED", "Lumen Labs")),
    (
        "Brightwater Corp said it completed its purchase of Lumen Labs.",
        ("Brightwater", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Brightwater Corp announced its intention to acquire Lumen Labs.",
        ("Brightwater", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Halden Group said it agreed to sell its water filters division to Corvane Inc.",
        ("Corvane", "ACQUIRED", "Halden Group water filters division"),
    ),
    (
        "Dorrow Press was one of Brightwater Corp's first acquisitions.",
        ("Brightwater", "ACQUIRED", "Dorrow Press"),
    ),
    (
        "Lumen Labs was acquired by a consortium headed by Keystone Ventures.",
        ("Keystone Ventures", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Lumen Labs is reviewing the tender offer for all its shares launched on Friday by "
        "Corvane Inc.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Corvane Inc sees no hurdles for its 14 dlr per share bid for Lumen Labs.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "The deal under which Corvane Inc would acquire Lumen Labs was approved.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Keystone Ventures agreed to take Lumen Labs Inc private.",
        ("Keystone Ventures", "ACQUIRED", "Lumen Labs"),
    ),
    ("Corvane Inc made an offer to buy Lumen Labs.", ("Corvane", "ACQUIRED", "Lumen Labs")),
    (
        "Corvane Inc will pay 60 mln dlrs for the medical imaging business of Halden Group.",
        ("Corvane", "ACQUIRED", "Halden Group medical imaging business"),
    ),
    (
        "In 1974 a takeover of Lumen Labs was carried out by Corvane Inc.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Corvane Inc, a valve maker, expands into filters and signs a deal to acquire Lumen Labs.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "The regulator announced the acquisition of Lumen Labs in Dover, Delaware, by Corvane Inc.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Halden Group said that Corvane Inc had taken control of the company.",
        ("Corvane", "ACQUIRED", "Halden Group"),
    ),
    (
        "Corvane Inc completed the purchase of the interest in Lumen Labs Inc that it did not "
        "already own.",
        ("Corvane", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Halden Group said it agreed to sell its farm machinery group to Corvane Inc.",
        ("Corvane", "ACQUIRED", "Halden Group farm machinery group"),
    ),
    # DEVELOPS: developer -> product
    (
        "Halden Games is best known for its hit game, Ember Quest.",
        ("Halden Games", "DEVELOPS", "Ember Quest"),
    ),
    (
        "Halden Games has worked on films like Ember Quest and Night Harbour.",
        ("Halden Games", "DEVELOPS", "Ember Quest"),
    ),
    # a name before a product's noun after a possessive is the possessor's product, even one
    # the model took for a company, and with modifiers between them
    (
        "Vantor stays loyal to its own Lantern open-source platform.",
        ("Vantor", "DEVELOPS", "Lantern"),
    ),
    (
        "The Glint app is already active in Brightwater\u2019s own Lumenphone 8 devices.",
        ("Brightwater", "DEVELOPS", "Lumenphone 8"),
    ),
    # ... and so is a name in apposition to the possessor's product noun
    ("Vantor pushes its own courier service, Lumen Ship.", ("Vantor", "DEVELOPS", "Lumen Ship")),
    # USES: client -> supplier
    (
        "Corvane Studios produces television shows for the BBC and ITV.",
        ("BBC", "USES", "Corvane Studios"),
    ),
    (
        "Corvane Inc takes storage services from data centre firm Lumen Labs.",
        ("Corvane", "USES", "Lumen Labs"),
    ),
    (
        "In 1997 Lumen Labs was contracted by Corvane Inc to build its website.",
        ("Corvane", "USES", "Lumen Labs"),
    ),
    (
        "Corvane Networks has hosted servers for firms such as Lumen Labs.",
        ("Lumen Labs", "USES", "Corvane Networks"),
    ),
    # PARTNERS_WITH
    (
        "Riverside Park was a joint scheme between Halden Homes and Dunmore City Council.",
        ("Halden Homes", "PARTNERS_WITH", "Dunmore City Council"),
    ),
    (
        "Corvane Inc became a shareholder in Lumen Labs in partnership with Halden Group.",
        ("Corvane", "PARTNERS_WITH", "Halden Group"),
    ),
    (
        "In 2014 Corvane Inc joined an alliance with Lumen Labs.",
        ("Corvane", "PARTNERS_WITH", "Lumen Labs"),
    ),
    (
        "Corvane Radio has signed time brokerage agreements with Lumen Broadcasting.",
        ("Corvane Radio", "PARTNERS_WITH", "Lumen Broadcasting"),
    ),
    (
        "Corvane Inc is working alongside Lumen Labs on a new degree.",
        ("Corvane", "PARTNERS_WITH", "Lumen Labs"),
    ),
    (
        "Halvorsen Technology said it agreed to acquire privately held Lumen Labs Inc.",
        ("Halvorsen Technology", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Corvane Inc said it agreed to buy Lumen Life magazine from Halden Group.",
        ("Corvane", "ACQUIRED", "Lumen Life"),
    ),
    # COMPETES_WITH (symmetric)
    (
        "Brightwater Corp competes with Lumen Labs in Europe.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp was founded to compete against Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    # pressed by a rival's competition
    (
        "Faced with fierce competition from Orvell Systems, Lumen Labs shut its stores.",
        ("Lumen Labs", "COMPETES_WITH", "Orvell Systems"),
    ),
    (
        "Competition from Orvell Systems forced Lumen Labs to close stores.",
        ("Lumen Labs", "COMPETES_WITH", "Orvell Systems"),
    ),
    # the subject of a chain of coordinated verbs; a list hung on the last word of a name
    (
        "Lumen Labs initially competed with Orvell Systems but later broadened its range and "
        "competed with Halden Group.",
        ("Lumen Labs", "COMPETES_WITH", "Halden Group"),
    ),
    (
        "Lumen Labs competes with Harbour Bank of Dover, Orvell Systems and Halden Group.",
        ("Lumen Labs", "COMPETES_WITH", "Halden Group"),
    ),
    (
        "Lumen Bank is the smallest of the nation's three public banks (the others being "
        "Orvell Bank and Halden Bank).",
        ("Lumen Bank", "COMPETES_WITH", "Halden Bank"),
    ),
    (
        "Lumen Labs was considered one of the top three grocers (along with Orvell Systems and "
        "Halden Group).",
        ("Lumen Labs", "COMPETES_WITH", "Halden Group"),
    ),
    # peers named as examples, in one market or bidding for one prize
    (
        "Lumen Ferries does not run sailings to the islands, leaving that to other "
        "carriers such as Orvell Ferries.",
        ("Lumen Ferries", "COMPETES_WITH", "Orvell Ferries"),
    ),
    (
        "Lumen Marine is a top firm in a fragmented garden tools industry that "
        "includes Orvell Systems, Halden Group and Keystone Media.",
        ("Lumen Marine", "COMPETES_WITH", "Keystone Media"),
    ),
    (
        "Lumen Labs and Orvell Systems were among the suitors for the rights to the film.",
        ("Lumen Labs", "COMPETES_WITH", "Orvell Systems"),
    ),
    (
        "Lumen Comics was started in 1996 as many other publishers, including Orvell Comics"
        " and Halden Comics, were starting fantasy lines.",
        ("Lumen Comics", "COMPETES_WITH", "Halden Comics"),
    ),
    (
        "The motto was altered to stress Lumen Stores' local presence against rival stores "
        "such as Orvell Stores and Halden Group.",
        ("Lumen Stores", "COMPETES_WITH", "Orvell Stores"),
    ),
    (
        "In 1984, Lumen Motors could sell twice as many vans as Orvell Motors in Canada.",
        ("Lumen Motors", "COMPETES_WITH", "Orvell Motors"),
    ),
    (
        "Lumen Bank is the smallest of the nation's three public banks (the others being "
        "Land Bank of the Islands and Harbour Bank of the Islands).",
        ("Lumen Bank", "COMPETES_WITH", "Harbour Bank of the Islands"),
    ),
    # compared, ranked or counted in one group of peers
    (
        "Lumen Mart stores tend to be bigger than the corner shop formats used by Orvell "
        "Stores and Halden Group.",
        ("Lumen Mart", "COMPETES_WITH", "Orvell Stores"),
    ),
    (
        "Although not as large as Lumen Labs, Brightwater Corp built up a name for value.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp sells more phones than Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp's design is similar to that of Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp was one of the Big Five bakers based in Dover, which also included "
        "Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Unlike Lumen Labs, Brightwater Corp sells its phones online.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp sells its phones online, as opposed to Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Compared to Lumen Labs, Brightwater Corp has fewer stores.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "In contrast to Lumen Labs, Brightwater Corp does not sell phones.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp is the second largest retailer in Britain, behind Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp is one of the three major retailers in Britain, along with Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp is one of two such companies in the country (the other being "
        "Lumen Labs).",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "Brightwater Corp was one of the Big Five bakers, which also included Lumen Labs.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    # PARTNERS_WITH (symmetric)
    (
        "Brightwater Corp formed a partnership with Lumen Labs in 2015.",
        ("Brightwater", "PARTNERS_WITH", "Lumen Labs"),
    ),
    (
        "In 2015 Brightwater Corp began a long collaboration with the Orvell Institute.",
        ("Brightwater", "PARTNERS_WITH", "Orvell Institute"),
    ),
    # INVESTS_IN: investor -> investee
    (
        "Lumen Labs raised a $9 million Series B round led by Keystone Ventures.",
        ("Keystone Ventures", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Keystone Ventures is an early investor in Lumen Labs.",
        ("Keystone Ventures", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Lumen Labs raised $3 million of seed money from investors including Keystone Ventures.",
        ("Keystone Ventures", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Corvane Inc acquired a 20 pct stake in Lumen Labs.",
        ("Corvane", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Halden Group said it will own 25 pct of the stock of Lumen Labs NV.",
        ("Halden Group", "INVESTS_IN", "Lumen Labs"),
    ),
    # SUBSIDIARY_OF: subsidiary -> parent
    (
        "Lumen Labs is a subsidiary of Brightwater Corp.",
        ("Lumen Labs", "SUBSIDIARY_OF", "Brightwater"),
    ),
    # USES: client -> supplier
    (
        "Brightwater Corp's clients include Lumen Labs and Orvell.",
        ("Lumen Labs", "USES", "Brightwater"),
    ),
    # a section heading run into the first sentence is not its subject
    (
        "History In 2004, Brightwater Corp acquired Lumen Labs.",
        ("Brightwater", "ACQUIRED", "Lumen Labs"),
    ),
    # a description the parser made a second subject
    (
        "In March 2018, online craft marketplace Orvell acquired Lumen Labs.",
        ("Orvell", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "In 2016, Brightwater Corp and Lumen Labs announced a partnership.",
        ("Brightwater", "PARTNERS_WITH", "Lumen Labs"),
    ),
    (
        "In the autumn of 2016, Orvell partnered with Lumen Labs to reach more young "
        "listeners in the valley.",
        ("Orvell", "PARTNERS_WITH", "Lumen Labs"),
    ),
    # a conjoined verb with its own tense is outside the first verb's negation
    (
        "In 2008 Orvell did not extend its contract with Halden Group and instead created a "
        "strategic alliance with Lumen Labs.",
        ("Orvell", "PARTNERS_WITH", "Lumen Labs"),
    ),
    (
        "In June 2021, Brightwater Corporation said they will acquire Lumen Labs.",
        ("Brightwater", "ACQUIRED", "Lumen Labs"),
    ),
    # a rivalry noun before a name
    (
        "In 1988, Orvell Systems quit Halden Group for the far bigger rival Lumen Labs.",
        ("Halden Group", "COMPETES_WITH", "Lumen Labs"),
    ),
    (
        "In April 2000, competitor Lumen Labs accused Brightwater Corp of stifling competition.",
        ("Brightwater", "COMPETES_WITH", "Lumen Labs"),
    ),
    # coordinated subjects of an agreement
    (
        "In 2015, Orvell Systems and Lumen Labs reached an agreement to broadcast football games.",
        ("Orvell Systems", "PARTNERS_WITH", "Lumen Labs"),
    ),
    # a history told from an earlier point
    (
        "Orvell Systems would later work with Lumen Labs on television projects.",
        ("Orvell Systems", "PARTNERS_WITH", "Lumen Labs"),
    ),
    # "for X to acquire Y"
    (
        "On March 12, 2022, a deal was announced for Orvell Systems to acquire Lumen Labs.",
        ("Orvell Systems", "ACQUIRED", "Lumen Labs"),
    ),
    # a relative clause without its pronoun, and the means of what a subject did
    (
        "Halden Group sold Lumen Labs, a business Orvell Systems acquired in 2006.",
        ("Orvell Systems", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Orvell Systems made a bold move in 2007 by acquiring Lumen Labs.",
        ("Orvell Systems", "ACQUIRED", "Lumen Labs"),
    ),
    (
        "Orvell Systems grew through the acquisition of Lumen Labs.",
        ("Orvell Systems", "ACQUIRED", "Lumen Labs"),
    ),
    # investors named in a "from" phrase invest in the one who receives
    (
        "Lumen Labs has received $18 million of investment from venture capitalists and "
        "investors including Orvell Capital and Halden Group.",
        ("Orvell Capital", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Investors in Lumen Labs Inc include Orvell Capital, Halden Group and Keystone Ventures.",
        ("Orvell Capital", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "Orvell Systems carried out research for Lumen Labs.",
        ("Lumen Labs", "USES", "Orvell Systems"),
    ),
    (
        "The Brightline Marketing Group was set up as a division of Orvell Systems in 2011.",
        ("Brightline Marketing Group", "SUBSIDIARY_OF", "Orvell Systems"),
    ),
    (
        "After studying competitors like Orvell Systems and Halden Group, Lumen Labs was "
        "launched in 1979.",
        ("Lumen Labs", "COMPETES_WITH", "Halden Group"),
    ),
    (
        "Lumen Labs's software has been used by Orvell Systems, Halden Group and Keystone Media.",
        ("Orvell Systems", "USES", "Lumen Labs"),
    ),
    (
        "Lumen Labs has customers including Corvane Inc, Halden of Europe, Orvell Systems, "
        "Tessaly Motors, and others.",
        ("Tessaly Motors", "USES", "Lumen Labs"),
    ),
    (
        "Lumen Labs released the first beta version of Orvell Office on March 14, 2009.",
        ("Lumen Labs", "DEVELOPS", "Orvell Office"),
    ),
    (
        "The most notable titles Halden released were Red Heat, Stone Gates, and Night of the "
        "Wolf in Dover.",
        ("Halden", "DEVELOPS", "Stone Gates"),
    ),
    (
        "Lumen Labs was responsible for the production of Flicker, Orvell Blues and the "
        "quiz show In the Yard.",
        ("Lumen Labs", "DEVELOPS", "Flicker"),
    ),
    (
        "Expansion into Home Video In March 2017, Orvell Systems and Lumen Labs launched Glint TV.",
        ("Orvell Systems", "DEVELOPS", "Glint TV"),
    ),
    (
        "Lumen Labs has conducted research with several companies including Orvell Systems and "
        "Halden Group.",
        ("Lumen Labs", "PARTNERS_WITH", "Halden Group"),
    ),
    (
        "Lumen Labs held licensing agreements with Orvell Music Group, Halden Records and "
        "Keystone Media.",
        ("Lumen Labs", "PARTNERS_WITH", "Halden Records"),
    ),
    (
        "Lumen Labs sold fibre leasing in Ireland in 2004, and was the first to "
        "take on Orvell Telecom in the retail fibre market.",
        ("Lumen Labs", "COMPETES_WITH", "Orvell Telecom"),
    ),
    (
        "Orvell Resources also owns 11% of Lumen Gold, a firm with stakes in zinc.",
        ("Orvell Resources", "INVESTS_IN", "Lumen Gold"),
    ),
    (
        "Lumen Labs is part of the Orvell Group, a family of niche insurance services.",
        ("Lumen Labs", "SUBSIDIARY_OF", "Orvell Group"),
    ),
    (
        "CloudStack is now part of the Apache Software Foundation.",
        ("CloudStack", "PART_OF", "Apache Software Foundation"),
    ),
    (
        "Lumen Labs, whose shares trade in Dover, is in the process of being "
        "taken over by cable operator Orvell plc.",
        ("Orvell", "ACQUIRED", "Lumen Labs"),
    ),
    # where the money goes, and where it comes from
    (
        "In 2016, Orvell Capital granted $15 million of funding to Lumen Labs.",
        ("Orvell Capital", "INVESTS_IN", "Lumen Labs"),
    ),
    (
        "On April 14, 2021 Lumen Labs raised $30 million in a Series A funding round led "
        "by venture fund Orvell Ventures.",
        ("Orvell Ventures", "INVESTS_IN", "Lumen Labs"),
    ),
    # a list the parser continues as appositions
    (
        "Halden Group is one of the largest suppliers of barley to brands, including Orvell "
        "(noodles), Lumen, Keystone, and Brightwater.",
        ("Brightwater", "USES", "Halden Group"),
    ),
]

NEGATIVE = [
    ("Brightwater Corp did not acquire Lumen Labs.", "ACQUIRED"),
    ("Corvane Inc did not make an offer for Lumen Labs.", "ACQUIRED"),
    ("Corvane Inc made films for Lumen Labs Inc.", "DEVELOPS"),
    ("Corvane Inc is selling its subsidiary Lumen Labs to Halden Group.", "DEVELOPS"),
    ("Corvane Inc joined Lumen Labs Inc in 2010.", "PARTNERS_WITH"),
    ("Corvane Inc and Lumen Labs completed a trading competition in 2017.", "COMPETES_WITH"),
    ("Cloud software like that sold by Orvell and Halden is costly.", "DEVELOPS"),
    ("Corvane Inc acquired a 20 pct stake in Lumen Labs.", "ACQUIRED"),
    ("Corvane Studios produces shows for brands including Lumen and Halden.", "DEVELOPS"),
    ("Brightwater Corp could acquire Lumen Labs next year.", "ACQUIRED"),
    ("Brightwater Corp will push for a closer partnership with Lumen Labs.", "PARTNERS_WITH"),
    ("Brightwater Corp does not compete with Lumen Labs.", "COMPETES_WITH"),
    # co-investors are no peers; a time or an event compared is no company
    ("Along with Lumen Labs, Brightwater Corp invested in Halden Group.", "COMPETES_WITH"),
    (
        "Brightwater Corp is one of the investors in Halden Group, along with Lumen Labs.",
        "COMPETES_WITH",
    ),
    ("Unlike last year, Brightwater Corp sold its phones online.", "COMPETES_WITH"),
    ("Brightwater Corp is the biggest of its kind in Asia.", "COMPETES_WITH"),
    # what the subject deals with, someone comparing, a product beside its maker
    (
        "Lumen Air is weighing bids from other overseas groups such as Orvell "
        "Aviation and Halden Aero.",
        "COMPETES_WITH",
    ),
    ("The analyst compared Lumen Labs to Orvell Systems.", "COMPETES_WITH"),
    ("Lumen Labs's latest phone sold more than the Orvex 3 over the summer.", "COMPETES_WITH"),
    # sold by other retailers, listed with others, co-investors: no peers
    ("Lumen Labs products are sold by other retailers such as Orvell Systems.", "COMPETES_WITH"),
    ("Lumen Labs, Orvell Systems and other companies began to market the shoes.", "COMPETES_WITH"),
    ("Lumen Labs and Orvell Systems were among the investors in Halden Group.", "COMPETES_WITH"),
    # "as diverse as" describes a list, "as well as" adds to one
    (
        "Brightwater Corp has worked with channels as diverse as Lumen Labs and Orvell TV.",
        "COMPETES_WITH",
    ),
    ("Brightwater Corp supports Orvell Mail as well as Lumen Labs.", "COMPETES_WITH"),
    ("Armed with funding from Lumen Labs, Brightwater Corp opened stores.", "COMPETES_WITH"),
    ("Brightwater Corp grew quickly after the merger with Lumen Labs.", "COMPETES_WITH"),
    (
        "Keystone Ventures, a partner firm, hired Lumen Labs and Orvell as advisers.",
        "PARTNERS_WITH",
    ),
    ("In July 1994, Brightwater Corp bought Orvell Hardware from Lumen Labs.", "USES"),
    ("Brightwater Corp purchased Lumen Labs's arts and entertainment division.", "SUBSIDIARY_OF"),
    # names after a "for" phrase continue its list of platforms
    (
        "Corvane Inc develops games for tablets, LumenOS, Orbit, GameBox 3 and Zeno 360.",
        "DEVELOPS",
    ),
    # read on a sample of real news: a joint statement, a deal's counterparty, targets raised
    (
        "In a joint statement, Orvell Systems and Lumen Labs said the actions are part of its "
        "plan.",
        "PARTNERS_WITH",
    ),
    (
        "Halden Group Plc said it came to terms with Orvell Industries Inc to acquire the "
        "whole share capital of Lumen Labs Co.",
        "PARTNERS_WITH",
    ),
    ("Lumen Energy raised targets for its Orvell and Halden fields in India.", "INVESTS_IN"),
    (
        "The tribunal's ruling was appealed by Orvell Bank and Lumen Labs, a former "
        "unit of Halden Group.",
        "COMPETES_WITH",
    ),
    (
        "The finance minister has praised the purchase of Lumen Labs' biggest drilling unit by "
        "state-run energy group Orvell.",
        "SUBSIDIARY_OF",
    ),
    ("Orvell Systems retains its Lumen division, which makes closure caps.", "USES"),
    # a client, not a partner
    (
        "Specialising in mobile, Lumen Labs works with clients including Orvell, the BBC, "
        "Halden Group and Keystone Media.",
        "PARTNERS_WITH",
    ),
    (
        "First Orvell Corp's Western Lumen Bank unit said it finished the purchase of five "
        "suburban Orvell banks.",
        "ACQUIRED",
    ),
    # made for a platform, not the platform; a transfer, not a maker's sale; clients listed
    ("Lumen Labs released a LumenOS app for its users in March 2016.", "DEVELOPS"),
    ("However, Lumen Labs lost its last Glint socket in 2009.", "DEVELOPS"),
    # a possessive on held things and units: no product of the possessor's
    ("Vantor earned royalties on its Orbita patents.", "DEVELOPS"),
    ("Brassmoor's Zephra unit grew fast last year.", "DEVELOPS"),
    ("Vantor sold its subsidiary, Lumen Labs, to Orvell.", "DEVELOPS"),
    ("In April 2020, Lumen Labs sold the Orvell Cloud product to Halden Group.", "DEVELOPS"),
    (
        "Lumen Labs has made TV shows for broadcasters and streaming platforms, "
        "including Orvell TV, Halden Media and Keystone Channel.",
        "DEVELOPS",
    ),
    (
        "Since 2012, Lumen Labs has served over 50 big brands including Orvell, Halden "
        "and Keystone.",
        "DEVELOPS",
    ),
    # what was launched is no maker
    (
        "After studying competitors like Orvell Systems and Halden Group, Lumen Labs was "
        "launched in 1979.",
        "DEVELOPS",
    ),
    ("Orvell Systems would acquire Lumen Labs if regulators agreed.", "ACQUIRED"),
    # who uses things of a kind lists no product of its own
    ("Corvane Inc uses Halden projects such as Keel and Spar.", "DEVELOPS"),
    ("Corvane Inc deploys open-source tools such as Keel and Spar.", "DEVELOPS"),
    # a decision, a weighing or a try is not yet the act
    ("Brightwater Corp has decided to partner with Lumen Labs.", "PARTNERS_WITH"),
    ("The reason Corvane Inc decided to join the Orrin Foundation is simple.", "MEMBER_OF"),
    ("It makes sense for Brightwater Corp to partner with Lumen Labs.", "PARTNERS_WITH"),
    ("It is vital for Brightwater Corp to partner with Lumen Labs.", "PARTNERS_WITH"),
    ("It makes sense to donate the Keel software to the Orrin Foundation.", "PART_OF"),
    ("Corvane Inc made an attempt to join the Orrin Foundation.", "MEMBER_OF"),
    # parties to a takeover agreement are not partners
    (
        "Orvell Systems and Lumen Labs signed a pact under which Orvell will acquire Lumen Labs.",
        "PARTNERS_WITH",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t for t, _ in POSITIVE])
def test_rules_real_parse_finds_the_stated_relation(nlp, text: str, expected) -> None:
    assert_found(found(nlp, text), expected)


@pytest.mark.parametrize(("text", "relation_type"), NEGATIVE, ids=[t for t, _ in NEGATIVE])
def test_rules_real_parse_states_nothing_unstated(nlp, text: str, relation_type: str) -> None:
    assert_none_of(found(nlp, text), relation_type)


def test_rules_real_parse_the_unnamed_company_not_its_exchange_was_bought(nlp) -> None:
    triples = found(
        nlp,
        "The company floated on the Dover Stock Exchange in 2009 and left it again in "
        "2015 after it was acquired by Brightwater Corp.",
    )
    assert [t for t in triples if t[1] == "ACQUIRED"] == [
        ("Brightwater", "ACQUIRED", UNNAMED_SUBJECT)
    ], sorted(triples)


def test_rules_real_parse_intended_deal_is_announced(nlp) -> None:
    triples = found(nlp, "Brightwater Corp said it plans to acquire Lumen Labs.")
    assert triples.get(("Brightwater", "ACQUIRED", "Lumen Labs")) == "announced", triples


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Corvane Inc said it acquired Lumen Labs for 25 mln dlrs.", "completed"),
        ("Corvane Inc said it will acquire Lumen Labs.", "pending"),
        ("Corvane Inc said it agreed to acquire Lumen Labs.", "agreed"),
        ("Corvane Inc decided to acquire Lumen Labs.", "announced"),
        (
            "Lumen Labs picked a date for a vote on the proposed acquisition of it by Corvane Inc.",
            "announced",
        ),
        (
            "Lumen Labs, whose shares trade in Dover, is in the process of being "
            "taken over by cable operator Corvane plc.",
            "pending",
        ),
        (
            "By March 2016, talks were under way for Corvane Inc, a bakery chain based in "
            "Ohio, to acquire Lumen Labs.",
            "rumoured",
        ),
    ],
)
def test_rules_real_parse_deal_status(nlp, text: str, status: str) -> None:
    triples = found(nlp, text, KEEPING)
    assert triples.get(("Corvane", "ACQUIRED", "Lumen Labs")) == status, triples


def test_rules_real_parse_called_off_deal_is_not_pending(nlp) -> None:
    text = (
        "Corvane Inc and Lumen Labs chose to end the letter of intent under which "
        "Corvane would have acquired Lumen Labs."
    )
    assert not [t for t in found(nlp, text, KEEPING).items() if t[1] == "pending"]


def test_rules_real_parse_weighed_deal_is_kept_only_on_request(nlp) -> None:
    text = "Brightwater Corp is considering buying Lumen Labs."
    assert not [t for t in found(nlp, text) if t[1] == "ACQUIRED"]
    kept = found(nlp, text, KEEPING)
    assert kept.get(("Brightwater", "ACQUIRED", "Lumen Labs")) == "rumoured", kept


@pytest.mark.parametrize(
    "text",
    [
        "It may be harder to deploy, which is where OrvellStack-based startups such as "
        "Corvane Labs (see disclosure) and Tovara come in.",
        "Deployment is hard, which is where OrvellStack-based startups such as Corvane Labs "
        "(see note) and Tovara come in.",
    ],
)
def test_rules_real_parse_aside_in_brackets_does_not_end_a_list(nlp, text: str) -> None:
    # the aside makes the parser hang the last name on the verb, not on the list
    triples = found(nlp, text)
    assert ("Corvane Labs", "USES", "OrvellStack") in triples, sorted(triples)
    assert ("Tovara", "USES", "OrvellStack") in triples, sorted(triples)


def test_rules_real_parse_including_on_verb_gives_examples_of_its_object(nlp) -> None:
    # "most of the major public clouds" names no one; "that of Tovara" is one of them
    triples = found(
        nlp,
        "The upstream version of the software, Orvix, already powers most of the major "
        "public clouds, including that of Tovara Inc.",
    )
    assert ("Tovara", "USES", "Orvix") in triples, sorted(triples)
    assert ("Orvix", "USES", "Tovara") not in triples, sorted(triples)


def test_rules_real_parse_a_blank_line_ends_the_list_before_it(nlp) -> None:
    # the paragraph has no full stop, and the double space makes the parser hang the "as" of
    # "such projects as" on the verb: the examples are still the projects, and the last one
    # is no member of what the next paragraph lists
    triples = found(
        nlp,
        "The Orvell Foundation will also help direct such projects as  Keel, Orbix, and Orbita"
        "\n\nThe new group's members are Lumen Labs and Halden Group.",
    )
    for project in ("Keel", "Orbix", "Orbita"):
        assert (project, "PART_OF", "Orvell Foundation") in triples, sorted(triples)
    assert not [t for t in triples if t[0] == "Orbita" and t[1] == "MEMBER_OF"], sorted(triples)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "Software giant Corvane joins the Orvell Foundation",
            "The software giant behind apps such as Pindle and Tarsel has joined the Orvell "
            "Foundation as a platinum member. Corvane announced it on Monday; Brightwater Corp "
            "declined to comment.",
            {("Corvane", "DEVELOPS", "Pindle"), ("Corvane", "DEVELOPS", "Tarsel")},
        ),
        (
            "Corvane raises $5m",
            "Brightwater Corp, the startup behind the Pindle browser, raised $5 million.",
            {("Brightwater", "DEVELOPS", "Pindle")},
        ),
        (
            "Corvane raises $5m",
            "Brightwater Corp is the company behind the Pindle browser.",
            {("Brightwater", "DEVELOPS", "Pindle")},
        ),
        # an investor behind a product did not make it; without a title naming one company
        # the opening noun is no one's
        (
            "Kestrel Capital raises a fund",
            "Kestrel Capital, the investor behind the Pindle browser, grew.",
            set(),
        ),
        (
            None,
            "The software giant behind apps such as Pindle and Tarsel has joined the Orvell "
            "Foundation.",
            set(),
        ),
    ],
)
def test_rules_real_parse_the_company_behind_a_product_makes_it(
    nlp, title: str | None, text: str, expected: set
) -> None:
    from graphbuild.nlp import TITLE_KEY

    doc = make_doc(nlp, text)
    if title:
        doc.user_data[TITLE_KEY] = title
    relations = EXTRACTOR.relations(nlp(doc), Document(id="test", text=text))
    made = {(r.head.name, r.type, r.tail.name) for r in relations if r.type == "DEVELOPS"}
    assert made == expected, made
