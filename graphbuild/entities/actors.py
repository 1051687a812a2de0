"""Proper names the model gave no type, acting as a company does."""

from __future__ import annotations

from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc, Span, Token

from .labels import (
    ORG,
    PERSON,
    PLACE_LABELS,
)
from .roles import business_role, company_role
from .tokens import DocumentNames, bare_singular, is_name_word, name_shaped
from .trims import numbered_name
from .words import (
    NAME_TOKEN_RE,
    SPEECH_VERBS,
    Lexicon,
)


def untagged_actors(
    doc: Doc, spans: list[Span], lexicon: Lexicon, names: DocumentNames | None = None
) -> list[Span]:
    """ "Vantrel competes with ...", "Skytarn signed ...": a proper name the model gave no
    type at all, acting as the subject of a verb, is taken for an organisation (people and
    places are typed by the model and left alone)."""
    taken = {token.i for span in spans for token in span}
    # "Ulander said": a surname of a person named earlier, or anyone who only speaks
    surnames = {entity[-1].text for entity in doc.ents if entity.label_ == PERSON}
    # Read from the token arrays, which is much cheaper than a Token per word: the words
    # the document writes inside a sentence, and where capitalised words are (every name
    # below starts with a capital).
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, SENT_START]).tolist()
    texts = [strings[orth] for orth, _ in rows]
    mid_sentence = {text for text, (_, start) in zip(texts, rows, strict=True) if start != 1}
    found = []
    for token in (doc[i] for i, text in enumerate(texts) if text[:1].isupper()):
        role = None
        if name_shaped(token) and not token.ent_type_:
            single = Span(doc, token.i, token.i + 1, label="")
            role = company_role(single, lexicon) or business_role(single, lexicon, names)
        # "Harbour Bank of the Islands": capitalised words before a company word
        # name a company wherever they stand
        company_word = (
            token.text in lexicon.org_name_words
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and any(
                c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()
                for c in token.lefts
            )
        )
        in_role = role is not None or company_word
        if token.pos_ == "NOUN" and not (
            (in_role and (not token.is_sent_start or bare_singular(token)))
            # the word opening a sentence is capitalised inside one too, as names are
            # and common nouns are not ("Tallwise has ..." and later "of Tallwise")
            or (token.is_sent_start and token.text in mid_sentence)
        ):
            # "Pennart has ...": a capitalised noun only counts in a company's role, or when
            # the document capitalises it inside a sentence too ("Tallwise has ... Tallwise")
            continue
        if (
            (
                not in_role
                and (
                    token.dep_ not in {"nsubj", "nsubjpass"}
                    or token.head.pos_ != "VERB"
                    or (
                        token.head.lemma_.lower() in SPEECH_VERBS
                        # "Wendle Technology said": a name ending in a company word speaks
                        # as a company
                        and not (
                            token.text in lexicon.org_name_words
                            and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.lefts)
                        )
                    )
                )
            )
            or token.text in surnames
            or not name_shaped(token)
            or token.ent_type_
            or token.i in taken
            or not token.text[:1].isupper()
            or (names is not None and names.common_word_opening(single_word(token)))
            or (token.text in lexicon.not_entities and not company_word)
            or not (token.is_alpha or (in_role and NAME_TOKEN_RE.match(token.text)))
        ):
            continue
        words = [
            c
            for c in token.lefts
            if c.dep_ == "compound"
            and (
                c.pos_ == "PROPN"
                # "Fair Care Lending": a capitalised word of the name tagged as a noun
                or (c.pos_ in {"NOUN", "ADJ"} and c.text[:1].isupper() and c.is_alpha)
            )
        ]
        if any(w.i in taken or w.ent_type_ for w in words):
            continue
        start = min([token.i, *(w.i for w in words)])
        end = token.i + 1
        # "Open Source Tooling Foundation": a capitalised word modifying another word of the
        # name ("Open" of "Source") belongs to it too, not only the head's own compounds
        start = name_start(doc, start, end, taken, lexicon)
        # "Hall of Lanterns has made ...": a name with "of" and a capitalised word after it
        if (
            end + 1 < len(doc)
            and doc[end].lower_ == "of"
            and doc[end].head.i == token.i
            and is_name_word(doc[end + 1])
            and doc[end + 1].is_alpha
        ):
            objects = [c for c in doc[end].children if c.dep_ == "pobj"]
            if (
                objects
                and objects[0].pos_ == "PROPN"
                and all(
                    is_name_word(t) and t.is_alpha and t.i not in taken and not t.ent_type_
                    for t in doc[end + 1 : objects[0].i + 1]
                )
            ):
                end = objects[0].i + 1
        if company_word and end + 2 < len(doc) and doc[end].lower_ == "of":
            # "... Bank of the Philippines": of a place the model knows
            place = doc[end + 2] if doc[end + 1].lower_ == "the" else doc[end + 1]
            if place.ent_type_ in PLACE_LABELS and place.ent_iob_ == "B":
                stop = place.i + 1
                while stop < len(doc) and doc[stop].ent_iob_ == "I":
                    stop += 1
                end = stop
        if numbered_name(doc, start, end, role or ORG, lexicon):
            end += 1  # "Bastion 81, which Acme bought ..."
        found.append(Span(doc, start, end, label=role or ORG))
    return found


def single_word(token: Token) -> Span:
    return Span(token.doc, token.i, token.i + 1)


def name_start(doc: Doc, start: int, end: int, taken: set[int], lexicon: Lexicon) -> int:
    """Where the name of words ``start:end`` begins, with the capitalised words before it
    that modify its words ("Open" of "Open Source Tooling Foundation")."""
    while start > 0 and _name_modifier(doc[start - 1], start, end, taken, lexicon):
        start -= 1
    return start


def _name_modifier(word: Token, start: int, end: int, taken: set[int], lexicon: Lexicon) -> bool:
    """Whether ``word``, just before a name's words ``start:end``, is a capitalised word
    modifying one of them."""
    return (
        word.dep_ in {"compound", "amod"}
        and start <= word.head.i < end
        and word.pos_ in {"ADJ", "NOUN", "PROPN"}
        and word.text[:1].isupper()
        and word.is_alpha
        and word.i not in taken
        and not word.ent_type_
        and word.text not in lexicon.not_entities
        and word.lower_ not in lexicon.person_titles
    )
