"""Relation rules as data: the ``Rule`` record and its loader."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import Messages, RulesError
from ..records import RELATION_TYPES

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
STRUCTURAL_KINDS = frozenset({"possessive_product", "based_on", "name_part"})

LABELS = ("Organization", "Product", "any", "named")


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


@dataclass(slots=True)
class RuleSet:
    rules: list[Rule] = field(default_factory=list)

    def by_lemma(self) -> dict[str, list[Rule]]:
        index: dict[str, list[Rule]] = {}
        for rule in self.rules:
            if rule.kind in STRUCTURAL_KINDS:  # their lemmas are read by their own pattern
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
    )


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    with resources.as_file(resources.files("graphbuild") / "data" / "relations.yaml") as path:
        return tuple(load_rules(path))


def rule_set(extra_files: Iterable[str | Path] = ()) -> RuleSet:
    rules = list(default_rules())
    for path in extra_files:
        rules.extend(load_rules(path))
    return RuleSet(rules)
