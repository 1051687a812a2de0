"""Word-level tests the entity steps share: what can be part of a name, a title, a clause."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

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


class NamesAlone:
    """Membership in the names of a document outside some tokens (see ``DocumentNames.alone``)."""

    def __init__(self, counts: Counter[str], excluded: Counter[str]) -> None:
        self._counts = counts
        self._excluded = excluded

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._counts[name] > self._excluded[name]


class DocumentNames:
    """The entities of one document as the entity fixer found them, indexed once when first
    asked: which names stand elsewhere in the document, and the words of the names that are
    people's. Each question is then a lookup, not a pass over every name (which made
    entity-dense text quadratic). The fixer's steps do not change ``doc.ents``, so one index
    serves them all.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # the organisation and product names in text order: their starts, and their parts
        self._starts: list[int] | None = None
        self._parts: list[list[str]] = []
        self._counts: Counter[str] = Counter()
        self._people: dict[str, list[tuple[int, int]]] | None = None
        self._surnames: set[str] | None = None
        self._common_words: set[str] | None = None

    def common_word_opening(self, span: Span) -> bool:
        """ "Banks and other lenders ...", "Unicorns are ...": one word capitalised only for
        opening its sentence, which the tagger calls a plural common noun or the document
        writes in lower case as a modified common noun elsewhere. Names keep their capital."""
        if len(span) != 1 or not span[0].is_sent_start or not span[0].is_title:
            return False
        token = span[0]
        if token.tag_ == "NNS":
            return True
        if self._common_words is None:
            # a common noun shows by its modifiers ("the unicorns", "Indian unicorns"); a name
            # written in lower case ("the widgetd project") is a compound, not modified
            self._common_words = {
                word.text
                for word in self.doc
                if word.is_lower
                and word.pos_ == "NOUN"
                and any(c.dep_ in {"det", "amod", "nummod", "poss"} for c in word.children)
            }
        return token.lower_ in self._common_words

    def alone(self, start: int, end: int) -> NamesAlone:
        """The organisation and product names outside tokens ``start:end``."""
        if self._starts is None:
            named = [entity for entity in self.doc.ents if entity.label_ in NAMED_LABELS]
            self._starts = [entity.start for entity in named]
            self._parts = [[part.strip() for part in entity.text.split(",")] for entity in named]
            for parts in self._parts:
                self._counts.update(parts)
        excluded: Counter[str] = Counter()
        for index in range(bisect_left(self._starts, start), bisect_left(self._starts, end)):
            excluded.update(self._parts[index])
        return NamesAlone(self._counts, excluded)

    def persons_last_word(self, span: Span, is_persons: Callable[[Span], bool]) -> bool:
        """Whether ``span`` is one word, the last of a name of more than one word that is a
        person's by ``is_persons`` (the same test on every call): "Roe" after "Jane Roe"."""
        if self._surnames is None:
            self._surnames = {
                entity[-1].text
                for entity in self.doc.ents
                if len(entity) > 1 and is_persons(entity)
            }
        return len(span) == 1 and span.text in self._surnames

    def shares_a_persons_word(self, span: Span, is_persons: Callable[[Span], bool]) -> bool:
        """Whether a name of more than one word, other than one holding ``span``, shares a word
        with it and is a person's by ``is_persons`` (the same test on every call)."""
        if self._people is None:
            self._people = defaultdict(list)
            for entity in self.doc.ents:
                if len(entity) > 1 and is_persons(entity):
                    for word in {token.text for token in entity}:
                        self._people[word].append((entity.start, entity.end))
        return any(
            not (start <= span.start and span.end <= end)
            for word in {token.text for token in span}
            for start, end in self._people.get(word, ())
        )


def verb_lemma(verb: Token) -> str:
    """A verb's lemma with its particle: "take over"."""
    particles = [child.lower_ for child in verb.children if child.dep_ == "prt"]
    lemma = verb.lemma_.lower()
    return f"{lemma} {particles[0]}" if particles else lemma


def is_name_word(token: Token) -> bool:
    """A word that can be part of a company's name: "Pacific", "T&R", "3M"."""
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
    """A proper noun, or a capitalised word the tagger called a common noun ("Pennart")."""
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
    """A word that can begin or end a title: capitalised, a number ("Iron Man 3") or a name
    written with its capital inside ("gWire")."""
    text = token.text
    return text[:1].isupper() or text[:1].isdigit() or (text[:1].islower() and not text.islower())


def title_word(token: Token) -> bool:
    """A word inside a title: "Night 9 from Deep Water", "Quest: Unknown"."""
    return title_start(token) or token.lower_ in TITLE_SMALL_WORDS or token.text in TITLE_MARKS


def its_object(verb: Token) -> bool:
    """The verb's object belongs to its subject as "its": "Acme expanded its range"."""
    if verb.pos_ != "VERB":
        return False
    return any(
        child.dep_ == "dobj" and any(g.dep_ == "poss" and g.lower_ == "its" for g in child.children)
        for child in verb.children
    )
