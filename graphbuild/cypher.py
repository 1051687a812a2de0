"""Every Cypher statement graphbuild sends, and the vocabulary check that guards them.

Values always travel as parameters (``$rows``); the only words spliced into a statement are
node labels and relationship types, and only after :func:`entity_label` or
:func:`relationship_type` has checked them against the closed vocabulary in
``graphbuild.records``. So a name with backticks, quotes, braces or newlines can never reach a
query string. The statements are written in the Cypher that both Neo4j 5 and FalkorDB accept,
and ``tests/test_cypher_lint.py`` runs each one through Neo4j's own checker.

The Cypher cookbook (``graphbuild/data/cookbook.cypher``) is read by :func:`cookbook`; a recipe
is found by name with :func:`recipe`, which also checks its parameters.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import Messages, QueryError, QueryMessages, VocabularyError
from .records import ENTITY_LABELS, RELATION_TYPES

# Labels are CamelCase and types UPPER_SNAKE (house rule 4); the regexes are a second lock
# behind the closed vocabulary, in case someone widens the vocabulary carelessly.
_LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")

ENTITY = "Entity"  # shared label of every organisation and product
DOCUMENT = "Document"
MENTIONS = "MENTIONS"
DEFAULT_GRAPH_NAME = "graphbuild"  # FalkorDB graph key when no --database is given


def entity_label(value: object) -> str:
    """``value`` if it is one of graphbuild's entity labels, else :class:`VocabularyError`."""
    return _in_vocabulary(value, ENTITY_LABELS, _LABEL_RE, "Node label")


def relationship_type(value: object) -> str:
    """``value`` if it is one of graphbuild's relation types, else :class:`VocabularyError`."""
    return _in_vocabulary(value, RELATION_TYPES, _TYPE_RE, "Relationship type")


def _in_vocabulary(
    value: object, allowed: tuple[str, ...], pattern: re.Pattern[str], kind: str
) -> str:
    # Both checks: membership is the rule, the pattern guards the vocabulary itself.
    if not isinstance(value, str) or value not in allowed or not pattern.match(value):
        raise VocabularyError(
            Messages.E_VOCABULARY.format(kind=kind, value=value, allowed=", ".join(allowed))
        )
    return value


# Schema. Neo4j gets uniqueness constraints (which also index); FalkorDB gets range indexes.
NEO4J_SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT graphbuild_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT graphbuild_document_id IF NOT EXISTS "
    "FOR (d:Document) REQUIRE d.id IS UNIQUE",
)
# FalkorDB has no IF NOT EXISTS here: the writer treats "already indexed" as done.
FALKORDB_SCHEMA: tuple[str, ...] = (
    "CREATE INDEX FOR (n:Entity) ON (n.id)",
    "CREATE INDEX FOR (d:Document) ON (d.id)",
)

# Loads. Every write is MERGE on the deterministic id, then SET from the row, so re-running a
# batch (after a retry or an interrupted load) gives the same database. ``SET x += map`` with a
# null value removes that property, so a property the graph no longer has is dropped.
MERGE_DOCUMENTS = "UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d += row.properties"

MERGE_MENTIONS = (
    "UNWIND $rows AS row "
    "MATCH (d:Document {id: row.document}) "
    "MATCH (n:Entity {id: row.entity}) "
    "MERGE (d)-[:MENTIONS]->(n)"
)


def merge_entities(label: str) -> str:
    """MERGE entities of one label; other entity labels are removed so a relabel moves it."""
    label = entity_label(label)
    others = [entity_label(other) for other in ENTITY_LABELS if other != label]
    remove = "".join(f" REMOVE n:{other}" for other in others)
    return (
        "UNWIND $rows AS row "
        "MERGE (n:Entity {id: row.id}) "
        f"SET n += row.properties{remove} "
        f"SET n:{label}"
    )


def merge_relationships(type_: str) -> str:
    """MERGE relationships of one type between entities that the load has already merged."""
    type_ = relationship_type(type_)
    return (
        "UNWIND $rows AS row "
        "MATCH (head:Entity {id: row.head}) "
        "MATCH (tail:Entity {id: row.tail}) "
        f"MERGE (head)-[r:{type_}]->(tail) "
        "SET r += row.properties"
    )


# Reads the exporter and its tests use to describe a database.
COUNT_NODES = "MATCH (n) RETURN count(n) AS nodes"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS relationships"
SNAPSHOT_NODES = (
    "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties ORDER BY id"
)
SNAPSHOT_RELATIONSHIPS = (
    "MATCH (head)-[r]->(tail) "
    "RETURN head.id AS head, type(r) AS type, tail.id AS tail, properties(r) AS properties "
    "ORDER BY head, type, tail"
)


def statements() -> dict[str, str]:
    """Every statement graphbuild can send, by name (the lint test checks them all)."""
    named: dict[str, str] = {}
    for number, statement in enumerate(NEO4J_SCHEMA):
        named[f"neo4j_schema_{number}"] = statement
    for number, statement in enumerate(FALKORDB_SCHEMA):
        named[f"falkordb_schema_{number}"] = statement
    named["merge_documents"] = MERGE_DOCUMENTS
    named["merge_mentions"] = MERGE_MENTIONS
    for label in ENTITY_LABELS:
        named[f"merge_entities_{label}"] = merge_entities(label)
    for type_ in RELATION_TYPES:
        named[f"merge_relationships_{type_}"] = merge_relationships(type_)
    named["count_nodes"] = COUNT_NODES
    named["count_relationships"] = COUNT_RELATIONSHIPS
    named["snapshot_nodes"] = SNAPSHOT_NODES
    named["snapshot_relationships"] = SNAPSHOT_RELATIONSHIPS
    return named


@dataclass(frozen=True, slots=True)
class CookbookQuery:
    """One recipe of the Cypher cookbook."""

    name: str
    description: str
    text: str
    example: dict[str, Any]  # parameters for a worked example (names from the seeds)

    @property
    def parameters(self) -> tuple[str, ...]:
        """The ``$names`` the recipe needs, in the order they appear."""
        return tuple(parameter_names(self.text))


_NAME_RE = re.compile(r"^//\s*name:\s*([a-z][a-z0-9_]*)\s*$")
_EXAMPLE_RE = re.compile(r"^//\s*example:\s*(\{.*\})\s*$")


def parse_cookbook(text: str, *, source: str = "cookbook.cypher") -> tuple[CookbookQuery, ...]:
    """Parse cookbook text: each recipe is ``// name: x``, ``//`` description lines, an
    optional ``// example: {json parameters}`` line, then Cypher ending in ``;``."""
    recipes: list[CookbookQuery] = []
    name: str | None = None
    description: list[str] = []
    example: dict[str, Any] = {}
    body: list[str] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        match = _NAME_RE.match(stripped)
        if match:
            if name is not None:
                raise VocabularyError(f"{source}, line {line_number}: recipe {name!r} lacks ';'")
            name, description, example, body = match.group(1), [], {}, []
            continue
        if name is None:
            continue  # the file's header comment
        example_match = _EXAMPLE_RE.match(stripped)
        if example_match:
            example = json.loads(example_match.group(1))
        elif stripped.startswith("//") and not body:
            description.append(stripped.lstrip("/").strip())
        elif stripped:
            body.append(line.rstrip())
            if stripped.endswith(";"):
                query = "\n".join(body).rstrip().rstrip(";").rstrip()
                recipes.append(CookbookQuery(name, " ".join(description), query, example))
                name = None
    if name is not None:
        raise VocabularyError(f"{source}: recipe {name!r} lacks its closing ';'")
    return tuple(recipes)


@lru_cache(maxsize=1)
def cookbook() -> tuple[CookbookQuery, ...]:
    """The packaged Cypher cookbook, in file order."""
    text = (resources.files("graphbuild") / "data" / "cookbook.cypher").read_text("utf-8")
    return parse_cookbook(text)


def cookbook_query(name: str) -> CookbookQuery:
    """The recipe called ``name`` (KeyError if there is none)."""
    for candidate in cookbook():
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def recipe(name: str, parameters: dict[str, Any] | None = None) -> CookbookQuery:
    """The recipe called ``name``, checked against ``parameters``: :class:`QueryError` naming
    the closest recipes if there is none, or naming every parameter that is missing."""
    import difflib

    try:
        found = cookbook_query(name)
    except KeyError:
        names = [candidate.name for candidate in cookbook()]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        suggestion = f" (did you mean {', '.join(close)}?)" if close else ""
        raise QueryError(
            QueryMessages.E_UNKNOWN_RECIPE.format(name=name, suggestion=suggestion)
        ) from None
    missing = [name for name in found.parameters if name not in (parameters or {})]
    if missing:
        raise QueryError(
            QueryMessages.E_RECIPE_PARAMETERS.format(
                name=found.name,
                missing=", ".join(f"${key}" for key in missing),
                example=" ".join(f"--param {key}={_shown(found.example, key)}" for key in missing),
            )
        )
    return found


def _shown(example: dict[str, Any], key: str) -> str:
    value = example.get(key, key.upper())
    return value if isinstance(value, str) else json.dumps(value)


def parameter_names(statement: str) -> list[str]:
    """The ``$names`` a statement uses, outside string literals and comments, in order.

    >>> parameter_names("MATCH (a {name: $name}) WHERE a.note <> '$not' RETURN $name, $to")
    ['name', 'to']
    """
    without_strings = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*", " ", statement)
    names: list[str] = []
    for name in re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", without_strings):
        if name not in names:
            names.append(name)
    return names
