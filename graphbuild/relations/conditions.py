"""The named conditions a rule's fields refer to: ``unless:`` vetoes, ``retype:`` conditions and
``options:``.

A rule says in data when it does not apply and when its edge takes another type; the code here
only defines what each name means. The loader rejects a name that is not defined here, or one
that the rule's kind never reads, so a misspelt veto cannot silently switch a check off.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicon import ACTIVE_SUBJECT_DEPS
from ..nlp import default_lexicon
from ..records import Mention
from .syntax import POSITION, recipient_before
from .words import (
    ACTED_ON_PREPS,
    BID_WORDS,
    BODY_WORDS,
    BRAND_NOUNS,
    COPULAS,
    DEAL_NOUNS,
    EXAMPLE_PREPS,
    FELLOW_NOUNS,
    JOINING_VERBS,
    MONEY_NOUNS,
    MONEY_VERBS,
    PAST_WORDS,
    PORTION_NOUNS,
    ROUND_VERBS,
    SERVICE_VERBS,
    UNIT_NOUNS,
)

if TYPE_CHECKING:
    from .fillers import DocContext, Filler


def _transfer_to(context: DocContext, trigger: Token) -> bool:
    """ "sold the Ember Quest game to Lumen Labs": a transfer, not a maker's sale."""
    return bool(context.prep_fillers(trigger, frozenset({"to"})))


def _keeps_unit(context: DocContext, trigger: Token) -> bool:
    """ "X retains its Lumen division": it keeps what it owns."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in UNIT_NOUNS for c in trigger.children)


def _client_list(context: DocContext, trigger: Token) -> bool:
    """A list of the ones served, not of what is made: "produces for brands including X", "has
    served brands including X", "created shows for broadcasters, including X"."""
    if trigger.dep_ == "pobj" and trigger.head.lower_ in {"for", "with", "to", "through", "via"}:
        return True
    return (trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in SERVICE_VERBS) or any(
        c.dep_ == "prep" and c.lower_ in EXAMPLE_PREPS and recipient_before(c) is not None
        for c in trigger.children
    )


def _owns_brand(context: DocContext, trigger: Token) -> bool:
    """ "X owns the Lumen and Orvell brands": what X owns is a brand, a product of X's, not a
    company within it (a plural brand noun after a list is the list's: "the Lumen and Orvell
    stout brands" may be read as "Lumen" and "Orvell stout brands")."""
    return any(
        word.lemma_.lower() in BRAND_NOUNS and (word is c or word.tag_ == "NNS")
        for c in trigger.children
        if c.dep_ == "dobj"
        for word in (c, *c.conjuncts)
    )


_DEAL_OBJECTS = BID_WORDS | DEAL_NOUNS


@lru_cache(maxsize=1)
def _product_words() -> frozenset[str]:
    """Nouns of products, as lists and as a possessor's goods name them."""
    return default_lexicon().list_product_nouns | default_lexicon().product_nouns


def _deal_object(context: DocContext, trigger: Token) -> bool:
    """ "made an offer for Y", "made a bid for Y": the verb carries a deal, it makes nothing."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _DEAL_OBJECTS for c in trigger.children)


def _company_kind(context: DocContext, trigger: Token) -> bool:
    """ "investment company Tessaly": a kind of company, not an investment."""
    return trigger.dep_ == "compound" and trigger.head.lemma_.lower() in context.org_nouns


def _no_money(context: DocContext, trigger: Token) -> bool:
    """ "raised targets for its fields": a money verb whose object is no money."""
    return (
        trigger.pos_ == "VERB"
        and trigger.lemma_.lower() in MONEY_VERBS
        and not any(
            t.ent_type_ == "MONEY" or t.lemma_.lower() in MONEY_NOUNS or t.text == "$"
            for c in trigger.children
            if c.dep_ == "dobj"
            for t in c.subtree
        )
    )


def _not_a_body(context: DocContext, trigger: Token) -> bool:
    """ "the Orvell Council include X and Y", "the Brindle Alliance includes X": a body lists
    its members (a plural verb after a singular name says the name stands for its members);
    a company's or an index's list is no membership."""
    subject = next((c for c in trigger.children if c.dep_ in ACTIVE_SUBJECT_DEPS), None)
    if subject is not None and subject.tag_ in {"WDT", "WP"} and trigger.dep_ == "relcl":
        subject = trigger.head  # "the group, which include X and Y"
    mention = context.mention_at.get(subject.i) if subject is not None else None
    if subject is None or mention is None or mention.label != "Organization":
        return True
    body = bool(set(mention.name.lower().split()) & BODY_WORDS)
    # ("Notable MiniGames include ..." is a plural name, not a body)
    collective = (
        trigger.tag_ == "VBP" and subject.tag_ in {"NN", "NNP"} and not subject.lower_.endswith("s")
    )
    return not (body or collective)


def _fellows_named(context: DocContext, trigger: Token) -> bool:
    """ "X joins A and B as members of Y", "X joins existing members A and B", "X invested,
    joining previous investors A and B": the names are fellow members (or backers,
    investors), not what X joins nor what they invest in."""
    as_fellows = any(
        child.dep_ == "prep"
        and child.lower_ == "as"
        and role.lemma_.lower() in FELLOW_NOUNS
        and context.prep_fillers(role, frozenset({"of", "in", "to"}))
        for child in trigger.children
        for role in child.children
        if role.dep_ == "pobj"
    )
    # what is joined: the verb's object, or the role noun (or the name it modifies) that
    # triggers the rule
    joined = [c for c in trigger.children if c.dep_ == "dobj"]
    holder = trigger.head if trigger.dep_ == "compound" else trigger
    if holder.dep_ == "dobj" and holder.head.lemma_.lower() in JOINING_VERBS:
        joined.append(holder)
    return as_fellows or any(
        word.lemma_.lower() in FELLOW_NOUNS
        for noun in joined
        for word in (noun, *(c for c in noun.children if c.dep_ == "compound"))
    )


def _past_role(context: DocContext, trigger: Token) -> bool:
    """ "Former members include X", "its ex-partners", "its former portfolio companies": a
    role that is over."""
    # the noun the trigger word names the kind of ("portfolio companies") carries the word too
    holders = (trigger, trigger.head) if trigger.dep_ == "compound" else (trigger,)
    return any(
        c.dep_ in {"amod", "compound", "advmod"} and c.lower_.rstrip("-") in PAST_WORDS
        for holder in holders
        for c in holder.children
    ) or trigger.lower_.startswith("ex-")


def _money_received(context: DocContext, trigger: Token) -> bool:
    """ "secured investment from investors including X": money received, not holdings."""
    return any(
        c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by"}
        for holder in (trigger, trigger.head)
        for c in holder.children
    )


def _product_range(context: DocContext, trigger: Token) -> bool:
    """ "widen its product range, including X": a range of products, not of holdings."""
    products = _product_words()
    return any(
        c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in products
        for c in trigger.children
    )


def _not_by_unit(context: DocContext, trigger: Token) -> bool:
    """ "X's Lumen unit, which oversees Y": only a unit of a company that runs something makes
    it a company within the company (an agency that oversees Y does not own it)."""
    subject = next((c for c in trigger.children if c.dep_ in ACTIVE_SUBJECT_DEPS), None)
    if subject is not None and subject.tag_ in {"WDT", "WP"} and trigger.dep_ == "relcl":
        subject = trigger.head  # "the Lumen unit, which oversees Y"
    return subject is None or subject.lemma_.lower() not in UNIT_NOUNS


def _role_object(context: DocContext, trigger: Token) -> bool:
    """ "to broadcast partners such as X", "markets clients like X": the verb's object names
    a role others play (partners, clients, investors), never a thing made."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in FELLOW_NOUNS for c in trigger.children)


def _round_joined(context: DocContext, trigger: Token) -> bool:
    """ "X led the round with participation of Y", "X joined the round": the subject of a
    round it leads or joins is an investor, not the one that raised the money (a round "in
    Y" names that one)."""
    return (
        trigger.dep_ == "dobj"
        and trigger.head.lemma_.lower() in ROUND_VERBS
        and not any(
            c.dep_ == "prep" and c.lower_ in {"in", "into", "for"} for c in trigger.children
        )
    )


def _unit_acted_on(context: DocContext, trigger: Token) -> bool:
    """ "X is to offload its gaming division to Y", "X agreed to lend to an arm of Y", "X was
    the buyer of Y's division": the clause's subject acts on the unit, and the one it deals
    with is the buyer, seller or borrower, not the unit (being one: "X became a unit of Y",
    "X runs as a unit of Y")."""
    noun = trigger.head if trigger.dep_ in {"compound", "amod"} else trigger
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "of" and verb.head.dep_ == "attr":
        # "X was the buyer of Y's division" (not "X is the largest of Y's units", "X became
        # part of Y's division")
        return verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() not in PORTION_NOUNS
    if noun.dep_ == "pobj" and verb.lower_ in ACTED_ON_PREPS:
        verb = verb.head
    elif noun.dep_ != "dobj":
        return False
    return verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() not in COPULAS


def _in_products(context: DocContext, trigger: Token) -> bool:
    """ "invested $20m in Zephyr production", "an investment in the Zephyr product range":
    money put into making products (the name is a product or the maker's own brand), not a
    holding in a company."""
    products = _product_words()
    holder = trigger.head if trigger.dep_ in {"compound", "amod"} else trigger
    return any(
        g.dep_ == "pobj" and g.lemma_.lower() in products
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ in {"in", "into"}
        for g in c.children
    )


def _counted_object(context: DocContext, trigger: Token) -> bool:
    """ "will buy 20 new Zephyr 300": a count of a name bought is a number of units of a
    product (aircraft, engines), not a company."""
    return any(
        c.dep_ == "dobj"
        and c.i in context.mention_at
        and any(
            g.dep_ == "nummod"
            and g.like_num
            and g.i not in context.mention_at
            and g.ent_type_ not in {"MONEY", "PERCENT"}
            for g in c.children
        )
        for c in trigger.children
    )


def _noun_modifier(context: DocContext, trigger: Token) -> bool:
    """ "shareholder lawsuits", "shareholder worries over a bid": the word only qualifies a
    thing, it names no one's role ("investor group X" names a group of investors)."""
    head = trigger.head
    return (
        trigger.dep_ == "compound"
        and head.pos_ == "NOUN"
        and head.i not in context.mention_at
        and head.lemma_.lower() not in context.org_nouns
    )


# Checked on the trigger before its roles are read: true means the rule does not apply.
TRIGGER_VETOES: dict[str, Callable[[DocContext, Token], bool]] = {
    "transfer_to": _transfer_to,
    "keeps_unit": _keeps_unit,
    "owns_brand": _owns_brand,
    "deal_object": _deal_object,
    "client_list": _client_list,
    "company_kind": _company_kind,
    "no_money": _no_money,
    "not_a_body": _not_a_body,
    "not_by_unit": _not_by_unit,
    "fellows_named": _fellows_named,
    "product_range": _product_range,
    "past_role": _past_role,
    "money_received": _money_received,
    "role_object": _role_object,
    "round_joined": _round_joined,
    "unit_acted_on": _unit_acted_on,
    "in_products": _in_products,
    "counted_object": _counted_object,
    "noun_modifier": _noun_modifier,
}


# Checked on each head and tail the roles give: true means no edge for the pair.
PAIR_VETOES: dict[str, Callable[[Filler, Filler], bool]] = {
    # "founded by former developers from X": X, reached loosely, founded nothing
    "loose_head": lambda head, tail: head.penalty >= 0.15,
    # "X, a project of the Y Foundation" is hosted there; "a project of Y Corp" is Y's own work
    "tail_not_body": lambda head, tail: not (set(tail.mention.name.lower().split()) & BODY_WORDS),
}


def _same_company(head: Mention, tail: Mention) -> bool:
    """ "Lumen Group" and "Lumen": one name's words within the other's."""
    first, second = set(head.name.lower().split()), set(tail.name.lower().split())
    return first <= second or second <= first


# Checked on an edge that kept its rule's type, once the sentence's edges are arbitrated (the
# edge still takes part in arbitration): true means the edge is dropped.
EDGE_VETOES: dict[str, Callable[[Mention, Mention], bool]] = {
    # "financing to buy all Lumen shares" said by Lumen Group
    "same_company": _same_company,
}

# Checked against the other edges of the sentence (see arbitration.py).
SENTENCE_VETOES = {
    # "X reached agreement with Y to acquire Z": the seller is X's counterparty, not its
    # partner (co-buyers are partners: "X and Y formed a venture to acquire Z")
    "one_is_buyer": "exactly one of the pair is the buyer in a deal edge of the sentence",
    # "unlike X" gives way to what the grammar says otherwise of the pair
    "said_otherwise": "the grammar links the pair in the sentence with another type",
}


def _company_in_company(head: Filler, tail: Filler) -> bool:
    """ "Lumen Labs is part of the Orvell Group": a company within a company (a member of a
    foundation or association stays a part of it)."""
    return head.mention.label == tail.mention.label == "Organization" and not (
        set(tail.mention.name.lower().split()) & BODY_WORDS
    )


def _minority_stake(head: Filler, tail: Filler) -> bool:
    """ "bought a 20 pct stake in X": an investment, not a takeover."""
    return tail.share == POSITION


# When a ``retype:`` entry applies, given the head and tail fillers.
RETYPE_CONDITIONS: dict[str, Callable[[Filler, Filler], bool]] = {
    "tail_organization": lambda head, tail: tail.mention.label == "Organization",
    "company_in_company": _company_in_company,
    "minority_stake": _minority_stake,
    # "Lumen Labs's backers include X": a company is invested in; a foundation or a project
    # ("the Lumen Foundation's backers") is sponsored
    # "the Halvane Foundation's projects include X": a body's projects are part of it
    "head_body": lambda head, tail: bool(set(head.mention.name.lower().split()) & BODY_WORDS),
    "tail_company": lambda head, tail: (
        tail.mention.label == "Organization"
        and not set(tail.mention.name.lower().split()) & BODY_WORDS
    ),
    # "X will own 20 pct of Y": X invests in Y, Y is no subsidiary of X
    "share_held": lambda head, tail: bool(head.share),
}

# Ways of reading roles that only some rules want, and the kinds that read them.
OPTIONS: dict[str, frozenset[str]] = {
    # a capitalised object is a business, not goods ("bought Brantle Hardware from X")
    "object_not_named": frozenset({"verb"}),
    # "X's software has been used by Y": Y uses what X makes
    "used_by_possessor": frozenset({"verb"}),
    # "produces shows for Tessaly TV": the parser hangs the preposition on the object
    "prep_on_object": frozenset({"verb"}),
    # "X makes up 4% of Y's revenue": the other end owns the object noun (its possessor or
    # the object of its "of"), however deep the noun hangs
    "object_noun_owner": frozenset({"verb"}),
    # "X's phones use Y's chips", "X uses chips made by Y": the makers of unnamed products
    "product_owners": frozenset({"verb"}),
    # "X and Y lost ground", "X and Y lag behind": the verb says nothing between the names
    # it has in one role (a symmetric type pairs them otherwise: "X and Y compete")
    "one_sided": frozenset({"verb"}),
    # "Corvane was among the first to sign up": joined what the text is about
    "joins_topic": frozenset({"verb"}),
    # "X takes on Y" is rivalry, "Y was taken on by X" is hiring: active clauses only
    "active_only": frozenset({"verb"}),
    # "X raised $5m. Y led the round": a round named without its company is the one the
    # sentence before raised
    "round_before": frozenset({"verb"}),
    # "competition from Y forced X to close stores": the one pressed
    "pressed_party": frozenset({"event_noun"}),
    # "acquired by its rival Y", "left X for rival Y": a rivalry word before a name
    "rival_modifier": frozenset({"cue"}),
    # "X, a venture of A and B": only the two names the noun's "of" or "between" gives
    "named_pair": frozenset({"cue"}),
    # "Y received investment from X", "X granted funding to Y": where the money comes from
    "money_source": frozenset({"cue"}),
    # "Additional founding members include X" after a passage on a foundation: its members
    "owner_in_topic": frozenset({"listing_noun"}),
    # "X raised $20m in 2019. Other investors include A and B": a list that opens its
    # sentence with no owner belongs to the company the sentence before was about
    "owner_before": frozenset({"listing_noun"}),
}
