"""Neo4j: the writer that loads a graph through the official ``neo4j`` driver.

Credentials come from ``NEO4J_USER``/``NEO4J_PASSWORD`` (or the caller, e.g. the CLI's
prompt), never from a file in the repository. Each batch is one managed write transaction
(``session.execute_write``), which the driver retries on transient errors (deadlocks, leader
changes, dropped connections); MERGE on the deterministic ids makes a retried batch harmless.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from .errors import ExportError

E_NO_PASSWORD = (
    "Neo4j needs a password: set NEO4J_PASSWORD (and NEO4J_USER if it is not 'neo4j'), "
    "or run the graphbuild command in a terminal to be asked for it."
)
E_NEO4J = "Neo4j at {uri} failed: {error}. Re-running the export is safe."

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def credentials_from_environment() -> tuple[str, str] | None:
    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        return None
    return os.environ.get("NEO4J_USER", "neo4j"), password


class Neo4jWriter:
    """Runs graphbuild's statements on one Neo4j database."""

    schema_name = "neo4j"

    def __init__(self, uri: str, *, auth: tuple[str, str] | None, database: str | None) -> None:
        import neo4j

        auth = auth or credentials_from_environment()
        if auth is None:
            raise ExportError(E_NO_PASSWORD)
        self.uri = uri
        self.database = database
        self.retries = 0  # the driver retries inside execute_write and does not tell us
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=auth)
            self._driver.verify_connectivity()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as error:
            raise ExportError(E_NEO4J.format(uri=uri, error=error)) from None

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
            raise ExportError(E_NEO4J.format(uri=self.uri, error=error)) from None

    def run(self, statement: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        import neo4j

        try:
            records, _summary, _keys = self._driver.execute_query(
                statement, parameters or {}, database_=self.database
            )
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as error:
            raise ExportError(E_NEO4J.format(uri=self.uri, error=error)) from None
        return [record.data() for record in records]

    def close(self) -> None:
        self._driver.close()
