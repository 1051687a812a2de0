"""Questions analysts ask of a graph: who is central, who clusters, who competes, what changed.

Plain functions over the ``networkx.MultiDiGraph`` that :mod:`graphbuild.graph` builds, returning
frozen records (``pandas.DataFrame(rows)`` turns any list of them into a table). The notebooks
and the HTML page use these; they hold no logic of their own.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .canonical import name_key
from .errors import Messages


@dataclass(frozen=True, slots=True)
class Centrality:
    """How central one entity is: its degree and how often it lies between others."""

    name: str
    label: str
    degree: int
    neighbours: int
    betweenness: float
    documents: int


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """One edge of the graph with its names resolved."""

    head: str
    type: str
    tail: str
    support: int
    confidence: float
    first_seen: str | None
    last_seen: str | None
    status: str | None


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One sentence behind an edge."""

    date: str | None
    head: str
    type: str
    tail: str
    doc_id: str
    sentence: str
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Activity:
    """How often one entity takes part in one relation type, on each side."""

    name: str
    label: str
    as_head: int  # e.g. acquisitions made
    as_tail: int  # e.g. times acquired
    partners: int  # distinct entities on the other side


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """The relations of one type the documents of one period assert."""

    period: str  # "1987-03" (by month) or "1987" (by year)
    type: str
    sentences: int  # evidence sentences dated in the period
    new_edges: int  # edges first seen in the period


def node_degrees(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Edges touching each node, in either direction (a multi-typed pair counts once per type)."""
    return {node: int(degree) for node, degree in graph.degree()}


def find_node(graph: nx.MultiDiGraph, name: str) -> str | None:
    """The node id an analyst means by ``name``: its id, display name or an alias.

    Case-insensitive; an exact display name wins over an alias, then a name equal after
    folding "the", legal forms and punctuation ("ACME CORP" finds "Acme"); among equals the
    best-connected node wins. Returns ``None`` when nothing matches.
    """
    wanted = name.strip().casefold()
    if not wanted:
        return None
    if wanted in graph:
        return wanted
    degrees = node_degrees(graph)
    by_name = [n for n, a in graph.nodes(data=True) if str(a.get("name", "")).casefold() == wanted]
    by_alias = [
        n
        for n, a in graph.nodes(data=True)
        if any(str(alias).casefold() == wanted for alias in a.get("aliases") or ())
    ]
    key = name_key(name)
    by_key = [
        n
        for n, a in graph.nodes(data=True)
        if key
        and any(name_key(str(c)) == key for c in (n, a.get("name", ""), *(a.get("aliases") or ())))
    ]
    for candidates in (by_name, by_alias, by_key):
        if candidates:
            return min(candidates, key=lambda n: (-degrees[n], n))
    return None


def suggest_names(graph: nx.MultiDiGraph, name: str, *, limit: int = 3) -> list[str]:
    """The display names closest to ``name`` (by its spelling), best first, for "did you mean".

    Compares with every name and alias, ignoring case; an alias suggests its entity's name.
    Unnamed nodes are never suggested. Empty when nothing is close.

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("brightwater", name="Brightwater", aliases=["Brightwater Corp"])
    >>> suggest_names(graph, "Brightwatr")
    ['Brightwater']
    """
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return []
    degrees = node_degrees(graph)
    spellings: dict[str, str] = {}  # casefolded name or alias -> node
    for node, attributes in graph.nodes(data=True):
        if attributes.get("unnamed"):
            continue
        for spelling in (attributes.get("name", node), *(attributes.get("aliases") or ())):
            folded = str(spelling).casefold()
            best = spellings.get(folded)
            if best is None or (-degrees[node], node) < (-degrees[best], best):
                spellings[folded] = node
    close = difflib.get_close_matches(wanted, spellings, n=max(limit * 3, 10), cutoff=0.7)
    ranked = sorted(
        close,
        key=lambda s: (-difflib.SequenceMatcher(None, wanted, s).ratio(), -degrees[spellings[s]]),
    )
    names: list[str] = []
    for spelling in ranked:
        display = _name(graph, spellings[spelling])
        if display not in names:
            names.append(display)
    return names[:limit]


def no_entity_message(graph: nx.MultiDiGraph, name: str, where: str = "the graph") -> str:
    """'no entity called ...', with the closest names as the next step when there are any."""
    suggestions = suggest_names(graph, name)
    hint = (
        Messages.HINT_DID_YOU_MEAN.format(names=" or ".join(repr(s) for s in suggestions))
        if suggestions
        else Messages.HINT_NO_CLOSE_NAME
    )
    return Messages.E_NO_ENTITY.format(name=name, where=where, hint=hint)


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("name", node))


def central_entities(
    graph: nx.MultiDiGraph, *, label: str | None = "Organization", top: int = 10
) -> list[Centrality]:
    """The ``top`` entities (of ``label``, or all when ``None``) by degree, then betweenness."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    betweenness = nx.betweenness_centrality(simple) if simple.number_of_nodes() else {}
    degrees = node_degrees(graph)
    rows = [
        Centrality(
            name=_name(graph, node),
            label=str(attributes.get("label", "")),
            degree=degrees[node],
            neighbours=simple.degree(node),
            betweenness=round(betweenness.get(node, 0.0), 4),
            documents=len(attributes.get("documents") or ()),
        )
        for node, attributes in graph.nodes(data=True)
        if label is None or attributes.get("label") == label
    ]
    rows.sort(key=lambda row: (-row.degree, -row.betweenness, row.name))
    return rows[:top]


def communities(graph: nx.MultiDiGraph, *, min_size: int = 2, seed: int = 0) -> list[list[str]]:
    """Groups of entities more linked to each other than to the rest (Louvain, weighted by support).

    Deterministic for a given ``seed``; largest community first, names sorted within each.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for head, tail, attributes in graph.edges(data=True):
        weight = simple.get_edge_data(head, tail, {}).get("weight", 0)
        simple.add_edge(head, tail, weight=weight + int(attributes.get("support", 1)))
    if simple.number_of_edges() == 0:
        return []
    groups = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    named = [sorted(_name(graph, node) for node in group) for group in groups]
    named = [group for group in named if len(group) >= min_size]
    named.sort(key=lambda group: (-len(group), group))
    return named


def _edge_row(graph: nx.MultiDiGraph, head: str, tail: str, attributes: dict) -> EdgeRow:
    return EdgeRow(
        head=_name(graph, head),
        type=str(attributes.get("type")),
        tail=_name(graph, tail),
        support=int(attributes.get("support", len(attributes.get("evidence") or ()))),
        confidence=float(attributes.get("confidence", 0.0)),
        first_seen=attributes.get("first_seen"),
        last_seen=attributes.get("last_seen"),
        status=attributes.get("status"),
    )


def edges_of_type(graph: nx.MultiDiGraph, relation_type: str) -> list[EdgeRow]:
    """Every edge of one relation type, best supported first."""
    rows = [
        _edge_row(graph, head, tail, attributes)
        for head, tail, attributes in graph.edges(data=True)
        if attributes.get("type") == relation_type
    ]
    rows.sort(key=lambda row: (-row.support, row.head, row.tail))
    return rows


def most_active(graph: nx.MultiDiGraph, relation_type: str, *, top: int = 10) -> list[Activity]:
    """The ``top`` entities taking part most in ``relation_type`` ("who acquires"), busiest first.

    Edges are counted once per pair; for the symmetric types (``COMPETES_WITH``,
    ``PARTNERS_WITH``) the head and tail sides mean nothing apart, so read their sum.
    """
    heads: dict[str, int] = {}
    tails: dict[str, int] = {}
    partners: dict[str, set[str]] = {}
    for head, tail, attributes in graph.edges(data=True):
        if attributes.get("type") != relation_type:
            continue
        heads[head] = heads.get(head, 0) + 1
        tails[tail] = tails.get(tail, 0) + 1
        partners.setdefault(head, set()).add(tail)
        partners.setdefault(tail, set()).add(head)
    rows = [
        Activity(
            name=_name(graph, node),
            label=str(graph.nodes[node].get("label", "")),
            as_head=heads.get(node, 0),
            as_tail=tails.get(node, 0),
            partners=len(others),
        )
        for node, others in partners.items()
    ]
    rows.sort(key=lambda row: (-(row.as_head + row.as_tail), -row.as_head, row.name))
    return rows[:top]


def relations_over_time(graph: nx.MultiDiGraph, *, by: str = "month") -> list[PeriodCount]:
    """Per period (``by`` "month" or "year") and type: evidence sentences and new edges.

    Dated by each document's date; undated evidence is left out, so a corpus without dates
    gives an empty list.
    """
    if by not in {"month", "year"}:
        raise ValueError(f"by must be 'month' or 'year', not {by!r}")
    width = 7 if by == "month" else 4
    sentences: dict[tuple[str, str], int] = {}
    new_edges: dict[tuple[str, str], int] = {}
    for _, _, attributes in graph.edges(data=True):
        relation_type = str(attributes.get("type"))
        for evidence in attributes.get("evidence") or ():
            date = evidence.get("date")
            if date:
                key = (str(date)[:width], relation_type)
                sentences[key] = sentences.get(key, 0) + 1
        first = attributes.get("first_seen")
        if first:
            key = (str(first)[:width], relation_type)
            new_edges[key] = new_edges.get(key, 0) + 1
    return [
        PeriodCount(
            period=period,
            type=relation_type,
            sentences=count,
            new_edges=new_edges.get((period, relation_type), 0),
        )
        for (period, relation_type), count in sorted(sentences.items())
    ]


def _resolve(graph: nx.MultiDiGraph, name: str) -> str:
    node = find_node(graph, name)
    if node is None:
        raise KeyError(no_entity_message(graph, name))
    return node


def _touching(
    graph: nx.MultiDiGraph, name: str, other: str | None
) -> Iterable[tuple[str, str, dict]]:
    node = _resolve(graph, name)
    partner = _resolve(graph, other) if other is not None else None
    for head, tail, attributes in graph.edges(data=True):
        if node not in (head, tail):
            continue
        if partner is not None and partner not in (head, tail):
            continue
        yield head, tail, attributes


def relations_of(graph: nx.MultiDiGraph, name: str, other: str | None = None) -> list[EdgeRow]:
    """The edges touching ``name`` (and ``other``, if given), in the order they were first seen."""
    rows = [_edge_row(graph, h, t, a) for h, t, a in _touching(graph, name, other)]
    rows.sort(key=lambda row: (row.first_seen or "9999", row.type, row.head, row.tail))
    return rows


def timeline(graph: nx.MultiDiGraph, name: str, other: str | None = None) -> list[EvidenceRow]:
    """Every sentence behind the edges touching ``name`` (and ``other``), oldest first.

    This is the story of an entity over time: which relation each document asserted, when.
    Undated evidence sorts last.
    """
    rows = [
        row
        for head, tail, attributes in _touching(graph, name, other)
        for row in _evidence_rows(graph, head, tail, attributes)
    ]
    rows.sort(key=lambda row: (row.date or "9999", row.doc_id, row.type, row.head, row.tail))
    return rows


def edge_evidence(
    graph: nx.MultiDiGraph, head: str, tail: str, relation_type: str | None = None
) -> list[EvidenceRow]:
    """The sentences behind the edges between ``head`` and ``tail``, in either direction."""
    head_node, tail_node = _resolve(graph, head), _resolve(graph, tail)
    rows: list[EvidenceRow] = []
    for source, target in {(head_node, tail_node), (tail_node, head_node)}:
        for attributes in (graph.get_edge_data(source, target) or {}).values():
            if relation_type is None or attributes.get("type") == relation_type:
                rows.extend(_evidence_rows(graph, source, target, attributes))
    rows.sort(key=lambda row: (row.date or "9999", row.doc_id, row.type))
    return rows


def _evidence_rows(
    graph: nx.MultiDiGraph, head: str, tail: str, attributes: dict
) -> list[EvidenceRow]:
    return [
        EvidenceRow(
            date=evidence.get("date"),
            head=_name(graph, head),
            type=str(attributes.get("type")),
            tail=_name(graph, tail),
            doc_id=str(evidence.get("doc_id")),
            sentence=str(evidence.get("text", "")),
            rule=str(evidence.get("rule", "")),
            confidence=float(evidence.get("confidence", 0.0)),
        )
        for evidence in attributes.get("evidence") or ()
    ]
