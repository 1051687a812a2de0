"""Exit codes and summaries of the command for bad inputs, as a script calling it sees them.

0: the run completed (bad documents were skipped and the summary names each one);
1: a graphbuild error stopped the run (a bad rules or gazetteer file, a bad graph file, no
   document read at all, outputs that could not be written, an output folder in use), with one
   line naming the file and the problem, no traceback, and the previous outputs left whole;
2: a usage error (click's own), e.g. an option pointing at a file that does not exist.

tests/test_documents.py proves each bad input is read as the right ``Skipped``; this module
proves the whole command: the process's exit code, the summary's counts and lines, the graph
holding the good documents. tests/test_cli.py covers the simple skip and bad-rules cases.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.documents import read_documents
from graphbuild.errors import Messages
from graphbuild.files import LOCK_FILE, folder_lock
from graphbuild.records import Document, Skipped

BAD = Path(__file__).parent / "bad_inputs"
GOOD = (
    "Brightwater Corp acquired Lumen Labs in 2010. Citrix Systems sponsors the OpenStack "
    "Foundation.\n"
)

pytestmark = pytest.mark.slow


def _graphbuild(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command in a real process, as a shell script would run it."""
    return subprocess.run(
        [sys.executable, "-m", "graphbuild.cli", *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=600,
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

    result = _graphbuild(
        "build", *inputs, "--out", str(tmp_path / "out"), "--no-html", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"documents read: {len(documents)}, skipped: {len(skipped)}" in result.stderr
    for item in skipped:
        assert f"  skipped: {item.reason}" in result.stderr
        assert item.reason.startswith(item.source.split(":")[0])
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in graph["graph"]["documents"]] == sorted(d.id for d in documents)
    assert {edge["type"] for edge in graph["edges"]} >= {"ACQUIRED"}


def _outputs(out: Path) -> dict[str, bytes]:
    """Every file in ``out`` (not the cache) by name, with its bytes."""
    return {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}


def test_cli_exit_codes_only_bad_inputs_exit_1_and_leave_the_outputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(good), "--out", str(out)]).exit_code == 0
    before = _outputs(out)
    assert set(before) >= {"graph.json", "graph.graphml", "graph.html"}

    inputs = [str(BAD / "empty.txt"), str(BAD / "binary.txt"), str(tmp_path / "seedz")]
    result = CliRunner().invoke(cli, ["build", *inputs, "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "documents read: 0, skipped: 3" in result.output
    assert f"graphbuild: error: {Messages.E_NO_DOCUMENTS.format(skipped=3, out=out)}" in (
        result.output
    )
    assert _outputs(out) == before
    # the --update manifest was kept too: an update still holds the first build's document
    more = tmp_path / "more.txt"
    more.write_text("Brightwave Systems acquired Norfield Analytics in 2011.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(more), "--out", str(out), "--update"])
    assert result.exit_code == 0, result.output
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in graph["graph"]["documents"]] == ["good.txt", "more.txt"]


def test_cli_exit_codes_empty_graph_replaces_a_graph_only_with_force(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    dull = tmp_path / "dull.txt"
    dull.write_text("the weather was fine all week.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(good), "--out", str(out)]).exit_code == 0
    before = _outputs(out)
    nodes = len(json.loads(before["graph.json"])["nodes"])

    result = CliRunner().invoke(cli, ["build", str(dull), "--out", str(out)])
    assert result.exit_code == 1, result.output
    message = Messages.E_WOULD_EMPTY.format(path=out / "graph.json", nodes=nodes)
    assert f"graphbuild: error: {message}" in result.output
    assert _outputs(out) == before

    result = CliRunner().invoke(cli, ["build", str(dull), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"] == []


def _limit_file_size(size: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_cli_exit_codes_full_disk_leaves_the_last_good_outputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert _graphbuild("build", str(good), "--out", str(out), cwd=tmp_path).returncode == 0
    before = _outputs(out)
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        {"id": f"n{number}", "text": f"Acme Widgets {number} acquired Brightwave {number} Ltd."}
        for number in range(60)
    ]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    # as `ulimit -f 16` would: no file may grow past 16 KiB; graph.json would be larger
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphbuild.cli",
            "build",
            str(corpus),
            "--out",
            str(out),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=600,
        preexec_fn=_limit_file_size(16 * 1024),
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "could not be written (File too large)" in result.stderr
    assert _outputs(out) == before  # and no temporary file left behind


def test_cli_exit_codes_second_build_into_one_folder_fails_at_once(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    with folder_lock(out):  # another build holds the folder
        result = _graphbuild("build", str(good), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"graphbuild: error: {Messages.E_IN_USE.format(path=out)}" in result.stderr
    assert not (out / "graph.json").exists()


def test_cli_exit_codes_lock_file_planted_as_a_symlink_is_not_followed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).symlink_to(victim)
    result = CliRunner().invoke(cli, ["build", str(good), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{out / LOCK_FILE}: cannot be locked" in result.output
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_cli_exit_codes_html_refuses_to_overwrite_its_graph(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(good), "--out", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    graph_path = out / "graph.json"
    before = graph_path.read_bytes()
    for given in (graph_path, out / "." / "graph.json"):
        result = CliRunner().invoke(cli, ["html", str(graph_path), "--out", str(given)])
        assert result.exit_code == 2, result.output
        assert Messages.E_OVERWRITES_INPUT.format(path=given) in result.output
    assert graph_path.read_bytes() == before


def test_cli_exit_codes_out_inside_the_input_folder_is_never_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    out = corpus / "out"
    for _ in range(2):  # the second build finds the first one's graph.html in the corpus
        result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out)])
        assert result.exit_code == 0, result.output
        graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
        assert [d["id"] for d in graph["graph"]["documents"]] == ["good.txt"]
    assert Messages.E_OWN_OUTPUT.format(path=out) in result.output
    shutil.rmtree(out)
    for _ in range(2):  # --out the input folder itself: its graph files and cache are not read
        result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(corpus)])
        assert result.exit_code == 0, result.output
        graph = json.loads((corpus / "graph.json").read_text(encoding="utf-8"))
        assert [d["id"] for d in graph["graph"]["documents"]] == ["good.txt"]
    assert Messages.E_OWN_OUTPUT.format(path=corpus / "graph.html") in result.output


def _acquired(out: Path) -> set[tuple[str, str]]:
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    names = {node["id"]: node["name"] for node in graph["nodes"]}
    return {
        (names[edge["source"]], names[edge["target"]])
        for edge in graph["edges"]
        if edge["type"] == "ACQUIRED"
    }


def test_cli_exit_codes_update_keeps_a_known_id_with_new_text_unless_replace(tmp_path):
    out = tmp_path / "out"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(
        json.dumps({"id": "a", "text": "Acme Widgets acquired Brightwave Systems."}) + "\n",
        encoding="utf-8",
    )
    second.write_text(
        json.dumps({"id": "a", "text": "Acme Widgets acquired Norfield Analytics."}) + "\n",
        encoding="utf-8",
    )
    assert CliRunner().invoke(cli, ["build", str(first), "--out", str(out)]).exit_code == 0
    old = _acquired(out)
    assert old == {("Acme Widgets", "Brightwave Systems")}

    result = CliRunner().invoke(cli, ["build", str(second), "--out", str(out), "--update"])
    assert result.exit_code == 0, result.output
    conflict = Messages.E_UPDATE_CONFLICT.format(source=f"{second}:1", doc_id="a")
    assert f"  skipped: {conflict}" in result.output
    assert _acquired(out) == old

    arguments = ["build", str(second), "--out", str(out), "--update", "--replace"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert "skipped: 0" in result.output
    assert _acquired(out) == {("Acme Widgets", "Norfield Analytics")}
    # and --replace alone is a usage error: it only says what --update does
    result = CliRunner().invoke(cli, ["build", str(second), "--out", str(out), "--replace"])
    assert result.exit_code == 2


def test_cli_exit_codes_documents_that_crashed_the_run_are_skipped_one_by_one(
    tmp_path, monkeypatch
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "dated.md").write_text("---\ndate: 2015-02-30\n---\n" + GOOD, encoding="utf-8")
    (corpus / "feed.jsonl").write_text(
        json.dumps({"id": "bad\ud83d", "text": GOOD})
        + "\n"
        + json.dumps({"text": "Acme \ud83d hires."})
        + "\n"
        + json.dumps({"id": "fine", "text": "Brightwave Systems acquired Norfield Analytics."})
        + "\n",
        encoding="utf-8",
    )
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "wb") as handle:
        handle.write(GOOD.encode())
    os.mkfifo(corpus / "pipe.jsonl")
    deep = corpus / "deep"
    deep.mkdir()
    monkeypatch.chdir(deep)  # 1,200 levels: past the old recursive walk's stack
    for _ in range(1200):
        os.mkdir("d")
        os.chdir("d")
    Path("deep.txt").write_text("Acme Widgets acquired Kestrel Mining.\n", encoding="utf-8")
    os.chdir(tmp_path)

    result = _graphbuild(
        "build", str(corpus), "--out", str(tmp_path / "out"), "--no-html", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "documents read: 3, skipped: 5" in result.stderr
    for fragment in (
        "day is out of range for month",
        "lone surrogate (\\ud83d)",
        "b'caf\\xe9.txt'",
        "FIFO (named pipe)",
    ):
        assert fragment in result.stderr
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert len(graph["graph"]["documents"]) == 3
    os.chdir(deep)  # shutil.rmtree (pytest's clean-up) recurses: take the tree down here
    for _ in range(1200):
        os.chdir("d")
    os.unlink("deep.txt")
    for _ in range(1200):
        os.chdir("..")
        os.rmdir("d")


@pytest.mark.parametrize(
    ("file_name", "content", "fragment"),
    [
        ("syntax.yaml", "rules:\n  - id: x\n    type: [unclosed\n", "line"),
        (
            "unknown-type.yaml",
            "rules:\n  - id: x\n    type: LIKES\n    kind: verb\n    lemmas: [like]\n",
            "'type' must be one of",
        ),
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
    gazetteer.write_text(
        '{"name": "Acme", "label": "Organization"}\n{"name": "Oops", "label": "Planet"}\n',
        encoding="utf-8",
    )
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", str(good), "--out", str(tmp_path / "out"), "--gazetteer", str(gazetteer)]
    )
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
    [
        b"",
        b"\x00\x01binary",
        b'{"nodes": [], "links": []}',
        b"[1, 2, 3]",
        b'{"nodes": [',
        "caf\xe9".encode("latin-1"),
    ],
)
def test_cli_exit_codes_bad_graph_file_exits_1_naming_it(tmp_path, command, content):
    graph_path = tmp_path / "graph.json"
    graph_path.write_bytes(content)
    result = CliRunner().invoke(cli, [*command, str(graph_path)])
    assert result.exit_code == 1, (result.output, result.exception)
    assert f"graphbuild: error: {graph_path}: not a graphbuild graph file" in result.output


def test_cli_exit_codes_unknown_export_target_exits_1(tmp_path):
    graph_path = tmp_path / "graph.json"
    graph_path.write_text(
        '{"directed": true, "multigraph": true, "graph": {}, "nodes": [], "edges": []}',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["export", str(graph_path), "--to", "mysql://db"])
    assert result.exit_code == 1
    assert "Unknown export target 'mysql://db'" in result.output
