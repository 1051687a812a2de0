"""Arbitration: one edge per pair, retyping, the person policy and uncertain deals.

What decides is in the rules' fields: ``overrides:`` (an edge of the rule drops edges of the
listed types between the same pair), ``unless:`` with a sentence veto (``one_is_buyer``,
``said_otherwise``) and ``retype:``; the code here only applies them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..canonical import LEGAL_WORDS, Canonicalizer
from ..records import Mention
from .conditions import RETYPE_CONDITIONS
from .fillers import Filler
from .schema import Rule
from .words import COMPANY_NAME_ENDS

# Deals the text says fell through or are only talked about: not facts of the default graph.
UNCERTAIN_STATUSES = frozenset({"terminated", "rumoured"})

Found = tuple[Any, ...]  # (head, type, tail, rule, trigger, penalty, status)


def _pair(item: Found) -> frozenset[str]:
    return frozenset((item[0].name, item[2].name))


def _own_type(item: Found) -> bool:
    """The edge has its rule's own type (no ``retype:`` applied)."""
    return bool(item[1] == item[3].type)


def one_per_pair(found: Iterable[Found]) -> list[Found]:
    """Cue rules only speak where the grammatical rules are silent: a pair the grammar links in
    this sentence gets no cue edge, and a pair only cues link gets the one best cue's type."""
    found = list(found)
    grammatical = [item for item in found if item[3].kind != "cue"]
    linked = {_pair(item) for item in grammatical}
    # a word the grammar already read ("backed by X") says nothing more as a cue
    read = {item[4].i for item in grammatical}
    best: dict[frozenset[str], Found] = {}
    for item in found:
        if item[3].kind != "cue":
            continue
        pair = _pair(item)
        # a cue that pairs only the names its noun itself gives ("a venture of A and B") reads
        # the word for another pair than the grammar did
        if pair in linked or (item[4].i in read and "named_pair" not in item[3].options):
            continue
        if pair not in best or cue_rank(item) > cue_rank(best[pair]):
            best[pair] = item
    # "X and Y signed an agreement under which X will acquire Y": the buyer and the bought
    # are parties to a deal, not partners (``overrides:``)
    overridden = {
        (_pair(item), relation_type)
        for item in grammatical
        if _own_type(item)
        for relation_type in item[3].overrides
    }
    buyers = {item[0].name for item in grammatical if item[3].deal and _own_type(item)}
    # a comparison gives way to what the grammar says otherwise of the pair
    said = {(_pair(item), item[1]) for item in grammatical if item[3].kind not in {"cue", "peer"}}
    return [
        item
        for item in [*grammatical, *best.values()]
        if (_pair(item), item[1]) not in overridden
        and not ("one_is_buyer" in item[3].unless and len(set(_pair(item)) & buyers) == 1)
        and not (
            "said_otherwise" in item[3].unless
            and any(pair == _pair(item) and kind != item[3].type for pair, kind in said)
        )
    ]


def cue_rank(item: Found) -> tuple[float, int]:
    head, _, tail, rule, trigger, penalty, _ = item
    # the surer rule, then the trigger nearer the pair
    distance = min(abs(trigger.idx - head.start), abs(trigger.idx - tail.start))
    return (rule.confidence - penalty, -distance)


def retyped(rule: Rule, head: Filler, tail: Filler) -> tuple[str, Mention, Mention]:
    """The edge's type and ends after the rule's ``retype:`` entries, applied in order."""
    relation_type, first, second = rule.type, head.mention, tail.mention
    for retype in rule.retypes:
        if retype.source is not None and retype.source != relation_type:
            continue
        if RETYPE_CONDITIONS[retype.when](head, tail):
            relation_type = retype.to
            if retype.reverse:
                first, second = second, first
    return relation_type, first, second


# People are in the graph for what they do to companies: buy them, invest in them, found them.
PERSON_HEAD_TYPES = frozenset({"ACQUIRED", "INVESTS_IN", "FOUNDED"})


def person_ok(head: Mention, relation_type: str, tail: Mention, rule: Rule) -> bool:
    if tail.label == "Person":
        return False
    return head.label != "Person" or (relation_type in PERSON_HEAD_TYPES and rule.kind != "cue")


# Last words that make a name a company's ("Acme Corp", "Lumen Group"): never "named".
_COMPANY_ENDS = LEGAL_WORDS | COMPANY_NAME_ENDS


def label_ok(mention: Mention, wanted: str, gazetteer: Canonicalizer) -> bool:
    """Whether a mention has the label a rule wants at one end. "named": a Product, or an
    organisation the text does not name as a company (by a legal form, or a last word such as
    "Group") and the gazetteer (the packaged one and the user's) does not know as one."""
    if wanted == "named":
        words = mention.text.replace(",", " ").split()
        return mention.label == "Product" or (
            mention.label == "Organization"
            and bool(words)
            and words[-1].rstrip(".").lower() not in _COMPANY_ENDS
            and gazetteer.known_label(mention.name) != "Organization"
        )
    return wanted == "any" or mention.label == wanted
