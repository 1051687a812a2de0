"""Export to a live Neo4j: run only when NEO4J_URI is set (CI has no Neo4j, so these are the
one exception to failing under CI=true). Start one with `docker compose up -d` and run

    NEO4J_URI=neo4j://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... \\
        .venv/bin/python -m pytest tests/test_export_neo4j.py -m neo4j
"""

from __future__ import annotations

import os

import pytest
from export_support import expected_contents, hostile_graph, story_graph

from graphbuild import cypher
from graphbuild.errors import ExportError
from graphbuild.export import export_graph, run_query

NEO4J_URI = os.environ.get("NEO4J_URI")
pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not NEO4J_URI,
        reason="SKIPPED live Neo4j tests: NEO4J_URI is not set (see tests/test_export_neo4j.py)",
    ),
]


@pytest.fixture
def neo4j_uri():
    """The live database, emptied before each test (it must be a throwaway database)."""
    assert NEO4J_URI
    run_query("MATCH (n) DETACH DELETE n", NEO4J_URI, write=True)
    return NEO4J_URI


def _contents(uri: str):
    nodes = run_query(cypher.SNAPSHOT_NODES, uri)
    relationships = run_query(cypher.SNAPSHOT_RELATIONSHIPS, uri)
    for row in nodes:
        row["labels"] = sorted(row["labels"])
    return (
        sorted(nodes, key=lambda r: r["id"]),
        sorted(relationships, key=lambda r: (r["head"], r["type"], r["tail"])),
    )


@pytest.mark.parametrize("make_graph", [story_graph, hostile_graph])
def test_export_neo4j_writes_exactly_the_graph_twice(neo4j_uri, make_graph):
    graph = make_graph()
    export_graph(graph, neo4j_uri, batch_size=3)
    assert _contents(neo4j_uri) == expected_contents(graph)
    export_graph(graph, neo4j_uri, batch_size=5)
    assert _contents(neo4j_uri) == expected_contents(graph)


def test_export_neo4j_creates_uniqueness_constraints(neo4j_uri):
    export_graph(story_graph(), neo4j_uri)
    names = {row["name"] for row in run_query("SHOW CONSTRAINTS YIELD name", neo4j_uri)}
    assert {"graphbuild_entity_id", "graphbuild_document_id"} <= names


def test_export_neo4j_cookbook_runs(neo4j_uri):
    export_graph(story_graph(), neo4j_uri)
    for recipe in cypher.cookbook():
        run_query(recipe.text, neo4j_uri, parameters=recipe.example)


def test_export_neo4j_query_is_read_only_unless_write(neo4j_uri):
    graph = story_graph()
    export_graph(graph, neo4j_uri)
    with pytest.raises(ExportError, match="read-only unless you add --write"):
        run_query("MATCH (n) DETACH DELETE n", neo4j_uri)
    assert _contents(neo4j_uri) == expected_contents(graph)
    run_query("MATCH (n) DETACH DELETE n", neo4j_uri, write=True)
    assert run_query("MATCH (n) RETURN count(n) AS nodes", neo4j_uri) == [{"nodes": 0}]
