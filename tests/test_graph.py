"""The graph model: merging, determinism, and the JSON and GraphML round trips."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graphbuild.graph import (
    GraphBuilder,
    build_graph,
    from_node_link,
    read_json,
    to_node_link,
    write_graphml,
    write_json,
)
from graphbuild.records import Document, DocumentResult, Evidence, Mention, Relation


def _relation(doc_id: str, head: str, kind: str, tail: str, date: str | None, start: int = 0):
    sentence = f"{head} and {tail} are related."
    return Relation(
        head=Mention(head, head, "Organization", start, start + len(head)),
        type=kind,
        tail=Mention(tail, tail, "Organization", start + len(head) + 5, start + len(sentence) - 13),
        evidence=Evidence(
            doc_id, sentence, start, start + len(sentence), head, tail, "test.rule", 0.8, date
        ),
    )


def _result(doc_id: str, date: str | None, relations: list[Relation]) -> DocumentResult:
    mentions = tuple(m for r in relations for m in (r.head, r.tail))
    return DocumentResult(Document(doc_id, "text", date=date), mentions, tuple(relations))


RESULTS = [
    _result(
        "a",
        "2012-04-03",
        [_relation("a", "Citrix Systems Inc.", "MEMBER_OF", "OpenStack", "2012-04-03")],
    ),
    _result(
        "b",
        "2015-04-23",
        [
            _relation("b", "Citrix", "SPONSORS", "OpenStack", "2015-04-23"),
            _relation("b", "VMware", "COMPETES_WITH", "Citrix", "2015-04-23", start=40),
        ],
    ),
    _result("c", "2016-01-01", [_relation("c", "Citrix", "COMPETES_WITH", "VMware", "2016-01-01")]),
]


def test_graph_merges_aliases_into_one_node():
    graph = build_graph(RESULTS)
    citrix = [n for n, data in graph.nodes(data=True) if data["name"].startswith("Citrix")]
    assert len(citrix) == 1
    assert "Citrix Systems Inc." in graph.nodes[citrix[0]]["aliases"]


def test_graph_symmetric_type_is_stored_once_with_all_evidence():
    graph = build_graph(RESULTS)
    competes = [(h, t, d) for h, t, d in graph.edges(data=True) if d["type"] == "COMPETES_WITH"]
    assert len(competes) == 1
    _, _, data = competes[0]
    assert data["support"] == 2
    assert (data["first_seen"], data["last_seen"]) == ("2015-04-23", "2016-01-01")


def test_graph_keeps_the_story_over_time():
    graph = build_graph(RESULTS)
    types = {
        (graph.nodes[h]["name"], d["type"], graph.nodes[t]["name"], d["first_seen"])
        for h, t, d in graph.edges(data=True)
    }
    assert ("Citrix", "MEMBER_OF", "OpenStack", "2012-04-03") in types
    assert ("Citrix", "SPONSORS", "OpenStack", "2015-04-23") in types


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0], [1, 2, 0]])
def test_graph_is_independent_of_document_order(order):
    reference = to_node_link(build_graph(RESULTS))
    assert to_node_link(build_graph([RESULTS[i] for i in order])) == reference


def test_graph_json_round_trip(tmp_path):
    graph = build_graph(RESULTS)
    path = write_json(graph, tmp_path / "graph.json")
    again = read_json(path)
    assert to_node_link(again) == to_node_link(graph)
    data = json.loads(path.read_text())
    edge = data["edges"][0]
    assert {"source", "target", "type", "evidence"} <= set(edge)
    assert {
        "doc_id",
        "text",
        "start",
        "end",
        "head_mention",
        "tail_mention",
        "rule",
        "confidence",
        "date",
    } <= set(edge["evidence"][0])


def test_graph_graphml_flattens_lists(tmp_path):
    graph = build_graph(RESULTS)
    path = write_graphml(graph, tmp_path / "graph.graphml")
    again = nx.read_graphml(path, force_multigraph=True)
    assert again.number_of_nodes() == graph.number_of_nodes()
    assert again.number_of_edges() == graph.number_of_edges()
    aliases = [d["aliases"] for _, d in again.nodes(data=True)]
    assert all(isinstance(a, str) and a.startswith("[") for a in aliases)


def test_graph_from_node_link_does_not_mutate_input():
    data = to_node_link(build_graph(RESULTS))
    snapshot = json.dumps(data, sort_keys=True)
    from_node_link(data)
    assert json.dumps(data, sort_keys=True) == snapshot


def test_graph_drops_self_loops():
    builder = GraphBuilder()
    builder.add(
        _result("d", None, [_relation("d", "Citrix Systems", "PARTNERS_WITH", "Citrix", None)])
    )
    assert builder.graph().number_of_edges() == 0
