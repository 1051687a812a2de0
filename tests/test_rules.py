"""Relation rules on hand-built parses, so the tests do not move when a model changes.

Each parse is written out token by token (word, head index, dependency, part of speech, tag,
lemma) as a correct parse of the sentence; the organisations and products are marked by hand and
resolved by graphbuild's own mentions component, as in the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from parse_support import doc_from_table
from spacy.tokens import Doc, Span

from graphbuild.errors import RulesError
from graphbuild.nlp import MentionResolver
from graphbuild.records import SYMMETRIC_TYPES, Document
from graphbuild.rules import Extractor, load_rules, rule_set

# an English vocabulary, so that lexical attributes such as ``lower_`` are filled in
VOCAB = spacy.blank("en").vocab
EXTRACTOR = Extractor(rule_set())


def parse(table: str, entities: list[tuple[str, str]]) -> Doc:
    """A Doc from a table of "word head dep pos tag lemma" rows and (name, label) entities.

    Each entity is found by its words in the sentence (first occurrence).
    """
    doc = doc_from_table(VOCAB, table)
    words = [token.text for token in doc]
    spans = []
    for name, label in entities:
        parts = name.split()
        start = next(i for i in range(len(words)) if words[i : i + len(parts)] == parts)
        spans.append(Span(doc, start, start + len(parts), label=label))
    doc.ents = spans
    return MentionResolver()(doc)


def triples(doc: Doc) -> set[tuple[str, str, str]]:
    document = Document(id="test", text=doc.text)
    return {(r.head.name, r.type, r.tail.name) for r in EXTRACTOR.relations(doc, document)}


def assert_stated(
    table: str, entities: list[tuple[str, str]], expected: tuple[str, str, str]
) -> None:
    """The rules find ``expected`` in the parse, and not its reverse (direction matters)."""
    found = triples(parse(table, entities))
    assert expected in found
    head, relation_type, tail = expected
    if relation_type not in SYMMETRIC_TYPES:
        assert (tail, relation_type, head) not in found


ACTIVE = """
Acme      1 nsubj     PROPN NNP acme
acquired  1 ROOT      VERB  VBD acquire
Globex    1 dobj      PROPN NNP globex
.         1 punct     PUNCT .   .
"""

PASSIVE = """
Globex    2 nsubjpass PROPN NNP globex
was       2 auxpass   AUX   VBD be
acquired  2 ROOT      VERB  VBN acquire
by        2 agent     ADP   IN  by
Acme      3 pobj      PROPN NNP acme
.         2 punct     PUNCT .   .
"""

EVENT_NOUN = """
Acme         2 poss    PROPN NNP acme
's           0 case    PART  POS 's
acquisition  6 nsubj   NOUN  NN  acquisition
of           2 prep    ADP   IN  of
Globex       5 compound PROPN NNP globex
Corp         3 pobj    PROPN NNP corp
closed       6 ROOT    VERB  VBD close
.            6 punct   PUNCT .   .
"""

FOUNDED_BY_LIST = """
OpenThing  2 nsubjpass PROPN NNP openthing
was        2 auxpass   AUX   VBD be
founded    2 ROOT      VERB  VBN found
by         2 agent     ADP   IN  by
Acme       3 pobj      PROPN NNP acme
and        4 cc        CCONJ CC  and
Globex     4 conj      PROPN NNP globex
.          2 punct     PUNCT .   .
"""

MEMBER_COPULA = """
Acme    1 nsubj  PROPN NNP acme
is      1 ROOT   AUX   VBZ be
a       3 det    DET   DT  a
member  1 attr   NOUN  NN  member
of      3 prep   ADP   IN  of
the     7 det    DET   DT  the
Widget  7 compound PROPN NNP widget
Alliance 4 pobj  PROPN NNP alliance
.       1 punct  PUNCT .   .
"""

MEMBER_RELATIVE = """
Globex    1 nsubj    PROPN NNP globex
praised   1 ROOT     VERB  VBD praise
the       4 det      DET   DT  the
OpenThing 4 compound PROPN NNP openthing
project   1 dobj     NOUN  NN  project
,         4 punct    PUNCT ,   ,
of        9 prep     ADP   IN  of
which     6 pobj     PRON  WDT which
Acme      9 nsubj    PROPN NNP acme
was       4 relcl    AUX   VBD be
an        12 det     DET   DT  an
early     12 amod    ADJ   JJ  early
member    9 attr     NOUN  NN  member
.         1 punct    PUNCT .   .
"""

TRIED_TO_WORK = """
Acme    1 nsubj  PROPN NNP acme
tried   1 ROOT   VERB  VBD try
to      3 aux    PART  TO  to
work    1 xcomp  VERB  VB  work
with    3 prep   ADP   IN  with
Globex  4 pobj   PROPN NNP globex
.       1 punct  PUNCT .   .
"""

TRIED_TO_PARTNER = """
Acme     1 nsubj  PROPN NNP acme
tried    1 ROOT   VERB  VBD try
to       3 aux    PART  TO  to
partner  1 xcomp  VERB  VB  partner
with     3 prep   ADP   IN  with
Globex   4 pobj   PROPN NNP globex
.        1 punct  PUNCT .   .
"""

PARTNERED = """
Acme       1 nsubj  PROPN NNP acme
partnered  1 ROOT   VERB  VBD partner
with       1 prep   ADP   IN  with
Globex     2 pobj   PROPN NNP globex
.          1 punct  PUNCT .   .
"""

TRIED_TO_ACQUIRE = """
Acme     1 nsubj  PROPN NNP acme
tried    1 ROOT   VERB  VBD try
to       3 aux    PART  TO  to
acquire  1 xcomp  VERB  VB  acquire
Globex   3 dobj   PROPN NNP globex
.        1 punct  PUNCT .   .
"""

WOULD_HAVE_ACQUIRED = """
Acme      3 nsubj  PROPN NNP acme
would     3 aux    AUX   MD  would
have      3 aux    AUX   VB  have
acquired  3 ROOT   VERB  VBN acquire
Globex    3 dobj   PROPN NNP globex
.         3 punct  PUNCT .   .
"""

DID_NOT_ACQUIRE = """
Acme     3 nsubj  PROPN NNP acme
did      3 aux    AUX   VBD do
not      3 neg    PART  RB  not
acquire  3 ROOT   VERB  VB  acquire
Globex   3 dobj   PROPN NNP globex
.        3 punct  PUNCT .   .
"""

NEWLY_BOUGHT_VOICE = """
Acme       1 nsubj    PROPN NNP acme
used       1 ROOT     VERB  VBD use
its        5 poss     PRON  PRP$ its
newly      4 advmod   ADV   RB  newly
bought     5 amod     VERB  VBN buy
voice      1 dobj     NOUN  NN  voice
in         5 prep     ADP   IN  in
the        9 det      DET   DT  the
OpenThing  9 compound PROPN NNP openthing
community  6 pobj     NOUN  NN  community
.          1 punct    PUNCT .   .
"""

UNIT_OF = """
Globex  7 nsubj  PROPN NNP globex
,       0 punct  PUNCT ,   ,
a       3 det    DET   DT  a
unit    0 appos  NOUN  NN  unit
of      3 prep   ADP   IN  of
Acme    4 pobj   PROPN NNP acme
,       0 punct  PUNCT ,   ,
said    7 ROOT   VERB  VBD say
.       7 punct  PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "entities", "expected"),
    [
        (ACTIVE, [("Acme", "ORG"), ("Globex", "ORG")], ("Acme", "ACQUIRED", "Globex")),
        (PASSIVE, [("Acme", "ORG"), ("Globex", "ORG")], ("Acme", "ACQUIRED", "Globex")),
        # the legal suffix is not part of the canonical name
        (EVENT_NOUN, [("Acme", "ORG"), ("Globex Corp", "ORG")], ("Acme", "ACQUIRED", "Globex")),
        (
            FOUNDED_BY_LIST,
            [("OpenThing", "PRODUCT"), ("Acme", "ORG"), ("Globex", "ORG")],
            ("Acme", "FOUNDED", "OpenThing"),
        ),
        (
            FOUNDED_BY_LIST,
            [("OpenThing", "PRODUCT"), ("Acme", "ORG"), ("Globex", "ORG")],
            ("Globex", "FOUNDED", "OpenThing"),
        ),
        (
            MEMBER_COPULA,
            [("Acme", "ORG"), ("Widget Alliance", "ORG")],
            ("Acme", "MEMBER_OF", "Widget Alliance"),
        ),
        (
            MEMBER_RELATIVE,
            [("Globex", "ORG"), ("OpenThing", "PRODUCT"), ("Acme", "ORG")],
            ("Acme", "MEMBER_OF", "OpenThing"),
        ),
        (PARTNERED, [("Acme", "ORG"), ("Globex", "ORG")], ("Acme", "PARTNERS_WITH", "Globex")),
        (UNIT_OF, [("Globex", "ORG"), ("Acme", "ORG")], ("Globex", "SUBSIDIARY_OF", "Acme")),
    ],
    ids=[
        "active",
        "passive",
        "event-noun",
        "list-first",
        "list-second",
        "copula-noun",
        "relative-clause",
        "partner-verb",
        "apposition-unit",
    ],
)
def test_rules_find_the_stated_relation(
    table: str, entities: list[tuple[str, str]], expected: tuple[str, str, str]
) -> None:
    assert_stated(table, entities, expected)


@pytest.mark.parametrize(
    "table",
    [TRIED_TO_WORK, TRIED_TO_PARTNER, TRIED_TO_ACQUIRE, WOULD_HAVE_ACQUIRED, DID_NOT_ACQUIRE],
    ids=[
        "tried-to-work-with",
        "tried-to-partner",
        "tried-to-acquire",
        "would-have-acquired",
        "negated",
    ],
)
def test_rules_do_not_state_hedged_or_denied_relations(table: str) -> None:
    assert triples(parse(table, [("Acme", "ORG"), ("Globex", "ORG")])) == set()


def test_rules_newly_bought_voice_is_not_an_acquisition() -> None:
    doc = parse(NEWLY_BOUGHT_VOICE, [("Acme", "ORG"), ("OpenThing", "PRODUCT")])
    assert not {t for t in triples(doc) if t[1] == "ACQUIRED"}


TERMINATED = """
Acme        1 nsubj  PROPN NNP acme
terminated  1 ROOT   VERB  VBD terminate
its         3 poss   PRON  PRP$ its
agreement   1 dobj   NOUN  NN  agreement
to          5 aux    PART  TO  to
acquire     3 acl    VERB  VB  acquire
Globex      5 dobj   PROPN NNP globex
.           1 punct  PUNCT .   .
"""


def test_rules_terminated_deal_is_kept_only_on_request() -> None:
    doc = parse(TERMINATED, [("Acme", "ORG"), ("Globex", "ORG")])
    document = Document(id="t", text=doc.text)
    assert not [r for r in EXTRACTOR.relations(doc, document) if r.type == "ACQUIRED"]
    kept = Extractor(rule_set(), keep_uncertain=True).relations(doc, document)
    found = {(r.head.name, r.type, r.tail.name, r.evidence.status) for r in kept}
    assert ("Acme", "ACQUIRED", "Globex", "terminated") in found


def test_rules_evidence_carries_sentence_rule_and_confidence() -> None:
    doc = parse(PASSIVE, [("Acme", "ORG"), ("Globex", "ORG")])
    document = Document(id="doc-1", text=doc.text, date="2020-01-02")
    (relation,) = [r for r in EXTRACTOR.relations(doc, document) if r.type == "ACQUIRED"]
    evidence = relation.evidence
    assert evidence.doc_id == "doc-1" and evidence.date == "2020-01-02"
    assert doc.text[evidence.start : evidence.end] == evidence.text
    assert evidence.rule.startswith("acquired.")
    assert 0 < evidence.confidence <= 1
    assert (evidence.head_mention, evidence.tail_mention) == ("Acme", "Globex")


# --- rule files --------------------------------------------------------------------------------

GOOD_RULE = "  - id: my.rule\n    type: ACQUIRED\n    kind: verb\n    lemmas: [snap]\n"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "rules:\n  - id: bad.type\n    type: BOUGHT\n    kind: verb\n    lemmas: [buy]\n",
            ["bad.type", "'type'"],
        ),
        (
            "rules:\n  - id: bad.kind\n    type: ACQUIRED\n    kind: adverb\n    lemmas: [buy]\n",
            ["bad.kind", "'kind'"],
        ),
        (
            "rules:\n  - id: bad.field\n    type: ACQUIRED\n    kind: verb\n"
            "    lemmas: [buy]\n    lemma: [x]\n",
            ["bad.field", "unknown field", "lemma"],
        ),
        ("rules:\n" + GOOD_RULE + GOOD_RULE, ["my.rule", "duplicate"]),
        (
            "rules:\n  - id: no.lemmas\n    type: ACQUIRED\n    kind: verb\n",
            ["no.lemmas", "lemmas"],
        ),
        (
            "rules:\n  - id: bad.confidence\n    type: ACQUIRED\n    kind: verb\n"
            "    lemmas: [buy]\n    confidence: 2\n",
            ["bad.confidence", "confidence"],
        ),
        ("rules:\n  - id: [unclosed\n", ["line"]),
        ("just text\n", ["'rules' list"]),
    ],
    ids=[
        "bad-type",
        "bad-kind",
        "unknown-field",
        "duplicate-id",
        "missing-lemmas",
        "bad-confidence",
        "yaml-syntax",
        "not-a-mapping",
    ],
)
def test_rules_file_errors_name_the_file_and_rule(
    tmp_path: Path, text: str, words: list[str]
) -> None:
    path = tmp_path / "my_rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_rules_user_file_adds_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text("rules:\n" + GOOD_RULE, encoding="utf-8")
    table = ACTIVE.replace(
        "acquired  1 ROOT      VERB  VBD acquire", "snapped   1 ROOT      VERB  VBD snap"
    )
    doc = parse(table, [("Acme", "ORG"), ("Globex", "ORG")])
    document = Document(id="t", text=doc.text)
    assert not list(EXTRACTOR.relations(doc, document))
    found = {
        (r.head.name, r.type, r.tail.name, r.evidence.rule)
        for r in Extractor(rule_set([path])).relations(doc, document)
    }
    assert found == {("Acme", "ACQUIRED", "Globex", "my.rule")}


def test_rules_packaged_files_load() -> None:
    rules = rule_set().rules
    assert {rule.type for rule in rules} >= {
        "ACQUIRED",
        "COMPETES_WITH",
        "MEMBER_OF",
        "FOUNDED",
        "SUBSIDIARY_OF",
    }
    assert len({rule.id for rule in rules}) == len(rules)


# --- patterns of company profiles: funding rounds, client lists, publishers, competition -----

FUNDING_LED_BY = """
Acme    1 nsubj    PROPN NNP acme
raised  1 ROOT     VERB  VBD raise
a       4 det      DET   DT  a
Series  4 compound PROPN NNP series
round   1 dobj     NOUN  NN  round
led     4 acl      VERB  VBN lead
by      5 agent    ADP   IN  by
Globex  6 pobj     PROPN NNP globex
.       1 punct    PUNCT .   .
"""

FUNDING_FROM = """
Acme     1 nsubj    PROPN NNP acme
received 1 ROOT     VERB  VBD receive
funding  1 dobj     NOUN  NN  funding
from     2 prep     ADP   IN  from
Globex   3 pobj     PROPN NNP globex
.        1 punct    PUNCT .   .
"""

NOT_FUNDING = """
Acme     1 nsubj    PROPN NNP acme
received 1 ROOT     VERB  VBD receive
praise   1 dobj     NOUN  NN  praise
from     2 prep     ADP   IN  from
Globex   3 pobj     PROPN NNP globex
.        1 punct    PUNCT .   .
"""

CLIENTS_INCLUDE = """
Acme    2 poss     PROPN NNP acme
's      0 case     PART  POS 's
clients 3 nsubj    NOUN  NNS client
include 3 ROOT     VERB  VBP include
Globex  3 dobj     PROPN NNP globex
and     4 cc       CCONJ CC  and
Initech 4 conj     PROPN NNP initech
.       3 punct    PUNCT .   .
"""

CLIENTS_INCLUDING = """
Acme      1 nsubj  PROPN NNP acme
works     1 ROOT   VERB  VBZ work
with      1 prep   ADP   IN  with
clients   2 pobj   NOUN  NNS client
including 3 prep   VERB  VBG including
Globex    4 pobj   PROPN NNP globex
.         1 punct  PUNCT .   .
"""

OFFICES_INCLUDE = """
Acme    2 poss     PROPN NNP acme
's      0 case     PART  POS 's
offices 3 nsubj    NOUN  NNS office
include 3 ROOT     VERB  VBP include
Globex  3 dobj     PROPN NNP globex
.       3 punct    PUNCT .   .
"""

INVESTORS_INCLUDE = """
Acme      2 poss     PROPN NNP acme
's        0 case     PART  POS 's
investors 3 nsubj    NOUN  NNS investor
include   3 ROOT     VERB  VBP include
Globex    3 dobj     PROPN NNP globex
.         3 punct    PUNCT .   .
"""

PUBLISHED = """
Acme      1 nsubj  PROPN NNP acme
published 1 ROOT   VERB  VBD publish
Widget    1 dobj   PROPN NNP widget
.         1 punct  PUNCT .   .
"""

PLANNED_TO_PUBLISH = """
Acme     1 nsubj  PROPN NNP acme
planned  1 ROOT   VERB  VBD plan
to       3 aux    PART  TO  to
publish  1 xcomp  VERB  VB  publish
Widget   3 dobj   PROPN NNP widget
.        1 punct  PUNCT .   .
"""

FACED_COMPETITION = """
Acme        1 nsubj  PROPN NNP acme
faced       1 ROOT   VERB  VBD face
competition 1 dobj   NOUN  NN  competition
from        2 prep   ADP   IN  from
Globex      3 pobj   PROPN NNP globex
.           1 punct  PUNCT .   .
"""

FACED_CRITICISM = """
Acme      1 nsubj  PROPN NNP acme
faced     1 ROOT   VERB  VBD face
criticism 1 dobj   NOUN  NN  criticism
from      2 prep   ADP   IN  from
Globex    3 pobj   PROPN NNP globex
.         1 punct  PUNCT .   .
"""

BOUGHT_ITS_BUSINESS = """
Acme     1 nsubj    PROPN NNP acme
acquired 1 ROOT     VERB  VBD acquire
Globex   5 poss     PROPN NNP globex
's       2 case     PART  POS 's
retail   5 amod     ADJ   JJ  retail
business 1 dobj     NOUN  NN  business
.        1 punct    PUNCT .   .
"""

OFFER_FROM = """
Globex   1 nsubj  PROPN NNP globex
received 1 ROOT   VERB  VBD receive
an       3 det    DET   DT  an
offer    1 dobj   NOUN  NN  offer
from     3 prep   ADP   IN  from
Acme     4 pobj   PROPN NNP acme
.        1 punct  PUNCT .   .
"""

ORGS = [("Acme", "ORG"), ("Globex", "ORG")]


@pytest.mark.parametrize(
    ("table", "entities", "expected"),
    [
        (FUNDING_LED_BY, ORGS, ("Globex", "INVESTS_IN", "Acme")),
        (FUNDING_FROM, ORGS, ("Globex", "INVESTS_IN", "Acme")),
        (CLIENTS_INCLUDE, [*ORGS, ("Initech", "ORG")], ("Globex", "USES", "Acme")),
        (CLIENTS_INCLUDE, [*ORGS, ("Initech", "ORG")], ("Initech", "USES", "Acme")),
        (CLIENTS_INCLUDING, ORGS, ("Globex", "USES", "Acme")),
        (INVESTORS_INCLUDE, ORGS, ("Globex", "INVESTS_IN", "Acme")),
        (PUBLISHED, [("Acme", "ORG"), ("Widget", "PRODUCT")], ("Acme", "DEVELOPS", "Widget")),
        (FACED_COMPETITION, ORGS, ("Acme", "COMPETES_WITH", "Globex")),
        (BOUGHT_ITS_BUSINESS, ORGS, ("Acme", "ACQUIRED", "Globex")),
        (OFFER_FROM, ORGS, ("Acme", "ACQUIRED", "Globex")),
    ],
    ids=[
        "funding-led-by",
        "funding-from",
        "clients-include-first",
        "clients-include-last",
        "works-with-clients-including",
        "investors-include",
        "published-product",
        "faced-competition-from",
        "bought-named-owners-business",
        "received-offer-from",
    ],
)
def test_rules_find_profile_patterns(
    table: str, entities: list[tuple[str, str]], expected: tuple[str, str, str]
) -> None:
    assert_stated(table, entities, expected)


@pytest.mark.parametrize(
    ("table", "entities"),
    [
        (NOT_FUNDING, ORGS),
        (OFFICES_INCLUDE, ORGS),
        (PLANNED_TO_PUBLISH, [("Acme", "ORG"), ("Widget", "PRODUCT")]),
        (FACED_CRITICISM, ORGS),
    ],
    ids=["praise-is-not-funding", "offices-are-not-clients", "planned-to-publish", "criticism"],
)
def test_rules_profile_patterns_need_their_trigger(
    table: str, entities: list[tuple[str, str]]
) -> None:
    assert triples(parse(table, entities)) == set()


# --- deal patterns of wire copy: prices offered, infinitive passives, mergers, tender offers --

OFFER_PRICE_FOR = """
Acme    2 nsubj    PROPN NNP acme
will    2 aux      AUX   MD  will
offer   2 ROOT     VERB  VB  offer
20      4 nummod   NUM   CD  20
dlrs    2 dobj     NOUN  NNS dlrs
a       6 det      DET   DT  a
share   4 npadvmod NOUN  NN  share
for     2 prep     ADP   IN  for
Globex  7 pobj     PROPN NNP globex
.       2 punct    PUNCT .   .
"""

OFFER_CASH_FOR = """
Acme    1 nsubj    PROPN NNP acme
offered 1 ROOT     VERB  VBD offer
cash    1 dobj     NOUN  NN  cash
for     2 prep     ADP   IN  for
Globex  3 pobj     PROPN NNP globex
.       1 punct    PUNCT .   .
"""

OFFER_SOFTWARE_FOR = """
Acme     1 nsubj    PROPN NNP acme
offers   1 ROOT     VERB  VBZ offer
software 1 dobj     NOUN  NN  software
for      2 prep     ADP   IN  for
Globex   3 pobj     PROPN NNP globex
.        1 punct    PUNCT .   .
"""

AGREED_TO_BE_ACQUIRED = """
Globex   1 nsubj     PROPN NNP globex
agreed   1 ROOT      VERB  VBD agree
to       4 aux       PART  TO  to
be       4 auxpass   AUX   VB  be
acquired 1 xcomp     VERB  VBN acquire
by       4 agent     ADP   IN  by
Acme     5 pobj      PROPN NNP acme
.        1 punct     PUNCT .   .
"""

AGREEMENT_TO_BE_ACQUIRED = """
Globex    1 nsubj     PROPN NNP globex
signed    1 ROOT      VERB  VBD sign
an        3 det       DET   DT  an
agreement 1 dobj      NOUN  NN  agreement
to        6 aux       PART  TO  to
be        6 auxpass   AUX   VB  be
acquired  3 acl       VERB  VBN acquire
by        6 agent     ADP   IN  by
Acme      7 pobj      PROPN NNP acme
.         1 punct     PUNCT .   .
"""

REFUSED_TO_BE_ACQUIRED = """
Globex   1 nsubj     PROPN NNP globex
refused  1 ROOT      VERB  VBD refuse
to       4 aux       PART  TO  to
be       4 auxpass   AUX   VB  be
acquired 1 xcomp     VERB  VBN acquire
by       4 agent     ADP   IN  by
Acme     5 pobj      PROPN NNP acme
.        1 punct     PUNCT .   .
"""

MERGED_INTO = """
Globex  1 nsubj  PROPN NNP globex
merged  1 ROOT   VERB  VBD merge
into    1 prep   ADP   IN  into
Acme    2 pobj   PROPN NNP acme
.       1 punct  PUNCT .   .
"""

MERGED_WITH = """
Globex  1 nsubj  PROPN NNP globex
merged  1 ROOT   VERB  VBD merge
with    1 prep   ADP   IN  with
Acme    2 pobj   PROPN NNP acme
.       1 punct  PUNCT .   .
"""

MERGER_OF_INTO = """
the     1 det    DET   DT  the
merger  6 nsubj  NOUN  NN  merger
of      1 prep   ADP   IN  of
Globex  2 pobj   PROPN NNP globex
into    1 prep   ADP   IN  into
Acme    4 pobj   PROPN NNP acme
closed  6 ROOT   VERB  VBD close
.       6 punct  PUNCT .   .
"""

STARTED_TENDER_OFFER = """
Acme    1 nsubj    PROPN NNP acme
started 1 ROOT     VERB  VBD start
a       4 det      DET   DT  a
tender  4 compound NOUN  NN  tender
offer   1 dobj     NOUN  NN  offer
for     4 prep     ADP   IN  for
Globex  5 pobj     PROPN NNP globex
.       1 punct    PUNCT .   .
"""

CRITICISED_TENDER_OFFER = """
Acme       1 nsubj    PROPN NNP acme
criticised 1 ROOT     VERB  VBD criticise
a          4 det      DET   DT  a
tender     4 compound NOUN  NN  tender
offer      1 dobj     NOUN  NN  offer
for        4 prep     ADP   IN  for
Globex     5 pobj     PROPN NNP globex
.          1 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    "table",
    [
        OFFER_PRICE_FOR,
        OFFER_CASH_FOR,
        AGREED_TO_BE_ACQUIRED,
        AGREEMENT_TO_BE_ACQUIRED,
        MERGED_INTO,
        MERGER_OF_INTO,
        STARTED_TENDER_OFFER,
    ],
    ids=[
        "will-offer-price-for",
        "offered-cash-for",
        "agreed-to-be-acquired-by",
        "agreement-to-be-acquired-by",
        "merged-into",
        "merger-of-into",
        "started-tender-offer-for",
    ],
)
def test_rules_find_deal_patterns_in_buyer_direction(table: str) -> None:
    found = triples(parse(table, ORGS))
    assert ("Acme", "ACQUIRED", "Globex") in found
    assert ("Globex", "ACQUIRED", "Acme") not in found


@pytest.mark.parametrize(
    "table",
    [OFFER_SOFTWARE_FOR, REFUSED_TO_BE_ACQUIRED, MERGED_WITH, CRITICISED_TENDER_OFFER],
    ids=["offers-software-for", "refused-to-be-acquired", "merged-with", "criticised-offer"],
)
def test_rules_deal_patterns_need_a_deal(table: str) -> None:
    found = triples(parse(table, ORGS))
    assert not {t for t in found if t[1] == "ACQUIRED"}


def test_rules_price_offered_is_an_announced_bid() -> None:
    doc = parse(OFFER_PRICE_FOR, ORGS)
    statuses = {
        r.evidence.status
        for r in EXTRACTOR.relations(doc, Document(id="test", text=doc.text))
        if r.type == "ACQUIRED"
    }
    assert statuses == {"announced"}


# How the small model reads "In 2006 Acme Corp purchases Globex": the verb as a plural noun with
# the subject as its compound; a noun with a direct object is a verb all the same.
NOUN_READ_VERB = """
In        3 prep      ADP   IN  in
2006      0 pobj      NUM   CD  2006
Acme      3 compound  PROPN NNP acme
purchases 3 ROOT      NOUN  NNS purchase
Globex    3 dobj      PROPN NNP globex
.         3 punct     PUNCT .   .
"""


def test_rules_a_verb_read_as_a_plural_noun_still_acts() -> None:
    assert_stated(
        NOUN_READ_VERB, [("Acme", "ORG"), ("Globex", "ORG")], ("Acme", "ACQUIRED", "Globex")
    )


# How the small model reads "Acme partnered with technology vendor Globex to run ...": the name
# becomes the subject of the next clause and "with" is left without an object.
WITH_WITHOUT_OBJECT = """
Acme       1 nsubj    PROPN NNP acme
partnered  1 ROOT     VERB  VBD partner
with       1 prep     ADP   IN  with
technology 4 compound NOUN  NN  technology
vendor     5 compound NOUN  NN  vendor
Globex     7 nsubj    PROPN NNP globex
to         7 aux      PART  TO  to
run        1 advcl    VERB  VB  run
servers    7 dobj     NOUN  NNS server
.          1 punct    PUNCT .   .
"""


def test_rules_a_preposition_left_without_its_object_takes_the_name_after_it() -> None:
    assert_stated(
        WITH_WITHOUT_OBJECT,
        [("Acme", "ORG"), ("Globex", "ORG")],
        ("Acme", "PARTNERS_WITH", "Globex"),
    )


# A name the model (or a shorter gazetteer name) cut short: only "Acme" is an entity in
# "Acme Global Enterprise acquired Globex".
CUT_NAME = """
Acme       2 compound PROPN NNP acme
Global     2 compound PROPN NNP global
Enterprise 3 nsubj    PROPN NNP enterprise
acquired   3 ROOT     VERB  VBD acquire
Globex     3 dobj     PROPN NNP globex
.          3 punct    PUNCT .   .
"""


def test_rules_a_name_cut_short_still_acts_for_its_noun_phrase() -> None:
    assert_stated(CUT_NAME, [("Acme", "ORG"), ("Globex", "ORG")], ("Acme", "ACQUIRED", "Globex"))
