"""Role finder of ``verb`` rules."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import ACTIVE_SUBJECT_DEPS, ANY_SUBJECT_DEPS, OBJECT_DEPS, PASSIVE_SUBJECT_DEPS
from ...nlp import default_lexicon
from ..fillers import DocContext, Filler, Roles, loosen, unit_filler
from ..kinds.common import (
    acting_fillers,
    followers,
    governing_subject,
    implicit_agent,
    misread_subject,
)
from ..schema import Rule
from ..syntax import (
    child_with,
    governing_verb,
    noun_read_verb,
    object_of_complement,
    prep_objects,
)
from ..words import (
    COPULAS,
    DEAL_NOUNS,
    DECISION_NOUNS,
    FUTURE_OR_MODAL,
    LEAD_VERBS,
    PARTICIPATION_NOUNS,
    TIME_PREPS,
)


def verb_roles(context: DocContext, verb: Token, rule: Rule) -> dict[str, list[Filler]]:
    # "Kudro.com partnered with HGTN" read as a noun phrase: the verb is the sentence's own
    headline = (
        verb.dep_ == "acl"
        and verb.head.i in context.mention_at
        and (
            verb.head.dep_ == "ROOT"
            # "QBC partnered with TV7 to serve ...": read as "QBC (partnered) to serve",
            # which leaves the sentence without a finite verb
            or (
                verb.head.dep_ == "nsubj"
                and verb.head.head.tag_ == "VB"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.head.head.children)
            )
        )
    )
    maker = _hyphen_agent(context, verb)
    if maker:
        # "the Halden-owned Lumen Labs", "a Halden-backed startup": the name before the
        # hyphen acts on what the participle describes
        modified = context.fillers(verb.head)
        return {
            "agent": maker,
            "patient": modified,
            "object": modified,
            "target": [],
            "theme": modified,
        }
    passive = any(
        c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in {"auxpass", "agent"} for c in verb.children
    ) or (verb.dep_ == "acl" and verb.tag_ == "VBN" and not headline)
    agent: list[Filler] = []
    patient: list[Filler] = []
    done_to_noun = (
        verb.dep_ == "acl"
        and verb.head.lemma_.lower() in rule.object_nouns
        and any(c.dep_ == "agent" for c in verb.children)
    )
    if (passive and "active_only" in rule.options) or done_to_noun:
        # (a participle on the object noun with its own agent, "a round led by X", names what
        # X did to the noun, not the rule's relation)
        return {"agent": agent, "patient": patient, "object": [], "target": [], "theme": []}
    deal = rule.deal
    if passive:
        patient = context.deal_fillers(child_with(verb, PASSIVE_SUBJECT_DEPS), verb, deal)
        agent = context.prep_fillers(verb, frozenset({"by"})) or [
            # "is funded in a large way by X": the parser hangs "by" on the manner phrase
            f
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ != "by"
            for g in c.children
            if g.dep_ == "pobj" and g.i not in context.mention_at
            for f in loosen(context.prep_fillers(g, frozenset({"by"})), 0.05)
        ]
        if not agent:
            # "Y was purchased and privatized by X": two participles right next to each other
            # share the agent after the second
            agent = [
                f
                for c in verb.children
                if c.dep_ == "conj"
                and c.tag_ == "VBN"
                and c.i == verb.i + 2
                and verb.doc[verb.i + 1].dep_ == "cc"
                for f in context.prep_fillers(c, frozenset({"by"}))
            ]
        if not agent:
            # "Y was set up in 2019 led by X": who led it
            agent = [
                f
                for c in verb.children
                if c.dep_ == "advcl" and c.tag_ == "VBN" and c.lemma_.lower() in LEAD_VERBS
                for f in loosen(context.prep_fillers(c, frozenset({"by"})), 0.05)
            ]
        if not patient and "used_by_possessor" in rule.options:
            # "X's software has been used by Y": Y uses what X makes
            used = child_with(verb, PASSIVE_SUBJECT_DEPS)
            if used is not None:
                patient = loosen(context.fillers(child_with(used, {"poss"})), 0.1)
    else:
        agent = acting_fillers(context, child_with(verb, ACTIVE_SUBJECT_DEPS)) or misread_subject(
            context, verb
        )
        if not agent and noun_read_verb(verb):
            # "QMA QGM purchases Orvell Sea Line" read as the noun "purchases" with its
            # subject as a compound
            agent = [
                f
                for c in verb.children
                if c.dep_ == "compound" and c.i in context.mention_at
                for f in context.fillers(c)
            ]
        if not agent and headline:
            agent = loosen(context.fillers(verb.head), 0.05)
        for child in verb.children:
            if child.dep_ in {"dobj", "dative"} and not object_of_complement(child):
                patient.extend(context.deal_fillers(child, verb, deal))
            elif child.dep_ == "xcomp" and child.i in context.mention_at:
                # "X acquires Halden Pictures": a name the parser read as a verb
                patient.extend(context.fillers(child))
            elif child.dep_ == "prt" and child.lower_ == rule.particle:
                # "X takes on Y, Z and W": the parser hangs the object on the particle
                patient.extend(context.pobj_fillers(child, 0))
    if (
        passive
        and not patient
        and verb.dep_ == "conj"
        # a passive of its own ("and is backed by X"), or one sharing the first verb's plain
        # auxiliary ("was based in Oslo and funded by X"), not its modal ("may be sold or
        # purchased by X")
        and (
            any(c.dep_ == "auxpass" for c in verb.children)
            or (verb.tag_ == "VBN" and _plain_passive(verb.head))
        )
    ):
        # "Y was founded in 2001 and is backed by X", "Y, which makes Z and is backed by X":
        # the first verb's subject, or what its relative clause is about
        first = verb
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        shared = child_with(first, ANY_SUBJECT_DEPS)
        if shared is not None and shared.tag_ not in {"WDT", "WP"}:
            patient = loosen(context.fillers(shared), 0.05)
        elif first.dep_ == "relcl":
            patient = loosen(context.fillers(first.head), 0.05)
    if passive and not patient:
        # "Y agreed to be acquired by X", "Y signed an agreement to be acquired by X": the
        # one that agreed is the one acquired
        patient = loosen(governing_subject(context, verb), 0.05)
    if (
        passive
        and not patient
        and verb.dep_ == "pcomp"
        and verb.head.lower_ in TIME_PREPS
        and verb.head.head.pos_ in {"VERB", "AUX"}
    ):
        # "After being acquired by X, Y became ...": the subject of the clause the phrase is in
        patient = loosen(context.fillers(child_with(verb.head.head, ANY_SUBJECT_DEPS)), 0.1)
    if passive and not patient and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        # "Y is in the process of being taken over by X": up to the clause Y is subject of
        governor = governing_verb(verb.head)
        subject = child_with(governor, ANY_SUBJECT_DEPS)
        if subject is None and governor.dep_ == "conj":
            subject = child_with(governor.head, ANY_SUBJECT_DEPS)
        patient = loosen(context.fillers(subject), 0.1)
    if (
        not patient
        and verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        # (not "acquisitions made by X, including Y": a deal is done, Y is not made)
        and verb.head.lemma_.lower() not in DEAL_NOUNS | DECISION_NOUNS
    ):
        described = verb.head
        if described.i not in context.mention_at and described.dep_ in {"attr", "appos"}:
            # "X is a consortium formed by A and B", "X, a consortium formed by A and B":
            # what the noun describes (not the group the noun's agents make up)
            if described.dep_ == "appos":
                patient = context.fillers(described.head)
            elif described.head.lemma_.lower() in COPULAS:
                patient = context.fillers(child_with(described.head, ACTIVE_SUBJECT_DEPS))
        if not patient:
            patient = context.fillers(verb.head)  # "the project founded by Halden"
            if _own_description(verb):
                # "A, founded in 2014, and B, founded by X": each conjunct's own participle
                own = context.mention_at.get(verb.head.i)
                patient = [f for f in patient if f.mention is own]
    if (
        not patient
        and not passive
        and verb.dep_ == "relcl"
        and agent
        and not any(c.dep_ in OBJECT_DEPS or c.tag_ in {"WDT", "WP"} for c in verb.children)
    ):
        # "Y, a business X acquired in 2006", "on Y, the site it bought in 2019"
        patient = context.fillers(verb.head) or described_name(context, verb.head)
    if not patient and not passive and not any(c.dep_ in OBJECT_DEPS for c in verb.children):
        # "Y, the site X snapped up, ..." read with X in apposition to the subject
        subject = child_with(verb, ACTIVE_SUBJECT_DEPS)
        noun = subject
        if subject is not None and subject.i in context.mention_at:
            noun = child_with(subject, {"appos"})
        named = child_with(noun, {"appos"}) if noun is not None else None
        if (
            noun is not None
            and noun.i not in context.mention_at
            and noun.pos_ == "NOUN"
            and named is not None
            and named.i in context.mention_at
        ):
            agent = context.fillers(named)
            patient = loosen(
                context.fillers(subject) if subject is not noun else described_name(context, noun),
                0.05,
            )
    if "product_owners" in rule.options and not passive:
        # "X's phones use Y's chips", "X uses chips made by Y": the makers stand for their
        # unnamed products
        if not agent:
            agent = _maker(context, child_with(verb, ACTIVE_SUBJECT_DEPS))
        if not patient:
            patient = _maker(context, child_with(verb, {"dobj"}))
    direct = list(patient)
    target = _target(context, verb, rule)
    patient.extend(target)
    if not agent and not passive:
        # "clouds built on it, including clouds at Pindle": the subject's examples
        agent = loosen(context.prep_fillers(verb, frozenset({"including"})), 0.1)
    if not patient and not passive and child_with(verb, {"dobj"}) is not None:
        # "X powers most big clouds, including that of Y": the unnamed object's examples
        patient = loosen(context.prep_fillers(verb, frozenset({"including"})), 0.1)
    if not agent:
        agent = implicit_agent(context, verb, passive)
    holder = verb.head
    if (
        not agent
        and verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and holder.lemma_.lower() in rule.object_nouns
        and holder.dep_ == "dobj"
    ):
        # "X regained the ground lost to Y": who holds the noun the participle describes
        governor = holder.head
        agent = loosen(
            acting_fillers(context, child_with(governor, ACTIVE_SUBJECT_DEPS))
            or implicit_agent(context, governor, False),
            0.1,
        )
    if "round_before" in rule.options and not passive and not patient:
        agent.extend(_round_before(context, verb, rule, patient))
    agent.extend(followers(context, verb))
    if not patient and "joins_topic" in rule.options and not passive:
        # "Corvane was among the first to sign up": joined what the text is about
        patient = loosen(context.topic_fillers(verb, labels=("Product", "Organization")), 0.2)
    # what moves: "merged Y into X" (the object), "Y merged into X" (the subject)
    # (only a named subject: "a unit of X will merge into Y" is how X takes Y over)
    subject = child_with(verb, ACTIVE_SUBJECT_DEPS)
    theme = direct or (
        context.fillers(subject)
        if not passive and subject is not None and subject.i in context.mention_at
        else []
    )
    return {
        "agent": agent,
        "patient": patient,
        "object": direct,
        "target": target,
        "theme": theme,
    }


def _round_before(
    context: DocContext, verb: Token, rule: Rule, patient: list[Filler]
) -> list[Filler]:
    """ "X raised $5m. Y led the round with participation of Z": a round (one of the rule's
    object nouns) that names no company of its own is the one the sentence before raised;
    its patient is that sentence's subject (added to ``patient``), and those taking part
    "with participation of" it act beside the subject (returned as more agents)."""
    round_noun = child_with(verb, {"dobj"})
    if (
        round_noun is None
        or round_noun.lemma_.lower() not in rule.object_nouns
        or any(c.dep_ == "prep" for c in round_noun.children)
    ):
        return []
    raised = context.previous_subject(verb, deps=ANY_SUBJECT_DEPS)
    if not raised:
        return []
    patient.extend(loosen(raised, 0.1))
    return [
        f
        for holder in (verb, round_noun)
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children
        if g.dep_ == "pobj" and g.lemma_.lower() in PARTICIPATION_NOUNS
        for f in loosen(context.prep_fillers(g, frozenset({"of", "from", "by"})), 0.1)
    ]


def _plain_passive(verb: Token) -> bool:
    """A passive verb with no modal or future auxiliary: "was based", not "may be sold"."""
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(
        c.dep_ == "aux" and c.lower_ in FUTURE_OR_MODAL for c in verb.children
    )


def _own_description(participle: Token) -> bool:
    """Whether another conjunct of the name a participle describes has a participle of its
    own: then each describes only its own name."""
    return any(
        c.dep_ == "acl" and c.i != participle.i
        for conjunct in participle.head.conjuncts
        for c in conjunct.children
    )


def _hyphen_agent(context: DocContext, verb: Token) -> list[Filler]:
    """The name joined by a hyphen to a participle that modifies a noun ("Halden-owned")."""
    if verb.dep_ != "amod" or verb.tag_ != "VBN" or verb.i < 2:
        return []
    if verb.doc[verb.i - 1].text != "-":
        return []
    name = verb.doc[verb.i - 2]
    if name.head.i != verb.i or name.i not in context.mention_at:
        return []
    return context.fillers(name)


def described_name(context: DocContext, noun: Token) -> list[Filler]:
    """The name a description stands beside: "Y, the site ..." (an apposition, or a name and a
    comma right before the description's first word)."""
    if noun.i in context.mention_at:
        return []
    if noun.dep_ == "appos":
        return context.fillers(noun.head)
    start = noun.left_edge.i
    if start >= 2 and noun.doc[start - 1].text == "," and start - 2 in context.mention_at:
        return context.fillers(noun.doc[start - 2])
    return []


def _target(context: DocContext, verb: Token, rule: Rule) -> list[Filler]:
    """The object of one of ``preps``, wherever the parser hangs it; in a deal, a described
    unit of a company ("will pay 410 mln dlrs for the flour business of Y")."""
    target = context.prep_fillers(verb, rule.preps)
    if (
        not target
        and verb.dep_ == "xcomp"
        and any(c.dep_ == "npadvmod" and c.i > verb.i for c in verb.head.children)
    ):
        # "agreed to sell its business, Lumen Ltd, to Y": a name set off by commas read as an
        # adverbial noun of the governing verb takes the preposition after it along
        target = [
            f
            for c in verb.head.children
            if c.dep_ == "prep" and c.i > verb.i and c.lower_ in rule.preps
            for f in context.pobj_fillers(c, 0)
        ]
    if not target and "to" in rule.preps:
        # "sold for $6 million last May to chip giant Y": the parser reads "to
        # chip" as an infinitive and the name as its object
        target = [
            f
            for c in verb.children
            if c.dep_ in {"advcl", "xcomp"}
            and c.pos_ in {"NOUN", "PROPN"}
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for f in context.fillers(child_with(c, {"dobj"}))
        ]
    if not target and "prep_on_object" in rule.options:
        # "produces shows for Tessaly TV": the parser hangs the preposition on the object
        for child in verb.children:
            if child.dep_ == "dobj":
                target.extend(context.prep_fillers(child, rule.preps))
            elif child.dep_ == "prep" and child.lower_ == "in":
                # "dropped X in favor of Y": the object noun of the verb's own "in"
                target.extend(
                    f
                    for noun in child.children
                    if noun.dep_ == "pobj" and noun.lemma_.lower() in rule.object_nouns
                    for f in context.prep_fillers(noun, rule.preps)
                )
    if rule.deal:
        # "will pay 410 mln dlrs for the flour business of Y"
        holders = [verb] + [
            c
            for c in verb.children
            if c.dep_ in OBJECT_DEPS and c.lemma_.lower() in rule.object_nouns
        ]
        units = [
            unit
            for holder in holders
            for g in prep_objects(holder, rule.preps, deps=frozenset({"prep", "dative"}))
            if (unit := unit_filler(context, g, verb)) is not None
        ]
        target = units or target
    if not target and "object_noun_owner" in rule.options:
        # "X makes up 4% of Y's top line", "X accounts for 4% of the revenue of Y"; "accepted
        # an offer from Y": the noun's own preposition among the rule's
        for noun in _object_nouns_below(verb, rule.object_nouns):
            target.extend(
                context.fillers(child_with(noun, {"poss"}))
                or context.prep_fillers(noun, frozenset({"of"}) | rule.preps)
            )
        return target
    if not target and rule.object_nouns:
        # "offer 3.20 dlrs a share in cash for Y", "signed an agreement with Y": the parser
        # hangs the preposition on the object noun
        for child in verb.children:
            if child.dep_ in OBJECT_DEPS and child.lemma_.lower() in rule.object_nouns:
                target.extend(context.prep_fillers(child, rule.preps))
    return target


# verbs of the maker of a named product ("chips made by Y"); not the entities' making_verbs
_MAKER_VERBS = frozenset({"make", "build", "design", "produce", "manufacture", "supply"})


def _maker(context: DocContext, noun: Token | None) -> list[Filler]:
    """Who makes an unnamed product ("Y's chips", "chips made by Y"), else none."""
    if (
        noun is None
        or noun.i in context.mention_at
        or noun.lower_ not in default_lexicon().product_nouns
    ):
        return []
    owner = child_with(noun, {"poss"})
    if owner is not None and owner.i in context.mention_at and owner.i not in context.coref_tokens:
        return loosen(context.fillers(owner), 0.1)
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.lemma_.lower() in _MAKER_VERBS:
            return loosen(context.prep_fillers(clause, frozenset({"by"})), 0.1)
    return []


def _object_nouns_below(verb: Token, nouns: frozenset[str]) -> list[Token]:
    """The rule's object nouns in the verb's object or prepositional phrases, through at most
    two prepositions ("makes up 4% of Y's revenue", "accounts for 4% of Y's sales")."""
    found: list[Token] = []
    frontier = [c for c in verb.children if c.dep_ in OBJECT_DEPS | {"prep"}]
    for _ in range(4):
        found.extend(t for t in frontier if t.lemma_.lower() in nouns and t.dep_ != "prep")
        frontier = [c for t in frontier for c in t.children if c.dep_ in {"prep", "pobj"}]
    return found


def find_roles(context: DocContext, rule: Rule, trigger: Token) -> Roles | None:
    """A verb, with the particle ("take over", "take X private") and the object noun ("enter
    into an agreement") the rule's patterns require. agent: the subject, or the "by" object of
    a passive; object: the direct object or passive subject; target: the object of one of
    ``preps``; patient: object or target; theme: what moves ("merged Y into X")."""
    return verb_roles(context, trigger, rule)
