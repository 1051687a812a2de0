"""Lists on real parses: a list after "include", "such as", "among" or a copula belongs to the
noun it follows, every item counts, and the items are not linked to one another.

Sentences are written for the project (invented names), run through the real spaCy model and
graphbuild's components as ``graphbuild build`` runs them.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from test_rules import VOCAB, parse, triples
from test_rules_real import found

from graphbuild.nlp import MentionResolver

MEMBERS = ("Kestrel Labs", "Pindle", "Tallis Systems")

# Each sentence lists all of MEMBERS; each must be linked to the owner, with the type given.
EVERY_ITEM = [
    (
        "The Orrin Foundation's members include Kestrel Labs, Pindle and Tallis Systems.",
        "MEMBER_OF",
    ),
    (
        "Members of the Orrin Foundation include Kestrel Labs, Pindle and Tallis Systems.",
        "MEMBER_OF",
    ),
    (
        "The Orrin Foundation, whose members include Kestrel Labs, Pindle and Tallis Systems, "
        "was formed in 2019.",
        "MEMBER_OF",
    ),
    (
        "The Orrin Foundation counts Kestrel Labs, Pindle and Tallis Systems among its members.",
        "MEMBER_OF",
    ),
    (
        "The Orrin Foundation's platinum members are Kestrel Labs, Pindle and Tallis Systems.",
        "MEMBER_OF",
    ),
    ("Orrin Foundation sponsors include Kestrel Labs, Pindle and Tallis Systems.", "SPONSORS"),
]


@pytest.mark.parametrize(("text", "relation_type"), EVERY_ITEM, ids=[t for t, _ in EVERY_ITEM])
def test_relations_lists_every_item_belongs_to_the_noun_owner(
    nlp, text: str, relation_type: str
) -> None:
    triples = found(nlp, text)
    for member in MEMBERS:
        assert (member, relation_type, "Orrin Foundation") in triples, sorted(triples)
    # the list's items are neither members of one another nor partners
    assert not [t for t in triples if t[0] in MEMBERS and t[2] in MEMBERS], sorted(triples)


def test_relations_lists_a_company_s_backers_invest_in_it(nlp) -> None:
    triples = found(nlp, "Glint Robotics's backers include Ferrow Capital and Tessaly Ventures.")
    assert ("Ferrow Capital", "INVESTS_IN", "Glint Robotics") in triples, sorted(triples)
    assert ("Tessaly Ventures", "INVESTS_IN", "Glint Robotics") in triples, sorted(triples)


def test_relations_lists_a_portfolio_is_invested_in_not_made(nlp) -> None:
    triples = found(nlp, "Ferrow Capital's portfolio includes Glint Robotics and Tessaly Ventures.")
    assert ("Ferrow Capital", "INVESTS_IN", "Glint Robotics") in triples, sorted(triples)
    assert not [t for t in triples if t[1] == "DEVELOPS"], sorted(triples)


def test_relations_lists_members_of_a_list_are_not_members_of_its_first_item(nlp) -> None:
    triples = found(
        nlp, "Orrin Foundation sponsors include Kestrel Labs, Pindle and Tallis Systems."
    )
    assert not [t for t in triples if t[1] == "MEMBER_OF"], sorted(triples)


def test_relations_lists_a_body_that_includes_names_its_members(nlp) -> None:
    triples = found(
        nlp, "The Brindle Alliance includes Vantor, Zephra Micro, Lumora and Sablewood."
    )
    for member in ("Vantor", "Zephra Micro", "Lumora", "Sablewood"):
        assert (member, "MEMBER_OF", "Brindle Alliance") in triples, sorted(triples)


def test_relations_lists_a_company_that_includes_names_no_members(nlp) -> None:
    triples = found(nlp, "Brightwater Corp includes Orvell Systems and Halden Group.")
    assert not [t for t in triples if t[1] == "MEMBER_OF"], sorted(triples)


def test_relations_lists_examples_stand_for_the_noun_not_the_name_before_it(nlp) -> None:
    triples = found(
        nlp,
        "Besides that, Pindle already uses a number of Orrin Foundation projects such as Kestrel, "
        "Tallis and Nixa.",
    )
    for project in ("Kestrel", "Tallis", "Nixa"):
        assert ("Pindle", "USES", project) in triples, sorted(triples)
        assert (project, "PART_OF", "Orrin Foundation") in triples, sorted(triples)
    assert ("Pindle", "USES", "Orrin Foundation") not in triples, sorted(triples)
    assert not [t for t in triples if t[1] == "DEVELOPS"], sorted(triples)


def test_relations_lists_an_apposition_inside_a_list_describes_its_own_item(nlp) -> None:
    triples = found(
        nlp,
        "Earlier investors include corporates Kettle Ventures, the venture arm of holding group "
        "Brightwater Corp, Orvell Systems and Halden Group.",
    )
    assert ("Kettle Ventures", "SUBSIDIARY_OF", "Brightwater") in triples, sorted(triples)
    assert not [t for t in triples if t[1] == "SUBSIDIARY_OF" and t[2] != "Brightwater"]
    assert not [t for t in triples if t[0] in {"Orvell Systems", "Halden Group"}]


def test_relations_lists_a_relative_clause_inside_a_list_belongs_to_its_item(nlp) -> None:
    triples = found(
        nlp,
        "Its bets include backing Lumen Labs, which sold a controlling stake to Halden Group in "
        "2017; Orvell Systems, which listed in May; and Tessaly Ventures.",
    )
    assert ("Orvell Systems", "INVESTS_IN", "Halden Group") not in triples, sorted(triples)
    assert ("Tessaly Ventures", "INVESTS_IN", "Halden Group") not in triples, sorted(triples)


def test_relations_lists_a_product_portfolio_is_no_holding(nlp) -> None:
    triples = found(
        nlp,
        "Tessaly Ventures bought companies to widen its product portfolio, including Lumen Labs "
        "and Orvell Systems.",
    )
    assert not [t for t in triples if t[1] == "INVESTS_IN"], sorted(triples)


def test_relations_lists_a_plural_name_that_includes_is_no_body(nlp) -> None:
    triples = found(nlp, "Notable Halden Games include Ember Quest, Night Harbour and Skyfall.")
    assert not [t for t in triples if t[1] == "MEMBER_OF"], sorted(triples)


def test_relations_lists_a_role_noun_before_bare_names_lists_them(nlp) -> None:
    triples = found(
        nlp,
        "The Harbor Code Foundation was launched on Monday. Work starts with founding board "
        "members Kestrel Labs, Pindle, Tallis Systems and Nixa.",
    )
    for member in ("Kestrel Labs", "Pindle", "Tallis Systems", "Nixa"):
        assert (member, "MEMBER_OF", "Harbor Code Foundation") in triples, sorted(triples)


@pytest.mark.parametrize(
    "text",
    [
        "Former members of the Harbor Code Foundation include Kestrel Labs and Pindle.",
        "The Harbor Code Foundation's former sponsors include Kestrel Labs and Pindle.",
        "Former board members Kestrel Labs and Pindle left the Harbor Code Foundation in 2019.",
    ],
)
def test_relations_lists_a_former_role_gives_no_edge(nlp, text: str) -> None:
    triples = found(nlp, text)
    assert not [t for t in triples if t[1] in {"MEMBER_OF", "SPONSORS"}], sorted(triples)


def test_relations_lists_every_subject_of_a_list_split_by_the_parser(nlp) -> None:
    triples = found(
        nlp,
        "At the time, Vantor Corp, Zephra Systems, Lumora Inc, the Open Ledger Initiative, the "
        "Free Code Foundation, and Glint Robotics backed the Quillon suite.",
    )
    for backer in ("Vantor", "Zephra Systems", "Lumora", "Free Code Foundation", "Glint Robotics"):
        assert (backer, "SPONSORS", "Quillon") in triples, sorted(triples)


def test_relations_lists_money_received_from_a_list_is_no_holding(nlp) -> None:
    triples = found(
        nlp,
        "Glint Robotics secured a growth investment of $40 million from investors including "
        "Ferrow Capital and Tessaly Ventures.",
    )
    assert ("Glint Robotics", "INVESTS_IN", "Ferrow Capital") not in triples, sorted(triples)
    assert ("Glint Robotics", "INVESTS_IN", "Tessaly Ventures") not in triples, sorted(triples)


def test_relations_lists_the_holder_of_an_of_phrase_owns_its_list(nlp) -> None:
    triples = found(
        nlp,
        "Ferrow Capital has a long record of strong holdings including Glint Robotics, "
        "Tessaly Ventures and Orvell Systems.",
    )
    for company in ("Glint Robotics", "Tessaly Ventures", "Orvell Systems"):
        assert ("Ferrow Capital", "INVESTS_IN", company) in triples, sorted(triples)


def test_relations_lists_an_apposition_role_noun_describes_every_name(nlp) -> None:
    triples = found(
        nlp, "Brightwater Corp and Orvell Systems, both Lumen Labs customers, declined to comment."
    )
    assert ("Brightwater", "USES", "Lumen Labs") in triples, sorted(triples)
    assert ("Orvell Systems", "USES", "Lumen Labs") in triples, sorted(triples)
    assert not [t for t in triples if t[1] == "PARTNERS_WITH"], sorted(triples)


def test_relations_lists_among_them_names_the_plural_noun_before(nlp) -> None:
    triples = found(
        nlp,
        "The Lumen Foundation has 40 members, among them Brightwater Corp, Orvell Systems and "
        "Halden Group.",
    )
    for member in ("Brightwater", "Orvell Systems", "Halden Group"):
        assert (member, "MEMBER_OF", "Lumen Foundation") in triples, sorted(triples)


# Parses the model gives lists in news copy, built by hand so that each reading is tested
# whatever the model does with the invented names.
SUBJECT_LIST_AS_ADVERB = """
Pindle     5 nsubj    PROPN NNP pindle
,          0 punct    PUNCT ,   ,
Corvane    0 npadvmod PROPN NNP corvane
and        2 cc       CCONJ CC  and
Tallis     2 conj     PROPN NNP tallis
use        5 ROOT     VERB  VBP use
Orbiter    5 dobj     PROPN NNP orbiter
in         5 prep     ADP   IN  in
production 7 pobj     NOUN  NN  production
.          5 punct    PUNCT .   .
"""

COPULA_NAME_AS_ADJECTIVE = """
The        2 det      DET   DT  the
Orrin      2 compound PROPN NNP orrin
Foundation 4 poss     PROPN NNP foundation
's         2 case     PART  POS 's
members    5 nsubj    NOUN  NNS member
are        5 ROOT     AUX   VBP be
Pindle     5 acomp    ADJ   JJ  pindle
,          6 punct    PUNCT ,   ,
Corvane    6 conj     PROPN NNP corvane
and        8 cc       CCONJ CC  and
Tallis     8 conj     PROPN NNP tallis
.          5 punct    PUNCT .   .
"""

LIST_GOING_ON_AFTER_AN_OF_NAME = """
The        2  det      DET   DT  the
Orrin      2  compound PROPN NNP orrin
Foundation 4  poss     PROPN NNP foundation
's         2  case     PART  POS 's
members    5  nsubj    NOUN  NNS member
include    5  ROOT     VERB  VBP include
Lexwell    5  dobj     PROPN NNP lexwell
,          6  punct    PUNCT ,   ,
Tallis     6  conj     PROPN NNP tallis
,          8  punct    PUNCT ,   ,
Trail      6  appos    PROPN NNP trail
of         10 prep     ADP   IN  of
Crumbs     11 pobj     PROPN NNP crumbs
,          12 punct    PUNCT ,   ,
Pindle     12 conj     PROPN NNP pindle
and        14 cc       CCONJ CC  and
Corvane    14 conj     PROPN NNP corvane
.          5  punct    PUNCT .   .
"""

ROLE_NOUN_BEFORE_A_MISPARSED_LIST = """
The        2  det      DET   DT  the
Orrin      2  compound PROPN NNP orrin
Foundation 3  nsubj    PROPN NNP foundation
combines   3  ROOT     VERB  VBZ combine
work       3  dobj     NOUN  NN  work
from       4  prep     ADP   IN  from
founding   5  pcomp    VERB  VBG found
governing  9  compound VERB  VBG govern
members    7  dobj     NOUN  NNS member
Pindle     6  dobj     PROPN NNP pindle
,          9  punct    PUNCT ,   ,
Corvane    9  conj     PROPN NNP corvane
and        11 cc       CCONJ CC  and
Tallis     11 conj     PROPN NNP tallis
.          3  punct    PUNCT .   .
"""

NAMES = [("Pindle", "ORG"), ("Corvane", "ORG"), ("Tallis", "ORG")]


@pytest.mark.parametrize(
    ("table", "entities", "relation_type", "other"),
    [
        (SUBJECT_LIST_AS_ADVERB, [("Orbiter", "PRODUCT")], "USES", "Orbiter"),
        (COPULA_NAME_AS_ADJECTIVE, [("Orrin Foundation", "ORG")], "MEMBER_OF", "Orrin Foundation"),
        (
            LIST_GOING_ON_AFTER_AN_OF_NAME,
            [("Orrin Foundation", "ORG"), ("Lexwell", "ORG"), ("Trail of Crumbs", "ORG")],
            "MEMBER_OF",
            "Orrin Foundation",
        ),
        (
            ROLE_NOUN_BEFORE_A_MISPARSED_LIST,
            [("Orrin Foundation", "ORG")],
            "MEMBER_OF",
            "Orrin Foundation",
        ),
    ],
    ids=["subject-as-adverb", "copula-adjective", "after-of-name", "role-noun-misparsed"],
)
def test_relations_lists_every_item_of_a_misparsed_list(
    table: str, entities: list[tuple[str, str]], relation_type: str, other: str
) -> None:
    stated = triples(parse(table, [*NAMES, *entities]))
    for name in ("Pindle", "Corvane", "Tallis"):
        assert (name, relation_type, other) in stated, sorted(stated)
    assert not [t for t in stated if t[0] in dict(NAMES) and t[2] in dict(NAMES)], sorted(stated)


@pytest.mark.parametrize(
    "text",
    [
        "Orbix DB had gained early fans among the newer wave of web companies, including "
        "Brightwater Corp, Orvell Systems, and Halden Group.",
        "Orbix DB won fans among companies such as Brightwater Corp, Orvell Systems and Halden "
        "Group.",
    ],
)
def test_relations_lists_companies_a_product_won_fans_among_use_it(nlp, text: str) -> None:
    stated = found(nlp, text)
    for user in ("Brightwater", "Orvell Systems", "Halden Group"):
        assert (user, "USES", "Orbix DB") in stated, sorted(stated)
    assert not [t for t in stated if t[1] == "PARTNERS_WITH"], sorted(stated)


def test_relations_lists_fans_without_named_examples_give_no_user(nlp) -> None:
    stated = found(nlp, "Orbix DB won fans among Brightwater Corp engineers.")
    assert not [t for t in stated if t[1] == "USES"], sorted(stated)


@pytest.mark.parametrize(
    "text",
    [
        "The Orrin Foundation brings together work from founding board members Brightwater "
        "Corp, Orvell Systems and Halden Group, among others.",
        "The Orrin Foundation has other members including Brightwater Corp, Orvell Systems and "
        "Halden Group.",
    ],
)
def test_relations_lists_members_named_after_the_role_noun_join_the_subject_body(
    nlp, text: str
) -> None:
    stated = found(nlp, text)
    for member in ("Brightwater", "Orvell Systems", "Halden Group"):
        assert (member, "MEMBER_OF", "Orrin Foundation") in stated, sorted(stated)


def test_relations_lists_names_after_a_colon_are_the_following_things(nlp) -> None:
    stated = found(
        nlp,
        "Records show that Ferrow Capital has investments in these startups: "
        "Brightwater Corp, Orvell Systems, and Halden Group.",
    )
    for company in ("Brightwater", "Orvell Systems", "Halden Group"):
        assert ("Ferrow Capital", "INVESTS_IN", company) in stated, sorted(stated)


def test_relations_lists_every_item_of_a_list_cut_by_semicolons(nlp) -> None:
    stated = found(
        nlp,
        "Some of Ferrow Capital's key investments include backing Brightwater Corp, which "
        "sold a controlling stake to Halden Group in 2017; Orvell Systems, which listed in "
        "May; top meal kit startup Lumen Labs; used-bike marketplace Tessaly Motors; and "
        "wholesale marketplaces Corvane Inc, Pindle Ltd and Quillon Capital.",
    )
    for company in (
        "Brightwater",
        "Orvell Systems",
        "Lumen Labs",
        "Tessaly Motors",
        "Corvane",
        "Pindle",
        "Quillon Capital",
    ):
        assert ("Ferrow Capital", "INVESTS_IN", company) in stated, sorted(stated)
    assert ("Ferrow Capital", "INVESTS_IN", "Halden Group") not in stated, sorted(stated)


@pytest.mark.parametrize(
    "text",
    [
        # a clause after the semicolon is no item of the list
        "The Orrin Foundation's members include Brightwater Corp and Orvell Systems; the company "
        "said Halden Group was not a member.",
    ],
)
def test_relations_lists_a_semicolon_list_takes_only_its_items(nlp, text: str) -> None:
    stated = found(nlp, text)
    assert not [t for t in stated if "Halden Group" in t], sorted(stated)


# "Acme's titles include the show Ember; the Orrin-winning film Harbour; and the game Skyfall."
SEMICOLON_ITEM_WITH_A_NAMED_MODIFIER = """
Acme     2  poss     PROPN NNP acme
's       0  case     PART  POS 's
titles   3  nsubj    NOUN  NNS title
include  3  ROOT     VERB  VBP include
the      6  det      DET   DT  the
show     6  compound NOUN  NN  show
Ember    3  dobj     PROPN NNP ember
;        6  punct    PUNCT :   ;
the      13 det      DET   DT  the
Orrin    11 npadvmod PROPN NNP orrin
-        11 punct    PUNCT HYPH -
winning  13 amod     VERB  VBG win
film     13 compound NOUN  NN  film
Harbour  3  ccomp    PROPN NNP harbour
;        13 punct    PUNCT :   ;
and      13 cc       CCONJ CC  and
the      18 det      DET   DT  the
game     18 compound NOUN  NN  game
Skyfall  13 conj     PROPN NNP skyfall
.        3  punct    PUNCT .   .
"""


def test_relations_lists_a_name_describing_a_semicolon_item_is_not_the_item() -> None:
    stated = triples(
        parse(
            SEMICOLON_ITEM_WITH_A_NAMED_MODIFIER,
            [
                ("Acme", "ORG"),
                ("Ember", "PRODUCT"),
                ("Orrin", "ORG"),
                ("Harbour", "PRODUCT"),
                ("Skyfall", "PRODUCT"),
            ],
        )
    )
    for title in ("Ember", "Harbour", "Skyfall"):
        assert ("Acme", "DEVELOPS", title) in stated, sorted(stated)
    assert ("Acme", "DEVELOPS", "Orrin") not in stated, sorted(stated)


# "The startup portfolio of Ferrow Capital are: Pindle, Corvane and Tallis." cut at the colon
LIST_CUT_OFF_AT_THE_COLON = """
The       2  det      DET   DT  the
startup   2  compound NOUN  NN  startup
portfolio 6  nsubj    NOUN  NN  portfolio
of        2  prep     ADP   IN  of
Ferrow    5  compound PROPN NNP ferrow
Capital   3  pobj     PROPN NNP capital
are       6  ROOT     AUX   VBP be
:         6  punct    PUNCT :   :
Pindle    8  ROOT     PROPN NNP pindle
,         8  punct    PUNCT ,   ,
Corvane   8  conj     PROPN NNP corvane
and       10 cc       CCONJ CC  and
Tallis    10 conj     PROPN NNP tallis
.         8  punct    PUNCT .   .
"""


def test_relations_lists_a_list_the_parser_cut_off_at_the_colon_is_still_the_object() -> None:
    stated = triples(parse(LIST_CUT_OFF_AT_THE_COLON, [("Ferrow Capital", "ORG"), *NAMES]))
    for company in ("Pindle", "Corvane", "Tallis"):
        assert ("Ferrow Capital", "INVESTS_IN", company) in stated, sorted(stated)


def test_relations_lists_members_without_an_owner_belong_to_the_body_joined_before(nlp) -> None:
    stated = found(
        nlp,
        "On Tuesday, Brightwater Corp said it had joined the Orrin Patent "
        "Network, the biggest patent pool anywhere. Brightwater adds 4,000 patents to the "
        "pool. The patents, as well as those offered by other members including Pindle, "
        "Corvane and Tallis Systems, are free to use.",
    )
    for member in ("Pindle", "Corvane", "Tallis Systems"):
        assert (member, "MEMBER_OF", "Orrin Patent Network") in stated, sorted(stated)


def test_relations_lists_a_company_a_person_joined_is_no_body(nlp) -> None:
    stated = found(nlp, "Jane Doe joined Brightwater Corp in 2010. Other members include Pindle.")
    assert not [t for t in stated if t[1] == "MEMBER_OF"], sorted(stated)


# "It will steer Keel and Nixa<blank line>The Orrin Foundation's members are Pindle, Corvane and
# Tallis.": the paragraph has no full stop, and the parser runs on into the next one
RUN_ON_PARAGRAPH = [
    ("It", 2, "nsubj", "PRON", "PRP", "it"),
    ("will", 2, "aux", "AUX", "MD", "will"),
    ("steer", 2, "ROOT", "VERB", "VB", "steer"),
    ("Keel", 2, "dobj", "PROPN", "NNP", "keel"),
    ("and", 3, "cc", "CCONJ", "CC", "and"),
    ("Nixa", 3, "conj", "PROPN", "NNP", "nixa"),
    ("\n\n", 5, "dep", "SPACE", "_SP", "\n\n"),
    ("The", 9, "det", "DET", "DT", "the"),
    ("Orrin", 9, "compound", "PROPN", "NNP", "orrin"),
    ("Foundation", 11, "poss", "PROPN", "NNP", "foundation"),
    ("'s", 9, "case", "PART", "POS", "'s"),
    ("members", 5, "dobj", "NOUN", "NNS", "member"),
    ("are", 2, "conj", "AUX", "VBP", "be"),
    ("Pindle", 12, "attr", "PROPN", "NNP", "pindle"),
    (",", 13, "punct", "PUNCT", ",", ","),
    ("Corvane", 13, "conj", "PROPN", "NNP", "corvane"),
    ("and", 15, "cc", "CCONJ", "CC", "and"),
    ("Tallis", 15, "conj", "PROPN", "NNP", "tallis"),
    (".", 12, "punct", "PUNCT", ".", "."),
]


def test_relations_lists_a_paragraph_the_parser_ran_on_into_keeps_its_list() -> None:
    words = [row[0] for row in RUN_ON_PARAGRAPH]
    glued = {",", ".", "'s", "\n\n"}
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[
            i + 1 < len(words) and words[i + 1] not in glued and word != "\n\n"
            for i, word in enumerate(words)
        ],
        heads=[row[1] for row in RUN_ON_PARAGRAPH],
        deps=[row[2] for row in RUN_ON_PARAGRAPH],
        pos=[row[3] for row in RUN_ON_PARAGRAPH],
        tags=[row[4] for row in RUN_ON_PARAGRAPH],
        lemmas=[row[5] for row in RUN_ON_PARAGRAPH],
    )
    doc.ents = [
        Span(doc, 8, 10, label="ORG"),
        *(Span(doc, i, i + 1, label="ORG") for i in (13, 15, 17)),
    ]
    stated = triples(MentionResolver()(doc))
    for member in ("Pindle", "Corvane", "Tallis"):
        assert (member, "MEMBER_OF", "Orrin Foundation") in stated, sorted(stated)
    assert not [t for t in stated if "Nixa" in t], sorted(stated)


def test_relations_lists_names_joined_as_fellow_members_are_not_the_body(nlp) -> None:
    stated = found(
        nlp,
        "Brightwater Corp joins Orvell Systems, Halden Group and Lumen Labs as members of the "
        "Orrin Foundation.",
    )
    for member in ("Orvell Systems", "Halden Group", "Lumen Labs"):
        assert (member, "MEMBER_OF", "Orrin Foundation") in stated, sorted(stated)
        assert ("Brightwater", "MEMBER_OF", member) not in stated, sorted(stated)


@pytest.mark.parametrize(
    "text",
    [
        "Among the Orrin Foundation's members are Brightwater Corp, Orvell Systems and Halden "
        "Group.",
        "Brightwater Corp, Orvell Systems and Halden Group are among the Orrin Foundation's "
        "members.",
    ],
)
def test_relations_lists_among_its_members_with_a_copula(nlp, text: str) -> None:
    stated = found(nlp, text)
    for member in ("Brightwater", "Orvell Systems", "Halden Group"):
        assert (member, "MEMBER_OF", "Orrin Foundation") in stated, sorted(stated)


@pytest.mark.parametrize(
    "text",
    [
        "Brightwater Corp is not among the Orrin Foundation's members.",
        "Brightwater Corp could be among the Orrin Foundation's first members.",
        "Ferrow Capital's former portfolio companies include Brightwater Corp and Orvell Systems.",
    ],
)
def test_relations_lists_denied_hedged_or_former_lists_give_no_edge(nlp, text: str) -> None:
    stated = found(nlp, text)
    assert not [t for t in stated if t[1] in {"MEMBER_OF", "INVESTS_IN"}], sorted(stated)


def test_relations_lists_a_noun_naming_the_kind_of_the_list(nlp) -> None:
    stated = found(
        nlp,
        "Ferrow Capital's portfolio companies include Brightwater Corp, Orvell Systems and Halden "
        "Group.",
    )
    for company in ("Brightwater", "Orvell Systems", "Halden Group"):
        assert ("Ferrow Capital", "INVESTS_IN", company) in stated, sorted(stated)


def test_relations_lists_a_list_noun_after_the_role_word(nlp) -> None:
    stated = found(
        nlp,
        "Halden Media's international client list includes Brightwater Corp, Orvell Systems and "
        "Lumen Labs.",
    )
    for client in ("Brightwater", "Orvell Systems", "Lumen Labs"):
        assert (client, "USES", "Halden Media") in stated, sorted(stated)


@pytest.mark.parametrize(
    "text",
    [
        # a thing of one kind is no list of that kind
        "Halden Games's film laboratory was Lumen Labs, known today as Lumen Industries.",
        # the names among someone's clients are not each other's clients
        "Pindle, Corvane and Tallis Systems are among their marketing clients.",
    ],
)
def test_relations_lists_no_list_where_none_is_named(nlp, text: str) -> None:
    stated = found(nlp, text)
    assert not [t for t in stated if t[1] in {"DEVELOPS", "USES"}], sorted(stated)


@pytest.mark.parametrize(
    "text",
    [
        "The Orrin Foundation has signed up Brightwater Corp, Orvell Systems and Lumen Labs as "
        "members.",
        "The Orrin Foundation welcomed Brightwater Corp, Orvell Systems and Lumen Labs as new "
        "members.",
        "The Orrin Foundation announced new members: Brightwater Corp, Orvell Systems and Lumen "
        "Labs.",
    ],
)
def test_relations_lists_a_body_names_its_new_members(nlp, text: str) -> None:
    stated = found(nlp, text)
    for member in ("Brightwater", "Orvell Systems", "Lumen Labs"):
        assert (member, "MEMBER_OF", "Orrin Foundation") in stated, sorted(stated)


def test_relations_lists_new_members_joining_existing_ones_are_no_members_of_them(nlp) -> None:
    stated = found(
        nlp,
        "New members Brightwater Corp and Orvell Systems join existing members Lumen Labs and "
        "Halden Group.",
    )
    assert not [t for t in stated if t[1] == "MEMBER_OF"], sorted(stated)


def test_relations_lists_previous_investors_joined_are_fellows_not_bodies(nlp) -> None:
    stated = found(
        nlp,
        "In 2018, Brightwater Corp put money into the company, joining earlier investors Quillon "
        "Capital, Halden Group and Lumen Labs.",
    )
    assert not [t for t in stated if t[0] == "Brightwater" and t[1] == "MEMBER_OF"], sorted(stated)
    assert not [t for t in stated if t[2] == "Brightwater"], sorted(stated)
