"""Entity labels from the role a name plays, on hand-built parses (no statistical model), and a
few of the same behaviours through the real pipeline."""

from __future__ import annotations

import pytest
import spacy
from parse_support import doc_from_table, doc_with_entities, fixed_entities
from spacy.tokens import Doc, Span

from graphbuild.canonical import clean_name, name_key
from graphbuild.entities.tokens import DocumentNames
from graphbuild.entities.trims import LongerNames
from graphbuild.mentions.names import WrittenNames
from graphbuild.nlp import (
    COREF_KEY,
    MENTIONS_KEY,
    MODEL_ENTITIES_KEY,
    UNNAMED_SUBJECT,
    EntityFixer,
    make_doc,
)

NLP = spacy.blank("en")
parse = doc_with_entities
entities = fixed_entities


COPULA_RETAILER = """
Velvane  1 nsubj PROPN NNP velvane
is       1 ROOT  AUX   VBZ be
a        4 det   DET   DT  a
fashion  4 compound NOUN NN fashion
retailer 1 attr  NOUN  NN  retailer
.        1 punct PUNCT .   .
"""

COPULA_FILM = """
Kestrel  1 nsubj PROPN NNP kestrel
is       1 ROOT  AUX   VBZ be
a        4 det   DET   DT  a
2004     4 nummod NUM  CD  2004
film     1 attr  NOUN  NN  film
.        1 punct PUNCT .   .
"""

COPULA_PERSON = """
Jane     1 compound PROPN NNP jane
Doe      2 nsubj    PROPN NNP doe
is       2 ROOT     AUX   VBZ be
a        4 det      DET   DT  a
partner  2 attr     NOUN  NN  partner
.        2 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "model", "expected"),
    [
        (COPULA_RETAILER, [(0, 1, "PERSON")], ("Velvane", "ORG")),
        (COPULA_FILM, [(0, 1, "ORG")], ("Kestrel", "PRODUCT")),
        (COPULA_RETAILER, [], ("Velvane", "ORG")),  # the model saw no name at all
        (COPULA_PERSON, [(0, 2, "PERSON")], ("Jane Doe", "PERSON")),  # "partner" fits people
    ],
)
def test_entities_copula_says_what_a_name_is(table, model, expected) -> None:
    assert expected in entities(parse(table, model))


LAUNCHED = """
Quillon  1 nsubj PROPN NNP quillon
launched 1 ROOT  VERB  VBD launch
a        3 det   DET   DT  a
service  1 dobj  NOUN  NN  service
.        1 punct PUNCT .   .
"""

FULL_NAME_THEN_SURNAME = """
Mary     1 compound PROPN NNP mary
Quillon  2 nsubj    PROPN NNP quillon
left     2 ROOT     VERB  VBD leave
.        2 punct    PUNCT .   .
Quillon  5 nsubj    PROPN NNP quillon
launched 5 ROOT     VERB  VBD launch
a        7 det      DET   DT  a
service  5 dobj     NOUN  NN  service
.        5 punct    PUNCT .   .
"""

FOUNDED = """
Globex   3 nsubjpass PROPN NNP globex
was      3 auxpass   AUX   VBD be
first    3 advmod    ADV   RB  first
founded  3 ROOT      VERB  VBN found
in       3 prep      ADP   IN  in
1990     4 pobj      NUM   CD  1990
.        3 punct     PUNCT .   .
"""

SPEAKS_OF_ITSELF = """
Rockwren   1 nsubj PROPN NNP rockwren
announced  1 ROOT  VERB  VBD announce
that       4 mark  SCONJ IN  that
it         4 nsubj PRON  PRP it
signed     1 ccomp VERB  VBD sign
a          6 det   DET   DT  a
deal       4 dobj  NOUN  NN  deal
.          1 punct PUNCT .   .
"""

POSSESSIVE_CUSTOMERS = """
Globex    2 poss  PROPN NNP globex
's        0 case  PART  POS 's
customers 3 nsubj NOUN  NNS customer
grew      3 ROOT  VERB  VBD grow
.         3 punct PUNCT .   .
"""

SOLD_TWO_WORDS = """
Acme     1 nsubj    PROPN NNP acme
sold     1 ROOT     VERB  VBD sell
Douglas  3 compound PROPN NNP douglas
Fenwick  1 dobj     PROPN NNP fenwick
to       1 prep     ADP   IN  to
Globex   4 pobj     PROPN NNP globex
.        1 punct    PUNCT .   .
"""

SELLS_PRODUCT = """
Acme     1 nsubj    PROPN NNP acme
sells    1 ROOT     VERB  VBZ sell
Kestrel  1 dobj     PROPN NNP kestrel
online   1 advmod   ADV   RB  online
.        1 punct    PUNCT .   .
"""


def test_entities_company_roles_make_organisations() -> None:
    assert ("Quillon", "ORG") in entities(parse(LAUNCHED, [(0, 1, "PERSON")]))
    assert ("Globex", "ORG") in entities(parse(FOUNDED, []))
    assert ("Rockwren", "ORG") in entities(parse(SPEAKS_OF_ITSELF, [(0, 1, "PERSON")]))
    assert ("Globex", "ORG") in entities(parse(POSSESSIVE_CUSTOMERS, []))
    # people are not sold: a two-word "person" that is sold is a company
    assert ("Douglas Fenwick", "ORG") in entities(parse(SOLD_TWO_WORDS, [(2, 4, "PERSON")]))
    # ... but what a company sells (with no buyer) is not thereby a company
    assert ("Kestrel", "ORG") not in entities(
        parse(SELLS_PRODUCT, [(0, 1, "ORG"), (2, 3, "WORK_OF_ART")])
    )


def test_entities_a_surname_of_a_named_person_stays_a_person() -> None:
    doc = parse(FULL_NAME_THEN_SURNAME, [(0, 2, "PERSON"), (4, 5, "PERSON")])
    found = entities(doc)
    assert ("Mary Quillon", "PERSON") in found
    assert ("Quillon", "PERSON") in found


FILMS_SUCH_AS = """
It       1 nsubj PRON  PRP it
produced 1 ROOT  VERB  VBD produce
films    1 dobj  NOUN  NNS film
such     4 amod  ADJ   JJ  such
as       2 prep  ADP   IN  as
Kestrel  4 pobj  PROPN NNP kestrel
and      5 cc    CCONJ CC  and
The      8 det   DET   DT  the
Ascent   5 conj  PROPN NNP ascent
.        1 punct PUNCT .   .
"""

CLIENTS_INCLUDE = """
Its      1 poss  PRON  PRP$ its
clients  2 nsubj NOUN  NNS  client
include  2 ROOT  VERB  VBP  include
Globex   2 dobj  PROPN NNP  globex
and      3 cc    CCONJ CC   and
Initech  3 conj  PROPN NNP  initech
.        2 punct PUNCT .    .
"""


def test_entities_a_list_takes_the_kind_of_its_noun() -> None:
    films = entities(parse(FILMS_SUCH_AS, [(5, 6, "PERSON"), (7, 9, "ORG")]))
    assert ("Kestrel", "PRODUCT") in films
    assert ("The Ascent", "PRODUCT") in films or ("Ascent", "PRODUCT") in films
    clients = entities(parse(CLIENTS_INCLUDE, [(3, 4, "PERSON"), (5, 6, "GPE")]))
    assert clients >= {("Globex", "ORG"), ("Initech", "ORG")}


PRODUCED_TWO_WORDS = """
Ember    1 compound PROPN NNP ember
Ventures 2 nsubj    PROPN NNP ventures
produced 2 ROOT     VERB  VBD produce
Stone    4 compound PROPN NNP stone
Gates    2 dobj     PROPN NNP gates
.        2 punct    PUNCT .   .
"""


def test_entities_what_a_company_produces_is_a_product() -> None:
    found = entities(parse(PRODUCED_TWO_WORDS, [(0, 2, "ORG"), (3, 5, "PERSON")]))
    assert ("Stone Gates", "PRODUCT") in found


DATE_THEN_NAME = """
In       4 prep     ADP   IN  in
December 0 pobj     PROPN NNP december
2009     1 nummod   NUM   CD  2009
Orlane   4 nsubj    PROPN NNP orlane
launched 4 ROOT     VERB  VBD launch
Onyra    4 dobj     PROPN NNP onyra
.        4 punct    PUNCT .   .
"""


def test_entities_a_date_is_not_merged_into_the_name_after_it() -> None:
    found = entities(parse(DATE_THEN_NAME, [(1, 3, "DATE"), (3, 4, "PERSON")]))
    assert ("December 2009", "DATE") in found
    assert ("Orlane", "ORG") in found


HYPHENATED = """
QTR      2 compound PROPN NNP qtr
Nolex    2 compound PROPN NNP nolex
Ltd      3 nsubj    PROPN NNP ltd
raised   3 ROOT     VERB  VBD raise
its      5 poss     PRON  PRP$ its
offer    3 dobj     NOUN  NN  offer
for      5 prep     ADP   IN  for
Holm     9 compound PROPN NNP holm
-        9 punct    PUNCT HYPH -
Warden   10 compound PROPN NNP warden
Ltd      6 pobj     PROPN NNP ltd
.        3 punct    PUNCT .   .
"""


def test_entities_a_hyphenated_name_is_kept_whole() -> None:
    doc = doc_from_table(NLP.vocab, HYPHENATED)
    # the tokenizer's hyphen has no spaces around it
    doc = Doc(NLP.vocab, words=[t.text for t in doc], spaces=[t.i not in {7, 8} for t in doc])
    table_doc = doc_from_table(NLP.vocab, HYPHENATED)
    for token, source in zip(doc, table_doc, strict=True):
        token.head = doc[source.head.i]
        token.dep_, token.pos_, token.tag_, token.lemma_ = (
            source.dep_,
            source.pos_,
            source.tag_,
            source.lemma_,
        )
    doc.ents = [Span(doc, 9, 11, label="ORG")]
    assert ("Holm-Warden Ltd", "ORG") in entities(doc)


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Hanwell and Co Ltd", "Hanwell"),
        ("Smith & Co", "Smith"),
        ("Axel Brenner SE", "Axel Brenner"),
        ("Hobbs & Garner", "Hobbs & Garner"),  # a connector inside a name stays
        ("Merivale Power Inc", "Merivale Power"),
    ],
)
def test_canonical_connector_and_legal_forms(surface: str, expected: str) -> None:
    assert clean_name(surface) == expected


def test_canonical_forms_of_one_company_share_a_key() -> None:
    assert name_key("Merivale Power Inc") == name_key("Merivale Power") == "merivale-power"


# --- the same behaviours through the real model, on sentences written for these tests ---------


def _labels(nlp, text: str) -> dict[str, str]:
    doc = nlp(make_doc(nlp, text))
    return {span.text: span.label_ for span in doc.ents}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Quorvex is a Canadian software company based in Ottawa.", "Quorvex", "ORG"),
        (
            "Tamberlin Studios produced films such as Glass Harbor and Night Owls.",
            "Glass Harbor",
            "PRODUCT",
        ),
        ("In 2019 Brimlow was purchased by a private equity firm.", "Brimlow", "ORG"),
        ("Holtz Mining said it sold Vantreel Copper to a rival in 2001.", "Vantreel Copper", "ORG"),
        # one span of the model's is two names: split at "and" between two names of a company
        # word and a place, and at a comma before the sentence's subject
        (
            "The lender is one of four in the group (the rest being Coast Bank of the Islands "
            "and Harbour Bank of the Islands).",
            "Harbour Bank of the Islands",
            "ORG",
        ),
        (
            "Aimed to be a rival to the storefront from Valve, Lumen Cache differs from it.",
            "Lumen Cache",
            "ORG",
        ),
    ],
)
def test_entities_real_model_roles(nlp, text: str, name: str, label: str) -> None:
    labels = _labels(nlp, text)
    assert labels.get(name) == label, labels


@pytest.mark.parametrize(
    "text",
    [
        "Jonathan Peabody, chief executive of the bank, said profits rose. Peabody declined to"
        " say more.",
        "Analyst Maria Okafor said the deal was fair.",
    ],
)
def test_entities_real_model_people_stay_people(nlp, text: str) -> None:
    doc = nlp(make_doc(nlp, text))
    # people are mentions, as people: never organisations or products
    labels = {span.text: span.label_ for span in doc.spans[MENTIONS_KEY]}
    people = {"Peabody", "Jonathan Peabody", "Maria Okafor", "Okafor"}
    assert {labels[name] for name in people & set(labels)} == {"PERSON"}, labels
    assert COREF_KEY in doc.spans


TWO_COMPANIES = """
Merivale     1 compound PROPN NNP merivale
Power       2 compound PROPN NNP power
Inc         6 nsubj    PROPN NNP inc
and         2 cc       CCONJ CC  and
Castleby    5 compound PROPN NNP castleby
Corp        2 conj     PROPN NNP corp
ended       6 ROOT     VERB  VBD end
talks       6 dobj     NOUN  NNS talk
.           6 punct    PUNCT .   .
"""


def test_entities_two_legal_names_joined_by_and_stay_two() -> None:
    found = entities(parse(TWO_COMPANIES, []))
    assert {("Merivale Power Inc", "ORG"), ("Castleby Corp", "ORG")} <= found


def test_entities_real_model_short_names_resolve_to_the_full_name(nlp) -> None:
    text = (
        "Halvorsen Energy Inc and Castleby Development Corp said they ended talks under which"
        " Halvorsen would have acquired Castleby."
    )
    doc = nlp(make_doc(nlp, text))
    names = {span.text: span.id_ for span in doc.spans[MENTIONS_KEY]}
    assert names.get("Halvorsen Energy Inc") == "Halvorsen Energy"
    assert names.get("Halvorsen") == "Halvorsen Energy"
    assert names.get("Castleby") == "Castleby Development"


def test_entities_real_model_untagged_short_name_after_the_full_name(nlp) -> None:
    text = (
        "Halvorsen Energy Inc said it would purchase Castleby Development Corp. "
        "Halvorsen said the merger should be done in June."
    )
    doc = nlp(make_doc(nlp, text))
    second = text.index("Halvorsen said")
    short = [span for span in doc.spans[MENTIONS_KEY] if span.start_char == second]
    assert [(span.text, span.id_) for span in short] == [("Halvorsen", "Halvorsen Energy")]


TWO_WORD_BUYER = """
{first}  1 compound PROPN NNP {lower}
Lakes    2 nsubj    PROPN NNP lakes
acquired 2 ROOT     VERB  VBD acquire
Globex   2 dobj     PROPN NNP globex
.        2 punct    PUNCT .   .
"""


@pytest.mark.parametrize(("first", "expected"), [("Tri", "ORG"), ("John", "PERSON")])
def test_entities_two_word_names_in_company_roles(first: str, expected: str) -> None:
    table = TWO_WORD_BUYER.format(first=first, lower=first.lower())
    assert (f"{first} Lakes", expected) in entities(parse(table, [(0, 2, "PERSON")]))


PARTNERSHIP_NAMES = """
Hallworth   5 nsubj    PROPN NNP hallworth
,        0 punct    PUNCT ,   ,
Pryor    0 conj     PROPN NNP pryor
and      2 cc       CCONJ CC  and
Co       2 conj     PROPN NNP co
advised  5 ROOT     VERB  VBD advise
Bexler   7 compound PROPN NNP bexler
GmbH     5 dobj     PROPN NNP gmbh
and      7 cc       CCONJ CC  and
Co       10 compound PROPN NNP co
KG       7 conj     PROPN NNP kg
.        5 punct    PUNCT .   .
"""


def test_entities_partnership_and_german_legal_names_are_whole() -> None:
    found = entities(parse(PARTNERSHIP_NAMES, [(2, 5, "ORG"), (9, 11, "PERSON")]))
    assert ("Hallworth , Pryor and Co", "ORG") in found
    assert ("Bexler GmbH and Co KG", "ORG") in found
    assert not any(text == "Co KG" for text, _ in found)


BANK_OF = """
Kovar    1 nsubj    PROPN NNP kovar
owns     1 ROOT     VERB  VBZ own
shares   1 dobj     NOUN  NNS share
in       2 prep     ADP   IN  in
National 5 compound PROPN NNP national
Bank     3 pobj     PROPN NNP bank
of       5 prep     ADP   IN  of
Veloria  8 compound PROPN NNP veloria
Bhd      6 pobj     PROPN NNP bhd
and      1 cc       CCONJ CC  and
Jane     11 compound PROPN NNP jane
Ames     1 conj     PROPN NNP ames
of       11 prep    ADP   IN  of
Goode    14 compound PROPN NNP goode
Ltd      12 pobj    PROPN NNP ltd
.        1 punct    PUNCT .   .
"""


def test_entities_of_joins_a_name_only_after_a_company_word() -> None:
    found = entities(parse(BANK_OF, [(0, 1, "PERSON"), (10, 12, "PERSON")]))
    assert ("National Bank of Veloria Bhd", "ORG") in found
    assert ("Goode Ltd", "ORG") in found  # "Jane Ames of Goode Ltd" is a person and a company
    assert ("Jane Ames", "PERSON") in found


@pytest.mark.parametrize("name", ["Lernio.com", "404.com", "ZTV2", "Vista3D"])
def test_entities_web_addresses_and_alphanumeric_names_are_kept(name: str) -> None:
    doc = Doc(NLP.vocab, words=[name, "grew", "."])
    doc.ents = [Span(doc, 0, 1, label="ORG")]
    assert (name, "ORG") in entities(doc)


def test_entities_numbers_alone_are_not_names() -> None:
    doc = Doc(NLP.vocab, words=["In", "1987", "sales", "rose", "."])
    doc.ents = [Span(doc, 1, 2, label="ORG")]
    assert not entities(doc)


DATED_TITLES = """
It       1 nsubj PRON  PRP it
made     1 ROOT  VERB  VBD make
The      3 det   DET   DT  the
Ascent   1 dobj  PROPN NNP ascent
(        5 punct PUNCT -LRB- (
2019     3 appos NUM   CD  2019
)        5 punct PUNCT -RRB- )
.        1 punct PUNCT .   .
"""


def test_entities_a_title_with_its_year_in_brackets_is_a_product() -> None:
    found = entities(parse(DATED_TITLES, [(2, 4, "ORG")]))
    assert ("The Ascent", "PRODUCT") in found or ("Ascent", "PRODUCT") in found


PLACE_OR_COMPANY = """
{name}   1 nsubj PROPN NNP {lower}
raised   1 ROOT  VERB  VBD raise
$        3 nmod  SYM   $   $
8        4 compound NUM CD 8
million  1 dobj  NUM   CD  million
.        1 punct PUNCT .   .
"""


@pytest.mark.parametrize(("name", "expected"), [("Pertavo", "ORG"), ("Brazil", "GPE")])
def test_entities_an_unknown_place_raising_money_is_a_company(name: str, expected: str) -> None:
    table = PLACE_OR_COMPANY.format(name=name, lower=name.lower())
    assert (name, expected) in entities(parse(table, [(0, 1, "GPE")]))


ANNOUNCED_ACQUISITION = """
Ixara     1 nsubj PROPN NNP ixara
announced 1 ROOT  VERB  VBD announce
the       3 det   DET   DT  the
acquisition 1 dobj NOUN NN acquisition
of        3 prep  ADP   IN  of
Veriwell  4 pobj  PROPN NNP veriwell
.         1 punct PUNCT .   .
"""

COMPETITORS = """
Its       2 poss     PRON  PRP$ its
Calixo    2 compound PROPN NNP calixo
competitors 3 nsubj  NOUN  NNS competitor
include   3 ROOT     VERB  VBP include
Cisco     3 dobj     PROPN NNP cisco
.         3 punct    PUNCT .   .
"""

PLACE_BASED = """
Acme      1 nsubj    PROPN NNP acme
bought    1 ROOT     VERB  VBD buy
two       5 nummod   NUM   CD  two
Florida   5 npadvmod PROPN NNP florida
-         5 punct    PUNCT HYPH -
based     6 amod     VERB  VBN base
banks     1 dobj     NOUN  NNS bank
.         1 punct    PUNCT .   .
"""


def test_entities_more_company_roles() -> None:
    assert ("Ixara", "ORG") in entities(parse(ANNOUNCED_ACQUISITION, [(0, 1, "PERSON")]))
    assert ("Calixo", "ORG") in entities(parse(COMPETITORS, [(4, 5, "ORG")]))
    # "Java-based" names a product, "Florida-based" a place
    assert ("Florida", "GPE") in entities(parse(PLACE_BASED, [(0, 1, "ORG"), (3, 4, "GPE")]))


CHIEF_COMPETITOR = """
Its        2 poss  PRON  PRP$ its
chief      2 amod  ADJ   JJ   chief
competitor 3 nsubj NOUN  NN   competitor
was        3 ROOT  AUX   VBD  be
Kestrel    3 attr  NOUN  NN   kestrel
.          3 punct PUNCT .    .
"""

RIVAL_BEFORE_NAME = """
Acme       1 nsubj PROPN NNP  Acme
grew       1 ROOT  VERB  VBD  grow
with       1 prep  ADP   IN   with
its        5 poss  PRON  PRP$ its
rival      5 amod  ADJ   JJ   rival
Thornbury  2 pobj  PROPN NNPS Thornbury
.          1 punct PUNCT .    .
"""


def test_entities_what_a_company_s_rival_is_said_to_be_is_a_company() -> None:
    # the model tags neither: a common noun after "its chief competitor was", a name after "rival"
    assert ("Kestrel", "ORG") in entities(parse(CHIEF_COMPETITOR, []))
    assert ("Thornbury", "ORG") in entities(parse(RIVAL_BEFORE_NAME, [(0, 1, "ORG")]))


QUOTED_SPEAKER = """
Ravi    1  compound PROPN NNP  Ravi
Mehta   2  nsubj    PROPN NNP  Mehta
spoke   2  ROOT     VERB  VBD  speak
.       2  punct    PUNCT .    .
While   6  mark     SCONJ IN   while
Orvell  6  nsubj    PROPN NNP  Orvell
pushes  11 advcl    VERB  VBZ  push
its     8  poss     PRON  PRP$ its
API     6  dobj     PROPN NNP  API
,       11 punct    PUNCT ,    ,
Mehta   11 nsubj    PROPN NNP  Mehta
called  11 ROOT     VERB  VBD  call
it      11 dobj     PRON  PRP  it
costly  11 oprd     ADJ   JJ   costly
.       11 punct    PUNCT .    .
"""


def test_entities_a_span_split_before_a_subject_keeps_people_people() -> None:
    # the model's "API, Mehta" is two names; the second is the person named before
    found = entities(parse(QUOTED_SPEAKER, [(0, 2, "PERSON"), (5, 6, "ORG"), (8, 11, "ORG")]))
    assert ("Mehta", "ORG") not in found
    assert ("API, Mehta", "ORG") not in found


TITLES_LIST = """
It        1 nsubj PRON  PRP it
praised   1 ROOT  VERB  VBD praise
Osprey    1 dobj  PROPN NNP osprey
,         2 punct PUNCT ,   ,
Kestrel   2 conj  PROPN NNP kestrel
and       4 cc    CCONJ CC  and
Harrier   4 conj  PROPN NNP harrier
.         1 punct PUNCT .   .
"""


def test_entities_a_name_listed_with_products_is_one() -> None:
    doc = parse(TITLES_LIST, [(2, 3, "PRODUCT"), (4, 5, "PRODUCT"), (6, 7, "ORG")])
    assert ("Harrier", "PRODUCT") in entities(doc)


def test_coref_an_unnamed_group_is_not_the_company_named_after_it(nlp) -> None:
    text = (
        "An investor group led by Tom Halloway said it bought 5.1 pct of Quenby Corp."
        " The group said it may buy more shares."
    )
    doc = nlp(make_doc(nlp, text))
    assert not [span.text for span in doc.spans[COREF_KEY] if span.id_ == "Quenby"]


def test_coref_the_company_after_a_named_subject(nlp) -> None:
    text = (
        "Marlow Corp, a Chicago-based company, said it will buy Pendle Inc."
        " The company said the deal would close in May."
    )
    doc = nlp(make_doc(nlp, text))
    resolved = {span.text: span.id_ for span in doc.spans[COREF_KEY]}
    assert resolved.get("it") == "Marlow"
    assert resolved.get("The company") == "Marlow"


def test_entities_short_form_of_a_company_is_the_company() -> None:
    # the model calls the short form a product; the document names the company in full
    doc = Doc(NLP.vocab, words=["Globex", "Inc", "grew", ".", "Globex", "hired", "."])
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 4, 5, label="PRODUCT")]
    assert ("Globex", "ORG") in entities(doc)


CUT_NAME = """
Dynamic  1 compound ADJ   JJ  dynamic
Beacon   2 nsubj    PROPN NNP beacon
released 2 ROOT     VERB  VBD release
an       4 det      DET   DT  an
app      2 dobj     NOUN  NN  app
.        2 punct    PUNCT .   .
"""

UNTAGGED_NOUN_FIRST = """
Fair     2 compound NOUN  NN  fair
Care     2 compound PROPN NNP care
Lending  3 nsubj    PROPN NNP lending
worked   3 ROOT     VERB  VBD work
with     3 prep     ADP   IN  with
insurers 4 pobj     NOUN  NNS insurer
.        3 punct    PUNCT .   .
"""


def test_entities_a_capitalised_compound_the_model_cut_off_belongs_to_the_name() -> None:
    assert ("Dynamic Beacon", "ORG") in entities(parse(CUT_NAME, [(1, 2, "ORG")]))
    assert ("Fair Care Lending", "ORG") in entities(parse(UNTAGGED_NOUN_FIRST, []))


VERB_INSIDE = """
Tarvel    1 nsubj    PROPN NNP tarvel
purchased 1 ROOT     VERB  VBD purchase
Ombrix    3 compound PROPN NNP ombrix
Group     1 dobj     PROPN NNP group
.         1 punct    PUNCT .   .
"""


def test_entities_a_finite_verb_inside_a_span_separates_two_names() -> None:
    found = entities(parse(VERB_INSIDE, [(0, 4, "ORG")]))
    assert {("Tarvel", "ORG"), ("Ombrix Group", "ORG")} <= found
    assert not any("purchased" in text for text, _ in found)


LOCATION_BUYER = """
{first}   1 compound PROPN NNP {lower}
{second}  3 nsubj    PROPN NNP {lower2}
eventually 3 advmod  ADV   RB  eventually
won       3 ROOT     VERB  VBD win
the       5 det      DET   DT  the
bidding   3 dobj     NOUN  NN  bidding
and       3 cc       CCONJ CC  and
acquired  3 conj     VERB  VBD acquire
Zantek    7 dobj     PROPN NNP zantek
.         3 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("Velcor", "VoIP", "ORG"), ("South", "Africa", "LOC")],  # a known place stays one
)
def test_entities_a_location_that_buys_companies_is_one(first, second, expected) -> None:
    table = LOCATION_BUYER.format(
        first=first, second=second, lower=first.lower(), lower2=second.lower()
    )
    found = entities(parse(table, [(0, 2, "LOC"), (8, 9, "ORG")]))
    assert (f"{first} {second}", expected) in found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Brandell Industries told the Dover Markets Authority it now owned"
            " 7.4 pct of Ferrow Corp.",
            "Brandell Industries",
        ),
        (
            "The Boston brokerage firm of Pask, Lyle and Dorn told the Securities and Exchange"
            " Commission it had raised its stake in Quorrel Inc to 9.1 pct.",
            "Pask",
        ),
    ],
)
def test_coref_it_in_what_a_speaker_says_is_the_speaker(nlp, text, speaker) -> None:
    doc = nlp(make_doc(nlp, text))
    resolved = {span.text: span.id_ for span in doc.spans[COREF_KEY]}
    assert resolved.get("it") == speaker


def test_coref_a_subject_of_its_own_in_a_reported_clause_keeps_its_pronouns(nlp) -> None:
    text = "Ferrow Corp said Brandell Industries has raised its offer for Ferrow stock."
    doc = nlp(make_doc(nlp, text))
    resolved = {span.text: span.id_ for span in doc.spans[COREF_KEY]}
    assert resolved.get("its") == "Brandell Industries"


def test_coref_people_are_mentions_and_he_is_a_person(nlp) -> None:
    text = (
        "Harold Pembry, a retired dentist in Leeds, told the Dover Markets Authority he now"
        " holds 28,500 shares of Tolland Drilling Co Inc. It said its board would meet."
    )
    doc = nlp(make_doc(nlp, text))
    people = [span for span in doc.spans[MENTIONS_KEY] if span.label_ == "PERSON"]
    assert [(span.text, span.id_) for span in people] == [("Harold Pembry", "Harold Pembry")]
    coref = {(span.text, span.id_, span.label_) for span in doc.spans[COREF_KEY]}
    assert ("he", "Harold Pembry", "PERSON") in coref
    # "it" never means a person, and people keep their label
    assert all(span.label_ != "PERSON" for span in doc.spans[COREF_KEY] if span.text != "he")
    assert ("Tolland Drilling Co Inc.", "ORG") in {(s.text, s.label_) for s in doc.ents}


def test_coref_a_description_before_a_persons_name_is_not_part_of_it(nlp) -> None:
    text = "Financier Harold Pembry said he has bought 5.2 pct of Tolland Drilling Co Inc."
    doc = nlp(make_doc(nlp, text))
    people = {span.text for span in doc.spans[MENTIONS_KEY] if span.label_ == "PERSON"}
    assert people == {"Harold Pembry"}


def test_coref_a_word_the_model_took_for_a_person_modifying_a_noun_is_no_mention(nlp) -> None:
    text = "Pellow Films has produced Hindi films such as Tamarind Road (2009)."
    doc = nlp(make_doc(nlp, text))
    assert "Hindi" not in {span.text for span in doc.spans[MENTIONS_KEY]}


def test_entities_a_bracket_closed_inside_a_name_stays(nlp) -> None:
    doc = nlp(make_doc(nlp, "Orrin Equity (Atlantic) Ltd said it bought 14.5 pct of Dalby Mining."))
    names = {clean_name(span.text) for span in doc.ents}
    assert "Orrin Equity (Atlantic)" in names
    assert "Orrin Equity (Atlantic" not in names


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("History In 2004, Brightwater Corp acquired Lumen Labs.", "History"),
        ("Sales and Marketing In May 2012, Orvell sold its studio.", "Sales and Marketing"),
        ("History Lumen Labs was founded in 2011.", "History"),
        ("Lumen Labs\n\nHistory\nIn 2004, Brightwater Corp acquired Lumen Labs.", "History"),
    ],
)
def test_entities_a_heading_run_into_the_first_sentence_is_blanked(nlp, text, heading) -> None:
    doc = make_doc(nlp, text)
    assert len(doc.text) == len(text)  # offsets are kept
    assert heading not in doc.text
    assert heading not in {ent.text for ent in nlp(doc).ents}


@pytest.mark.parametrize(
    "text",
    [
        "In 2004, Brightwater Corp acquired Lumen Labs.",
        "Network Rail said it would buy Lumen Labs.",
        "The company bought The Weather Company in 2015.",
    ],
)
def test_entities_a_sentence_without_a_heading_is_untouched(nlp, text) -> None:
    assert make_doc(nlp, text).text == text


def test_entities_a_date_in_a_subjects_place_stays_a_date(nlp) -> None:
    doc = nlp(make_doc(nlp, "In March 2017, the company acquired Lumen Labs."))
    assert "March 2017" not in {ent.text for ent in doc.ents if ent.label_ == "ORG"}
    # "the company" is nobody named here: the unnamed company the text is about
    assert [span.id_ for span in doc.spans[COREF_KEY]] == [UNNAMED_SUBJECT]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nothing named before: the company the passage is about, and so is every later "it"
        (
            "It also acts as a transfer yard for Harbor Line Railroad. It was sold in 2001.",
            [("It", UNNAMED_SUBJECT), ("It", UNNAMED_SUBJECT)],
        ),
        ("Its products include the Pathmaker router.", [("Its", UNNAMED_SUBJECT)]),
        # a company in the plural, when nobody else is named
        ("They now compete against Glacial Energy.", [("They", UNNAMED_SUBJECT)]),
        ("Glacial Energy hired Jane Doe and Tom Roe. They left in 2004.", []),
        # a trade is no company
        (
            "In 1930 the company moved into the grocery business.",
            [("the company", UNNAMED_SUBJECT)],
        ),
        # a company named first is what "it" means
        ("Lumen Labs said on Monday that it acquired Brightwave.", [("it", "Lumen Labs")]),
        # a speaker the text describes is not the passage's subject
        ("Norway's central bank said it acquired a stake in a bank.", []),
    ],
)
def test_entities_an_anaphor_with_nothing_named_before_is_the_unnamed_subject(
    nlp, text, expected
) -> None:
    doc = nlp(make_doc(nlp, text))
    assert [(span.text, span.id_) for span in doc.spans[COREF_KEY]] == expected


# --- names the model leaves untyped, calls a person or a place, or joins ---------------------

LONE_SUBJECT = """
Ostrander 1 nsubj PROPN NNP ostrander
sued      1 ROOT  VERB  VBD sue
the       3 det   DET   DT  the
company   1 dobj  NOUN  NN  company
.         1 punct PUNCT .   .
"""

LONE_GIVEN_NAME = LONE_SUBJECT.replace("Ostrander", "Harold  ")

LONE_TITLED = """
Mr        1 compound PROPN NNP mr
Ostrander 2 nsubj    PROPN NNP ostrander
sued      2 ROOT     VERB  VBD sue
the       4 det      DET   DT  the
company   2 dobj     NOUN  NN  company
.         2 punct    PUNCT .   .
"""

LONE_FAMILY = """
the       2 det      DET   DT  the
Ostrander 2 compound PROPN NNP ostrander
family    3 nsubj    NOUN  NN  family
sold      3 ROOT     VERB  VBD sell
shares    3 dobj     NOUN  NNS share
.         3 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "model", "expected"),
    [
        (LONE_SUBJECT, [(0, 1, "PERSON")], ("Ostrander", "ORG")),
        (LONE_GIVEN_NAME, [(0, 1, "PERSON")], ("Harold", "PERSON")),
        (LONE_TITLED, [(1, 2, "PERSON")], ("Ostrander", "PERSON")),
        (LONE_FAMILY, [(1, 2, "PERSON")], ("Ostrander", "PERSON")),
    ],
)
def test_entities_a_lone_word_is_a_person_only_with_evidence(table, model, expected) -> None:
    assert expected in entities(parse(table, model))


PLACE_SIGNS = """
Derichan 1 nsubj PROPN NNP derichan
signed   1 ROOT  VERB  VBD sign
a        3 det   DET   DT  a
deal     1 dobj  NOUN  NN  deal
.        1 punct PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (PLACE_SIGNS, ("Derichan", "ORG")),
        (PLACE_SIGNS.replace("Derichan", "China   "), ("China", "GPE")),  # a known place
    ],
)
def test_entities_an_unknown_place_that_acts_is_a_company(table, expected) -> None:
    assert expected in entities(parse(table, [(0, 1, "GPE")]))


STAKE_IN = """
Marlow   1 nsubj PROPN NNP marlow
bought   1 ROOT  VERB  VBD buy
a        3 det   DET   DT  a
stake    1 dobj  NOUN  NN  stake
in       3 prep  ADP   IN  in
Tessaly  4 pobj  PROPN NNP tessaly
.        1 punct PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (STAKE_IN, ("Tessaly", "ORG")),
        (STAKE_IN.replace("Tessaly", "Brazil "), ("Brazil", "GPE")),  # "a stake in Brazil"
    ],
)
def test_entities_a_stake_in_a_name_is_in_a_company(table, expected) -> None:
    assert expected in entities(parse(table, [(0, 1, "ORG"), (5, 6, "GPE")]))


ITS_BASE = """
Velvet  1 compound PROPN NNP  velvet
Cane    2 nsubj    PROPN NNP  cane
grew    2 ROOT     VERB  VBD  grow
its     4 poss     PRON  PRP$ its
base    2 dobj     NOUN  NN   base
.       2 punct    PUNCT .    .
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (ITS_BASE, ("Velvet Cane", "ORG")),
        (ITS_BASE.replace("its", "his"), ("Velvet Cane", "PERSON")),
    ],
)
def test_entities_what_owns_things_as_its_is_a_company(table, expected) -> None:
    assert expected in entities(parse(table, [(0, 2, "PERSON")]))


TWO_JOINED = """
Orvell      1 compound PROPN NNP  orvell
Genetics    6 nsubj    PROPN NNPS genetics
and         1 cc       CCONJ CC   and
Pallister   5 compound PROPN NNP  pallister
Growth      5 compound PROPN NNP  growth
Corporation 1 conj     PROPN NNP  corporation
merged      6 ROOT     VERB  VBD  merge
.           6 punct    PUNCT .    .
"""

SHARED_LAST_WORD = """
Tolland 1 compound PROPN NNP tolland
Iron    4 nsubj    PROPN NNP iron
and     1 cc       CCONJ CC  and
Steel   1 conj     PROPN NNP steel
bought  4 ROOT     VERB  VBD buy
the     6 det      DET   DT  the
mill    4 dobj     NOUN  NN  mill
.       4 punct    PUNCT .   .
"""

SHARED_COMPANY_WORDS = """
Kelton     1 compound PROPN NNP  kelton
Gas        5 nsubj    PROPN NNP  gas
and        1 cc       CCONJ CC   and
Fuel       4 compound PROPN NNP  fuel
Associates 1 conj     PROPN NNPS associates
merged     5 ROOT     VERB  VBD  merge
.          5 punct    PUNCT .    .
"""

TWO_SURNAMES = """
Harrow  2 nsubj PROPN NNP harrow
and     0 cc    CCONJ CC  and
Bessel  0 conj  PROPN NNP bessel
merged  3 ROOT  VERB  VBD merge
.       3 punct PUNCT .   .
"""

LISTED = """
Its       1 poss     PRON  PRP$ its
rivals    2 nsubj    NOUN  NNS  rival
are       2 ROOT     AUX   VBP  be
Valdor    2 attr     PROPN NNP  valdor
,         3 punct    PUNCT ,    ,
Rocket    6 compound PROPN NNP  rocket
Cache     3 conj     PROPN NNP  cache
and       6 cc       CCONJ CC   and
Steamline 6 conj     PROPN NNP  steamline
.         2 punct    PUNCT .    .
"""

PARTNERSHIP = """
Warbeck 5 nsubj    PROPN NNP warbeck
,       0 punct    PUNCT ,   ,
Pinkus  4 compound PROPN NNP pinkus
Capital 4 compound PROPN NNP capital
Corp    0 conj     PROPN NNP corp
said    5 ROOT     VERB  VBD say
.       5 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "model", "expected"),
    [
        (TWO_JOINED, (0, 6), {"Orvell Genetics", "Pallister Growth Corporation"}),
        (LISTED, (3, 9), {"Valdor", "Rocket Cache", "Steamline"}),
        (SHARED_LAST_WORD, (0, 4), {"Tolland Iron and Steel"}),
        (SHARED_COMPANY_WORDS, (0, 5), {"Kelton Gas and Fuel Associates"}),
        (TWO_SURNAMES, (0, 3), {"Harrow and Bessel"}),
        (PARTNERSHIP, (0, 5), {"Warbeck , Pinkus Capital Corp"}),  # hand-built text has spaces
    ],
)
def test_entities_a_span_joining_two_names_is_split(table, model, expected) -> None:
    found = {text for text, label in entities(parse(table, [(*model, "ORG")])) if label == "ORG"}
    assert found == expected


def _mention_labels(nlp, text: str) -> dict[str, str]:
    doc = nlp(make_doc(nlp, text))
    return {span.text: span.label_ for span in doc.spans[MENTIONS_KEY]}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Ostrander sued the company in 2004.", "Ostrander", "ORG"),
        ("Mobrava had 70,000 users in over 150 countries.", "Mobrava", "ORG"),
        ("Louise Ostrander sued it. Ostrander said she was pleased.", "Ostrander", "PERSON"),
        ("Derichan signed a deal with a broadcaster to distribute films.", "Derichan", "ORG"),
        ("Marlow Capital invested 5 million pounds in Tessaly.", "Tessaly", "ORG"),
        ("It was the second film produced by Marrable.", "Marrable", "ORG"),
        # a word opening a sentence that the document capitalises inside one too
        ("Vellaro proposes milk chocolate bars. Most bars by Vellaro are sold.", "Vellaro", "ORG"),
        ("Velvet Cane has widened its base of trade clients.", "Velvet Cane", "ORG"),
        (
            "The deal between Orvell Genetics and Pallister Growth Corporation closed.",
            "Pallister Growth Corporation",
            "ORG",
        ),
        ("The ships were sold to Harnock or P & Q in 1970.", "Harnock", "ORG"),
        ("The ships were sold to Harnock or P & Q in 1970.", "P & Q", "ORG"),
    ],
)
def test_entities_real_model_names_it_missed(nlp, text: str, name: str, label: str) -> None:
    assert _mention_labels(nlp, text).get(name) == label


def test_entities_real_model_a_stake_in_a_place_is_no_company(nlp) -> None:
    assert "Brazil" not in _mention_labels(
        nlp, "Marlow Capital invested 5 million pounds in Brazil."
    )


LISTED_TITLES = """
Its     1  poss     PRON  PRP$ its
titles  2  nsubj    NOUN  NNS  title
include 2  ROOT     VERB  VBP  include
Night   2  dobj     PROPN NNP  night
9       3  nummod   NUM   CD   9
from    2  prep     ADP   IN   from
Outer   7  compound PROPN NNP  outer
Worlds  5  pobj     PROPN NNP  world
,       7  punct    PUNCT ,    ,
Stone   10 compound PROPN NNP  stone
Gates   7  conj     NOUN  NNS  gate
,       10 punct    PUNCT ,    ,
and     10 cc       CCONJ CC   and
others  10 conj     NOUN  NNS  other
.       2  punct    PUNCT .    .
"""
# the model's pieces of the titles, as the small model finds them
TITLE_PIECES = [(3, 5, "LAW"), (6, 8, "ORG"), (9, 11, "ORG")]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (LISTED_TITLES, {"Night 9 from Outer Worlds", "Stone Gates"}),
        # a list hanging on a noun that says nothing about its members
        (LISTED_TITLES.replace("titles ", "costs  ").replace(" title\n", " cost\n"), set()),
    ],
)
def test_entities_titles_listed_after_their_kind_are_products(table, expected) -> None:
    found = {text for text, label in entities(parse(table, TITLE_PIECES)) if label == "PRODUCT"}
    assert found == expected


def test_entities_real_model_a_listed_title_replaces_the_models_pieces(nlp) -> None:
    text = "Its titles include Night 9 from Outer Worlds, Stone Gates, and others."
    labels = _mention_labels(nlp, text)
    assert labels.get("Night 9 from Outer Worlds") == "PRODUCT"
    assert labels.get("Stone Gates") == "PRODUCT"
    assert "others" not in labels


COMPANY_WORD = """
Tarn    1 compound PROPN NNP tarn
Global  2 nsubj    PROPN NNP global
grew    2 ROOT     VERB  VBD grow
.       2 punct    PUNCT .   .
"""


def test_entities_a_persons_label_on_a_name_ending_in_a_company_word(nlp) -> None:
    assert ("Tarn Global", "ORG") in entities(parse(COMPANY_WORD, [(0, 2, "PERSON")]))


def test_entities_a_town_before_its_state_is_no_company(nlp) -> None:
    text = (
        "Corrin Ventures Inc said it will try to buy Pinefield, Mont., "
        "kitchen maker Tamsin Inc. Orvell Financial Corp agreed to acquire Harlow State Bank "
        "of Pine Beach, S.C."
    )
    names = {ent.text for ent in nlp(make_doc(nlp, text)).ents if ent.label_ == "ORG"}
    assert "Pinefield" not in names and "Colo." not in names
    assert "Harlow State Bank of Pine Beach" in names


ONE_WORD_AND_TWO = """
Marlowe 4 nsubj    PROPN NNP marlowe
and     0 cc       CCONJ CC  and
Circuit 3 compound PROPN NNP circuit
Town    0 conj     PROPN NNP town
closed  4 ROOT     VERB  VBD close
.       4 punct    PUNCT .   .
"""


def test_entities_a_one_word_name_and_a_longer_one_are_two() -> None:
    found = {t for t, label in entities(parse(ONE_WORD_AND_TWO, [(0, 4, "ORG")])) if label == "ORG"}
    assert found == {"Marlowe", "Circuit Town"}


PAIR_IN_LIST = """
Rivals  1 nsubj PROPN NNS rival
are     1 ROOT  AUX   VBP be
Humbrook 1 attr PROPN NNP humbrook
,       2 punct PUNCT ,   ,
Sitrex  2 conj  PROPN NNP sitrex
,       4 punct PUNCT ,   ,
TwoNavi 4 conj  PROPN NNP twonavi
,       6 punct PUNCT ,   ,
Furano  6 conj  PROPN NNP furano
.       1 punct PUNCT .   .
"""


def test_entities_two_words_of_a_list_in_one_span_are_two_names() -> None:
    model = [(2, 3, "ORG"), (4, 7, "ORG"), (8, 9, "ORG")]
    found = {t for t, label in entities(parse(PAIR_IN_LIST, model)) if label == "ORG"}
    assert found == {"Humbrook", "Sitrex", "TwoNavi", "Furano"}


NAMED_ALONE = """
Kelvo       1 nsubj    PROPN NNP kelvo
competed    1 ROOT     VERB  VBD compete
with        1 prep     ADP   IN  with
Cadmus      2 pobj     PROPN NNP cadmus
and         3 cc       CCONJ CC  and
Avarti      6 compound PROPN NNP avarti
Corporation 3 conj     PROPN NNP corporation
.           1 punct    PUNCT .   .
Cadmus      9 nsubj    PROPN NNP cadmus
grew        9 ROOT     VERB  VBD grow
.           9 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # "Cadmus" is named on its own in the next sentence: two companies
        ([(0, 1, "ORG"), (3, 7, "ORG"), (8, 9, "ORG")], {"Cadmus", "Avarti Corporation"}),
        # nothing says so: a partnership's name ("Rollins and Crane Inc")
        ([(0, 1, "ORG"), (3, 7, "ORG")], {"Cadmus and Avarti Corporation"}),
    ],
)
def test_entities_a_word_named_alone_elsewhere_is_its_own_company(model, expected) -> None:
    found = {t for t, label in entities(parse(NAMED_ALONE, model)) if label == "ORG"}
    assert expected <= found
    assert not (found - expected - {"Kelvo", "Cadmus"})


WRITTEN_NAME = """
Korvane    2 compound PROPN NNP korvane
Global     2 compound PROPN NNP global
Enterprise 3 nsubj    PROPN NNP enterprise
signed     3 ROOT     VERB  VBD sign
.          3 punct    PUNCT .   .
"""

NAMED_LONGER_BEFORE = """
Rank   2 compound PROPN NNP rank
Tellam 2 compound PROPN NNP tellam
Ltd    3 nsubj    PROPN NNP ltd
said   3 ROOT     VERB  VBD say
.      3 punct    PUNCT .   .
Rank   6 compound PROPN NNP rank
Tellam 7 nsubj    PROPN NNP tellam
grew   7 ROOT     VERB  VBD grow
.      7 punct    PUNCT .   .
"""


def _with_gazetteer(table: str, model: list[tuple[int, int]], known: list[tuple[int, int]]) -> Doc:
    """A hand-built parse with the model's organisations and the gazetteer's names on top."""
    doc = parse(table, [])
    doc.spans[MODEL_ENTITIES_KEY] = [Span(doc, start, end, label="ORG") for start, end in model]
    doc.ents = [Span(doc, s, e, label="ORG", span_id=doc[s:e].text.lower()) for s, e in known]
    return doc


@pytest.mark.parametrize(
    ("table", "model", "known", "expected"),
    [
        # the model's "Korvane Global Enterprise" around the gazetteer's "Korvane"
        (WRITTEN_NAME, [(0, 3)], [(0, 1)], {"Korvane Global Enterprise"}),
        # the rest is a gazetteer name of its own: two names
        (WRITTEN_NAME, [(0, 3)], [(0, 1), (1, 3)], {"Korvane", "Global Enterprise"}),
        # "Rank Tellam" after the model's "Rank Tellam Ltd"; the gazetteer has only "Tellam"
        (NAMED_LONGER_BEFORE, [(0, 3)], [(1, 2), (6, 7)], {"Rank Tellam Ltd", "Rank Tellam"}),
        # without the longer name the gazetteer's stands
        (NAMED_LONGER_BEFORE, [], [(6, 7)], {"Tellam"}),
    ],
)
def test_entities_a_gazetteer_name_does_not_cut_a_longer_written_one(
    table, model, known, expected
) -> None:
    found = {span.text for span in EntityFixer()(_with_gazetteer(table, model, known)).ents}
    assert expected <= found
    assert not {name for name in found if name.endswith("Tellam") and name not in expected}


MAKES_THINGS = """
Mega    1 compound PROPN NNP mega
Kite    2 nsubj    PROPN NNP kite
develops 2 ROOT    VERB  VBZ develop
games   2 dobj     NOUN  NNS game
.       2 punct    PUNCT .   .
"""


MAKES_ONE_THING = """
Mega     1 compound PROPN NNP mega
Kite     2 nsubj    PROPN NNP kite
produced 2 ROOT     VERB  VBD produce
the      4 det      DET   DT  the
album    2 dobj     NOUN  NN  album
.        2 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (MAKES_THINGS, ("Mega Kite", "ORG")),
        (MAKES_ONE_THING, ("Mega Kite", "PERSON")),  # a person produces an album
    ],
)
def test_entities_a_persons_label_on_a_name_that_makes_things(table, expected) -> None:
    assert expected in entities(parse(table, [(0, 2, "PERSON")]))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Norwood Federal agreed to buy Culver Bay S and L for 20 mln dlrs.", "Culver Bay S and L"),
        (
            "In 1937 the Ledger and Courier Syndicate partnered with two others.",
            "Ledger and Courier Syndicate",
        ),
        ("In 2011, Velmor was bought by the clothing chain Tarrow plc.", "Tarrow plc"),
        ("Ring of Frost has done visual effects work for Fox and Paramount.", "Ring of Frost"),
        ("Pine Ring received 1.25 million dollars of Series A funding.", "Pine Ring"),
    ],
)
def test_entities_real_model_whole_names(nlp, text: str, name: str) -> None:
    assert _mention_labels(nlp, text).get(name) == "ORG"


def test_entities_real_model_a_nationality_and_a_common_noun_is_no_name(nlp) -> None:
    labels = _mention_labels(nlp, "The firm sold its South African company to a local group.")
    assert not any("company" in name for name in labels)


def test_coref_a_name_with_its_own_legal_form_is_whole(nlp) -> None:
    text = (
        "Harlan Minister Corporation, a subsidiary of Harlan-Vesk America Corporation, a wholly "
        "owned subsidiary of Harlan Corporation, makes motors."
    )
    doc = nlp(make_doc(nlp, text))
    names = {span.text: span.id_ for span in doc.spans[MENTIONS_KEY]}
    assert names["Harlan Corporation"] == "Harlan"
    assert names["Harlan Minister Corporation"] == "Harlan Minister"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a wrapped line of wire copy starting with a heading word inside a name
        ("Orvell Inc said its General\nAcquisition Corp unit bought Lumen Labs.", "Acquisition"),
        ("Lumen Labs Ltd.\n\nProducts Inc said it would buy Orvell.", "Products"),
        # "Today" is no sentence opener in "Kestrel Radio's Today programme"
        ("Speaking on Kestrel Radio's Today programme, Lord Orvell disagreed.", "Speaking"),
    ],
)
def test_entities_a_name_that_looks_like_a_heading_is_kept(nlp, text, kept) -> None:
    assert kept in make_doc(nlp, text).text


def _begins_another(doc: Doc, start: int, end: int) -> bool:
    """The definition: some organisation of the model's, not starting at ``start``, opens with
    the words ``start:end``."""
    words = [token.text for token in doc[start:end]]
    return any(
        [token.text for token in entity[: len(words)]] == words
        for entity in doc.spans[MODEL_ENTITIES_KEY]
        if entity.label_ == "ORG" and entity.start != start
    )


@pytest.mark.parametrize(
    "model",
    [
        [(0, 3, "ORG"), (5, 7, "ORG")],  # "Rank Tellam Ltd" ... "Rank Tellam"
        [(0, 3, "ORG")],
        [(5, 7, "ORG")],  # only the short one: nothing longer elsewhere
        [(0, 3, "ORG"), (5, 7, "PERSON")],  # people do not count
        [],
    ],
)
def test_entities_longer_names_index_answers_as_a_pass_over_every_name(model) -> None:
    # The index is read once per document (a pass over every name per gazetteer match made
    # entity-dense text quadratic); it must answer exactly as that pass did.
    doc = parse(NAMED_LONGER_BEFORE, [])
    doc.spans[MODEL_ENTITIES_KEY] = [Span(doc, s, e, label=label) for s, e, label in model]
    index = LongerNames(doc)
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            assert index.begin(start, end) == _begins_another(doc, start, end), (start, end)


WRITTEN = {
    "Merivale Power": "ORG",
    "Merivale Power Trading": "ORG",
    "Orvell Labs": "ORG",
    "Orvell": "PRODUCT",
    "Arthur Pellow": "PERSON",
    "Jane Pellow": "PERSON",
    "Carl C. Halvorsen": "PERSON",
}


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("Merivale", "ORG", "Merivale"),  # two longer names start with it: none is meant
        ("Merivale Power", "ORG", "Merivale Power Trading"),
        ("Orvell", "ORG", "Orvell Labs"),
        ("Orvell", "PRODUCT", "Orvell"),  # a longer name of another label does not count
        ("Pellow", "PERSON", "Pellow"),  # two people of that surname
        ("Halvorsen", "PERSON", "Carl C. Halvorsen"),
        ("C. Halvorsen", "PERSON", "Carl C. Halvorsen"),
    ],
)
def test_mentions_written_names_index_finds_the_one_longer_name(name, label, expected) -> None:
    written = WrittenNames(WRITTEN)
    found = (
        written.full_person_name(name) if label == "PERSON" else written.longer_name(name, label)
    )
    assert found == expected


@pytest.mark.parametrize(
    "ents",
    [
        [(0, 3, "ORG"), (5, 7, "ORG")],
        [(0, 2, "PERSON"), (5, 7, "PRODUCT")],
        [(0, 3, "PERSON"), (6, 7, "ORG")],
        [],
    ],
)
def test_entities_document_names_answer_as_a_pass_over_every_entity(ents) -> None:
    # DocumentNames indexes a document's entities once; each answer must be the one a pass
    # over every entity gives
    doc = parse(NAMED_LONGER_BEFORE, ents)
    names = DocumentNames(doc)
    words = {token.text for token in doc}
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            alone = {
                part.strip()
                for entity in doc.ents
                if not (start <= entity.start < end) and entity.label_ in {"ORG", "PRODUCT"}
                for part in entity.text.split(",")
            }
            found = names.alone(start, end)
            assert {word for word in words | alone if word in found} == alone, (start, end)
            span = doc[start:end]
            shared = any(
                len(entity) > 1
                and not (entity.start <= span.start and span.end <= entity.end)
                and {t.text for t in span} & {t.text for t in entity}
                and entity.label_ == "PERSON"
                for entity in doc.ents
            )
            assert names.shares_a_persons_word(span, lambda e: e.label_ == "PERSON") == shared


SURNAME_AFTER_FULL_NAME = """
Jane    1 compound PROPN NNP jane
Roe     2 nsubj    PROPN NNP roe
said    2 ROOT     VERB  VBD say
so      2 advmod   ADV   RB  so
.       2 punct    PUNCT .   .
Roe     6 nsubj    PROPN NNP roe
spoke   6 ROOT     VERB  VBD speak
.       6 punct    PUNCT .   .
"""

COMPANY_NAMED_AFTER_FOUNDER = """
Praxo      1 nsubj    PROPN NNP praxo
is         1 ROOT     AUX   VBZ be
a          3 det      DET   DT  a
subsidiary 1 attr     NOUN  NN  subsidiary
of         3 prep     ADP   IN  of
Roe        4 pobj     PROPN NNP roe
,          5 punct    PUNCT ,   ,
founded    5 acl      VERB  VBN found
by         7 agent    ADP   IN  by
Jane       10 compound PROPN NNP jane
Roe        8 pobj     PROPN NNP roe
.          1 punct    PUNCT .   .
"""

PERSON_NOUN_BEFORE_NAME = """
Acme     1 compound PROPN NNP acme
employee 3 nsubj    NOUN  NN  employee
Jane     3 compound PROPN NNP jane
Roe      4 nsubj    PROPN NNP roe
built    4 ROOT     VERB  VBD build
Flinto   4 dobj     PROPN NNP flinto
.        4 punct    PUNCT .   .
"""

LONE_WORD_AFTER_PERSON_NOUN = """
Acme     1 compound PROPN NNP acme
employee 2 compound NOUN  NN  employee
Darvo    3 nsubj    PROPN NNP darvo
built    3 ROOT     VERB  VBD build
Flinto   3 dobj     PROPN NNP flinto
.        3 punct    PUNCT .   .
"""

COMPANY_INVESTOR_BEFORE_NAME = """
investor 2 compound NOUN  NN  investor
Tiger    2 compound PROPN NNP tiger
Crest    3 nsubj    PROPN NNP crest
backed   3 ROOT     VERB  VBD back
Flinto   3 dobj     PROPN NNP flinto
.        3 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "model", "expected"),
    [
        # the surname of a person named in full is that person, whatever the model said
        (SURNAME_AFTER_FULL_NAME, [(0, 2, "PERSON"), (5, 6, "ORG")], ("Roe", "PERSON")),
        # ... unless the name fills a company's place: a company named after its founder
        (
            COMPANY_NAMED_AFTER_FOUNDER,
            [(0, 1, "ORG"), (5, 6, "ORG"), (9, 11, "PERSON")],
            ("Roe", "ORG"),
        ),
        # a person's noun just before a name of capitalised words
        (PERSON_NOUN_BEFORE_NAME, [(0, 1, "ORG"), (2, 4, "ORG")], ("Jane Roe", "PERSON")),
        # one word after a person's noun, when the model too calls it a person's
        (LONE_WORD_AFTER_PERSON_NOUN, [(0, 1, "ORG"), (2, 3, "PERSON")], ("Darvo", "PERSON")),
        # "investor" describes companies too: only a given name makes the name a person's
        (COMPANY_INVESTOR_BEFORE_NAME, [(1, 3, "ORG")], ("Tiger Crest", "ORG")),
    ],
)
def test_entities_people_named_before_or_by_a_persons_noun(table, model, expected) -> None:
    assert expected in entities(parse(table, model))


OPEN_NAME_SUBJECT = """
The       4 det      DET   DT  the
Open      2 compound PROPN NNP open
Source    4 compound PROPN NNP source
Safety    4 compound PROPN NNP safety
Coalition 5 nsubj    PROPN NNP coalition
acquired  5 ROOT     VERB  VBD acquire
Flinto    5 dobj     PROPN NNP flinto
.         5 punct    PUNCT .   .
"""


def test_entities_an_untyped_name_keeps_the_words_modifying_its_words() -> None:
    # "Open" modifies "Source", not the head "Coalition": it is still the name's first word
    assert ("Open Source Safety Coalition", "ORG") in entities(parse(OPEN_NAME_SUBJECT, []))


DATE_BEFORE_COMPANY = """
Last    1 amod     ADJ   JJ  last
year    5 npadvmod NOUN  NN  year
,       5 punct    PUNCT ,   ,
the     4 det      DET   DT  the
company 5 nsubj    NOUN  NN  company
sold    5 ROOT     VERB  VBD sell
Flinto  5 dobj     PROPN NNP flinto
.       5 punct    PUNCT .   .
"""

PLACE_BEFORE_COMPANY = """
Norway  5 nsubj PROPN NNP norway
,       0 punct PUNCT ,   ,
the     3 det   DET   DT  the
company 0 appos NOUN  NN  company
,       0 punct PUNCT ,   ,
sold    5 ROOT  VERB  VBD sell
Flinto  5 dobj  PROPN NNP flinto
.       5 punct PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "model", "expected"),
    [
        # "Last year, the company ..." reads like "Acme, the company ...": a date stays one
        (DATE_BEFORE_COMPANY, [(0, 2, "DATE"), (6, 7, "ORG")], ("Last year", "DATE")),
        (PLACE_BEFORE_COMPANY, [(0, 1, "GPE"), (6, 7, "ORG")], ("Norway", "GPE")),
    ],
)
def test_entities_places_and_dates_never_become_companies(table, model, expected) -> None:
    assert expected in entities(parse(table, model))


NUMBERED_NAME = """
Quibly   3 nsubjpass PROPN NNP quibly
81       0 nummod    NUM   CD  81
was      3 auxpass   AUX   VBD be
acquired 3 ROOT      VERB  VBN acquire
by       3 agent     ADP   IN  by
Zorbex   4 pobj      PROPN NNP zorbex
.        3 punct     PUNCT .   .
"""

NUMBERED_PRODUCT = """
Zorbex  1 nsubj    PROPN NNP zorbex
sells   1 ROOT     VERB  VBZ sell
Flinto  4 nmod     PROPN NNP flinto
8       4 nummod   NUM   CD  8
phones  1 dobj     NOUN  NNS phone
.       1 punct    PUNCT .   .
"""

COUNTED_YEARS = """
Zorbex  1 nsubj    PROPN NNP zorbex
bought  1 ROOT     VERB  VBD buy
Quibly  1 dobj     PROPN NNP quibly
2       4 nummod   NUM   CD  2
years   5 npadvmod NOUN  NNS year
ago     1 advmod   ADV   RB  ago
.       1 punct    PUNCT .   .
"""


@pytest.mark.parametrize(
    ("table", "model", "expected"),
    [
        (NUMBERED_NAME, [(0, 1, "ORG"), (5, 6, "ORG")], "Quibly 81"),
        (NUMBERED_PRODUCT, [(0, 1, "ORG"), (2, 3, "PERSON")], "Flinto 8"),
        (COUNTED_YEARS, [(0, 1, "ORG"), (2, 3, "ORG")], "Quibly"),  # the number counts years
    ],
)
def test_entities_a_number_after_a_name_belongs_to_it(table, model, expected) -> None:
    assert expected in {text for text, label in entities(parse(table, model))}


def test_entities_real_model_a_known_products_longer_name_is_whole(nlp) -> None:
    labels = _mention_labels(nlp, "Zorbex launched a free version of its Adobe Flash Studio.")
    assert "Adobe Flash Studio" in labels
    assert "Adobe Flash" not in labels


def test_entities_real_model_a_known_products_longer_name_the_model_calls_a_person(nlp) -> None:
    labels = _mention_labels(nlp, "On Tuesday, Zorbex launched Photoshop Quantum, a faster build.")
    assert "Photoshop" not in labels


ALLIANCE_SUBJECT = """
Zorbo    1 compound PROPN NNP zorbo
Alliance 2 nsubj    PROPN NNP alliance
sets     2 ROOT     VERB  VBZ set
rules    2 dobj     NOUN  NNS rule
.        2 punct    PUNCT .   .
"""


def test_entities_a_bodys_word_ends_an_organisations_name() -> None:
    # "Alliance", "Consortium", "Coalition": the model's "person" is a body of members
    assert ("Zorbo Alliance", "ORG") in entities(parse(ALLIANCE_SUBJECT, [(0, 2, "PERSON")]))


def test_entities_real_model_a_known_owners_possession_keeps_its_whole_name(nlp) -> None:
    text = (
        "It combines work from the Core Paxi Initiative, Atlassian\u2019s Open Paxi Coalition and "
        "other open source safety work."
    )
    labels = _mention_labels(nlp, text)
    assert "Atlassian" in labels
    assert "Open Paxi Coalition" in labels


LISTED_NAME_WITH_OF = """
Members 1 nsubj PROPN NNS member
include 1 ROOT  VERB  VBP include
Zorbex  1 dobj  PROPN NNP zorbex
,       2 punct PUNCT ,   ,
Trail   2 appos PROPN NNP trail
of      4 prep  ADP   IN  of
Quibs   5 pobj  PROPN NNP quibs
and     6 cc    CCONJ CC  and
Flinto  6 conj  PROPN NNP flinto
.       1 punct PUNCT .   .
"""


def test_entities_a_listed_name_with_of_is_whole() -> None:
    found = entities(parse(LISTED_NAME_WITH_OF, [(2, 3, "ORG"), (8, 9, "ORG")]))
    assert ("Trail of Quibs", "ORG") in found


CAPITALISED_COMMON_NOUN = """
Banks    3 nsubj PROPN NNS bank
and      0 cc    CCONJ CC  and
lenders  0 conj  NOUN  NNS lender
grew     3 ROOT  VERB  VBD grow
.        3 punct PUNCT .   .
"""


def test_entities_a_common_noun_opening_a_sentence_is_no_company() -> None:
    doc = parse(CAPITALISED_COMMON_NOUN, [(0, 1, "PERSON")])
    doc[0].pos_ = "NOUN"  # the parser reads a common noun; the model still calls it a person
    assert ("Banks", "ORG") not in entities(doc)


RANK_BEFORE_MEMBER = """
Zorbex 1 nsubj    PROPN NNP zorbex
joined 1 ROOT     VERB  VBD join
as     1 prep     ADP   IN  as
a      5 det      DET   DT  a
Gold   5 compound PROPN NNP gold
member 2 pobj     NOUN  NN  member
.      1 punct    PUNCT .   .
"""


def test_entities_a_rank_of_membership_is_no_name() -> None:
    found = entities(parse(RANK_BEFORE_MEMBER, [(0, 1, "ORG"), (4, 5, "ORG")]))
    assert ("Gold", "ORG") not in found
    assert ("Zorbex", "ORG") in found
