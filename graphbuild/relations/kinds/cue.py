"""Role finder of ``cue`` rules."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ...lexicon import ACTIVE_SUBJECT_DEPS, ANY_SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS
from ...records import Mention
from ..fillers import DocContext, Filler, Roles, loosen
from ..kinds.common import implicit_agent
from ..modality import unasserted
from ..schema import Rule
from ..syntax import (
    child_with,
    governing_preposition,
    governing_verb,
    held_instances,
    list_head,
    overlaps,
    own_clause,
    platform_modifier,
)
from ..words import (
    COPULAS,
    CUE_PREPS,
    DEAL_NOUNS,
    DECISION_NOUNS,
    EXAMPLE_PREPS,
    RECIPIENT_WORDS,
    ROUND_VERBS,
    SEQUENCE_PREPS,
)

# How far (in tokens) from its trigger a cue still links a name (or the list it is in).
CUE_REACH = 15


def rival_roles(context: DocContext, trigger: Token, rule: Rule) -> dict[str, list[Filler]] | None:
    """ "acquired by its rival Y", "when competitor Y accused X", "left X for rival Y": a
    rivalry noun before a name makes the name the rival of the owner, else of the clause's
    other company (its subject, else its object)."""
    named = trigger.head
    while named.i not in context.mention_at and named.dep_ == "compound" and named.pos_ == "NOUN":
        named = named.head  # "rival chip maker Y"
    if "rival_modifier" not in rule.options or trigger.i in context.mention_at:
        return None
    listed = names_right_after(context, trigger)
    if listed:
        # "against rivals Y and Z", "rivals Sweden's Y, China's Z": a bare plural followed by
        # the names it stands for
        named, rival = trigger, listed
    elif trigger.pos_ not in {"NOUN", "ADJ"} or trigger.dep_ not in {"amod", "compound"}:
        return None
    elif named.i in context.mention_at:
        rival = context.fillers(named)
    elif named.tag_ == "NNS" and (examples := context.examples_of(named)):
        rival = examples  # "against rival stores such as Y"
    else:
        return None
    # "its rival Y", "X's rival Y", "Zorbex competitor Y": whose rival, the owner
    owner = child_with(trigger, {"poss", "compound"}) or child_with(named, {"poss"})
    if owner is None and named.dep_ == "pobj" and named.head.head.pos_ == "NOUN":
        owner = child_with(named.head.head, {"poss"})  # "X's presence against rival stores"
    if owner is not None:
        return {"anchor": context.fillers(owner), "other": rival}
    clause = governing_verb(named)
    if unasserted(clause) and _negated(clause):
        return {}
    # (a hedge is on the clause's act, not on the rivalry: "has been seeking to buy rival Y")
    taken = {f.mention.name for f in rival}
    candidates = [
        f
        for deps in (ANY_SUBJECT_DEPS, {"dobj"})
        for f in context.fillers(child_with(clause, deps))
        if f.mention.name not in taken and f.mention.label != "Person"
    ]
    if not candidates and child_with(clause, ANY_SUBJECT_DEPS) is None:
        # "X has been seeking to buy rival Y": who acts for the clause
        candidates = [
            f
            for f in implicit_agent(context, clause, False)
            if f.mention.name not in taken and f.mention.label != "Person"
        ]
    # the nearest before the rival ("left X for rival Y"), else the first after it
    # ("competitor Y accused X")
    before = [f for f in candidates if f.mention.start < named.idx]
    chosen = max(before, key=lambda f: f.mention.start) if before else None
    if chosen is None and listed:
        return None  # "comparing to competitors Y and Z": whose, the clause's other words say
    if chosen is None and candidates:
        chosen = min(candidates, key=lambda f: f.mention.start)
    return {"anchor": loosen([chosen], 0.05), "other": rival} if chosen else {}


def names_right_after(context: DocContext, noun: Token) -> list[Filler]:
    """The names a bare plural noun ("rivals", not "its rivals", "the rivals") is followed by
    at once, a country's possessive before each allowed ("rivals Sweden's Y, China's Z"),
    however the parser hung them; else none."""
    if (
        noun.tag_ != "NNS"
        or noun.dep_ in {"amod", "compound"}
        or any(c.dep_ in {"det", "poss", "amod", "compound", "nummod"} for c in noun.children)
    ):
        return []
    start = noun.i + 1
    for token in noun.doc[start : start + 6]:
        mention = context.mention_at.get(token.i)
        if (
            mention is not None
            and token.left_edge.i == start
            and context.mention_at.get(token.head.i) is not mention
        ):
            owner = child_with(token, {"poss"})
            if owner is not None and owner.i in context.mention_at:
                return []  # "rivals Acme's Y": a product of Acme, not a rival named alone
            return context.fillers(token)
    return []


def _named_pair(context: DocContext, trigger: Token) -> Roles | None:
    """ "X, a venture of A and B", "a venture between A and B": the two names of the noun's
    own "of" (exactly two: "an alliance of A, B and C" lists members) or "between"."""
    if trigger.pos_ != "NOUN" or trigger.i in context.mention_at:
        return None
    for child in trigger.children:
        if child.dep_ != "prep" or child.lower_ not in {"of", "between"}:
            continue
        named = [f for f in context.pobj_fillers(child, 0) if f.mention.label != "Person"]
        if len(named) == 2 or (child.lower_ == "between" and len(named) > 2):
            # (an apposition describes its name whatever the clause says of it)
            if trigger.dep_ != "appos" and unasserted(governing_verb(trigger)):
                return None
            return {"anchor": named[:1], "other": named[1:]}
    return None


def _negated(clause: Token) -> bool:
    """Whether the clause, or a clause it hangs on, is negated."""
    token = clause
    for _ in range(4):
        if any(c.dep_ == "neg" for c in token.children):
            return True
        if token.head.i == token.i:
            break
        token = token.head
    return False


def cue_roles(
    context: DocContext, trigger: Token, exclude_preps: frozenset[str]
) -> tuple[dict[str, list[Filler]], Token] | None:
    """A trigger word anywhere in a clause: the clause's subject (the anchor) and the other
    names in the clause. Looser than the grammatical kinds, hence their lower confidence."""
    if trigger.pos_ == "VERB" and any(
        c.dep_ in PASSIVE_SUBJECT_DEPS | {"auxpass"} for c in trigger.children
    ):
        return None  # "Y was launched in 1979": Y is what was launched, not who launched
    # the nearest verb up from the trigger: its subject, else who acts for it
    clause = governing_verb(trigger)
    # "X's clients", "its parent", "Mavren parent company": the trigger's owner
    possessor = child_with(trigger, {"poss"})
    if possessor is None and trigger.dep_ in {"compound", "amod"}:
        possessor = child_with(trigger.head, {"poss"})  # "its parent company"
    owner = (
        context.fillers(possessor)
        if possessor is not None
        else [
            f
            for c in trigger.children
            if c.dep_ == "compound" and c.i in context.mention_at
            for f in context.fillers(c)
        ]
        # "the Lumen unit of Acme": a name before a noun whose "of" names the owner is the
        # noun's own name
        if not context.prep_fillers(trigger, frozenset({"of"}))
        else []
    )
    if possessor is not None and not owner:
        return None  # "its parent": whose, the mentions do not say
    subject = child_with(clause, ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    if (
        not owner
        and subject is not None
        and subject.left_edge.i <= trigger.i <= subject.right_edge.i
    ):
        return None  # "X, a partner firm, hired Y": the cue describes the subject itself
    anchor = context.fillers(subject)
    if not anchor and subject is not None:
        # "Its main competitors are ...", "X's clients include ..."
        anchor = context.fillers(child_with(subject, {"poss"}))
    if not anchor and subject is None:
        anchor = implicit_agent(context, clause, False)
    if (
        owner
        and (
            trigger.dep_ == "dobj"
            # "the purchase of Yukos' production unit by Rosneft"
            or (trigger.dep_ == "pobj" and trigger.head.head.lemma_.lower() in DEAL_NOUNS)
        )
        and clause.lemma_.lower() not in COPULAS
        and not {f.mention.name for f in owner} & {f.mention.name for f in anchor}
    ):
        return None  # "X purchased Y's division": X acts on Y's unit, X is not one
    # "a joint project between X and Y": the grammar names both ends
    holder = trigger.head if trigger.dep_ in {"amod", "compound"} else trigger
    between = [
        f
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ == "between"
        for f in context.pobj_fillers(c, 0)
    ]
    if len(between) >= 2:
        return {"anchor": between[:1], "other": between[1:], "owner": []}, clause
    # "investors including X", "customers such as X": instances of the trigger noun, as
    # if the anchor owned them ("its investors include X")
    examples = [
        f
        for c in trigger.children
        if c.dep_ == "prep"
        and c.lower_ in EXAMPLE_PREPS
        and (c.lower_ != "as" or context.such_as(c))
        for f in context.pobj_fillers(c, 0)
    ]
    if examples and not owner and anchor:
        if exclude_preps and governing_preposition(trigger) in exclude_preps:
            return None  # "shows for brands including X": clients, not products
        return {"anchor": anchor, "other": examples, "owner": anchor}, clause
    taken = {f.mention for f in (owner or anchor)}
    taken_names = {mention.name for mention in taken}
    # "a partnership with X", "competition from X": the trigger's own object is the other end
    named = [
        f
        for f in context.prep_fillers(trigger, CUE_PREPS)
        if f.mention not in taken
        and not any(overlaps(f.mention, a) for a in taken)
        and not _on_deal_noun(context, trigger, f.mention)
    ]
    if named:
        return {"anchor": anchor, "other": named, "owner": owner}, clause
    others: list[Filler] = []
    groups: set[int] = set()
    for token in _cue_clause(clause, trigger):
        mention = context.mention_at.get(token.i)
        if (
            mention is None
            or mention.label == "Person"
            or mention in taken
            or mention.name in taken_names  # "its" and "Sarnoff Corp"
            or token.i in context.coref_tokens
            or any(overlaps(mention, a) for a in taken)
        ):
            continue
        taken.add(mention)
        taken_names.add(mention.name)
        if platform_modifier(token):
            continue  # "released an iOS application": made for iOS
        if _negated_name(token):
            continue  # "a major non-Lumen supplier": anyone but Lumen
        if _on_deal_noun(context, trigger, mention):
            continue  # "its statement about its Lumen deal": the deal's, not the cue's
        if abs(list_head(token).i - trigger.i) > CUE_REACH or (
            exclude_preps and governing_preposition(token) in exclude_preps
        ):
            continue
        others.append(Filler(mention))
        groups.add(list_head(token).i)
    if len(groups) > 1:
        # several names, or lists, besides the anchor: a cue cannot tell which it is about
        return None
    return {"anchor": anchor, "other": others, "owner": owner}, clause


def _cue_clause(clause: Token, trigger: Token) -> Iterator[Token]:
    """The clause's own tokens, without an act of its own set within it, unless the trigger
    is in it: "found a fault at a subsidiary and launched an inquiry before informing Y",
    "launched an inquiry into whether Y received aid", "formed a group large enough to
    challenge Y" (Y is whom another act concerns; "a supplier of switching equipment to Y"
    keeps Y)."""
    outside = {
        t.i
        for c in clause.subtree
        if c.dep_ in {"pcomp", "xcomp"}
        and c.pos_ in {"VERB", "AUX"}
        and (c.dep_ == "xcomp" or c.head.lower_ in SEQUENCE_PREPS or _question(c))
        and c.i != clause.i
        and not (c.left_edge.i <= trigger.i <= c.right_edge.i)
        for t in c.subtree
    }
    return (t for t in own_clause(clause) if t.i not in outside)


def _opens_name(context: DocContext, trigger: Token) -> bool:
    """Whether the trigger opens a chain of nouns that ends in a name ("parent group Y"; not
    "its parent company Y", whose owner says what the name is to whom)."""
    token = trigger
    while token.dep_ == "compound" and token.head.i not in context.mention_at:
        if child_with(token, {"poss"}) is not None:
            return False
        token = token.head
    return (
        token is not trigger
        and token.dep_ == "compound"
        and token.head.i in context.mention_at
        and child_with(token, {"poss"}) is None
    )


def _negated_name(token: Token) -> bool:
    """Whether a name is written after "non-" ("non-Lumen supplier")."""
    doc = token.doc
    start = token.left_edge.i if token.dep_ == "compound" else token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].text[:1].isupper():
        start -= 1
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "non"


def _question(verb: Token) -> bool:
    """Whether a verb is a question with a subject of its own ("into whether Y received aid";
    not "with Y leading the round", where Y takes the cue's part)."""
    return any(c.dep_ == "mark" for c in verb.children) and any(
        c.dep_ in ANY_SUBJECT_DEPS for c in verb.children
    )


def _on_deal_noun(context: DocContext, trigger: Token, mention: Mention) -> bool:
    """Whether a name only modifies a deal noun other than the trigger ("its Lumen deal")."""
    for token in trigger.sent:
        if context.mention_at.get(token.i) is not mention:
            continue
        if (
            token.dep_ in {"compound", "nmod", "amod"}
            and token.head.i != trigger.i
            and context.mention_at.get(token.head.i) is not mention
            and token.head.lemma_.lower() in DEAL_NOUNS | DECISION_NOUNS
        ):
            return True
    return False


def sourced(
    trigger: Token, others: list[Filler], words: frozenset[str] = frozenset({"from", "by"})
) -> bool:
    """ "investment from X", "from investors including X", "a funding round headed by X": the
    trigger names where the money comes from (the names are in that phrase), so the clause's
    subject receives it. With ``words`` "to", "into": where the money goes."""
    phrase = trigger.head if trigger.dep_ in {"compound", "amod"} else trigger
    verb = governing_verb(phrase)
    # the phrase's own prepositions, those of a clause on it ("a round led by X") and those of
    # the verb it is the object of ("granted funding to Y")
    holders = [phrase, verb]
    if words != RECIPIENT_WORDS:
        holders.extend(c for c in phrase.children if c.dep_ == "acl")
    sources = [
        t
        for holder in holders
        for t in holder.children
        if t.dep_ in {"prep", "agent"} and t.lower_ in words
    ]
    head = trigger
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in words:
        sources.append(head.head)
    return bool(others) and any(
        all(
            source.left_edge.idx <= f.mention.start < source.right_edge.idx + len(source.right_edge)
            for f in others
        )
        for source in sources
    )


def joined_round(trigger: Token) -> bool:
    """ "led a round in Y", "took part in the seed round of Y": the trigger (or
    the noun it qualifies) is what the clause's subject leads or joins."""
    noun = trigger.head if trigger.dep_ in {"compound", "amod"} else trigger
    governor = noun.head
    if noun.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    return (
        noun.dep_ in {"dobj", "pobj"}
        and governor.pos_ in {"VERB", "AUX"}
        and governor.lemma_.lower() in ROUND_VERBS
    )


def find_roles(context: DocContext, rule: Rule, trigger: Token) -> Roles | None:
    """A trigger word anywhere in a clause. anchor: the clause's subject; other: the other
    names of the clause (or the trigger's own object, or its examples); owner: the trigger
    noun's possessor, which ``owner:`` makes the head or the tail."""
    rival = rival_roles(context, trigger, rule)
    if rival is not None:
        return rival
    if "named_pair" in rule.options:
        return _named_pair(context, trigger)
    if (
        # "Northgate Venture Partners" is no partnership
        trigger.i in context.mention_at
        # "its competing Lumen hypervisor": competing with whom, the clause does not say
        or trigger.head.i in context.mention_at
        # "threatened parent group Lumen Group": the word describes the name it opens
        or _opens_name(context, trigger)
    ):
        return None
    found = cue_roles(context, trigger, rule.exclude_preps)
    if found is None or unasserted(found[1]):
        return None
    # people take no part in cues ("funding from Keith Varga of Tessaly Ventures")
    roles = {
        role: [f for f in fillers if f.mention.label != "Person"]
        for role, fillers in found[0].items()
    }
    swapped = {"anchor": roles.get("other", []), "other": roles.get("anchor", [])}
    if rule.owner == "tail" and not roles.get("owner") and held_instances(trigger):
        # "X manages 70 clients, including Y", "it had 2000 shareholders, with major
        # parts owned by Y": the subject has them, so it is the one they are clients of
        return swapped
    if (
        "money_source" in rule.options
        and rule.head == "other"
        and not roles.get("owner")
        and joined_round(trigger)
    ):
        # "X led (participated in) a round of Y": the subject puts the money in
        return swapped
    if (
        "money_source" in rule.options
        and not roles.get("owner")
        and (
            # "Y received investment from investors including X": money comes from X
            (rule.head == "anchor" and sourced(trigger, roles.get("other", [])))
            # "X granted funding to Y": money goes to Y
            or (rule.head == "other" and sourced(trigger, roles.get("other", []), RECIPIENT_WORDS))
        )
    ):
        return swapped
    return roles
