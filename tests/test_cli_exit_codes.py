"""Exit codes and summaries of the command for bad inputs, as a script calling it sees them.

0: the run completed (bad documents were skipped and the summary names each one);
1: a graphbuild error stopped the run (a bad rules or gazetteer file, a bad graph file), with
   one line naming the file and the problem, and no traceback;
2: a usage error (click's own), e.g. an option pointing at a file that does not exist.

tests/test_documents.py proves each bad input is read as the right ``Skipped``; this module
proves the whole command: the process's exit code, the summary's counts and lines, the graph
holding the good documents. tests/test_cli.py covers the simple skip and bad-rules cases.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.documents import read_documents
from graphbuild.records import Document, Skipped

BAD = Path(__file__).parent / "bad_inputs"
GOOD = (
    "Oracle acquired Sun Microsystems in 2010. "
    "Citrix Systems sponsors the OpenStack Foundation.\n"
)

pytestmark = pytest.mark.slow


def _graphbuild(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command in a real process, as a shell script would run it."""
    return subprocess.run(
        [sys.executable, "-m", "graphbuild.cli", *arguments],
        capture_output=True, text=True, cwd=cwd, check=False, timeout=600,
    )


def test_cli_exit_codes_bad_corpus_completes_with_0_and_counts_every_skip(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(BAD, corpus / "bad")
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "truncated.jsonl").write_text(
        '{"id": "ok", "text": "VMware competes with Citrix."}\n{"id": "cut", "text": "Ora',
        encoding="utf-8",
    )
    missing = tmp_path / "no" / "such" / "folder"
    inputs = [str(corpus), str(missing)]
    expected = list(read_documents(inputs))
    skipped = [item for item in expected if isinstance(item, Skipped)]
    documents = [item for item in expected if isinstance(item, Document)]
    assert skipped and documents  # the corpus really holds both

    result = _graphbuild("build", *inputs, "--out", str(tmp_path / "out"), "--no-html",
                         cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"documents read: {len(documents)}, skipped: {len(skipped)}" in result.stderr
    for item in skipped:
        assert f"  skipped: {item.reason}" in result.stderr
        assert item.reason.startswith(item.source.split(":")[0])
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in graph["graph"]["documents"]] == sorted(d.id for d in documents)
    assert {edge["type"] for edge in graph["edges"]} >= {"ACQUIRED"}


def test_cli_exit_codes_only_bad_inputs_still_exit_0_with_an_empty_graph(tmp_path):
    inputs = [str(BAD / "empty.txt"), str(BAD / "binary.txt"), str(tmp_path / "missing.txt")]
    arguments = ["build", *inputs, "--out", str(tmp_path / "out"), "--no-html"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert "documents read: 0, skipped: 3" in result.output
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert (graph["nodes"], graph["edges"]) == ([], [])


@pytest.mark.parametrize(
    ("file_name", "content", "fragment"),
    [
        ("syntax.yaml", "rules:\n  - id: x\n    type: [unclosed\n", "line"),
        ("unknown-type.yaml",
         "rules:\n  - id: x\n    type: LIKES\n    kind: verb\n    lemmas: [like]\n",
         "'type' must be one of"),
        ("not-a-mapping.yaml", "- just\n- a list\n", "expected a mapping"),
    ],
)
def test_cli_exit_codes_rules_file_with_mistakes_exits_1_and_writes_nothing(
    tmp_path, file_name, content, fragment
):
    rules = tmp_path / file_name
    rules.write_text(content, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(good), "--out", str(out), "--rules", str(rules)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    error_lines = [line for line in lines if line.startswith("graphbuild: error:")]
    assert len(error_lines) == 1, result.output
    assert str(rules) in error_lines[0]
    assert fragment in result.output
    assert not out.exists()


def test_cli_exit_codes_gazetteer_with_a_bad_line_names_file_and_line(tmp_path):
    gazetteer = tmp_path / "mine.jsonl"
    gazetteer.write_text('{"name": "Acme", "label": "Organization"}\n{"name": "Oops", "label": '
                         '"Planet"}\n', encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(good), "--out", str(tmp_path / "out"),
                                      "--gazetteer", str(gazetteer)])
    assert result.exit_code == 1, result.output
    assert f"{gazetteer}, line 2: 'label' must be one of" in result.output


@pytest.mark.parametrize("option", ["--rules", "--gazetteer"])
def test_cli_exit_codes_missing_rules_or_gazetteer_is_a_usage_error(tmp_path, option):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result = CliRunner().invoke(cli, ["build", str(good), option, str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.output


@pytest.mark.parametrize("command", [["export"], ["html"]])
@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01binary", b'{"nodes": [], "links": []}', b"[1, 2, 3]", b'{"nodes": [',
     "caf\xe9".encode("latin-1")],
)
def test_cli_exit_codes_bad_graph_file_exits_1_naming_it(tmp_path, command, content):
    graph_path = tmp_path / "graph.json"
    graph_path.write_bytes(content)
    result = CliRunner().invoke(cli, [*command, str(graph_path)])
    assert result.exit_code == 1, (result.output, result.exception)
    assert f"graphbuild: error: {graph_path}: not a graphbuild graph file" in result.output


def test_cli_exit_codes_unknown_export_target_exits_1(tmp_path):
    graph_path = tmp_path / "graph.json"
    graph_path.write_text('{"directed": true, "multigraph": true, "graph": {}, "nodes": [], '
                          '"edges": []}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(graph_path), "--to", "mysql://db"])
    assert result.exit_code == 1
    assert "Unknown export target 'mysql://db'" in result.output
