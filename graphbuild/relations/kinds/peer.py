"""Role finder of ``peer`` rules."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ...lexicon import ANY_SUBJECT_DEPS
from ..fillers import DocContext, Filler, Roles, loosen
from ..kinds.common import implicit_agent
from ..schema import Rule
from ..syntax import (
    child_with,
    counted_in_group,
    governing_verb,
    ranked,
    subject_read_as_apposition,
)
from ..words import BESIDE_PREPS, CONTENDER_NOUNS, MARKET_NOUNS, PEER_NOUNS

# A reading of a peer trigger: the names set beside the clause's subject and the clause; or,
# with a third item, the anchors themselves ("X and Y were among the bidders"); None: no reading.
Reading = tuple[list[Filler], Token, list[Filler] | None]


def _unlike(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    return compared_names(context, trigger), clause, None


def _opposed(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "as opposed to X", "compared to X", "in contrast to X"."""
    lower = trigger.lower_
    if lower == "contrast" and not (trigger.dep_ == "pobj" and trigger.head.lower_ == "in"):
        return None
    if any(c.dep_ == "nsubj" for c in trigger.children):
        return None  # "whose style she likened to that of Y": someone compares
    others: list[Filler] = []
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in {"to", "with"}:
            others = compared_names(context, child)
    return others, clause, None


def _similar(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "Very similar to X, Y was ...", "Similarly to X, Y offers ..." """
    others: list[Filler] = []
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            others = compared_names(context, child)
    if not others and trigger.i + 1 < len(trigger.doc):
        after = trigger.doc[trigger.i + 1]
        if after.lower_ == "to" and after.dep_ == "prep":
            others = compared_names(context, after)
    return others, clause, None


def _than(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "sells more phones than X", "not as large as X", "twice as many cars as X"."""
    lower, scale = trigger.lower_, trigger.head
    if (
        lower == "than"
        and scale.tag_ not in {"JJR", "RBR"}
        and not any(c.tag_ in {"JJR", "RBR"} for c in scale.children)
    ):
        return None
    # (not "broadcasters as diverse as X", which describes the broadcasters, nor
    # "as well as X", which adds to a list)
    if lower == "as" and (
        scale.dep_ == "amod"
        or context.ends_phrase("as well as", trigger)
        or not any(
            c.lower_ == "as" and c.dep_ == "advmod" and c.i < trigger.i for c in scale.subtree
        )
    ):
        return None
    return compared_names(context, trigger), clause, None


def _behind(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "the second largest retailer, behind X"."""
    if not ranked(trigger.head) and not ranked(clause):
        return None
    return compared_names(context, trigger), clause, None


def _along(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "one of the four big grocers along with X"."""
    return context.prep_fillers(trigger, frozenset({"with"})), clause, None


def _group_includes(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "one of the Big 5 bakers, which also included X"."""
    group = trigger.head
    # "one of the Big 5 bakers based in Dover, which also included X": the clause
    # the parser hung on the place is the group's
    while group.dep_ == "pobj" and group.head.head.dep_ == "acl":
        group = group.head.head.head
    clause = governing_verb(group)
    in_group = group.dep_ == "pobj" and group.head.lower_ == "of"
    if not (in_group and counted_in_group(clause)):
        return None
    return context.fillers(child_with(trigger, {"dobj"})), clause, None


def _other_kind(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "leaving that to other carriers such as X", "not interoperable with other systems
    (such as X)": companies of the subject's kind."""
    group = trigger.head
    if (
        group.tag_ != "NNS"
        or group.lemma_.lower() not in PEER_NOUNS
        # set beside the subject ("leaving that to other carriers", "like other
        # banks", "as other publishers were launching ..."), not what it deals with
        # ("considering proposals from other firms such as X")
        or not (
            (group.dep_ == "pobj" and group.head.lower_ in BESIDE_PREPS)
            or group.dep_ in ANY_SUBJECT_DEPS
        )
        # ("X, Y and other companies": X and Y are the list, not the subject's peers)
        or group.dep_ == "conj"
        # ("other Acme chains", "its other brands": one owner's, not rivals)
        or any(
            c.dep_ in {"compound", "poss", "nmod"}
            and (c.i in context.mention_at or c.tag_ == "PRP$")
            for c in group.children
        )
    ):
        return None
    # the examples given of them, not a name inside ("other Acme chains")
    others = [f for f in context.examples_of(group) if f.mention.label == "Organization"]
    clause = governing_verb(group)
    if group.dep_ in ANY_SUBJECT_DEPS and clause.dep_ == "advcl":
        # "X was started as many other publishers, Y among them, were starting ..."
        clause = clause.head
    subject = child_with(clause, ANY_SUBJECT_DEPS)
    if subject is not None and subject.i not in context.mention_at:
        return None  # ("its products are sold by other retailers such as X")
    return others, clause, None


def _market(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "a fragmented industry that includes X", "to compete in a market led by X"."""
    if trigger.lemma_.lower() == "include":
        others = context.fillers(child_with(trigger, {"dobj"}))
    else:
        others = context.prep_fillers(trigger, frozenset({"by"}))
    return others, governing_verb(trigger.head), None


def _contenders(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "X and Y were among the bidders for ...": the coordinated subjects vie."""
    if not (trigger.dep_ == "pobj" and trigger.head.lower_ in {"among", "of"}):
        return None
    bidders = context.fillers(child_with(governing_verb(trigger), ANY_SUBJECT_DEPS))
    if len(bidders) < 2:
        return None
    return bidders[1:], clause, bidders[:1]


def _the_other(context: DocContext, trigger: Token, clause: Token) -> Reading | None:
    """ "one of two such companies (the other being X)": an apposition, or the subject of a
    relative "being"."""
    being = [c for c in trigger.children if c.dep_ == "acl" and c.lower_ == "being"]
    if trigger.dep_ == "nsubj" and trigger.head.lower_ == "being":
        being = [trigger.head]
    if not being:
        return None
    clause = trigger.sent.root
    if not counted_in_group(clause):
        return None
    return context.fillers(child_with(being[0], {"attr"})), clause, None


def _is_include(trigger: Token) -> bool:
    return trigger.lemma_.lower() == "include" and trigger.dep_ == "relcl"


# The readings in the order they are tried (the first whose test holds decides), with the
# lemmas each serves: a peer rule's lemma that no reading serves would never give an edge, so
# the loader rejects it.
READINGS: tuple[
    tuple[frozenset[str], Callable[[Token], bool], Callable[..., Reading | None]], ...
] = (
    (frozenset({"unlike"}), lambda t: t.lower_ == "unlike" and t.dep_ == "prep", _unlike),
    (
        frozenset({"oppose", "compare", "contrast"}),
        lambda t: t.lower_ in {"opposed", "compared", "contrast"},
        _opposed,
    ),
    (frozenset({"similar", "similarly"}), lambda t: t.lower_ in {"similar", "similarly"}, _similar),
    (frozenset({"than", "as"}), lambda t: t.lower_ in {"than", "as"} and t.dep_ == "prep", _than),
    (
        frozenset({"behind", "after"}),
        lambda t: t.lower_ in {"behind", "after"} and t.dep_ == "prep",
        _behind,
    ),
    (
        frozenset({"along"}),
        lambda t: t.lower_ == "along" and counted_in_group(_clause_of(t)),
        _along,
    ),
    (
        frozenset({"include"}),
        lambda t: _is_include(t) and t.head.lemma_.lower() not in MARKET_NOUNS,
        _group_includes,
    ),
    (frozenset({"other"}), lambda t: t.lower_ == "other" and t.dep_ == "amod", _other_kind),
    (
        frozenset({"include", "dominate"}),
        lambda t: (
            t.lemma_.lower() in {"include", "dominate"}
            and t.dep_ in {"relcl", "acl"}
            and t.head.lemma_.lower() in MARKET_NOUNS
        ),
        _market,
    ),
    (
        frozenset(CONTENDER_NOUNS),
        lambda t: t.lemma_.lower() in CONTENDER_NOUNS and t.tag_ == "NNS",
        _contenders,
    ),
    (frozenset({"other"}), lambda t: t.lower_ in {"other", "others"}, _the_other),
)
READ_LEMMAS = frozenset().union(*(lemmas for lemmas, _, _ in READINGS))


def _clause_of(trigger: Token) -> Token:
    return governing_verb(trigger.head if trigger.pos_ == "VERB" else trigger)


def peer_roles(context: DocContext, trigger: Token) -> dict[str, list[Filler]]:
    """Companies set side by side: compared ("unlike X", "as opposed to X", "compared to
    X", "in contrast to X"), ranked ("the second largest retailer, behind X") or counted
    in one group ("one of the four big grocers along with X", "one of the Big 5
    bakers, which also included X", "one of two such companies (the other being X)")."""
    clause = _clause_of(trigger)
    reading = next((read for _, test, read in READINGS if test(trigger)), None)
    found = reading(context, trigger, clause) if reading is not None else None
    if found is None:
        return {}
    others, clause, anchors = found
    if anchors is not None:
        return {"anchor": anchors, "other": others}
    if not others:
        return {}
    return _anchored(context, trigger, clause, others)


def _anchored(
    context: DocContext, trigger: Token, clause: Token, others: list[Filler]
) -> dict[str, list[Filler]]:
    """The clause's subject as the anchor of the names set beside it."""
    subject = child_with(clause, ANY_SUBJECT_DEPS)  # "X was seen as one of the big three"
    holder = clause
    while subject is None and holder.dep_ in {"xcomp", "acomp"}:
        # "X could sell twice as many vans as Y", "X stores tend to be bigger"
        holder = holder.head
        subject = child_with(holder, ANY_SUBJECT_DEPS)
    anchor = context.fillers(subject)
    if subject is None and (misread := subject_read_as_apposition(trigger, clause)):
        # "Compared to X, Y has ...": the parser hung the subject Y on X
        anchor = context.fillers(misread)
        taken = {f.mention.start for f in anchor}
        others = [f for f in others if f.mention.start not in taken]
    if not anchor and subject is not None:
        # "X's outlets are larger than ...", "X outlets are larger than ..."
        owner = child_with(subject, {"poss"}) or child_with(subject, {"compound"})
        anchor = loosen(context.fillers(owner), 0.1)
    if not anchor and subject is None and clause.dep_ in {"advcl", "conj", "xcomp"}:
        anchor = implicit_agent(context, clause, False)
    if not anchor and clause.lemma_.lower() in {"turn", "make"}:
        anchor = context.fillers(child_with(clause, {"dobj"}))  # "turned X into the second largest"
    # peers are of one kind: a company with companies, a product with products ("the V8
    # is cheaper than Aston models" compares a product with its maker's)
    kinds = {f.mention.label for f in anchor}
    others = [f for f in others if f.mention.label in kinds and f.mention.label != "Person"]
    return {"anchor": anchor, "other": others}


def compared_names(context: DocContext, preposition: Token) -> list[Filler]:
    """The names a comparison is with: "unlike X", "to Orvell and Halden's technology",
    "after Tellvik Internet" (a name the model cut short)."""
    nouns = [c for c in preposition.children if c.dep_ == "pobj"]
    # "than Orvell's Asian cloud platform": the owner, not a word describing the thing
    owners = [
        f
        for noun in nouns
        if noun.i not in context.mention_at
        for f in context.fillers(child_with(noun, {"poss"}))
    ]
    found = loosen(owners, 0.1) or context.pobj_fillers(preposition, 0)
    for noun in nouns:
        if not found:
            owner = child_with(noun, {"poss"}) or child_with(noun, {"compound"})
            found = loosen(context.fillers(owner), 0.1)
        for clause in noun.children:
            if not found and clause.dep_ == "acl" and clause.tag_ == "VBN":
                # "than the formats used by X and Y"
                found = loosen(context.prep_fillers(clause, frozenset({"by"})), 0.1)
    return found


def find_roles(context: DocContext, rule: Rule, trigger: Token) -> Roles | None:
    """Companies compared, ranked or counted in one group. anchor: the clause's subject;
    other: the names it is set beside."""
    return peer_roles(context, trigger)
