"""Tests of graphbuild.analysis: name look-ups and their suggestions (invented names)."""

from __future__ import annotations

import doctest
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild import analysis
from graphbuild.analysis import edge_evidence, find_node, suggest_names
from graphbuild.cli import cli
from graphbuild.graph import write_json


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("quillon", name="Quillon", label="Organization", aliases=["Quillon Labs"])
    graph.add_node("quillan-foods", name="Quillan Foods", label="Organization", aliases=[])
    graph.add_node("vesper-motors", name="Vesper Motors", label="Organization", aliases=["VM"])
    graph.add_node(
        "unnamed-d1", name="unnamed organisation in d1", label="Organization", unnamed=True
    )
    evidence = {"doc_id": "d1", "text": "Quillon rivals Vesper Motors.", "rule": "r"}
    graph.add_edge(
        "quillon", "vesper-motors", key="COMPETES_WITH", type="COMPETES_WITH", evidence=[evidence]
    )
    return graph


def test_analysis_doctests() -> None:
    assert doctest.testmod(analysis).failed == 0


def test_analysis_suggest_names_finds_the_closest_spellings(graph: nx.MultiDiGraph) -> None:
    assert suggest_names(graph, "Quilon")[0] == "Quillon"
    assert suggest_names(graph, "vesper motor") == ["Vesper Motors"]
    # an alias suggests its entity's display name
    assert suggest_names(graph, "Quillon Lab") == ["Quillon"]
    assert suggest_names(graph, "Zzyzx") == []
    assert suggest_names(graph, "unnamed organisation in d2") == []  # never an unnamed node


def test_analysis_unknown_name_error_suggests(graph: nx.MultiDiGraph) -> None:
    assert find_node(graph, "Vespr Motors") is None
    with pytest.raises(KeyError, match="did you mean 'Vesper Motors'"):
        edge_evidence(graph, "Vespr Motors", "Quillon")


def test_analysis_cli_explain_typo_suggests_the_closest_name(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = write_json(graph, tmp_path / "graph.json")
    result = CliRunner().invoke(cli, ["explain", str(path), "Quillon", "Vespor Motors"])
    assert result.exit_code == 2
    assert "no entity called 'Vespor Motors'" in result.output
    assert "did you mean 'Vesper Motors'?" in result.output
    result = CliRunner().invoke(cli, ["explain", str(path), "Zzyzx", "Quillon"])
    assert result.exit_code == 2
    assert "did you mean" not in result.output and "name, alias or id" in result.output
    result = CliRunner().invoke(cli, ["explain", str(path), "quillon labs", "VM"])
    assert result.exit_code == 0 and "COMPETES_WITH" in result.output


def _dated_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node in ("arlo", "brisk", "cobalt", "dune"):
        graph.add_node(node, name=node.title(), label="Organization", aliases=[])

    def edge(head: str, relation_type: str, tail: str, *dates: str | None) -> None:
        evidence = [{"doc_id": f"d{i}", "date": date} for i, date in enumerate(dates)]
        known = sorted(date for date in dates if date)
        graph.add_edge(
            head,
            tail,
            key=relation_type,
            type=relation_type,
            evidence=evidence,
            first_seen=known[0] if known else None,
        )

    edge("arlo", "ACQUIRED", "brisk", "1987-03-02", "1987-04-10")
    edge("arlo", "ACQUIRED", "cobalt", "1987-04-01")
    edge("dune", "ACQUIRED", "cobalt", None)
    edge("brisk", "COMPETES_WITH", "dune", "1987-04-20")
    return graph


def test_analysis_most_active_counts_both_sides() -> None:
    rows = analysis.most_active(_dated_graph(), "ACQUIRED")
    assert [(row.name, row.as_head, row.as_tail, row.partners) for row in rows] == [
        ("Arlo", 2, 0, 2),
        ("Cobalt", 0, 2, 2),
        ("Dune", 1, 0, 1),
        ("Brisk", 0, 1, 1),
    ]
    assert analysis.most_active(_dated_graph(), "SPONSORS") == []


def test_analysis_relations_over_time_by_month_and_year() -> None:
    rows = analysis.relations_over_time(_dated_graph())
    assert [(row.period, row.type, row.sentences, row.new_edges) for row in rows] == [
        ("1987-03", "ACQUIRED", 1, 1),
        ("1987-04", "ACQUIRED", 2, 1),
        ("1987-04", "COMPETES_WITH", 1, 1),
    ]
    yearly = analysis.relations_over_time(_dated_graph(), by="year")
    assert [(row.period, row.type, row.sentences) for row in yearly] == [
        ("1987", "ACQUIRED", 3),
        ("1987", "COMPETES_WITH", 1),
    ]
    with pytest.raises(ValueError, match="month"):
        analysis.relations_over_time(_dated_graph(), by="week")
