"""Word-level tests the entity steps share: what can be part of a name, a title, a clause."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .labels import (
    MODEL_ENTITIES_KEY,
    NAMED_LABELS,
    PERSON,
)
from .words import (
    TITLE_MARKS,
    TITLE_SMALL_WORDS,
)


def makes_things(verb: Token) -> bool:
    """ "develops games", "publishes software": a making verb with a plural or mass common-noun
    object (not "produced the album", which a person does)."""
    return any(
        child.dep_ == "dobj"
        and child.pos_ == "NOUN"
        and child.tag_ in {"NNS", "NN"}
        and not any(c.dep_ in {"det", "poss"} for c in child.children)
        for child in verb.children
    )


def clause_words(verb: Token) -> list[Token]:
    """The words of ``verb``'s clause, without the clauses under it."""
    words = []
    stack = list(verb.children)
    while stack:
        word = stack.pop()
        if word.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "nsubj"}:
            continue
        words.append(word)
        stack.extend(word.children)
    return words


def names_alone(doc: Doc, start: int, end: int) -> set[str]:
    """The organisation and product names of ``doc`` outside tokens ``start:end``, with the
    model's lists split at commas ("Cadence, Mentor Graphics")."""
    return {
        part.strip()
        for entity in doc.ents
        if not (start <= entity.start < end) and entity.label_ in NAMED_LABELS
        for part in entity.text.split(",")
    }


def verb_lemma(verb: Token) -> str:
    """A verb's lemma with its particle: "take over"."""
    particles = [child.lower_ for child in verb.children if child.dep_ == "prt"]
    lemma = verb.lemma_.lower()
    return f"{lemma} {particles[0]}" if particles else lemma


def is_name_word(token: Token) -> bool:
    """A word that can be part of a company's name: "Pacific", "AT&T", "3M"."""
    text = token.text
    if not text or not (text[:1].isupper() or text[:1].isdigit()):
        return False
    # the first word of a sentence is capitalised anyway: only a proper noun counts there
    return bool(not token.is_sent_start or token.pos_ == "PROPN")


def person_words(doc: Doc) -> set[str]:
    """The names and surnames of the people the model found in a document."""
    spans = doc.spans.get(MODEL_ENTITIES_KEY, doc.ents)
    people = [span for span in spans if span.label_ == PERSON]
    return {span.text for span in people} | {span[-1].text for span in people}


def name_shaped(token: Token) -> bool:
    """A proper noun, or a capitalised word the tagger called a common noun ("Pixart")."""
    return token.pos_ == "PROPN" or (
        token.pos_ == "NOUN" and token.text[:1].isupper() and not token.is_upper
    )


def bare_singular(token: Token) -> bool:
    """A singular noun with no determiner or modifier: at the start of a sentence, a name."""
    return token.tag_ == "NN" and not any(
        child.dep_ in {"det", "poss", "amod", "compound", "nummod"} for child in token.children
    )


def neighbours(token: Token) -> list[Token]:
    """The words a name is listed or in apposition with: "Kent" in "Louisville, Kent, Tenn"."""
    appositions = [child for child in token.children if child.dep_ == "appos"]
    if token.dep_ == "appos":
        appositions.append(token.head)
    return [*token.conjuncts, *appositions]


def title_start(token: Token) -> bool:
    """A word that can begin or end a title: capitalised or a number ("Iron Man 3")."""
    return token.text[:1].isupper() or token.text[:1].isdigit()


def title_word(token: Token) -> bool:
    """A word inside a title: "Plan 9 from Outer Space", "Mission: Impossible"."""
    return title_start(token) or token.lower_ in TITLE_SMALL_WORDS or token.text in TITLE_MARKS


def its_object(verb: Token) -> bool:
    """The verb's object belongs to its subject as "its": "Acme expanded its range"."""
    if verb.pos_ != "VERB":
        return False
    return any(
        child.dep_ == "dobj" and any(g.dep_ == "poss" and g.lower_ == "its" for g in child.children)
        for child in verb.children
    )
