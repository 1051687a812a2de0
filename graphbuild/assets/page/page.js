// The interactive page around a graphbuild graph (see graphbuild/html.py). Article text only
// ever reaches the DOM through textContent; the lint in tests/test_html.py holds to that.
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
  function plural(count, word, words) {
    return count + " " + (count === 1 ? word : words || word + "s");
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function nodeTooltip(node) {
    var box = el("div");
    box.appendChild(el("strong", node.data.name));
    box.appendChild(el("div", node.data.label + " \u00b7 " + plural(node.data.degree, "relation") +
      " \u00b7 " + plural(node.data.documents.length, "document")));
    if (node.data.aliases.length) {
      box.appendChild(el("div", "also: " + node.data.aliases.slice(0, 6).join(", ")));
    }
    return box;
  }
  function edgeTooltip(edge) {
    var box = el("div");
    box.appendChild(el("strong", nameOf(edge.from) + " " + edge.data.type + " " + nameOf(edge.to)));
    var seen = [edge.data.first_seen, edge.data.last_seen].filter(Boolean);
    box.appendChild(el("div", plural(edge.data.support, "sentence") +
      (seen.length ? " \u00b7 " + seen.join(" to ") : "")));
    if (edge.data.evidence.length) box.appendChild(el("div", edge.data.evidence[0].text));
    return box;
  }

  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var hiddenLabels = new Set();
  var hiddenTypes = new Set();
  var range = { from: "", to: "" };
  // The first view leaves out entities with no relation; a toggle brings them back. Entities
  // the reader asked for (the focus, a search hit) show whatever the filters say.
  var showIsolated = Boolean(meta.showIsolated);
  var pinned = new Set(meta.focus ? [meta.focus] : []);
  var minDegree = 1;
  var minSupport = 1;
  function nodeVisible(node) {
    if (hiddenLabels.has(node.data.label)) return false;
    if (pinned.has(node.id)) return true;
    if (node.data.degree === 0) return showIsolated;
    return node.data.degree >= minDegree;
  }
  function inRange(edgeData) {
    if (!range.from && !range.to) return true;
    if (!edgeData.first_seen) return false;
    var last = edgeData.last_seen || edgeData.first_seen;
    return (!range.from || last >= range.from) && (!range.to || edgeData.first_seen <= range.to);
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, {
    filter: function (edge) {
      return !hiddenTypes.has(edge.data.type) && inRange(edge.data) &&
        edge.data.support >= minSupport &&
        nodeVisible(byId.get(edge.from)) && nodeVisible(byId.get(edge.to));
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
      node.label = "";  // relabel() names the nodes there is room to name
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
    labels: function () {
      var scale = network.getScale();
      return Array.from(labelled.entries()).map(function (entry) {
        return { id: entry[0], px: entry[1] * scale };
      });
    },
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

  // Labels: a name is drawn only where it fits, best-connected entities first, at a size
  // that reads on screen whatever the zoom; zooming in makes room for more names, and the
  // tooltip names any entity on hover. vis-network's own label scaling cannot do this: it
  // sizes labels in canvas units, so a fitted view of hundreds of nodes shrinks them all.
  var LABEL_PX = 12;
  var HUB_EXTRA_PX = 4;
  var MOST_LABELS = 80;
  var labelled = new Map();  // node id -> font size in canvas units
  var byDegree = data.nodes.map(function (node) { return node.id; });
  byDegree.sort(function (a, b) {
    return byId.get(b).data.degree - byId.get(a).data.degree || byId.get(a).rank - byId.get(b).rank;
  });
  function relabel() {
    var scale = network.getScale();
    var width = container.clientWidth;
    var height = container.clientHeight;
    var shown = new Set(nodeView.getIds());
    var ids = byDegree.filter(function (id) { return shown.has(id); });
    var positions = network.getPositions(ids);
    var maxDegree = Math.max(1, meta.maxDegree);
    var taken = [];
    var wanted = new Map();
    for (var i = 0; i < ids.length && wanted.size < MOST_LABELS; i++) {
      var id = ids[i];
      var at = network.canvasToDOM(positions[id]);
      var body = network.body.nodes[id];
      var radius = (body ? body.options.size : 10) * scale;
      var px = LABEL_PX + Math.round(HUB_EXTRA_PX * byId.get(id).data.degree / maxDegree);
      // A generous guess at the drawn text, white halo included: a near miss reads as overlap.
      var half = nameOf(id).length * px * 0.33 + 3;
      var box = { left: at.x - half, right: at.x + half, top: at.y + radius,
        bottom: at.y + radius + px * 1.5 };
      if (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height) continue;
      if (taken.some(function (other) {
        return box.left < other.right && other.left < box.right &&
          box.top < other.bottom && other.top < box.bottom;
      })) continue;
      taken.push(box);
      wanted.set(id, px / scale);
    }
    var updates = [];
    shown.forEach(function (id) {
      var size = wanted.get(id);
      var had = labelled.get(id);
      if (size === undefined) {
        if (had !== undefined) { updates.push({ id: id, label: "" }); labelled.delete(id); }
      } else if (had === undefined || Math.abs(had - size) > size * 0.01) {
        updates.push({ id: id, label: nameOf(id), font: { size: size } });
        labelled.set(id, size);
      }
    });
    if (updates.length) nodes.update(updates);
  }
  var relabelTimer = null;
  function relabelSoon() {
    clearTimeout(relabelTimer);
    relabelTimer = setTimeout(relabel, 120);
  }
  ["zoom", "dragEnd", "animationFinished"].forEach(function (event) {
    network.on(event, relabelSoon);
  });

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
    relabel();
    view.layoutRuns += 1; view.idle = true;
    document.body.dataset.layoutRuns = view.layoutRuns; document.body.dataset.layout = "idle";
  });
  if (!nodes.length) { view.idle = true; document.body.dataset.layout = "idle"; }

  var status = document.getElementById("status");
  var loadMore = document.getElementById("load-more");
  function loadable() {
    return data.nodes.filter(function (node) {
      return !nodes.get(node.id) && (showIsolated || node.data.degree > 0);
    }).map(function (node) { return node.id; });
  }
  function updateStatus(message) {
    var text = "Showing " + nodeView.length + " of " + meta.nodeCount + " entities and " +
      edgeView.length + " of " + meta.edgeCount + " relations";
    if (meta.graphNodeCount > meta.nodeCount) {
      text += " (this page holds the neighbourhood of " + nameOf(meta.focus) + "; the graph has " +
        meta.graphNodeCount + " entities)";
    }
    status.textContent = message ? message + " \u2014 " + text : text;
    loadMore.disabled = loadable().length === 0;
  }
  updateStatus(meta.focus ? "Around " + nameOf(meta.focus) : "");

  view.expand = function (id) {
    var ids = adjacency.get(id).map(function (e) { return e.from === id ? e.to : e.from; });
    var added = reveal(ids, id);
    updateStatus(added ? "Added " + plural(added, "neighbour") + " of " + nameOf(id) : "");
    if (added) settle();
    return added;
  };
  view.loadMore = function () {
    var added = reveal(loadable().slice(0, meta.maxNodes), null);
    updateStatus(added ? "Added " + plural(added, "entity", "entities") : "");
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
      var button = el("button", "Show " + plural(hidden, "more relation", "more relations"));
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
      refresh("");
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
  function refresh(message) {
    nodeView.refresh(); edgeView.refresh();
    updateStatus(message);
    relabelSoon();
  }
  ["from", "to"].forEach(function (end) {
    document.getElementById("date-" + end).addEventListener("change", function (event) {
      range[end] = event.target.value; refresh("");
    });
  });
  // A corpus without dates gets no date filter: a range would only hide every edge.
  document.getElementById("dates").hidden = !meta.dated;

  var isolatedBox = document.getElementById("show-isolated");
  isolatedBox.checked = showIsolated;
  document.getElementById("isolated-count").textContent = meta.isolatedCount;
  isolatedBox.closest("label").hidden = meta.isolatedCount === 0;
  view.setShowIsolated = function (show) {
    showIsolated = isolatedBox.checked = Boolean(show);
    var added = 0;
    if (showIsolated) {  // a slice at a time, as "Load more" goes on
      added = reveal(data.nodes.filter(function (node) {
        return node.data.degree === 0 && !nodes.get(node.id);
      }).slice(0, meta.maxNodes).map(function (node) { return node.id; }), null);
    }
    refresh(added ? "Added " + plural(added, "unconnected entity", "unconnected entities") : "");
    if (added) settle();
    return added;
  };
  isolatedBox.addEventListener("change", function () {
    view.setShowIsolated(isolatedBox.checked);
  });

  function slider(name, maximum, unit, set) {
    var input = document.getElementById(name);
    var output = document.getElementById(name + "-value");
    input.max = String(Math.max(1, maximum));
    input.disabled = maximum <= 1;
    input.addEventListener("input", function () {
      var value = Number(input.value);
      output.textContent = value;
      document.getElementById(name + "-unit").textContent = value === 1 ? unit : unit + "s";
      set(value);
      refresh("");
    });
  }
  slider("min-degree", meta.maxDegree, "relation", function (value) { minDegree = value; });
  slider("min-support", meta.maxSupport, "sentence", function (value) { minSupport = value; });

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
    pinned.add(id);
    hiddenLabels.delete(byId.get(id).data.label);
    document.querySelectorAll("#legend-labels li").forEach(function (item) {
      if (item.dataset.name === byId.get(id).data.label) item.querySelector("input").checked = true;
    });
    refresh("");
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
