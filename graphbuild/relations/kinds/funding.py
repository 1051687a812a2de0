"""Role finder of ``funding`` rules."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import ACTIVE_SUBJECT_DEPS
from ..fillers import DocContext, Filler, Roles
from ..kinds.common import implicit_agent
from ..schema import Rule
from ..syntax import child_with
from ..words import ROUND_VERBS


def funding_roles(context: DocContext, verb: Token, rule: Rule) -> dict[str, list[Filler]]:
    """ "X closed a Series B round headed by Y", "X received funding from Y and Z": the one
    raising is the patient, the ones named with "from" or "led/backed by" the agents."""
    patient = context.fillers(child_with(verb, ACTIVE_SUBJECT_DEPS)) or implicit_agent(
        context, verb, False
    )
    holders = [verb, *(c for c in verb.children if c.dep_ in {"dobj", "prep", "pobj"})]
    holders.extend(g for c in holders[1:] for g in c.children if g.dep_ == "pobj")
    agent: list[Filler] = []
    for holder in holders:
        agent.extend(context.prep_fillers(holder, rule.preps))
        for clause in holder.children:
            if clause.dep_ in {"acl", "advcl", "relcl"} and clause.lemma_.lower() in ROUND_VERBS:
                agent.extend(context.prep_fillers(clause, frozenset({"by"})))
                if clause.lemma_.lower() == "include":
                    agent.extend(context.fillers(child_with(clause, {"dobj"})))
    return {"agent": agent, "patient": patient}


def find_roles(context: DocContext, rule: Rule, trigger: Token) -> Roles | None:
    """A verb of raising money with one of ``object_nouns`` ("raised a round"). patient: who
    raises; agent: those named with one of ``preps`` or as leading or backing the round."""
    return funding_roles(context, trigger, rule)
