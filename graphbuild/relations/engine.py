"""The extractor: applies a rule set to one parsed document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..lexicon import PASSIVE_SUBJECT_DEPS
from ..nlp import LABEL_NAMES, MENTIONS_KEY
from ..records import SYMMETRIC_TYPES, Document, Evidence, Mention, Relation
from .arbitration import UNCERTAIN_STATUSES, label_ok, one_per_pair, person_ok, same_company
from .fillers import DocContext
from .kinds.cue import cue_roles, rival_roles, sourced
from .kinds.event_noun import event_noun_roles
from .kinds.funding import funding_roles
from .kinds.listing import listing_roles
from .kinds.peer import peer_roles
from .kinds.relational_noun import relational_noun_roles
from .kinds.structural import STRUCTURAL
from .kinds.verb import verb_roles
from .modality import deal_status, is_hedged, unasserted
from .schema import STRUCTURAL_KINDS, Rule, RuleSet, rule_set
from .syntax import (
    POSITION,
    has_object_noun,
    held_instances,
    noun_read_verb,
    overlaps,
    recipient_before,
)
from .words import (
    BODY_WORDS,
    COMPARISON_WORDS,
    EXAMPLE_PREPS,
    MONEY_NOUNS,
    RECIPIENT_WORDS,
    SERVICE_VERBS,
    UNIT_NOUNS,
)


class Extractor:
    """Applies a rule set to one parsed document.

    ``keep_uncertain=True`` keeps relations whose status is terminated or rumoured (they carry
    the status in their evidence); by default they are left out.
    """

    def __init__(self, rules: RuleSet, *, keep_uncertain: bool = False) -> None:
        self.rules = rules
        self.keep_uncertain = keep_uncertain
        self._by_lemma = rules.by_lemma()

    def relations(self, doc: Doc, document: Document) -> Iterator[Relation]:
        context = DocContext(doc)
        seen: set[tuple[str, str, str, int]] = set()
        for sentence in doc.sents:
            for head, relation_type, tail, rule, _trigger, penalty, status in one_per_pair(
                self._sentence(context, sentence)
            ):
                if head.name == tail.name or not person_ok(head, relation_type, tail, rule):
                    continue
                if relation_type == "ACQUIRED" and same_company(head.name, tail.name):
                    continue  # "financing to buy all Caesars shares" said by Caesars World
                if status in UNCERTAIN_STATUSES and not self.keep_uncertain:
                    continue
                key = (head.name, relation_type, tail.name, sentence.start)
                if key in seen:
                    continue
                seen.add(key)
                yield Relation(
                    head=head,
                    type=relation_type,
                    tail=tail,
                    evidence=Evidence(
                        doc_id=document.id,
                        text=document.text[sentence.start_char : sentence.end_char],
                        start=sentence.start_char,
                        end=sentence.end_char,
                        head_mention=head.text,
                        tail_mention=tail.text,
                        rule=rule.id,
                        confidence=round(max(0.05, rule.confidence - penalty), 3),
                        date=document.date,
                        status=status,
                    ),
                )

    def _sentence(self, context: DocContext, sentence: Span) -> Iterator[tuple[Any, ...]]:
        for token in sentence:
            for rule in self._by_lemma.get(token.lemma_.lower(), ()):
                yield from self._apply(context, rule, token)
        for rule in self.rules.rules:
            if rule.kind in STRUCTURAL_KINDS:
                for found in STRUCTURAL[rule.kind](context, rule, sentence):
                    if label_ok(found[0], rule.head_label) and label_ok(found[2], rule.tail_label):
                        yield found

    def _apply(self, context: DocContext, rule: Rule, trigger: Token) -> Iterator[tuple[Any, ...]]:
        if rule.kind == "verb":
            if trigger.pos_ not in {"VERB", "AUX"} and not noun_read_verb(trigger):
                return
            # "take over", and the complement of "take X private"
            complements = [
                *trigger.children,
                *(g for c in trigger.children if c.dep_ == "dobj" for g in c.children),
            ]
            if rule.particle and not any(
                c.dep_ in {"prt", "oprd", "acomp", "advmod", "xcomp", "ccomp", "dobj"}
                and c.lower_ == rule.particle
                for c in complements
            ):
                return
            if rule.object_nouns and not has_object_noun(
                trigger, rule.object_nouns, goods=rule.type == "USES"
            ):
                return
            if rule.type == "DEVELOPS" and context.prep_fillers(trigger, frozenset({"to"})):
                return  # "sold the JUCE product to PACE": a transfer, not a maker's sale
            if rule.type == "USES" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in UNIT_NOUNS for c in trigger.children
            ):
                return  # "X retains its Stant division": it keeps what it owns
            roles = verb_roles(context, trigger, rule)
        elif rule.kind == "funding":
            if trigger.pos_ not in {"VERB", "AUX"} or not has_object_noun(
                trigger, rule.object_nouns
            ):
                return
            roles = funding_roles(context, trigger, rule)
        elif rule.kind == "listing_noun":
            if trigger.pos_ not in {"NOUN", "PROPN"}:
                return
            if (
                rule.type == "DEVELOPS"
                and trigger.dep_ == "pobj"
                and trigger.head.lower_ in {"for", "with", "to", "through", "via"}
            ):
                return  # "produces for brands including X": X is a client, not a product
            if rule.type == "DEVELOPS" and (
                # "has served brands including X": clients, not products
                (trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in SERVICE_VERBS)
                # "created shows for broadcasters, including X": the list is the clients'
                or any(
                    c.dep_ == "prep"
                    and c.lower_ in EXAMPLE_PREPS
                    and recipient_before(c) is not None
                    for c in trigger.children
                )
            ):
                return
            roles = listing_roles(context, trigger)
        elif rule.kind == "event_noun":
            if trigger.pos_ not in {"NOUN", "PROPN"}:
                return
            roles = event_noun_roles(context, trigger, rule)
        elif rule.kind == "peer":
            roles = peer_roles(context, trigger)
        elif rule.kind == "cue" and (rival := rival_roles(context, trigger, rule)) is not None:
            roles = rival
        elif rule.kind == "cue":
            if (
                trigger.pos_ not in {"NOUN", "VERB", "ADJ"}
                # "Norwest Venture Partners" is no partnership
                or trigger.i in context.mention_at
                # "its competing XenServer": competing with whom, the clause does not say
                or trigger.head.i in context.mention_at
            ):
                return
            if (
                rule.type == "INVESTS_IN"
                and trigger.dep_ == "compound"
                and trigger.head.lemma_.lower() in context.org_nouns
            ):
                return  # "investment company Baikal": a kind of company, not an investment
            if (
                rule.type == "INVESTS_IN"
                and trigger.pos_ == "VERB"
                and trigger.lemma_.lower() == "raise"
                and not any(
                    t.ent_type_ == "MONEY" or t.lemma_.lower() in MONEY_NOUNS or t.text == "$"
                    for c in trigger.children
                    if c.dep_ == "dobj"
                    for t in c.subtree
                )
            ):
                return  # "raised targets for its fields": no money raised
            found = cue_roles(context, trigger, rule.exclude_preps)
            if found is None or unasserted(found[1]):
                return
            # people take no part in cues ("funding from Keith Rabois of Khosla Ventures")
            roles = {
                role: [f for f in fillers if f.mention.label != "Person"]
                for role, fillers in found[0].items()
            }
            if rule.owner == "tail" and not roles.get("owner") and held_instances(trigger):
                # "X manages 70 clients, including Y", "it had 2000 shareholders, with major
                # parts owned by Y": the subject has them, so it is the one they are clients of
                roles = {"anchor": roles.get("other", []), "other": roles.get("anchor", [])}
            elif (
                rule.type == "INVESTS_IN"
                and not roles.get("owner")
                and (
                    # "Y received investment from investors including X": money comes from X
                    (rule.head == "anchor" and sourced(trigger, roles.get("other", [])))
                    # "X granted funding to Y": money goes to Y
                    or (
                        rule.head == "other"
                        and sourced(trigger, roles.get("other", []), RECIPIENT_WORDS)
                    )
                )
            ):
                roles = {"anchor": roles.get("other", []), "other": roles.get("anchor", [])}
        else:
            if trigger.pos_ not in {"NOUN", "PROPN", "ADJ"}:
                return
            roles = relational_noun_roles(context, trigger, rule)
        firsts = roles.get(rule.head, [])
        if (
            rule.type in SYMMETRIC_TYPES
            and rule.kind in {"verb", "cue"}
            and trigger.pos_ in {"NOUN", "VERB"}  # not "American Express and Shearson said
            # in a joint statement"
            # nor "the ruling had been challenged by X and Y" (a verb with its own object or
            # in the passive says nothing between its subjects)
            and not any(
                c.dep_ in {"agent", "auxpass"} | PASSIVE_SUBJECT_DEPS
                or (c.dep_ == "dobj" and c.lemma_.lower() not in rule.object_nouns)
                for c in trigger.children
            )
            and not roles.get(rule.tail)
            and len(firsts) > 1
        ):
            # "X and Y announced a partnership", "X and Y reached an agreement", "X and Y
            # compete": the coordinated subjects are the pair
            roles = {**roles, rule.head: firsts[:1], rule.tail: firsts[1:]}
        deal = rule.type == "ACQUIRED"
        # "Unlike X, Y does not sell phones": what the clause denies, the comparison does not
        compared = rule.kind == "peer" and trigger.lower_ in COMPARISON_WORDS
        if not compared and is_hedged(trigger, deal=deal):
            return
        status = deal_status(trigger) if deal else None
        head_role, tail_role = rule.head, rule.tail
        if rule.owner and roles.get("owner"):
            head_role, tail_role = (
                ("owner", "other") if rule.owner == "head" else ("other", "owner")
            )
        heads, tails = roles.get(head_role, []), roles.get(tail_role, [])
        for head in heads:
            for tail in tails:
                if head.mention.name == tail.mention.name or overlaps(head.mention, tail.mention):
                    continue
                if not label_ok(head.mention, rule.head_label) or not label_ok(
                    tail.mention, rule.tail_label
                ):
                    continue
                if rule.type == "FOUNDED" and head.penalty >= 0.15:
                    continue  # "founded by former developers from X": X founded nothing
                relation_type = rule.type
                if rule.retype_if_tail_organization and tail.mention.label == "Organization":
                    relation_type = rule.retype_if_tail_organization
                if (
                    relation_type == "PART_OF"
                    and rule.kind == "relational_noun"
                    and head.mention.label == tail.mention.label == "Organization"
                    and not set(tail.mention.name.lower().split()) & BODY_WORDS
                ):
                    # "Lycetts is part of the Benefact Group": a company within a company
                    # (a member of a foundation or association stays a part of it)
                    relation_type = "SUBSIDIARY_OF"
                if deal and tail.share == POSITION and rule.tail in {"patient", "object", "target"}:
                    relation_type = "INVESTS_IN"
                first, second = head.mention, tail.mention
                if relation_type == "SUBSIDIARY_OF" and head.share:
                    # "X will own 20 pct of Y": X invests in Y, Y is no subsidiary of X
                    relation_type, first, second = "INVESTS_IN", tail.mention, head.mention
                yield (
                    first,
                    relation_type,
                    second,
                    rule,
                    trigger,
                    head.penalty + tail.penalty,
                    status if relation_type == "ACQUIRED" else None,
                )


def extract_relations(doc: Doc, document: Document, rules: RuleSet | None = None) -> list[Relation]:
    """All relations the rules find in one parsed document."""
    return list(Extractor(rules or rule_set()).relations(doc, document))


def extract_mentions(doc: Doc) -> list[Mention]:
    return [
        Mention(
            text=span.text,
            name=span.id_ or span.text,
            label=LABEL_NAMES[span.label_],
            start=span.start_char,
            end=span.end_char,
        )
        for span in doc.spans.get(MENTIONS_KEY, [])
    ]
