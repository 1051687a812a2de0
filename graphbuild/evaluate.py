"""Scoring a graph against a hand-made gold file: what ``graphbuild eval`` prints.

The gold file is JSON (the format of the project's ``tests/data/seeds_gold.json``)::

    {
      "symmetric": ["COMPETES_WITH", "PARTNERS_WITH"],
      "entities": [{"name": "Citrix", "type": "Organization", "aliases": ["Citrix Systems"]}],
      "neutral_entities": ["Essex"],
      "relations": [{"head": "Citrix", "type": "ACQUIRED", "tail": "CloudStack",
                     "alt_types": ["DEVELOPS"], "evidence": "its acquisition of ..."}],
      "neutral": [{"head": ..., "type": ..., "tail": ...}],
      "traps": [{"head": ..., "type": ..., "tail": ..., "why": "..."}]
    }

Graph nodes are matched to gold entities by their name or any alias after normalisation (case,
"the", legal suffixes and punctuation ignored). Relations are scored as a set of unique
``(head, TYPE, tail)`` triples over gold names: a gold relation is found when an edge has its
type or one of its ``alt_types``; ``neutral`` triples count neither way; a ``traps`` triple that
is an edge is reported on its own (it must never exist). Entities labelled Person are ignored,
and so are unnamed nodes as entities (they have no name to find), though their edges count.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import GraphFormatError, Messages

_LEGAL_SUFFIX_RE = re.compile(r"[\s,.]+(inc|corp|corporation|ltd|llc|plc|co)\.?$")

Triple = tuple[str, str, str]


def normalise(name: str) -> str:
    """A name reduced to what tells entities apart: "The Acme, Inc." -> "acme"."""
    text = unicodedata.normalize("NFKC", str(name)).replace("\u2019", "'").lower().strip()
    text = re.sub(r"^the\s+", "", text)
    text = _LEGAL_SUFFIX_RE.sub("", text)
    text = re.sub(r"[^\w&+ ]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True, slots=True)
class GoldRelation:
    head: str
    type: str
    tail: str
    alt_types: tuple[str, ...] = ()
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Gold:
    entities: dict[str, str]  # gold name -> label
    aliases: dict[str, str]  # normalised surface form -> gold name
    relations: tuple[GoldRelation, ...]
    neutral: frozenset[Triple] = frozenset()
    traps: frozenset[Triple] = frozenset()
    neutral_entities: frozenset[str] = frozenset()  # normalised
    symmetric: frozenset[str] = frozenset()

    def key(self, head: str, relation_type: str, tail: str) -> Triple:
        """The triple as scored: symmetric types in a fixed order."""
        relation_type = relation_type.upper().replace("-", "_").replace(" ", "_")
        if relation_type in self.symmetric and head > tail:
            head, tail = tail, head
        return (head, relation_type, tail)

    def canonical(self, names: Iterable[str]) -> str | None:
        for name in names:
            found = self.aliases.get(normalise(name))
            if found is not None:
                return found
        return None


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold file; a malformed one raises ``GraphFormatError`` naming it."""
    path = Path(path)
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GraphFormatError(Messages.E_GOLD_FILE.format(path=path, problem=error)) from None
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("entities"), list)
        or not isinstance(raw.get("relations"), list)
    ):
        raise GraphFormatError(
            Messages.E_GOLD_FILE.format(path=path, problem="needs 'entities' and 'relations' lists")
        )
    try:
        return _parse_gold(raw)
    except (KeyError, TypeError, AttributeError) as error:
        raise GraphFormatError(
            Messages.E_GOLD_FILE.format(path=path, problem=f"bad entry: {error!r}")
        ) from None


def _parse_gold(raw: dict[str, Any]) -> Gold:
    entities: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for entity in raw["entities"]:
        name = entity["name"]
        entities[name] = entity.get("type", "Organization")
        for alias in (name, *entity.get("aliases", [])):
            aliases[normalise(alias)] = name
    symmetric = frozenset(str(t).upper() for t in raw.get("symmetric", ()))
    relations = tuple(
        GoldRelation(
            head=item["head"],
            type=str(item["type"]).upper(),
            tail=item["tail"],
            alt_types=tuple(str(t).upper() for t in item.get("alt_types", ())),
            evidence=str(item.get("evidence", "")),
        )
        for item in raw["relations"]
    )
    gold = Gold(entities=entities, aliases=aliases, relations=relations, symmetric=symmetric)

    def triples(key: str) -> frozenset[Triple]:
        return frozenset(
            gold.key(item["head"], item["type"], item["tail"]) for item in raw.get(key, ())
        )

    return Gold(
        entities=entities,
        aliases=aliases,
        relations=relations,
        neutral=triples("neutral"),
        traps=triples("traps"),
        neutral_entities=frozenset(normalise(name) for name in raw.get("neutral_entities", ())),
        symmetric=symmetric,
    )


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def render(self) -> str:
        return (
            f"P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f}  "
            f"tp={self.true_positives} fp={self.false_positives} fn={self.false_negatives}"
        )


@dataclass(frozen=True, slots=True)
class ScoredTriple:
    """A missed, extra or trap triple, with why it is there."""

    head: str
    type: str
    tail: str
    evidence: tuple[str, ...] = ()  # sentences from the graph, or the gold file's note


@dataclass(frozen=True, slots=True)
class Evaluation:
    relations: Score
    entities: Score
    by_type: dict[str, Score]
    missed: tuple[ScoredTriple, ...] = ()
    extra: tuple[ScoredTriple, ...] = ()
    traps: tuple[ScoredTriple, ...] = ()
    extra_entities: tuple[str, ...] = ()
    missed_entities: tuple[str, ...] = ()

    def render(self, *, details: bool = True) -> str:
        lines = []
        for relation_type, score in sorted(self.by_type.items()):
            lines.append(f"{relation_type:15} {score.render()}")
        lines.append(f"{'relations':15} {self.relations.render()}")
        lines.append(f"{'entities':15} {self.entities.render()}")
        lines.append(f"traps: {len(self.traps)}")
        if details:
            for title, items in (
                ("trap edges (must not exist)", self.traps),
                ("missed", self.missed),
                ("extra", self.extra),
            ):
                if not items:
                    continue
                lines.append(f"\n{title}:")
                for item in items:
                    lines.append(f"  {item.head} -[{item.type}]-> {item.tail}")
                    lines.extend(
                        f"      | {' '.join(text.split())[:200]}" for text in item.evidence[:3]
                    )
            if self.missed_entities:
                lines.append("\nentities missed: " + ", ".join(self.missed_entities))
            if self.extra_entities:
                lines.append("entities extra: " + ", ".join(self.extra_entities))
        return "\n".join(lines)


def evaluate(gold: Gold, graph: nx.MultiDiGraph) -> Evaluation:
    """Score ``graph`` against ``gold``; see the module docstring for the rules."""
    node_names: dict[Any, str | None] = {}
    found_entities: set[str] = set()
    extra_entities: list[str] = []
    for node, attributes in graph.nodes(data=True):
        if _is_person(attributes):
            continue
        display = str(attributes.get("name", node))
        if attributes.get("unnamed"):
            node_names[node] = None  # no name to find in the gold: its edges are extra
            continue
        canonical = gold.canonical([display, *(attributes.get("aliases") or [])])
        node_names[node] = canonical
        if canonical is not None:
            found_entities.add(canonical)
        elif normalise(display) not in gold.neutral_entities:
            extra_entities.append(display)

    # a triple that is one relation's type and another's alternative finds the first
    accept: dict[Triple, int] = {}
    for index, relation in enumerate(gold.relations):
        accept.setdefault(gold.key(relation.head, relation.type, relation.tail), index)
    for index, relation in enumerate(gold.relations):
        for relation_type in relation.alt_types:
            accept.setdefault(gold.key(relation.head, relation_type, relation.tail), index)
    predicted: dict[Triple, list[str]] = {}
    for source, target, attributes in graph.edges(data=True):
        if source not in node_names or target not in node_names:
            continue  # a Person at either end
        head = node_names[source] or "?" + str(graph.nodes[source].get("name", source))
        tail = node_names[target] or "?" + str(graph.nodes[target].get("name", target))
        key = gold.key(head, str(attributes.get("type", "")), tail)
        if key in gold.neutral and key not in accept:
            continue
        sentences = [
            str(item.get("text", ""))
            for item in attributes.get("evidence", [])
            if isinstance(item, dict)
        ]
        predicted.setdefault(key, []).extend(sentences)

    found_gold = {accept[key] for key in predicted if key in accept}
    counts: dict[str, list[int]] = {}

    def count(relation_type: str, slot: int) -> None:
        counts.setdefault(relation_type, [0, 0, 0])[slot] += 1

    extra = []
    for key, sentences in sorted(predicted.items()):
        if key in accept:
            count(gold.relations[accept[key]].type, 0)
        else:
            count(key[1], 1)
            extra.append(ScoredTriple(*key, evidence=tuple(sentences)))
    # several edges can find one gold relation (by its type and an alt type): count it once
    true_positives = len(found_gold)
    for relation_type in counts:
        counts[relation_type][0] = sum(
            1 for index in found_gold if gold.relations[index].type == relation_type
        )
    missed = []
    for index, relation in enumerate(gold.relations):
        if index not in found_gold:
            count(relation.type, 2)
            missed.append(
                ScoredTriple(relation.head, relation.type, relation.tail, (relation.evidence,))
            )
    traps = [
        ScoredTriple(*key, evidence=tuple(predicted[key]))
        for key in sorted(gold.traps & set(predicted))
    ]
    entity_hits = len(found_entities & set(gold.entities))
    return Evaluation(
        relations=Score(true_positives, len(extra), len(gold.relations) - true_positives),
        entities=Score(entity_hits, len(extra_entities), len(gold.entities) - entity_hits),
        by_type={relation_type: Score(*values) for relation_type, values in counts.items()},
        missed=tuple(missed),
        extra=tuple(extra),
        traps=tuple(traps),
        extra_entities=tuple(sorted(extra_entities)),
        missed_entities=tuple(sorted(set(gold.entities) - found_entities)),
    )


def _is_person(attributes: dict[str, Any]) -> bool:
    return "person" in str(attributes.get("label", "")).lower()


@dataclass(frozen=True, slots=True)
class EdgeExplanation:
    """One edge between two entities and everything behind it."""

    head: str
    type: str
    tail: str
    status: str | None
    evidence: tuple[dict[str, Any], ...] = field(default=())


def explain(graph: nx.MultiDiGraph, first: Any, second: Any) -> list[EdgeExplanation]:
    """Every edge between two nodes, in both directions, with its evidence."""
    found = []
    for source, target in ((first, second), (second, first)):
        if not graph.has_node(source) or not graph.has_node(target):
            continue
        for _, attributes in sorted(graph.get_edge_data(source, target, default={}).items()):
            found.append(
                EdgeExplanation(
                    head=str(graph.nodes[source].get("name", source)),
                    type=str(attributes.get("type", "")),
                    tail=str(graph.nodes[target].get("name", target)),
                    status=attributes.get("status"),
                    evidence=tuple(attributes.get("evidence", [])),
                )
            )
        if first == second:
            break
    return found


def render_explanations(explanations: list[EdgeExplanation]) -> str:
    lines = []
    for edge in explanations:
        status = f" ({edge.status})" if edge.status else ""
        lines.append(
            f"{edge.head} -[{edge.type}]-> {edge.tail}{status}: {len(edge.evidence)} evidence"
        )
        for item in edge.evidence:
            lines.append(
                f"  rule {item.get('rule')}  confidence {item.get('confidence')}  "
                f"document {item.get('doc_id')}  date {item.get('date') or '-'}"
                + (f"  status {item['status']}" if item.get("status") else "")
            )
            lines.append(f"    {' '.join(str(item.get('text', '')).split())}")
    return "\n".join(lines)
