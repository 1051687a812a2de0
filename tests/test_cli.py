"""The command line: help everywhere, the build end to end, bad input reported and skipped."""

from __future__ import annotations

import json
import re

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from graphbuild.cli import cli
from graphbuild.records import ENTITY_LABELS

COMMANDS = sorted(cli.commands)


def _commands() -> list[tuple[str, click.Command]]:
    """Every command and subcommand, as typed after "graphbuild" ("rules test")."""
    found = []
    for name, command in sorted(cli.commands.items()):
        found.append((name, command))
        if isinstance(command, click.Group):
            found.extend(
                (f"{name} {sub}", command.commands[sub]) for sub in sorted(command.commands)
            )
    return found


def test_cli_every_command_has_help_and_is_documented():
    # documented for users: in the README
    documentation = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["--help"]).exit_code == 0
    for typed, command in _commands():
        result = runner.invoke(cli, [*typed.split(), "--help"])
        assert result.exit_code == 0, typed
        assert command.help, f"graphbuild {typed} has no help text"
        assert f"graphbuild {typed}" in documentation, f"graphbuild {typed} is not documented"


@pytest.fixture(scope="module")
def built_seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out)])
    return result, out


def test_cli_build_writes_the_three_files(built_seeds):
    result, out = built_seeds
    assert result.exit_code == 0, result.output
    for name in ("graph.json", "graph.graphml", "graph.html"):
        assert (out / name).stat().st_size > 0, name


def test_cli_build_prints_a_summary(built_seeds):
    result, out = built_seeds
    graph = json.loads((out / "graph.json").read_text())
    assert "documents read: 2, skipped: 0" in result.output
    assert re.search(r"entities: .*Organization \d+", result.output)
    relation_count = sum(
        int(n)
        for n in re.findall(r"[A-Z_]+ (\d+)", result.output.split("relations:")[1].splitlines()[0])
    )
    assert relation_count == len(graph["edges"])
    assert re.search(r"seconds: \d+\.\d", result.output)


def test_cli_build_output_follows_the_contract(built_seeds):
    _, out = built_seeds
    graph = json.loads((out / "graph.json").read_text())
    seed_ids = {path.name for path in SEEDS.glob("*.txt")}
    documents = {d["id"]: d for d in graph["graph"]["documents"]}
    assert set(documents) == seed_ids
    assert sorted(d["date"] for d in documents.values()) == ["2012-04-03", "2015-04-23"]
    linked = {end for edge in graph["edges"] for end in (edge["source"], edge["target"])}
    for node in graph["nodes"]:
        assert node["id"] and node["name"] and node["label"] in ENTITY_LABELS
        assert isinstance(node["aliases"], list)
        # people only as those who acquire, invest in or found: never a bystander
        assert node["label"] != "Person" or node["id"] in linked
    texts = {path.name: _seed_text(path) for path in SEEDS.glob("*.txt")}
    for edge in graph["edges"]:
        assert edge["support"] == len(edge["evidence"]) > 0
        for evidence in edge["evidence"]:
            assert evidence["date"] == documents[evidence["doc_id"]]["date"]
            assert (
                texts[evidence["doc_id"]][evidence["start"] : evidence["end"]] == evidence["text"]
            )


def _seed_text(path):
    from graphbuild.documents import read_documents

    (document,) = list(read_documents([path]))
    return document.text


def test_cli_build_skips_bad_documents_and_keeps_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Acme Corp acquired Widget Inc in 2019.\n", encoding="utf-8")
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    (corpus / "latin1.txt").write_bytes(
        "Soci\xe9t\xe9 G\xe9n\xe9rale bought Caf\xe9 Ltd.".encode("latin-1")
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(corpus), str(tmp_path / "missing.txt"), "--out", str(out), "--no-html"]
    )
    assert result.exit_code == 0, result.output
    assert "documents read: 1, skipped: 4" in result.output
    for name in ("empty.txt", "binary.txt", "latin1.txt", "missing.txt"):
        assert name in result.output
    graph = json.loads((out / "graph.json").read_text())
    assert [d["id"] for d in graph["graph"]["documents"]] == ["good.txt"]
    assert any(edge["type"] == "ACQUIRED" for edge in graph["edges"])


def test_cli_build_bad_rules_file_is_an_error_naming_it(tmp_path):
    rules = tmp_path / "my-rules.yaml"
    rules.write_text("rules:\n  - id: x\n    type: LIKES\n    kind: verb\n    lemmas: [like]\n")
    result = CliRunner().invoke(
        cli, ["build", str(SEEDS), "--out", str(tmp_path / "o"), "--rules", str(rules)]
    )
    assert result.exit_code == 1
    assert "my-rules.yaml" in result.output
    assert "rule 1 (x): 'type' must be one of" in result.output


def test_cli_build_user_rules_add_edges(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("Acme Corp licensed the Widget platform from Globex Corp.\n")
    rules = tmp_path / "extra.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: user.license\n"
        "    type: USES\n"
        "    kind: verb\n"
        "    lemmas: [license]\n"
        "    preps: [from]\n"
        "    head: agent\n"
        "    tail: target\n"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(doc), "--out", str(out), "--no-html", "--rules", str(rules)]
    )
    assert result.exit_code == 0, result.output
    graph = json.loads((out / "graph.json").read_text())
    rules_fired = {e["rule"] for edge in graph["edges"] for e in edge["evidence"]}
    assert "user.license" in rules_fired


def test_cli_build_unreadable_gazetteer_is_an_error_naming_it(tmp_path):
    gazetteer = tmp_path / "names.jsonl"
    gazetteer.write_bytes('{"name": "Soci\xe9t\xe9", "label": "Organization"}\n'.encode("latin-1"))
    result = CliRunner().invoke(
        cli, ["build", str(SEEDS), "--out", str(tmp_path / "o"), "--gazetteer", str(gazetteer)]
    )
    assert result.exit_code == 1, result.output
    assert "graphbuild: error:" in result.output and "names.jsonl" in result.output


def test_cli_build_scheduler_needs_the_dask_executor(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(SEEDS), "--out", str(tmp_path / "o"), "--scheduler", "tcp://x:8786"]
    )
    assert result.exit_code == 2
    assert "--executor dask" in result.output


def _graph(*edges: tuple[str, str, str, str]) -> dict:
    names = sorted({end for head, _, tail, _ in edges for end in (head, tail)})
    return {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [{"id": name.lower(), "name": name, "label": "Organization"} for name in names],
        "edges": [
            {
                "source": head.lower(),
                "target": tail.lower(),
                "key": relation,
                "type": relation,
                "evidence": [{"doc_id": "a.txt", "text": sentence, "rule": "x"}],
            }
            for head, relation, tail, sentence in edges
        ],
    }


def test_cli_diff_same_and_different_graphs(tmp_path) -> None:
    bought = ("Brightwater", "ACQUIRED", "Lumen Labs", "Brightwater bought Lumen Labs.")
    rivals = ("Brightwater", "COMPETES_WITH", "Orvell", "Brightwater competes with Orvell.")
    old, same, new = tmp_path / "old.json", tmp_path / "same.json", tmp_path / "new.json"
    old.write_text(json.dumps(_graph(bought)))
    same.write_text(json.dumps(_graph(bought)))
    new.write_text(json.dumps(_graph(bought, rivals)))
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", str(old), str(same)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("edges: 1 same, 0 with other evidence, 0 only in old, 0 only")
    result = runner.invoke(cli, ["diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    assert "+ Brightwater -[COMPETES_WITH]-> Orvell" in result.output
    assert "a.txt: Brightwater competes with Orvell." in result.output
    assert "+ node Orvell (Organization)" in result.output
    limited = runner.invoke(cli, ["diff", str(new), str(old), "--limit", "0"])
    assert limited.exit_code == 1
    assert "- Brightwater -[COMPETES_WITH]-> Orvell" in limited.output


def test_cli_diff_unreadable_graph_exits_2_naming_it(tmp_path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(_graph()))
    bad.write_text("{not json")
    result = CliRunner().invoke(cli, ["diff", str(good), str(bad)])
    assert result.exit_code == 2
    assert "bad.json: not a graphbuild graph file" in result.output
