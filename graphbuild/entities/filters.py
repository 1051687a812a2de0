"""Spans that are no entity of the graph: "API", a town and its state, "Co KG"; places,
peoples and dates that are never organisations or products."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from ..canonical import clean_name
from .evidence import has_org_word, has_ticker, known_place
from .labels import ORG, PLACE_LABELS, PRODUCT
from .tokens import DocumentNames
from .words import (
    DOMAIN_RE,
    LEGAL,
    Lexicon,
)


def not_entity(span: Span, lexicon: Lexicon, names: DocumentNames | None = None) -> bool:
    text = span.text.strip()
    if span.id_:  # gazetteer matches are trusted
        return False
    if text in lexicon.not_entities:
        return True
    if names is not None and names.common_word_opening(span):
        return True
    if (
        text in lexicon.rank_words
        and span.root.dep_ in {"compound", "amod", "nmod"}
        and span.root.head.is_lower
    ):
        return True  # "a Platinum member"
    if len(span) > 1 and span[-1].text in lexicon.agreement_words:
        return True  # "the Multi-Fibre Agreement", "the Three Rivers Dam"
    states = lexicon.state_abbreviations
    doc = span.doc
    before_state = (
        span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].text in states
    )
    if text in states or (before_state and not has_org_word(span, lexicon) and " of " not in text):
        # "Pinefield, Colo., homebuilder Tamsin Inc": a town and its state (not "Harlow
        # State Bank of Pine Beach, S.C.")
        return True
    # "404.com" is a name in lower case; other names have a capital somewhere
    if not any(ch.isupper() for ch in text) and not DOMAIN_RE.search(text):
        return True
    # names have letters: "Lernio.com", "ZTV2" and "Q-47" do, "1987" and "--" do not
    if not any(ch.isalpha() for ch in text):
        return True
    if all(
        token.text.rstrip(".").lower() in LEGAL or not any(ch.isalpha() for ch in token.text)
        for token in span
    ):
        return True  # "Co KG" left over from a name
    # A lone lower-case-initial or very long span is a parsing accident, not a name.
    return len(span) > 8


def kept_kind(model: Span, fixed: Span, lexicon: Lexicon) -> Span:
    """``fixed`` (the label the fixer gave ``model``), unless it made a place, a people or a
    date an organisation or a product: "rivals Norway's Tellvik", "markets such as Japan",
    "Last year, the chipmaker ...", "Today, the company ..." read like company evidence, but
    such a name is never one (a gazetteer match, a company's word or a ticker still is)."""
    if (
        fixed.label_ not in {ORG, PRODUCT}
        or fixed.id_
        or has_org_word(fixed, lexicon)
        or has_ticker(fixed)
    ):
        return fixed
    if known_place(fixed, lexicon):
        label = model.label_ if model.label_ in PLACE_LABELS else "GPE"
    elif clean_name(fixed.text) in lexicon.nationalities:
        label = "NORP"
    elif _date(fixed, lexicon):
        label = model.label_ if model.label_ in {"DATE", "TIME"} else "DATE"
    else:
        return fixed
    return Span(fixed.doc, fixed.start, fixed.end, label=label, span_id=fixed.id)


def _date(span: Span, lexicon: Lexicon) -> bool:
    heads, modifiers = _lower(lexicon.date_words), _lower(lexicon.date_modifiers)
    words = [token.lower_ for token in span if not token.like_num]
    return any(word in heads for word in words) and all(
        word in heads or word in modifiers for word in words
    )


@lru_cache(maxsize=8)
def _lower(words: frozenset[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)
