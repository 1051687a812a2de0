"""graphbuild's entity components on hand-built parses (no statistical model involved)."""

from __future__ import annotations

from importlib import resources

import pytest
import spacy
import yaml
from parse_support import doc_with_entities, fixed_entities

from graphbuild.entities.words import load_lexicon
from graphbuild.errors import RulesError
from graphbuild.nlp import make_doc

NLP = spacy.blank("en")
parse = doc_with_entities
entities = fixed_entities


MISSED_BUYER = """
Neovar  1 compound PROPN NNP
Inc     2 nsubj    PROPN NNP
said    2 ROOT     VERB  VBD
it      4 nsubj    PRON  PRP
bought  2 ccomp    VERB  VBD
Globex  6 compound PROPN NNP
Corp    4 dobj     PROPN NNP
.       2 punct    PUNCT .
"""

TRAILING_TO = """
sale      0 ROOT     NOUN  NN
of        0 prep     ADP   IN
Home      4 compound PROPN NNP
Packaging 4 compound PROPN NNP
Division  1 pobj     PROPN NNP
to        0 prep     ADP   IN
Solvane   8 compound PROPN NNP
Products  8 compound PROPN NNP
Co        5 pobj     PROPN NNP
"""

POSSESSIVES = """
Scott       3 poss     PROPN NNP
's          0 case     PART  POS
Lodging     3 compound PROPN NNP
Inc         4 nsubj    PROPN NNP
bought      4 ROOT     VERB  VBD
Rexmoor     6 compound PROPN NNP
Inc         9 poss     PROPN NNP
's          6 case     PART  POS
Fernfield   9 compound PROPN NNP
Manufacturing 10 compound PROPN NNP
Co          4 dobj     PROPN NNP
"""


def test_nlp_legal_form_marks_a_company_the_model_missed() -> None:
    found = entities(parse(MISSED_BUYER, []))
    assert ("Neovar Inc", "ORG") in found
    assert ("Globex Corp", "ORG") in found


def test_nlp_name_does_not_end_with_a_function_word() -> None:
    # the model's span runs on into "to"; the names on either side stay apart
    found = entities(parse(TRAILING_TO, [(2, 6, "ORG")]))
    assert ("Home Packaging Division", "ORG") in found
    assert ("Solvane Products Co", "ORG") in found
    assert not any("to" in text.split() for text, _ in found)


def test_nlp_possessive_in_a_name_versus_an_owner() -> None:
    found = entities(parse(POSSESSIVES, [(0, 4, "ORG"), (5, 11, "ORG")]))
    assert ("Scott 's Lodging Inc", "ORG") in found  # one company's name
    assert ("Rexmoor Inc", "ORG") in found  # an owner and what it owns
    assert ("Fernfield Manufacturing Co", "ORG") in found


def test_nlp_make_doc_unwraps_lines_inside_sentences_only() -> None:
    text = "Acme Inc said it\nacquired Globex\nCorp.\nThe deal closed.\n    Reuter"
    doc = make_doc(NLP, text)
    assert len(doc.text) == len(text)  # offsets are unchanged
    assert "said it acquired Globex Corp." in doc.text
    assert "Corp.\nThe deal" in doc.text  # a line that ends a sentence stays a break
    assert "\n    Reuter" in doc.text


def test_nlp_make_doc_ends_a_sentence_at_a_blank_line() -> None:
    text = "Its projects are Orbix and Keel\n\nThe members are Lumen Labs.\nThey grew."
    doc = make_doc(NLP, text)
    starts = [token.text for token in doc if token.is_sent_start]
    # a paragraph without its full stop still ends there; a line break alone says nothing
    assert "The" in starts
    assert "They" not in starts


def test_nlp_make_doc_unwraps_lines_after_initials() -> None:
    # an initial ends the line inside a name (where a sentence ends the model still decides)
    text = (
        "Halden Inc said chairman Samuel J.\nKestrel and Lumen AB L.M.\nOrvell agreed.\n    Reuter"
    )
    doc = make_doc(NLP, text)
    assert len(doc.text) == len(text)
    assert "Samuel J. Kestrel" in doc.text
    assert "L.M. Orvell" in doc.text
    assert "\n    Reuter" in doc.text


def test_nlp_paragraph_break_after_an_abbreviation_ends_the_sentence() -> None:
    text = "Halden Ltd said it approved the bid for Lumen Ltd.\n    Halden earlier bought shares."
    doc = NLP(make_doc(NLP, text))
    assert [s.text.strip() for s in doc.sents] == [
        "Halden Ltd said it approved the bid for Lumen Ltd.",
        "Halden earlier bought shares.",
    ]


COMPETES = """
Vantrel    1 nsubj PROPN NNP vantrel
competes   1 ROOT  VERB  VBZ compete
with       1 prep  ADP   IN  with
Norrix     2 pobj  PROPN NNP norrix
.          1 punct PUNCT .   .
"""

TITLED_COMPETES = """
Mr         1 compound PROPN NNP mr
Smith      2 nsubj    PROPN NNP smith
competes   2 ROOT     VERB  VBZ compete
with       2 prep     ADP   IN  with
Norrix     3 pobj     PROPN NNP norrix
.          2 punct    PUNCT .   .
"""

FULL_NAME_ACQUIRES = """
John      1 compound PROPN NNP john
Smith     2 nsubj    PROPN NNP smith
acquired  2 ROOT     VERB  VBD acquire
Globex    2 dobj     PROPN NNP globex
.         2 punct    PUNCT .   .
"""

ACQUIRED_BY_UNTAGGED = """
Globex    2 nsubjpass PROPN NNP globex
was       2 auxpass   AUX   VBD be
acquired  2 ROOT      VERB  VBN acquire
by        2 agent     ADP   IN  by
Tarvo     3 pobj      PROPN NNP tarvo
.         2 punct     PUNCT .   .
"""

PUBLISHED_PERSON = """
Acme      1 nsubj  PROPN NNP acme
published 1 ROOT   VERB  VBD publish
Kestrel   1 dobj   PROPN NNP kestrel
.         1 punct  PUNCT .   .
"""


def test_nlp_name_in_a_company_role_is_an_organisation() -> None:
    doc = parse(COMPETES, [(0, 1, "PERSON"), (3, 4, "GPE")])
    assert entities(doc) == {("Vantrel", "ORG"), ("Norrix", "ORG")}


def test_nlp_untagged_name_in_a_company_role_is_an_organisation() -> None:
    doc = parse(ACQUIRED_BY_UNTAGGED, [(0, 1, "ORG")])
    assert ("Tarvo", "ORG") in entities(doc)


def test_nlp_people_keep_their_label_in_company_roles() -> None:
    titled = parse(TITLED_COMPETES, [(1, 2, "PERSON"), (4, 5, "ORG")])
    assert ("Smith", "PERSON") in entities(titled)
    full_name = parse(FULL_NAME_ACQUIRES, [(0, 2, "PERSON"), (3, 4, "ORG")])
    assert ("John Smith", "PERSON") in entities(full_name)


def test_nlp_what_a_company_publishes_is_a_product() -> None:
    doc = parse(PUBLISHED_PERSON, [(0, 1, "ORG"), (2, 3, "PERSON")])
    assert ("Kestrel", "PRODUCT") in entities(doc)


def test_nlp_components_take_the_users_gazetteer_as_a_setting(tmp_path) -> None:
    # the user's gazetteer says what the sentence alone would not: "Kestrel" is a company
    gazetteer = tmp_path / "mine.jsonl"
    gazetteer.write_text('{"name": "Kestrel", "label": "Organization"}\n', encoding="utf-8")
    pipeline = spacy.blank("en")
    fixer = pipeline.add_pipe(
        "graphbuild_entity_fixer_v1", config={"gazetteer_files": [str(gazetteer)]}
    )
    mentions = pipeline.add_pipe(
        "graphbuild_mentions_v1", config={"gazetteer_files": [str(gazetteer)]}
    )
    assert fixer.canonicalizer is mentions.canonicalizer  # read once, shared
    doc = fixer(parse(PUBLISHED_PERSON, [(0, 1, "ORG"), (2, 3, "PERSON")]))
    assert ("Kestrel", "ORG") in {(span.text, span.label_) for span in doc.ents}
    # without the setting the sentence decides
    assert ("Kestrel", "PRODUCT") in entities(parse(PUBLISHED_PERSON, [(2, 3, "PERSON")]))


def _packaged_lexicon() -> dict[str, list[str]]:
    resource = resources.files("graphbuild") / "data" / "lexicon" / "entities.yaml"
    return yaml.safe_load(resource.read_text(encoding="utf-8"))


def test_nlp_components_take_a_lexicon_file_as_a_setting(tmp_path) -> None:
    # a user's lexicon that calls "Kestrel" no entity of the graph
    lists = _packaged_lexicon()
    lists["not_entities"].append("Kestrel")
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(lists), encoding="utf-8")
    fixer = spacy.blank("en").add_pipe("graphbuild_entity_fixer_v1", config={"lexicon": str(path)})
    doc = fixer(parse(PUBLISHED_PERSON, [(0, 1, "ORG"), (2, 3, "PERSON")]))
    assert "Kestrel" not in {span.text for span in doc.ents}


def test_nlp_a_lexicon_file_missing_a_list_names_file_and_list(tmp_path) -> None:
    lists = _packaged_lexicon()
    del lists["given_names"]
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(lists), encoding="utf-8")
    with pytest.raises(RulesError, match=r"words\.yaml.*'given_names'"):
        load_lexicon(path)
