"""Boundaries, cut: an owner and what it owns, two names the model ran together."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .labels import (
    ORG,
)
from .tokens import DocumentNames, person_words
from .words import (
    FINITE_TAGS,
    LEGAL,
    LIST_SEPARATORS,
    Lexicon,
)


def split_inside(
    span: Span, lexicon: Lexicon, *, listed: bool = False, names: DocumentNames | None = None
) -> list[Span]:
    """ "Rubric purchased Enserva Group", "the series Lumen Fam", "Enterprise Forward (EF":
    a finite verb, a lower-case noun saying what the next name is, or an opening bracket
    inside one of the model's spans separates two names (the word between is dropped)."""
    if span.id_ or len(span) < 3:
        return [span]
    doc = span.doc
    for token in span[1:-1]:
        following = doc[token.i + 1]
        if token.lower_ in LIST_SEPARATORS:
            parts = listed_names(span, token, lexicon, listed=listed, names=names)
            if parts is not None:
                left, right = parts
                return [left, *split_inside(right, lexicon, listed=token.text == ",", names=names)]
            continue
        if (
            token.text.endswith(".")
            and token.text.rstrip(".").lower() in LEGAL
            and following.text[:1].isupper()
            and following.text.rstrip(".").lower() not in LEGAL
            and following.text not in lexicon.org_name_words
            and (following.is_sent_start or token.whitespace_)
        ):
            # "Castleby Development Corp. Halvorsen said": the legal form's full stop ended
            # the sentence; the next name is another
            return [
                Span(doc, span.start, token.i + 1, label=span.label),
                *split_inside(
                    Span(doc, token.i + 1, span.end, label=span.label), lexicon, names=names
                ),
            ]
        if token.text == "(":
            # "Orrin Equity (Atlantic) Ltd" is one name; "Enterprise Forward (EF" two
            if any(t.text == ")" for t in doc[token.i + 1 : span.end - 1]):
                continue
        elif not (
            token.is_lower
            and (
                (token.tag_ in FINITE_TAGS and token.pos_ in {"VERB", "AUX"})
                or (
                    token.pos_ == "NOUN"
                    and token.lemma_.lower() in lexicon.kind_product_nouns | lexicon.product_nouns
                )
            )
        ):
            continue
        left = Span(doc, span.start, token.i, label=span.label)
        right = Span(doc, token.i + 1, span.end, label=span.label)
        if not (left[0].text[:1].isupper() and right[0].text[:1].isupper()):
            continue
        return [left, *split_inside(right, lexicon, names=names)]
    return [span]


def listed_names(
    span: Span,
    separator: Token,
    lexicon: Lexicon,
    *,
    listed: bool = False,
    names: DocumentNames | None = None,
) -> tuple[Span, Span] | None:
    """ "RNA Botanics and Lumen Growth Corporation", "Vantor, Lumen Cache", "Harlan or
    T & R": the two sides of a comma, "and" or "or" inside one of the model's organisation
    spans are two names when the parse coordinates them (the second a conjunct of the
    first, which heads the span). Kept whole: two single words ("Hobbs and Garner"),
    a shared last word ("Union Iron and Steel", "Food and Fuel Administration", "Herald
    and Post"), "and" between names of different build ("Orvell Investigations and
    Security Agency"), a partnership with a legal form ("Rollins and Crane Inc",
    "Hallam, Pryce Capital Corp", "Hallworth, Marsh & Pryor") and titles with small
    words ("Tales of the Old and Bold"). ``listed``: the span is the rest of a list
    after a comma, where a last single word is a name ("Vantor, Lumen Cache and Spark")."""
    if span.label_ != ORG:
        return None
    doc = span.doc
    start = separator.i + 1
    if separator.text == "," and doc[start].lower_ in {"and", "or"}:
        start += 1  # "Valve, Lumen Cache, and Steam"
    if start >= span.end:
        return None
    left = Span(doc, span.start, separator.i, label=span.label)
    right = Span(doc, start, span.end, label=span.label)
    words = [*left, *right]
    if (
        separator.text == ","
        and right.root.dep_ in {"nsubj", "nsubjpass"}
        and not span.start <= right.root.head.i < span.end
        and left.root.dep_ in {"pobj", "dobj", "appos", "attr"}
        # (the speaker of a quote: "... API, Dholakia said", a person named elsewhere)
        and right.text not in person_words(doc)
    ):
        return left, right  # "a rival to the storefront from Valve, Lumen Cache differs"
    # "Cadmir and Avonel": a side the document names on its own elsewhere is a name
    alone = (names or DocumentNames(doc)).alone(span.start, span.end)
    company_words_both = all(
        any(t.text in lexicon.org_name_words for t in side) for side in (left, right)
    )
    in_list = (span.start > 0 and doc[span.start - 1].text == ",") or (
        span.end < len(doc) and doc[span.end].lower_ in LIST_SEPARATORS
    )
    if separator.lower_ == "and" and not listed and two_built_names(left, right, lexicon):
        return left, right
    if (
        not (left[0].text[:1].isupper() and right[0].text[:1].isupper())
        or (
            len(left) == 1
            and len(right) == 1
            # "Sitrex, TwoNavi" inside a list of names
            and not (separator.text == "," and in_list)
            and not (left.text in alone and right.text in alone)
        )
        or any(
            t.is_lower
            and t.is_alpha
            and t.lower_ not in LIST_SEPARATORS
            # "Land Bank of the Islands and Harbour Bank of the Islands"
            and not (t.lower_ in {"of", "the"} and company_words_both)
            for t in words
        )
        or span.root.i >= separator.i  # the name's head is on the right: a shared word
        # (the right side's head a conjunct of the left's; the parser may hang a word of
        # the right side elsewhere: "Harbour Bank of the Islands")
        or not any(t.dep_ == "conj" and left.start <= t.head.i < left.end for t in right)
        or right.root.dep_ not in {"conj", "prep"}
        or right[0].text.rstrip(".").lower() in LEGAL
        or right[0].text in lexicon.org_name_words
        or (len(right) == 1 and right[0].text in lexicon.org_name_words)
    ):
        return None
    legal_end = any(t.text.rstrip(".").lower() in LEGAL for t in doc[span.end - 1 : span.end + 1])
    if separator.text == "," and (legal_end or any(t.text == "&" for t in span)):
        return None  # "Hallam, Pryce Capital Corp", "Hallworth, Marsh & Pryor"
    if (
        len(left) == 1
        and legal_end
        and left[0].text.rstrip(".").lower() not in LEGAL
        and left.text not in alone
    ):
        return None  # "Rollins and Crane Inc" (but "Cadmir and Avonel Corp ... Cadmir")
    if separator.lower_ == "and" and not listed:
        # "A B and C D" is two names when neither side ends in a company's word ("Ansel
        # Brandt and Orvell Textile"), or only the second has a legal form after a name
        # ("RNA Botanics and Lumen Growth Corp"); "Western Oil and Power Associates" and
        # "Hallworth Marsh and Pryor Securities Corp" share their last words
        right_end = span.end
        if span.end < len(doc) and doc[span.end].text.rstrip(".").lower() in LEGAL:
            right_end += 1
        right_words = [t.text.rstrip(".") for t in doc[right.start : right_end]]
        if len(left) == 1 and len(right) == 1 and left.text in alone and right.text in alone:
            return left, right  # "Cadmir and Avonel", each named on its own elsewhere
        if (
            # "Hobbs and Garner", but "Tessel and Circuit Town" (a one-word name and a
            # longer one: "Hanson and Hanson Medical" shares a word)
            (len(left) == 1 and (len(right) == 1 or left.text == right[0].text))
            or len(right) == 1
            or name_ending(left[-1].text, lexicon)
        ):
            return None
        if right_words[-1].lower() in LEGAL:
            if len(right_words) < 2 or name_ending(right_words[-2], lexicon):
                return None
        elif name_ending(right_words[-1], lexicon):
            return None
    return left, right


def two_built_names(left: Span, right: Span, lexicon: Lexicon) -> bool:
    """ "Kestrel Capital and Halvard Ventures": two names of a name and a company's word each,
    however the parser read them, when the right one starts with a word of its own. "Eastern
    Gas and Fuel Associates", "Florida Power and Light Co" share their last words: their right
    side starts with a word of English ("fuel", "light")."""
    first = right[0].text
    return (
        bool(lexicon.english_words)
        and len(left) >= 2
        and len(right) >= 2
        and all(t.is_title and t.is_alpha for t in (*left, *right))
        and name_ending(left[-1].text, lexicon)
        and name_ending(right[-1].text, lexicon)
        and not name_ending(first, lexicon)
        and first.lower() not in lexicon.english_words
    )


def name_ending(word: str, lexicon: Lexicon) -> bool:
    """Whether a name's last word says it is a company's ("Energy", "Corp")."""
    word = word.rstrip(".")
    return word in lexicon.org_name_words or word.lower() in LEGAL


def split_possessive(span: Span, lexicon: Lexicon | None = None) -> list[Span]:
    """ "Corvane's Cloud Platforms Group" is two entities, the owner and the owned ("the
    Farmers' Bank", "People's Bank" are one: a bare kind of company is no name of its own)."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    owner_is_one_word = len(span) > 2 and span[1].lower_ in {"'s", "\u2019s"}
    if owner_is_one_word and (
        span[-1].text.rstrip(".").lower() in LEGAL
        or (following is not None and following.text.rstrip(".").lower() in LEGAL)
    ):
        return [span]  # "Scott's Lodging Inc" is one company's name; "Acme Inc's X" is not
    for token in span[:-1]:
        if token.tag_ == "POS" or token.lower_ in {"'s", "\u2019s"}:
            owner = Span(span.doc, span.start, token.i, label=span.label)
            owned = Span(span.doc, token.i + 1, span.end, label=span.label)
            words = [t for t in owned if t.tag_ != "POS" and t.lower_ not in {"'s", "\u2019s"}]
            if (
                lexicon is not None
                and len(words) == 1
                and words[0].text[:1].isupper()
                and words[0].lower_ in lexicon.kind_org_nouns
            ):
                return [span]
            return [part for part in (owner, owned) if len(part)]
    return [span]
