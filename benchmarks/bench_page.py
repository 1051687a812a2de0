"""How the page's data grows with the graph: ``page_data`` on a small and a ten times larger
random graph, measured in the same run. Linear work shows a ratio near 10; the quadratic
node-list checks the page once went through showed about 100.

    .venv/bin/python benchmarks/bench_page.py [--nodes 2000] [--factor 10]

The larger size is kept under the page's limit (``graphbuild.html.PAGE_NODE_LIMIT``), past
which ``page_data`` refuses a graph without a focus.
"""

from __future__ import annotations

import argparse
import random
import time

import networkx as nx

from graphbuild.html import PAGE_NODE_LIMIT, page_data


def random_graph(nodes: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """``nodes`` entities, a quarter of them linked by about one edge each, like a news corpus."""
    generator = random.Random(seed)
    graph = nx.MultiDiGraph()
    for index in range(nodes):
        graph.add_node(
            f"n{index}",
            name=f"Entity {index}",
            label="Organization",
            aliases=[],
            documents=[f"d{index % 500}"],
            mentions=1,
        )
    for index in range(nodes // 4):
        head, tail = f"n{generator.randrange(nodes)}", f"n{generator.randrange(nodes)}"
        if head != tail:
            graph.add_edge(
                head,
                tail,
                key="INVESTS_IN",
                type="INVESTS_IN",
                support=1,
                confidence=0.8,
                first_seen=None,
                last_seen=None,
                evidence=[
                    {
                        "doc_id": f"d{index % 500}",
                        "text": f"Sentence {index}.",
                        "rule": "r",
                        "confidence": 0.8,
                    }
                ],
            )
    return graph


def seconds(graph: nx.MultiDiGraph) -> float:
    started = time.perf_counter()
    page_data(graph)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--factor", type=int, default=10)
    arguments = parser.parse_args()
    large = min(arguments.nodes * arguments.factor, PAGE_NODE_LIMIT)
    small_time = seconds(random_graph(arguments.nodes))
    large_time = seconds(random_graph(large))
    print(
        f"page_data: {arguments.nodes:,} entities {small_time:.3f} s, "
        f"{large:,} entities {large_time:.3f} s, ratio {large_time / small_time:.1f} "
        f"for {large / arguments.nodes:.0f}x the entities"
    )


if __name__ == "__main__":
    main()
