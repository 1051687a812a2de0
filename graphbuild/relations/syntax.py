"""Reading the dependency parse: small questions about tokens that the role finders share."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token

from ..lexicon import ANY_SUBJECT_DEPS
from ..records import Mention
from .words import (
    CONTROL_WORDS,
    COPULAS,
    DEAL_VERBS,
    EXAMPLE_PREPS,
    FELLOW_NOUNS,
    NESTED_CLAUSES,
    ORDINALS,
    PLATFORM_NOUNS,
    QUANTITY_NOUNS,
    SHARE_NOUNS,
)


def noun_read_verb(token: Token) -> bool:
    """A verb the tagger took for a plural noun: nouns have no direct objects; and a sentence
    needs a verb ("Acme competes with Globex" read as one noun phrase, its subject a compound
    of "competes")."""
    if token.tag_ != "NNS":
        return False
    if any(c.dep_ == "dobj" for c in token.children):
        return True
    return (
        token.dep_ == "ROOT"
        and any(c.dep_ == "compound" and c.i < token.i for c in token.children)
        and any(c.dep_ == "prep" and c.i > token.i for c in token.children)
        and not any(t.pos_ in {"VERB", "AUX"} for t in token.sent)
    )


def platform_modifier(token: Token) -> bool:
    """A name modifying what was made for it: "iOS" in "an iOS application"."""
    head = token
    while head.dep_ in {"compound", "amod", "nmod"} and head.head.i != head.i:
        head = head.head
    return head.i != token.i and head.lemma_.lower() in PLATFORM_NOUNS


def own_clause(clause: Token) -> Iterator[Token]:
    """The clause's tokens without the clauses nested in it ("a firm that is an investor in")."""
    stack = [clause]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ not in NESTED_CLAUSES)


def list_head(token: Token) -> Token:
    """The first item of the list a name is in ("Orvell, QX, Halden and T&R": Orvell)."""
    while token.dep_ in {"compound", "flat"} and token.head.i != token.i:
        token = token.head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


POSITION, QUANTITY = 1, 2


def minority_share(noun: Token) -> int:
    """ "a 20 pct stake in X", "a minority interest in X" (not "a majority stake", "a 51 pct
    interest", "the remaining interest"): POSITION, QUANTITY or 0."""
    kind = (
        POSITION if noun.lower_ in SHARE_NOUNS else QUANTITY if noun.lower_ in QUANTITY_NOUNS else 0
    )
    if not kind:
        return 0
    holders = [noun, *list(noun.ancestors)[:3]]
    if any(
        t.dep_ == "relcl"
        and t.lemma_.lower() in {"own", "hold"}
        and any(g.dep_ == "neg" for g in t.children)
        for holder in holders
        for t in holder.children
    ):
        return 0  # "the stake in X that it did not yet hold": the rest of X
    words = noun.doc[noun.left_edge.i : noun.right_edge.i + 1]
    if any(word.lower_ in CONTROL_WORDS for word in words):
        return 0
    for word in words:
        if word.like_num:
            try:
                if float(word.text.replace(",", "").rstrip("%")) > 50:
                    return 0
            except ValueError:
                continue
    return kind


def governing_preposition(token: Token) -> str | None:
    """The preposition a name hangs from, through compounds and lists ("for HBO and CBS")."""
    while token.dep_ in {"compound", "conj", "appos", "flat"} and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj":
        return None
    preposition = token.head
    if preposition.lower_ in EXAMPLE_PREPS | {"such"}:
        if preposition.head.dep_ == "pobj":
            # "for networks including HBO": the examples stand where the noun stands
            return governing_preposition(preposition.head)
        recipient = recipient_before(preposition)
        if recipient is not None:
            return recipient.lower_
    return preposition.lower_


def recipient_before(examples: Token) -> Token | None:
    """ "shows for broadcasters, including HBO": the parser hangs the examples on the noun
    before the "for" (or "to") phrase they belong to; that preposition, if any."""
    return next(
        (
            sibling
            for sibling in examples.head.children
            if sibling.dep_ == "prep" and sibling.lower_ in {"for", "to"} and sibling.i < examples.i
        ),
        None,
    )


def overlaps(first: Mention, second: Mention) -> bool:
    return first.start < second.end and second.start < first.end


def prep_objects(
    token: Token, preps: frozenset[str], deps: frozenset[str] = frozenset({"prep"})
) -> list[Token]:
    """The objects of the token's own prepositions in ``preps`` ("the acquisition of Y": Y);
    ``deps`` adds spaCy's other names for them ("dative" for the "to" of "sell Y to Z")."""
    return [
        g
        for c in token.children
        if c.dep_ in deps and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def governing_verb(token: Token) -> Token:
    """The nearest verb up from ``token`` (itself if it is one; the root if none is)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def child_with(token: Token, deps: Collection[str]) -> Token | None:
    found = [child for child in token.children if child.dep_ in deps]
    if len(found) > 1 and all(child.dep_ in ANY_SUBJECT_DEPS for child in found):
        # "online store Gemlo acquired ...", "Rosella (the largest agency) acquired ...":
        # two subjects are a misparse of a name and its description; the name is the subject
        named = [child for child in found if child.ent_type_ in {"ORG", "PRODUCT"}]
        if named:
            # ("Growth ... In 2017, Cinevale launched": a heading and the name, the name
            # next to the verb)
            return min(named, key=lambda child: abs(token.i - child.i))
    return found[0] if found else None


def subject_read_as_apposition(trigger: Token, clause: Token) -> Token | None:
    """The apposition the parser made of a clause's subject when a comparison opens the
    sentence: "Compared to X, Y has ..." parsed with Y an apposition of X."""
    if trigger.i > clause.i:
        return None
    for token in trigger.subtree:
        if token.dep_ == "appos" and token.right_edge.i < clause.i:
            between = token.doc[token.right_edge.i + 1 : clause.i]
            if all(t.dep_ in {"aux", "auxpass", "neg", "advmod"} for t in between):
                return token
    return None


def ranked(token: Token) -> bool:
    """ "the third largest toy retailer", "one of the oldest manufacturers", "is the fifth
    largest": a noun, or a verb's complement, placed in a ranking."""
    nouns = [token] if token.pos_ in {"NOUN", "PROPN", "NUM", "PRON", "ADJ"} else []
    for child in token.children:
        if child.dep_ in {"attr", "oprd", "acomp"}:
            nouns.append(child)
        elif child.dep_ == "prep" and child.lower_ in {"into", "as"}:
            nouns.extend(c for c in child.children if c.dep_ == "pobj")
    for noun in list(nouns):
        if noun.lower_ == "one":  # "one of the oldest"
            nouns.extend(g for c in noun.children if c.lower_ == "of" for g in c.children)
    return any(
        word.tag_ in {"JJS", "RBS"} or word.lower_ in ORDINALS
        for noun in nouns
        for modifier in (noun, *noun.children)
        if modifier.i == noun.i or modifier.dep_ in {"amod", "advmod", "nummod"}
        for word in (modifier, *modifier.children)
    )


def counted_in_group(verb: Token) -> bool:
    """ "X is one of the three major retailers", "X was among the leading film studios", "X
    became one of the largest ...": the clause puts its subject in a group of peers."""
    for clause in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
        if clause.lemma_.lower() not in COPULAS | {"grow", "rank", "consider"}:
            continue
        for child in clause.children:
            if child.dep_ == "xcomp" and counted_in_group(child):
                return True
            # "one of the big three", "the smallest of the three public banks"
            if child.dep_ in {"attr", "oprd"} and (child.lower_ == "one" or child.tag_ == "JJS"):
                groups = [g for c in child.children if c.lower_ == "of" for g in c.children]
                if not groups:
                    continue
            elif child.dep_ == "prep" and child.lower_ in {"among", "amongst"}:
                groups = [g for g in child.children if g.dep_ == "pobj"]
            else:
                continue
            # co-investors, co-founders and fellow members are no rivals
            return not any(g.lemma_.lower() in FELLOW_NOUNS for g in groups)
    return False


def held_instances(trigger: Token) -> bool:
    """ "manages clients", "had shareholders", "a roster of clients": the noun, in the plural,
    is what its clause's subject has, not what the subject is ("became a client of X")."""
    if trigger.tag_ != "NNS":
        return False
    if trigger.dep_ == "dobj":
        return governing_verb(trigger).lemma_.lower() not in DEAL_VERBS
    return (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ not in {"as", "among"}
        and (trigger.head.lower_ != "of" or trigger.head.head.pos_ == "NOUN")
    )


def object_of_complement(token: Token) -> bool:
    """A relative pronoun the parser made the object of a verb whose infinitive has no object
    of its own: "the OS which X and Y teamed up to push" (pushed, not teamed up)."""
    if token.dep_ != "dobj" or token.tag_ not in {"WDT", "WP"}:
        return False
    return any(
        c.dep_ == "xcomp" and c.i > token.head.i and not any(g.dep_ == "dobj" for g in c.children)
        for c in token.head.children
    )
