"""The HTML page's data, without a browser: escaping, reveal order, focus, CLI."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.cli import cli
from graphbuild.errors import GraphbuildError
from graphbuild.graph import write_json
from graphbuild.html import page_data, render_page, reveal_order, script_json, write_html
from graphbuild.records import SYMMETRIC_TYPES


def star_graph(hubs: int, leaves: int) -> nx.MultiDiGraph:
    """``hubs`` stars of ``leaves`` leaves each, hub 0 linked to every other hub."""
    graph = nx.MultiDiGraph()

    def add(node: str) -> None:
        graph.add_node(node, name=node.title(), label="Organization", aliases=[], documents=["d"])

    for hub in range(hubs):
        add(f"hub{hub}")
        for leaf in range(leaves + hub):  # distinct sizes make the degree order unambiguous
            add(f"leaf{hub}_{leaf}")
            graph.add_edge(f"hub{hub}", f"leaf{hub}_{leaf}", key="DEVELOPS", type="DEVELOPS",
                           support=1, evidence=[])
        if hub:
            graph.add_edge("hub0", f"hub{hub}", key="COMPETES_WITH", type="COMPETES_WITH",
                           support=2, evidence=[])
    return graph


@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
))
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
        assert (edge["arrows"] == {"to": {"enabled": False}}) is symmetric


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
