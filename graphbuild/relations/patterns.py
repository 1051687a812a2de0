"""Rules compiled to spaCy matchers: where each rule's trigger is.

A rule's ``lemmas`` go into a ``PhraseMatcher`` on lemmas (in their written, capitalised and
upper-case forms: the models keep the case of proper nouns' lemmas), which finds the candidate
triggers of every rule in one pass. A rule that also needs a particle ("take over", "take X
private") or an object noun ("enter into an agreement", "raised $5m in seed funding", "the
agreement X entered into") is compiled to ``DependencyMatcher`` patterns, one per place a parse
puts them, and its candidates count only where a pattern matches. Each kind's trigger has its
part of speech (a verb rule also takes a verb the tagger read as a plural noun, known by its
direct object). The role finders of :mod:`.kinds` then read the roles around each trigger.

The dependency patterns share their word-set constraints (the union of the structured rules'
lemmas and object nouns, checked per rule after matching): spaCy evaluates each distinct set
once per token of the document, and one set per rule made the matcher several times slower
than all the rest of the relation layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..lexicon import ACTIVE_SUBJECT_DEPS, OBJECT_DEPS
from .schema import STRUCTURAL_KINDS, Rule
from .syntax import noun_read_verb

# The part of speech each kind's trigger has (a kind not named here reads any).
_TRIGGER_POS = {
    "verb": ["VERB", "AUX"],
    "funding": ["VERB", "AUX"],
    "listing_noun": ["NOUN", "PROPN"],
    "event_noun": ["NOUN", "PROPN"],
    "relational_noun": ["NOUN", "PROPN", "ADJ"],
    "cue": ["NOUN", "VERB", "ADJ"],
}
# Where a particle or complement hangs: "take over", "take X private".
_PARTICLE_DEPS = ["prt", "oprd", "acomp", "advmod", "xcomp", "ccomp", "dobj"]

Pattern = list[dict[str, Any]]


def _node(name: str, parent: str, relation: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {"LEFT_ID": parent, "REL_OP": relation, "RIGHT_ID": name, "RIGHT_ATTRS": attrs}


def _case_forms(words: frozenset[str]) -> list[str]:
    return sorted({form for word in words for form in (word, word.capitalize(), word.upper())})


def trigger_pos_ok(rule: Rule, token: Token) -> bool:
    """Whether a candidate trigger has the part of speech of its rule's kind."""
    pos = _TRIGGER_POS.get(rule.kind)
    if pos is None or token.pos_ in pos:
        return True
    # a verb the tagger took for a plural noun: nouns have no direct objects
    return rule.kind == "verb" and noun_read_verb(token)


def _particles(particles: list[str], trigger: dict[str, Any]) -> list[Pattern]:
    """A particle as the trigger's complement, or as a complement of its object."""
    attrs = {"DEP": {"IN": _PARTICLE_DEPS}, "LOWER": {"IN": particles}}
    return [
        [_trigger(trigger), _node("particle", "trigger", ">", attrs)],
        [
            _trigger(trigger),
            _node("particle_holder", "trigger", ">", {"DEP": "dobj"}),
            _node("particle", "particle_holder", ">", attrs),
        ],
    ]


def _object_nouns(nouns: list[str], trigger: dict[str, Any]) -> list[Pattern]:
    """An object noun in each place a parse puts it (the node named "object_noun": the direct
    object, where a name is no goods)."""
    lemma = {"LEMMA": {"IN": nouns}}
    # (not part of a name: "Harbor" of "from Harbor Ventures")
    common = {"POS": {"NOT_IN": ["PROPN"]}}
    objects = {"DEP": {"IN": sorted(OBJECT_DEPS)}}
    return [
        # "signed an agreement"
        [_trigger(trigger), _node("object_noun", "trigger", ">", {**objects, **lemma})],
        # "raised $3.1 million of seed money"
        [
            _trigger(trigger),
            _node("object", "trigger", ">", objects),
            _node("object_prep", "object", ">", {"DEP": "prep"}),
            _node("noun", "object_prep", ">", {"DEP": "pobj", **lemma}),
        ],
        # "entered into an agreement"
        [
            _trigger(trigger),
            _node("prep", "trigger", ">", {"DEP": "prep"}),
            _node("noun", "prep", ">", {"DEP": "pobj", **lemma}),
        ],
        # "named Y as its preferred search tool": the noun's own modifier
        [
            _trigger(trigger),
            _node("prep", "trigger", ">", {"DEP": "prep"}),
            _node("object", "prep", ">", {"DEP": "pobj"}),
            _node("noun", "object", ">>", {"DEP": {"IN": ["amod", "compound"]}, **common, **lemma}),
        ],
        # "accounts for 4% of Y's revenue"
        [
            _trigger(trigger),
            _node("prep", "trigger", ">", {"DEP": "prep"}),
            _node("object", "prep", ">", {"DEP": "pobj"}),
            _node("object_prep", "object", ">", {"DEP": "prep"}),
            _node("noun", "object_prep", ">", {"DEP": "pobj", **common, **lemma}),
        ],
        # "the agreement X entered into with Y", "no love lost between X and Y": the noun the
        # clause modifies
        [
            _trigger({**trigger, "DEP": {"IN": ["relcl", "acl"]}}),
            _node("noun", "trigger", "<", lemma),
        ],
        # (which the parser sometimes reads as a compound of the subject)
        [
            _trigger(trigger),
            _node("subject", "trigger", ">", {"DEP": {"IN": sorted(ACTIVE_SUBJECT_DEPS)}}),
            _node("noun", "subject", ">", {"DEP": "compound", **lemma}),
        ],
    ]


def _trigger(attrs: dict[str, Any]) -> dict[str, Any]:
    return {"RIGHT_ID": "trigger", "RIGHT_ATTRS": attrs}


def structured(rule: Rule) -> bool:
    """Whether the rule needs more than its trigger word: a particle or an object noun."""
    return rule.kind in {"verb", "funding"} and bool(
        (rule.kind == "verb" and rule.particle) or rule.object_nouns
    )


def compile_rule(rule: Rule) -> dict[str, list[Pattern]]:
    """The dependency patterns that must match below a structured rule's trigger: its
    particle's, and its object noun's (one of them suffices within each group)."""
    groups: dict[str, list[Pattern]] = {}
    if not structured(rule):
        return groups
    trigger = {"LEMMA": {"IN": _case_forms(rule.lemmas)}}
    if rule.kind == "verb" and rule.particle:
        groups["particle"] = _particles([rule.particle], trigger)
    if rule.object_nouns:
        groups["object_noun"] = _object_nouns(_case_forms(rule.object_nouns), trigger)
    return groups


class TriggerMatcher:
    """Finds the triggers of a rule set in a document: a ``PhraseMatcher`` on lemmas for every
    rule, and one ``DependencyMatcher`` for the particles and object nouns of the structured
    rules, one of each per vocabulary (hand-built test documents and the model's documents
    have their own). The dependency patterns are shared by the rules (the union of their
    object nouns, each rule's own checked on the match), so that spaCy evaluates each word
    set once per token, not once per rule."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        structured_rules = [rule for rule in self.rules if structured(rule)]
        self._structured = {index for index, rule in enumerate(self.rules) if structured(rule)}
        nouns = _case_forms(frozenset().union(*(r.object_nouns for r in structured_rules)))
        lemmas = _case_forms(frozenset().union(*(r.lemmas for r in structured_rules)))
        trigger = {"LEMMA": {"IN": lemmas}}
        self.shapes: dict[str, Pattern] = {}
        if nouns:
            for number, pattern in enumerate(_object_nouns(nouns, trigger)):
                self.shapes[f"object_noun/{number}"] = pattern
        particles = sorted({r.particle for r in structured_rules if r.particle})
        if particles:
            for number, pattern in enumerate(_particles(particles, trigger)):
                self.shapes[f"particle/{number}"] = pattern
        self._matchers: dict[int, tuple[Vocab, PhraseMatcher, DependencyMatcher]] = {}

    def _matcher(self, vocab: Vocab) -> tuple[PhraseMatcher, DependencyMatcher]:
        held = self._matchers.get(id(vocab))
        if held is not None and held[0] is vocab:
            return held[1], held[2]
        words = PhraseMatcher(vocab, attr="LEMMA")
        for index, rule in enumerate(self.rules):
            if rule.kind not in STRUCTURAL_KINDS and rule.lemmas:
                forms = _case_forms(rule.lemmas)
                words.add(str(index), [Doc(vocab, words=[form], lemmas=[form]) for form in forms])
        shapes = DependencyMatcher(vocab)
        for key, pattern in self.shapes.items():
            shapes.add(key, [pattern])
        self._matchers[id(vocab)] = (vocab, words, shapes)
        return words, shapes

    def triggers(self, doc: Doc) -> dict[int, list[Rule]]:
        """Token index -> the rules it triggers, in the order of the rule set."""
        if not doc.has_annotation("LEMMA"):
            return {}
        words, shapes = self._matcher(doc.vocab)
        strings = doc.vocab.strings
        found: dict[int, set[int]] = {}
        for match_id, start, _ in words(doc):
            index = int(strings[match_id])
            if trigger_pos_ok(self.rules[index], doc[start]):
                found.setdefault(start, set()).add(index)
        if any(index in self._structured for indices in found.values() for index in indices):
            below = self._below(doc, shapes) if doc.has_annotation("DEP") else {}
            found = {
                i: {
                    index
                    for index in indices
                    if index not in self._structured
                    or _satisfied(self.rules[index], doc, below.get(i, []))
                }
                for i, indices in found.items()
            }
            found = {i: self._phrasal_owns(indices) for i, indices in found.items()}
        return {i: [self.rules[index] for index in sorted(found[i])] for i in found if found[i]}

    def _phrasal_owns(self, indices: set[int]) -> set[int]:
        """A phrasal verb is its own verb: where a rule's particle was found ("signed on to the
        alliance"), the rules of the bare verb ("signed an alliance") do not read it."""
        rules = self.rules
        if not any(rules[i].kind == "verb" and rules[i].particle for i in indices):
            return indices
        return {i for i in indices if rules[i].kind != "verb" or rules[i].particle}

    def _below(self, doc: Doc, shapes: DependencyMatcher) -> dict[int, list[tuple[str, int]]]:
        """Trigger index -> what the patterns found below it: ("particle", word index) and
        ("object_noun" or "noun", noun index)."""
        strings = doc.vocab.strings
        below: dict[int, list[tuple[str, int]]] = {}
        for match_id, token_ids in shapes(doc):
            key = strings[match_id]
            nodes = dict(
                zip((node["RIGHT_ID"] for node in self.shapes[key]), token_ids, strict=True)
            )
            for name in ("particle", "object_noun", "noun"):
                if name in nodes:
                    below.setdefault(nodes["trigger"], []).append((name, nodes[name]))
        return below


def _satisfied(rule: Rule, doc: Doc, below: list[tuple[str, int]]) -> bool:
    """Whether what was found below a trigger is what the structured rule asks for."""
    if (
        rule.kind == "verb"
        and rule.particle
        and not any(name == "particle" and doc[i].lower_ == rule.particle for name, i in below)
    ):
        return False
    if rule.object_nouns:
        return any(
            name != "particle" and _own_noun(rule, doc[i], name == "object_noun")
            for name, i in below
        )
    return True


def _own_noun(rule: Rule, noun: Token, direct: bool) -> bool:
    """One of the rule's own object nouns ("bought Brantle Hardware from X" bought a business
    called Hardware, not goods)."""
    if noun.lemma_.lower() not in rule.object_nouns:
        return False
    named = noun.text[:1].isupper() and not noun.is_sent_start
    return not (direct and "object_not_named" in rule.options and named)
