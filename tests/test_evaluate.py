"""The scorer behind ``graphbuild eval`` and the ``explain`` command, on small hand-made graphs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild.analysis import find_node
from graphbuild.cli import cli
from graphbuild.errors import GraphFormatError
from graphbuild.evaluate import evaluate, explain, load_gold, normalise
from graphbuild.graph import write_json

GOLD: dict[str, Any] = {
    "symmetric": ["COMPETES_WITH", "PARTNERS_WITH"],
    "entities": [
        {"name": "Acme", "type": "Organization", "aliases": ["Acme Corp"]},
        {"name": "Globex", "type": "Organization"},
        {"name": "Widget", "type": "Product"},
        {"name": "Initech", "type": "Organization"},
    ],
    "neutral_entities": ["Springfield Project"],
    "relations": [
        {"head": "Acme", "type": "ACQUIRED", "tail": "Globex", "evidence": "Acme bought Globex"},
        {"head": "Acme", "type": "DEVELOPS", "tail": "Widget", "alt_types": ["USES"]},
        {"head": "Globex", "type": "COMPETES_WITH", "tail": "Initech"},
        {"head": "Initech", "type": "USES", "tail": "Widget"},
    ],
    "neutral": [{"head": "Initech", "type": "PARTNERS_WITH", "tail": "Acme"}],
    "traps": [{"head": "Globex", "type": "ACQUIRED", "tail": "Acme"}],
}


def graph_of(
    nodes: list[tuple[str, str, str, list[str]]], edges: list[tuple[str, str, str]]
) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node, name, label, aliases in nodes:
        graph.add_node(node, name=name, label=label, aliases=aliases)
    for source, relation_type, target in edges:
        evidence = [
            {
                "doc_id": "d1",
                "text": f"{source} {relation_type} {target}.",
                "start": 0,
                "end": 9,
                "head_mention": source,
                "tail_mention": target,
                "rule": "test.rule",
                "confidence": 0.8,
                "date": "2020-05-01",
            }
        ]
        graph.add_edge(source, target, key=relation_type, type=relation_type, evidence=evidence)
    return graph


NODES = [
    ("acme", "Acme Corp.", "Organization", ["Acme"]),
    ("globex", "The Globex", "Organization", []),
    ("widget", "Widget", "Product", []),
    ("initech", "Initech", "Organization", []),
    ("springfield", "Springfield Project", "Product", []),
    ("hank", "Hank Scorpio", "Person", []),
    ("stray", "Stray Name", "Organization", []),
]


@pytest.fixture
def gold(tmp_path: Path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    return load_gold(path)


def test_evaluate_counts_hits_alternatives_symmetry_and_extras(gold) -> None:
    graph = graph_of(
        NODES,
        [
            ("acme", "ACQUIRED", "globex"),  # hit
            ("acme", "USES", "widget"),  # hit through an alternative type
            ("initech", "COMPETES_WITH", "globex"),  # hit: symmetric, stored the other way round
            ("acme", "PARTNERS_WITH", "initech"),  # neutral: not counted
            ("widget", "USES", "initech"),  # wrong direction: extra
            ("hank", "FOUNDED", "acme"),  # a person: ignored
            ("stray", "INVESTS_IN", "acme"),  # unknown entity: extra
        ],
    )
    result = evaluate(gold, graph)
    assert (
        result.relations.true_positives,
        result.relations.false_positives,
        result.relations.false_negatives,
    ) == (3, 2, 1)
    assert result.relations.precision == pytest.approx(3 / 5)
    assert result.relations.recall == pytest.approx(3 / 4)
    assert result.by_type["DEVELOPS"].true_positives == 1
    assert (
        result.by_type["USES"].false_negatives == 1 and result.by_type["USES"].false_positives == 1
    )
    assert [(m.head, m.type, m.tail) for m in result.missed] == [("Initech", "USES", "Widget")]
    assert {(e.head, e.type, e.tail) for e in result.extra} == {
        ("Widget", "USES", "Initech"),
        ("?Stray Name", "INVESTS_IN", "Acme"),
    }
    assert all(e.evidence for e in result.extra)
    assert result.traps == ()
    # entities: four found, the neutral one and the person not counted, the stray one extra
    assert (
        result.entities.true_positives,
        result.entities.false_positives,
        result.entities.false_negatives,
    ) == (4, 1, 0)


def test_evaluate_reports_a_trap_edge(gold) -> None:
    result = evaluate(gold, graph_of(NODES, [("globex", "ACQUIRED", "acme")]))
    assert [(t.head, t.type, t.tail) for t in result.traps] == [("Globex", "ACQUIRED", "Acme")]
    assert result.relations.true_positives == 0
    assert "trap edges" in result.render()


def test_evaluate_empty_graph_scores_zero(gold) -> None:
    result = evaluate(gold, nx.MultiDiGraph())
    assert result.relations.f1 == 0.0 and result.entities.recall == 0.0
    assert len(result.missed) == len(GOLD["relations"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Acme, Inc.", "acme"),
        ("Acme Corp.", "acme"),
        ("AT&T", "at&t"),
        ("Citrix\u2019s", "citrix s"),
    ],
)
def test_evaluate_normalise(name: str, expected: str) -> None:
    assert normalise(name) == expected


@pytest.mark.parametrize(
    "text",
    ["{not json", json.dumps({"entities": []}), json.dumps({"entities": [{}], "relations": []})],
)
def test_evaluate_bad_gold_file_names_it(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphFormatError, match=r"broken\.json"):
        load_gold(path)


def test_evaluate_explain_lists_edges_both_ways() -> None:
    graph = graph_of(
        NODES,
        [
            ("acme", "ACQUIRED", "globex"),
            ("globex", "COMPETES_WITH", "acme"),
            ("acme", "USES", "widget"),
        ],
    )
    assert find_node(graph, "ACME CORP") == "acme"
    assert find_node(graph, "nobody") is None
    found = explain(graph, "acme", "globex")
    assert {(e.head, e.type, e.tail) for e in found} == {
        ("Acme Corp.", "ACQUIRED", "The Globex"),
        ("The Globex", "COMPETES_WITH", "Acme Corp."),
    }
    assert all(e.evidence[0]["rule"] == "test.rule" for e in found)


def test_evaluate_cli_eval_and_explain(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    graph_path = write_json(
        graph_of(NODES, [("acme", "ACQUIRED", "globex")]), tmp_path / "graph.json"
    )
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", str(gold_path), str(graph_path)])
    assert result.exit_code == 0, result.output
    assert (
        "ACQUIRED" in result.output and "relations" in result.output and "missed:" in result.output
    )
    result = runner.invoke(cli, ["explain", str(graph_path), "Globex", "acme"])
    assert result.exit_code == 0, result.output
    assert "Acme Corp. -[ACQUIRED]-> The Globex" in result.output and "test.rule" in result.output
    assert "2020-05-01" in result.output and "d1" in result.output
    trapped = write_json(
        graph_of(NODES, [("globex", "ACQUIRED", "acme")]), tmp_path / "trapped.json"
    )
    assert runner.invoke(cli, ["eval", str(gold_path), str(trapped)]).exit_code == 1
    assert runner.invoke(cli, ["explain", str(graph_path), "Nobody", "Acme"]).exit_code == 2
    assert (
        runner.invoke(cli, ["eval", str(graph_path), str(graph_path)]).exit_code == 1
    )  # not a gold file
