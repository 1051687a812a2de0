"""Spans that are no entity of the graph: "API", a town and its state, "Co KG"."""

from __future__ import annotations

from spacy.tokens import Span

from .evidence import has_org_word
from .words import (
    DOMAIN_RE,
    LEGAL,
    Lexicon,
)


def not_entity(span: Span, lexicon: Lexicon) -> bool:
    text = span.text.strip()
    if span.id_:  # gazetteer matches are trusted
        return False
    if text in lexicon.not_entities:
        return True
    states = lexicon.state_abbreviations
    doc = span.doc
    before_state = (
        span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].text in states
    )
    if text in states or (before_state and not has_org_word(span, lexicon) and " of " not in text):
        # "Englewood, Colo., homebuilder Winley Inc": a town and its state (not "Waccamaw
        # State Bank of Surfside Beach, S.C.")
        return True
    # "888.com" is a name in lower case; other names have a capital somewhere
    if not any(ch.isupper() for ch in text) and not DOMAIN_RE.search(text):
        return True
    # names have letters: "Learn.com", "MTV2" and "B-52" do, "1987" and "--" do not
    if not any(ch.isalpha() for ch in text):
        return True
    if all(
        token.text.rstrip(".").lower() in LEGAL or not any(ch.isalpha() for ch in token.text)
        for token in span
    ):
        return True  # "Co KG" left over from a name
    # A lone lower-case-initial or very long span is a parsing accident, not a name.
    return len(span) > 8
