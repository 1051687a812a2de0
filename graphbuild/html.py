"""Interactive HTML export (pyvis). Placeholder until the explore-the-graph work lands."""

from __future__ import annotations

from pathlib import Path

import networkx as nx


def write_html(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    path.write_text("<!doctype html><title>graphbuild</title><p>HTML view not built yet.</p>\n")
    return path
