"""Compare two graph files edge by edge: what one run found that the other did not.

An edge is its head's name, its type and its tail's name; two edges of two runs are the same
when those match, and their evidence is compared as the set of (document, sentence) pairs, so a
change of rule or confidence shows as "changed", not as one edge lost and one found. Nodes are
compared by name and label. Used to check that a change to the engine keeps its graphs, and by
users to compare two runs over the same documents.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EdgeKey = tuple[str, str, str]
Evidence = frozenset[tuple[str, str]]


@dataclass(slots=True)
class GraphDiff:
    """What differs between an old and a new graph."""

    only_old: dict[EdgeKey, Evidence] = field(default_factory=dict)
    only_new: dict[EdgeKey, Evidence] = field(default_factory=dict)
    # Same triple, other evidence: (old evidence, new evidence).
    changed: dict[EdgeKey, tuple[Evidence, Evidence]] = field(default_factory=dict)
    nodes_only_old: set[tuple[str, str]] = field(default_factory=set)
    nodes_only_new: set[tuple[str, str]] = field(default_factory=set)
    same: int = 0

    @property
    def empty(self) -> bool:
        return not (
            self.only_old
            or self.only_new
            or self.changed
            or self.nodes_only_old
            or self.nodes_only_new
        )

    def render(self, *, limit: int | None = None) -> str:
        lines = [
            f"edges: {self.same} same, {len(self.changed)} with other evidence, "
            f"{len(self.only_old)} only in old, {len(self.only_new)} only in new; "
            f"nodes: {len(self.nodes_only_old)} only in old, {len(self.nodes_only_new)} only in new"
        ]
        for sign, edges in (("-", self.only_old), ("+", self.only_new)):
            for key in _first(sorted(edges), limit):
                lines.append(f"{sign} {_triple(key)}")
                lines.extend(f"    {doc}: {_short(text)}" for doc, text in sorted(edges[key]))
        for key in _first(sorted(self.changed), limit):
            old, new = self.changed[key]
            lines.append(f"~ {_triple(key)}")
            lines.extend(f"   -{doc}: {_short(text)}" for doc, text in sorted(old - new))
            lines.extend(f"   +{doc}: {_short(text)}" for doc, text in sorted(new - old))
        for sign, nodes in (("-", self.nodes_only_old), ("+", self.nodes_only_new)):
            lines.extend(
                f"{sign} node {name} ({label})" for name, label in _first(sorted(nodes), limit)
            )
        return "\n".join(lines)


def diff_graphs(old: Mapping[str, Any], new: Mapping[str, Any]) -> GraphDiff:
    """Compare two node-link graphs (as ``graph.json`` holds them)."""
    old_edges, new_edges = _edges(old), _edges(new)
    result = GraphDiff()
    for key, evidence in old_edges.items():
        if key not in new_edges:
            result.only_old[key] = evidence
        elif new_edges[key] != evidence:
            result.changed[key] = (evidence, new_edges[key])
        else:
            result.same += 1
    result.only_new = {key: ev for key, ev in new_edges.items() if key not in old_edges}
    old_nodes, new_nodes = _nodes(old), _nodes(new)
    result.nodes_only_old = old_nodes - new_nodes
    result.nodes_only_new = new_nodes - old_nodes
    return result


def diff_files(old: str | Path, new: str | Path) -> GraphDiff:
    return diff_graphs(_read(old), _read(new))


def _read(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a node-link graph")
    return data


def _names(graph: Mapping[str, Any]) -> dict[Any, str]:
    return {node["id"]: str(node.get("name", node["id"])) for node in graph.get("nodes", [])}


def _nodes(graph: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {
        (str(node.get("name", node["id"])), str(node.get("label", "")))
        for node in graph.get("nodes", [])
    }


def _edges(graph: Mapping[str, Any]) -> dict[EdgeKey, Evidence]:
    names = _names(graph)
    edges: dict[EdgeKey, set[tuple[str, str]]] = {}
    for edge in graph.get("edges", graph.get("links", [])):
        key = (
            names.get(edge["source"], str(edge["source"])),
            str(edge.get("type", "")),
            names.get(edge["target"], str(edge["target"])),
        )
        evidence = edges.setdefault(key, set())
        for item in edge.get("evidence", []):
            evidence.add((str(item.get("doc_id", "")), str(item.get("text", ""))))
    return {key: frozenset(value) for key, value in edges.items()}


def _triple(key: EdgeKey) -> str:
    head, relation, tail = key
    return f"{head} -[{relation}]-> {tail}"


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _first(items: Iterable[Any], limit: int | None) -> list[Any]:
    items = list(items)
    return items if limit is None else items[:limit]


def main(argv: list[str] | None = None) -> int:
    """``python -m graphbuild.diff OLD NEW``: exit 0 when the graphs agree, 1 when they differ."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m graphbuild.diff OLD_GRAPH NEW_GRAPH", file=sys.stderr)
        return 2
    result = diff_files(args[0], args[1])
    print(result.render())
    return 0 if result.empty else 1


if __name__ == "__main__":
    sys.exit(main())
