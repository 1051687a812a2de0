"""Interactive HTML view of a graph: one self-contained file that opens with no network.

pyvis builds the vis-network node and edge records and the physics options; the page around
them is graphbuild's own, because pyvis's templates link Bootstrap and vis-network from CDNs
even in ``in_line`` mode. vis-network (vendored in ``graphbuild/assets``) and the graph data are
inlined, so a page copied to a machine without network still works.

Article text is data, never markup: the graph travels as JSON in a
``<script type="application/json">`` block, escaped so that no string can close it, and the
page script only ever puts it into the DOM through ``textContent``.

Large graphs: physics runs a bounded number of stabilisation iterations, then switches off.
Beyond ``max_nodes`` the page starts from the most connected part (or the ego network of
``focus``) and the rest is one double-click, search or "load more" away.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from heapq import heappop, heappush
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from .analysis import find_node, node_degrees
from .errors import GraphbuildError
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

E_MAX_NODES = "max_nodes must be at least 1 (got {value})."
E_HOPS = "hops must be 0 or more (got {value})."
E_NO_FOCUS = (
    "--focus {name!r}: no entity of that name or alias in the graph; "
    "pick a name shown in graph.html or graph.json."
)

_ASSETS = "assets/vis-network"
# Characters that could end a <script> block or a JavaScript string early.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


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
    unknown ``focus``.
    """
    page = page_data(graph, max_nodes=max_nodes, focus=focus, hops=hops)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(page), encoding="utf-8")
    return path


def page_data(
    graph: nx.MultiDiGraph, *, max_nodes: int = 500, focus: str | None = None, hops: int = 2
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data (nodes in the order they are revealed)."""
    if max_nodes < 1:
        raise GraphbuildError(E_MAX_NODES.format(value=max_nodes))
    if hops < 0:
        raise GraphbuildError(E_HOPS.format(value=hops))
    degrees = node_degrees(graph)
    focus_node: str | None = None
    if focus is not None:
        focus_node = find_node(graph, focus)
        if focus_node is None:
            raise GraphbuildError(E_NO_FOCUS.format(name=focus))
        start = _ego_order(graph, focus_node, hops, degrees)[:max_nodes]
    else:
        start = []
    order = reveal_order(graph, degrees, start=start)
    initial = len(start) if focus_node is not None else min(max_nodes, len(order))

    network = Network(directed=True)
    # forceAtlas2 spreads hubs apart; damping high so the bounded stabilisation ends calm.
    network.force_atlas_2based(gravity=-60, central_gravity=0.01, spring_length=120, damping=0.6)
    edge_labels = graph.number_of_edges() <= EDGE_LABEL_LIMIT
    for node in order:
        attributes = graph.nodes[node]
        colour, shape = LABEL_STYLES.get(str(attributes.get("label")), OTHER_LABEL_STYLE)
        color: str | dict[str, str] = colour
        style: dict[str, Any] = {}
        if attributes.get("unnamed"):
            # a company its text never names: drawn hollow, so it does not pass for a name
            color = {"background": "#ffffff", "border": colour}
            style = {"shapeProperties": {"borderDashes": [4, 4]}, "borderWidth": 2}
        network.add_node(
            node,
            label=str(attributes.get("name") or node),
            shape=shape,
            color=color,
            value=degrees[node],
            data=_node_details(attributes, degrees[node]),
            **style,
        )
    for index, (head, tail, attributes) in enumerate(_sorted_edges(graph)):
        relation_type = str(attributes.get("type"))
        edge: dict[str, Any] = {
            "id": f"e{index}",
            "color": RELATION_COLOURS.get(relation_type, OTHER_RELATION_COLOUR),
            "value": int(attributes.get("support", 1)),
            "data": _edge_details(attributes),
        }
        if relation_type in SYMMETRIC_TYPES:
            edge["arrows"] = {"to": {"enabled": False}}
        if edge_labels:
            edge["label"] = relation_type
        network.add_edge(head, tail, **edge)

    options = json.loads(network.options.to_json())
    view_size = max(initial, 1)
    options["physics"]["stabilization"].update(
        iterations=LARGE_VIEW_ITERATIONS if view_size > LARGE_VIEW else SMALL_VIEW_ITERATIONS,
        updateInterval=25,
        fit=True,
    )
    options["physics"]["minVelocity"] = 0.75
    options["edges"] = {
        "color": {"inherit": False},
        "smooth": {"enabled": True, "type": "continuous"},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "font": {"size": 10, "align": "middle", "strokeWidth": 3},
        # Edge labels keep one size: support already shows as width.
        "scaling": {"min": 1, "max": 6, "label": {"enabled": False}},
        "selectionWidth": 2,
    }
    # Labels grow with degree and small ones vanish when zoomed out: in a large view only the
    # hubs are named until one zooms in, so thousands of nodes stay legible.
    large_view = view_size > LARGE_VIEW
    options["nodes"] = {
        "borderWidth": 1,
        "font": {"size": 14, "face": "system-ui, sans-serif"},
        "scaling": {"min": 8, "max": 40, "label": {
            "enabled": True, "min": 12, "max": 44 if large_view else 22,
            "drawThreshold": 8 if large_view else 5, "maxVisible": 24,
        }},
    }
    options["interaction"].update(hover=True, tooltipDelay=200,
                                  hideEdgesOnDrag=large_view, keyboard=False)
    # vis's improvedLayout (Kamada-Kawai) is quadratic; past 100 nodes it costs more than it gives.
    options["layout"] = {"randomSeed": 7, "improvedLayout": view_size <= 100}

    label_counts = _count(str(a.get("label")) for _, a in graph.nodes(data=True))
    type_counts = _count(str(a.get("type")) for _, _, a in graph.edges(data=True))
    return {
        "meta": {
            "generator": graph.graph.get("generator", "graphbuild"),
            "nodeCount": graph.number_of_nodes(),
            "edgeCount": graph.number_of_edges(),
            "maxNodes": max_nodes,
            "initial": initial,
            "focus": focus_node,
            "hops": hops,
            "stabilizationIterations": options["physics"]["stabilization"]["iterations"],
        },
        "labels": [
            {"label": label, "colour": LABEL_STYLES.get(label, OTHER_LABEL_STYLE)[0],
             "shape": LABEL_STYLES.get(label, OTHER_LABEL_STYLE)[1], "count": count}
            for label, count in label_counts
        ],
        "types": [
            {"type": relation_type,
             "colour": RELATION_COLOURS.get(relation_type, OTHER_RELATION_COLOUR),
             "directed": relation_type not in SYMMETRIC_TYPES, "count": count}
            for relation_type, count in type_counts
        ],
        "documents": {
            str(document.get("id")): {"title": document.get("title"), "date": document.get("date"),
                                      "url": document.get("url")}
            for document in graph.graph.get("documents") or ()
        },
        "nodes": network.nodes,
        "edges": network.edges,
        "options": options,
    }


def reveal_order(
    graph: nx.MultiDiGraph, degrees: dict[str, int], *, start: list[str] | None = None
) -> list[str]:
    """Every node, in the order the page reveals them.

    Best-first from ``start`` (or the best-connected node): the next node is always the
    best-connected neighbour of what is already shown, so any prefix is a connected, dense
    part of the graph; when a component is exhausted the best-connected remaining node begins
    the next one.
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
    keep = ("doc_id", "text", "head_mention", "tail_mention", "rule", "confidence", "date",
            "status")
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


def _asset(name: str) -> str:
    text = resources.files("graphbuild").joinpath(f"{_ASSETS}/{name}").read_text("utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():  # would end our inline block early; never true of vis 9.1.2
        raise GraphbuildError(f"vendored asset {name} contains {closing!r}; cannot inline it")
    return text


def render_page(page: dict[str, Any]) -> str:
    """The HTML document for :func:`page_data`'s result."""
    return (
        _TEMPLATE.replace("/*VIS_CSS*/", _asset("vis-network.min.css"))
        .replace("/*VIS_JS*/", _asset("vis-network.min.js"))
        .replace("/*PAGE_CSS*/", _PAGE_CSS)
        .replace("/*PAGE_JS*/", _PAGE_JS)
        .replace("/*GRAPH_JSON*/", script_json(page))
    )


_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>graphbuild graph</title>
<style>/*VIS_CSS*/</style>
<style>/*PAGE_CSS*/</style>
</head>
<body data-layout="running">
<header>
  <h1>graphbuild</h1>
  <form id="search" autocomplete="off">
    <input id="search-input" type="search" list="entity-names" placeholder="Find an entity"
     aria-label="Find an entity">
    <datalist id="entity-names"></datalist>
    <button type="submit">Find</button>
  </form>
  <span id="status" role="status"></span>
  <button id="load-more" type="button">Load more</button>
</header>
<main>
  <nav id="controls" aria-label="Legend and filters">
    <section><h2>Entities</h2><ul id="legend-labels" class="legend"></ul></section>
    <section><h2>Relations</h2><ul id="legend-types" class="legend"></ul></section>
    <section><h2>Dates</h2>
      <label>from <input id="date-from" type="date"></label>
      <label>to <input id="date-to" type="date"></label>
      <p class="hint">Edges seen in the range; undated edges hide while a range is set.</p>
    </section>
    <p class="hint">Click for details, double-click a node to show its neighbours.</p>
  </nav>
  <div id="graph"></div>
  <aside id="details" aria-live="polite"><p class="hint">Select a node or an edge.</p></aside>
</main>
<script type="application/json" id="graph-data">/*GRAPH_JSON*/</script>
<script>/*VIS_JS*/</script>
<script>/*PAGE_JS*/</script>
</body>
</html>
"""

_PAGE_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 14px system-ui, sans-serif; color: #222; height: 100vh;
  display: flex; flex-direction: column; }
header { display: flex; gap: 1em; align-items: center; padding: .4em .8em;
  border-bottom: 1px solid #ddd; }
h1 { font-size: 1.1em; margin: 0; }
h2 { font-size: .95em; margin: .8em 0 .3em; }
#search-input { width: 18em; }
#status { color: #555; flex: 1; }
main { flex: 1; display: flex; min-height: 0; }
#controls { width: 17em; padding: .4em .8em; overflow-y: auto; border-right: 1px solid #ddd; }
#graph { flex: 1; min-width: 0; }
#details { width: 24em; padding: .4em .8em; overflow-y: auto; border-left: 1px solid #ddd; }
.legend { list-style: none; padding: 0; margin: 0; }
.legend label { display: flex; align-items: center; gap: .4em; cursor: pointer; }
.swatch { display: inline-block; width: 1.6em; text-align: center; font-weight: bold; }
.count { color: #777; margin-left: auto; }
.hint { color: #777; font-size: .85em; }
#controls section > label { display: block; margin: .2em 0; }
#details dl { display: grid; grid-template-columns: auto 1fr; gap: .2em .6em; margin: 0; }
#details dt { color: #666; }
#details dd { margin: 0; overflow-wrap: anywhere; }
#details ol { padding-left: 1.2em; }
#details li { margin-bottom: .6em; }
.sentence { margin: .2em 0; }
.source { color: #666; font-size: .85em; }
mark.head { background: #cfe3f7; }
mark.tail { background: #fde2bf; }
.vis-tooltip { max-width: 28em; white-space: normal !important; }
"""

_PAGE_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var meta = data.meta;
  var byId = new Map();
  var adjacency = new Map();
  data.nodes.forEach(function (node, rank) {
    node.rank = rank; byId.set(node.id, node); adjacency.set(node.id, []);
  });
  data.edges.forEach(function (edge) {
    adjacency.get(edge.from).push(edge); adjacency.get(edge.to).push(edge);
  });

  // DOM helpers: article text only ever reaches the page through textContent.
  function el(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }
  function nameOf(id) { var n = byId.get(id); return n ? n.data.name || id : id; }
  function documentLine(docId, date) {
    var doc = data.documents[docId] || {};
    var parts = [doc.title || docId];
    if (date || doc.date) parts.push(date || doc.date);
    if (doc.title) parts.push(docId);
    return parts.join(" \u00b7 ");
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function nodeTooltip(node) {
    var box = el("div");
    box.appendChild(el("strong", node.data.name));
    box.appendChild(el("div", node.data.label + " \u00b7 " + node.data.degree + " edges \u00b7 " +
      node.data.documents.length + " documents"));
    if (node.data.aliases.length) {
      box.appendChild(el("div", "also: " + node.data.aliases.slice(0, 6).join(", ")));
    }
    return box;
  }
  function edgeTooltip(edge) {
    var box = el("div");
    box.appendChild(el("strong", nameOf(edge.from) + " " + edge.data.type + " " + nameOf(edge.to)));
    var seen = [edge.data.first_seen, edge.data.last_seen].filter(Boolean);
    box.appendChild(el("div", edge.data.support + " sentences" +
      (seen.length ? " \u00b7 " + seen.join(" to ") : "")));
    if (edge.data.evidence.length) box.appendChild(el("div", edge.data.evidence[0].text));
    return box;
  }

  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var hiddenLabels = new Set();
  var hiddenTypes = new Set();
  var range = { from: "", to: "" };
  function inRange(edgeData) {
    if (!range.from && !range.to) return true;
    if (!edgeData.first_seen) return false;
    var last = edgeData.last_seen || edgeData.first_seen;
    return (!range.from || last >= range.from) && (!range.to || edgeData.first_seen <= range.to);
  }
  var nodeView = new vis.DataView(nodes, {
    filter: function (node) { return !hiddenLabels.has(node.data.label); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (edge) {
      return !hiddenTypes.has(edge.data.type) && inRange(edge.data) &&
        !hiddenLabels.has(byId.get(edge.from).data.label) &&
        !hiddenLabels.has(byId.get(edge.to).data.label);
    }
  });

  // Reveal nodes (and every edge between revealed nodes). New nodes start around `anchor`.
  function reveal(ids, anchor) {
    var fresh = ids.filter(function (id) { return byId.has(id) && !nodes.get(id); });
    if (!fresh.length) return 0;
    var origin = anchor && network ? network.getPositions([anchor])[anchor] : null;
    nodes.add(fresh.map(function (id, index) {
      var node = Object.assign({}, byId.get(id));
      node.title = nodeTooltip(node);
      if (origin) {
        var angle = 2 * Math.PI * index / fresh.length;
        node.x = origin.x + 80 * Math.cos(angle); node.y = origin.y + 80 * Math.sin(angle);
      }
      return node;
    }));
    // One batched add: vis redraws once per call, so edge-by-edge adds are quadratic.
    var newEdges = new Map();
    fresh.forEach(function (id) {
      adjacency.get(id).forEach(function (edge) {
        if (!newEdges.has(edge.id) && !edges.get(edge.id) && nodes.get(edge.from) &&
            nodes.get(edge.to)) {
          var copy = Object.assign({}, edge);
          copy.title = edgeTooltip(edge);
          newEdges.set(edge.id, copy);
        }
      });
    });
    edges.add(Array.from(newEdges.values()));
    return fresh.length;
  }

  var view = window.graphbuildView = {
    idle: false, layoutRuns: 0, meta: meta,
    total: { nodes: meta.nodeCount, edges: meta.edgeCount },
    shown: function () { return { nodes: nodes.length, edges: edges.length }; },
    visible: function () { return { nodes: nodeView.length, edges: edgeView.length }; },
    legend: function () {
      return {
        labels: Array.from(document.querySelectorAll("#legend-labels li")).map(legendEntry),
        types: Array.from(document.querySelectorAll("#legend-types li")).map(legendEntry)
      };
    }
  };
  function legendEntry(item) {
    return { name: item.dataset.name, colour: item.dataset.colour,
      count: Number(item.dataset.count), checked: item.querySelector("input").checked,
      text: item.textContent };
  }

  reveal(data.nodes.slice(0, meta.initial).map(function (n) { return n.id; }), null);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  view.network = network;

  function settle() {
    view.idle = false; document.body.dataset.layout = "running";
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(meta.stabilizationIterations);
  }
  // Bounded stabilisation, then physics off: the page goes idle instead of animating forever.
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    // fit() frames node centres; step back a little so the outer labels are not cut off.
    if (view.layoutRuns === 0) network.moveTo({ scale: network.getScale() * 0.9 });
    view.layoutRuns += 1; view.idle = true;
    document.body.dataset.layoutRuns = view.layoutRuns; document.body.dataset.layout = "idle";
  });
  if (!nodes.length) { view.idle = true; document.body.dataset.layout = "idle"; }

  var status = document.getElementById("status");
  var loadMore = document.getElementById("load-more");
  function updateStatus(message) {
    var text = "Showing " + nodes.length + " of " + meta.nodeCount + " entities and " +
      edges.length + " of " + meta.edgeCount + " relations";
    status.textContent = message ? message + " \u2014 " + text : text;
    loadMore.disabled = nodes.length >= meta.nodeCount;
  }
  updateStatus(meta.focus ? "Around " + nameOf(meta.focus) : "");

  view.expand = function (id) {
    var ids = adjacency.get(id).map(function (e) { return e.from === id ? e.to : e.from; });
    var added = reveal(ids, id);
    updateStatus(added ? "Added " + added + " neighbours of " + nameOf(id) : "");
    if (added) settle();
    return added;
  };
  view.loadMore = function () {
    var next = [];
    for (var i = 0; i < data.nodes.length && next.length < meta.maxNodes; i++) {
      if (!nodes.get(data.nodes[i].id)) next.push(data.nodes[i].id);
    }
    var added = reveal(next, null);
    updateStatus(added ? "Added " + added + " entities" : "");
    if (added) settle();
    return added;
  };
  loadMore.addEventListener("click", view.loadMore);

  // Details panel.
  var details = document.getElementById("details");
  function definitionList(pairs) {
    var list = el("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") return;
      list.appendChild(el("dt", pair[0])); list.appendChild(el("dd", pair[1]));
    });
    return list;
  }
  function showNode(id) {
    var node = byId.get(id); var d = node.data;
    details.replaceChildren(el("h2", d.name));
    details.appendChild(definitionList([
      ["label", d.label], ["edges", d.degree], ["mentions", d.mentions],
      ["first seen", d.first_seen], ["last seen", d.last_seen],
      ["aliases", d.aliases.join(", ")]]));
    details.appendChild(el("h3", "Documents (" + d.documents.length + ")"));
    var list = el("ul");
    d.documents.forEach(function (docId) {
      var item = el("li");
      var doc = data.documents[docId] || {};
      var url = safeUrl(doc.url);
      var line = el(url ? "a" : "span", documentLine(docId, null));
      if (url) { line.href = url; line.rel = "noopener noreferrer"; line.target = "_blank"; }
      item.appendChild(line); list.appendChild(item);
    });
    details.appendChild(list);
    var hidden = adjacency.get(id).filter(function (e) { return !edges.get(e.id); }).length;
    if (hidden) {
      var button = el("button", "Show " + hidden + " more relations");
      button.type = "button";
      button.addEventListener("click", function () { view.expand(id); showNode(id); });
      details.appendChild(button);
    }
  }
  function highlighted(text, head, tail) {
    // Split the sentence into text nodes and <mark>s around the two mentions.
    var sentence = el("p", null, "sentence");
    var marks = [[head, "head"], [tail, "tail"]].map(function (m) {
      return { at: m[0] ? text.indexOf(m[0]) : -1, text: m[0], cls: m[1] };
    }).filter(function (m) { return m.at >= 0; }).sort(function (a, b) { return a.at - b.at; });
    var position = 0;
    marks.forEach(function (m) {
      if (m.at < position) return;
      sentence.appendChild(document.createTextNode(text.slice(position, m.at)));
      sentence.appendChild(el("mark", m.text, m.cls));
      position = m.at + m.text.length;
    });
    sentence.appendChild(document.createTextNode(text.slice(position)));
    return sentence;
  }
  function showEdge(id) {
    var edge = edges.get(id); var d = edge.data;
    details.replaceChildren(el("h2", nameOf(edge.from) + " " + d.type + " " + nameOf(edge.to)));
    details.appendChild(definitionList([
      ["support", d.support], ["confidence", d.confidence], ["first seen", d.first_seen],
      ["last seen", d.last_seen], ["status", d.status]]));
    details.appendChild(el("h3", "Evidence"));
    var list = el("ol");
    d.evidence.forEach(function (evidence) {
      var item = el("li");
      item.appendChild(highlighted(String(evidence.text || ""), evidence.head_mention,
        evidence.tail_mention));
      item.appendChild(el("div", documentLine(evidence.doc_id, evidence.date) + " \u00b7 rule " +
        evidence.rule + " \u00b7 confidence " + evidence.confidence, "source"));
      list.appendChild(item);
    });
    details.appendChild(list);
  }
  view.showNode = showNode; view.showEdge = showEdge;
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) view.expand(params.nodes[0]);
  });

  // Legend doubles as the label and relation-type filter.
  function legendItem(entry, name, swatch, hiddenSet) {
    var item = el("li");
    item.dataset.name = name; item.dataset.colour = entry.colour;
    item.dataset.count = entry.count;
    var label = el("label");
    var box = el("input"); box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", function () {
      if (box.checked) hiddenSet.delete(name); else hiddenSet.add(name);
      nodeView.refresh(); edgeView.refresh();
    });
    var mark = el("span", swatch, "swatch"); mark.style.color = entry.colour;
    label.append(box, mark, el("span", name), el("span", entry.count, "count"));
    item.appendChild(label);
    return item;
  }
  var shapeGlyph = { dot: "\u25cf", diamond: "\u25c6", triangle: "\u25b2", square: "\u25a0" };
  var labelList = document.getElementById("legend-labels");
  data.labels.forEach(function (entry) {
    labelList.appendChild(legendItem(entry, entry.label, shapeGlyph[entry.shape] || "\u25a0",
      hiddenLabels));
  });
  var typeList = document.getElementById("legend-types");
  data.types.forEach(function (entry) {
    typeList.appendChild(legendItem(entry, entry.type, entry.directed ? "\u2192" : "\u2014",
      hiddenTypes));
  });
  ["from", "to"].forEach(function (end) {
    document.getElementById("date-" + end).addEventListener("change", function (event) {
      range[end] = event.target.value; edgeView.refresh();
    });
  });

  // Search: exact name, then alias, then prefix, then substring; hidden entities are revealed.
  var names = document.getElementById("entity-names");
  data.nodes.forEach(function (node) { names.appendChild(el("option")).value = node.data.name; });
  function findEntity(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (d) { return String(d.name).toLowerCase() === q; },
      function (d) { return d.aliases.some(function (a) { return a.toLowerCase() === q; }); },
      function (d) { return String(d.name).toLowerCase().indexOf(q) === 0; },
      function (d) { return String(d.name).toLowerCase().indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < data.nodes.length; i++) {
        if (tests[t](data.nodes[i].data)) return data.nodes[i].id;
      }
    }
    return null;
  }
  view.search = function (query) {
    var id = findEntity(query);
    if (id === null) { updateStatus("No entity matches \u201c" + query + "\u201d"); return null; }
    var neighbours = adjacency.get(id).map(function (e) { return e.from === id ? e.to : e.from; });
    var added = reveal([id], null) + reveal(neighbours, id);
    hiddenLabels.delete(byId.get(id).data.label);
    document.querySelectorAll("#legend-labels li").forEach(function (item) {
      if (item.dataset.name === byId.get(id).data.label) item.querySelector("input").checked = true;
    });
    nodeView.refresh(); edgeView.refresh();
    function focus() {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.2, animation: { duration: 400 } });
    }
    if (added) { network.once("stabilizationIterationsDone", focus); settle(); } else focus();
    showNode(id);
    updateStatus("Found " + nameOf(id));
    return id;
  };
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    view.search(document.getElementById("search-input").value);
  });
})();
"""
