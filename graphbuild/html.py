"""Interactive HTML view of a graph: one self-contained file that opens with no network.

The page is graphbuild's own: its HTML, CSS and JavaScript are files in
``graphbuild/assets/page`` (linted in the tests), vis-network is vendored in
``graphbuild/assets/vis-network``, and this module writes the vis-network node and edge
records itself, in time linear in the graph. Everything is inlined, so a page copied to a
machine without network still works.

Article text is data, never markup: the graph travels as JSON in a
``<script type="application/json">`` block, escaped so that no string can close it, and the
page script only ever puts it into the DOM through ``textContent``.

Large graphs: the first view holds the most connected part (or the ego network of ``focus``),
at most ``max_nodes`` entities and none without an edge; the rest is one toggle, double-click,
search or "load more" away. Physics runs a bounded number of stabilisation iterations, then
switches off. A graph over ``PAGE_NODE_LIMIT`` entities or ``PAGE_EDGE_LIMIT`` relations is
too much for one page: without ``focus`` the page is refused (:class:`PageTooLargeError`),
with it the page holds the neighbourhood of ``focus`` only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from heapq import heappop, heappush
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .analysis import find_node, node_degrees
from .errors import GraphbuildError, Messages, PageTooLargeError
from .records import SYMMETRIC_TYPES

# Colour-blind-safe palette (Okabe-Ito, then Tableau) so labels and types stay distinguishable.
LABEL_STYLES: dict[str, tuple[str, str]] = {
    "Organization": ("#0072B2", "dot"),
    "Product": ("#E69F00", "diamond"),
    "Person": ("#009E73", "triangle"),
}
OTHER_LABEL_STYLE = ("#7f7f7f", "square")
RELATION_COLOURS: dict[str, str] = {
    "SPONSORS": "#CC79A7",
    "COMPETES_WITH": "#D55E00",
    "ACQUIRED": "#8c2d04",
    "MEMBER_OF": "#56B4E9",
    "FOUNDED": "#009E73",
    "DEVELOPS": "#E69F00",
    "USES": "#999933",
    "PARTNERS_WITH": "#0072B2",
    "INVESTS_IN": "#882255",
    "PART_OF": "#44AA99",
    "SUBSIDIARY_OF": "#332288",
}
OTHER_RELATION_COLOUR = "#555555"
# Stabilisation is bounded so the page always goes idle; larger views get fewer iterations each.
SMALL_VIEW_ITERATIONS = 400
LARGE_VIEW_ITERATIONS = 200
LARGE_VIEW = 300
# Edge labels help at seed size and are noise at corpus size, where colour and legend suffice.
EDGE_LABEL_LIMIT = 300
# One page holds at most this much: past it the JSON alone runs to hundreds of megabytes and
# the browser's search and filters stall. Measured: writing a page at the limit takes seconds.
PAGE_NODE_LIMIT = 20_000
PAGE_EDGE_LIMIT = 50_000
# Two edges of one pair bend apart by this much more each, so their labels never overlap.
PARALLEL_ROUNDNESS = 0.18

_VIS_ASSETS = "assets/vis-network"
_PAGE_ASSETS = "assets/page"
# Characters that could end a <script> block or a JavaScript string early.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
# In the order page.html holds them.
_PLACEHOLDERS = ("/*VIS_CSS*/", "/*PAGE_CSS*/", "/*GRAPH_JSON*/", "/*VIS_JS*/", "/*PAGE_JS*/")


def write_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    max_nodes: int = 500,
    focus: str | None = None,
    hops: int = 2,
) -> Path:
    """Write ``graph`` as one self-contained interactive page at ``path``.

    The page shows at most ``max_nodes`` nodes at first: the ego network of ``focus``
    (``hops`` steps out) when given, otherwise the most connected part of the graph.
    Raises :class:`graphbuild.errors.GraphbuildError` for a bad ``max_nodes``/``hops`` or an
    unknown ``focus``, and :class:`graphbuild.errors.PageTooLargeError` for a graph over the
    page's limits without ``focus``; nothing is written then.
    """
    page = page_data(graph, max_nodes=max_nodes, focus=focus, hops=hops)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(page), encoding="utf-8")
    return path


def too_large_for_a_page(graph: nx.MultiDiGraph) -> bool:
    """Whether ``graph`` is over the page's limits (then only a ``focus`` page can be written)."""
    return graph.number_of_nodes() > PAGE_NODE_LIMIT or graph.number_of_edges() > PAGE_EDGE_LIMIT


def page_data(
    graph: nx.MultiDiGraph, *, max_nodes: int = 500, focus: str | None = None, hops: int = 2
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data (nodes in the order they are revealed)."""
    if max_nodes < 1:
        raise GraphbuildError(Messages.E_PAGE_MAX_NODES.format(value=max_nodes))
    if hops < 0:
        raise GraphbuildError(Messages.E_PAGE_HOPS.format(value=hops))
    focus_node: str | None = None
    if focus is not None:
        focus_node = find_node(graph, focus)
        if focus_node is None:
            raise GraphbuildError(Messages.E_PAGE_NO_FOCUS.format(name=focus))
    whole = graph
    if too_large_for_a_page(graph):
        if focus_node is None:
            raise PageTooLargeError(
                Messages.E_PAGE_TOO_LARGE.format(
                    nodes=graph.number_of_nodes(),
                    edges=graph.number_of_edges(),
                    node_limit=PAGE_NODE_LIMIT,
                    edge_limit=PAGE_EDGE_LIMIT,
                )
            )
        graph = _neighbourhood(graph, focus_node, hops)
    degrees = node_degrees(graph)
    start: list[str] = []
    if focus_node is not None:
        start = _ego_order(graph, focus_node, hops, degrees)[:max_nodes]
    order = reveal_order(graph, degrees, start=start)
    connected = sum(1 for degree in degrees.values() if degree)
    # Unconnected entities wait behind their toggle, unless there is nothing else to show.
    initial = len(start) if focus_node is not None else min(max_nodes, connected or len(order))
    view_size = max(initial, 1)
    options = _options(view_size, edge_labels=graph.number_of_edges() <= EDGE_LABEL_LIMIT)
    edges = _edge_records(graph, edge_labels=graph.number_of_edges() <= EDGE_LABEL_LIMIT)
    label_counts = _count(str(a.get("label")) for _, a in graph.nodes(data=True))
    type_counts = _count(str(a.get("type")) for _, _, a in graph.edges(data=True))
    return {
        "meta": {
            "generator": graph.graph.get("generator", "graphbuild"),
            "nodeCount": graph.number_of_nodes(),
            "edgeCount": graph.number_of_edges(),
            "graphNodeCount": whole.number_of_nodes(),
            "graphEdgeCount": whole.number_of_edges(),
            "isolatedCount": len(order) - connected,
            "showIsolated": connected == 0,
            "maxDegree": max(degrees.values(), default=0),
            "maxSupport": max((int(e["value"]) for e in edges), default=1),
            "dated": any(a.get("first_seen") for _, _, a in graph.edges(data=True)),
            "maxNodes": max_nodes,
            "initial": initial,
            "focus": focus_node,
            "hops": hops,
            "stabilizationIterations": options["physics"]["stabilization"]["iterations"],
        },
        "labels": [
            {
                "label": label,
                "colour": LABEL_STYLES.get(label, OTHER_LABEL_STYLE)[0],
                "shape": LABEL_STYLES.get(label, OTHER_LABEL_STYLE)[1],
                "count": count,
            }
            for label, count in label_counts
        ],
        "types": [
            {
                "type": relation_type,
                "colour": RELATION_COLOURS.get(relation_type, OTHER_RELATION_COLOUR),
                "directed": relation_type not in SYMMETRIC_TYPES,
                "count": count,
            }
            for relation_type, count in type_counts
        ],
        "documents": {
            str(document.get("id")): {
                "title": document.get("title"),
                "date": document.get("date"),
                "url": document.get("url"),
            }
            for document in graph.graph.get("documents") or ()
        },
        "nodes": [_node_record(graph, node, degrees[node]) for node in order],
        "edges": edges,
        "options": options,
    }


def _options(view_size: int, *, edge_labels: bool) -> dict[str, Any]:
    """vis-network options: forceAtlas2 physics with a bounded stabilisation, then idle."""
    large_view = view_size > LARGE_VIEW
    return {
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            # forceAtlas2 spreads hubs apart; damping high so the bounded stabilisation ends calm.
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 120,
                "springConstant": 0.08,
                "damping": 0.6,
                "avoidOverlap": 0,
            },
            "stabilization": {
                "enabled": True,
                "fit": True,
                "updateInterval": 25,
                "onlyDynamicEdges": False,
                "iterations": LARGE_VIEW_ITERATIONS if large_view else SMALL_VIEW_ITERATIONS,
            },
            "minVelocity": 0.75,
        },
        "edges": {
            "color": {"inherit": False},
            "smooth": {"enabled": True, "type": "continuous"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
            # Edge labels keep one size (support already shows as width) and are only drawn
            # once zoomed in far enough to read them.
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False, "drawThreshold": 8}},
            "selectionWidth": 2,
        },
        # Node size grows with degree; which nodes carry a label, and at what size, the page
        # script decides for the current zoom (see relabel() in page.js).
        "nodes": {
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
                "color": "#222222",
            },
            "scaling": {
                "min": 10,
                "max": 40,
                "label": {"enabled": False, "drawThreshold": 1, "maxVisible": 40},
            },
        },
        "interaction": {
            "dragNodes": True,
            "hover": True,
            "tooltipDelay": 200,
            "keyboard": False,
            "hideEdgesOnDrag": large_view,
            "hideNodesOnDrag": False,
        },
        # vis's improvedLayout (Kamada-Kawai) is quadratic; past 100 nodes it costs more than
        # it gives.
        "layout": {"randomSeed": 7, "improvedLayout": view_size <= 100},
        "configure": {"enabled": False},
    }


def _node_record(graph: nx.MultiDiGraph, node: str, degree: int) -> dict[str, Any]:
    attributes = graph.nodes[node]
    colour, shape = LABEL_STYLES.get(str(attributes.get("label")), OTHER_LABEL_STYLE)
    record: dict[str, Any] = {
        "id": node,
        "label": str(attributes.get("name") or node),
        "shape": shape,
        "color": colour,
        "value": degree,
        "data": _node_details(attributes, degree),
    }
    if attributes.get("unnamed"):
        # a company its text never names: drawn hollow, so it does not pass for a name
        record["color"] = {"background": "#ffffff", "border": colour}
        record["shapeProperties"] = {"borderDashes": [4, 4]}
        record["borderWidth"] = 2
    return record


def _edge_records(graph: nx.MultiDiGraph, *, edge_labels: bool) -> list[dict[str, Any]]:
    """One vis-network edge per graph edge; edges of one pair bend apart from each other."""
    records: list[dict[str, Any]] = []
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for index, (head, tail, attributes) in enumerate(_sorted_edges(graph)):
        relation_type = str(attributes.get("type"))
        edge: dict[str, Any] = {
            "id": f"e{index}",
            "from": head,
            "to": tail,
            "color": RELATION_COLOURS.get(relation_type, OTHER_RELATION_COLOUR),
            "value": int(attributes.get("support", 1)),
            "data": _edge_details(attributes),
        }
        if relation_type in SYMMETRIC_TYPES:
            edge["arrows"] = {"to": {"enabled": False}}
        if edge_labels:
            edge["label"] = relation_type
        records.append(edge)
        by_pair[(min(head, tail), max(head, tail))].append(edge)
    for (low, _), parallel in by_pair.items():
        if len(parallel) < 2:
            continue
        for position, edge in enumerate(parallel):
            # Alternate sides and bend further out pair by pair: 1st and 2nd at one roundness
            # on either side, 3rd and 4th further out. Sides are taken along low -> high, so an
            # edge drawn the other way round turns the other way to stay on its side.
            clockwise = (position % 2 == 0) == (edge["from"] == low)
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(PARALLEL_ROUNDNESS * (position // 2 + 1), 3),
            }
    return records


def _neighbourhood(graph: nx.MultiDiGraph, centre: str, hops: int) -> nx.MultiDiGraph:
    """The part of a too-large graph a focus page holds: ``hops + 1`` steps out from ``centre``
    (one ring beyond the first view, so double-clicking its border still expands it), at most
    ``PAGE_NODE_LIMIT`` entities and ``PAGE_EDGE_LIMIT`` relations."""
    degrees = node_degrees(graph)
    kept: list[str] = []
    edges = 0
    members: set[str] = set()
    for node in _ego_order(graph, centre, hops + 1, degrees):
        if len(kept) >= PAGE_NODE_LIMIT:
            break
        new_edges = sum(
            len(keys)
            for adjacency in (graph.succ[node], graph.pred[node])
            for other, keys in adjacency.items()
            if other in members
        )
        if edges + new_edges > PAGE_EDGE_LIMIT:
            break
        kept.append(node)
        members.add(node)
        edges += new_edges
    return graph.subgraph(kept).copy()


def reveal_order(
    graph: nx.MultiDiGraph, degrees: dict[str, int], *, start: list[str] | None = None
) -> list[str]:
    """Every node, in the order the page reveals them.

    Best-first from ``start`` (or the best-connected node): the next node is always the
    best-connected neighbour of what is already shown, so any prefix is a connected, dense
    part of the graph; when a component is exhausted the best-connected remaining node begins
    the next one. Unconnected nodes therefore come last.
    """
    undirected = graph.to_undirected(as_view=True)
    order: list[str] = []
    seen: set[str] = set()
    frontier: list[tuple[int, str]] = []

    def visit(node: str) -> None:
        order.append(node)
        seen.add(node)
        for neighbour in undirected.neighbors(node):
            if neighbour not in seen:
                heappush(frontier, (-degrees[neighbour], neighbour))

    for node in start or ():
        if node not in seen:
            visit(node)
    by_degree = iter(sorted(graph.nodes, key=lambda n: (-degrees[n], n)))
    while len(order) < graph.number_of_nodes():
        while frontier:
            _, node = heappop(frontier)
            if node not in seen:
                visit(node)
                break
        else:
            node = next(n for n in by_degree if n not in seen)
            visit(node)
    return order


def _ego_order(
    graph: nx.MultiDiGraph, centre: str, hops: int, degrees: dict[str, int]
) -> list[str]:
    distances = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), centre, cutoff=hops
    )
    return sorted(distances, key=lambda n: (distances[n], -degrees[n], n))


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    return sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("type"))))


def _node_details(attributes: dict[str, Any], degree: int) -> dict[str, Any]:
    return {
        "name": attributes.get("name"),
        "label": attributes.get("label"),
        "aliases": list(attributes.get("aliases") or ()),
        "documents": list(attributes.get("documents") or ()),
        "mentions": attributes.get("mentions"),
        "first_seen": attributes.get("first_seen"),
        "last_seen": attributes.get("last_seen"),
        "unnamed": bool(attributes.get("unnamed")),
        "degree": degree,
    }


def _edge_details(attributes: dict[str, Any]) -> dict[str, Any]:
    keep = (
        "doc_id",
        "text",
        "head_mention",
        "tail_mention",
        "rule",
        "confidence",
        "date",
        "status",
    )
    return {
        "type": attributes.get("type"),
        "support": attributes.get("support"),
        "confidence": attributes.get("confidence"),
        "first_seen": attributes.get("first_seen"),
        "last_seen": attributes.get("last_seen"),
        "status": attributes.get("status"),
        "evidence": [
            {key: evidence.get(key) for key in keep}
            for evidence in attributes.get("evidence") or ()
        ],
    }


def _count(values: Iterable[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or JS line separators.

    These characters can only occur inside JSON strings, where the ``\\uXXXX`` form means the
    same, so ``JSON.parse`` returns exactly the original data.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for character, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(character, escaped)
    return text


def asset(folder: str, name: str) -> str:
    """One of the files inlined into the page, checked that it cannot end its block early."""
    text = resources.files("graphbuild").joinpath(f"{folder}/{name}").read_text("utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if name.endswith((".css", ".js")) and closing in text.lower():
        raise GraphbuildError(Messages.E_PAGE_ASSET.format(name=name, closing=closing))
    return text


def render_page(page: dict[str, Any]) -> str:
    """The HTML document for :func:`page_data`'s result."""
    parts = {
        "/*VIS_CSS*/": asset(_VIS_ASSETS, "vis-network.min.css"),
        "/*VIS_JS*/": asset(_VIS_ASSETS, "vis-network.min.js"),
        "/*PAGE_CSS*/": asset(_PAGE_ASSETS, "page.css"),
        "/*PAGE_JS*/": asset(_PAGE_ASSETS, "page.js"),
        "/*GRAPH_JSON*/": script_json(page),
    }
    html = asset(_PAGE_ASSETS, "page.html")
    # Split on the placeholders of the template only, so text inside the parts (vis-network,
    # the graph's JSON) is never mistaken for one.
    pieces: list[str] = []
    rest = html
    for placeholder in _PLACEHOLDERS:
        before, found, rest = rest.partition(placeholder)
        if not found:
            raise GraphbuildError(Messages.E_PAGE_TEMPLATE.format(placeholder=placeholder))
        pieces += [before, parts[placeholder]]
    pieces.append(rest)
    return "".join(pieces)
