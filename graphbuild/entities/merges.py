"""Boundaries, joined: a written name around a gazetteer match, touching pieces, a shared
head word."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .labels import (
    MODEL_ENTITIES_KEY,
    NOT_NAMES,
    ORG,
    PERSON,
    PRODUCT,
)
from .splits import two_built_names
from .tokens import is_name_word
from .words import (
    FORMAT_NOUNS,
    LEGAL,
    MAX_TITLE_WORDS,
    Lexicon,
)


def written_names(doc: Doc) -> list[Span]:
    """ "QX Studio", "Orvell Global Enterprise", "Rank Xerox Ltd": an organisation the
    model found whole, inside which the gazetteer matched a shorter name, is the longer
    name (unless the rest is another gazetteer name: "Orvell CloudDesk"); so is a known
    product's name any name of the model's goes on after ("Zorbo Play Music", "Emberfox
    Quantum", the latter a "person" to the model)."""
    entities = list(doc.ents)
    if MODEL_ENTITIES_KEY not in doc.spans:
        return entities
    known = [span for span in entities if span.id_]
    if not known:
        return entities
    replaced: set[tuple[int, int]] = set()
    found = []
    for model in doc.spans[MODEL_ENTITIES_KEY]:
        if model.label_ not in {ORG, PRODUCT, PERSON}:
            continue
        inside = [span for span in known if model.start <= span.start and span.end <= model.end]
        owned = _owned_name(model, inside)
        if owned is not None:
            found.append(owned)  # the owner stays the gazetteer's match
            continue
        if (
            len(inside) != 1
            or (inside[0].start, inside[0].end) == (model.start, model.end)
            # a product's longer name goes on after it ("Zorbo Play Music" around "Zorbo Play")
            or not (
                (inside[0].label_ == ORG and model.label_ == ORG)
                or (inside[0].label_ == PRODUCT and inside[0].start == model.start)
                # "Zorbo Cloud", a "person" to the model: no person's name opens with a
                # known company's
                or (
                    inside[0].label_ == ORG
                    and model.label_ == PERSON
                    and inside[0].start == model.start
                )
            )
            or any(
                span.start < model.end and model.start < span.end
                for span in entities
                if span not in inside
            )
            or not all(
                is_name_word(token)
                or token.text.rstrip(".").lower() in LEGAL
                or (token.text in {"&", "-"} and model.start < token.i < model.end - 1)
                for token in model
                if not inside[0].start <= token.i < inside[0].end
            )
        ):
            continue
        replaced.add((inside[0].start, inside[0].end))
        found.append(Span(doc, model.start, model.end, label=inside[0].label_))
    if not found:
        return entities
    kept = [span for span in entities if (span.start, span.end) not in replaced]
    return sorted([*kept, *found], key=lambda span: span.start)


def _owned_name(model: Span, inside: list[Span]) -> Span | None:
    """ "Zorbex's Open Paxi Coalition", a known name and a possessive opening the model's
    name: the words after the possessive name what the owner owns (the gazetteer's match
    would otherwise leave them out)."""
    if len(inside) != 1 or inside[0].start != model.start or inside[0].end + 1 >= model.end:
        return None
    doc = model.doc
    mark = doc[inside[0].end]
    if not (mark.tag_ == "POS" or mark.lower_ in {"'s", "\u2019s"}):
        return None
    rest = doc[mark.i + 1 : model.end]
    if not all(is_name_word(token) for token in rest) or rest.root.head.i >= model.end:
        return None  # "Zorbex's Hollywood ambitions": the words modify a noun after the name
    return Span(doc, rest.start, rest.end, label=model.label_)


def shared_heads(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "the Herald and Courier Syndicate": an organisation's name the parse makes a
    modifier of a name word after "and" shares that word; the model's pieces ("Register",
    "Tribune Syndicate") are one name. Not two whole names ("Kestrel Capital and Halvard
    Ventures"), which the parser reads the same way."""
    result = list(spans)
    for span in spans:
        head = span.root.head
        joint = span.end
        if (
            span.label_ != ORG
            or span.id_
            or span.root.dep_ not in {"nmod", "compound"}
            or head.i <= joint + 1
            or doc[joint].lower_ not in {"and", "&"}
            or head.i - span.start > MAX_TITLE_WORDS
            or not all(
                is_name_word(token) and token.is_alpha for token in doc[joint + 1 : head.i + 1]
            )
            or any(
                token.dep_ in {"compound", "nmod"} and token.head.i > head.i
                for token in doc[joint + 1 : head.i + 1]
            )
            or two_built_names(span, doc[joint + 1 : head.i + 1], lexicon)
        ):
            continue
        # the words after "and" must be the model's (not a gazetteer name of their own)
        others = [
            other
            for other in result
            if other.start < head.i + 1 and joint < other.end and other is not span
        ]
        if any(
            other.id_ or other.start <= joint or other.end > head.i + 1 for other in others
        ) or not any(other.end == head.i + 1 for other in others):
            continue
        result = [other for other in result if other is not span and other not in others]
        result.append(Span(doc, span.start, head.i + 1, label=ORG))
    return sorted(result, key=lambda span: span.start)


def merge_adjacent(spans: list[Span]) -> list[Span]:
    """ "Tovara" + "Cloud Computing": touching capitalised spans are one name."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if (
            merged
            and merged[-1].end == span.start
            and (not merged[-1].id_ or _joint_name(merged[-1], span))
            and not span.id_
            and span[0].text[:1].isupper()
            and not merged[-1][-1].is_punct
            # "Castleby Development Corp." + "Halvorsen": a legal form ends a name
            and not (
                merged[-1][-1].text.endswith(".")
                and merged[-1][-1].text.rstrip(".").lower() in LEGAL
                and span[0].text.rstrip(".").lower() not in LEGAL
            )
            # "December 2009" + "Orlane" are a date and a name, not one name
            and merged[-1].label_ not in NOT_NAMES
            and span.label_ not in NOT_NAMES
        ):
            previous = merged.pop()
            label = ORG if ORG in {previous.label_, span.label_} else previous.label_
            span = Span(span.doc, previous.start, span.end, label=label)
        merged.append(span)
    return merged


def _joint_name(known: Span, span: Span) -> bool:
    """ "Fujitsu Larsson": a known company's name the parser makes part of the name right after
    it, which the model took for a person's, names a company of its own (a joint venture
    named after its parents), not the known company and a person."""
    root = known.root
    return (
        known.label_ == ORG
        and span.label_ == PERSON
        and len(span) == 1
        and root.dep_ == "compound"
        and span.start <= root.head.i < span.end
        # (a surname the document gives a person in full is that person's: "Fujitsu
        # Larsson" after "Eva Larsson")
        and not any(
            entity.label_ == PERSON and len(entity) > 1 and entity[-1].text == span.text
            for entity in span.doc.ents
        )
    )


def modified_name_words(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "the Zorbo Pro, Acme's flagship", "Globex Universal", "the Glint Security Lab": a
    name followed by the capitalised words it modifies (at most three), which nothing else
    names, ends with them (the model or the gazetteer found only the first part). The last
    word must end the phrase: in "the Zorbo Kestrel deal" it modifies "deal" and stays apart."""
    taken = {token.i for span in spans for token in span}
    owner = {token.i: span for span in spans for token in span}
    # "Firefly Quasar" written whole elsewhere: here its model's part after a known name joins it
    written = {span.text for span in spans}
    joined: set[tuple[int, int]] = set()
    result = []
    for span in spans:
        if (span.start, span.end) in joined:
            continue
        doc = span.doc
        head = span.root.head
        # "Glint Security Lab": the parser chains the words, each a compound of the next
        while head.dep_ == "compound" and head.pos_ == "PROPN" and span.end <= head.i < head.head.i:
            head = head.head
        rest = owner.get(span.end)
        whole = (
            rest is not None
            and not rest.id_
            and (rest.start, rest.end) == (span.end, head.i + 1)
            and doc[span.start : rest.end].text in written
        )
        if (
            span.label_ in {ORG, PRODUCT}
            and span.root.dep_ == "compound"
            and span.end <= head.i < span.end + 3
            and head.dep_ != "compound"
            # "Nixa Zorbo Networks": a name before it makes all three one, or two
            and (span.start == 0 or span.start - 1 not in taken)
            # "Zorbo Infra-as-a-Service": the word begins a hyphenated compound
            and not (head.i + 1 < len(doc) and doc[head.i + 1].text == "-")
            and all(
                word.pos_ == "PROPN"
                and (whole or (word.i not in taken and not word.ent_type_))
                and word.text[:1].isupper()
                and not word.is_sent_start
                and word.text not in lexicon.not_entities
                and word.text not in lexicon.place_names
                and word.lower_ not in lexicon.person_titles
                and (word.i == head.i or span.end <= word.head.i <= head.i)
                for word in doc[span.end : head.i + 1]
            )
        ):
            # the longer name is not the gazetteer's, whose identity it would take
            taken.update(range(span.end, head.i + 1))
            if whole and rest is not None:
                joined.add((rest.start, rest.end))
            span = Span(doc, span.start, head.i + 1, label=span.label_)
        result.append(span)
    return result


def format_names(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "their own XQ card", "the XQ Card", "the miniXQ card standard": an acronym (or a word
    with capitals inside) modifying a format's noun names that format with it, a product; the
    acronym alone, which the model may have called an organisation, gives way."""
    owner = {token.i: span for span in spans for token in span}
    result = list(spans)
    for noun in doc:
        if noun.lower_ not in FORMAT_NOUNS or noun.i == 0 or noun.i in owner:
            continue
        word = doc[noun.i - 1]
        if not (
            word.dep_ == "compound"
            and word.head.i == noun.i
            and _ACRONYM_RE.match(word.text)
            and word.text not in lexicon.not_entities
        ):
            continue
        alone = owner.get(word.i)
        if alone is not None and (len(alone) > 1 or alone.id_):
            continue
        if alone is not None:
            result.remove(alone)
        result.append(Span(doc, word.i, noun.i + 1, label=PRODUCT))
    return sorted(result, key=lambda span: span.start)


# "XQ", "miniXQ": two to five capitals, after lower-case letters or none
_ACRONYM_RE = re.compile(r"^[a-z]{0,5}[A-Z]{2,5}$")
