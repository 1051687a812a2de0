"""Who acts when a clause has no subject of its own: shared by the role finders of every kind."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import ACTIVE_SUBJECT_DEPS, ANY_SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS
from ..fillers import DocContext, Filler, loosen
from ..modality import negated
from ..syntax import child_with
from ..words import (
    BID_WORDS,
    BOARD_NOUNS,
    CREDIT_WORDS,
    DECISION_NOUNS,
    FOLLOWER_VERBS,
    PROGRESS_NOUNS,
    PURPOSE_VERBS,
    SUPPORT_VERBS,
)


def acting_fillers(context: DocContext, subject: Token | None) -> list[Filler]:
    """The names a subject gives, or the company a board acts for ("X's board agreed")."""
    found = context.fillers(subject)
    if found or subject is None or subject.lemma_.lower() not in BOARD_NOUNS:
        return found
    return loosen(
        context.fillers(child_with(subject, {"poss"}))
        or context.prep_fillers(subject, frozenset({"of"})),
        0.05,
    )


def misread_subject(context: DocContext, verb: Token) -> list[Filler]:
    """ "In 2014 Acme joined ...": without a comma the parser takes the subject for the
    object of the opening "In"; a name right after the date is the subject."""
    if any(c.dep_ in ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in verb.children):
        return []
    for child in verb.children:
        if child.dep_ != "prep" or child.i != verb.sent.start or child.i > verb.i:
            continue
        for word in child.subtree:
            mention = context.mention_at.get(word.i)
            previous = word.doc[word.i - 1] if word.i > 0 else None
            if (
                mention is not None
                and word.idx == mention.start
                and previous is not None
                and (previous.like_num or previous.ent_type_ == "DATE")
            ):
                return [Filler(mention, 0.1)]
    return []


def governing_subject(context: DocContext, verb: Token) -> list[Filler]:
    """The subject of the verb an infinitive depends on, directly ("agreed to be bought")
    or through a decision noun ("signed an agreement to be bought")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    governor = verb.head
    if verb.dep_ == "acl" and governor.lemma_.lower() in DECISION_NOUNS:
        if governor.dep_ not in {"dobj", "pobj"}:
            return []
        governor = governor.head if governor.dep_ == "dobj" else governor.head.head
    elif verb.dep_ != "xcomp":
        return []
    if governor.pos_ not in {"VERB", "AUX"}:
        return []
    return context.fillers(child_with(governor, ACTIVE_SUBJECT_DEPS))


def implicit_agent(context: DocContext, verb: Token, passive: bool) -> list[Filler]:
    """Who acts when the clause has no subject of its own."""
    if passive:
        return []
    # "an agreement was announced for X to acquire Y": "for" introduces the subject of the
    # infinitive right after it
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        noun = verb.head
        while verb.dep_ == "acl" and noun.dep_ == "appos" and noun.head.i != noun.i:
            noun = noun.head
        if verb.dep_ == "acl" and noun.dep_ == "pobj" and noun.head.lower_ == "for":
            # "talks for X, a bakery chain based in Ohio, to acquire Y"
            return loosen(context.fillers(noun), 0.05)
        for holder in (verb.head, *verb.head.children):
            if (
                holder.dep_ == "prep"
                and holder.lower_ == "for"
                and holder.right_edge.i + 1 == verb.left_edge.i
            ):
                return loosen(context.pobj_fillers(holder, 0), 0.05)
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ == "of"
        and verb.head.head.lemma_.lower() in PROGRESS_NOUNS
        and verb.head.head.dep_ == "pobj"
    ):
        # "X is in the midst of buying Y": the subject of the clause the phrase is in
        governor = verb.head.head.head.head
        if governor.pos_ in {"VERB", "AUX"}:
            return loosen(acting_fillers(context, child_with(governor, ANY_SUBJECT_DEPS)), 0.1)
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ == "for"
        and verb.head.head.lemma_.lower() in CREDIT_WORDS
    ):
        # "X is best known for producing Y", "X, responsible for building Y": the one the
        # deed is credited to (the copula's subject, or the name the phrase describes)
        governor = verb.head.head
        if governor.dep_ in {"acomp", "oprd"}:
            governor = governor.head
        if negated(governor) or negated(verb.head.head):
            return []  # "X is not known for producing Y"
        if governor.dep_ in {"acl", "amod"}:
            return loosen(context.fillers(governor.head), 0.1)
        if governor.pos_ in {"VERB", "AUX"}:
            return loosen(context.fillers(child_with(governor, ANY_SUBJECT_DEPS)), 0.1)
        return []
    if verb.dep_ == "pcomp" and verb.head.lower_ in {"by", "through", "after", "via", "before"}:
        # "X expanded by acquiring Y", "after acquiring Y, X ...": the governor's subject
        governor = verb.head.head
        if governor.pos_ in {"VERB", "AUX"}:
            return loosen(context.fillers(child_with(governor, ANY_SUBJECT_DEPS)), 0.1)
    if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i:
        head = verb.head
        subject = child_with(head, ACTIVE_SUBJECT_DEPS)
        # "X competed with Y but broadened its range and competed with Z": up the chain
        while subject is None and verb.dep_ == "conj" and head.dep_ == "conj":
            head = head.head
            subject = child_with(head, ACTIVE_SUBJECT_DEPS)
        if subject is None and head.lemma_.lower() in PURPOSE_VERBS:
            # "X was founded to compete with Y": what was set up does it
            subject = child_with(head, PASSIVE_SUBJECT_DEPS)
        if subject is not None and (found := acting_fillers(context, subject)):
            return loosen(found, 0.1)
        named_object = child_with(head, {"dobj"})
        if verb.dep_ == "xcomp" and named_object is not None:
            # "the deal will enable X to compete with Y": the object does what follows
            return loosen(context.fillers(named_object), 0.1)
    if verb.dep_ == "relcl" and not any(c.dep_ in ACTIVE_SUBJECT_DEPS for c in verb.children):
        return context.fillers(verb.head)  # "the first users to sign on"
    if verb.dep_ == "acl":
        noun = verb.head
        if verb.tag_ == "VBG":  # "clouds running atop it"
            return context.fillers(noun)
        if noun.lemma_.lower() in BID_WORDS | {"proposal"}:
            # "an offer from X to buy Y", "its offer to buy Y": who made it (whoever
            # received or rejected it is the one sought)
            made = context.fillers(child_with(noun, {"poss"})) or context.prep_fillers(
                noun, frozenset({"from", "by"})
            )
            if not made and noun.dep_ == "dobj" and noun.head.lemma_ in SUPPORT_VERBS:
                made = loosen(context.fillers(child_with(noun.head, ACTIVE_SUBJECT_DEPS)), 0.05)
            return made
        if noun.lemma_.lower() in DECISION_NOUNS:
            owner = child_with(noun, {"poss"})
            if owner is not None:
                return context.fillers(owner)
            # "X entered into an agreement to acquire Y", "X signed a pact to buy Y"
            governor = noun.head
            # "signed a letter of intent to buy Y": up through the prepositions to the verb
            while governor.dep_ in {"prep", "pobj", "dobj"} and governor.pos_ not in {
                "VERB",
                "AUX",
            }:
                governor = governor.head
            if noun.dep_ in {"dobj", "pobj"} and governor.pos_ in {"VERB", "AUX"}:
                subject = child_with(governor, ACTIVE_SUBJECT_DEPS)
                if subject is None and governor.dep_ == "conj":
                    # "X widens its reach and signs a deal to acquire Y"
                    subject = child_with(governor.head, ACTIVE_SUBJECT_DEPS)
                if subject is not None:
                    # ("its board executed a letter of intent to acquire Y": the company)
                    return loosen(acting_fillers(context, subject), 0.05)
            return loosen(context.topic_fillers(verb), 0.25)
    return []


def followers(context: DocContext, verb: Token) -> list[Filler]:
    """ "X signed on, followed by the likes of Y and Z": Y and Z did it too."""
    found: list[Filler] = []
    holders = [verb]
    while holders[-1].head.i != holders[-1].i and len(holders) < 4:
        holders.append(holders[-1].head)
    for holder in holders:
        for child in holder.children:
            if (
                child.dep_ in {"advcl", "conj"}
                and child.lemma_.lower() in FOLLOWER_VERBS
                and child.i != verb.i
            ):
                found.extend(loosen(context.prep_fillers(child, frozenset({"by"})), 0.1))
    return found
