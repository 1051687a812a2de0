"""Relation rules: typed, evidence-carrying relations from parsed documents.

Rules are data (``data/relations.yaml``, plus any files given with ``--rules``). Each names a
relation type and a trigger (lemmas of a verb, an event noun or a relational noun) and says which
grammatical role is the head and which the tail; the engine here finds the roles on the
dependency parse. Roles are filled by entity mentions, looking through what news prose puts in
between: lists ("Cisco, HP, Dell and AT&T"), appositions ("True Ventures, a firm that ..."),
relative clauses ("the project of which Citrix was a member"), copulas ("OpenStack is the
project founded by ..."), examples ("startups such as Piston") and references back ("it",
"the company"). Statements that are only tried, planned, hypothetical or denied are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .canonical import LEGAL_WORDS, default_canonicalizer
from .errors import Messages, RulesError
from .nlp import COREF_KEY, LABEL_NAMES, MENTIONS_KEY, default_lexicon, stray_apposition
from .records import RELATION_TYPES, SYMMETRIC_TYPES, Document, Evidence, Mention, Relation

KINDS = (
    "verb",
    "event_noun",
    "relational_noun",
    "listing_noun",
    "funding",
    "possessive_product",
    "based_on",
    "name_part",
    "cue",
    "peer",
)
ROLES = (
    "agent",
    "patient",
    "subject",
    "object",
    "target",
    "owner",
    "listed",
    "theme",
    "anchor",
    "other",
)
# "named": a Product, or an Organization not named as a company ("Acme Corp"): the model tags
# many films, games and brands as organisations, but a legal name is never a product.
LABELS = ("Organization", "Product", "any", "named")

_SUBJECT_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
_OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}
_ANY_SUBJECT = _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS
_RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
_COPULAS = {"be", "become", "remain", "stay", "serve", "act", "emerge", "present", "represent"}
# Nouns whose infinitive or clause states someone's own act: "the decision to back OpenStack".
_DECISION_NOUNS = {
    "decision",
    "move",
    "choice",
    "step",
    "bid",
    "effort",
    "deal",
    "agreement",
    "accord",
    "contract",
    "pact",
    "transaction",
    "arrangement",
    "intent",
    "intention",
    "plan",
    "proposal",
    "letter",
}
# Parts of a company that change hands as units: "sold its Hawaiian dairy operations to Y".
_UNIT_NOUNS = {
    "division",
    "unit",
    "operation",
    "business",
    "subsidiary",
    "plant",
    "mill",
    "facility",
    "chain",
    "store",
    "station",
    "hospital",
    "branch",
    "refinery",
    "factory",
    "brand",
    "line",
    "product",
    "group",
    "property",
    "center",
    "centre",
    "restaurant",
    "system",
    "mine",
    "field",
    "terminal",
}
_VAGUE_WORDS = {
    "certain",
    "other",
    "some",
    "several",
    "various",
    "remaining",
    "its",
    "their",
    "wholly",
    "owned",
    "wholly-owned",
    "majority-owned",
    "new",
    "former",
    "own",
}
# What is bought when a company is bought in parts: "all shares of X", "a 20 pct stake in X".
_PORTION_NOUNS = {
    # quantities: "a variety of networks including X"
    "variety",
    "number",
    "range",
    "host",
    "array",
    "handful",
    "dozens",
    "lot",
    "plethora",
    "share",
    "shares",
    "stake",
    "interest",
    "pct",
    "percent",
    "%",
    "stock",
    "asset",
    "assets",
    "control",
    "majority",
    "minority",
    "unit",
    "units",
    "operation",
    "operations",
    "business",
    "businesses",
    "activities",
    "locations",
    "holding",
    "holdings",
    "rest",
    "remainder",
    "balance",
    "all",
    "most",
    "part",
    "portion",
    "equity",
    "capital",
    "outstanding",
    "position",
}
# Governing verbs that make the statement under them not (yet) a fact.
_HEDGE_VERBS = {
    "suggest",
    "speculate",
    "predict",
    "try",
    "attempt",
    "plan",
    "intend",
    "hope",
    "aim",
    "want",
    "seek",
    "consider",
    "propose",
    "explore",
    "threaten",
    "refuse",
    "fail",
    "decline",
    "deny",
    "wish",
    "expect",
    "need",
    "study",
    "mull",
    "weigh",
    "contemplate",
    "discuss",
    "negotiate",
    "offer",
    "would",
}
# "should" and "must" are left out: in news they mostly state expectations about facts.
_HEDGE_MODALS = {"would", "could", "might", "may"}
# Verbs that carry an event noun: "X made (launched, completed) an offer for Y".
_SUPPORT_VERBS = {
    "announce",
    "complete",
    "make",
    "launch",
    "have",
    "enter",
    "sign",
    "reach",
    "strike",
    "form",
    "agree",
    "face",
    "lose",
    "wage",
    # "started a tender offer for Y", "extended its offer for Y"
    "start",
    "begin",
    "commence",
    "extend",
    "raise",
    "increase",
    "close",
    "finalize",
    "finalise",
}
_GROUP_NOUNS = {"consortium", "group", "syndicate", "investors", "partnership", "venture", "team"}
_LEAD_VERBS = {"lead", "head", "control", "form", "organize", "organise", "comprise"}
# "X was founded to compete with Y": the passive subject of these does what follows.
_PURPOSE_VERBS = {
    "found",
    "create",
    "establish",
    "form",
    "set",
    "launch",
    "design",
    "build",
    # "X was hired (contracted, appointed) to build Y": the one hired builds it
    "hire",
    "contract",
    "appoint",
    "commission",
    "engage",
    "select",
    "choose",
    "retain",
}
_HEDGE_NOUNS = {"plan", "intention", "attempt", "effort", "bid", "offer", "proposal"}
_TERMINATION_VERBS = {
    "terminate",
    "end",
    "cancel",
    "abandon",
    "scrap",
    "withdraw",
    "drop",
    "call",
    "break",
    "reject",
    "block",
    "collapse",
    "halt",
    "suspend",
    "overturn",
    "rescind",
    "oppose",
    "fail",
}
_RUMOUR_NOUNS = {"rumor", "rumour", "speculation", "talk", "talks", "report", "reports"}
_EXAMPLE_PREPS = {"including", "like", "as"}
# "everything from the Apache HTTP Server to Hadoop": a range stands for what it spans.
_RANGE_NOUNS = {"everything", "anything", "all", "range", "variety", "host", "array"}
# Verbs whose "followed by X" or "joined by X" gives X the subject's part:
# "A signed on, followed by B".
_FOLLOWER_VERBS = {"follow", "join"}
_AGREED_VERBS = {"agree", "sign", "approve", "accept"}
# A deal someone says it intends is an announced deal; one it only weighs is talk. Either way
# the deal keeps its status instead of being dropped as a hedge.
_INTENT_WORDS = {"plan", "intend", "propose", "expect", "aim", "seek", "intention", "proposal"}
_DELIBERATION_WORDS = {
    "consider",
    "explore",
    "mull",
    "weigh",
    "study",
    "contemplate",
    "discuss",
    "negotiate",
}
_COMPLETED_VERBS = {"complete", "close", "finalize", "finalise", "perform"}
# A bid, whether made now or to be made ("will offer 20 dlrs a share for Y"), is announced.
_BID_WORDS = {"bid", "offer", "tender"}


@dataclass(frozen=True, slots=True)
class RuleExample:
    """A sentence a rule is tested on: ``expect`` holds the (head, TYPE, tail) triples (canonical
    names) it must give by that rule; an empty ``expect`` says the sentence gives no edge."""

    text: str
    expect: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One relation rule; see ``data/relations.yaml`` for the fields."""

    id: str
    type: str
    kind: str
    lemmas: frozenset[str] = frozenset()
    head: str = "agent"
    tail: str = "patient"
    preps: frozenset[str] = frozenset()  # prepositions whose object fills the tail role
    particle: str | None = None
    object_nouns: frozenset[str] = frozenset()  # "enter into an agreement with": the noun
    head_label: str = "any"
    tail_label: str = "any"
    retype_if_tail_organization: str | None = None
    # cue rules: which end the owner of the trigger noun is ("X's clients include Y": X, the tail)
    owner: str | None = None
    # cue rules: names after these prepositions are not the other end ("made films for HBO")
    exclude_preps: frozenset[str] = frozenset()
    confidence: float = 0.8
    source: str = ""
    examples: tuple[RuleExample, ...] = ()


@dataclass(slots=True)
class RuleSet:
    rules: list[Rule] = field(default_factory=list)

    def by_lemma(self) -> dict[str, list[Rule]]:
        index: dict[str, list[Rule]] = {}
        for rule in self.rules:
            if rule.kind in _STRUCTURAL:  # their lemmas are read by their own pattern
                continue
            for lemma in rule.lemmas:
                index.setdefault(lemma, []).append(rule)
        return index


def load_rules(path: str | Path) -> list[Rule]:
    """Read and validate a rules YAML file; errors name the file, the rule and the problem."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=error)) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise RulesError(
            Messages.E_RULES_SYNTAX.format(
                path=path, problem="expected a mapping with a 'rules' list"
            )
        )
    rules = []
    seen: set[str] = set()
    for number, entry in enumerate(raw["rules"], start=1):
        rule = _parse_rule(entry, path, number)
        if rule.id in seen:
            raise RulesError(
                Messages.E_RULE.format(
                    path=path, where=f"rule {number}", problem=f"duplicate id {rule.id!r}"
                )
            )
        seen.add(rule.id)
        rules.append(rule)
    return rules


def _parse_rule(entry: Any, path: Path, number: int) -> Rule:
    def fail(problem: str) -> RulesError:
        where = f"rule {number}" + (f" ({entry.get('id')})" if isinstance(entry, dict) else "")
        return RulesError(Messages.E_RULE.format(path=path, where=where, problem=problem))

    if not isinstance(entry, dict):
        raise fail("expected a mapping")
    allowed = {
        "id",
        "type",
        "kind",
        "lemmas",
        "head",
        "tail",
        "preps",
        "particle",
        "object_nouns",
        "head_label",
        "tail_label",
        "retype_if_tail_organization",
        "owner",
        "exclude_preps",
        "confidence",
        "note",
        "examples",
    }
    unknown = set(entry) - allowed
    if unknown:
        raise fail(f"unknown field(s) {sorted(unknown)}")
    if not isinstance(entry.get("id"), str) or not entry["id"]:
        raise fail("'id' must be a non-empty string")
    for key in ("type", "retype_if_tail_organization"):
        if key in entry and entry[key] not in RELATION_TYPES:
            raise fail(f"{key!r} must be one of {', '.join(RELATION_TYPES)}")
    if "type" not in entry:
        raise fail("'type' is required")
    if entry.get("kind") not in KINDS:
        raise fail(f"'kind' must be one of {', '.join(KINDS)}")
    for key in ("head", "tail"):
        if key in entry and entry[key] not in ROLES:
            raise fail(f"{key!r} must be one of {', '.join(ROLES)}")
    if "owner" in entry and (entry["kind"] != "cue" or entry["owner"] not in {"head", "tail"}):
        raise fail("'owner' is for cue rules and must be head or tail")
    for key in ("head_label", "tail_label"):
        if key in entry and entry[key] not in LABELS:
            raise fail(f"{key!r} must be one of {', '.join(LABELS)}")
    for key in ("lemmas", "preps", "object_nouns", "exclude_preps"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(f"{key!r} must be a list of words")
    if entry["kind"] in {
        "verb",
        "event_noun",
        "relational_noun",
        "listing_noun",
        "funding",
        "cue",
        "peer",
    } and (not entry.get("lemmas")):
        raise fail("'lemmas' is required for this kind")
    confidence = entry.get("confidence", 0.8)
    if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise fail("'confidence' must be a number in (0, 1]")
    default_roles = {
        "relational_noun": ("subject", "object"),
        "listing_noun": ("listed", "owner"),
        "funding": ("agent", "patient"),
        "cue": ("anchor", "other"),
        "peer": ("anchor", "other"),
    }.get(entry["kind"], ("agent", "patient"))
    return Rule(
        id=entry["id"],
        type=entry["type"],
        kind=entry["kind"],
        lemmas=frozenset(word.lower() for word in entry.get("lemmas", [])),
        head=entry.get("head", default_roles[0]),
        tail=entry.get("tail", default_roles[1]),
        preps=frozenset(word.lower() for word in entry.get("preps", [])),
        particle=entry.get("particle"),
        object_nouns=frozenset(word.lower() for word in entry.get("object_nouns", [])),
        head_label=entry.get("head_label", "any"),
        tail_label=entry.get("tail_label", "any"),
        retype_if_tail_organization=entry.get("retype_if_tail_organization"),
        owner=entry.get("owner"),
        exclude_preps=frozenset(word.lower() for word in entry.get("exclude_preps", [])),
        confidence=float(confidence),
        source=str(path),
        examples=_parse_examples(entry.get("examples", []), fail),
    )


def _parse_examples(raw: Any, fail: Callable[[str], RulesError]) -> tuple[RuleExample, ...]:
    """``examples:`` is a list of {text, expect}; expect is a list of [head, TYPE, tail]."""
    if not isinstance(raw, list):
        raise fail("'examples' must be a list of {text, expect} mappings")
    examples = []
    for number, example in enumerate(raw, start=1):
        if not isinstance(example, dict) or set(example) != {"text", "expect"}:
            raise fail(f"example {number} must be a mapping with 'text' and 'expect'")
        text, expect = example["text"], example["expect"]
        if not isinstance(text, str) or not text.strip():
            raise fail(f"example {number}: 'text' must be a sentence")
        if not isinstance(expect, list) or not all(
            isinstance(triple, list)
            and len(triple) == 3
            and all(isinstance(part, str) and part for part in triple)
            for triple in expect
        ):
            raise fail(f"example {number}: 'expect' must be a list of [head, TYPE, tail] (or [])")
        triples = tuple((head, relation_type, tail) for head, relation_type, tail in expect)
        for _, relation_type, _ in triples:
            if relation_type not in RELATION_TYPES:
                allowed_types = ", ".join(RELATION_TYPES)
                raise fail(f"example {number}: {relation_type!r} must be one of {allowed_types}")
        examples.append(RuleExample(text=text, expect=triples))
    return tuple(examples)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    with resources.as_file(resources.files("graphbuild") / "data" / "relations.yaml") as path:
        return tuple(load_rules(path))


def rule_set(extra_files: Iterable[str | Path] = ()) -> RuleSet:
    rules = list(default_rules())
    for path in extra_files:
        rules.extend(load_rules(path))
    return RuleSet(rules)


# --- the engine ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Filler:
    """A mention filling a role, and how directly (lower confidence for looser paths)."""

    mention: Mention
    penalty: float = 0.0
    # reached through a minority share: POSITION ("a 20 pct stake in X": an investment, not a
    # takeover, when bought) or QUANTITY ("20 pct of the shares of X": no subsidiary of its owner)
    share: int = 0


# Deals the text says fell through or are only talked about: not facts of the default graph.
UNCERTAIN_STATUSES = frozenset({"terminated", "rumoured"})


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
        context = _DocContext(doc)
        seen: set[tuple[str, str, str, int]] = set()
        for sentence in doc.sents:
            for head, relation_type, tail, rule, _trigger, penalty, status in _one_per_pair(
                self._sentence(context, sentence)
            ):
                if head.name == tail.name or not _person_ok(head, relation_type, tail, rule):
                    continue
                if relation_type == "ACQUIRED" and _same_company(head.name, tail.name):
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

    def _sentence(self, context: _DocContext, sentence: Span) -> Iterator[tuple[Any, ...]]:
        for token in sentence:
            for rule in self._by_lemma.get(token.lemma_.lower(), ()):
                yield from self._apply(context, rule, token)
        for rule in self.rules.rules:
            if rule.kind in _STRUCTURAL:
                for found in _STRUCTURAL[rule.kind](context, rule, sentence):
                    if _label_ok(found[0], rule.head_label) and _label_ok(
                        found[2], rule.tail_label
                    ):
                        yield found

    def _apply(self, context: _DocContext, rule: Rule, trigger: Token) -> Iterator[tuple[Any, ...]]:
        if rule.kind == "verb":
            if trigger.pos_ not in {"VERB", "AUX"} and not _noun_read_verb(trigger):
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
            if rule.object_nouns and not _has_object_noun(
                trigger, rule.object_nouns, goods=rule.type == "USES"
            ):
                return
            if rule.type == "DEVELOPS" and context.prep_fillers(trigger, frozenset({"to"})):
                return  # "sold the JUCE product to PACE": a transfer, not a maker's sale
            if rule.type == "USES" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _UNIT_NOUNS for c in trigger.children
            ):
                return  # "X retains its Stant division": it keeps what it owns
            roles = context.verb_roles(trigger, rule)
        elif rule.kind == "funding":
            if trigger.pos_ not in {"VERB", "AUX"} or not _has_object_noun(
                trigger, rule.object_nouns
            ):
                return
            roles = context.funding_roles(trigger, rule)
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
                (trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in _SERVICE_VERBS)
                # "created shows for broadcasters, including X": the list is the clients'
                or any(
                    c.dep_ == "prep"
                    and c.lower_ in _EXAMPLE_PREPS
                    and _recipient_before(c) is not None
                    for c in trigger.children
                )
            ):
                return
            roles = context.listing_roles(trigger)
        elif rule.kind == "event_noun":
            if trigger.pos_ not in {"NOUN", "PROPN"}:
                return
            roles = context.event_noun_roles(trigger, rule)
        elif rule.kind == "peer":
            roles = context.peer_roles(trigger)
        elif rule.kind == "cue" and (rival := context.rival_roles(trigger, rule)) is not None:
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
                    t.ent_type_ == "MONEY" or t.lemma_.lower() in _MONEY_NOUNS or t.text == "$"
                    for c in trigger.children
                    if c.dep_ == "dobj"
                    for t in c.subtree
                )
            ):
                return  # "raised targets for its fields": no money raised
            found = context.cue_roles(trigger, rule.exclude_preps)
            if found is None or _unasserted(found[1]):
                return
            # people take no part in cues ("funding from Keith Rabois of Khosla Ventures")
            roles = {
                role: [f for f in fillers if f.mention.label != "Person"]
                for role, fillers in found[0].items()
            }
            if rule.owner == "tail" and not roles.get("owner") and _held_instances(trigger):
                # "X manages 70 clients, including Y", "it had 2000 shareholders, with major
                # parts owned by Y": the subject has them, so it is the one they are clients of
                roles = {"anchor": roles.get("other", []), "other": roles.get("anchor", [])}
            elif (
                rule.type == "INVESTS_IN"
                and not roles.get("owner")
                and (
                    # "Y received investment from investors including X": money comes from X
                    (rule.head == "anchor" and _sourced(trigger, roles.get("other", [])))
                    # "X granted funding to Y": money goes to Y
                    or (
                        rule.head == "other"
                        and _sourced(trigger, roles.get("other", []), _RECIPIENT_WORDS)
                    )
                )
            ):
                roles = {"anchor": roles.get("other", []), "other": roles.get("anchor", [])}
        else:
            if trigger.pos_ not in {"NOUN", "PROPN", "ADJ"}:
                return
            roles = context.relational_noun_roles(trigger, rule)
        firsts = roles.get(rule.head, [])
        if (
            rule.type in SYMMETRIC_TYPES
            and rule.kind in {"verb", "cue"}
            and trigger.pos_ in {"NOUN", "VERB"}  # not "American Express and Shearson said
            # in a joint statement"
            # nor "the ruling had been challenged by X and Y" (a verb with its own object or
            # in the passive says nothing between its subjects)
            and not any(
                c.dep_ in {"agent", "auxpass"} | _PASSIVE_SUBJECT_DEPS
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
        compared = rule.kind == "peer" and trigger.lower_ in _COMPARISON_WORDS
        if not compared and context.is_hedged(trigger, deal=deal):
            return
        status = context.status(trigger) if deal else None
        head_role, tail_role = rule.head, rule.tail
        if rule.owner and roles.get("owner"):
            head_role, tail_role = (
                ("owner", "other") if rule.owner == "head" else ("other", "owner")
            )
        heads, tails = roles.get(head_role, []), roles.get(tail_role, [])
        for head in heads:
            for tail in tails:
                if head.mention.name == tail.mention.name or _overlaps(head.mention, tail.mention):
                    continue
                if not _label_ok(head.mention, rule.head_label) or not _label_ok(
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
                    and not set(tail.mention.name.lower().split()) & _BODY_WORDS
                ):
                    # "Lycetts is part of the Benefact Group": a company within a company
                    # (a member of a foundation or association stays a part of it)
                    relation_type = "SUBSIDIARY_OF"
                if (
                    deal
                    and tail.share == _POSITION
                    and rule.tail in {"patient", "object", "target"}
                ):
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


def _one_per_pair(found: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
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
        if pair not in best or _cue_rank(item) > _cue_rank(best[pair]):
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


def _cue_rank(item: tuple[Any, ...]) -> tuple[float, int]:
    head, _, tail, rule, trigger, penalty, _ = item
    # the surer rule, then the trigger nearer the pair
    distance = min(abs(trigger.idx - head.start), abs(trigger.idx - tail.start))
    return (rule.confidence - penalty, -distance)


_NESTED_CLAUSES = {"relcl", "ccomp", "advcl", "parataxis", "csubj"}
# How far (in tokens) from its trigger a cue still links a name (or the list it is in).
_CUE_REACH = 15
_CUE_PREPS = frozenset({"with", "against", "from", "between", "alongside"})
_FUTURE_OR_MODAL = _HEDGE_MODALS | {"will", "'ll", "wo", "shall", "should", "must", "can"}


def _terms_of_a_deal(verb: Token) -> bool:
    """ "the deal under which X would acquire Y": the terms of a deal, not a hypothesis."""
    return (
        verb.dep_ == "relcl"
        and verb.head.lemma_.lower() in _DECISION_NOUNS
        and not any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children)
    )


def _unasserted(clause: Token) -> bool:
    """Cues ask more than the grammatical rules: nothing up the clause's chain of governors may
    be negated, future or modal, conditional, or a hedging verb ("will push for a tighter
    relationship with X", "trying to have organisations pick up its competing Y")."""
    token = clause
    while True:
        for child in token.children:
            if child.dep_ == "neg" or (
                child.dep_ in {"aux", "auxpass"}
                and child.lower_ in _FUTURE_OR_MODAL
                and not _narrated(token, child)
            ):
                return True
            if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
                return True
        if token.i != clause.i and token.lemma_.lower() in _HEDGE_VERBS:
            return True
        if token.head.i == token.i or _own_polarity(token):
            return False
        token = token.head


def _held_instances(trigger: Token) -> bool:
    """ "manages clients", "had shareholders", "a roster of clients": the noun, in the plural,
    is what its clause's subject has, not what the subject is ("became a client of X")."""
    if trigger.tag_ != "NNS":
        return False
    if trigger.dep_ == "dobj":
        return _governing_verb(trigger).lemma_.lower() not in _DEAL_VERBS
    return (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ not in {"as", "among"}
        and (trigger.head.lower_ != "of" or trigger.head.head.pos_ == "NOUN")
    )


def _sourced(
    trigger: Token, others: list[_Filler], words: frozenset[str] = frozenset({"from", "by"})
) -> bool:
    """ "investment from X", "from investors including X", "an investment round led by X": the
    trigger names where the money comes from (the names are in that phrase), so the clause's
    subject receives it. With ``words`` "to", "into": where the money goes."""
    phrase = trigger.head if trigger.dep_ in {"compound", "amod"} else trigger
    verb = _governing_verb(phrase)
    # the phrase's own prepositions, those of a clause on it ("a round led by X") and those of
    # the verb it is the object of ("granted funding to Y")
    holders = [phrase, verb]
    if words != _RECIPIENT_WORDS:
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


# Things made for a platform named before them: "an iOS application", "a Unix port".
_PLATFORM_NOUNS = {
    "application",
    "app",
    "version",
    "port",
    "driver",
    "plugin",
    "plug-in",
    "add-on",
    "client",
    "edition",
    "accessory",
    "socket",
    "emulator",
}


def _noun_read_verb(token: Token) -> bool:
    """A verb the tagger took for a plural noun: nouns have no direct objects."""
    return token.tag_ == "NNS" and any(c.dep_ == "dobj" for c in token.children)


def _platform_modifier(token: Token) -> bool:
    """A name modifying what was made for it: "iOS" in "an iOS application"."""
    head = token
    while head.dep_ in {"compound", "amod", "nmod"} and head.head.i != head.i:
        head = head.head
    return head.i != token.i and head.lemma_.lower() in _PLATFORM_NOUNS


_RECIPIENT_WORDS = frozenset({"to", "into"})
_DEAL_NOUNS = {"purchase", "sale", "acquisition", "takeover", "buyout", "divestiture", "disposal"}
_DEAL_VERBS = {"acquire", "buy", "purchase", "sell", "divest"}
_MONEY_NOUNS = {"money", "capital", "funding", "funds", "financing", "round", "investment", "cash"}
# Bodies that companies take part in rather than belong to.
_BODY_WORDS = {
    "foundation",
    "association",
    "alliance",
    "consortium",
    "council",
    "federation",
    "union",
    "forum",
    "initiative",
    "coalition",
    "project",
}
_SERVICE_VERBS = {"serve", "supply", "advise", "help", "support", "represent"}
_NARRATIVE_ADVERBS = {"later", "eventually", "subsequently", "ultimately", "soon", "then"}


def _narrated(verb: Token, modal: Token) -> bool:
    """ "X would later acquire Y": a history told from an earlier point, not a conditional."""
    return modal.lower_ == "would" and any(
        c.dep_ == "advmod" and c.lower_ in _NARRATIVE_ADVERBS for c in verb.children
    )


def _own_polarity(verb: Token) -> bool:
    """ "did not renew its contract and instead created an alliance": a conjoined verb with a
    tense of its own is outside the first verb's negation or modal ("neither ... nor" is not)."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ in {"VBD", "VBZ"}
        and not any(c.dep_ == "preconj" for c in verb.head.children)
        and not any(c.dep_ == "cc" and c.lower_ in {"nor", "or"} for c in verb.head.children)
    )


def _own_clause(clause: Token) -> Iterator[Token]:
    """The clause's tokens without the clauses nested in it ("a firm that is an investor in")."""
    stack = [clause]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ not in _NESTED_CLAUSES)


def _list_head(token: Token) -> Token:
    """The first item of the list a name is in ("Cisco, HP, Dell and AT&T": Cisco)."""
    while token.dep_ in {"compound", "flat"} and token.head.i != token.i:
        token = token.head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


# Words that name a position held, not a quantity bought: "took a 20 pct stake in X" is an
# investment; "bought 39,000 shares of X" stays a purchase (of shares) with its deal status.
_SHARE_NOUNS = {"stake", "interest", "holding", "holdings", "minority", "equity", "shareholding"}
_QUANTITY_NOUNS = {"pct", "percent", "%", "share", "shares", "stock", "third", "quarter"}
_POSITION, _QUANTITY = 1, 2
_CONTROL_WORDS = {"majority", "controlling", "all", "remaining", "rest", "entire", "outstanding"}


def _minority_share(noun: Token) -> int:
    """ "a 20 pct stake in X", "a minority interest in X" (not "a majority stake", "a 51 pct
    interest", "the remaining interest"): _POSITION, _QUANTITY or 0."""
    kind = (
        _POSITION
        if noun.lower_ in _SHARE_NOUNS
        else _QUANTITY
        if noun.lower_ in _QUANTITY_NOUNS
        else 0
    )
    if not kind:
        return 0
    holders = [noun, *list(noun.ancestors)[:3]]
    if any(
        t.dep_ == "relcl"
        and t.lemma_.lower() in {"own", "hold"}
        and any(g.dep_ == "neg" for g in t.children)
        for holder in holders
        for t in holder.children
    ):
        return 0  # "the interest in X that it did not already own": the rest of X
    words = noun.doc[noun.left_edge.i : noun.right_edge.i + 1]
    if any(word.lower_ in _CONTROL_WORDS for word in words):
        return 0
    for word in words:
        if word.like_num:
            try:
                if float(word.text.replace(",", "").rstrip("%")) > 50:
                    return 0
            except ValueError:
                continue
    return kind


def _preposition(token: Token) -> str | None:
    """The preposition a name hangs from, through compounds and lists ("for HBO and CBS")."""
    while token.dep_ in {"compound", "conj", "appos", "flat"} and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj":
        return None
    preposition = token.head
    if preposition.lower_ in _EXAMPLE_PREPS | {"such"}:
        if preposition.head.dep_ == "pobj":
            # "for networks including HBO": the examples stand where the noun stands
            return _preposition(preposition.head)
        recipient = _recipient_before(preposition)
        if recipient is not None:
            return recipient.lower_
    return preposition.lower_


def _recipient_before(examples: Token) -> Token | None:
    """ "shows for broadcasters, including HBO": the parser hangs the examples on the noun
    before the "for" (or "to") phrase they belong to; that preposition, if any."""
    return next(
        (
            sibling
            for sibling in examples.head.children
            if sibling.dep_ == "prep"
            and sibling.lower_ in {"for", "to"}
            and sibling.i < examples.i
        ),
        None,
    )


# People are in the graph for what they do to companies: buy them, invest in them, found them.
PERSON_HEAD_TYPES = frozenset({"ACQUIRED", "INVESTS_IN", "FOUNDED"})


def _person_ok(head: Mention, relation_type: str, tail: Mention, rule: Rule) -> bool:
    if tail.label == "Person":
        return False
    return head.label != "Person" or (relation_type in PERSON_HEAD_TYPES and rule.kind != "cue")


def _same_company(first: str, second: str) -> bool:
    """ "Caesars World" and "Caesars": one name's words within the other's."""
    words_first, words_second = set(first.lower().split()), set(second.lower().split())
    return words_first <= words_second or words_second <= words_first


def _label_ok(mention: Mention, wanted: str) -> bool:
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


def _overlaps(first: Mention, second: Mention) -> bool:
    return first.start < second.end and second.start < first.end


def _has_object_noun(verb: Token, nouns: frozenset[str], *, goods: bool = False) -> bool:
    for child in verb.children:
        # "bought BBC Hardware from X" bought a business called Hardware, not goods
        named = goods and child.text[:1].isupper() and not child.is_sent_start
        if child.dep_ in _OBJECT_DEPS and child.lemma_.lower() in nouns and not named:
            return True
        if child.dep_ in _OBJECT_DEPS and any(
            # "raised $2.4 million in seed funding"
            g.dep_ == "prep"
            and any(p.dep_ == "pobj" and p.lemma_.lower() in nouns for p in g.children)
            for g in child.children
        ):
            return True
        if child.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in nouns for g in child.children
        ):
            return True
    # "the agreement X entered into with Y": the noun the relative clause modifies (which the
    # parser sometimes reads as a compound of the subject: "the agreement AWS entered into")
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in nouns:
        return True
    return any(
        grandchild.dep_ == "compound" and grandchild.lemma_.lower() in nouns
        for child in verb.children
        if child.dep_ in _SUBJECT_DEPS
        for grandchild in child.children
    )


class _DocContext:
    """Per-document lookups: which tokens belong to which mention, and role resolution."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mention_at: dict[int, Mention] = {}
        for group in (MENTIONS_KEY, COREF_KEY):
            for span in doc.spans.get(group, []):
                mention = Mention(
                    text=span.text,
                    name=span.id_ or span.text,
                    label=LABEL_NAMES.get(span.label_, span.label_),
                    start=span.start_char,
                    end=span.end_char,
                )
                for token in span:
                    self.mention_at.setdefault(token.i, mention)
        self.coref_tokens = {t.i for span in doc.spans.get(COREF_KEY, []) for t in span}
        lexicon = default_lexicon()
        # Nouns that take their entity from a name before them: "the OpenStack project".
        self.generic_nouns = (
            lexicon.product_nouns
            | lexicon.org_nouns
            | {noun for nouns in lexicon.anaphors.values() for noun in nouns}
        )
        self.org_nouns = lexicon.org_nouns
        # Nouns whose list names things of their kind: "its titles include X and Y".
        self.listed_nouns = lexicon.list_product_nouns | lexicon.list_org_nouns

    def mention_tokens(self, sentence: Span) -> Iterator[Token]:
        """The tokens of a sentence that are part of a mention, in order."""
        doc = sentence.doc
        return (doc[i] for i in range(sentence.start, sentence.end) if i in self.mention_at)

    # -- filling roles

    def fillers(self, token: Token | None, depth: int = 0) -> list[_Filler]:
        """The mentions a token stands for, its conjuncts included."""
        if token is None or depth > 4:
            return []
        found: dict[str, _Filler] = {}
        items = [token, *token.conjuncts]
        for item in list(items):
            if item.i not in self.mention_at:
                continue
            # "Audi, Ford of Europe, Jaguar and BMW": the parser hangs the rest of the list on
            # the name inside the item
            items.extend(
                conjunct
                for c in item.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                # or on the last word of a name: "Frontier Telephone of Rochester, Verizon ..."
                if g.dep_ == "pobj"
                and (len(items) > 1 or self.mention_at.get(g.i) is self.mention_at[item.i])
                for conjunct in g.conjuncts
                if conjunct.i > g.i
            )
            # a list the parser read as appositions: "Cisco, HP, Dell and AT&T", "including
            # Nestle, ITC, KFC, and Britannia" (a lone apposition of a lone name is a
            # description, "True Ventures, ..., Giga Omni Media", not a list)
            listed = [
                c
                for c in item.children
                if c.dep_ == "appos" and c.i in self.mention_at and not stray_apposition(c)
            ]
            for child in listed:
                # "behind the Boston Celtics (17), Los Angeles Lakers (17), and Chicago Bulls"
                if child.conjuncts or len(listed) > 1 or item.i != token.i or item.conjuncts:
                    items.extend((child, *child.conjuncts))
        for item in items:
            for filler in self._fillers_one(item, depth):
                if (
                    filler.mention.name not in found
                    or found[filler.mention.name].penalty > filler.penalty
                ):
                    found[filler.mention.name] = filler
        return list(found.values())

    def _fillers_one(self, token: Token, depth: int) -> list[_Filler]:
        mention = self.mention_at.get(token.i)
        if mention is not None:
            penalty = 0.1 if token.i in self.coref_tokens else 0.0
            return [_Filler(mention, penalty)]
        lower = token.lower_
        if lower in _RELATIVE_PRONOUNS and token.tag_ in {"WDT", "WP", "WP$"}:
            clause = token
            while clause.dep_ != "relcl" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ == "relcl":
                return self.fillers(clause.head, depth + 1)
            return []
        if lower == "that" and token.dep_ in {"pobj", "dobj", "nsubj"}:
            # "including that of Rackspace", "software like that sold by VMware"
            found = [
                f
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for f in self._pobj_fillers(c, depth)
            ]
            for clause in token.children:
                if clause.dep_ == "acl":
                    found.extend(self.prep_fillers(clause, frozenset({"by"})))
            return self._loosen(found, 0.1)
        if token.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"} and token.dep_ != "attr":
            return []  # ("was the first to challenge Z": an adjective standing for its subject)
        # "the OpenStack project", "OpenStack-based startups" is handled by its own rule
        named = [
            self.mention_at[c.i]
            for c in token.children
            if c.dep_ in {"compound", "nmod", "amod"}
            and c.i in self.mention_at
            and c.i not in self.coref_tokens
        ]
        # "its Canadian subsidiary, Triton Petroleum Ltd": the apposition names it
        named_appositions = [
            f
            for c in token.children
            if c.dep_ == "appos" and c.i in self.mention_at and not stray_apposition(c)
            for f in self.fillers(c, depth + 1)
        ]
        if named_appositions and lower in self.generic_nouns:
            return self._loosen(named_appositions, 0.05)
        if named and token.lemma_.lower() in _PLATFORM_NOUNS:
            return []  # "an iOS application", "the Windows version": made for it, not it
        if (
            named
            and (lower in self.generic_nouns or lower in _PORTION_NOUNS)
            and not any(c.text == "-" for c in token.children)
            # "four suburban Chicago banks" are not Chicago (shares of X are X's)
            and not (
                lower not in _PORTION_NOUNS and any(c.dep_ == "nummod" for c in token.children)
            )
        ):
            return [_Filler(named[-1], 0.05)]
        if (
            named
            and token.pos_ == "PROPN"
            and token.dep_ in _ANY_SUBJECT | {"dobj", "pobj", "conj", "attr"}
            and all(
                c.pos_ == "PROPN" and c.text[:1].isupper()
                for c in token.children
                if c.dep_ == "compound"
            )
        ):
            # "Vodafone Global Enterprise acquired ...": a name cut short by the model; the
            # part it found stands for the whole
            return [_Filler(named[-1], 0.1)]
        results: list[_Filler] = []
        # "develops games for mobile phone, iOS, Android": names after a "for"/"on" phrase
        # continue its list (the parser hangs them on the noun), they are not the noun
        recipient = min(
            (c.i for c in token.children if c.dep_ == "prep" and c.lower_ in {"for", "on"}),
            default=len(token.doc),
        )
        for child in token.children:
            if child.dep_ == "appos" and child.i < recipient and not stray_apposition(child):
                results.extend(self._loosen(self.fillers(child, depth + 1), 0.05))
            elif child.dep_ == "prep" and (
                child.lower_ in _EXAMPLE_PREPS
                or (child.lower_ == "of" and lower == "likes")
                or (child.lower_ in {"from", "to"} and lower in _RANGE_NOUNS)
            ):
                if child.lower_ == "as" and not _is_such_as(child):
                    continue
                results.extend(self._loosen(self._pobj_fillers(child, depth), 0.1))
        if results:
            return results
        if lower in {"version", "versions", "edition", "editions", "update", "upgrade"}:
            # "released the first public version of CodeIgniter": the thing itself
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    results.extend(self._loosen(self._pobj_fillers(child, depth), 0.05))
            if results:
                return results
        if lower in _PORTION_NOUNS:
            share = _minority_share(token)
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
                    results.extend(
                        _Filler(f.mention, f.penalty + 0.05, share or f.share)
                        for f in self._pobj_fillers(child, depth)
                    )
                elif child.dep_ == "poss" and (
                    (
                        child.pos_ == "PROPN"
                        and token.dep_ in {"dobj", "nsubjpass"}
                        and token.head.lemma_.lower() not in {"sell", "divest", "dispose"}
                    )
                    # "a tender offer for all its shares": the shares of the one it refers to
                    or (
                        child.i in self.coref_tokens
                        and token.dep_ == "pobj"
                        and token.head.lower_ == "for"
                    )
                ):
                    # "acquired Scottish & Newcastle's retail business" (not "sold its business")
                    results.extend(self._loosen(self.fillers(child, depth + 1), 0.1))
            if results:
                return results
        if token.tag_ in {"NNS", "NNPS"}:
            # "production clouds at Zynga": the organisations the things belong to
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in {"at", "from"}:
                    results.extend(self._loosen(self._pobj_fillers(child, depth), 0.15))
            if results:
                return results
        if lower in _GROUP_NOUNS:
            # "a consortium led by X and Y": those who lead it
            for clause in token.children:
                if clause.dep_ == "acl" and clause.lemma_.lower() in _LEAD_VERBS:
                    results.extend(self._loosen(self.prep_fillers(clause, frozenset({"by"})), 0.1))
            if results:
                return results
        if token.dep_ == "appos":
            return self._loosen(self.fillers(token.head, depth + 1), 0.05)
        if lower in self.generic_nouns and token.dep_ == "pobj":
            # "an investor in the parent company of this blog, Giga Omni Media": the parser
            # hangs the closing apposition higher up, but it names the noun phrase before it
            after = token.right_edge.i + 1
            if after + 1 < len(token.doc) and token.doc[after].text == ",":
                follower = token.doc[after + 1]
                closing = self.mention_at.get(follower.i)
                root = follower
                while root.dep_ == "compound" and root.head.i != root.i:
                    root = root.head
                if closing is not None and closing.start == follower.idx and root.dep_ == "appos":
                    return [_Filler(closing, 0.1)]
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "among"
            and token.head.head.lemma_ in _COPULAS
        ):
            # "Citrix was among the first users": the users include Citrix
            subject = _child(token.head.head, _SUBJECT_DEPS)
            return self._loosen(self.fillers(subject, depth + 1), 0.05)
        if token.dep_ in {"attr", "acomp"}:
            subject = _child(token.head, _SUBJECT_DEPS)
            if subject is None and token.head.dep_ == "conj":
                # "X marketed Y and was the first to challenge Z": the first verb's subject
                subject = _child(token.head.head, _SUBJECT_DEPS)
            if subject is not None:
                return self._loosen(self.fillers(subject, depth + 1), 0.05)
        if (
            token.dep_ == "nsubj"
            and (lower in self.generic_nouns or token.lemma_.lower() in self.listed_nouns)
            and token.head.lemma_ == "be"
            and (attribute := _child(token.head, {"attr"})) is not None
        ):
            # "the titles Vestron released were Dirty Dancing and Monster Squad"
            return self._loosen(self.fillers(attribute, depth + 1), 0.05)
        return []

    def _pobj_fillers(self, preposition: Token, depth: int) -> list[_Filler]:
        found = [
            f
            for c in preposition.children
            if c.dep_ in {"pobj", "pcomp"}
            for f in self.fillers(c, depth + 1)
        ]
        if preposition.lower_ == "from":  # "from X to Y"
            for child in preposition.children:
                if child.dep_ == "prep" and child.lower_ == "to":
                    found.extend(self._pobj_fillers(child, depth + 1))
        if not any(c.dep_ in {"pobj", "pcomp"} for c in preposition.children):
            # "partnered with Chinese technology vendor Huawei to run ...": the parser gave the
            # name to the next clause; a name right after the preposition and its description
            for token in preposition.doc[preposition.i + 1 : preposition.i + 6]:
                mention = self.mention_at.get(token.i)
                if mention is not None:
                    return [_Filler(mention, 0.1)]
                if token.pos_ not in {"NOUN", "ADJ", "PROPN", "DET"}:
                    break
        return found

    @staticmethod
    def _loosen(fillers: list[_Filler], penalty: float) -> list[_Filler]:
        return [_Filler(f.mention, f.penalty + penalty, f.share) for f in fillers]

    def prep_fillers(self, token: Token, preps: frozenset[str]) -> list[_Filler]:
        results = []
        for child in token.children:
            # spaCy calls the "to" of "sell Y to Z" a dative
            if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
                for preposition in (child, *child.conjuncts):  # "with X and with Y"
                    results.extend(self._pobj_fillers(preposition, 0))
        return results

    # -- roles by trigger kind

    def verb_roles(self, verb: Token, rule: Rule) -> dict[str, list[_Filler]]:
        # "Kudzu.com partnered with HGTV" read as a noun phrase: the verb is the sentence's own
        headline = (
            verb.dep_ == "acl"
            and verb.head.i in self.mention_at
            and (
                verb.head.dep_ == "ROOT"
                # "SBC partnered with TV5 to serve ...": read as "SBC (partnered) to serve",
                # which leaves the sentence without a finite verb
                or (
                    verb.head.dep_ == "nsubj"
                    and verb.head.head.tag_ == "VB"
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.head.head.children)
                )
            )
        )
        passive = any(
            c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ in {"auxpass", "agent"} for c in verb.children
        ) or (verb.dep_ == "acl" and verb.tag_ == "VBN" and not headline)
        agent: list[_Filler] = []
        patient: list[_Filler] = []
        deal = rule.type == "ACQUIRED"
        if passive:
            patient = self.deal_fillers(_child(verb, _PASSIVE_SUBJECT_DEPS), verb, deal)
            agent = self.prep_fillers(verb, frozenset({"by"}))
            if not patient and rule.type == "USES":
                # "X's video has been used by Y": Y uses what X makes
                used = _child(verb, _PASSIVE_SUBJECT_DEPS)
                if used is not None:
                    patient = self._loosen(self.fillers(_child(used, {"poss"})), 0.1)
        else:
            agent = self.fillers(_child(verb, _SUBJECT_DEPS)) or self._misread_subject(verb)
            if not agent and _noun_read_verb(verb):
                # "CMA CGM purchases OT Africa Line" read as the noun "purchases" with its
                # subject as a compound
                agent = [
                    f
                    for c in verb.children
                    if c.dep_ == "compound" and c.i in self.mention_at
                    for f in self.fillers(c)
                ]
            if not agent and headline:
                agent = self._loosen(self.fillers(verb.head), 0.05)
            for child in verb.children:
                if child.dep_ in {"dobj", "dative"}:
                    patient.extend(self.deal_fillers(child, verb, deal))
                elif child.dep_ == "xcomp" and child.i in self.mention_at:
                    # "X acquires Rising Sun Pictures": a name the parser read as a verb
                    patient.extend(self.fillers(child))
        if passive and not patient:
            # "Y agreed to be acquired by X", "Y signed an agreement to be acquired by X": the
            # one that agreed is the one acquired
            patient = self._loosen(self._governing_subject(verb), 0.05)
        if passive and not patient and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
            # "Y is in the process of being taken over by X": up to the clause Y is subject of
            governor = _governing_verb(verb.head)
            subject = _child(governor, _ANY_SUBJECT)
            if subject is None and governor.dep_ == "conj":
                subject = _child(governor.head, _ANY_SUBJECT)
            patient = self._loosen(self.fillers(subject), 0.1)
        if not patient and verb.dep_ == "acl" and verb.tag_ == "VBN":
            patient = self.fillers(verb.head)  # "the project founded by Rackspace"
        if (
            not patient
            and not passive
            and verb.dep_ == "relcl"
            and agent
            and not any(c.dep_ in _OBJECT_DEPS or c.tag_ in {"WDT", "WP"} for c in verb.children)
        ):
            patient = self.fillers(verb.head)  # "Y, a business X acquired in 2006"
        direct = list(patient)
        target = self.prep_fillers(verb, rule.preps)
        if not target and rule.type == "USES":
            # "produces shows for the BBC": the parser hangs the preposition on the object
            for child in verb.children:
                if child.dep_ == "dobj":
                    target.extend(self.prep_fillers(child, rule.preps))
        if deal:
            # "will pay 630 mln dlrs for the corn milling business of Y"
            holders = [verb] + [
                c
                for c in verb.children
                if c.dep_ in _OBJECT_DEPS and c.lemma_.lower() in rule.object_nouns
            ]
            units = [
                unit
                for holder in holders
                for g in _prep_objects(holder, rule.preps, deps=frozenset({"prep", "dative"}))
                if (unit := self._unit(g, verb)) is not None
            ]
            target = units or target
        if not target and rule.object_nouns:
            # "offer 4.15 dlrs a share cash for Y", "signed an agreement with Y": the parser
            # hangs the preposition on the object noun
            for child in verb.children:
                if child.dep_ in _OBJECT_DEPS and child.lemma_.lower() in rule.object_nouns:
                    target.extend(self.prep_fillers(child, rule.preps))
        patient.extend(target)
        if not agent and not passive:
            # "clouds running atop it, including clouds at Zynga": the subject's examples
            agent = self._loosen(self.prep_fillers(verb, frozenset({"including"})), 0.1)
        if not agent:
            agent = self._implicit_agent(verb, passive)
        agent.extend(self._followers(verb))
        if not patient and rule.type == "MEMBER_OF" and not passive:
            # "Citrix was among the first to sign on": joined what the text is about
            patient = self._loosen(self._topic(verb, labels=("Product", "Organization")), 0.2)
        # what moves: "merged Y into X" (the object), "Y merged into X" (the subject)
        # (only a named subject: "a unit of X will merge into Y" is how X takes Y over)
        subject = _child(verb, _SUBJECT_DEPS)
        theme = direct or (
            self.fillers(subject)
            if not passive and subject is not None and subject.i in self.mention_at
            else []
        )
        return {
            "agent": agent,
            "patient": patient,
            "object": direct,
            "target": target,
            "theme": theme,
        }

    def _misread_subject(self, verb: Token) -> list[_Filler]:
        """ "In 2014 Acme joined ...": without a comma the parser takes the subject for the
        object of the opening "In"; a name right after the date is the subject."""
        if any(c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS for c in verb.children):
            return []
        for child in verb.children:
            if child.dep_ != "prep" or child.i != verb.sent.start or child.i > verb.i:
                continue
            for word in child.subtree:
                mention = self.mention_at.get(word.i)
                previous = word.doc[word.i - 1] if word.i > 0 else None
                if (
                    mention is not None
                    and word.idx == mention.start
                    and previous is not None
                    and (previous.like_num or previous.ent_type_ == "DATE")
                ):
                    return [_Filler(mention, 0.1)]
        return []

    def deal_fillers(self, token: Token | None, verb: Token, deal: bool) -> list[_Filler]:
        """What changes hands in a deal: a named company, or a described part of one."""
        unit = self._unit(token, verb) if deal and token is not None else None
        return [unit] if unit is not None else self.fillers(token)

    def _unit(self, token: Token, governor: Token) -> _Filler | None:
        """ "its industrial products division", "the Measurement Systems Division of Page-Wilson
        Corp", "a gypsum wallboard plant ... from Norwest Gypsum": a part of a company that is
        bought or sold, named after its owner so that units of different owners stay apart."""
        if token.i in self.mention_at or token.lemma_.lower() not in _UNIT_NOUNS:
            return None
        possessor = _child(token, {"poss"})
        if (
            possessor is not None
            and possessor.pos_ == "PROPN"
            and governor.lemma_.lower() not in {"sell", "divest", "dispose", "sale"}
        ):
            return None  # "bought Globex's retail business": a stake in Globex, as before
        owned = {t.i for t in possessor.subtree} if possessor is not None else set()
        phrase = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.i not in owned]
        if any(t.i in self.mention_at for t in phrase) or any(
            c.dep_ == "appos" and c.i in self.mention_at for c in token.children
        ):
            # "its Greyhound Lines unit", "its business, Norton Pty Ltd": the named company
            return None
        words = [
            t
            for t in phrase
            if t.dep_ not in {"det", "case", "nummod", "predet", "quantmod"}
            and not t.is_punct
            and t.lower_ not in _VAGUE_WORDS
            and not t.like_num
        ]
        if len(words) < 2 or token.i - token.left_edge.i > 8:
            return None
        owner = self.fillers(possessor)
        if not owner:
            owner = [
                f
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for f in self._pobj_fillers(c, 0)
            ]
        if not owner:
            owner = self.prep_fillers(governor, frozenset({"from"}))
        if len(owner) != 1 or owner[0].mention.name.lower() in (w.lower_ for w in words):
            return None
        first = words[0]
        mention = Mention(
            text=token.doc[first.i : token.i + 1].text,
            name=f"{owner[0].mention.name} {' '.join(w.text for w in words)}",
            label="Organization",
            start=first.idx,
            end=token.idx + len(token.text),
        )
        return _Filler(mention, owner[0].penalty + 0.1)

    def _governing_subject(self, verb: Token) -> list[_Filler]:
        """The subject of the verb an infinitive depends on, directly ("agreed to be bought")
        or through a decision noun ("signed an agreement to be bought")."""
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return []
        governor = verb.head
        if verb.dep_ == "acl" and governor.lemma_.lower() in _DECISION_NOUNS:
            if governor.dep_ not in {"dobj", "pobj"}:
                return []
            governor = governor.head if governor.dep_ == "dobj" else governor.head.head
        elif verb.dep_ != "xcomp":
            return []
        if governor.pos_ not in {"VERB", "AUX"}:
            return []
        return self.fillers(_child(governor, _SUBJECT_DEPS))

    def peer_roles(self, trigger: Token) -> dict[str, list[_Filler]]:
        """Companies set side by side: compared ("unlike X", "as opposed to X", "compared to
        X", "in contrast to X"), ranked ("the second largest retailer, behind X") or counted
        in one group ("one of the three major retailers along with X", "one of the Big 4
        brewers, which also included X", "one of two such companies (the other being X)")."""
        lower = trigger.lower_
        others: list[_Filler] = []
        clause = _governing_verb(trigger.head if trigger.pos_ == "VERB" else trigger)
        if lower == "unlike" and trigger.dep_ == "prep":
            others = self._compared(trigger)
        elif lower in {"opposed", "compared", "contrast"}:
            if lower == "contrast" and not (trigger.dep_ == "pobj" and trigger.head.lower_ == "in"):
                return {}
            if any(c.dep_ == "nsubj" for c in trigger.children):
                return {}  # "whose genius he compared to that of Mozart": someone compares
            for child in trigger.children:
                if child.dep_ == "prep" and child.lower_ in {"to", "with"}:
                    others = self._compared(child)
        elif lower in {"similar", "similarly"}:
            # "Very similar to X, Y was ...", "Similarly to X, Y offers ..."
            for child in trigger.children:
                if child.dep_ == "prep" and child.lower_ == "to":
                    others = self._compared(child)
            if not others and trigger.i + 1 < len(trigger.doc):
                after = trigger.doc[trigger.i + 1]
                if after.lower_ == "to" and after.dep_ == "prep":
                    others = self._compared(after)
        elif lower in {"than", "as"} and trigger.dep_ == "prep":
            # "sells more phones than X", "not as large as X", "twice as many cars as X"
            scale = trigger.head
            if lower == "than" and scale.tag_ not in {"JJR", "RBR"} and not any(
                c.tag_ in {"JJR", "RBR"} for c in scale.children
            ):
                return {}
            # (not "broadcasters as diverse as X", which describes the broadcasters, nor
            # "as well as X", which adds to a list)
            if lower == "as" and (
                scale.dep_ == "amod"
                or trigger.doc[trigger.i - 1].lower_ == "well"
                or not any(
                    c.lower_ == "as" and c.dep_ == "advmod" and c.i < trigger.i
                    for c in scale.subtree
                )
            ):
                return {}
            others = self._compared(trigger)
        elif lower in {"behind", "after"} and trigger.dep_ == "prep":
            if not _ranked(trigger.head) and not _ranked(clause):
                return {}
            others = self._compared(trigger)
        elif lower == "along" and _counted_in_group(clause):
            others = self.prep_fillers(trigger, frozenset({"with"}))
        elif trigger.lemma_.lower() == "include" and trigger.dep_ == "relcl" and (
            trigger.head.lemma_.lower() not in _MARKET_NOUNS
        ):
            group = trigger.head
            # "one of the Big 4 brewers located in Omaha, which also included X": the clause
            # the parser hung on the place is the group's
            while group.dep_ == "pobj" and group.head.head.dep_ == "acl":
                group = group.head.head.head
            clause = _governing_verb(group)
            in_group = group.dep_ == "pobj" and group.head.lower_ == "of"
            if not (in_group and _counted_in_group(clause)):
                return {}
            others = self.fillers(_child(trigger, {"dobj"}))
        elif lower == "other" and trigger.dep_ == "amod":
            # "leaving this to other operators such as X", "not interoperable with other
            # systems (such as X)": companies of the subject's kind
            group = trigger.head
            if (
                group.tag_ != "NNS"
                or group.lemma_.lower() not in _PEER_NOUNS
                # set beside the subject ("leaving this to other operators", "like other
                # banks", "as other publishers were launching ..."), not what it deals with
                # ("considering proposals from other firms such as X")
                or not (
                    (group.dep_ == "pobj" and group.head.lower_ in _BESIDE_PREPS)
                    or group.dep_ in _ANY_SUBJECT
                )
                # ("X, Y and other companies": X and Y are the list, not the subject's peers)
                or group.dep_ == "conj"
                # ("other Acme chains", "its other brands": one owner's, not rivals)
                or any(
                    c.dep_ in {"compound", "poss", "nmod"}
                    and (c.i in self.mention_at or c.tag_ == "PRP$")
                    for c in group.children
                )
            ):
                return {}
            # the examples given of them, not a name inside ("other Acme chains")
            others = [f for f in self._examples(group) if f.mention.label == "Organization"]
            clause = _governing_verb(group)
            if group.dep_ in _ANY_SUBJECT and clause.dep_ == "advcl":
                # "X was launched as several other publishers, including Y, were launching ..."
                clause = clause.head
            subject = _child(clause, _ANY_SUBJECT)
            if subject is not None and subject.i not in self.mention_at:
                return {}  # ("its products are sold by other retailers such as X")
        elif trigger.lemma_.lower() in {"include", "dominate"} and (
            trigger.dep_ in {"relcl", "acl"} and trigger.head.lemma_.lower() in _MARKET_NOUNS
        ):
            # "a fragmented industry that includes X", "to compete in a field dominated by X"
            if trigger.lemma_.lower() == "include":
                others = self.fillers(_child(trigger, {"dobj"}))
            else:
                others = self.prep_fillers(trigger, frozenset({"by"}))
            clause = _governing_verb(trigger.head)
        elif trigger.lemma_.lower() in _CONTENDER_NOUNS and trigger.tag_ == "NNS":
            # "X and Y were among the bidders for ...": the coordinated subjects vie
            if not (trigger.dep_ == "pobj" and trigger.head.lower_ in {"among", "of"}):
                return {}
            clause = _governing_verb(trigger)
            bidders = self.fillers(_child(clause, _ANY_SUBJECT))
            return {"anchor": bidders[:1], "other": bidders[1:]} if len(bidders) > 1 else {}
        elif lower in {"other", "others"}:
            # "(the other being X)": an apposition, or the subject of a relative "being"
            being = [c for c in trigger.children if c.dep_ == "acl" and c.lower_ == "being"]
            if trigger.dep_ == "nsubj" and trigger.head.lower_ == "being":
                being = [trigger.head]
            if not being:
                return {}
            others = self.fillers(_child(being[0], {"attr"}))
            clause = trigger.sent.root
            if not _counted_in_group(clause):
                return {}
        if not others:
            return {}
        subject = _child(clause, _ANY_SUBJECT)  # "X was considered one of the big three"
        holder = clause
        while subject is None and holder.dep_ in {"xcomp", "acomp"}:
            # "X was able to sell twice as many cars as Y", "X outlets tend to be larger"
            holder = holder.head
            subject = _child(holder, _ANY_SUBJECT)
        anchor = self.fillers(subject)
        if subject is None and (misread := _subject_read_as_apposition(trigger, clause)):
            # "Compared to X, Y has ...": the parser hung the subject Y on X
            anchor = self.fillers(misread)
            taken = {f.mention.start for f in anchor}
            others = [f for f in others if f.mention.start not in taken]
        if not anchor and subject is not None:
            # "X's outlets are larger than ...", "X outlets are larger than ..."
            owner = _child(subject, {"poss"}) or _child(subject, {"compound"})
            anchor = self._loosen(self.fillers(owner), 0.1)
        if not anchor and subject is None and clause.dep_ in {"advcl", "conj", "xcomp"}:
            anchor = self._implicit_agent(clause, False)
        if not anchor and clause.lemma_.lower() in {"turn", "make"}:
            anchor = self.fillers(_child(clause, {"dobj"}))  # "turned X into the second largest"
        # peers are of one kind: a company with companies, a product with products ("the V8
        # is cheaper than Aston models" compares a product with its maker's)
        kinds = {f.mention.label for f in anchor}
        others = [f for f in others if f.mention.label in kinds and f.mention.label != "Person"]
        return {"anchor": anchor, "other": others}

    def _examples(self, group: Token) -> list[_Filler]:
        """The names given as examples of a plural noun: "chains such as X", "firms including
        X", "brands like X"."""
        return [
            f
            for c in group.children
            if c.dep_ == "prep"
            and c.lower_ in _EXAMPLE_PREPS
            and (c.lower_ != "as" or _is_such_as(c))
            for f in self._pobj_fillers(c, 0)
        ]

    def _compared(self, preposition: Token) -> list[_Filler]:
        """The names a comparison is with: "unlike X", "to Sprint and Verizon's technology",
        "after Bell Internet" (a name the model cut short)."""
        nouns = [c for c in preposition.children if c.dep_ == "pobj"]
        # "than Amazon's European cloud platform": the owner, not a word describing the thing
        owners = [
            f
            for noun in nouns
            if noun.i not in self.mention_at
            for f in self.fillers(_child(noun, {"poss"}))
        ]
        found = self._loosen(owners, 0.1) or self._pobj_fillers(preposition, 0)
        for noun in nouns:
            if not found:
                owner = _child(noun, {"poss"}) or _child(noun, {"compound"})
                found = self._loosen(self.fillers(owner), 0.1)
            for clause in noun.children:
                if not found and clause.dep_ == "acl" and clause.tag_ == "VBN":
                    # "than the formats used by X and Y"
                    found = self._loosen(self.prep_fillers(clause, frozenset({"by"})), 0.1)
        return found

    def _implicit_agent(self, verb: Token, passive: bool) -> list[_Filler]:
        """Who acts when the clause has no subject of its own."""
        if passive:
            return []
        # "an agreement was announced for X to acquire Y": "for" introduces the subject of the
        # infinitive right after it
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            noun = verb.head
            while verb.dep_ == "acl" and noun.dep_ == "appos" and noun.head.i != noun.i:
                noun = noun.head
            if verb.dep_ == "acl" and noun.dep_ == "pobj" and noun.head.lower_ == "for":
                # "talks for X, a grocery chain based in Texas, to acquire Y"
                return self._loosen(self.fillers(noun), 0.05)
            for holder in (verb.head, *verb.head.children):
                if (
                    holder.dep_ == "prep"
                    and holder.lower_ == "for"
                    and holder.right_edge.i + 1 == verb.left_edge.i
                ):
                    return self._loosen(self._pobj_fillers(holder, 0), 0.05)
        if verb.dep_ == "pcomp" and verb.head.lower_ in {"by", "through", "after", "via", "before"}:
            # "X expanded by acquiring Y", "after acquiring Y, X ...": the governor's subject
            governor = verb.head.head
            if governor.pos_ in {"VERB", "AUX"}:
                return self._loosen(self.fillers(_child(governor, _ANY_SUBJECT)), 0.1)
        if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i:
            head = verb.head
            subject = _child(head, _SUBJECT_DEPS)
            # "X competed with Y but broadened its range and competed with Z": up the chain
            while subject is None and verb.dep_ == "conj" and head.dep_ == "conj":
                head = head.head
                subject = _child(head, _SUBJECT_DEPS)
            if subject is None and head.lemma_.lower() in _PURPOSE_VERBS:
                # "X was founded to compete with Y": what was set up does it
                subject = _child(head, _PASSIVE_SUBJECT_DEPS)
            if subject is not None:
                return self._loosen(self.fillers(subject), 0.1)
        if verb.dep_ == "relcl" and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
            return self.fillers(verb.head)  # "the first users to sign on"
        if verb.dep_ == "acl":
            noun = verb.head
            if verb.tag_ == "VBG":  # "clouds running atop it"
                return self.fillers(noun)
            if noun.lemma_.lower() in _BID_WORDS | {"proposal"}:
                # "an offer from X to buy Y", "its offer to buy Y": who made it (whoever
                # received or rejected it is the one sought)
                made = self.fillers(_child(noun, {"poss"})) or self.prep_fillers(
                    noun, frozenset({"from", "by"})
                )
                if not made and noun.dep_ == "dobj" and noun.head.lemma_ in _SUPPORT_VERBS:
                    made = self._loosen(self.fillers(_child(noun.head, _SUBJECT_DEPS)), 0.05)
                return made
            if noun.lemma_.lower() in _DECISION_NOUNS:
                owner = _child(noun, {"poss"})
                if owner is not None:
                    return self.fillers(owner)
                # "X entered into an agreement to acquire Y", "X signed a pact to buy Y"
                governor = noun.head
                # "signed a letter of intent to buy Y": up through the prepositions to the verb
                while governor.dep_ in {"prep", "pobj", "dobj"} and governor.pos_ not in {
                    "VERB",
                    "AUX",
                }:
                    governor = governor.head
                if noun.dep_ in {"dobj", "pobj"} and governor.pos_ in {"VERB", "AUX"}:
                    subject = _child(governor, _SUBJECT_DEPS)
                    if subject is None and governor.dep_ == "conj":
                        # "X expands its base and signs an agreement to acquire Y"
                        subject = _child(governor.head, _SUBJECT_DEPS)
                    if subject is not None:
                        return self._loosen(self.fillers(subject), 0.05)
                return self._loosen(self._topic(verb), 0.25)
        return []

    def _followers(self, verb: Token) -> list[_Filler]:
        """ "X signed on, followed by the likes of Y and Z": Y and Z did it too."""
        found: list[_Filler] = []
        holders = [verb]
        while holders[-1].head.i != holders[-1].i and len(holders) < 4:
            holders.append(holders[-1].head)
        for holder in holders:
            for child in holder.children:
                if (
                    child.dep_ in {"advcl", "conj"}
                    and child.lemma_.lower() in _FOLLOWER_VERBS
                    and child.i != verb.i
                ):
                    found.extend(self._loosen(self.prep_fillers(child, frozenset({"by"})), 0.1))
        return found

    def _topic(self, token: Token, labels: tuple[str, ...] = ("Organization",)) -> list[_Filler]:
        """What the text was last about: the subject of the sentence before, else the latest
        mention with one of ``labels`` ("The decision to back X" after "... for Citrix")."""
        sentence_start = token.sent.start
        if sentence_start > 0:
            previous = token.doc[sentence_start - 1].sent
            for candidate in previous:
                mention = self.mention_at.get(candidate.i)
                if (
                    mention is not None
                    and mention.label in labels
                    and candidate.dep_ in _SUBJECT_DEPS
                ):
                    return [_Filler(mention)]
        for index in range(sentence_start - 1, max(-1, sentence_start - 120), -1):
            mention = self.mention_at.get(index)
            if mention is not None and mention.label in labels:
                return [_Filler(mention)]
        return []

    def event_noun_roles(self, noun: Token, rule: Rule) -> dict[str, list[_Filler]]:
        owner = _child(noun, {"poss"})
        if owner is None:
            # "its 65 dlr per share bid for Y": the parser hangs the possessive on the price
            owner = next(
                (
                    g
                    for c in noun.children
                    if c.dep_ in {"nmod", "compound", "amod"}
                    for g in c.children
                    if g.dep_ == "poss"
                ),
                None,
            )
        agent = self.fillers(owner)
        agent.extend(self.prep_fillers(noun, frozenset({"by"})))
        if not agent:
            # "the acquisition of Y in Seattle, Washington, by X": the parser hangs the agent on
            # the last noun of the object
            agent = [
                f
                for g in _prep_objects(noun, rule.preps)
                for t in g.subtree
                if t.lower_ == "by" and t.dep_ in {"prep", "agent"} and t.head.pos_ != "VERB"
                for f in self._pobj_fillers(t, 0)
            ]
        if not agent and noun.dep_ == "dobj":
            # "X announced the acquisition of Y ... by Z": a "by" on an active verb is the
            # nominal's (the verb's own agent would be its subject)
            agent = [
                f
                for c in noun.head.children
                if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i
                for f in self._pobj_fillers(c, 0)
            ]
        patient = self.prep_fillers(noun, rule.preps)
        if not patient and noun.lemma_.lower() in _BID_WORDS:
            # "its offer of 13 dlrs a share for Y shares": the parser hangs "for" on the price
            patient = [
                f
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for t in c.subtree
                if t.dep_ == "prep" and t.lower_ in rule.preps
                for f in self._pobj_fillers(t, 0)
            ]
        if rule.type == "ACQUIRED":
            # "the sale of its industrial products division to Y"
            units = [
                unit
                for g in _prep_objects(noun, rule.preps)
                if (unit := self._unit(g, noun)) is not None
            ]
            patient = units or patient
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in {"receive", "get", "reject"}:
            # "Rexham said it received an offer from Nortek": the receiver is what is sought
            suitors = self.prep_fillers(noun, frozenset({"from"}))
            if suitors and not patient:
                agent = agent or suitors
                patient = self._loosen(self.fillers(_child(noun.head, _SUBJECT_DEPS)), 0.05)
        if not agent and noun.dep_ in {"dobj", "pobj", "attr"}:
            verb = noun.head if noun.dep_ != "pobj" else noun.head.head
            # "signed a definitive agreement for the acquisition of Y": up to the verb
            while (
                verb.pos_ not in {"VERB", "AUX"}
                and verb.lemma_.lower() in _DECISION_NOUNS
                and verb.dep_ in {"dobj", "pobj"}
            ):
                verb = verb.head if verb.dep_ == "dobj" else verb.head.head
            if verb.pos_ in {"VERB", "AUX"} and (
                verb.lemma_ in _SUPPORT_VERBS
                # "X grew through the acquisition of Y", "followed this up with the purchase
                # of Y": the means of what the subject did
                or (noun.dep_ == "pobj" and noun.head.lower_ in {"through", "with", "via"})
            ):
                subject = _child(verb, _SUBJECT_DEPS)
                agent = self.fillers(subject)
                if subject is None and verb.dep_ == "advcl":
                    # "Faced with competition from Y, X closed ...": the main clause's subject
                    agent = self._implicit_agent(verb, False)
                agent = self._loosen(agent, 0.05)
        if (
            not agent
            and noun.dep_ == "nsubjpass"
            and noun.head.lemma_.lower()
            in (_SUPPORT_VERBS | {"perform", "carry", "conduct", "execute"})
        ):
            # "a takeover of Y was performed (completed, announced) by X"
            agent = self._loosen(self.prep_fillers(noun.head, frozenset({"by"})), 0.05)
        if (
            not agent
            and noun.dep_ == "nsubj"
            and noun.head.lemma_.lower() in _PRESSING_VERBS
            and rule.type == "COMPETES_WITH"
        ):
            # "competition from Y forced X to close stores": the one pressed
            agent = self._loosen(self.fillers(_child(noun.head, {"dobj"})), 0.05)
        if (
            not agent
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "for"
            and noun.head.head.lemma_.lower() == "responsible"
        ):
            # "X has been responsible for the production of Y"
            agent = self._loosen(self.fillers(_child(noun.head.head.head, _SUBJECT_DEPS)), 0.05)
        if not agent and noun.dep_ == "pobj" and noun.head.lower_ in {"in", "through", "via"}:
            # "X became a shareholder in Y in partnership with Z": X acts in partnership
            verb = noun.head.head
            if verb.pos_ in {"VERB", "AUX"}:
                agent = self._loosen(
                    self.fillers(_child(verb, _SUBJECT_DEPS)) or self._implicit_agent(verb, False),
                    0.05,
                )
        if not agent:
            # "the tender offer for Y launched this morning by X", "a bid made by X"
            # (or on its object: "the offer for all its shares launched by X")
            for holder in (noun, *_prep_objects(noun, rule.preps)):
                for clause in holder.children:
                    if (
                        clause.dep_ == "acl"
                        and clause.tag_ == "VBN"
                        and (holder is noun or clause.lemma_.lower() in _SUPPORT_VERBS)
                    ):
                        agent.extend(self.prep_fillers(clause, frozenset({"by"})))
        between = [
            f
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "between"
            for f in self._pobj_fillers(c, 0)
        ]
        if len(between) >= 2:
            agent, patient = between[:1], between[1:]
        # "the sale of Y to Z", "completed the sale of Y to Z", "the merger of Y into Z":
        # to whom it went
        target = self.prep_fillers(noun, frozenset({"to", "into"}))
        if not target and noun.dep_ == "dobj":
            target = self.prep_fillers(noun.head, frozenset({"to", "into"}))
        # what moves: "the merger of Y into Z", "its merger into Z"
        theme = patient or agent
        return {"agent": agent, "patient": patient, "target": target, "theme": theme}

    def funding_roles(self, verb: Token, rule: Rule) -> dict[str, list[_Filler]]:
        """ "X raised a Series B round led by Y", "X received funding from Y and Z": the one
        raising is the patient, the ones named with "from" or "led/backed by" the agents."""
        patient = self.fillers(_child(verb, _SUBJECT_DEPS)) or self._implicit_agent(verb, False)
        holders = [verb, *(c for c in verb.children if c.dep_ in {"dobj", "prep", "pobj"})]
        holders.extend(g for c in holders[1:] for g in c.children if g.dep_ == "pobj")
        agent: list[_Filler] = []
        for holder in holders:
            agent.extend(self.prep_fillers(holder, rule.preps))
            for clause in holder.children:
                if clause.dep_ in {"acl", "advcl", "relcl"} and clause.lemma_.lower() in {
                    "lead",
                    "co-lead",
                    "back",
                    "provide",
                    "fund",
                    "include",
                }:
                    agent.extend(self.prep_fillers(clause, frozenset({"by"})))
                    if clause.lemma_.lower() == "include":
                        agent.extend(self.fillers(_child(clause, {"dobj"})))
        return {"agent": agent, "patient": patient}

    def listing_roles(self, noun: Token) -> dict[str, list[_Filler]]:
        """ "Its clients include X and Y", "X works with clients including Y", "Acme counts
        customers like Y": the listed names and the owner of the list."""
        listed: list[_Filler] = []
        governor = noun.head
        subject = noun
        if noun.dep_ == "pobj" and governor.lower_ == "of" and governor.head.dep_ == "nsubj":
            # "Highlights of their productions include X": the list is still the noun's
            subject, governor = governor.head, governor.head.head
        if subject.dep_ == "nsubj" and governor.lemma_.lower() in {
            "include",
            "comprise",
            "be",
            "span",
        }:
            for child in governor.children:
                if child.dep_ in {"dobj", "attr"}:
                    listed.extend(self.fillers(child))
        for holder in (noun, governor) if noun.dep_ in {"dobj", "pobj"} else (noun,):
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in _EXAMPLE_PREPS:
                    if child.lower_ == "as" and not _is_such_as(child):
                        continue
                    listed.extend(self._pobj_fillers(child, 0))
                elif child.dep_ in {"acl", "relcl"} and child.lemma_.lower() == "include":
                    listed.extend(self.fillers(_child(child, {"dobj"})))
        owner = self.fillers(_child(noun, {"poss"}))
        if not owner and subject is noun:
            # "Investors in Vectra include X", "Customers of Acme include Y"
            owner = self.prep_fillers(noun, frozenset({"in", "of"}))
        if not owner and noun.dep_ in {"dobj", "pobj"}:
            verb = governor if noun.dep_ == "dobj" else governor.head
            if verb.pos_ in {"VERB", "AUX"}:
                owner = self._loosen(self.fillers(_child(verb, _SUBJECT_DEPS)), 0.1)
        return {"listed": listed, "owner": owner}

    def relational_noun_roles(self, noun: Token, rule: Rule) -> dict[str, list[_Filler]]:
        """ "X is a rival of Y", "X, a rival of Y", "Y's rival X", "X's biggest rival - Y"."""
        objects = self.prep_fillers(noun, rule.preps) if rule.preps else []
        owner = _child(noun, {"poss"})
        owner_fillers = self.fillers(owner)
        subjects: list[_Filler] = []
        governor = noun.head
        if noun.dep_ in {"attr", "acomp", "oprd"} or (
            noun.dep_ == "dobj" and governor.lemma_ in _COPULAS
        ):
            subjects = self.fillers(_child(governor, _SUBJECT_DEPS))
            aim = governor.head
            if (
                not subjects
                and governor.dep_ == "xcomp"
                and aim.dep_ == "advcl"
                and _child(aim, _ANY_SUBJECT) is None
            ):
                # "Aimed to be a rival to Y, X ...": the subject of the main clause
                subjects = self._loosen(self.fillers(_child(aim.head, _SUBJECT_DEPS)), 0.05)
            if not objects:
                objects = self.prep_fillers(governor, rule.preps)
        elif noun.dep_ == "pobj" and governor.lower_ == "as":
            # "X serves as a partner of Y", "X was founded as a division of Y"
            # (with an object, the object is what it describes: "acquired Y as a unit of X")
            subjects = self.fillers(
                _child(governor.head, {"dobj"}) or _child(governor.head, _ANY_SUBJECT)
            )
            described = governor.head.head
            if not subjects and governor.head.dep_ == "acl" and described.dep_ == "attr":
                # "X was an online bank intended as an alternative to Y"
                subjects = self._loosen(self.fillers(_child(described.head, _SUBJECT_DEPS)), 0.05)
        elif (
            noun.dep_ == "pobj"
            and governor.lower_ in {"among", "of"}
            and governor.head.dep_ in {"attr", "nsubj"}
        ):
            # "Citrix was among the first members", "one of the original creators of OpenStack"
            holder = governor.head
            subjects = (
                self.fillers(_child(holder.head, _SUBJECT_DEPS)) if holder.dep_ == "attr" else []
            )
        elif noun.dep_ == "appos":
            subjects = self._loosen(self.fillers(governor), 0.05)
        elif noun.dep_ in {"compound", "amod"}:
            subjects = self.fillers(governor)  # "rival VMware", "a foundation responsible for X"
        appositions = [
            f for c in noun.children if c.dep_ in {"appos", "nmod"} for f in self.fillers(c)
        ]
        if owner_fillers:
            if not subjects:
                subjects = appositions
            objects = objects or owner_fillers
        elif appositions and not subjects:
            subjects = appositions
        if objects:
            # "a competitor for OpenStack and VMware, as well as Eucalyptus": the parser joins
            # the last of the list to the noun itself
            objects = objects + [
                f
                for c in noun.children
                if c.dep_ == "conj" and c.i in self.mention_at
                for f in self._loosen(self.fillers(c), 0.1)
            ]
        return {"subject": subjects, "object": objects}

    def rival_roles(self, trigger: Token, rule: Rule) -> dict[str, list[_Filler]] | None:
        """ "acquired by its rival Y", "when competitor Y accused X", "left X for rival Y": a
        rivalry noun before a name makes the name the rival of the owner, else of the clause's
        other company (its subject, else its object)."""
        named = trigger.head
        if (
            rule.type != "COMPETES_WITH"
            or trigger.pos_ not in {"NOUN", "ADJ"}
            or trigger.dep_ not in {"amod", "compound"}
            or trigger.i in self.mention_at
        ):
            return None
        if named.i in self.mention_at:
            rival = self.fillers(named)
        elif named.tag_ == "NNS" and (examples := self._examples(named)):
            rival = examples  # "against rival chains such as Y"
        else:
            return None
        # "its rival Y", "X's rival Y", "Zappos competitor Y": whose rival, the owner
        owner = _child(trigger, {"poss", "compound"}) or _child(named, {"poss"})
        if owner is None and named.dep_ == "pobj" and named.head.head.pos_ == "NOUN":
            owner = _child(named.head.head, {"poss"})  # "X's presence against rival chains"
        if owner is not None:
            return {"anchor": self.fillers(owner), "other": rival}
        clause = _governing_verb(named)
        if _unasserted(clause):
            return {}
        taken = {f.mention.name for f in rival}
        candidates = [
            f
            for deps in (_ANY_SUBJECT, {"dobj"})
            for f in self.fillers(_child(clause, deps))
            if f.mention.name not in taken and f.mention.label != "Person"
        ]
        # the nearest before the rival ("left X for rival Y"), else the first after it
        # ("competitor Y accused X")
        before = [f for f in candidates if f.mention.start < named.idx]
        chosen = max(before, key=lambda f: f.mention.start) if before else None
        if chosen is None and candidates:
            chosen = min(candidates, key=lambda f: f.mention.start)
        return {"anchor": self._loosen([chosen], 0.05), "other": rival} if chosen else {}

    def cue_roles(
        self, trigger: Token, exclude_preps: frozenset[str]
    ) -> tuple[dict[str, list[_Filler]], Token] | None:
        """A trigger word anywhere in a clause: the clause's subject (the anchor) and the other
        names in the clause. Looser than the grammatical kinds, hence their lower confidence."""
        if trigger.pos_ == "VERB" and any(
            c.dep_ in _PASSIVE_SUBJECT_DEPS | {"auxpass"} for c in trigger.children
        ):
            return None  # "Y was launched in 1979": Y is what was launched, not who launched
        # the nearest verb up from the trigger: its subject, else who acts for it
        clause = _governing_verb(trigger)
        # "X's clients", "its parent", "Maverick parent company": the trigger's owner
        possessor = _child(trigger, {"poss"})
        if possessor is None and trigger.dep_ in {"compound", "amod"}:
            possessor = _child(trigger.head, {"poss"})  # "its parent company"
        owner = (
            self.fillers(possessor)
            if possessor is not None
            else [
                f
                for c in trigger.children
                if c.dep_ == "compound" and c.i in self.mention_at
                for f in self.fillers(c)
            ]
        )
        if possessor is not None and not owner:
            return None  # "its parent": whose, the mentions do not say
        subject = _child(clause, _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS)
        if (
            not owner
            and subject is not None
            and subject.left_edge.i <= trigger.i <= subject.right_edge.i
        ):
            return None  # "X, a partner firm, hired Y": the cue describes the subject itself
        anchor = self.fillers(subject)
        if not anchor and subject is not None:
            # "Its main competitors are ...", "X's clients include ..."
            anchor = self.fillers(_child(subject, {"poss"}))
        if not anchor and subject is None:
            anchor = self._implicit_agent(clause, False)
        if (
            owner
            and (
                trigger.dep_ == "dobj"
                # "the purchase of Yukos' production unit by Rosneft"
                or (trigger.dep_ == "pobj" and trigger.head.head.lemma_.lower() in _DEAL_NOUNS)
            )
            and clause.lemma_.lower() not in _COPULAS
            and not {f.mention.name for f in owner} & {f.mention.name for f in anchor}
        ):
            return None  # "X purchased Y's division": X acts on Y's unit, X is not one
        # "a joint project between X and Y": the grammar names both ends
        holder = trigger.head if trigger.dep_ in {"amod", "compound"} else trigger
        between = [
            f
            for c in holder.children
            if c.dep_ == "prep" and c.lower_ == "between"
            for f in self._pobj_fillers(c, 0)
        ]
        if len(between) >= 2:
            return {"anchor": between[:1], "other": between[1:], "owner": []}, clause
        # "investors including X", "customers such as X": instances of the trigger noun, as
        # if the anchor owned them ("its investors include X")
        examples = [
            f
            for c in trigger.children
            if c.dep_ == "prep"
            and c.lower_ in _EXAMPLE_PREPS
            and (c.lower_ != "as" or _is_such_as(c))
            for f in self._pobj_fillers(c, 0)
        ]
        if examples and not owner and anchor:
            if exclude_preps and _preposition(trigger) in exclude_preps:
                return None  # "shows for brands including X": clients, not products
            return {"anchor": anchor, "other": examples, "owner": anchor}, clause
        taken = {f.mention for f in (owner or anchor)}
        taken_names = {mention.name for mention in taken}
        # "a partnership with X", "competition from X": the trigger's own object is the other end
        named = [
            f
            for f in self.prep_fillers(trigger, _CUE_PREPS)
            if f.mention not in taken and not any(_overlaps(f.mention, a) for a in taken)
        ]
        if named:
            return {"anchor": anchor, "other": named, "owner": owner}, clause
        others: list[_Filler] = []
        groups: set[int] = set()
        for token in _own_clause(clause):
            mention = self.mention_at.get(token.i)
            if (
                mention is None
                or mention.label == "Person"
                or mention in taken
                or mention.name in taken_names  # "its" and "Sarnoff Corp"
                or token.i in self.coref_tokens
                or any(_overlaps(mention, a) for a in taken)
            ):
                continue
            taken.add(mention)
            taken_names.add(mention.name)
            if _platform_modifier(token):
                continue  # "released an iOS application": made for iOS
            if abs(_list_head(token).i - trigger.i) > _CUE_REACH or (
                exclude_preps and _preposition(token) in exclude_preps
            ):
                continue
            others.append(_Filler(mention))
            groups.add(_list_head(token).i)
        if len(groups) > 1:
            # several names, or lists, besides the anchor: a cue cannot tell which it is about
            return None
        return {"anchor": anchor, "other": others, "owner": owner}, clause

    # -- modality

    def is_hedged(self, trigger: Token, *, deal: bool = False) -> bool:
        """Tried, planned, hypothetical, conditional or denied: not stated as a fact. A ``deal``
        that is planned or weighed is not hedged: its status says so."""
        token = trigger
        # "did not see problems with its bid" denies no bid: past a noun, negation is the noun's
        # governor's own business
        through_noun = False
        for _ in range(4):
            for child in token.children:
                if child.dep_ == "neg" and (
                    not through_noun or token.lemma_.lower() in _SUPPORT_VERBS
                ):
                    return True
                if (
                    child.dep_ == "aux"
                    and child.lower_ in _HEDGE_MODALS
                    and not _narrated(token, child)
                    and not self._reported(token)
                    and not (deal and _terms_of_a_deal(token))
                ):
                    return True
                if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
                    return True
            governor = token.head.lemma_.lower()
            hedging = (token.dep_ in {"xcomp", "ccomp"} and governor in _HEDGE_VERBS) or (
                token.dep_ == "acl" and governor in _HEDGE_NOUNS
            )
            if hedging and not (
                deal and governor in _INTENT_WORDS | _DELIBERATION_WORDS | _BID_WORDS
            ):
                return True
            if (
                token.dep_ not in {"xcomp", "conj", "acl", "pobj", "prep", "dobj"}
                or token.head.i == token.i
                or _own_polarity(token)
            ):
                break
            through_noun = through_noun or (
                token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"pobj", "dobj"}
            )
            token = token.head
        return False

    def _reported(self, verb: Token) -> bool:
        """ "X said it would buy Y" reports an announcement; "X would have bought Y" does not."""
        if any(c.lower_ == "have" and c.dep_ == "aux" for c in verb.children):
            return False
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in {
            "say",
            "announce",
            "confirm",
            "state",
            "disclose",
            "report",
        }

    def status(self, trigger: Token) -> str | None:
        """Deal status from the words governing the trigger. A deal called off or only talked
        about anywhere up the chain is that, whatever else is said of it ("decided to terminate
        the letter under which X would have acquired Y"); otherwise the nearest word decides."""
        nearest: str | None = None
        token = trigger
        for _ in range(5):
            lemma = token.lemma_.lower()
            found: str | None = None
            if token.i != trigger.i or token.dep_ == "ROOT":
                if lemma in _TERMINATION_VERBS:
                    return "terminated"
                if lemma in _DELIBERATION_WORDS or lemma in _RUMOUR_NOUNS:
                    return "rumoured"
                if token.pos_ in {"VERB", "AUX"} and any(
                    c.dep_ in _ANY_SUBJECT
                    and c.pos_ == "NOUN"
                    and c.lemma_.lower() in {"talk", "talks", "negotiation", "discussion"}
                    for c in token.children
                ):
                    return "rumoured"  # "talks were underway for X to acquire Y"
                if lemma in _INTENT_WORDS or lemma in _BID_WORDS:
                    found = "announced"
                elif lemma in _AGREED_VERBS:
                    found = "agreed"
                elif lemma in _COMPLETED_VERBS:
                    found = "completed"
                elif lemma == "process" and token.i != trigger.i:
                    found = "pending"  # "in the process of being taken over"
                elif lemma in {"announce", "say"} and token.i != trigger.i:
                    # "X said it acquired Y" reports a done deal; "said it will" a pending one
                    found = "completed" if _past(trigger) else "announced"
            if found is None and (
                trigger.lemma_.lower() not in _BID_WORDS
                and any(
                    c.dep_ == "aux"
                    and c.lower_ in {"will", "would", "'ll"}
                    and not _narrated(token, c)
                    for c in token.children
                )
            ):
                found = "pending"
            nearest = nearest or found
            if token.head.i == token.i:
                break
            token = token.head
        if nearest is not None:
            return nearest
        # "the proposed acquisition of Y", "the completed purchase of Y"
        modifiers = {c.lemma_.lower() for c in trigger.children if c.dep_ in {"amod", "compound"}}
        if modifiers & {"propose", "proposed", "plan", "planned", "intend", "intended"}:
            return "announced"
        if modifiers & {"pending"}:
            return "pending"
        if modifiers & {"complete", "completed", "recent"}:
            return "completed"
        if _past(trigger):
            return "completed"
        if trigger.lemma_.lower() in _BID_WORDS:
            return "announced"  # a bid made is an announced deal, not a done one
        return None


def _past(verb: Token) -> bool:
    """Done: "acquired", "has acquired" (not "to be acquired", "will have acquired")."""
    if verb.tag_ not in {"VBD", "VBN"}:
        return False
    return not any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"will", "would", "to", "be", "'ll", "shall"}
        for c in verb.children
    )


def _prep_objects(
    token: Token, preps: frozenset[str], deps: frozenset[str] = frozenset({"prep"})
) -> list[Token]:
    """The objects of the token's own prepositions in ``preps`` ("the acquisition of Y": Y);
    ``deps`` adds spaCy's other names for them ("dative" for the "to" of "sell Y to Z")."""
    return [
        g
        for c in token.children
        if c.dep_ in deps and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _governing_verb(token: Token) -> Token:
    """The nearest verb up from ``token`` (itself if it is one; the root if none is)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def _child(token: Token, deps: set[str]) -> Token | None:
    found = [child for child in token.children if child.dep_ in deps]
    if len(found) > 1 and all(child.dep_ in _ANY_SUBJECT for child in found):
        # "online marketplace Gemr acquired ...", "Rosetta (the largest agency) acquired ...":
        # two subjects are a misparse of a name and its description; the name is the subject
        named = [child for child in found if child.ent_type_ in {"ORG", "PRODUCT"}]
        if named:
            # ("Expansion ... In 2015, Cinedigm launched": a heading and the name, the name
            # next to the verb)
            return min(named, key=lambda child: abs(token.i - child.i))
    return found[0] if found else None


def _subject_read_as_apposition(trigger: Token, clause: Token) -> Token | None:
    """The apposition the parser made of a clause's subject when a comparison opens the
    sentence: "Compared to X, Y has ..." parsed with Y an apposition of X."""
    if trigger.i > clause.i:
        return None
    for token in trigger.subtree:
        if token.dep_ == "appos" and token.right_edge.i < clause.i:
            between = token.doc[token.right_edge.i + 1 : clause.i]
            if all(t.dep_ in {"aux", "auxpass", "neg", "advmod"} for t in between):
                return token
    return None


_PRESSING_VERBS = {"force", "drive", "push", "compel", "prompt", "hurt", "hit", "squeeze"}
_COMPARISON_WORDS = {
    "unlike", "opposed", "compared", "contrast", "similar", "similarly", "than", "as"
}
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}


def _ranked(token: Token) -> bool:
    """ "the second biggest food retailer", "one of the oldest manufacturers", "is the fifth
    largest": a noun, or a verb's complement, placed in a ranking."""
    nouns = [token] if token.pos_ in {"NOUN", "PROPN", "NUM", "PRON", "ADJ"} else []
    for child in token.children:
        if child.dep_ in {"attr", "oprd", "acomp"}:
            nouns.append(child)
        elif child.dep_ == "prep" and child.lower_ in {"into", "as"}:
            nouns.extend(c for c in child.children if c.dep_ == "pobj")
    for noun in list(nouns):
        if noun.lower_ == "one":  # "one of the oldest"
            nouns.extend(g for c in noun.children if c.lower_ == "of" for g in c.children)
    return any(
        word.tag_ in {"JJS", "RBS"} or word.lower_ in _ORDINALS
        for noun in nouns
        for modifier in (noun, *noun.children)
        if modifier.i == noun.i or modifier.dep_ in {"amod", "advmod", "nummod"}
        for word in (modifier, *modifier.children)
    )


def _counted_in_group(verb: Token) -> bool:
    """ "X is one of the three major retailers", "X was among the major film companies", "X
    grew to be one of the largest ...": the clause puts its subject in a group of peers."""
    for clause in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
        if clause.lemma_.lower() not in _COPULAS | {"grow", "rank", "consider"}:
            continue
        for child in clause.children:
            if child.dep_ == "xcomp" and _counted_in_group(child):
                return True
            # "one of the big three", "the smallest of the three state-owned banks"
            if child.dep_ in {"attr", "oprd"} and (child.lower_ == "one" or child.tag_ == "JJS"):
                groups = [g for c in child.children if c.lower_ == "of" for g in c.children]
                if not groups:
                    continue
            elif child.dep_ == "prep" and child.lower_ in {"among", "amongst"}:
                groups = [g for g in child.children if g.dep_ == "pobj"]
            else:
                continue
            # co-investors, co-founders and fellow members are no rivals
            return not any(g.lemma_.lower() in _FELLOW_NOUNS for g in groups)
    return False


# kinds of company whose other members are the subject's peers ("other operators such as X")
_PEER_NOUNS = {
    "company", "firm", "bank", "retailer", "chain", "operator", "carrier", "airline",
    "publisher", "manufacturer", "maker", "brand", "platform", "network", "provider", "store",
    "studio", "developer", "broadcaster", "brewery", "brewer", "insurer", "lender", "business",
    "competitor", "rival", "player", "vendor", "system", "service", "label", "producer",
}
_BESIDE_PREPS = {"to", "with", "like", "unlike", "than", "as", "among"}
# who vie for one prize: "X and Y were among the bidders"
_CONTENDER_NOUNS = {"bidder", "suitor", "contender", "finalist", "contestant"}
# where companies compete: "a market dominated by X", "an industry that includes X"
_MARKET_NOUNS = {"market", "industry", "field", "sector", "segment", "marketplace", "space"}
_FELLOW_NOUNS = {
    "investor", "shareholder", "owner", "partner", "member", "founder", "backer", "sponsor",
    "customer", "client", "supplier", "stakeholder", "lender", "underwriter", "participant",
}


def _is_such_as(preposition: Token) -> bool:
    return (
        any(c.lower_ == "such" for c in preposition.children)
        or any(c.lower_ == "such" for c in preposition.head.children)
        or (preposition.i > 0 and preposition.doc[preposition.i - 1].lower_ == "such")
    )


# --- structural rules: patterns in names and noun phrases -------------------------------------


def _possessive_product(
    context: _DocContext, rule: Rule, sentence: Span
) -> Iterator[tuple[Any, ...]]:
    """ "its CloudStack software", "Citrix's XenServer hypervisor": the owner develops it."""
    for token in context.mention_tokens(sentence):
        product = context.mention_at.get(token.i)
        if product is None or product.label != "Product" or token.i in context.coref_tokens:
            continue
        head = token
        while head.dep_ in {"compound", "amod"} and head.head.i != head.i:
            head = head.head
        owner = _child(head, {"poss"})
        if owner is None and head.i != token.i:
            owner = _child(token, {"poss"})
        if owner is None or owner.i == token.i or head.lemma_.lower() in _PLATFORM_NOUNS:
            continue  # "its last iPod socket": a socket in the iPod, not the iPod
        for filler in context.fillers(owner):
            # what a company owns is not hedged by the clause around it: "plans to push its
            # XenServer hypervisor" still says the hypervisor is its own
            if filler.mention.label == "Organization":
                yield filler.mention, rule.type, product, rule, token, filler.penalty, None


def _based_on(context: _DocContext, rule: Rule, sentence: Span) -> Iterator[tuple[Any, ...]]:
    """ "OpenStack-based startups such as Piston": the startups use OpenStack."""
    if not any(word in sentence.text for word in ("-based", "-powered", "-built")):
        return  # (a text search, cheaper than reading every token of every sentence)
    for token in sentence:
        if token.lower_ not in {"based", "powered", "built"} or token.i < 2:
            continue
        if token.doc[token.i - 1].text != "-":
            continue
        product = context.mention_at.get(token.i - 2)
        if product is None:
            continue
        noun = token.head if token.head.pos_ in {"NOUN", "PROPN"} else None
        if noun is None:
            continue
        for filler in context.fillers(noun):
            if filler.mention.name != product.name:
                yield filler.mention, rule.type, product, rule, token, filler.penalty, None


def _name_part(context: _DocContext, rule: Rule, sentence: Span) -> Iterator[tuple[Any, ...]]:
    """ "the OpenStack Foundation" when OpenStack is a product named in the same document."""
    products = {m.name: m for m in context.mention_at.values() if m.label == "Product"}
    for token in context.mention_tokens(sentence):
        organisation = context.mention_at.get(token.i)
        if (
            organisation is None
            or organisation.label != "Organization"
            or token.i in context.coref_tokens
        ):
            continue
        if token.idx != organisation.start:
            continue
        words = organisation.name.split()
        if len(words) >= 2 and words[-1].lower() in rule.lemmas:
            product = products.get(" ".join(words[:-1]))
            if product is not None:
                yield product, rule.type, organisation, rule, token, 0.0, None


_STRUCTURAL = {
    "possessive_product": _possessive_product,
    "based_on": _based_on,
    "name_part": _name_part,
}


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


@Language.factory("graphbuild_relation_rules_v1", default_config={"rules_files": []})
def make_relation_rules(nlp: Language, name: str, rules_files: list[str]) -> RelationRules:
    return RelationRules(name=name, rules_files=rules_files)


class RelationRules:
    """The rules as a spaCy component: stores relations in ``doc.user_data``."""

    def __init__(self, *, name: str, rules_files: Iterable[str] = ()) -> None:
        self.name = name
        self.extractor = Extractor(rule_set(rules_files))

    def __call__(self, doc: Doc) -> Doc:
        document = Document(id=doc.user_data.get("graphbuild_doc_id", ""), text=doc.text)
        doc.user_data["graphbuild_relations"] = list(self.extractor.relations(doc, document))
        return doc


__all__ = [
    "SYMMETRIC_TYPES",
    "Extractor",
    "Rule",
    "RuleExample",
    "RuleSet",
    "extract_mentions",
    "extract_relations",
    "load_rules",
    "rule_set",
]
