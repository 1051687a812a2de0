"""Boundaries, trimmed and extended: articles, counts and marks off a name; its legal form, a
compound word and a hyphenated start back on."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span

from ..lexicon import NOMINAL_SUBJECT_DEPS
from .labels import (
    MODEL_ENTITIES_KEY,
    ORG,
    PERSON,
    PRODUCT,
)
from .words import (
    COMMON_LEGAL_NOUNS,
    LEGAL,
    Lexicon,
)


def trim(span: Span, lexicon: Lexicon, longer_names: LongerNames | None = None) -> Span | None:
    """The span without what is not part of a name, with what the model left out of it.

    ``longer_names``: the document's :class:`LongerNames`, built once by the caller that trims
    many spans of one document (built here otherwise)."""
    start, end = span.start, span.end
    doc = span.doc
    last = doc[end - 1]
    if last.head.i >= end and last.head.lower_ in lexicon.person_titles:
        # "the Kestrel Steering Group and Acting Executive" + "Director": the words after "and"
        # describe a person's post, not the name
        joint = next((t.i for t in doc[start + 1 : end - 1] if t.lower_ == "and"), None)
        if joint is not None:
            end = joint
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"}
        or doc[start].is_punct
        # "about 400,000 TLRX": counts and quantifiers before a name are not part of it
        # ("20th Century Lumen": an ordinal opening a name is part of it)
        or (doc[start].like_num and start + 1 < end and not _ordinal(doc[start].lower_))
        or (doc[start].pos_ in {"ADV", "ADP", "DET"} and doc[start].is_lower)
        or (doc[start].pos_ == "VERB" and doc[start].i == doc[start].sent.start)
        # "Financier Carl Holm": a person's description before the name is not part of it
        or (
            span.label_ == PERSON and end - start > 2 and doc[start].lower_ in lexicon.person_titles
        )
    ):
        start += 1
    # "rival bank Lumen Holdings", "airline Kestrel Air": a lower-case kind of company before
    # the name describes it
    while (
        start + 1 < end
        and doc[start].is_lower
        and doc[start].lower_ in lexicon.kind_org_nouns
        and doc[start + 1].text[:1].isupper()
    ):
        start += 1
    end = placed_end(doc, start, end, lexicon)
    while (
        end > start
        and (
            (
                doc[end - 1].is_punct
                and doc[end - 1].text not in {".", "&", "!", "+"}
                # "Industrial Equity (Pacific)": a bracket closed inside the name stays
                and not (
                    doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start : end - 1])
                )
            )
            or doc[end - 1].tag_ == "POS"
            or doc[end - 1].lower_ in {"'s", "\u2019s"}
            # "Home Packaging Division to": a name does not end with a function word
            or (
                doc[end - 1].is_lower
                and doc[end - 1].pos_ in {"ADP", "CCONJ", "DET", "PART", "SCONJ"}
            )
        )
    ):
        end -= 1
    if start >= end:
        return None
    opened = sum(t.text == "(" for t in doc[start:end]) - sum(t.text == ")" for t in doc[start:end])
    if opened > 0 and end < len(doc) and doc[end].text == ")":
        end += 1  # "Industrial Equity (Pacific": the model left the closing bracket out
    if span.id_ and longer_names is None:
        longer_names = LongerNames(doc)
    # "Dynamic Beacon", "Fair Care Lending": a capitalised word the parser attached to the
    # name as a compound, but the model left out (often the first word of a sentence)
    while (
        start > 0
        # the gazetteer knows the whole name, unless the document names a longer one
        # ("Rank Orvell said" after "Rank Orvell Ltd")
        and (not span.id_ or (longer_names is not None and longer_names.begin(start - 1, end)))
        and doc[start - 1].dep_ == "compound"
        and start <= doc[start - 1].head.i < end
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].is_alpha
        and doc[start - 1].pos_ in {"ADJ", "NOUN", "PROPN"}
        and not doc[start - 1].ent_type_
        and doc[start - 1].text not in lexicon.not_entities
        and doc[start - 1].lower_ not in lexicon.person_titles  # "Investor David Lee"
        # a headline ("Meet Orvell OrbitStack") is not a subject; a name starting one is
        and (
            not doc[start - 1].is_sent_start
            or (
                doc[start:end].root.dep_ in NOMINAL_SUBJECT_DEPS
                and "\n" not in doc[start - 1 : doc[start:end].root.head.i].text
            )
        )
    ):
        start -= 1
    # "20th Century Lumen": an ordinal the parser made part of the name (the model tags it
    # apart; "the 3rd Lumen Festival" counts editions)
    if (
        start > 0
        and (start == 1 or doc[start - 2].pos_ != "DET")
        and span.label_ == ORG
        and _ordinal(doc[start - 1].lower_)
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].pos_ in {"ADJ", "NUM", "PROPN"}
        and start <= doc[start - 1].head.i < end
    ):
        start -= 1
    # "Bastion 81", "Lumenphone 8 phones": a product's or company's number is part of its name
    if numbered_name(doc, start, end, span.label_, lexicon):
        end += 1
    # "North Vale S and L": a savings and loan's name ends in "S and L" (the model stops at
    # "S")
    if (
        end + 1 < len(doc)
        and doc[end - 1].text == "S"
        and doc[end].lower_ in {"and", "&"}
        and doc[end + 1].text == "L"
    ):
        end += 2
    # "Holm-Warden": the model's span may start after a hyphen inside the name
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].text[:1].isupper()
        and doc[start - 2].is_alpha
    ):
        start -= 2
    # "Corvane Systems Inc.", "Halden, Inc.": the legal form belongs to the name (the parser
    # makes it the head of the noun phrase), even when the gazetteer matched without it;
    # "its South African company" is no name ("Halden plc" is)
    if (
        end < len(doc)
        and doc[end].text.rstrip(".").lower() in LEGAL
        and doc[end].lower_ not in COMMON_LEGAL_NOUNS
    ):
        end += 1
    elif (
        end + 1 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].text.rstrip(".").lower() in LEGAL
        and doc[end + 1].lower_ not in COMMON_LEGAL_NOUNS
    ):
        end += 2
    return Span(doc, start, end, label=span.label, span_id=span.id)


def _ordinal(word: str) -> bool:
    """ "20th", "21st": a number written as an ordinal."""
    return word[:-2].isdigit() and word[-2:] in {"st", "nd", "rd", "th"}


def placed_end(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int:
    """ "brands include Lumen in the US": where the name is sold, not part of it (the span
    ends "in the" and a known place)."""
    for i in range(start + 1, end - 2):
        if (
            doc[i].lower_ == "in"
            and doc[i + 1].lower_ == "the"
            and doc[i + 2 : end].text in lexicon.place_names
        ):
            return i
    return end


def numbered_name(doc: Doc, start: int, end: int, label: str, lexicon: Lexicon) -> bool:
    """Whether the whole number after words ``start:end`` belongs to the name: it counts
    the name's last word ("Bastion 81, which ...", "Vista 11 and ..."), or the name and
    the number both describe a product's noun after them ("Lumenphone 8 devices"). A year or
    an amount is no part of a name ("Acme 2 years ago" counts years)."""
    if label not in {ORG, PRODUCT, PERSON} or end >= len(doc):
        return False
    number = doc[end]
    if (
        not number.is_digit
        or len(number.text) > 3
        or number.dep_ != "nummod"
        or not doc[end - 1].text[:1].isupper()
    ):
        return False
    if start <= number.head.i < end:
        return True
    noun = number.head
    return (
        noun.i == end + 1
        and noun.lower_ in lexicon.product_nouns
        and start <= doc[start:end].root.i < end
        and doc[start:end].root.head.i == noun.i
    )


class LongerNames:
    """The organisations the model found in one document, indexed once by their opening words.

    Whether some words begin an organisation written elsewhere ("Rank Orvell said" after "Rank
    Orvell Ltd") is then one lookup; a pass over every name for every gazetteer match made
    entity-dense text quadratic.
    """

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        # opening words -> the starts of the organisations that begin with them (read on the
        # first question: most documents never ask)
        self._starts: dict[tuple[str, ...], set[int]] | None = None

    def _index(self) -> dict[tuple[str, ...], set[int]]:
        starts: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for entity in self._doc.spans.get(MODEL_ENTITIES_KEY, ()):
            if entity.label_ == ORG:
                words = tuple(token.text for token in entity)
                for size in range(1, len(words) + 1):
                    starts[words[:size]].add(entity.start)
        return starts

    def begin(self, start: int, end: int) -> bool:
        """Whether words ``start:end`` begin an organisation the model found elsewhere (one
        that does not start at ``start``)."""
        words = tuple(token.text for token in self._doc[start:end])
        if self._starts is None:
            self._starts = self._index()
        starts = self._starts.get(words, ())
        return len(starts) > 1 or (len(starts) == 1 and start not in starts)
