"""Modality: whether a statement is asserted as a fact, and the status of a deal it states.

Tried, planned, hypothetical, conditional or denied statements are not facts; a deal that is
planned or weighed keeps a status instead ("announced", "rumoured", "terminated", ...).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import ANY_SUBJECT_DEPS
from .words import (
    AGREED_VERBS,
    BID_WORDS,
    CAUSATIVE_VERBS,
    COMPLETED_MODIFIERS,
    COMPLETED_VERBS,
    COPULAS,
    DECISION_NOUNS,
    DELIBERATION_WORDS,
    DISPOSAL_NOUNS,
    DISPOSAL_WORDS,
    FUTURE_OR_MODAL,
    HEDGE_MODALS,
    HEDGE_NOUNS,
    HEDGE_VERBS,
    INTENT_WORDS,
    NARRATIVE_ADVERBS,
    ONCE_WORDS,
    PAST_WORDS,
    PLANNED_MODIFIERS,
    PROGRESS_NOUNS,
    PROSPECT_MODIFIERS,
    REPORTING_VERBS,
    RUMOUR_NOUNS,
    SEEKING_VERBS,
    SHARE_NOUNS,
    SUPPORT_VERBS,
    TALK_NOUNS,
    TERMINATION_VERBS,
)


def narrated(verb: Token, modal: Token) -> bool:
    """ "X would later acquire Y": a history told from an earlier point, not a conditional."""
    return modal.lower_ == "would" and any(
        c.dep_ == "advmod" and c.lower_ in NARRATIVE_ADVERBS for c in verb.children
    )


def own_polarity(verb: Token) -> bool:
    """ "did not extend its deal and instead formed an alliance": a conjoined verb with a
    tense of its own is outside the first verb's negation or modal ("neither ... nor" is not)."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ in {"VBD", "VBZ"}
        and not any(c.dep_ == "preconj" for c in verb.head.children)
        and not any(c.dep_ == "cc" and c.lower_ in {"nor", "or"} for c in verb.head.children)
    )


def terms_of_a_deal(verb: Token) -> bool:
    """ "the deal under which X would acquire Y": the terms of a deal, not a hypothesis."""
    return (
        verb.dep_ == "relcl"
        and verb.head.lemma_.lower() in DECISION_NOUNS
        and not any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children)
    )


def negated(token: Token) -> bool:
    """ "did not join", "no longer sponsors": the token's own negation."""
    return any(
        c.dep_ == "neg"
        or (
            c.dep_ == "advmod"
            and c.lower_ == "longer"
            and any(g.lower_ == "no" for g in c.children)
        )
        for c in token.children
    )


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """Whether the token's lemma is one of ``words``; a present-tense verb is also tried without
    its "s", where the lemmatizer cut it too short ("hopes" read as "hop")."""
    return token.lemma_.lower() in words or (
        token.tag_ == "VBZ" and token.lower_.endswith("s") and token.lower_[:-1] in words
    )


def unasserted(clause: Token) -> bool:
    """Cues ask more than the grammatical rules: nothing up the clause's chain of governors may
    be negated, future or modal, conditional, or a hedging verb ("will push for a tighter
    relationship with X", "trying to have organisations pick up its competing Y")."""
    token = clause
    while True:
        for child in token.children:
            if (child.dep_ == "neg" or (child.lower_ == "longer" and negated(token))) or (
                child.dep_ in {"aux", "auxpass"}
                and child.lower_ in FUTURE_OR_MODAL
                and not narrated(token, child)
            ):
                return True
            if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
                return True
        if token.i != clause.i and lemma_in(token, HEDGE_VERBS):
            return True
        if token.head.i == token.i or own_polarity(token):
            return False
        token = token.head


def is_hedged(trigger: Token, *, deal: bool = False) -> bool:
    """Tried, planned, hypothetical, conditional or denied: not stated as a fact. A ``deal``
    that is planned or weighed is not hedged: its status says so."""
    token = trigger
    # "did not see problems with its bid" denies no bid: past a noun, negation is the noun's
    # governor's own business
    through_noun = False
    for _ in range(4):
        if not through_noun and any(
            c.dep_ == "det" and c.lower_ == "no" for c in token.children if token.pos_ == "NOUN"
        ):
            return True  # "X is no partner of Y", "has no stake in Y"
        for child in token.children:
            if (child.dep_ == "neg" or (child.lower_ == "longer" and negated(token))) and (
                not through_noun or token.lemma_.lower() in SUPPORT_VERBS
            ):
                return True
            if (
                child.dep_ == "aux"
                and child.lower_ in HEDGE_MODALS
                and not narrated(token, child)
                and not reported(token)
                and not (deal and terms_of_a_deal(token))
            ):
                return True
            if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
                return True
            if (
                not deal
                and child.dep_ == "mark"
                and child.lower_ == "for"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            ):
                # "it makes sense (is vital) for X to partner with Y": a for-to clause says
                # what would be, not what is (a deal so said keeps its status instead)
                return True
            if (
                not deal
                and token.i == trigger.i
                and child.dep_ == "advcl"
                and any(g.dep_ == "mark" and g.lower_ in {"if", "unless"} for g in child.children)
            ):
                return True  # "would only invest more in Y if he got a say": a condition
        if (
            token.i == trigger.i
            and token.pos_ in {"NOUN", "PROPN"}
            and (
                (
                    token.dep_ in {"dobj", "nsubjpass"}
                    and token.lemma_.lower() in SHARE_NOUNS
                    and token.head.lemma_.lower() in DISPOSAL_WORDS
                )
                or (
                    not deal
                    and token.dep_ in {"dobj", "nsubjpass", "nsubj"}
                    and token.head.lemma_.lower() in TERMINATION_VERBS
                )
            )
        ):
            # "sold its stake in X", "ended its sponsorship of X", "its sponsorship of X
            # ended": given up, not held (a deal called off keeps its status instead)
            return True
        if token.i == trigger.i and not deal:
            # (a modifier names the relation with its noun: "a joint venture", "rival firm")
            noun = token.head if token.dep_ in {"amod", "compound"} else token
            if noun.pos_ == "NOUN" and not_current(noun):
                return True
            if token.pos_ == "VERB" and any(
                # "announced a potential partnership with X": the verb's relation noun (a past
                # word there describes the object: "owns former building society Y")
                c.dep_ == "dobj" and prospect_or_past(c, past=False)
                for c in token.children
            ):
                return True
        if token.dep_ == "attr":
            # "is not (no longer) a member of X": the copula's negation, and no further
            return negated(token.head)
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in {"among", "amongst"}
            and token.head.head.lemma_.lower() in COPULAS
            and negated(token.head.head)
        ):
            # "is not among its members": the copula's negation, as for an attribute
            return True
        governor = token.head.lemma_.lower()
        hedging = (token.dep_ in {"xcomp", "ccomp"} and lemma_in(token.head, HEDGE_VERBS)) or (
            token.dep_ == "acl" and governor in HEDGE_NOUNS
        )
        if token.dep_ == "xcomp" and not hedging:
            # "it makes sense to donate X", "made an attempt to join X": the noun the
            # governing verb takes says the clause is only weighed or tried
            weighing = [
                c.lemma_.lower()
                for c in token.head.children
                if c.dep_ == "dobj" and c.lemma_.lower() in HEDGE_NOUNS
            ]
            hedging, governor = bool(weighing), (weighing or [governor])[0]
        if hedging and not (
            deal and governor in INTENT_WORDS | DELIBERATION_WORDS | BID_WORDS | TALK_NOUNS
        ):
            return True
        if (
            not deal
            and token.dep_ == "prep"
            and token.lower_ in {"about", "on", "over"}
            and token.head.lemma_.lower() in TALK_NOUNS
        ):
            # "in talks with Y over the sale of a stake in X": only talked about
            return True
        if not deal and token.i == trigger.i and token.dep_ == "acl" and token.tag_ == "VBN":
            # "a bid to win back share lost to X": a participle describing a noun states
            # what happened to it, whatever is tried with the noun
            break
        # "negotiations to have X join Y": a causative's clause is the causative's business
        causative = token.dep_ == "ccomp" and governor in CAUSATIVE_VERBS
        if (
            (token.dep_ not in {"xcomp", "conj", "acl", "pobj", "prep", "dobj"} and not causative)
            or token.head.i == token.i
            or own_polarity(token)
        ):
            break
        through_noun = through_noun or (
            token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"pobj", "dobj"}
        )
        token = token.head
    return False


def not_current(noun: Token) -> bool:
    """A relation noun that states no present fact: over ("a former unit of X", "X, once the
    owner of Y"), given up ("the sale of its stake in X"), only a prospect ("a possible
    alliance with X", "its proposed investment in X") or only sought ("plans a venture with
    X", "is seeking a partner").

    Deals are not read here: their status says what they are."""
    if prospect_or_past(noun):
        return True
    if noun.dep_ == "appos" and any(
        # "X, once the owner of Y": the adverb hangs on the name the noun describes
        c.dep_ == "advmod" and c.lower_ in ONCE_WORDS and noun.head.i < c.i < noun.i
        for c in noun.head.children
    ):
        return True
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in DISPOSAL_NOUNS
        and noun.lemma_.lower() in SHARE_NOUNS
        and any(c.dep_ == "poss" for c in noun.children)
    ):
        return True  # "the sale of its stake in X": the seller's stake, given up
    # "plans a joint venture with X", "sought a partnership with X", "quit the alliance"
    return noun.dep_ == "dobj" and lemma_in(noun.head, SEEKING_VERBS)


def prospect_or_past(noun: Token, *, past: bool = True) -> bool:
    """ "a former unit", "a possible alliance", "its proposed investment": the noun's own
    modifier says the relation is over (unless not ``past``) or only a prospect."""
    return any(
        c.dep_ in {"amod", "compound", "advmod"}
        and ((past and c.lower_.rstrip("-") in PAST_WORDS) or c.lower_ in PROSPECT_MODIFIERS)
        for c in noun.children
    )


def reported(verb: Token) -> bool:
    """ "X said it would buy Y" reports an announcement; "X would have bought Y" does not."""
    if any(c.lower_ == "have" and c.dep_ == "aux" for c in verb.children):
        return False
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS


def deal_status(trigger: Token) -> str | None:
    """Deal status from the words governing the trigger. A deal called off or only talked
    about anywhere up the chain is that, whatever else is said of it ("decided to terminate
    the letter under which X would have acquired Y"); otherwise the nearest word decides."""
    nearest: str | None = None
    token = trigger
    for _ in range(5):
        lemma = token.lemma_.lower()
        found: str | None = None
        if token.i != trigger.i or token.dep_ == "ROOT":
            if lemma in TERMINATION_VERBS or phrasal(token) in TERMINATION_VERBS:
                return "terminated"  # "blocked", "fell through", "turned down"
            if lemma in DELIBERATION_WORDS or lemma in RUMOUR_NOUNS:
                return "rumoured"
            if any(
                # "is reportedly planning to buy", "is in the running (in talks) to buy"
                (c.dep_ == "advmod" and c.lower_ in RUMOUR_NOUNS)
                or (
                    c.dep_ == "prep"
                    and c.lower_ == "in"
                    and any(g.lemma_.lower() in TALK_NOUNS for g in c.children if g.dep_ == "pobj")
                )
                for c in token.children
            ):
                return "rumoured"
            if token.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in ANY_SUBJECT_DEPS and c.pos_ == "NOUN" and c.lemma_.lower() in TALK_NOUNS
                for c in token.children
            ):
                return "rumoured"  # "talks were underway for X to acquire Y"
            if lemma in INTENT_WORDS or lemma in BID_WORDS:
                found = "announced"
            elif lemma in AGREED_VERBS:
                found = "agreed"
            elif lemma in COMPLETED_VERBS:
                found = "completed"
            elif lemma in PROGRESS_NOUNS and token.i != trigger.i:
                found = "pending"  # "in the process of being taken over", "in the midst of"
            elif lemma in {"announce", "say"} and token.i != trigger.i:
                # "X said it acquired Y" reports a done deal; "said it will" a pending one
                found = "completed" if is_past(trigger) else "announced"
        if found is None and (
            trigger.lemma_.lower() not in BID_WORDS
            and any(
                c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} and not narrated(token, c)
                for c in token.children
            )
        ):
            found = "pending"
        nearest = nearest or found
        if token.head.i == token.i:
            break
        token = token.head
    if nearest is not None:
        return nearest
    # "the proposed acquisition of Y", "the completed purchase of Y"
    modifiers = {c.lemma_.lower() for c in trigger.children if c.dep_ in {"amod", "compound"}}
    if modifiers & PLANNED_MODIFIERS:
        return "announced"
    if modifiers & {"pending"}:
        return "pending"
    if modifiers & COMPLETED_MODIFIERS:
        return "completed"
    if is_past(trigger):
        return "completed"
    if trigger.lemma_.lower() in BID_WORDS:
        return "announced"  # a bid made is an announced deal, not a done one
    return None


def phrasal(verb: Token) -> str:
    """A verb with its particle: "fall through", "turn down" ("" without one)."""
    # a particle, or an adverb right after the verb ("fell through"; not "turned upside down")
    particle = next(
        (c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1)),
        None,
    )
    return f"{verb.lemma_.lower()} {particle.lower_}" if particle is not None else ""


def is_past(verb: Token) -> bool:
    """Done: "acquired", "has acquired" (not "to be acquired", "will have acquired")."""
    if verb.tag_ not in {"VBD", "VBN"}:
        return False
    return not any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"will", "would", "to", "be", "'ll", "shall"}
        for c in verb.children
    )
