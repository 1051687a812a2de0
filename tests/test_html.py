"""The HTML page's data, without a browser: escaping, reveal order, focus, limits, the page's
own script and style files, CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import resources

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import require
from hypothesis import given
from hypothesis import strategies as st

from graphbuild import html
from graphbuild.cli import cli
from graphbuild.errors import GraphbuildError, PageTooLargeError
from graphbuild.graph import write_json
from graphbuild.html import page_data, render_page, reveal_order, script_json, write_html
from graphbuild.pipeline import write_outputs
from graphbuild.records import SYMMETRIC_TYPES

PAGE_ASSETS = resources.files("graphbuild").joinpath("assets/page")


def star_graph(hubs: int, leaves: int) -> nx.MultiDiGraph:
    """``hubs`` stars of ``leaves`` leaves each, hub 0 linked to every other hub."""
    graph = nx.MultiDiGraph()

    def add(node: str) -> None:
        graph.add_node(node, name=node.title(), label="Organization", aliases=[], documents=["d"])

    for hub in range(hubs):
        add(f"hub{hub}")
        for leaf in range(leaves + hub):  # distinct sizes make the degree order unambiguous
            add(f"leaf{hub}_{leaf}")
            graph.add_edge(
                f"hub{hub}",
                f"leaf{hub}_{leaf}",
                key="DEVELOPS",
                type="DEVELOPS",
                support=1,
                evidence=[],
            )
        if hub:
            graph.add_edge(
                "hub0",
                f"hub{hub}",
                key="COMPETES_WITH",
                type="COMPETES_WITH",
                support=2,
                evidence=[],
            )
    return graph


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda children: st.lists(children) | st.dictionaries(st.text(), children),
        max_leaves=20,
    )
)
def test_html_script_json_round_trips_without_markup_characters(value):
    text = script_json(value)
    assert json.loads(text) == value
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def test_html_reveal_order_prefixes_are_connected_and_start_at_the_hub():
    graph = star_graph(hubs=4, leaves=5)
    degrees = dict(graph.degree())
    order = reveal_order(graph, degrees)
    assert sorted(order) == sorted(graph.nodes)
    assert order[0] == max(graph.nodes, key=lambda n: degrees[n])
    undirected = graph.to_undirected()
    for size in range(1, len(order) + 1):
        assert nx.is_connected(undirected.subgraph(order[:size]))


def test_html_reveal_order_covers_every_component():
    graph = star_graph(hubs=1, leaves=3)
    graph.add_node("island", name="Island", label="Product", aliases=[], documents=[])
    order = reveal_order(graph, dict(graph.degree()))
    assert order[-1] == "island" and len(order) == graph.number_of_nodes()


def test_html_large_graph_starts_from_max_nodes():
    graph = star_graph(hubs=5, leaves=30)
    page = page_data(graph, max_nodes=20)
    assert page["meta"]["initial"] == 20
    degrees = dict(graph.degree())
    assert page["nodes"][0]["id"] == max(graph.nodes, key=lambda n: degrees[n])
    assert len(page["nodes"]) == graph.number_of_nodes()  # the rest is in the page, not lost
    assert len(page["edges"]) == graph.number_of_edges()


def test_html_focus_starts_from_the_ego_network():
    graph = star_graph(hubs=3, leaves=4)
    page = page_data(graph, focus="Hub2", hops=1)  # by display name, case as shown
    ego = set(nx.ego_graph(graph.to_undirected(), "hub2", radius=1))
    initial = {node["id"] for node in page["nodes"][: page["meta"]["initial"]]}
    assert initial == ego
    assert page["meta"]["focus"] == "hub2"


@pytest.mark.parametrize(
    ("options", "fragment"),
    [({"focus": "Nobody"}, "Nobody"), ({"max_nodes": 0}, "max_nodes"), ({"hops": -1}, "hops")],
)
def test_html_rejects_bad_options(options, fragment):
    with pytest.raises(GraphbuildError, match=fragment):
        page_data(star_graph(hubs=1, leaves=2), **options)


def test_html_edges_have_arrows_only_for_directed_types():
    page = page_data(star_graph(hubs=2, leaves=2))
    for edge in page["edges"]:
        symmetric = edge["data"]["type"] in SYMMETRIC_TYPES
        assert (edge.get("arrows") == {"to": {"enabled": False}}) is symmetric


def test_html_page_loads_nothing_from_elsewhere(tmp_path):
    page = render_page(page_data(star_graph(hubs=1, leaves=2)))
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=", page, re.IGNORECASE)
    assert "default-src 'none'" in page  # the browser itself refuses any fetch


def test_html_cli_writes_the_page(tmp_path):
    graph_file = write_json(star_graph(hubs=2, leaves=3), tmp_path / "graph.json")
    result = CliRunner().invoke(cli, ["html", str(graph_file), "--focus", "hub1", "--hops", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_html_cli_reports_an_unknown_focus(tmp_path):
    graph_file = write_json(star_graph(hubs=1, leaves=1), tmp_path / "graph.json")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["html", str(graph_file), "--out", str(out), "--focus", "X"])
    assert result.exit_code == 1
    assert "no entity of that name" in result.output
    assert not out.exists()


def test_html_write_html_returns_the_path(tmp_path):
    written = write_html(star_graph(hubs=1, leaves=1), tmp_path / "sub" / "g.html")
    assert written == tmp_path / "sub" / "g.html" and written.is_file()


def with_islands(graph: nx.MultiDiGraph, count: int) -> nx.MultiDiGraph:
    """``graph`` plus ``count`` entities without a relation, as most of a news corpus's are."""
    for index in range(count):
        graph.add_node(
            f"island{index}",
            name=f"Island {index}",
            label="Organization",
            aliases=[],
            documents=["d"],
        )
    return graph


def test_html_first_view_holds_connected_entities_only():
    graph = with_islands(star_graph(hubs=2, leaves=3), 5)
    page = page_data(graph, max_nodes=500)
    degrees = dict(graph.degree())
    initial = [node["id"] for node in page["nodes"][: page["meta"]["initial"]]]
    assert sorted(initial) == sorted(n for n in graph.nodes if degrees[n])
    assert page["meta"]["isolatedCount"] == 5 and page["meta"]["showIsolated"] is False
    assert page["meta"]["maxDegree"] == max(degrees.values())


def test_html_graph_without_relations_shows_its_entities():
    page = page_data(with_islands(nx.MultiDiGraph(), 4))
    assert page["meta"]["initial"] == 4 and page["meta"]["showIsolated"] is True


def test_html_date_filter_only_for_dated_graphs():
    graph = star_graph(hubs=1, leaves=2)
    assert page_data(graph)["meta"]["dated"] is False
    head, tail, key = next(iter(graph.edges(keys=True)))
    graph.edges[head, tail, key]["first_seen"] = "2005-01-02"
    assert page_data(graph)["meta"]["dated"] is True


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("count", [2, 3, 4])
def test_html_parallel_edges_bend_apart(count, reverse):
    graph = star_graph(hubs=1, leaves=1)
    types = ["ACQUIRED", "INVESTS_IN", "PARTNERS_WITH", "USES"][:count]
    for index, relation_type in enumerate(types):
        # every other edge the other way round: the bends must still not coincide
        head, tail = ("hub0", "leaf0_0") if (index % 2 == 1) == reverse else ("leaf0_0", "hub0")
        graph.add_edge(head, tail, key=relation_type, type=relation_type, support=1, evidence=[])
    page = page_data(graph)
    pair = [edge for edge in page["edges"] if {edge["from"], edge["to"]} == {"hub0", "leaf0_0"}]
    assert len(pair) == count + 1

    def bend(edge: dict) -> float:
        """Signed roundness as seen along hub0 -> leaf0_0 (clockwise positive)."""
        smooth = edge["smooth"]
        sign = 1 if smooth["type"] == "curvedCW" else -1
        return sign * smooth["roundness"] * (1 if edge["from"] == "hub0" else -1)

    bends = [bend(edge) for edge in pair]
    assert len(set(bends)) == len(bends)  # no two edges of the pair drawn on the same curve


def test_html_single_edges_keep_the_default_curve():
    page = page_data(star_graph(hubs=2, leaves=2))
    assert all("smooth" not in edge for edge in page["edges"])


def test_html_too_large_graph_is_refused_without_focus(monkeypatch):
    monkeypatch.setattr(html, "PAGE_NODE_LIMIT", 10)
    graph = star_graph(hubs=3, leaves=4)
    with pytest.raises(PageTooLargeError, match="--focus"):
        page_data(graph)


def test_html_too_large_graph_gives_a_focus_page_of_its_neighbourhood(monkeypatch):
    monkeypatch.setattr(html, "PAGE_NODE_LIMIT", 12)
    graph = star_graph(hubs=3, leaves=4)
    page = page_data(graph, focus="hub1", hops=1)
    ids = {node["id"] for node in page["nodes"]}
    assert len(ids) <= 12 and "hub1" in ids
    assert set(nx.ego_graph(graph.to_undirected(), "hub1", radius=1)) <= ids
    assert page["meta"]["graphNodeCount"] == graph.number_of_nodes() > page["meta"]["nodeCount"]
    assert all(edge["from"] in ids and edge["to"] in ids for edge in page["edges"])


def test_html_build_skips_a_too_large_page_and_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(html, "PAGE_NODE_LIMIT", 10)
    (tmp_path / "graph.html").write_text("a page of an earlier, smaller graph", encoding="utf-8")
    graph = star_graph(hubs=3, leaves=4)
    written = write_outputs(graph, tmp_path)
    assert [path.name for path in written] == ["graph.json", "graph.graphml"]
    assert not (tmp_path / "graph.html").exists()
    error = capsys.readouterr().err
    assert f"page skipped: the graph has {graph.number_of_nodes()} entities" in error
    assert "--focus" in error


def test_html_cli_refuses_a_too_large_page(monkeypatch, tmp_path):
    monkeypatch.setattr(html, "PAGE_NODE_LIMIT", 10)
    graph = star_graph(hubs=3, leaves=4)
    graph_file = write_json(graph, tmp_path / "graph.json")
    result = CliRunner().invoke(cli, ["html", str(graph_file)])
    assert result.exit_code == 1
    assert f"graphbuild: error: the graph has {graph.number_of_nodes()} entities" in result.output
    assert not (tmp_path / "graph.html").exists()
    result = CliRunner().invoke(cli, ["html", str(graph_file), "--focus", "hub2", "--hops", "1"])
    assert result.exit_code == 0, result.output


def test_html_page_is_built_from_its_asset_files():
    page = render_page(page_data(star_graph(hubs=1, leaves=2)))
    for name in ("page.css", "page.js"):
        assert PAGE_ASSETS.joinpath(name).read_text(encoding="utf-8") in page
    assert "/*" + "GRAPH_JSON*/" not in page and "/*" + "PAGE_JS*/" not in page


def test_html_page_script_parses_with_node(tmp_path):
    node = shutil.which("node")
    require(node is not None, "Node.js not found (node --check lints the page's script)")
    script = tmp_path / "page.js"  # a real file, wherever the package is installed
    script.write_text(PAGE_ASSETS.joinpath("page.js").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [str(node), "--check", str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# What the page's script must never do: article text reaches the DOM through textContent only,
# and nothing is evaluated from a string or fetched.
FORBIDDEN_IN_PAGE_JS = {
    r"\.innerHTML\b": "innerHTML parses markup",
    r"\.outerHTML\b": "outerHTML parses markup",
    r"\binsertAdjacentHTML\b": "insertAdjacentHTML parses markup",
    r"\bdocument\.write": "document.write parses markup",
    r"\beval\s*\(": "eval runs strings",
    r"\bnew\s+Function\b": "Function runs strings",
    r"setTimeout\(\s*[\"']": "a string timer runs strings",
    r"\.setAttribute\(\s*[\"']on": "an on* attribute runs strings",
    r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b": "the page never fetches",
    r"\bimport\s*\(": "the page never loads modules",
}


def test_html_page_script_lint():
    script = PAGE_ASSETS.joinpath("page.js").read_text(encoding="utf-8")
    code = re.sub(r"^\s*//.*$", "", script, flags=re.MULTILINE)  # comments may name them
    problems = [
        reason for pattern, reason in FORBIDDEN_IN_PAGE_JS.items() if re.search(pattern, code)
    ]
    assert problems == []
    assert '"use strict";' in code
    assert "</script" not in script.lower()
    assert "</style" not in PAGE_ASSETS.joinpath("page.css").read_text(encoding="utf-8").lower()


def test_html_page_template_keeps_its_content_security_policy():
    template = PAGE_ASSETS.joinpath("page.html").read_text(encoding="utf-8")
    assert re.search(r"default-src 'none'; script-src 'unsafe-inline'", template)
    assert "'unsafe-eval'" not in template


def test_html_cli_help_states_the_page_limits():
    help_text = " ".join(CliRunner().invoke(cli, ["html", "--help"]).output.split())
    assert f"{html.PAGE_NODE_LIMIT:,} entities or {html.PAGE_EDGE_LIMIT:,} relations" in help_text
