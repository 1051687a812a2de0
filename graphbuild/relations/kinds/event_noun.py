"""Role finder of ``event_noun`` rules."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import ACTIVE_SUBJECT_DEPS
from ..fillers import DocContext, Filler, Roles, loosen, unit_filler
from ..kinds.common import implicit_agent
from ..schema import Rule
from ..syntax import child_with, prep_objects
from ..words import (
    BID_WORDS,
    DECISION_NOUNS,
    NAMING_VERBS,
    PRESSING_VERBS,
    RECEIVING_VERBS,
    SUPPORT_VERBS,
)


def event_noun_roles(context: DocContext, noun: Token, rule: Rule) -> dict[str, list[Filler]]:
    agent = _own_agent(context, noun, rule)
    patient = _patient(context, noun, rule)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS:
        # "Rexlow said it got an offer from Nordane": the receiver is what is sought
        suitors = context.prep_fillers(noun, frozenset({"from"}))
        if suitors and not patient:
            agent = agent or suitors
            patient = loosen(context.fillers(child_with(noun.head, ACTIVE_SUBJECT_DEPS)), 0.05)
    if not agent:
        agent = _clause_agent(context, noun, rule)
    between = [
        f
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "between"
        for f in context.pobj_fillers(c, 0)
    ]
    if len(between) >= 2:
        agent, patient = between[:1], between[1:]
    # "the sale of Y to Z", "completed the sale of Y to Z", "the merger of Y into Z":
    # to whom it went
    target = context.prep_fillers(noun, frozenset({"to", "into"}))
    if not target and noun.dep_ == "dobj":
        target = context.prep_fillers(noun.head, frozenset({"to", "into"}))
    # what moves: "the merger of Y into Z", "its merger into Z"
    theme = patient or agent
    return {"agent": agent, "patient": patient, "target": target, "theme": theme}


def _own_agent(context: DocContext, noun: Token, rule: Rule) -> list[Filler]:
    """Who the noun itself names as acting: its possessor, its "by" object."""
    owner = child_with(noun, {"poss"})
    if owner is None:
        # "its 48 dlr per share bid for Y": the parser hangs the possessive on the price
        owner = next(
            (
                g
                for c in noun.children
                if c.dep_ in {"nmod", "compound", "amod"}
                for g in c.children
                if g.dep_ == "poss"
            ),
            None,
        )
    if owner is None:
        owner = stranded_possessor(context, noun)
    agent = context.fillers(owner)
    agent.extend(context.prep_fillers(noun, frozenset({"by"})))
    if not agent:
        # "the acquisition of Y in Dover, Delaware, by X": the parser hangs the agent on
        # the last noun of the object
        agent = [
            f
            for g in prep_objects(noun, rule.preps)
            for t in g.subtree
            if t.lower_ == "by" and t.dep_ in {"prep", "agent"} and t.head.pos_ != "VERB"
            for f in context.pobj_fillers(t, 0)
        ]
    if not agent and noun.dep_ == "dobj":
        # "X announced the acquisition of Y ... by Z": a "by" on an active verb is the
        # nominal's (the verb's own agent would be its subject)
        agent = [
            f
            for c in noun.head.children
            if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i
            for f in context.pobj_fillers(c, 0)
        ]
    return agent


def stranded_possessor(context: DocContext, noun: Token) -> Token | None:
    """A name with its "'s" right before the noun's phrase that the parser hung elsewhere:
    "after X's offer for A in May and Y's purchase of B" reads Y as a conjunct of "May"."""
    start = noun.left_edge.i
    if start < 1:
        return None
    case = noun.doc[start - 1]
    owner = case.head
    if case.dep_ != "case" or owner.i >= case.i or owner.dep_ == "poss":
        return None
    return owner if owner.i in context.mention_at else None


def _patient(context: DocContext, noun: Token, rule: Rule) -> list[Filler]:
    """What the event is done to: the object of one of ``preps`` (for a deal, a described unit
    of a company)."""
    patient = context.prep_fillers(noun, rule.preps)
    if not patient and noun.lemma_.lower() in BID_WORDS:
        # "its offer of 17 dlrs each for Y shares": the parser hangs "for" on the price
        patient = [
            f
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for t in c.subtree
            if t.dep_ == "prep" and t.lower_ in rule.preps
            for f in context.pobj_fillers(t, 0)
        ]
    if not patient and noun.lemma_.lower() in BID_WORDS and noun.dep_ == "dobj":
        # "extends its bid of N dlrs a share for N mln Y shares": or on the verb
        patient = [
            f
            for c in noun.head.children
            if c.dep_ == "prep" and c.lower_ in rule.preps and c.i > noun.i
            for f in context.pobj_fillers(c, 0)
        ]
    if not patient:
        # "the purchase of a firm called Y": the name the described thing is given
        patient = [
            f
            for g in prep_objects(noun, rule.preps)
            if g.i not in context.mention_at
            for clause in g.children
            if clause.dep_ == "acl" and clause.lemma_.lower() in NAMING_VERBS
            for named in clause.children
            if named.dep_ in {"oprd", "dobj", "attr"}
            for f in context.fillers(named)
        ]
    if not patient and noun.tag_ == "NNS":
        # "acquisitions made by X, including Y and Z": the ones it names
        patient = context.examples_of(noun)
    if rule.deal:
        # "the sale of its farm machinery division to Y"
        units = [
            unit
            for g in prep_objects(noun, rule.preps)
            if (unit := unit_filler(context, g, noun)) is not None
        ]
        patient = units or patient
    return patient


def _clause_agent(context: DocContext, noun: Token, rule: Rule) -> list[Filler]:
    """Who acts, from the clause around the noun: the subject of the verb that carries it
    ("X completed the acquisition of Y"), the "by" object of a passive or of a participle."""
    agent: list[Filler] = []
    if not agent and noun.dep_ in {"dobj", "pobj", "attr"}:
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        # "signed a definitive agreement for the acquisition of Y": up to the verb
        while (
            verb.pos_ not in {"VERB", "AUX"}
            and verb.lemma_.lower() in DECISION_NOUNS
            and verb.dep_ in {"dobj", "pobj"}
        ):
            verb = verb.head if verb.dep_ == "dobj" else verb.head.head
        if verb.pos_ in {"VERB", "AUX"} and (
            verb.lemma_ in SUPPORT_VERBS
            # "X grew through the acquisition of Y", "went on with the purchase
            # of Y": the means of what the subject did
            or (noun.dep_ == "pobj" and noun.head.lower_ in {"through", "with", "via"})
        ):
            subject = child_with(verb, ACTIVE_SUBJECT_DEPS)
            agent = context.fillers(subject)
            if subject is None and verb.dep_ == "advcl":
                # "Faced with competition from Y, X closed ...": the main clause's subject
                agent = implicit_agent(context, verb, False)
            agent = loosen(agent, 0.05)
    if (
        not agent
        and noun.dep_ == "nsubjpass"
        and noun.head.lemma_.lower() in (SUPPORT_VERBS | {"perform", "carry", "conduct", "execute"})
    ):
        # "a takeover of Y was performed (completed, announced) by X"
        agent = loosen(context.prep_fillers(noun.head, frozenset({"by"})), 0.05)
    if (
        not agent
        and noun.dep_ == "nsubj"
        and noun.head.lemma_.lower() in PRESSING_VERBS
        and "pressed_party" in rule.options
    ):
        # "competition from Y forced X to close stores": the one pressed
        agent = loosen(context.fillers(child_with(noun.head, {"dobj"})), 0.05)
    if (
        not agent
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "for"
        and noun.head.head.lemma_.lower() == "responsible"
    ):
        # "X has been responsible for the production of Y"
        agent = loosen(context.fillers(child_with(noun.head.head.head, ACTIVE_SUBJECT_DEPS)), 0.05)
    if not agent and noun.dep_ == "pobj" and noun.head.lower_ in {"in", "through", "via"}:
        # "X became a shareholder in Y in partnership with Z": X acts in partnership
        verb = noun.head.head
        if verb.pos_ in {"VERB", "AUX"}:
            agent = loosen(
                context.fillers(child_with(verb, ACTIVE_SUBJECT_DEPS))
                or implicit_agent(context, verb, False),
                0.05,
            )
    if not agent:
        # "the tender offer for Y launched this morning by X", "a bid made by X"
        # (or on its object: "the bid for all its stock launched by X")
        for holder in (noun, *prep_objects(noun, rule.preps)):
            for clause in holder.children:
                if (
                    clause.dep_ == "acl"
                    and clause.tag_ == "VBN"
                    and (holder is noun or clause.lemma_.lower() in SUPPORT_VERBS)
                ):
                    agent.extend(context.prep_fillers(clause, frozenset({"by"})))
    return agent


def find_roles(context: DocContext, rule: Rule, trigger: Token) -> Roles | None:
    """An event noun ("X's acquisition of Y", "the purchase of Y by X"). agent: the possessor
    or the "by" object; patient: the object of one of ``preps``; target: to whom it went ("the
    sale of Y to Z"); theme: what moves ("the merger of Y into Z")."""
    return event_noun_roles(context, trigger, rule)
