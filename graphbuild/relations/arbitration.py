"""Arbitration: one edge per pair, person policy, uncertain deals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..canonical import LEGAL_WORDS, default_canonicalizer
from ..records import Mention
from .schema import Rule

# Deals the text says fell through or are only talked about: not facts of the default graph.
UNCERTAIN_STATUSES = frozenset({"terminated", "rumoured"})


def one_per_pair(found: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Cue rules only speak where the grammatical rules are silent: a pair the grammar links in
    this sentence gets no cue edge, and a pair only cues link gets the one best cue's type."""
    found = list(found)
    linked = {frozenset((item[0].name, item[2].name)) for item in found if item[3].kind != "cue"}
    # a word the grammar already read ("backed by X") says nothing more as a cue
    read = {item[4].i for item in found if item[3].kind != "cue"}
    best: dict[frozenset[str], tuple[Any, ...]] = {}
    for item in found:
        if item[3].kind != "cue":
            continue
        pair = frozenset((item[0].name, item[2].name))
        if pair in linked or item[4].i in read:
            continue
        if pair not in best or cue_rank(item) > cue_rank(best[pair]):
            best[pair] = item
    # "X and Y signed an agreement under which X will acquire Y": the buyer and the bought
    # are parties to a deal, not partners; "works with clients including Y": a client, not a
    # partner
    dealt = {
        frozenset((item[0].name, item[2].name))
        for item in found
        if item[1] in {"ACQUIRED", "USES"} and item[3].kind != "cue"
    }
    # "X reached agreement with Y to acquire Z": the seller is X's counterparty
    buyers = {item[0].name for item in found if item[1] == "ACQUIRED" and item[3].kind != "cue"}
    # a comparison ("unlike X", "after X") gives way to what the grammar says otherwise of
    # the pair
    said = {
        frozenset((item[0].name, item[2].name))
        for item in found
        if item[3].kind not in {"cue", "peer"} and item[1] != "COMPETES_WITH"
    }
    return [
        item
        for item in [*(item for item in found if item[3].kind != "cue"), *best.values()]
        if not (item[3].kind == "peer" and frozenset((item[0].name, item[2].name)) in said)
        and not (
            item[1] == "PARTNERS_WITH"
            and (
                frozenset((item[0].name, item[2].name)) in dealt
                # (co-buyers are partners: "X and Y formed a venture to acquire Z")
                or (
                    item[3].id in {"partners.agreement", "partners.event"}
                    and len({item[0].name, item[2].name} & buyers) == 1
                )
            )
        )
    ]


def cue_rank(item: tuple[Any, ...]) -> tuple[float, int]:
    head, _, tail, rule, trigger, penalty, _ = item
    # the surer rule, then the trigger nearer the pair
    distance = min(abs(trigger.idx - head.start), abs(trigger.idx - tail.start))
    return (rule.confidence - penalty, -distance)


# People are in the graph for what they do to companies: buy them, invest in them, found them.
PERSON_HEAD_TYPES = frozenset({"ACQUIRED", "INVESTS_IN", "FOUNDED"})


def person_ok(head: Mention, relation_type: str, tail: Mention, rule: Rule) -> bool:
    if tail.label == "Person":
        return False
    return head.label != "Person" or (relation_type in PERSON_HEAD_TYPES and rule.kind != "cue")


def same_company(first: str, second: str) -> bool:
    """ "Caesars World" and "Caesars": one name's words within the other's."""
    words_first, words_second = set(first.lower().split()), set(second.lower().split())
    return words_first <= words_second or words_second <= words_first


def label_ok(mention: Mention, wanted: str) -> bool:
    if wanted == "named":
        # a Product, or an organisation the text does not name as a company and the gazetteer
        # does not know as one
        words = mention.text.replace(",", " ").split()
        return mention.label == "Product" or (
            mention.label == "Organization"
            and bool(words)
            and words[-1].rstrip(".").lower() not in LEGAL_WORDS
            and default_canonicalizer().known_label(mention.name) != "Organization"
        )
    return wanted == "any" or mention.label == wanted
