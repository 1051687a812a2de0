"""One role finder per rule kind; each module's ``find_roles`` documents the roles it fills.

A role finder takes the document context, the rule and the trigger token and returns the fillers
of each role (``None`` when the trigger does not read as the rule's kind: wrong part of speech,
missing particle or object noun). The structural kinds read whole sentences instead.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..fillers import DocContext, Roles
from ..schema import Rule
from . import cue, event_noun, funding, listing, peer, relational_noun, verb

RoleFinder = Callable[[DocContext, Rule, Token], Roles | None]

ROLE_FINDERS: dict[str, RoleFinder] = {
    "verb": verb.find_roles,
    "funding": funding.find_roles,
    "listing_noun": listing.find_roles,
    "event_noun": event_noun.find_roles,
    "peer": peer.find_roles,
    "cue": cue.find_roles,
    "relational_noun": relational_noun.find_roles,
}

# The lemmas a kind can read, for the kinds that read only some words (others read any).
READ_LEMMAS: dict[str, frozenset[str]] = {"peer": peer.READ_LEMMAS}
