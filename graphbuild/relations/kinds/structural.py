"""Structural rules: patterns in names and noun phrases (``possessive_product``, ``based_on``,
``name_part``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Span, Token

from ...nlp import default_lexicon
from ...records import Mention
from ..fillers import DocContext
from ..schema import Rule
from ..syntax import child_with
from ..words import (
    BODY_WORDS,
    BUILT_NOUNS,
    DEAL_NOUNS,
    DECISION_NOUNS,
    HELD_NOUNS,
    LIKENESS_NOUNS,
    PLATFORM_NOUNS,
    SHARE_NOUNS,
    UNIT_NOUNS,
)

# "its Orbix patents", "its Tovi deal", "its Orbita stake", "Acme's Orbit moment": a name on
# these is no product of the possessor's
_NOT_MADE = HELD_NOUNS | DEAL_NOUNS | DECISION_NOUNS | SHARE_NOUNS | LIKENESS_NOUNS | BUILT_NOUNS
# what sits between a name and the noun it names: "its own Lantern open-source platform",
# "Acme's own Glint 8 devices" (the parser hangs a name off the noun as nmod as often as compound)
_NOUN_MODIFIERS = {"compound", "amod", "nmod", "nummod"}


def possessive_product(
    context: DocContext, rule: Rule, sentence: Span
) -> Iterator[tuple[Any, ...]]:
    """ "its Orbit software", "Corvane's Lumen hypervisor", "its own service, Pindle
    Ship": the owner develops it."""
    lexicon = default_lexicon()
    product_nouns = lexicon.product_nouns
    kind_nouns = product_nouns | lexicon.kind_product_nouns
    for token in context.mention_tokens(sentence):
        product = context.mention_at.get(token.i)
        if product is None or token.i in context.coref_tokens:
            continue
        head = token
        while head.dep_ in _NOUN_MODIFIERS and head.head.i != head.i:
            head = head.head
        if (
            head.i == token.i
            and token.dep_ == "appos"
            and token.head.lower_ in kind_nouns
            and context.mention_at.get(token.head.i) is None
        ):
            head = token.head  # "its own courier service, Pindle Ship": the name of that service
        if head.i == token.i and child_with(token, {"poss"}) is None:
            # "the Pindle 8, Acme's flagship phone": a possessed product noun in apposition
            described = next(
                (
                    c
                    for c in token.children
                    if c.dep_ == "appos"
                    and (
                        (c.lower_ in kind_nouns and c.i not in context.mention_at)
                        or _names_a_product_line(context, c, product)
                    )
                    and child_with(c, {"poss"}) is not None
                    and child_with(c, {"conj"}) is None
                    # right after the name and its comma (not the end of a list it heads)
                    and c.left_edge.i == token.i + 2
                    and token.doc[token.i + 1].text == ","
                ),
                None,
            )
            if described is not None:
                head = described
        if product.label != "Product" and not (
            # "Acme's Orbit scheduler", "its own Lantern platform": a name the model took for
            # a company is the possessor's product when it names a product's noun
            product.label == "Organization"
            and head.i != token.i
            and head.lower_ in (kind_nouns if token.dep_ == "appos" else product_nouns)
            and context.mention_at.get(head.i) is None
        ):
            continue
        owner = child_with(head, {"poss"})
        if owner is None and head.i != token.i:
            owner = child_with(token, {"poss"})
        if owner is None or owner.i == token.i or head.lemma_.lower() in PLATFORM_NOUNS:
            continue  # "its last Glint socket": a socket in the Glint, not the Glint
        if head.lemma_.lower() in _NOT_MADE:
            continue
        for filler in context.fillers(owner):
            # what a company owns is not hedged by the clause around it: "plans to push its
            # Lumen hypervisor" still says the hypervisor is its own
            if filler.mention.label == "Organization":
                yield filler.mention, rule.type, product, rule, token, filler.penalty, None


def _names_a_product_line(context: DocContext, noun: Token, product: Mention) -> bool:
    """ "the Pindle X, Acme's flagship Pindle": another product's name (or a noun the parser
    took for the head, right before that name) names the line the product belongs to."""
    line = context.mention_at.get(noun.i)
    if line is None:
        line = next(
            (
                context.mention_at[c.i]
                for c in noun.children
                if c.dep_ in {"appos", "compound"}
                and c.i == noun.i + 1
                and c.i in context.mention_at
            ),
            None,
        )
    return line is not None and line != product and line.label == "Product"


def possessive_unit(context: DocContext, rule: Rule, sentence: Span) -> Iterator[tuple[Any, ...]]:
    """ "Halden's Lumen Labs", "its Lumen Labs": a company named bare after a company's
    possessive is that company's unit (a country's, "Norway's Lumen Labs", is not; a name
    before a noun, "Halden's Lumen Labs deal", names something else)."""
    for token in context.mention_tokens(sentence):
        unit = context.mention_at.get(token.i)
        if unit is None or unit.label != "Organization" or token.i in context.coref_tokens:
            continue
        if token.dep_ in _NOUN_MODIFIERS and token.head.i != token.i:
            continue  # the name modifies a noun: "Halden's Lumen Labs unit" is read elsewhere
        owner = child_with(token, {"poss"})
        first = token.i
        while first > 0 and context.mention_at.get(first - 1) is unit:
            first -= 1
        if owner is None and first >= 2 and token.doc[first - 1].lower_ in {"'s", "\u2019s"}:
            # "X's Lumen Labs" with a curly apostrophe, read as one run of compounds
            owner = token.doc[first - 2]
        if owner is None or context.mention_at.get(owner.i) in (None, unit):
            continue
        if first < 1 or token.doc[first - 1].i not in {owner.i, owner.i + 1}:
            continue  # "X's 50 pct-owner Y": a role between them, not a unit
        if _inner_name(unit) or not _named_apart(context, unit, token.i):
            continue
        for filler in context.fillers(owner):
            if (
                filler.mention.label == "Organization"
                and not _inner_name(filler.mention)
                and _named_apart(context, filler.mention, owner.i)
            ):
                yield unit, rule.type, filler.mention, rule, token, filler.penalty, None


def _inner_name(mention: Mention) -> bool:
    """A body ("X's Lumen Initiative" is hosted, not owned) or a name of a part ("X's Cloud
    Platforms Group": a department named by its kind)."""
    words = mention.name.lower().split()
    return bool(set(words) & BODY_WORDS) or words[-1] in UNIT_NOUNS


def _named_apart(context: DocContext, mention: Mention, here: int) -> bool:
    """Whether the document names ``mention`` somewhere else on its own: a company it writes
    about, not the first word of one name split at its "'s" ("Miko's Courier Service"), nor
    a term only ever owned, bracketed or modifying ("an agreement (ALA)", "its ALA")."""
    doc = context.doc
    current = context.mention_at.get(here)
    for index, other in context.mention_at.items():
        if other.name != mention.name or other is current:
            continue
        token = doc[index]
        if token.head.i != index and context.mention_at.get(token.head.i) is other:
            continue  # not the name's last word
        first = index
        while first > 0 and context.mention_at.get(first - 1) is other:
            first -= 1
        before = doc[first - 1] if first > 0 else None
        if (
            token.dep_ in _NOUN_MODIFIERS
            or (index + 1 < len(doc) and doc[index + 1].dep_ == "case")
            or (
                before is not None
                and (before.text == "(" or before.dep_ in {"poss", "case"} or before.tag_ == "POS")
            )
        ):
            continue
        return True
    return False


def based_on(context: DocContext, rule: Rule, sentence: Span) -> Iterator[tuple[Any, ...]]:
    """ "OrvellStack-based startups such as Tovara": the startups use OrvellStack."""
    if not any(word in sentence.text for word in ("-based", "-powered", "-built")):
        return  # (a text search, cheaper than reading every token of every sentence)
    for token in sentence:
        if token.lower_ not in {"based", "powered", "built"} or token.i < 2:
            continue
        if token.doc[token.i - 1].text != "-":
            continue
        product = context.mention_at.get(token.i - 2)
        if product is None:
            continue
        noun = token.head if token.head.pos_ in {"NOUN", "PROPN"} else None
        if noun is None:
            continue
        for filler in context.fillers(noun):
            if filler.mention.name != product.name:
                yield filler.mention, rule.type, product, rule, token, filler.penalty, None


def name_part(context: DocContext, rule: Rule, sentence: Span) -> Iterator[tuple[Any, ...]]:
    """ "the OrvellStack Foundation" when OrvellStack is a product named in the same document."""
    products = {m.name: m for m in context.mention_at.values() if m.label == "Product"}
    for token in context.mention_tokens(sentence):
        organisation = context.mention_at.get(token.i)
        if (
            organisation is None
            or organisation.label != "Organization"
            or token.i in context.coref_tokens
        ):
            continue
        if token.idx != organisation.start:
            continue
        words = organisation.name.split()
        if len(words) >= 2 and words[-1].lower() in rule.lemmas:
            product = products.get(" ".join(words[:-1]))
            if product is not None:
                yield product, rule.type, organisation, rule, token, 0.0, None


STRUCTURAL = {
    "possessive_product": possessive_product,
    "possessive_unit": possessive_unit,
    "based_on": based_on,
    "name_part": name_part,
}
