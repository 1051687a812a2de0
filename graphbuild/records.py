"""Typed records that flow between the stages: documents, mentions, evidence and relations.

All are frozen, slotted dataclasses so they are cheap, hashable and safe to send between
processes. Character offsets always refer to ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass

# The closed relation vocabulary. Symmetric types are stored once per unordered pair.
RELATION_TYPES: tuple[str, ...] = (
    "SPONSORS",
    "COMPETES_WITH",
    "ACQUIRED",
    "MEMBER_OF",
    "FOUNDED",
    "DEVELOPS",
    "USES",
    "PARTNERS_WITH",
    "INVESTS_IN",
    "PART_OF",
    "SUBSIDIARY_OF",
)
SYMMETRIC_TYPES: frozenset[str] = frozenset({"COMPETES_WITH", "PARTNERS_WITH"})
# People appear only as those who acquire, invest in or found (see rules.PERSON_HEAD_TYPES).
ENTITY_LABELS: tuple[str, ...] = ("Organization", "Product", "Person")
# Deal status values for event-like edges such as ACQUIRED.
STATUSES: tuple[str, ...] = (
    "announced",
    "agreed",
    "pending",
    "completed",
    "terminated",
    "rumoured",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One input article. ``id`` is unique within a run."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    url: str | None = None
    source: str | None = None  # path (and line) it was read from
    # Where ``text`` starts in the whole document: a document too long to parse at once is
    # processed in parts, and offsets in results always refer to the whole document.
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was reported and left out of the run."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Mention:
    """An organisation or product mention in one document.

    ``name`` is the name the document means (an acronym resolved to its expansion, "the
    company" resolved to its antecedent); ``text`` is what the document actually says.
    """

    text: str
    name: str
    label: str
    start: int
    end: int
    # "It" or "the company" in a document that never names it: the document's own unnamed
    # subject, a node of that document alone
    unnamed: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an edge exists: one sentence of one document and the rule that fired on it."""

    doc_id: str
    text: str
    start: int
    end: int
    head_mention: str
    tail_mention: str
    rule: str
    confidence: float
    date: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed, directed relation between two mentions with its evidence."""

    head: Mention
    type: str
    tail: Mention
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything extracted from one document; the unit merged into the graph."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    skipped: Skipped | None = None
