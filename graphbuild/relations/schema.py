"""Relation rules as data: the ``Rule`` record and its loader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Messages, RulesError
from ..records import RELATION_TYPES
from .conditions import (
    EDGE_VETOES,
    OPTIONS,
    PAIR_VETOES,
    RETYPE_CONDITIONS,
    SENTENCE_VETOES,
    TRIGGER_VETOES,
)

KINDS = (
    "verb",
    "event_noun",
    "relational_noun",
    "listing_noun",
    "funding",
    "possessive_product",
    "possessive_unit",
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
STRUCTURAL_KINDS = frozenset({"possessive_product", "possessive_unit", "based_on", "name_part"})

LABELS = ("Organization", "Product", "any", "named")


@dataclass(frozen=True, slots=True)
class RuleExample:
    """A sentence a rule is documented (and tested) by, and the triples it must give."""

    text: str
    expect: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Retype:
    """A ``retype:`` entry: when ``when`` holds (and the edge is of type ``source``, if given),
    the edge becomes ``to``; ``reverse`` swaps its ends."""

    to: str
    when: str
    source: str | None = None
    reverse: bool = False


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
    # the rule states a deal: what changes hands may be a unit of a company, and the edge
    # carries the deal's status
    deal: bool = False
    # named vetoes (graphbuild/relations/conditions.py): when one holds, no edge
    unless: frozenset[str] = frozenset()
    retype: tuple[Retype, ...] = ()
    # ways of reading roles that only some rules want (conditions.OPTIONS)
    options: frozenset[str] = frozenset()
    # an edge of this rule drops edges of these types between the same pair in the sentence
    overrides: frozenset[str] = frozenset()
    # listing_noun rules: verbs whose object is listed when the noun follows "among" ("counts
    # A among its members")
    among_verbs: frozenset[str] = frozenset()
    examples: tuple[RuleExample, ...] = ()

    @property
    def retypes(self) -> tuple[Retype, ...]:
        """The retype entries in the order they apply, ``retype_if_tail_organization`` first."""
        if self.retype_if_tail_organization is None:
            return self.retype
        first = Retype(to=self.retype_if_tail_organization, when="tail_organization")
        return (first, *self.retype)


@dataclass(slots=True)
class RuleSet:
    """The rules of a run, packaged first, in the order their edges are tried."""

    rules: list[Rule] = field(default_factory=list)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that rejects a key given twice in one mapping (the later would win)."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {line})", key_node.start_mark
            )
        keys.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _unique_mapping,
)


def load_rules(path: str | Path) -> list[Rule]:
    """Read and validate a rules YAML file; errors name the file, the rule and the problem."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=error)) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise RulesError(
            Messages.E_RULES_SYNTAX.format(
                path=path, problem="expected a mapping with a 'rules' list"
            )
        )
    unknown = set(raw) - {"version", "rules"}
    if unknown:
        problem = f"unknown top-level field(s) {sorted(unknown)}"
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=problem))
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


_ALLOWED_FIELDS = frozenset(
    {
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
        "deal",
        "unless",
        "retype",
        "options",
        "overrides",
        "among_verbs",
        "examples",
    }
)
_WORD_LISTS = ("lemmas", "preps", "object_nouns", "exclude_preps", "among_verbs")
_NAME_LISTS = ("unless", "options", "overrides")
# Kinds whose trigger is a word of ``lemmas`` (the structural kinds read their own patterns).
_LEMMA_KINDS = frozenset(KINDS) - {"possessive_product", "possessive_unit", "based_on"}
_DEFAULT_ROLES = {
    "relational_noun": ("subject", "object"),
    "listing_noun": ("listed", "owner"),
    "funding": ("agent", "patient"),
    "cue": ("anchor", "other"),
    "peer": ("anchor", "other"),
}


class _Problem(Exception):
    """One thing wrong with one rule entry (turned into a RulesError naming file and rule)."""


def _parse_rule(entry: Any, path: Path, number: int) -> Rule:
    try:
        if not isinstance(entry, dict):
            raise _Problem("expected a mapping")
        return _rule_from(entry, path)
    except _Problem as problem:
        where = f"rule {number}"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            where += f" ({entry['id']})"
        raise RulesError(Messages.E_RULE.format(path=path, where=where, problem=problem)) from None


def _rule_from(entry: dict[str, Any], path: Path) -> Rule:
    unknown = set(entry) - _ALLOWED_FIELDS
    if unknown:
        raise _Problem(f"unknown field(s) {sorted(map(str, unknown))}")
    if not isinstance(entry.get("id"), str) or not entry["id"]:
        raise _Problem("'id' must be a non-empty string")
    if "type" not in entry:
        raise _Problem("'type' is required")
    for key in ("type", "retype_if_tail_organization"):
        if key in entry and entry[key] not in RELATION_TYPES:
            raise _Problem(f"{key!r} must be one of {', '.join(RELATION_TYPES)}")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise _Problem(f"'kind' must be one of {', '.join(KINDS)}")
    for key in ("head", "tail"):
        if key in entry and entry[key] not in ROLES:
            raise _Problem(f"{key!r} must be one of {', '.join(ROLES)}")
    if "owner" in entry and (kind != "cue" or entry["owner"] not in {"head", "tail"}):
        raise _Problem("'owner' is for cue rules and must be head or tail")
    for key in ("head_label", "tail_label"):
        if key in entry and entry[key] not in LABELS:
            raise _Problem(f"{key!r} must be one of {', '.join(LABELS)}")
    for key in (*_WORD_LISTS, *_NAME_LISTS):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise _Problem(f"{key!r} must be a list of words")
    if "particle" in entry and (not isinstance(entry["particle"], str) or not entry["particle"]):
        raise _Problem("'particle' must be a word")
    for key in ("deal",):
        if key in entry and not isinstance(entry[key], bool):
            raise _Problem(f"{key!r} must be true or false")
    if kind in _LEMMA_KINDS - {"name_part"} and not entry.get("lemmas"):
        raise _Problem("'lemmas' is required for this kind")
    if kind not in _LEMMA_KINDS and entry.get("lemmas"):
        raise _Problem(f"{kind} rules read no 'lemmas'; remove them")
    confidence = entry.get("confidence", 0.8)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise _Problem("'confidence' must be a number in (0, 1]")
    if not 0 < confidence <= 1:
        raise _Problem("'confidence' must be a number in (0, 1]")
    if kind in STRUCTURAL_KINDS:
        _check_structural(entry)
    default_roles = _DEFAULT_ROLES.get(kind, ("agent", "patient"))
    return Rule(
        id=entry["id"],
        type=entry["type"],
        kind=kind,
        lemmas=_words(entry, "lemmas"),
        head=entry.get("head", default_roles[0]),
        tail=entry.get("tail", default_roles[1]),
        preps=_words(entry, "preps"),
        particle=entry.get("particle"),
        object_nouns=_words(entry, "object_nouns"),
        head_label=entry.get("head_label", "any"),
        tail_label=entry.get("tail_label", "any"),
        retype_if_tail_organization=entry.get("retype_if_tail_organization"),
        owner=entry.get("owner"),
        exclude_preps=_words(entry, "exclude_preps"),
        confidence=float(confidence),
        source=str(path),
        deal=entry.get("deal", False),
        unless=_names(entry, "unless", _VETO_NAMES),
        retype=tuple(_retype(item) for item in _list(entry, "retype")),
        options=_options(entry, kind),
        overrides=_names(entry, "overrides", frozenset(RELATION_TYPES)),
        among_verbs=_among_verbs(entry, kind),
        examples=tuple(
            _example(number, item) for number, item in enumerate(_list(entry, "examples"), start=1)
        ),
    )


def _check_structural(entry: dict[str, Any]) -> None:
    """The structural kinds find their pairs in whole sentences: no trigger, roles or retyping
    of theirs to veto or change (what is read after, ``overrides`` and the edge and sentence
    vetoes, still applies)."""
    unread = sorted(
        key
        for key in ("deal", "retype", "options", "preps", "particle", "object_nouns")
        if key in entry
    )
    vetoes = sorted(set(entry.get("unless", [])) & (set(TRIGGER_VETOES) | set(PAIR_VETOES)))
    if unread or vetoes:
        raise _Problem(f"{entry['kind']} rules read no {', '.join(unread + vetoes)}")


def _words(entry: dict[str, Any], key: str) -> frozenset[str]:
    words = frozenset(word.lower() for word in entry.get(key, []))
    spaced = sorted(word for word in words if " " in word.strip())
    if spaced:
        raise _Problem(
            f"{key!r} holds one word per item, not {spaced[0]!r}: for a phrase such as 'take "
            "aim at', give its verb as the lemma, its noun in 'object_nouns' and its "
            "preposition in 'preps'"
        )
    return words


_VETO_NAMES = frozenset(TRIGGER_VETOES) | frozenset(PAIR_VETOES) | frozenset(EDGE_VETOES)
_VETO_NAMES |= frozenset(SENTENCE_VETOES)


def _names(entry: dict[str, Any], key: str, known: frozenset[str]) -> frozenset[str]:
    names = frozenset(entry.get(key, []))
    unknown = sorted(names - known)
    if unknown:
        raise _Problem(f"{key!r}: unknown {unknown}; known: {', '.join(sorted(known))}")
    return names


def _options(entry: dict[str, Any], kind: str) -> frozenset[str]:
    options = _names(entry, "options", frozenset(OPTIONS))
    unread = sorted(option for option in options if kind not in OPTIONS[option])
    if unread:
        raise _Problem(f"option {unread[0]!r} is not read by {kind} rules")
    return options


def _among_verbs(entry: dict[str, Any], kind: str) -> frozenset[str]:
    verbs = _words(entry, "among_verbs")
    if verbs and kind != "listing_noun":
        raise _Problem("'among_verbs' is for listing_noun rules")
    return verbs


def _list(entry: dict[str, Any], key: str) -> list[Any]:
    value = entry.get(key, [])
    if not isinstance(value, list):
        raise _Problem(f"{key!r} must be a list")
    return value


def _retype(item: Any) -> Retype:
    if not isinstance(item, dict) or set(item) - {"to", "when", "from", "reverse"}:
        raise _Problem("each 'retype' entry is a mapping of to, when, and optionally from, reverse")
    if item.get("to") not in RELATION_TYPES or (
        "from" in item and item["from"] not in RELATION_TYPES
    ):
        raise _Problem(f"'retype' types must be one of {', '.join(RELATION_TYPES)}")
    if item.get("when") not in RETYPE_CONDITIONS:
        known = ", ".join(sorted(RETYPE_CONDITIONS))
        raise _Problem(f"'retype' condition {item.get('when')!r} is unknown; known: {known}")
    if not isinstance(item.get("reverse", False), bool):
        raise _Problem("'retype' reverse must be true or false")
    return Retype(
        to=item["to"],
        when=item["when"],
        source=item.get("from"),
        reverse=item.get("reverse", False),
    )


def _example(number: int, item: Any) -> RuleExample:
    """One of ``examples:``: a mapping of ``text`` and ``expect`` ([head, TYPE, tail] triples)."""
    if not isinstance(item, dict) or set(item) != {"text", "expect"}:
        raise _Problem(f"example {number} must be a mapping with 'text' and 'expect'")
    text, expect = item["text"], item["expect"]
    if not isinstance(text, str) or not text.strip():
        raise _Problem(f"example {number}: 'text' must be a sentence")
    if not isinstance(expect, list) or not all(
        isinstance(triple, list)
        and len(triple) == 3
        and all(isinstance(v, str) and v for v in triple)
        for triple in expect
    ):
        raise _Problem(f"example {number}: 'expect' must be a list of [head, TYPE, tail] (or [])")
    for _, relation_type, _ in expect:
        if relation_type not in RELATION_TYPES:
            allowed = ", ".join(RELATION_TYPES)
            raise _Problem(f"example {number}: {relation_type!r} must be one of {allowed}")
    return RuleExample(text=text, expect=tuple((h, t, x) for h, t, x in expect))
