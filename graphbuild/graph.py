"""The graph model: folding per-document results into one NetworkX graph, and its file formats.

The graph is a ``networkx.MultiDiGraph`` keyed by relation type, so two entities can be linked
by several types but never twice by the same one. Nodes carry ``name``, ``label``, ``aliases``
(names only, never "it" or "the company") and ``documents``, and ``unnamed`` where true: the
company a document is about but never names, whose aliases are the references to it.
Edges carry ``type``, ``evidence`` (a list of dicts), ``support``, ``confidence``,
``first_seen``/``last_seen`` and, for deals, ``status``. The run's documents are kept in
``graph.graph["documents"]`` so exporters never need the text again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any, cast

import networkx as nx

from . import __version__
from .canonical import Canonicalizer, default_canonicalizer, is_reference, name_key
from .errors import GraphFormatError, Messages
from .graph_format import node_link_problem
from .records import ENTITY_LABELS, SYMMETRIC_TYPES, DocumentResult, Mention, Relation

_LABEL_PRIORITY = {label: rank for rank, label in enumerate(ENTITY_LABELS)}
# Characters XML 1.0 does not allow at all (C0 controls but tab and line ends, lone
# surrogates, U+FFFE/U+FFFF): GraphML leaves them out; graph.json keeps every character.
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class GraphBuilder:
    """Accumulates ``DocumentResult``s; ``graph()`` returns the merged graph.

    Merging is order-independent: results can arrive from any number of workers in any order
    and the graph is the same.
    """

    def __init__(self, canonicalizer: Canonicalizer | None = None) -> None:
        self.canonicalizer = canonicalizer or default_canonicalizer()
        self._names: dict[str, Counter[str]] = defaultdict(Counter)
        self._surface: dict[str, set[str]] = defaultdict(set)
        self._references: dict[str, set[str]] = defaultdict(set)  # "it", "the company"
        self._labels: dict[str, Counter[str]] = defaultdict(Counter)
        self._node_docs: dict[str, set[str]] = defaultdict(set)
        self._node_dates: dict[str, set[str]] = defaultdict(set)
        self._unnamed: set[str] = set()
        self._evidence: dict[tuple[str, str, str], dict[tuple[Any, ...], dict[str, Any]]] = (
            defaultdict(dict)
        )
        self._documents: dict[str, dict[str, Any]] = {}

    def add(self, result: DocumentResult) -> None:
        if result.skipped is not None:
            return
        document = result.document
        self._documents[document.id] = {
            "id": document.id,
            "title": document.title,
            "date": document.date,
            "url": document.url,
        }
        for mention in result.mentions:
            node = self._add_mention(mention)
            if mention.unnamed:
                self._unnamed.add(node)
            self._node_docs[node].add(document.id)
            if document.date:
                self._node_dates[node].add(document.date)
        for relation in result.relations:
            self._add_relation(relation)

    def _key(self, mention: Mention) -> str:
        if mention.unnamed:
            # The name holds the exact document id; folding it alone would merge the unnamed
            # nodes of news/acme.txt and news-acme.txt, so a hash of the exact name is added.
            digest = hashlib.sha256(mention.name.encode("utf-8", "surrogatepass")).hexdigest()
            return f"{name_key(mention.name)}-{digest[:12]}"
        return self.canonicalizer.key(mention.name)

    def _add_mention(self, mention: Mention) -> str:
        node = self._key(mention)
        name = mention.name
        self._names[node][name if mention.unnamed else self.canonicalizer.display_name(name)] += 1
        self._surface[node].add(name)
        # "it" and "the company" fit any company: an alias must be a name
        (self._references if is_reference(mention.text) else self._surface)[node].add(mention.text)
        self._labels[node][mention.label] += 1
        return node

    def _add_relation(self, relation: Relation) -> None:
        head = self._key(relation.head)
        tail = self._key(relation.tail)
        if head == tail:
            return
        if relation.type in SYMMETRIC_TYPES and tail < head:
            head, tail = tail, head
        evidence = asdict(relation.evidence)
        identity = (
            evidence["doc_id"],
            evidence["start"],
            evidence["end"],
            evidence["rule"],
            evidence["head_mention"],
            evidence["tail_mention"],
        )
        bucket = self._evidence[(head, relation.type, tail)]
        previous = bucket.get(identity)
        if previous is None or previous["confidence"] < evidence["confidence"]:
            bucket[identity] = evidence

    def graph(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.graph["generator"] = f"graphbuild {__version__}"
        graph.graph["documents"] = [self._documents[key] for key in sorted(self._documents)]
        for node in sorted(self._names):
            graph.add_node(node, **self._node_attributes(node))
        for (head, relation_type, tail), bucket in sorted(self._evidence.items()):
            evidence = sorted(
                bucket.values(), key=lambda e: (e["date"] or "", e["doc_id"], e["start"], e["rule"])
            )
            dates = sorted(e["date"] for e in evidence if e["date"])
            statuses = [e["status"] for e in evidence if e.get("status")]
            attributes: dict[str, Any] = {
                "type": relation_type,
                "support": len(evidence),
                "confidence": round(max(e["confidence"] for e in evidence), 3),
                "first_seen": dates[0] if dates else None,
                "last_seen": dates[-1] if dates else None,
                "evidence": evidence,
            }
            if statuses:
                attributes["status"] = statuses[-1]
            graph.add_edge(head, tail, key=relation_type, **attributes)
        return graph

    def _node_attributes(self, node: str) -> dict[str, Any]:
        names = self._names[node]
        # Most frequent display name; ties go to the shorter, then alphabetical, for determinism.
        name = min(names, key=lambda n: (-names[n], len(n), n))
        labels = self._labels[node]
        label = self.canonicalizer.known_label(name) or min(
            labels, key=lambda lab: (-labels[lab], _LABEL_PRIORITY.get(lab, 99), lab)
        )
        dates = sorted(self._node_dates[node])
        attributes: dict[str, Any] = {
            "name": name,
            "label": label,
            "aliases": sorted(self._surface[node] - {name}),
            "documents": sorted(self._node_docs[node]),
            "mentions": sum(names.values()),
            "first_seen": dates[0] if dates else None,
            "last_seen": dates[-1] if dates else None,
        }
        if node in self._unnamed:
            attributes["unnamed"] = True
            # a company the text never names is known only by how it refers to it
            attributes["aliases"] = sorted(self._surface[node] - {name} | self._references[node])
        return attributes


def build_graph(results: Iterable[DocumentResult]) -> nx.MultiDiGraph:
    """Merge document results into one graph."""
    builder = GraphBuilder()
    for result in results:
        builder.add(result)
    return builder.graph()


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as NetworkX node-link data with ``edges`` (the format the scorers read)."""
    data = nx.node_link_data(graph, edges="edges")
    for edge in data["edges"]:
        edge.pop("key", None)  # the key is the type; keep one field for it
    return data


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Inverse of :func:`to_node_link`."""
    data = json.loads(json.dumps(data))  # never mutate the caller's dict
    for edge in data.get("edges", []):
        edge["key"] = edge.get("type")
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return graph


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(to_node_link(graph), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    return path


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`, checked first (see :func:`read_node_link`)."""
    return from_node_link(read_node_link(path))


def read_node_link(path: str | Path) -> dict[str, Any]:
    """The node-link data of a graph file, checked to be what :func:`write_json` writes.

    Anything else (not UTF-8, not JSON, NaN or Infinity, nested too deep, a field missing or
    of the wrong type, an edge to no node) raises one :class:`GraphFormatError` naming the file
    and the first problem.
    """
    path = Path(path)

    def fail(problem: object) -> GraphFormatError:
        return GraphFormatError(Messages.E_GRAPH_FILE.format(path=path, problem=problem))

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise fail(f"not UTF-8 text: invalid byte at position {error.start}") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise fail(f"not JSON: {error}") from None
    except ValueError as error:  # NaN or Infinity, which JSON itself does not have
        raise fail(error) from None
    except RecursionError:
        raise fail("nested too deeply to read as JSON") from None
    problem = node_link_problem(data)
    if problem is not None:
        raise fail(problem)
    return cast(dict[str, Any], data)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"holds {name}, which is not a number a graph can carry")


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """GraphML for Gephi and yEd: lists and dicts become JSON strings, None is left out.

    Characters XML cannot hold (control characters such as U+0007) are left out of GraphML
    text; graph.json keeps them.
    """
    flat = nx.MultiDiGraph()
    for node, attributes in graph.nodes(data=True):
        flat.add_node(_xml_text(node), **_flatten(attributes))
    for head, tail, key, attributes in graph.edges(keys=True, data=True):
        flat.add_edge(_xml_text(head), _xml_text(tail), key=key, **_flatten(attributes))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(flat, path, named_key_ids=True)
    return path


def _flatten(attributes: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, list | dict | tuple):
            # json.dumps escapes C0 controls itself; U+FFFE and the like it keeps
            flat[key] = _xml_text(json.dumps(value, ensure_ascii=False, sort_keys=True))
        elif isinstance(value, str):
            flat[key] = _xml_text(value)
        else:
            flat[key] = value
    return flat


def _xml_text(value: str) -> str:
    return _XML_ILLEGAL.sub("", value) if isinstance(value, str) else value
