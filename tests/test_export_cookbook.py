"""Every cookbook recipe, run on a real FalkorDB, against the answer computed from the NetworkX
graph in Python: on a hand-made story that gives every recipe a non-empty answer, and on the
seeds' graph built by the real pipeline."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import networkx as nx
import pytest
from conftest import require
from export_support import (
    falkordb_server,  # noqa: F401  (a fixture)
    fresh_database,
    server_uri,
    story_graph,
)

from graphbuild import cypher
from graphbuild.export import export_graph, run_query
from graphbuild.records import SYMMETRIC_TYPES

pytestmark = pytest.mark.falkordb

Row = dict[str, Any]
COOPERATIVE = {
    "MEMBER_OF",
    "SPONSORS",
    "PARTNERS_WITH",
    "INVESTS_IN",
    "FOUNDED",
    "USES",
    "ACQUIRED",
}


def _edges(graph: nx.MultiDiGraph, relation_type: str | None = None):
    for head, tail, data in graph.edges(data=True):
        if relation_type is None or data["type"] == relation_type:
            yield head, tail, data


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node]["name"]


def _choose_parameters(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Parameters for the recipes that take them, chosen from the graph so answers are rich."""

    def busiest(relation_type: str, *, incoming: bool) -> str:
        counts: dict[str, int] = defaultdict(int)
        for head, tail, _ in _edges(graph, relation_type):
            if relation_type in SYMMETRIC_TYPES:
                counts[head] += 1
                counts[tail] += 1
            else:
                counts[tail if incoming else head] += 1
        node = max(sorted(counts), key=lambda n: counts[n]) if counts else next(iter(graph))
        return _name(graph, node)

    head, tail, data = max(
        graph.edges(data=True), key=lambda e: (e[2]["support"], e[0], e[1], e[2]["type"])
    )
    entity_graph = nx.Graph(graph)
    lengths = dict(nx.all_pairs_shortest_path_length(entity_graph, cutoff=4))
    pair = max(
        ((a, b) for a in sorted(lengths) for b in sorted(lengths[a]) if a < b),
        key=lambda p: (lengths[p[0]][p[1]], p),
    )
    mentioned = max(sorted(graph), key=lambda n: len(graph.nodes[n]["documents"]))
    documents = sorted(d["id"] for d in graph.graph["documents"])
    return {
        "competitors_of": {"name": busiest("COMPETES_WITH", incoming=False)},
        "sponsors_over_time": {"project": busiest("SPONSORS", incoming=True)},
        "edge_evidence": {
            "head": _name(graph, head),
            "type": data["type"],
            "tail": _name(graph, tail),
        },
        "shortest_path": {"from": _name(graph, pair[0]), "to": _name(graph, pair[1])},
        "documents_mentioning": {"name": _name(graph, mentioned)},
        "relationships_from_document": {"document": documents[0]},
    }


def _expected(name: str, graph: nx.MultiDiGraph, parameters: dict[str, Any]) -> list[Row]:
    """The recipe's answer computed from the graph: an independent second implementation."""
    nodes = graph.nodes
    by_name = [node for node in graph if nodes[node]["name"] == parameters.get("name")]
    if name == "competitors":
        rows = [
            {
                "organization": nodes[h]["name"],
                "competitor": nodes[t]["name"],
                "support": d["support"],
            }
            for h, t, d in _edges(graph, "COMPETES_WITH")
        ]
        return sorted(rows, key=lambda r: (r["organization"], r["competitor"]))
    if name == "competitors_of":
        rows = []
        for head, tail, data in _edges(graph, "COMPETES_WITH"):
            for me, other in ((head, tail), (tail, head)):
                if me in by_name:
                    rows.append(
                        {
                            "competitor": nodes[other]["name"],
                            "support": data["support"],
                            "first_seen": data["first_seen"],
                        }
                    )
        return sorted(rows, key=lambda r: r["competitor"])
    if name == "sponsors_over_time":
        rows = [
            {
                "sponsor": nodes[h]["name"],
                "first_seen": d["first_seen"],
                "last_seen": d["last_seen"],
                "support": d["support"],
            }
            for h, t, d in _edges(graph, "SPONSORS")
            if nodes[t]["name"] == parameters["project"]
        ]
        return sorted(rows, key=lambda r: (r["first_seen"] or "", r["sponsor"]))
    if name == "acquisition_chains":
        acquired = [(h, t) for h, t, _ in _edges(graph, "ACQUIRED")]
        chains: list[list[str]] = []

        def extend(path: list[str], used: set[tuple[str, str]]) -> None:
            if len(path) > 1:
                chains.append(path)
            if len(path) == 5:
                return
            for edge in acquired:
                if edge[0] == path[-1] and edge not in used:
                    extend([*path, edge[1]], used | {edge})

        for node in graph:
            extend([node], set())
        rows = [
            {"chain": [nodes[n]["name"] for n in chain], "steps": len(chain) - 1}
            for chain in chains
        ]
        return sorted(rows, key=lambda r: (-r["steps"], r["chain"]))
    if name == "edge_evidence":
        rows = []
        for head, tail, data in graph.edges(data=True):
            if (nodes[head]["name"], data["type"], nodes[tail]["name"]) == (
                parameters["head"],
                parameters["type"],
                parameters["tail"],
            ):
                rows += [
                    {
                        "document": e["doc_id"],
                        "date": e["date"] or "",
                        "start_offset": e["start"],
                        "end_offset": e["end"],
                        "rule": e["rule"],
                        "confidence": e["confidence"],
                        "sentence": e["text"],
                    }
                    for e in data["evidence"]
                ]
        return sorted(rows, key=lambda r: (r["date"], r["document"], r["start_offset"], r["rule"]))
    if name == "changed_sides":
        pairs: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
        for head, tail, data in graph.edges(data=True):
            a, b = sorted((head, tail))
            arrow = " ->" if head == a else " <-"
            pairs[(a, b)].append((data["first_seen"] or "", data["type"], arrow))
        rows = []
        for (a, b), relations in pairs.items():
            types = {relation[1] for relation in relations}
            if "COMPETES_WITH" in types and types & COOPERATIVE:
                timeline = [
                    f"{first or '?'} {kind}{arrow}" for first, kind, arrow in sorted(relations)
                ]
                rows.append(
                    {
                        "organization": nodes[a]["name"],
                        "counterpart": nodes[b]["name"],
                        "timeline": timeline,
                    }
                )
        return sorted(rows, key=lambda r: (r["organization"], r["counterpart"]))
    if name == "most_connected":
        rows = [
            {
                "name": nodes[n]["name"],
                "label": nodes[n]["label"],
                "degree": graph.degree(n),
                "id": n,
            }
            for n in graph
        ]
        rows = sorted(rows, key=lambda r: (-r["degree"], r["name"], r["id"]))[:10]
        return [{key: value for key, value in row.items() if key != "id"} for row in rows]
    if name == "products_by_developer":
        products: dict[str, list[str]] = defaultdict(list)
        for head, tail, _ in _edges(graph, "DEVELOPS"):
            products[head].append(nodes[tail]["name"])
        rows = [{"developer": nodes[h]["name"], "products": sorted(p)} for h, p in products.items()]
        return sorted(rows, key=lambda r: r["developer"])
    if name == "members_of":
        members: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for head, tail, data in _edges(graph, "MEMBER_OF"):
            members[tail].append((data["first_seen"] or "", nodes[head]["name"]))
        rows = [
            {"project": nodes[g]["name"], "members": [m for _, m in sorted(ms)]}
            for g, ms in members.items()
        ]
        return sorted(rows, key=lambda r: r["project"])
    if name == "documents_mentioning":
        mentioned = {doc for node in by_name for doc in nodes[node]["documents"]}
        rows = [
            {"document": d["id"], "title": d["title"], "date": d["date"], "url": d["url"]}
            for d in graph.graph["documents"]
            if d["id"] in mentioned
        ]
        return sorted(rows, key=lambda r: (r["date"] or "", r["document"]))
    if name == "relationships_from_document":
        rows = [
            {
                "head": nodes[h]["name"],
                "type": d["type"],
                "tail": nodes[t]["name"],
                "confidence": d["confidence"],
            }
            for h, t, d in graph.edges(data=True)
            if any(e["doc_id"] == parameters["document"] for e in d["evidence"])
        ]
        return sorted(rows, key=lambda r: (r["head"], r["type"], r["tail"]))
    if name == "deals":
        rows = [
            {
                "buyer": nodes[h]["name"],
                "target": nodes[t]["name"],
                "status": d.get("status") or "unknown",
                "first_seen": d["first_seen"],
                "last_seen": d["last_seen"],
            }
            for h, t, d in _edges(graph, "ACQUIRED")
        ]
        return sorted(rows, key=lambda r: (r["buyer"], r["target"]))
    if name == "relationship_counts":
        counts: dict[str, int] = defaultdict(int)
        for _, _, data in graph.edges(data=True):
            counts[data["type"]] += 1
        rows = [{"type": kind, "relationships": count} for kind, count in counts.items()]
        return sorted(rows, key=lambda r: (-r["relationships"], r["type"]))
    raise AssertionError(f"no expected answer written for recipe {name!r}")


def _check_shortest_path(graph: nx.MultiDiGraph, parameters: dict[str, Any], rows: list[Row]):
    """Ties make the path itself arbitrary: check its length and that each step is real."""
    starts = [n for n in graph if graph.nodes[n]["name"] == parameters["from"]]
    ends = [n for n in graph if graph.nodes[n]["name"] == parameters["to"]]
    undirected = nx.Graph(graph)
    length = min(nx.shortest_path_length(undirected, a, b) for a in starts for b in ends)
    assert len(rows) == 1
    row = rows[0]
    assert row["steps"] == length == len(row["types"]) == len(row["names"]) - 1
    named: dict[str, set[str]] = defaultdict(set)
    for head, tail, data in graph.edges(data=True):
        named[data["type"]].add(frozenset({graph.nodes[head]["name"], graph.nodes[tail]["name"]}))
    for step, kind in enumerate(row["types"]):
        assert frozenset(row["names"][step : step + 2]) in named[kind]


def _graph(request: pytest.FixtureRequest, which: str) -> nx.MultiDiGraph:
    if which == "story":
        return story_graph()
    try:
        return request.getfixturevalue("seeds_graph")
    except pytest.FixtureLookupError:
        require(False, "the seeds_graph fixture is not in tests/conftest.py yet")
        raise


@pytest.mark.parametrize("which", ["story", "seeds"])
def test_export_cookbook_answers_match_the_graph(request, falkordb_server, which):  # noqa: F811
    graph = _graph(request, which)
    uri, database = server_uri(falkordb_server), fresh_database(f"cookbook_{which}")
    report = export_graph(graph, uri, database=database)
    mentions = sum(len(data["documents"]) for _, data in graph.nodes(data=True))
    assert report.nodes_in_database == graph.number_of_nodes() + len(graph.graph["documents"])
    assert report.relationships_in_database == graph.number_of_edges() + mentions
    chosen = _choose_parameters(graph)
    answered = 0
    for recipe in cypher.cookbook():
        parameters = chosen.get(recipe.name, {})
        rows = run_query(recipe.text, uri, parameters=parameters, database=database)
        if recipe.name == "shortest_path":
            _check_shortest_path(graph, parameters, rows)
        else:
            expected = _expected(recipe.name, graph, parameters)
            assert json.loads(json.dumps(rows)) == expected, recipe.name
        answered += bool(rows)
    if which == "story":  # the story is built so that no recipe comes back empty
        assert answered == len(cypher.cookbook())


def test_export_cookbook_every_recipe_by_name_through_the_cli(tmp_path, seeds_graph):
    """`graphbuild export` of the seeds' graph, then `graphbuild query --recipe NAME` for every
    recipe, each answer equal to the one computed from the graph (the embedded store)."""
    from click.testing import CliRunner

    from graphbuild.cli import cli
    from graphbuild.graph import write_json

    graph = seeds_graph
    graph_path = write_json(graph, tmp_path / "graph.json")
    data_dir = ["--data-dir", str(tmp_path / "store")]
    runner = CliRunner()
    exported = runner.invoke(cli, ["export", str(graph_path), *data_dir])
    assert exported.exit_code == 0, exported.output
    chosen = _choose_parameters(graph)
    for recipe in cypher.cookbook():
        parameters = chosen.get(recipe.name, {})
        assert set(parameters) == set(recipe.parameters), recipe.name
        flags = [
            flag
            for key, value in parameters.items()
            for flag in ("--param", f"{key}={json.dumps(value)}")
        ]
        result = runner.invoke(cli, ["query", "--recipe", recipe.name, *flags, "--json", *data_dir])
        assert result.exit_code == 0, (recipe.name, result.output)
        rows = json.loads(result.output)
        if recipe.name == "shortest_path":
            _check_shortest_path(graph, parameters, rows)
        else:
            assert rows == _expected(recipe.name, graph, parameters), recipe.name


def test_export_cookbook_recipes_are_listed_and_named_in_errors(tmp_path):
    from click.testing import CliRunner

    from graphbuild.cli import cli

    runner = CliRunner()
    listed = runner.invoke(cli, ["query", "--list-recipes"])
    assert listed.exit_code == 0
    assert [
        line.split()[0] for line in listed.output.splitlines() if line and not line.startswith(" ")
    ] == [r.name for r in cypher.cookbook()]
    assert "edge_evidence --param head=... --param tail=... --param type=..." in listed.output
    # Checked before any store is opened: no --data-dir needed, nothing created.
    missing = runner.invoke(
        cli,
        [
            "query",
            "--recipe",
            "edge_evidence",
            "--param",
            "head=Acme",
            "--data-dir",
            str(tmp_path / "none"),
        ],
    )
    assert missing.exit_code == 1
    assert "missing the parameter(s) $tail, $type" in missing.output
    assert "--param tail=" in missing.output
    unknown = runner.invoke(cli, ["query", "--recipe", "competitor"])
    assert unknown.exit_code == 1
    assert "no recipe called 'competitor'" in unknown.output
    assert "competitors" in unknown.output
    both = runner.invoke(cli, ["query", "MATCH (n) RETURN n", "--recipe", "competitors"])
    assert both.exit_code == 2
    assert not (tmp_path / "none").exists()


def test_export_cookbook_plain_query_names_its_missing_parameters(falkordb_server):  # noqa: F811
    from graphbuild.errors import ExportError

    uri, database = server_uri(falkordb_server), fresh_database("missing")
    export_graph(story_graph(), uri, database=database)
    with pytest.raises(ExportError, match=r"not given: \$name, \$other"):
        run_query(
            "MATCH (n {name: $name}) WHERE n.id <> '$quoted' RETURN n, $other",
            uri,
            database=database,
        )
    with pytest.raises(ExportError, match=r"not given: \$other;"):
        run_query(
            "MATCH (n {name: $name}) WHERE n.id <> '$quoted' RETURN n, $other",
            uri,
            database=database,
            parameters={"name": "Citrix"},
        )
