"""graph.html in a real headless Chromium with every network request refused.

Each test reads the page's own state through JavaScript (``window.graphbuildView``) and checks
it against the graph it was written from; no expected number is typed in by hand. Screenshots
go to tests/artifacts/.

The corpus page (BBC_ARTICLES articles of the BBC news corpus, built by the real pipeline,
most of whose entities have no relation) must go idle (layout stopped, physics off) within
LARGE_IDLE_BOUND seconds after load; the page's own stabilisation is bounded by an iteration
count, so this wait is a safety net for a frozen page, not a speed measurement.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import CORPUS, ROOT, SEEDS, require, require_shared

from graphbuild.canonical import Canonicalizer
from graphbuild.graph import GraphBuilder
from graphbuild.html import write_html
from graphbuild.records import Document, DocumentResult, Evidence, Mention, Relation

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("GRAPHBUILD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
SEEDS_IDLE_BOUND = 30  # seconds
LARGE_IDLE_BOUND = 60  # seconds, on a 2-core CI runner
# BBC business articles read for the corpus graph: about 1,200 entities, 250 of them connected.
BBC_ARTICLES = 320
LARGE_MIN_CONNECTED = 150
# A name drawn smaller than this on screen does not count as legible.
LEGIBLE_PX = 11.5


@dataclass
class PageProbe:
    """What a page did besides rendering: console errors and requests that tried to leave."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def state(self) -> dict[str, Any]:
        return self.page.evaluate(
            "({total: graphbuildView.total, shown: graphbuildView.shown(),"
            " visible: graphbuildView.visible(), legend: graphbuildView.legend(),"
            " idle: graphbuildView.idle, layoutRuns: graphbuildView.layoutRuns,"
            " ids: graphbuildView.network.body.data.nodes.getIds()})"
        )

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.requests == [], self.requests


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory) -> Iterator[Any]:
    require(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # fresh profile every run
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
            service_workers="block",
        )
        yield context
        context.close()


@pytest.fixture
def open_page(browser_context) -> Iterator[Any]:
    probes: list[PageProbe] = []

    def opener(path: Path) -> PageProbe:
        page = browser_context.new_page()
        probe = PageProbe(page)
        page_url = path.resolve().as_uri()

        def guard(route: Any) -> None:
            url = route.request.url
            if url == page_url or url.startswith("data:"):
                route.continue_()
            else:  # anything else, even a local file, means the page tried to fetch something
                probe.requests.append(url)
                route.abort()

        page.route("**/*", guard)
        page.on("console", lambda m: m.type == "error" and probe.errors.append(m.text))
        page.on("pageerror", lambda error: probe.errors.append(f"pageerror: {error}"))
        page.on("requestfailed", lambda r: r.url != page_url and probe.requests.append(r.url))
        page.goto(page_url)
        probes.append(probe)
        return probe

    yield opener
    for probe in probes:
        probe.page.close()


def wait_idle(page: Any, runs: int, bound: int) -> None:
    """Wait until the page's ``runs``-th layout has finished and physics is off again."""
    page.wait_for_selector(
        f'body[data-layout=idle][data-layout-runs="{runs}"]', state="attached", timeout=bound * 1000
    )


def screenshot(probe: PageProbe, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    probe.page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000  # a blank page compresses to far less
    return path


def edges_among(graph: nx.MultiDiGraph, nodes: set[str], min_support: int = 1) -> int:
    return sum(
        1
        for head, tail, attributes in graph.edges(data=True)
        if head in nodes and tail in nodes and attributes["support"] >= min_support
    )


def connected_nodes(graph: nx.MultiDiGraph) -> set[str]:
    return {node for node, degree in graph.degree() if degree}


def set_slider(page: Any, selector: str, value: int) -> None:
    """Move a range input as a user's drag does: a new value, then an input event."""
    page.eval_on_selector(
        selector,
        "(input, value) => { input.value = String(value);"
        " input.dispatchEvent(new Event('input', {bubbles: true})); }",
        value,
    )


def legend_expected(graph: nx.MultiDiGraph) -> tuple[dict[str, int], dict[str, int]]:
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    for _, attributes in graph.nodes(data=True):
        labels[attributes["label"]] = labels.get(attributes["label"], 0) + 1
    for _, _, attributes in graph.edges(data=True):
        types[attributes["type"]] = types.get(attributes["type"], 0) + 1
    return labels, types


@pytest.fixture(scope="module")
def seeds_page_graph(request) -> nx.MultiDiGraph:
    """The seeds' graph from the lead's session fixture, or built here the same way."""
    try:
        return request.getfixturevalue("seeds_graph")
    except pytest.FixtureLookupError:
        from graphbuild.pipeline import build_corpus

        return build_corpus([SEEDS]).graph


def test_html_seeds_page_offline(seeds_page_graph, open_page, tmp_path):
    graph = seeds_page_graph
    assert graph.number_of_edges() > 0
    probe = open_page(write_html(graph, tmp_path / "graph.html"))
    wait_idle(probe.page, 1, SEEDS_IDLE_BOUND)
    state = probe.state()

    assert state["total"] == {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    # Small enough to show whole, but for the entities without a relation, behind their toggle.
    connected = connected_nodes(graph)
    assert set(state["ids"]) == connected
    assert state["shown"] == {"nodes": len(connected), "edges": graph.number_of_edges()}
    assert state["layoutRuns"] == 1
    labels, types = legend_expected(graph)
    assert {entry["name"]: entry["count"] for entry in state["legend"]["labels"]} == labels
    assert {entry["name"]: entry["count"] for entry in state["legend"]["types"]} == types
    assert probe.page.locator("#dates").is_visible()  # the seeds are dated
    screenshot(probe, "seeds.png")

    isolated = graph.number_of_nodes() - len(connected)
    require(isolated > 0, "every entity of the seeds has a relation: nothing to toggle")
    assert probe.page.locator("#isolated-count").inner_text() == str(isolated)
    probe.page.check("#show-isolated")
    wait_idle(probe.page, 2, SEEDS_IDLE_BOUND)
    assert probe.state()["shown"] == state["total"]
    probe.assert_clean()


def test_html_seeds_page_filters_search_and_evidence(seeds_page_graph, open_page, tmp_path):
    graph = seeds_page_graph
    probe = open_page(write_html(graph, tmp_path / "graph.html"))
    page = probe.page
    wait_idle(page, 1, SEEDS_IDLE_BOUND)
    _, types = legend_expected(graph)

    # Unticking a relation type in the legend hides exactly that type's edges.
    relation_type = max(types, key=lambda t: (types[t], t))
    page.locator(f'#legend-types li[data-name="{relation_type}"] input').uncheck()
    assert probe.state()["visible"]["edges"] == graph.number_of_edges() - types[relation_type]
    page.locator(f'#legend-types li[data-name="{relation_type}"] input').check()

    # A date range keeps the edges seen inside it.
    dates = sorted({d for _, _, a in graph.edges(data=True) for d in (a["first_seen"],) if d})
    require(bool(dates), "the seeds' graph has no dated edges")
    start = end = dates[0]
    inside = sum(
        1
        for _, _, a in graph.edges(data=True)
        if a["first_seen"]
        and a["first_seen"] <= end
        and (a["last_seen"] or a["first_seen"]) >= start
    )
    page.fill("#date-from", start)
    page.fill("#date-to", end)
    assert probe.state()["visible"]["edges"] == inside
    page.fill("#date-from", "")
    page.fill("#date-to", "")

    # Search finds the best-connected entity and shows its aliases and documents.
    node = max(graph.nodes, key=lambda n: (graph.degree(n), n))
    attributes = graph.nodes[node]
    page.fill("#search-input", attributes["name"].lower())
    page.press("#search-input", "Enter")
    details = page.locator("#details")
    assert details.locator("h2").inner_text() == attributes["name"]
    assert page.evaluate("graphbuildView.network.getSelectedNodes()") == [node]
    for alias in attributes["aliases"]:
        assert alias in details.inner_text()
    assert details.locator("ul li").count() == len(attributes["documents"])

    # An edge's panel lists every evidence sentence, with its document and date.
    head, tail, edge = max(graph.edges(data=True), key=lambda e: (e[2]["support"], e[0], e[1]))
    edge_id = page.evaluate(
        "([h, t, type]) => graphbuildView.network.body.data.edges.get({filter: e =>"
        " e.from === h && e.to === t && e.data.type === type})[0].id",
        [head, tail, edge["type"]],
    )
    page.evaluate("id => graphbuildView.showEdge(id)", edge_id)
    screenshot(probe, "seeds-evidence.png")
    sentences = details.locator(".sentence").all_inner_texts()
    assert sentences == [evidence["text"] for evidence in edge["evidence"]]
    sources = details.locator(".source").all_inner_texts()
    for evidence, source in zip(edge["evidence"], sources, strict=True):
        assert evidence["doc_id"] in source
        if evidence["date"]:
            assert evidence["date"] in source
    probe.assert_clean()


PAYLOADS = (
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "\"'><svg onload=window.__pwned='svg'>",
    "</script><script>window.__pwned = 'breakout'</script>",
    "Line\u2028Separator & <b>bold</b> &amp; Co",
)


def hostile_graph() -> nx.MultiDiGraph:
    """Entities, aliases, sentences, titles and URLs made of markup and script."""
    builder = GraphBuilder(Canonicalizer(()))
    for index, (head_name, tail_name) in enumerate(itertools.pairwise((*PAYLOADS, PAYLOADS[0]))):
        sentence = f"{head_name} competes with {tail_name}."
        document = Document(
            id=f"doc-{index}<i>",
            text=sentence,
            title=PAYLOADS[index],
            date=f"2015-0{index + 1}-01",
            url="javascript:window.__pwned='url'",
        )
        head = Mention(
            text=head_name, name=head_name, label="Organization", start=0, end=len(head_name)
        )
        tail_start = sentence.index(tail_name, len(head_name))
        tail = Mention(
            text=f"{tail_name} alias",
            name=tail_name,
            label="Product",
            start=tail_start,
            end=tail_start + len(tail_name),
        )
        evidence = Evidence(
            doc_id=document.id,
            text=sentence,
            start=0,
            end=len(sentence),
            head_mention=head_name,
            tail_mention=tail_name,
            rule="<rule onclick=x>",
            confidence=0.9,
            date=document.date,
        )
        builder.add(
            DocumentResult(
                document=document,
                mentions=(head, tail),
                relations=(
                    Relation(head=head, type="COMPETES_WITH", tail=tail, evidence=evidence),
                    Relation(head=head, type="ACQUIRED", tail=tail, evidence=evidence),
                ),
            )
        )
    return builder.graph()


def test_html_article_text_is_never_markup(open_page, tmp_path):
    graph = hostile_graph()
    assert graph.number_of_nodes() == len(PAYLOADS)
    probe = open_page(write_html(graph, tmp_path / "graph.html"))
    page = probe.page
    wait_idle(page, 1, SEEDS_IDLE_BOUND)

    # Open every panel and build every tooltip, so each string has reached the DOM.
    for node in graph.nodes:
        page.evaluate("id => graphbuildView.showNode(id)", node)
        assert page.locator("#details h2").inner_text() == graph.nodes[node]["name"]
    edge_ids = page.evaluate("graphbuildView.network.body.data.edges.getIds()")
    shown_sentences = []
    for edge_id in edge_ids:
        page.evaluate("id => graphbuildView.showEdge(id)", edge_id)
        shown_sentences += page.locator("#details .sentence").all_inner_texts()
        assert page.locator("#details a").count() == 0  # javascript: URLs never become links
    expected = {e["text"] for _, _, a in graph.edges(data=True) for e in a["evidence"]}
    assert set(shown_sentences) == expected
    page.fill("#search-input", PAYLOADS[1])
    page.press("#search-input", "Enter")
    assert page.locator("#details h2").inner_text() == PAYLOADS[1]

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img, svg, b, i, rule").count() == 0  # nothing was parsed as HTML
    assert page.locator("script").count() == 3  # data, vis-network, page
    assert page.locator("#details a").count() == 0
    tooltips = page.evaluate(
        "Object.values(graphbuildView.network.body.nodes).concat("
        "Object.values(graphbuildView.network.body.edges))"
        ".map(item => item.options.title).filter(Boolean)"
        ".map(title => [title.querySelectorAll('*:not(div):not(strong)').length,"
        " title.textContent])"
    )
    assert len(tooltips) == graph.number_of_nodes() + graph.number_of_edges()
    assert all(count == 0 for count, _ in tooltips)
    assert any(PAYLOADS[0] in text for _, text in tooltips)
    probe.assert_clean()


@pytest.fixture(scope="session")
def corpus_graph(tmp_path_factory) -> nx.MultiDiGraph:
    """BBC_ARTICLES articles of ../shared/corpus's BBC news, built by the real pipeline."""
    source = require_shared(CORPUS / "bbc-news-2004-2005.jsonl")
    from graphbuild.pipeline import build_corpus

    subset = tmp_path_factory.mktemp("corpus") / "bbc-subset.jsonl"
    with source.open(encoding="utf-8") as lines, subset.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(lines, BBC_ARTICLES))
    graph = build_corpus([subset]).graph
    connected = connected_nodes(graph)
    assert len(connected) >= LARGE_MIN_CONNECTED, (
        f"{BBC_ARTICLES} articles gave {len(connected)} connected entities; read more"
    )
    assert graph.number_of_nodes() > len(connected)  # the page's first view has to choose
    return graph


def midpoint_gaps(page: Any) -> list[float]:
    """For each pair of entities linked by several edges on screen, the smallest distance
    (canvas units) between the midpoints of two of its edges as drawn."""
    return page.evaluate(
        """() => {
          const network = graphbuildView.network;
          const pairs = new Map();
          network.body.data.edges.get().forEach(edge => {
            const key = [edge.from, edge.to].sort().join("\u0000");
            if (!pairs.has(key)) pairs.set(key, []);
            pairs.get(key).push(network.body.edges[edge.id].edgeType.getPoint(0.5));
          });
          return Array.from(pairs.values()).filter(points => points.length > 1).map(points => {
            let gap = Infinity;
            points.forEach((a, i) => points.slice(i + 1).forEach(b => {
              gap = Math.min(gap, Math.hypot(a.x - b.x, a.y - b.y));
            }));
            return gap;
          });
        }"""
    )


@pytest.mark.slow
def test_html_corpus_first_view_is_connected_legible_and_idle(corpus_graph, open_page, tmp_path):
    graph = corpus_graph
    degrees = dict(graph.degree())
    connected = connected_nodes(graph)
    probe = open_page(write_html(graph, tmp_path / "graph.html"))
    page = probe.page
    wait_idle(page, 1, LARGE_IDLE_BOUND)
    assert page.evaluate("graphbuildView.network.physics.physicsEnabled") is False
    state = probe.state()
    shown = set(state["ids"])
    # No unconnected entity in the first view: the most connected part, up to max_nodes.
    assert [node for node in shown if not degrees[node]] == []
    assert len(shown) == min(len(connected), 500)
    assert state["shown"]["edges"] == edges_among(graph, shown)

    # Names: the best-connected entities carry one, drawn at a size that reads.
    labels = {label["id"]: label["px"] for label in page.evaluate("graphbuildView.labels()")}
    hubs = sorted(shown, key=lambda n: (-degrees[n], n))[:3]
    assert set(hubs) <= set(labels)
    assert len(labels) >= 20
    assert min(labels.values()) >= LEGIBLE_PX
    dated = any(a["first_seen"] for _, _, a in graph.edges(data=True))
    assert page.locator("#dates").is_visible() is dated
    isolated = graph.number_of_nodes() - len(connected)
    assert page.locator("#isolated-count").inner_text() == str(isolated)
    screenshot(probe, "large-after.png")

    # Tooltips count in the singular too.
    texts = page.evaluate(
        "graphbuildView.network.body.data.edges.get()"
        ".map(e => [e.data.support, graphbuildView.network.body.edges[e.id].options.title"
        ".textContent])"
    )
    single = [text for support, text in texts if support == 1]
    assert single and all("1 sentence" in t and "1 sentences" not in t for t in single)

    # Edges of one pair are drawn apart.
    gaps = midpoint_gaps(page)
    require(bool(gaps), "no pair of entities with two relations in this corpus slice")
    assert min(gaps) > 10

    # The sliders keep entities with enough relations and relations with enough sentences.
    set_slider(page, "#min-degree", 3)
    kept = {node for node in shown if degrees[node] >= 3}
    state = probe.state()
    assert set(state["ids"]) == kept
    assert state["visible"]["edges"] == edges_among(graph, kept)
    set_slider(page, "#min-degree", 1)
    set_slider(page, "#min-support", 2)
    assert probe.state()["visible"]["edges"] == edges_among(graph, shown, min_support=2)
    set_slider(page, "#min-support", 1)

    # The toggle brings the unconnected entities back (as many as a view holds; "Load more"
    # has the rest), and the page goes idle again.
    page.check("#show-isolated")
    wait_idle(page, 2, LARGE_IDLE_BOUND)
    state = probe.state()
    assert state["visible"]["nodes"] == len(shown) + min(isolated, 500)
    assert page.locator("#load-more").is_enabled() is (isolated > 500)
    assert page.evaluate("graphbuildView.network.physics.physicsEnabled") is False
    probe.assert_clean()


@pytest.mark.slow
def test_html_large_page_goes_idle_and_reveals_the_rest(corpus_graph, open_page, tmp_path):
    graph = corpus_graph
    degrees = dict(graph.degree())
    connected = connected_nodes(graph)
    max_nodes = 100
    probe = open_page(write_html(graph, tmp_path / "graph.html", max_nodes=max_nodes))
    page = probe.page
    wait_idle(page, 1, LARGE_IDLE_BOUND)
    state = probe.state()
    assert state["total"] == {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    shown = set(state["ids"])
    assert len(shown) == state["shown"]["nodes"] == max_nodes
    assert state["shown"]["edges"] == edges_among(graph, shown)
    # It starts from the most connected part: the best-connected entities.
    hubs = sorted(graph.nodes, key=lambda n: (-degrees[n], n))[:10]
    assert set(hubs) <= shown
    assert page.evaluate("graphbuildView.network.physics.physicsEnabled") is False

    # Search reaches an entity that is not on screen yet, even one without a relation.
    hidden = next(n for n in sorted(graph.nodes) if not degrees[n])
    page.fill("#search-input", graph.nodes[hidden]["name"])
    page.press("#search-input", "Enter")
    wait_idle(page, 2, LARGE_IDLE_BOUND)
    shown_after_search = set(probe.state()["ids"])
    assert hidden in shown_after_search

    # "Load more" brings in the next slice of connected entities.
    page.click("#load-more")
    wait_idle(page, 3, LARGE_IDLE_BOUND)
    state = probe.state()
    waiting = len(connected - shown_after_search)
    assert state["shown"]["nodes"] == len(shown_after_search) + min(max_nodes, waiting)
    assert state["shown"]["edges"] == edges_among(graph, set(state["ids"]))
    probe.assert_clean()


@pytest.mark.slow
def test_html_large_focus_page_expands_on_double_click(corpus_graph, open_page, tmp_path):
    graph = corpus_graph
    undirected = graph.to_undirected(as_view=True)

    def ego(node: str, hops: int) -> set[str]:
        return set(nx.single_source_shortest_path_length(undirected, node, cutoff=hops))

    centre = max(graph.nodes, key=lambda n: (len(ego(n, 2)) > len(ego(n, 1)), graph.degree(n), n))
    border = next(n for n in sorted(ego(centre, 1)) if ego(n, 1) - ego(centre, 1))
    probe = open_page(
        write_html(graph, tmp_path / "graph.html", focus=graph.nodes[centre]["name"], hops=1)
    )
    page = probe.page
    wait_idle(page, 1, LARGE_IDLE_BOUND)
    assert set(probe.state()["ids"]) == ego(centre, 1)

    # A real double-click on the node, where the page has drawn it.
    x, y = page.evaluate(
        """id => {
          const network = graphbuildView.network;
          network.fit({nodes: [id], animation: false});
          const at = network.canvasToDOM(network.getPositions([id])[id]);
          const box = document.getElementById("graph").getBoundingClientRect();
          return [box.left + at.x, box.top + at.y];
        }""",
        border,
    )
    page.mouse.dblclick(x, y)
    wait_idle(page, 2, LARGE_IDLE_BOUND)
    state = probe.state()
    assert set(state["ids"]) == ego(centre, 1) | ego(border, 1)
    assert state["layoutRuns"] == 2
    probe.assert_clean()


def test_html_focus_page_starts_from_the_ego_network(seeds_page_graph, open_page, tmp_path):
    graph = seeds_page_graph
    centre = max(graph.nodes, key=lambda n: (graph.degree(n), n))
    probe = open_page(
        write_html(graph, tmp_path / "graph.html", focus=graph.nodes[centre]["name"], hops=1)
    )
    wait_idle(probe.page, 1, SEEDS_IDLE_BOUND)
    ego = set(nx.ego_graph(graph.to_undirected(), centre, radius=1))
    assert set(probe.state()["ids"]) == ego
    assert probe.page.locator("#status").inner_text().startswith("Around ")
    probe.assert_clean()
