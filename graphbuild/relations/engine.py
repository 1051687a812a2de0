"""The extractor: applies a rule set to one parsed document."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..canonical import Canonicalizer, default_canonicalizer
from ..lexicon import PASSIVE_SUBJECT_DEPS
from ..nlp import LABEL_NAMES, MENTIONS_KEY
from ..records import SYMMETRIC_TYPES, Document, Evidence, Mention, Relation
from .arbitration import (
    UNCERTAIN_STATUSES,
    label_ok,
    one_per_pair,
    person_ok,
    retyped,
)
from .conditions import EDGE_VETOES, PAIR_VETOES, TRIGGER_VETOES
from .fillers import DocContext, Roles
from .kinds import ROLE_FINDERS
from .kinds.cue import names_right_after
from .kinds.structural import STRUCTURAL
from .modality import deal_status, is_hedged
from .patterns import TriggerMatcher
from .ruleset import rule_set
from .schema import STRUCTURAL_KINDS, Rule, RuleSet
from .syntax import (
    object_of_complement,
    overlaps,
)
from .words import (
    COMPARISON_WORDS,
)


class Extractor:
    """Applies a rule set to one parsed document.

    ``keep_uncertain=True`` keeps relations whose status is terminated or rumoured (they carry
    the status in their evidence); by default they are left out.
    """

    def __init__(
        self,
        rules: RuleSet,
        *,
        keep_uncertain: bool = False,
        gazetteer: Canonicalizer | None = None,
    ) -> None:
        self.rules = rules
        self.keep_uncertain = keep_uncertain
        # the names the user's gazetteer (with the packaged one) declares organisations
        self.gazetteer = gazetteer or default_canonicalizer()
        self._matcher = TriggerMatcher(rules.rules)

    def relations(self, doc: Doc, document: Document) -> Iterator[Relation]:
        context = DocContext(doc)
        triggers = self._matcher.triggers(doc)
        seen: set[tuple[str, str, str, int]] = set()
        for sentence in doc.sents:
            for head, relation_type, tail, rule, _trigger, penalty, status in one_per_pair(
                self._sentence(context, sentence, triggers)
            ):
                if head.name == tail.name or not person_ok(head, relation_type, tail, rule):
                    continue
                if relation_type == rule.type and any(
                    EDGE_VETOES[name](head, tail) for name in rule.unless if name in EDGE_VETOES
                ):
                    continue
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

    def _sentence(
        self, context: DocContext, sentence: Span, triggers: dict[int, list[Rule]]
    ) -> Iterator[tuple[Any, ...]]:
        for token in sentence:
            for rule in triggers.get(token.i, ()):
                yield from self._apply(context, rule, token)
        for rule in self.rules.rules:
            if rule.kind in STRUCTURAL_KINDS:
                for found in STRUCTURAL[rule.kind](context, rule, sentence):
                    if self._label_ok(found[0], rule.head_label) and self._label_ok(
                        found[2], rule.tail_label
                    ):
                        yield found

    def _apply(self, context: DocContext, rule: Rule, trigger: Token) -> Iterator[tuple[Any, ...]]:
        if any(
            TRIGGER_VETOES[name](context, trigger) for name in rule.unless if name in TRIGGER_VETOES
        ):
            return
        roles = ROLE_FINDERS[rule.kind](context, rule, trigger)
        if roles is None:
            return
        coordinated = _coordinated_pair(rule, trigger, roles)
        # "A, B and C compete": every two of them, not only the first with the others
        peers = coordinated is not roles and len(roles.get(rule.head, [])) > 2
        roles = coordinated
        # "Unlike X, Y does not sell phones": what the clause denies, the comparison does not
        compared = rule.kind == "peer" and trigger.lower_ in COMPARISON_WORDS
        # "X would compete better against rivals Y and Z": the noun names Y and Z rivals
        # whatever the clause's mood (a denial is the role finder's business)
        if (
            not compared
            and is_hedged(trigger, deal=rule.deal)
            and not ("rival_modifier" in rule.options and names_right_after(context, trigger))
        ):
            return
        status = deal_status(trigger) if rule.deal else None
        head_role, tail_role = rule.head, rule.tail
        if rule.owner and roles.get("owner"):
            head_role, tail_role = (
                ("owner", "other") if rule.owner == "head" else ("other", "owner")
            )
        respective = _respective(trigger, roles.get(head_role, []), roles.get(tail_role, []))
        heads, tails = roles.get(head_role, []), roles.get(tail_role, [])
        pairs = (
            itertools.combinations(heads + tails, 2) if peers else itertools.product(heads, tails)
        )
        for head, tail in pairs:
            if head.mention.name == tail.mention.name or overlaps(head.mention, tail.mention):
                continue
            if respective and (head, tail) not in respective:
                continue
            if not self._label_ok(head.mention, rule.head_label) or not self._label_ok(
                tail.mention, rule.tail_label
            ):
                continue
            relation_type, first, second = retyped(rule, head, tail)
            if status in UNCERTAIN_STATUSES and not self.keep_uncertain:
                continue  # "considering buying a stake in Y": only weighed, whatever its type
            if relation_type == rule.type and any(
                PAIR_VETOES[name](head, tail) for name in rule.unless if name in PAIR_VETOES
            ):
                continue
            yield (
                first,
                relation_type,
                second,
                rule,
                trigger,
                head.penalty + tail.penalty,
                status if relation_type == rule.type else None,
            )

    def _label_ok(self, mention: Mention, wanted: str) -> bool:
        return label_ok(mention, wanted, self.gazetteer)


def _respective(trigger: Token, heads: list[Any], tails: list[Any]) -> list[tuple[Any, Any]]:
    """ "Y and Z were sold to A and B respectively": pairs by position, not every pair."""
    if not (
        len(heads) == len(tails) > 1
        and any(c.lower_ == "respectively" for c in (*trigger.children, *trigger.head.children))
    ):
        return []
    by_position = (
        sorted(heads, key=lambda f: f.mention.start),
        sorted(tails, key=lambda f: f.mention.start),
    )
    return list(zip(*by_position, strict=True))


def _coordinated_pair(rule: Rule, trigger: Token, roles: Roles) -> Roles:
    """ "X and Y announced a partnership", "X and Y reached an agreement", "X and Y compete":
    for a symmetric type, the coordinated subjects are the pair."""
    firsts = roles.get(rule.head, [])
    if (
        rule.type in SYMMETRIC_TYPES
        and rule.kind in {"verb", "cue"}
        and "one_sided" not in rule.options
        and trigger.pos_ in {"NOUN", "VERB"}  # not "American Express and Shearson said
        # in a joint statement"
        # nor "the ruling had been challenged by X and Y" (a verb with its own object or
        # in the passive says nothing between its subjects)
        and not any(
            c.dep_ in {"agent", "auxpass"} | PASSIVE_SUBJECT_DEPS
            or (
                c.dep_ == "dobj"
                and c.lemma_.lower() not in rule.object_nouns
                and not object_of_complement(c)
            )
            for c in trigger.children
        )
        and not roles.get(rule.tail)
        and len(firsts) > 1
    ):
        return {**roles, rule.head: firsts[:1], rule.tail: firsts[1:]}
    return roles


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
