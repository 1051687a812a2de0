"""Neo4j: the writer that loads a graph through the official ``neo4j`` driver.

Credentials come from ``NEO4J_USER``/``NEO4J_PASSWORD`` (or the caller, e.g. the CLI's
prompt), never from a file in the repository. Each batch is one managed write transaction
(``session.execute_write``), which the driver retries on transient errors (deadlocks, leader
changes, dropped connections); MERGE on the deterministic ids makes a retried batch harmless.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from .errors import ExportError, StoreMessages
from .export_falkordb import DEFAULT_TIMEOUT

_NEXT_STEP = {"export": "Re-running the export is safe.", "query": "Nothing was changed."}

# The driver logs each failed connection attempt as a warning; with no handler configured,
# Python prints those on stderr, so one unreachable server was reported twice.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def redact_uri(uri: str) -> str:
    """The URI without any user or password in it, for messages and reports."""
    parts = urlsplit(uri)
    if "@" not in parts.netloc:
        return uri
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def credentials_from_environment() -> tuple[str, str] | None:
    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        return None
    return os.environ.get("NEO4J_USER", "neo4j"), password


class Neo4jWriter:
    """Runs graphbuild's statements on one Neo4j database."""

    schema_name = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        auth: tuple[str, str] | None,
        database: str | None,
        timeout: float = DEFAULT_TIMEOUT,
        action: str = "export",
    ) -> None:
        import neo4j

        self.action = action
        auth = auth or credentials_from_environment()
        if auth is None:
            raise ExportError(StoreMessages.E_NO_PASSWORD)
        self.uri = redact_uri(uri)  # only ever shown in messages
        self.user = auth[0]
        # The driver quotes what it was given in some errors (a URI with a password in it).
        self._redactions = ((uri, self.uri), (auth[1], "***"))
        self.database = database
        self.retries = 0  # the driver retries inside execute_write and does not tell us
        driver: neo4j.Driver | None = None
        try:
            # connection_timeout bounds the TCP connect and the Bolt handshake, so an address
            # that never answers ends in ServiceUnavailable instead of a wait with no end.
            driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=timeout)
            driver.verify_connectivity()
        except (
            neo4j.exceptions.Neo4jError,
            neo4j.exceptions.DriverError,
            OSError,
            ValueError,
        ) as error:
            if driver is not None:
                driver.close()
            raise self._export_error(error) from None
        self._driver = driver

    def ensure_schema(self, statements: Sequence[str]) -> None:
        for statement in statements:
            self.run(statement)

    def write(self, statement: str, rows: list[dict[str, Any]]) -> None:
        import neo4j

        def work(transaction: neo4j.ManagedTransaction) -> None:
            transaction.run(statement, rows=rows).consume()

        try:
            with self._driver.session(database=self.database) as session:
                session.execute_write(work)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as error:
            raise self._export_error(error) from None

    def run(
        self,
        statement: str,
        parameters: dict[str, Any] | None = None,
        *,
        read_only: bool = False,
    ) -> list[dict[str, Any]]:
        """Rows as dicts; ``read_only`` runs it in a read transaction, where Neo4j refuses
        writes (and a cluster routes it to a reader)."""
        import neo4j

        routing = neo4j.RoutingControl.READ if read_only else neo4j.RoutingControl.WRITE
        try:
            records, _summary, _keys = self._driver.execute_query(
                statement, parameters or {}, database_=self.database, routing_=routing
            )
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as error:
            raise self._export_error(error) from None
        return [record.data() for record in records]

    def close(self) -> None:
        self._driver.close()

    def _export_error(self, error: Exception) -> ExportError:
        import neo4j

        if isinstance(error, neo4j.exceptions.AuthError):
            return ExportError(
                StoreMessages.E_NEO4J_AUTH.format(uri=self.uri, user=self.user, action=self.action)
            )
        if isinstance(error, neo4j.exceptions.ServiceUnavailable | OSError):
            return ExportError(
                StoreMessages.E_NEO4J_UNREACHABLE.format(uri=self.uri, action=self.action)
            )
        text = str(error).rstrip(".")
        for secret, shown in self._redactions:
            if secret:
                text = text.replace(secret, shown)
        code = getattr(error, "code", "") or ""
        if code.endswith("AccessMode") or "in read access mode" in text:
            return ExportError(StoreMessages.E_NEO4J_READ_ONLY.format(error=text))
        return ExportError(
            StoreMessages.E_NEO4J.format(
                uri=self.uri, error=text, next=_NEXT_STEP.get(self.action, "")
            )
        )
