"""Graph files are checked on load: every command that reads one (html, explain, export, eval)
turns a file that is not graphbuild's node-link JSON into one error line naming the file and
the first problem, and exit code 1; nothing is written and no server is started."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.errors import GraphFormatError, Messages
from graphbuild.graph import read_json, to_node_link, write_json
from graphbuild.graph_format import MAX_DEPTH, node_link_problem

# A small graph as graphbuild writes it, with invented names.
GOOD: dict[str, Any] = {
    "directed": True,
    "multigraph": True,
    "graph": {
        "generator": "graphbuild test",
        "documents": [{"id": "d1", "title": "Acme buys Borealis", "date": None, "url": None}],
    },
    "nodes": [
        {
            "id": "acme",
            "name": "Acme Widgets",
            "label": "Organization",
            "aliases": ["Acme"],
            "documents": ["d1"],
            "mentions": 2,
            "first_seen": None,
            "last_seen": None,
        },
        {
            "id": "borealis",
            "name": "Borealis Labs",
            "label": "Organization",
            "aliases": [],
            "documents": ["d1"],
            "mentions": 1,
            "first_seen": None,
            "last_seen": None,
        },
    ],
    "edges": [
        {
            "source": "acme",
            "target": "borealis",
            "type": "ACQUIRED",
            "support": 1,
            "confidence": 0.9,
            "first_seen": None,
            "last_seen": None,
            "evidence": [
                {
                    "doc_id": "d1",
                    "text": "Acme Widgets bought Borealis Labs.",
                    "start": 0,
                    "end": 34,
                    "head_mention": "Acme Widgets",
                    "tail_mention": "Borealis Labs",
                    "rule": "acquire.buy",
                    "confidence": 0.9,
                    "date": None,
                    "status": None,
                }
            ],
        },
    ],
}


def changed(change: Callable[[dict[str, Any]], object]) -> bytes:
    data = copy.deepcopy(GOOD)
    change(data)
    return json.dumps(data).encode("utf-8")


def nested(levels: int) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = [value]
    return value


def node(data: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return data["nodes"][index]


def edge(data: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return data["edges"][index]


# (what is wrong, file content, a fragment the message must hold)
MALFORMED: list[tuple[str, bytes, str]] = [
    ("empty", b"", "not JSON"),
    ("truncated", json.dumps(GOOD).encode()[:-40], "not JSON"),
    ("not-utf8", "caf\xe9".encode("latin-1"), "not UTF-8 text"),
    ("binary", b"\x00\x01\x02", "not JSON"),
    ("a-list", b"[1, 2, 3]", "expected a JSON object with 'nodes' and 'edges', got a list"),
    ("links", b'{"nodes": [], "links": []}', "no 'edges' list (it has 'links'"),
    ("no-nodes", b'{"edges": []}', "no 'nodes' list"),
    ("nodes-object", changed(lambda d: d.update(nodes={})), "nodes: expected a list"),
    (
        "directed-string",
        changed(lambda d: d.update(directed="yes")),
        "directed: expected true or false",
    ),
    (
        "nan",
        json.dumps(GOOD).replace('"confidence": 0.9,', '"confidence": NaN,', 1).encode(),
        "holds NaN",
    ),
    (
        "infinity",
        json.dumps(GOOD).replace('"support": 1', '"support": Infinity').encode(),
        "holds Infinity",
    ),
    (
        "too-deep",
        changed(lambda d: node(d).update(notes=nested(MAX_DEPTH))),
        f"nodes[0].notes{'[0]' * (MAX_DEPTH - 3)}: nested more than {MAX_DEPTH} levels deep",
    ),
    ("deeper-than-json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply to read as JSON"),
    (
        "lone-surrogate",
        json.dumps(GOOD).replace("Borealis Labs", "Borealis \\ud83d").encode(),
        "a string that is not valid Unicode",
    ),
    (
        "node-not-object",
        changed(lambda d: d["nodes"].append("acme")),
        "nodes[2]: expected an object, got the string 'acme'",
    ),
    ("node-no-id", changed(lambda d: node(d).pop("id")), "nodes[0]: no 'id' field"),
    (
        "node-id-number",
        changed(lambda d: node(d).update(id=7)),
        "nodes[0].id: expected a non-empty string, got the number 7",
    ),
    ("node-no-label", changed(lambda d: node(d, 1).pop("label")), "nodes[1]: no 'label' field"),
    (
        "node-name-number",
        changed(lambda d: node(d).update(name=5)),
        "nodes[0].name: expected a string, got the number 5",
    ),
    (
        "aliases-string",
        changed(lambda d: node(d).update(aliases="Acme")),
        "nodes[0].aliases: expected a list of strings, got the string 'Acme'",
    ),
    (
        "mentions-negative",
        changed(lambda d: node(d).update(mentions=-1)),
        "nodes[0].mentions: expected a whole number, 0 or more",
    ),
    (
        "node-duplicate",
        changed(lambda d: d["nodes"].append(copy.deepcopy(node(d)))),
        "nodes[2]: repeats the id 'acme' of nodes[0]",
    ),
    ("edge-no-type", changed(lambda d: edge(d).pop("type")), "edges[0]: no 'type' field"),
    (
        "edge-to-nowhere",
        changed(lambda d: edge(d).update(target="ghost")),
        "edges[0].target: 'ghost' is not the id of a node",
    ),
    (
        "support-string",
        changed(lambda d: edge(d).update(support="3")),
        "edges[0].support: expected a whole number, 1 or more, got the string '3'",
    ),
    (
        "support-bool",
        changed(lambda d: edge(d).update(support=True)),
        "edges[0].support: expected a whole number, 1 or more, got true",
    ),
    (
        "confidence-above-one",
        changed(lambda d: edge(d).update(confidence=1.5)),
        "edges[0].confidence: expected a number from 0 to 1, got the number 1.5",
    ),
    (
        "evidence-object",
        changed(lambda d: edge(d).update(evidence={})),
        "edges[0].evidence: expected a list, got an object",
    ),
    (
        "evidence-no-text",
        changed(lambda d: edge(d)["evidence"][0].pop("text")),
        "edges[0].evidence[0]: no 'text' field",
    ),
    (
        "evidence-start-float",
        changed(lambda d: edge(d)["evidence"][0].update(start=0.5)),
        "edges[0].evidence[0].start: expected a whole number",
    ),
    (
        "edge-duplicate",
        changed(lambda d: d["edges"].append(copy.deepcopy(edge(d)))),
        "edges[1]: repeats the edge 'acme' -[ACQUIRED]-> 'borealis' of edges[0]",
    ),
    (
        "documents-object",
        changed(lambda d: d["graph"].update(documents={"d1": {}})),
        "graph.documents: expected a list, got an object",
    ),
]

GOLD = {
    "entities": [{"name": "Acme Widgets"}, {"name": "Borealis Labs"}],
    "relations": [{"head": "Acme Widgets", "type": "ACQUIRED", "tail": "Borealis Labs"}],
}


def command_line(command: str, graph_path: Path, tmp_path: Path) -> list[str]:
    """The command's arguments; each would fail differently if the graph were accepted."""
    if command == "html":
        return ["html", str(graph_path), "--out", str(tmp_path / "page.html")]
    if command == "explain":
        return ["explain", str(graph_path), "Acme Widgets", "Borealis Labs"]
    if command == "export":  # an unknown target: a bad graph must be refused before it
        return ["export", str(graph_path), "--to", "nowhere://", "--data-dir", str(tmp_path)]
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    return ["eval", str(gold), str(graph_path)]


COMMANDS = ["html", "explain", "export", "eval"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("content", "fragment"),
    [pytest.param(content, fragment, id=name) for name, content, fragment in MALFORMED],
)
def test_graph_format_malformed_file_is_one_error_line_for_every_command(
    tmp_path, command, content, fragment
):
    graph_path = tmp_path / "graph.json"
    graph_path.write_bytes(content)
    result = CliRunner().invoke(cli, command_line(command, graph_path, tmp_path))
    assert result.exit_code == 1, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    lines = result.output.splitlines()
    assert len(lines) == 1, lines
    prefix = f"graphbuild: error: {graph_path}: not a graphbuild graph file ("
    assert lines[0].startswith(prefix), lines[0]
    assert fragment in lines[0]
    assert not (tmp_path / "page.html").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_graph_format_good_file_passes_the_check(tmp_path, command):
    graph_path = tmp_path / "graph.json"
    graph_path.write_text(json.dumps(GOOD), encoding="utf-8")
    result = CliRunner().invoke(cli, command_line(command, graph_path, tmp_path))
    assert "not a graphbuild graph file" not in result.output
    if command == "export":
        assert "Unknown export target 'nowhere://'" in result.output
    else:
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("name", "content", "fragment"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_graph_format_read_json_raises_graph_format_error(tmp_path, name, content, fragment):
    graph_path = tmp_path / f"{name}.json"
    graph_path.write_bytes(content)
    with pytest.raises(GraphFormatError) as raised:
        read_json(graph_path)
    message = str(raised.value)
    assert message.startswith(Messages.E_GRAPH_FILE.format(path=graph_path, problem="")[:-3])
    assert fragment in message


def test_graph_format_missing_file_names_it(tmp_path):
    with pytest.raises(GraphFormatError, match=r"missing\.json: .*cannot be read"):
        read_json(tmp_path / "missing.json")


def test_graph_format_what_graphbuild_writes_passes(seeds_graph, tmp_path):
    assert node_link_problem(to_node_link(seeds_graph)) is None
    again = read_json(write_json(seeds_graph, tmp_path / "graph.json"))
    assert again.number_of_edges() == seeds_graph.number_of_edges()


def test_graph_format_user_fields_are_kept(tmp_path):
    data = copy.deepcopy(GOOD)
    data["nodes"][0]["sector"] = {"name": "widgets", "codes": [1, 2]}
    graph_path = tmp_path / "graph.json"
    graph_path.write_text(json.dumps(data), encoding="utf-8")
    assert read_json(graph_path).nodes["acme"]["sector"] == {"name": "widgets", "codes": [1, 2]}
