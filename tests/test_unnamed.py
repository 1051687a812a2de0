"""The company a passage is about but never names ("It also serves ...", "In 2017, the company
acquired ..."): one unnamed node per document, marked as such in the graph and its exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.export import plan_export
from graphbuild.html import page_data
from graphbuild.pipeline import Builder, BuildOptions, build_corpus

DOCUMENTS = [
    {"id": "profile-1", "text": "It acquired Brightwave Systems in 2015. It also bought Ardent."},
    {"id": "profile-2", "text": "In 2017, the company acquired Norfield Analytics."},
    {"id": "news-1", "text": "Harbor Metals said on Monday that it acquired Kestrel Mining."},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("unnamed") / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    return path


def _acquisitions(graph) -> set[tuple[str, str]]:
    return {
        (graph.nodes[head]["name"], graph.nodes[tail]["name"])
        for head, tail, attributes in graph.edges(data=True)
        if attributes["type"] == "ACQUIRED"
    }


def test_unnamed_subject_is_a_node_of_its_own_document(nlp, corpus: Path) -> None:
    graph = build_corpus([corpus], builder=Builder(nlp=nlp)).graph
    assert _acquisitions(graph) == {
        ("unnamed organisation in profile-1", "Brightwave Systems"),
        ("unnamed organisation in profile-1", "Ardent"),
        ("unnamed organisation in profile-2", "Norfield Analytics"),
        ("Harbor Metals", "Kestrel Mining"),
    }
    unnamed = {a["name"]: a for _, a in graph.nodes(data=True) if a.get("unnamed")}
    assert sorted(unnamed) == [
        "unnamed organisation in profile-1",
        "unnamed organisation in profile-2",
    ]
    assert unnamed["unnamed organisation in profile-1"]["documents"] == ["profile-1"]
    assert unnamed["unnamed organisation in profile-1"]["aliases"] == ["It"]
    # what the sentence says stays in the evidence
    evidence = [
        item
        for head, _, attributes in graph.edges(data=True)
        if graph.nodes[head].get("unnamed")
        for item in attributes["evidence"]
    ]
    assert {item["head_mention"] for item in evidence} == {"It", "the company"}
    # named nodes carry no flag at all
    assert "unnamed" not in graph.nodes["harbor-metals"]


def test_unnamed_subject_is_known_by_every_name_the_text_gives_it(nlp, tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    text = "The store opened in 1950. Its main rival was Orvell Stores."
    path.write_text(json.dumps({"id": "store", "text": text}) + "\n", encoding="utf-8")
    graph = build_corpus([path], builder=Builder(nlp=nlp)).graph
    (node,) = [a for _, a in graph.nodes(data=True) if a["name"] == "unnamed organisation in store"]
    assert node["aliases"] == ["Its", "The store"]
    assert node["mentions"] == 2


def test_unnamed_subjects_can_be_left_out(nlp, corpus: Path) -> None:
    graph = build_corpus([corpus], builder=Builder(BuildOptions(unnamed=False), nlp=nlp)).graph
    assert _acquisitions(graph) == {("Harbor Metals", "Kestrel Mining")}
    assert not any(a.get("unnamed") for _, a in graph.nodes(data=True))


def test_unnamed_subject_is_marked_in_the_exports(nlp, corpus: Path) -> None:
    graph = build_corpus([corpus], builder=Builder(nlp=nlp)).graph
    steps = plan_export(graph).steps
    rows = [row for step in steps if step.what.endswith("entities") for row in step.rows]
    flags = {row["properties"]["name"]: row["properties"]["unnamed"] for row in rows}
    assert flags["unnamed organisation in profile-2"] is True
    assert flags["Harbor Metals"] is None  # a null property is no property in Cypher
    nodes = {node["data"]["name"]: node for node in page_data(graph)["nodes"]}
    assert nodes["unnamed organisation in profile-2"]["data"]["unnamed"] is True
    assert nodes["unnamed organisation in profile-2"]["shapeProperties"] == {"borderDashes": [4, 4]}
    assert nodes["Harbor Metals"]["data"]["unnamed"] is False


def test_cli_build_no_unnamed(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "--out", str(tmp_path), "--no-unnamed", "--no-html", "-q"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert [node["name"] for node in data["nodes"] if node.get("unnamed")] == []
    assert [(edge["source"], edge["target"]) for edge in data["edges"]] == [
        ("harbor-metals", "kestrel-mining")
    ]
