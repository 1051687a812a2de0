"""Entity readings of tech news through the real pipeline, on invented sentences: lists after a
colon or "such ... as", names after the noun that says what they are, people who stay people
and common nouns that open a sentence."""

from __future__ import annotations

import json

import pytest

from graphbuild.nlp import MENTIONS_KEY, make_doc


def _labels(nlp, text: str) -> dict[str, str]:
    doc = nlp(make_doc(nlp, text))
    return {span.text: span.label_ for span in doc.spans[MENTIONS_KEY]}


NAMED = {"ORG", "PRODUCT"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "A filing says Harvel Capital now backs five more unicorns: Quodly, Ferna Rides, "
            "Tasselo, Brimway Homes, and Vantrix.",
            {"Quodly", "Ferna Rides", "Tasselo", "Brimway Homes", "Vantrix"},
        ),
        (
            "The startup portfolio of Harvel Capital in Europe is: Kibo, Zentrix and Plumeo.",
            {"Kibo", "Zentrix", "Plumeo"},
        ),
        (
            "As for Harvel Capital, the firms in its stable are: Quilla\u2019s, Orbit 9 and Kibo.",
            {"Quilla\u2019s", "Orbit 9", "Kibo"},
        ),
        (
            "The trust will also fund such storage projects as  Skiff, Lantern Boxes, "
            "Corvid and Tallow.",
            {"Skiff", "Lantern Boxes", "Corvid", "Tallow"},
        ),
    ],
)
def test_entities_readings_a_list_after_a_colon_or_such_as_names_its_kind(
    nlp, text: str, names: set[str]
) -> None:
    labels = _labels(nlp, text)
    assert {name for name in names if labels.get(name) in NAMED} == names


def test_entities_readings_a_colon_after_a_plain_noun_lists_nothing(nlp) -> None:
    labels = _labels(nlp, "The message was clear: Growth Matters, Speed Kills and Luck Helps.")
    assert not any(labels.get(name) in NAMED for name in ("Growth Matters", "Speed Kills"))


def test_entities_readings_a_persons_surname_stays_hers(nlp) -> None:
    text = (
        "Storage pioneer Daniel Kovalenko, once an engineer at Quorvane, knew his rivals. "
        '"We meant to beat them," Kovalenko told the paper. At the summit run by the consulting '
        'firm Kovalenko started in 2009, he spoke. "They build good things," Kovalenko said.'
    )
    doc = nlp(make_doc(nlp, text))
    labels = [span.label_ for span in doc.ents if span.text == "Kovalenko"]
    assert labels
    assert not NAMED.intersection(labels)


def test_entities_readings_a_full_name_with_another_its_stays_a_person(nlp) -> None:
    text = (
        "With Orvane Radio about to open its store and Taylor Brightwater attacking its "
        "payout rules, the label is busy."
    )
    assert _labels(nlp, text).get("Taylor Brightwater") not in NAMED


@pytest.mark.parametrize(
    "text",
    [
        "Lenders and other institutions have poured money into ledgers.",
        "Many young unicorns are rich. Unicorns are start-ups worth a billion dollars or more.",
    ],
)
def test_entities_readings_a_common_noun_opening_a_sentence_is_no_name(nlp, text: str) -> None:
    word = text.split(".")[-2].split()[0] if text.startswith("Many") else "Lenders"
    assert _labels(nlp, text).get(word) not in NAMED


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Its bets include the payments firm Lumio; bond trading platform Quantelo; "
            "home-repair marketplace Carvesta; and others.",
            "Quantelo",
        ),
        (
            "Its bets include the payments firm Lumio; bond trading platform Quantelo; "
            "home-repair marketplace Carvesta; and others.",
            "Carvesta",
        ),
        ("The service takes on Tunely and young start-up Brevio in audio.", "Brevio"),
        (
            "Harvel put money into Ostrix, which sells a chat tool called Quenby, last year.",
            "Quenby",
        ),
    ],
)
def test_entities_readings_the_noun_before_a_name_says_what_it_is(
    nlp, text: str, name: str
) -> None:
    assert _labels(nlp, text).get(name) in NAMED


def test_entities_readings_capitalised_words_opening_a_phrase_are_no_listed_name(nlp) -> None:
    text = "The group had the following brands: Wexley, Tarnbrook, Part ownership of the mall."
    labels = _labels(nlp, text)
    assert labels.get("Tarnbrook") in NAMED
    assert "Part" not in labels


@pytest.fixture(scope="module")
def known_nlp(tmp_path_factory):
    """The pipeline with a gazetteer knowing two invented names, which the model alone would
    find whole anyway."""
    from graphbuild.nlp import load_pipeline

    path = tmp_path_factory.mktemp("gazetteer") / "known.jsonl"
    entries = [
        {"name": "Zorbo", "label": "Product"},
        {"name": "Nortell", "label": "Organization"},
    ]
    path.write_text("".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    return load_pipeline(gazetteer_files=[path])


def test_entities_readings_a_name_ends_with_the_capitalised_word_it_modifies(known_nlp) -> None:
    doc = known_nlp(make_doc(known_nlp, "Sales of the Zorbo X, the firm's top handset, fell."))
    assert "Zorbo X" in {span.text for span in doc.ents}
    doc = known_nlp(make_doc(known_nlp, "The channel is run with Vexa's Nortell Universal."))
    assert "Nortell Universal" in {span.text for span in doc.ents}


def test_entities_readings_a_name_modifying_a_noun_phrase_stays_apart(known_nlp) -> None:
    text = "The Nortell Kestrel deal closed."
    names = {span.text for span in known_nlp(make_doc(known_nlp, text)).ents}
    assert "Nortell Kestrel" not in names


def _words_doc(words: list[str], pos: list[str]):
    import spacy
    from spacy.tokens import Doc

    return Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=pos,
        sent_starts=[i == 0 for i in range(len(words))],
    )


def test_entities_readings_a_name_found_once_is_found_where_it_is_written_again() -> None:
    from spacy.tokens import Span

    from graphbuild.entities.repeats import repeated_names
    from graphbuild.entities.tokens import DocumentNames
    from graphbuild.entities.words import default_lexicon

    words = ["Kibo", "raised", "cash", ";", "rivals", "of", "Kibo", "and", "Kibo", "Labs", "grew"]
    pos = [
        "PROPN",
        "VERB",
        "NOUN",
        "PUNCT",
        "NOUN",
        "ADP",
        "PROPN",
        "CCONJ",
        "PROPN",
        "PROPN",
        "VERB",
    ]
    doc = _words_doc(words, pos)
    spans = [Span(doc, 0, 1, label="ORG")]
    found = repeated_names(doc, spans, default_lexicon(), DocumentNames(doc))
    # the second "Kibo" is the name again; the third opens a longer name
    assert [(span.start, span.label_) for span in found] == [(6, "ORG")]


def test_entities_readings_a_name_ends_with_the_capitalised_words_it_modifies(known_nlp) -> None:
    text = "The alliance, set up by the Nortell Research Lab, grew."
    doc = known_nlp(make_doc(known_nlp, text))
    assert "Nortell Research Lab" in {span.text for span in doc.ents}


def test_entities_readings_a_word_with_a_capital_inside_is_no_persons_name() -> None:
    from spacy.tokens import Span

    from graphbuild.entities.evidence import lone_person
    from graphbuild.entities.words import default_lexicon

    words = ["ZorboOS", "phones", "ship", ";", "Mr", "McAllister", "said"]
    doc = _words_doc(words, ["PROPN", "NOUN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB"])
    lexicon = default_lexicon()
    assert not lone_person(Span(doc, 0, 1, label="PERSON"), lexicon)
    assert lone_person(Span(doc, 5, 6, label="PERSON"), lexicon)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vexa also designed a proprietary XQ card for its cameras.", "XQ card"),
        ("The slot takes the common miniXQ card format, Vexa said.", "miniXQ card"),
    ],
)
def test_entities_readings_an_acronym_and_a_format_noun_name_a_product(
    nlp, text: str, name: str
) -> None:
    labels = _labels(nlp, text)
    assert labels.get(name) == "PRODUCT"
    assert name.split()[0] not in labels


SENTENCE_DEPS = ["nsubj", "ROOT", "compound", "dobj", "punct"]
SENTENCE_DEPS_AGAIN = ["compound", "nsubj", "ROOT", "acomp", "punct"]


def test_entities_readings_a_known_name_joins_its_model_part_written_whole_elsewhere() -> None:
    import spacy
    from spacy.tokens import Doc, Span

    from graphbuild.entities.merges import modified_name_words
    from graphbuild.entities.words import default_lexicon

    words = ["Vexa", "launched", "Zorbo", "Quasar", ".", "Zorbo", "Quasar", "is", "fast", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=["PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "AUX", "ADJ", "PUNCT"],
        heads=[1, 1, 3, 1, 1, 6, 7, 7, 7, 7],
        deps=[*SENTENCE_DEPS, *SENTENCE_DEPS_AGAIN],
    )
    spans = [
        Span(doc, 2, 4, label="PRODUCT"),
        Span(doc, 5, 6, label="PRODUCT", span_id="zorbo"),  # the gazetteer's
        Span(doc, 6, 7, label="ORG"),  # the model's
    ]
    found = {(span.start, span.end) for span in modified_name_words(spans, default_lexicon())}
    assert found == {(2, 4), (5, 7)}


def test_entities_readings_a_persons_post_after_and_is_no_part_of_a_name(nlp) -> None:
    text = (
        "So says a note by Mara Lind, member of the Kestrel Steering Group and "
        "Acting Managing Director of the Kestrel Trust."
    )
    labels = _labels(nlp, text)
    assert not any("Acting" in name or "Director" in name for name in labels)


def test_entities_readings_a_name_set_off_by_commas_after_its_kind(nlp) -> None:
    text = (
        "The deal also covers the open source queue project, QUORL, and the "
        "logging project, Brimble, which both move to the Foundation."
    )
    assert _labels(nlp, text).get("QUORL") in NAMED


def test_entities_readings_a_listed_name_with_its_capital_inside(nlp) -> None:
    text = "The runtime already uses many projects such as Kestrel, Lantern and zTrace."
    assert _labels(nlp, text).get("zTrace") in NAMED


def test_entities_readings_a_list_the_parser_reads_as_appositions() -> None:
    import spacy
    from spacy.tokens import Doc, Span

    from graphbuild.entities.lists import listed_with_organisations
    from graphbuild.entities.words import default_lexicon

    # "Acme, Globex (2%), QRX (1%), Zentri (1%)" with the later items as appositions
    words = ["Acme", ",", "Globex", ",", "QRX", ",", "Zentri", "grew"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "VERB"],
        heads=[7, 0, 0, 2, 2, 2, 2, 7],
        deps=["nsubj", "punct", "conj", "punct", "appos", "punct", "appos", "ROOT"],
    )
    spans = [
        Span(doc, 0, 1, label="ORG"),
        Span(doc, 2, 3, label="ORG"),
        Span(doc, 6, 7, label="ORG"),
    ]
    found = listed_with_organisations(doc, spans, default_lexicon())
    assert [(span.text, span.label_) for span in found] == [("QRX", "ORG")]


def test_entities_readings_whom_a_speaker_tells_is_an_outlet() -> None:
    import spacy
    from spacy.tokens import Doc, Span

    from graphbuild.entities.roles import company_role
    from graphbuild.entities.words import default_lexicon

    doc = Doc(
        spacy.blank("en").vocab,
        words=["Marra", "told", "Quillpost", "."],
        pos=["PROPN", "VERB", "PROPN", "PUNCT"],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        lemmas=["Marra", "tell", "Quillpost", "."],
    )
    assert company_role(Span(doc, 2, 3, label="LAW"), default_lexicon()) == "ORG"
    assert company_role(Span(doc, 2, 3, label="PERSON"), default_lexicon()) is None


def test_entities_readings_a_persons_full_name_in_a_clients_list_stays_hers(nlp) -> None:
    text = (
        "Quibway's customers were: Orvane, Vexa Channel, Tarrow's, Nulix, "
        "David Marlow, Jessica Varn, and Holt Power."
    )
    doc = nlp(make_doc(nlp, text))
    labels = {span.text: span.label_ for span in doc.ents}
    assert labels.get("Nulix") == "ORG"
    assert labels.get("David Marlow") == "PERSON"


def test_entities_readings_a_product_list_takes_no_word_of_a_longer_title(nlp) -> None:
    text = (
        "She appeared in shows such as Lantern Bay, Good Kestrels, Life in Ravens, "
        "The Real Ostrows, and Marlon."
    )
    assert "Ravens" not in _labels(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Orbix is a new database. Brightwater Corp uses orbix in its stores.", "orbix"),
        ("Keelr shipped in May. Lumen Labs now builds its tools on keelr.", "keelr"),
        ("SparkD was released in 2019. The Orrin Foundation hosts sparkD today.", "sparkD"),
    ],
)
def test_entities_readings_a_name_opening_a_sentence_is_found_written_small(
    nlp, text: str, name: str
) -> None:
    # the capital was the sentence's: the name is written small where it stands inside one
    assert _labels(nlp, text).get(name) in NAMED


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Apple said its sales rose. Brightwater Corp sells apple juice.", "apple"),
        ("Orbix is a new database. Brightwater Corp sells orbix-branded kits.", "orbix-branded"),
    ],
)
def test_entities_readings_a_word_of_english_written_small_is_no_name(
    nlp, text: str, word: str
) -> None:
    assert _labels(nlp, text).get(word) not in NAMED


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The revenue of Pindle.io, which Corvane Inc bought, was small.", "Pindle.io"),
        ("Halden moved the tarsel.io package registry to the Orvell Foundation.", "tarsel.io"),
        ("Growth at Quillon.ai slowed this year.", "Quillon.ai"),
    ],
)
def test_entities_readings_a_web_address_shaped_word_is_a_name(nlp, text: str, name: str) -> None:
    assert _labels(nlp, text).get(name) in NAMED


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Corvane Inc posted the report.pdf file on Monday.", "report.pdf"),
        ("Readers can visit www.corvane.com for details.", "www.corvane.com"),
    ],
)
def test_entities_readings_a_file_or_full_address_is_no_name(nlp, text: str, word: str) -> None:
    assert _labels(nlp, text).get(word) not in NAMED


@pytest.mark.parametrize(
    "text",
    [
        "Quasar failed after Halden Corp and Fujitsu Larsson abandoned it in favor of Orbix.",
        "Shares of Fujitsu Larsson rose on Monday.",
        "Fujitsu Larsson, the handset venture, grew fast.",
    ],
)
def test_entities_readings_a_known_company_joined_to_a_name_after_it_is_one_name(
    nlp, text: str
) -> None:
    # a joint venture named after its parents: one company, not a company and a person
    labels = _labels(nlp, text)
    assert labels.get("Fujitsu Larsson") in NAMED, labels
    assert "Larsson" not in labels, labels


def test_entities_readings_a_kind_of_company_before_a_name_is_no_part_of_it(nlp) -> None:
    text = "Halden Financial has withdrawn its offer for rival bank Lumen Holdings."
    names = _labels(nlp, text)
    assert "Lumen Holdings" in names
    assert "bank Lumen Holdings" not in names


def test_entities_readings_where_a_listed_brand_is_sold_is_no_part_of_it(nlp) -> None:
    text = "Corvane, whose brands include Zephyr, Quill and Lumen in the US, reports on Monday."
    names = _labels(nlp, text)
    assert "Lumen" in names
    assert "Lumen in the US" not in names
    # a title that only has a place-like word after "in the" keeps it
    assert "Death in the Valley" in _labels(
        nlp, "Halden Games has made films including Death in the Valley and Night Shift."
    )


def test_entities_readings_an_ordinal_opening_a_company_name_is_part_of_it(nlp) -> None:
    names = _labels(nlp, "20th Century Lumen's recent film releases include Night Shift.")
    assert "20th Century Lumen" in names


def test_entities_readings_a_possessive_before_a_bare_kind_of_company_is_one_name(nlp) -> None:
    names = _labels(nlp, "Many of the state-owned Farmers' Bank's customers were affected.")
    assert "Farmers' Bank" in names
    assert "Bank" not in names
    # a name of its own after the possessive is the owned unit's
    names = _labels(nlp, "Corvane's Cloud Platforms Group grew.")
    assert "Cloud Platforms Group" in names
