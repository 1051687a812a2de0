"""Role finder of ``relational_noun`` rules."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import ACTIVE_SUBJECT_DEPS, ANY_SUBJECT_DEPS
from ..fillers import DocContext, Filler, Roles, loosen
from ..schema import Rule
from ..syntax import child_with
from ..words import COPULAS


def relational_noun_roles(context: DocContext, noun: Token, rule: Rule) -> dict[str, list[Filler]]:
    """ "X is a rival of Y", "X, a rival of Y", "Y's rival X", "X's biggest rival - Y"."""
    objects = context.prep_fillers(noun, rule.preps) if rule.preps else []
    owner = child_with(noun, {"poss"})
    owner_fillers = context.fillers(owner)
    subjects: list[Filler] = []
    governor = noun.head
    if noun.dep_ in {"attr", "acomp", "oprd"} or (
        noun.dep_ == "dobj" and governor.lemma_ in COPULAS
    ):
        subjects = context.fillers(child_with(governor, ACTIVE_SUBJECT_DEPS))
        aim = governor.head
        if (
            not subjects
            and governor.dep_ == "xcomp"
            and aim.dep_ == "advcl"
            and child_with(aim, ANY_SUBJECT_DEPS) is None
        ):
            # "Aimed to be a rival to Y, X ...": the subject of the main clause
            subjects = loosen(context.fillers(child_with(aim.head, ACTIVE_SUBJECT_DEPS)), 0.05)
        if not objects:
            objects = context.prep_fillers(governor, rule.preps)
    elif noun.dep_ == "pobj" and governor.lower_ == "as":
        # "X serves as a partner of Y", "X was founded as a division of Y"
        # (with an object, the object is what it describes: "acquired Y as a unit of X")
        subjects = context.fillers(
            child_with(governor.head, {"dobj"}) or child_with(governor.head, ANY_SUBJECT_DEPS)
        )
        described = governor.head.head
        if not subjects and governor.head.dep_ == "acl" and described.dep_ == "attr":
            # "X was an online bank intended as an alternative to Y"
            subjects = loosen(
                context.fillers(child_with(described.head, ACTIVE_SUBJECT_DEPS)), 0.05
            )
    elif (
        noun.dep_ == "pobj"
        and governor.lower_ in {"among", "of"}
        and governor.head.dep_ in {"attr", "nsubj"}
    ):
        # "Citrix was among the first members", "one of the original creators of OpenStack"
        holder = governor.head
        subjects = (
            context.fillers(child_with(holder.head, ACTIVE_SUBJECT_DEPS))
            if holder.dep_ == "attr"
            else []
        )
    elif noun.dep_ == "appos":
        subjects = loosen(context.described_by(noun), 0.05)
    elif noun.dep_ in {"compound", "amod"}:
        subjects = context.fillers(governor)  # "rival VMware", "a foundation responsible for X"
    appositions = [
        f for c in noun.children if c.dep_ in {"appos", "nmod"} for f in context.fillers(c)
    ]
    if owner_fillers:
        if not subjects:
            subjects = appositions
        objects = objects or owner_fillers
    elif appositions and not subjects:
        subjects = appositions
    if objects:
        # "a competitor for OpenStack and VMware, as well as Eucalyptus": the parser joins
        # the last of the list to the noun itself
        objects = objects + [
            f
            for c in noun.children
            if c.dep_ == "conj" and c.i in context.mention_at
            for f in loosen(context.fillers(c), 0.1)
        ]
    return {"subject": subjects, "object": objects}


def find_roles(context: DocContext, rule: Rule, trigger: Token) -> Roles | None:
    """A noun of a relation ("X is a rival of Y", "X, a rival of Y", "Y's rival X"). subject:
    what the noun is said of; object: the object of one of ``preps``, or the possessor."""
    return relational_noun_roles(context, trigger, rule)
