"""Extraction quality on the seed articles, built by the real pipeline and model.

Scored with graphbuild's own scorer against the project's own gold file (tests/data), and,
where ``../shared/eval`` is beside the checkout, against the shared gold file too.
"""

from __future__ import annotations

from pathlib import Path

from conftest import EVAL, require_shared

from graphbuild.evaluate import evaluate, load_gold

OWN_GOLD = Path(__file__).parent / "data" / "seeds_gold.json"


def test_quality_seeds_against_own_gold(seeds_graph) -> None:
    result = evaluate(load_gold(OWN_GOLD), seeds_graph)
    report = result.render()
    assert not result.traps, report
    # floors a little under the published figures, so that a lost edge shows
    assert result.relations.precision >= 0.95, report
    assert result.relations.f1 >= 0.90, report
    assert result.entities.f1 >= 0.95, report


def test_quality_seeds_against_shared_gold(seeds_graph) -> None:
    gold = load_gold(require_shared(EVAL / "seeds.gold.json"))
    result = evaluate(gold, seeds_graph)
    report = result.render()
    assert not result.traps, report
    assert result.relations.precision >= 0.90, report
    assert result.relations.f1 >= 0.90, report
    assert result.entities.f1 >= 0.95, report


def test_quality_tech_news_dev_set() -> None:
    # 37 tech-news articles: consortia, deals, rivals and products; hedged and failed deals
    # and other traps must give no edge
    from graphbuild.pipeline import build_corpus

    gold = load_gold(require_shared(EVAL / "tech" / "dev.gold.json"))
    graph = build_corpus([EVAL / "tech" / "dev.docs.jsonl"]).graph
    result = evaluate(gold, graph)
    report = result.render()
    assert not result.traps, report
    assert result.relations.precision >= 0.93, report
    assert result.relations.f1 >= 0.79, report
    assert result.entities.f1 >= 0.96, report


def test_quality_every_seed_edge_has_evidence_in_a_seed(seeds_graph) -> None:
    seeds = {
        path.name: path.read_text(encoding="utf-8")
        for path in (Path(__file__).parent.parent / "seeds").glob("*.txt")
    }
    for _, _, attributes in seeds_graph.edges(data=True):
        for item in attributes["evidence"]:
            assert item["doc_id"] in seeds
            # offsets count from the start of the article body (after the front matter)
            assert item["text"].strip() in seeds[item["doc_id"]]
            assert item["end"] - item["start"] == len(item["text"])
            assert 0 < item["confidence"] <= 1
