"""Relationships per second into the embedded FalkorDB store: batched UNWIND against one
statement per row, measured in the same run.

    .venv/bin/python benchmarks/bench_export.py [--relationships 100000] [--per-row-sample 5000]

The batched load writes all N relationships (UNWIND $rows, 1,000 rows per transaction). The
per-row baseline runs the same MERGE statement once per relationship (batch size 1: one
statement, one round trip, one transaction per row) on a sample of the rows, and its rate is
extrapolated to N: at a few hundred rows a second, all 100,000 would take minutes and the rate
is flat in N. Both loads go into fresh graphs that already hold the same entities.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graphbuild import cypher
from graphbuild.export_falkordb import EmbeddedFalkorDB, FalkorDBWriter


def _rows(relationships: int, entities: int) -> tuple[list[dict], list[dict]]:
    nodes = [
        {"id": f"org-{i}", "properties": {"name": f"Org {i}", "label": "Organization"}}
        for i in range(entities)
    ]
    edges = []
    for i in range(relationships):
        # Ten relationships per head to ten different tails: every (head, tail) pair is distinct.
        head = (i // 10) % entities
        tail = (head + 1 + i % 10) % entities
        edges.append(
            {
                "head": f"org-{head}",
                "tail": f"org-{tail}",
                "properties": {
                    "support": 1,
                    "confidence": 0.8,
                    "first_seen": "2020-01-01",
                    "evidence_doc_ids": [f"doc{i}"],
                    "evidence_texts": [f"Sentence {i}."],
                    "evidence_starts": [0],
                    "evidence_ends": [11],
                },
            }
        )
    return nodes, edges


def _load(writer: FalkorDBWriter, statement: str, rows: list[dict], batch_size: int) -> float:
    started = time.perf_counter()
    for start in range(0, len(rows), batch_size):
        writer.write(statement, rows[start : start + batch_size])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--per-row-sample", type=int, default=5_000)
    parser.add_argument("--batch-size", type=int, default=1_000)
    options = parser.parse_args()
    entities = max(options.relationships // 10, 20)
    nodes, edges = _rows(options.relationships, entities)
    # Distinct (head, tail) pairs, so MERGE creates every relationship rather than finding one.
    assert len({(e["head"], e["tail"]) for e in edges}) == len(edges)
    statement = cypher.merge_relationships("COMPETES_WITH")
    with tempfile.TemporaryDirectory() as folder, EmbeddedFalkorDB(Path(folder)) as server:
        results = {}
        for name, rows, batch_size in (
            ("batched", edges, options.batch_size),
            ("per_row", edges[: options.per_row_sample], 1),
        ):
            writer: FalkorDBWriter = server.writer(name)
            writer.ensure_schema(cypher.FALKORDB_SCHEMA)
            _load(writer, cypher.merge_entities("Organization"), nodes, 1_000)
            seconds = _load(writer, statement, rows, batch_size)
            count = writer.run(cypher.COUNT_RELATIONSHIPS)[0]["relationships"]
            assert count == len(rows), (name, count)
            results[name] = len(rows) / seconds
            print(
                f"{name:8s} {len(rows):>7,} relationships in {seconds:7.2f} s = "
                f"{results[name]:>9,.0f} relationships/s"
            )
            writer.close()
    extrapolated = options.relationships / results["per_row"]
    print(
        f"per-row rate from a {options.per_row_sample:,}-row sample; all "
        f"{options.relationships:,} rows one per statement would take ~{extrapolated:,.0f} s"
    )
    print(f"batched / per-row: {results['batched'] / results['per_row']:.1f}x")


if __name__ == "__main__":
    main()
